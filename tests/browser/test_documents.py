"""Uploading in a real browser: a real Celery worker reads the report, and the documents page shows the new
state by itself, without the user reloading it."""

import pytest
from django.contrib.auth.models import Group, User

from authorities.roles import ADMIN
from inspections.models import Document
from tests.browser.test_comparison import AXE, AXE_TAGS
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

    # The review form: every aria-describedby names an element on the page, axe finds nothing, and neither
    # page is wider than a phone (a long file name used to push them to 465-553 px).
    review = document.get_absolute_url()
    page.goto(live_server.url + review)
    missing = page.evaluate(
        """() => [...document.querySelectorAll('[aria-describedby]')].flatMap(e =>
             e.getAttribute('aria-describedby').split(/\\s+/).filter(id => id && !document.getElementById(id))
               .map(id => (e.id || e.name) + ' -> ' + id))"""
    )
    assert missing == []
    page.evaluate(AXE.read_text())
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    assert [v["id"] for v in result["violations"]] == []
    page.set_viewport_size({"width": 390, "height": 900})
    for path in ("/documents/", review):
        page.goto(live_server.url + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
    page.close()
