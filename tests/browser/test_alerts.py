"""In Chromium: What's new, the council's follow button, the alerts page, unsubscribe, a batch and its review,
with the keyboard shortcuts of the review turned on by the reviewer; screenshots at 1280 and 390 px."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.files import File

from alerts import tokens
from authorities.models import Authority
from authorities.roles import ADMIN
from inspections.documents import intake, upload
from inspections.documents.publish import publish
from inspections.documents.tasks import read_document
from tests.browser.conftest import SCREENS
from tests.conftest import CORPUS_DIR

pytestmark = pytest.mark.browser
PDFS = CORPUS_DIR / "pdf"


@pytest.fixture
def news(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    batch = intake.new_batch("Autumn reports (zip)")
    documents = []
    for name in (
        "devon_ilacs_2020-03-17.pdf",
        "derby_focused_visit_2021-08-09.pdf",
        "brent_ilacs_2026-06-17.pdf",
    ):
        data = (PDFS / name).read_bytes()
        result = upload.store_upload(File(io.BytesIO(data), name=name), None, enqueue=False, batch=batch)
        documents.append(read_document(result.document.pk))
    publish(documents[0])
    return batch, documents


def _sign_in(page, username):
    page.page.goto(page.base + "/accounts/login/")
    page.page.fill("#id_username", username)
    page.page.fill("#id_password", "correct-horse-battery")
    page.page.click("button[type=submit]")


@pytest.mark.parametrize("width", [1280, 390])
def test_alerts_pages_in_a_browser(chromium, live_server, councils, news, width):
    from tests.browser.conftest import Page

    admin = User.objects.create_user(
        "ada", email="ada@example.org", password="correct-horse-battery", is_staff=True
    )
    from django.contrib.auth.models import Group

    admin.groups.add(Group.objects.get(name=ADMIN))
    page = Page(chromium, live_server, width)
    batch, documents = news
    page.open("/whats-new/")
    assert "Devon: ILACS" in page.page.inner_text("main")
    page.screenshot("alerts-whats-new")
    page.open("/whats-new/?since-day=31&since-month=2&since-year=2026")
    assert "The date must be a real date" in page.page.inner_text(".govuk-error-summary")
    page.screenshot("alerts-whats-new-error")
    assert all("400 (Bad Request)" in m for m in page.problems())  # the page's own status, nothing else
    page.messages.clear()

    _sign_in(page, "ada")
    devon = Authority.objects.get(gss_code="E10000008")
    page.open(devon.get_absolute_url())
    page.page.click("text=Follow Devon")
    assert "You follow Devon" in page.page.inner_text("main")
    page.screenshot("alerts-council-following")
    page.open("/account/alerts/")
    page.screenshot("alerts-account")
    page.open(f"/alerts/unsubscribe/{tokens.make(admin.pk, devon.pk)}/")
    page.screenshot("alerts-unsubscribe")
    page.page.click("text=Unsubscribe")
    assert "You are unsubscribed" in page.page.inner_text("main")

    page.open(batch.get_absolute_url())
    page.screenshot("batch-progress")
    page.open(f"/documents/batches/{batch.pk}/review/")
    page.screenshot("batch-review")
    first = page.page.locator(".app-review-queue a").first
    first.click()
    page.page.wait_for_selector(".app-batch-nav")
    # The review page is long: the top of it, where the batch's navigation is, is what to look at.
    page.page.screenshot(path=f"{SCREENS}/batch-document-{width}.png")
    here = page.page.url
    page.page.keyboard.press("n")  # shortcuts are off until turned on: nothing happens
    page.page.wait_for_timeout(300)
    assert page.page.url == here
    page.page.check("#batch-shortcuts")
    page.page.keyboard.press("n")
    page.page.wait_for_url(lambda url: url != here)
    assert page.page.locator("#batch-shortcuts").is_checked()  # remembered on the next document
    assert page.problems() == []
    page.page.close()
