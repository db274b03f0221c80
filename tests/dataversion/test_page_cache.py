"""Public pages come from the cache of their data version: a repeat is a cache hit or a 304, and every kind
of change (publish, official import, settling a conflict, an admin edit, raw SQL) is visible on the very next
request after it commits."""

import re

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from django.urls import reverse

from dataversion.triggers import TRIGGER, watched_tables
from dataversion.version import current
from inspections.models import Conflict, Inspection, Judgement
from tests.dashboards import builders
from tests.ingestion.conftest import PDFS, text_of, upload_and_read
from tests.official.helpers import FILE_2025

# Transactional: each request commits, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def admin(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def _headline(response) -> str:
    """The council page's latest overall grade ("" if none): every page also names every grade in its key."""
    found = re.search(r"Latest overall judgement: (\w+)", text_of(response))
    return found.group(1) if found else ""


def _national_count(response) -> int:
    return int(re.search(r"As at 31 March 2025 : (\d+) councils", text_of(response)).group(1))


def _seen_twice(client, url):
    """The page, and proof that the second request of the same version came from the cache."""
    first = _get(client, url)
    again = _get(client, url)
    assert again["X-Cache"] == "hit" and again["ETag"] == first["ETag"]
    assert again.content == first.content
    return first


def test_a_repeat_is_a_hit_and_a_conditional_repeat_is_304(visitor):
    builders.derby()
    page = _get(visitor, "/authorities/derby/")
    assert page["X-Cache"] == "miss"
    assert page["Cache-Control"] == "public, max-age=0, must-revalidate"
    assert "Cookie" in page["Vary"] and page["Last-Modified"]
    assert _get(visitor, "/authorities/derby/")["X-Cache"] == "hit"
    not_modified = _get(visitor, "/authorities/derby/", if_none_match=page["ETag"])
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified["ETag"] == page["ETag"]
    # Another query string is another page; a stale validator gets the page itself.
    other = _get(visitor, "/authorities/derby/?download=timeline", if_none_match=page["ETag"])
    assert other.status_code == 200 and other["ETag"] != page["ETag"]


def test_a_new_release_of_the_code_draws_every_page_again(visitor, monkeypatch):
    """Same data, new code (a deployment): the page kept for this data version is not served."""
    from dataversion.release import release

    builders.derby()
    before = _seen_twice(visitor, "/authorities/derby/")
    monkeypatch.setenv("RELEASE", "next-release")
    release.cache_clear()
    try:
        after = _get(visitor, "/authorities/derby/", if_none_match=before["ETag"])
        assert after.status_code == 200 and after["X-Cache"] == "miss"
        assert after["ETag"] != before["ETag"]
    finally:
        release.cache_clear()


def test_signed_in_pages_are_never_cached_or_shared(viewer):
    builders.derby()
    client = Client()
    client.force_login(viewer)
    page = _get(client, "/authorities/derby/")
    # Private and never stored (config.security adds no-cache and max-age=0 on top, for older caches).
    assert {"private", "no-store"} <= {part.strip() for part in page["Cache-Control"].split(",")}
    assert "X-Cache" not in page and "ETag" not in page
    assert "vera-viewer" in page.content.decode() or "Sign out" in page.content.decode()


def test_pages_that_are_not_public_are_left_alone(admin):
    assert "X-Cache" not in admin.get(reverse("inspections:documents"))


def test_publishing_a_report_shows_on_the_next_request(visitor, admin):
    document = upload_and_read(
        admin, "devon_ilacs_2020-03-17.pdf", (PDFS / "devon_ilacs_2020-03-17.pdf").read_bytes()
    )
    assert _headline(_seen_twice(visitor, "/authorities/devon/")) == ""
    admin.post(reverse("inspections:publish", kwargs={"pk": document.pk}), follow=True)
    assert Inspection.objects.filter(authority__slug="devon", kind="ilacs").exists()
    after = _get(visitor, "/authorities/devon/")
    assert after["X-Cache"] == "miss"
    assert _headline(after) == "Inadequate"


