"""Following from the council page and the account page, unsubscribing without signing in, What's new with
its filters and CSV, and the Atom feeds validated as Atom (RFC 4287) with a real XML parser."""

import csv
import datetime
import io
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from alerts import news, tokens
from alerts.models import AlertSettings, Follow, NewsItem
from inspections.official.save import import_file
from tests.official.helpers import FILE_2025

from .conftest import DERBY, DERBY_LETTER, DEVON, DEVON_REPORT, council, make_follower, publish_file

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _text(response) -> str:
    html = re.sub(r"<script.*?</script>", " ", response.content.decode(), flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#x27;", "'").replace("&quot;", '"').split())


# --- Following -------------------------------------------------------------------------------------------


def test_follow_and_unfollow_from_the_council_page(client):
    user = make_follower("anna")
    devon = council(DEVON)
    page = client.get(devon.get_absolute_url())
    assert "Sign in to follow Devon" in _text(page)
    client.force_login(user)
    assert "Follow Devon" in _text(client.get(devon.get_absolute_url()))
    response = client.post(reverse("alerts:follow", args=[devon.slug]), {"next": devon.get_absolute_url()})
    assert response.status_code == 302 and response["Location"] == devon.get_absolute_url()
    client.post(reverse("alerts:follow", args=[devon.slug]))  # twice: still one follow
    assert Follow.objects.filter(user=user, authority=devon).count() == 1
    assert "Stop following" in _text(client.get(devon.get_absolute_url()))
    # `next` never sends anyone off the site.
    response = client.post(reverse("alerts:unfollow", args=[devon.slug]), {"next": "https://evil.example/"})
    assert response["Location"] == devon.get_absolute_url()
    assert not Follow.objects.filter(user=user).exists()


def test_following_needs_a_signed_in_user_and_a_post(client):
    devon = council(DEVON)
    response = client.post(reverse("alerts:follow", args=[devon.slug]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(make_follower("anna"))
    assert client.get(reverse("alerts:follow", args=[devon.slug])).status_code == 405
    assert not Follow.objects.exists()


def test_the_account_page_follows_councils_and_chooses_the_digest(client):
    user = make_follower("anna", DERBY)
    client.force_login(user)
    page = client.get(reverse("alerts:account"))
    assert "Derby" in _text(page)
    client.post(reverse("alerts:account"), {"council": council(DEVON).slug})
    assert set(Follow.objects.filter(user=user).values_list("authority__gss_code", flat=True)) == {
        DEVON,
        DERBY,
    }
    bad = client.post(reverse("alerts:account"), {"email": "not an address", "frequency": "daily"})
    assert bad.status_code == 400
    assert "Enter an e-mail address in the correct format" in _text(bad)
    client.post(reverse("alerts:account"), {"email": "anna@council.example", "frequency": "daily"})
    user.refresh_from_db()
    assert user.email == "anna@council.example"
    assert AlertSettings.objects.get(user=user).frequency == AlertSettings.Frequency.DAILY


def test_the_unsubscribe_link_works_without_signing_in_and_for_one_click_clients(client):
    user = make_follower("anna", DEVON, DERBY)
    url = reverse("alerts:unsubscribe", args=[tokens.make(user.pk, council(DEVON).pk)])
    page = client.get(url)
    assert page.status_code == 200 and "Stop e-mails about Devon?" in _text(page)
    assert Follow.objects.filter(user=user).count() == 2  # a GET (a mail scanner's prefetch) changes nothing
    done = client.post(url)
    assert "We will not e-mail you about Devon again" in _text(done)
    assert list(Follow.objects.filter(user=user).values_list("authority__gss_code", flat=True)) == [DERBY]
    # RFC 8058 one-click: a POST with no CSRF token, from the mail client.
    every = reverse("alerts:unsubscribe", args=[tokens.make(user.pk, None)])
    from django.test import Client

    assert Client(enforce_csrf_checks=True).post(every, {"List-Unsubscribe": "One-Click"}).status_code == 200
    assert not Follow.objects.filter(user=user).exists()


def test_a_forged_or_cut_unsubscribe_token_is_refused_with_a_clear_message(client):
    user = make_follower("anna", DEVON)
    token = tokens.make(user.pk, council(DEVON).pk)
    for bad in (token[:-3], token.replace(":", ":x", 1), "nonsense"):
        response = client.post(reverse("alerts:unsubscribe", args=[bad]))
        assert response.status_code == 400
        assert "This unsubscribe link does not work" in _text(response)
    assert Follow.objects.filter(user=user).exists()


# --- What's new --------------------------------------------------------------------------------------------


@pytest.fixture
def published():
    publish_file(DEVON_REPORT)
    publish_file(DERBY_LETTER)
    return NewsItem.objects.order_by("published_on")


def test_whats_new_lists_everything_published_with_where_the_data_end(client, published):
    page = client.get(reverse("alerts:whats_new"))
    text = _text(page)
    assert page.status_code == 200
    for item in published:
        assert item.title in text
    assert "The newest item was added on" in text
    assert "does not fetch anything from Ofsted" in text


def test_whats_new_since_a_date_and_by_council_region_and_framework(client, published):
    devon, derby = published.get(authority__gss_code=DEVON), published.get(authority__gss_code=DERBY)
    # The letter gives its publication date; the report's reading has none, so it counts from its arrival.
    assert derby.published_on == datetime.date(2021, 8, 9) and devon.published_on is None
    since = derby.published_on + datetime.timedelta(days=1)
    query = {"since-day": since.day, "since-month": since.month, "since-year": since.year}
    text = _text(client.get(reverse("alerts:whats_new"), query))
    assert devon.title in text and derby.title not in text
    assert f"Published since {since:%-d %B %Y}" in text
    text = _text(client.get(reverse("alerts:whats_new"), {"council": council(DEVON).slug}))
    assert devon.title in text and derby.title not in text
    text = _text(client.get(reverse("alerts:whats_new"), {"region": "South West"}))
    assert devon.title in text and derby.title not in text
    text = _text(client.get(reverse("alerts:whats_new"), {"framework": "focused_visit"}))
    assert derby.title in text and devon.title not in text


def test_whats_new_refuses_an_impossible_date_with_a_clear_message(client, published):
    response = client.get(
        reverse("alerts:whats_new"), {"since-day": "31", "since-month": "2", "since-year": "2026"}
    )
    assert response.status_code == 400
    assert "The date must be a real date" in _text(response)
    response = client.get(reverse("alerts:whats_new"), {"since-day": "1", "since-year": "2026"})
    assert "The date must include a month" in _text(response)


def test_whats_new_csv_holds_the_rows_the_page_shows(client, published):
    response = client.get(reverse("alerts:whats_new"), {"council": council(DEVON).slug, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == [
        "Date",
        "Date is",
        "Council",
        "Region",
        "Kind",
        "What was published",
        "Source",
        "Added here",
    ]
    (row,) = rows[1:-1]
    # The CSV helper's trailer: a file cut short never looks complete.
    assert rows[-1] == ["# End of data: 1 rows. A file without this line is incomplete."]
    devon = published.get(authority__gss_code=DEVON)
    assert row[0] == timezone.localdate().isoformat() and row[1] == "Added here (no publication date)"
    assert row[2:5] == ["Devon", "South West", "ILACS"]
    assert row[5] == devon.title and row[6].startswith("Document: devon_ilacs_2020-03-17.pdf")


# --- Feeds ------------------------------------------------------------------------------------------------


def _assert_atom(response) -> ET.Element:
    """The required elements of RFC 4287, checked with a real XML parser."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314 - our own response, not untrusted input
    assert feed.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, f"feed needs exactly one {name}"
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    has_feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    ids = set()
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, f"entry needs exactly one {name}"
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert (
            entry.find(f"{ATOM}link[@rel='alternate']") is not None
            or entry.find(f"{ATOM}content") is not None
        )
        assert has_feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
        ids.add(entry.findtext(f"{ATOM}id"))
        assert entry.findtext(f"{ATOM}id").startswith("tag:")
    assert len(ids) == len(entries)
    return feed


def _titles(feed) -> list[str]:
    return [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]


def test_the_feeds_validate_as_atom_and_hold_the_right_news(client, published):
    devon, derby = published.get(authority__gss_code=DEVON), published.get(authority__gss_code=DERBY)
    england = _assert_atom(client.get(reverse("alerts:feed_england")))
    assert set(_titles(england)) == {devon.title, derby.title}
    region = _assert_atom(client.get(reverse("alerts:feed_region", args=["south-west"])))
    assert _titles(region) == [devon.title]
    one = _assert_atom(client.get(reverse("alerts:feed_council", args=[council(DERBY).slug])))
    assert _titles(one) == [derby.title]
    link = one.find(f"{ATOM}entry/{ATOM}link").get("href")
    assert link.endswith(derby.get_absolute_url())
    assert client.get(reverse("alerts:feed_region", args=["atlantis"])).status_code == 404


def test_feeds_hold_public_facts_only(client, published):
    from .test_news import _plan_with_action

    make_follower("anna", DEVON)
    _plan_with_action(DEVON, timezone.localdate() - datetime.timedelta(days=1))
    assert news.record_overdue()
    feed = _assert_atom(client.get(reverse("alerts:feed_council", args=[council(DEVON).slug])))
    assert all("plan action" not in title for title in _titles(feed))
    assert "plan action" not in _text(client.get(reverse("alerts:whats_new")))


def test_an_empty_feed_is_still_valid_atom(client):
    _assert_atom(client.get(reverse("alerts:feed_council", args=[council(DEVON).slug])))


def test_an_official_import_feeds_england(client):
    assert import_file(FILE_2025).ok
    feed = _assert_atom(client.get(reverse("alerts:feed_england")))
    assert len(feed.findall(f"{ATOM}entry")) == 50  # the newest fifty
