"""Uploading in a real browser: a real Celery worker reads the report, and the documents page shows the new
state by itself, without the user reloading it."""

import pytest
from django.contrib.auth.models import Group, User

from authorities.roles import ADMIN
from inspections.models import Document
from tests.conftest import CORPUS_DIR

pytestmark = [pytest.mark.browser, pytest.mark.worker]

REPORT = CORPUS_DIR / "pdf" / "derby_focused_visit_2023-11-29.pdf"


def _sign_in(page, base):
    user = User.objects.create_user("ada", password="correct-horse-battery", is_staff=True)
    user.groups.add(Group.objects.get(name=ADMIN))
    page.goto(f"{base}/accounts/login/?next=/documents/")
    page.fill("#id_username", "ada")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button:has-text('Sign in')")


def test_an_upload_is_read_by_the_worker_and_the_page_updates_itself(
    chromium, live_server, councils, celery_worker
):
    from tests.browser.conftest import Page

    browser_page = Page(chromium, live_server, 1280)
    page = browser_page.page
    _sign_in(page, live_server.url)
    page.wait_for_url("**/documents/")
    page.set_input_files("#files", str(REPORT))
    page.click("button:has-text('Upload')")
    page.wait_for_url("**/documents/**")
    row = page.locator("#documents-table tr", has_text=REPORT.name)
    assert row.count() == 1

    # A marker that a reload would wipe: the state must change while it stays.
    page.evaluate("() => { window.notReloaded = true; }")
    for _ in range(300):
        if "Needs review" in row.inner_text():
            break
        page.wait_for_timeout(200)
    else:
        raise AssertionError(f"the row never showed 'Needs review': {row.inner_text()!r}")
    assert page.evaluate("() => window.notReloaded === true")

    document = Document.objects.get(original_name=REPORT.name)
    assert document.state == Document.State.NEEDS_REVIEW
    assert document.authority.slug == "derby"
    assert browser_page.problems() == []
    page.close()