def test_an_official_import_shows_on_the_next_request(visitor):
    url = "/national/?as_at=2025-03-31&kind=ilacs"
    before = _seen_twice(visitor, url)
    assert _national_count(before) == 0
    call_command("import_official", str(FILE_2025), verbosity=0)
    after = _get(visitor, url)
    assert after["X-Cache"] == "miss" and after["ETag"] != before["ETag"]
    assert _national_count(after) > 100


def test_settling_a_conflict_shows_on_the_next_request(visitor, admin):
    _, (ilacs, *_) = builders.devon()
    conflict = Conflict.objects.get(inspection=ilacs)
    url = ilacs.get_absolute_url()
    assert "18 March 2020" not in text_of(_seen_twice(visitor, url))
    prefix = f"conflict-{conflict.pk}"
    admin.post(
        reverse("inspections:settle_conflict", kwargs={"pk": conflict.pk}),
        {f"{prefix}-keep": "incoming", f"{prefix}-note": "The report is primary."},
    )
    conflict.refresh_from_db()
    assert conflict.status == Conflict.Status.SETTLED
    assert "18 March 2020" in text_of(_get(visitor, url))


def _admin_form_data(page) -> dict:
    """The admin change form's fields and inline formsets as a browser would send them back."""
    data = {}

    def add(form):
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else value

    add(page.context["adminform"].form)
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        for form in formset.forms:
            add(form)
    return data


def test_an_admin_edit_shows_on_the_next_request(visitor, admin):
    _, (inspection,) = builders.derbyshire()
    judgement = inspection.judgements.get(theme="overall")
    url = "/authorities/derbyshire/"
    assert _headline(_seen_twice(visitor, url)) not in ("", "Inadequate")
    change = reverse("admin:inspections_judgement_change", args=[judgement.pk])
    data = _admin_form_data(admin.get(change))
    data.update(grade="Inadequate", value="4")
    saved = admin.post(change, data)
    assert saved.status_code == 302, saved.context["adminform"].form.errors if saved.context else saved
    assert Judgement.objects.get(pk=judgement.pk).value == 4
    assert _headline(_get(visitor, url)) == "Inadequate"


def test_raw_sql_shows_on_the_next_request(visitor):
    url = "/authorities/?region=South+West"
    assert "Devon (renamed by SQL)" not in text_of(_seen_twice(visitor, url))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE authorities_authority SET short_name = 'Devon (renamed by SQL)' WHERE slug = 'devon'"
        )
    assert "Devon (renamed by SQL)" in text_of(_get(visitor, url))


def test_each_changing_statement_bumps_and_every_public_table_is_watched():
    before = current()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE authorities_authority SET name = name WHERE slug = 'derby'")
        cursor.execute("UPDATE authorities_authority SET name = name WHERE slug = 'devon'")
    after = current()
    assert after.number == before.number + 2 and after.token != before.token
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname LIKE %s",
            [TRIGGER + "%"],
        )
        triggered = {row[0] for row in cursor.fetchall()}
    tables = set(watched_tables())
    assert {"inspections_judgement", "inspections_conflict", "authorities_statisticalneighbour"} <= tables
    assert "improvements_action" in tables and "authorities_councilassignment" not in tables
    assert triggered == tables


def test_uploading_and_reading_a_document_leave_the_cache_alone_until_it_is_published(visitor, admin):
    url = "/authorities/devon/"
    _seen_twice(visitor, url)
    report = PDFS / "devon_ilacs_2020-03-17.pdf"
    document = upload_and_read(admin, report.name, report.read_bytes())
    assert _get(visitor, url)["X-Cache"] == "hit"
    admin.post(reverse("inspections:publish", kwargs={"pk": document.pk}))
    assert _get(visitor, url)["X-Cache"] == "miss"
