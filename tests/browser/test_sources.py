"""A public reader follows a fact to its source in a real browser, without signing in: from a council's page
to the passage of the Ofsted report, highlighted on its page; and an official figure to its publication."""

import pytest
from django.core.management import call_command

from authorities.models import Authority
from inspections.gazetteer import reference_gazetteer
from inspections.models import Source
from tests.improvements.conftest import DERBY_SEED, publish, store_document

pytestmark = pytest.mark.browser


@pytest.fixture
def derby_report(councils):
    """Ofsted's 2011 SLAC report on Derby (seed 001) published through the real publish step, on top of the
    official statistics."""
    call_command("load_official_data", verbosity=0)
    gazetteer = reference_gazetteer()[0]
    derby = Authority.objects.get(slug="derby")
    return publish(store_document(DERBY_SEED, gazetteer, derby, "inspection_report"))


def test_a_public_fact_leads_to_its_highlighted_passage_without_signing_in(desktop, mobile, derby_report):
    source = (
        Source.objects.filter(document__original_name=f"{DERBY_SEED}.txt", inspection__kind="slac")
        .exclude(char_start=None)
        .first()
    )
    assert source is not None
    for screen in (desktop, mobile):
        page = screen.open("/authorities/derby/")
        link = page.locator(f"a[href='/sources/{source.pk}/#passage']").first
        link.scroll_into_view_if_needed()
        link.click()
        page.wait_for_url(f"**/sources/{source.pk}/#passage")
        assert "/accounts/login" not in page.url  # no sign-in on the way
        assert page.locator("h1").inner_text().startswith("Derby City Council: Safeguarding and looked after")
        passage = page.locator("mark#passage")
        assert passage.is_visible() and passage.inner_text().strip()
        # The passage is where the page opens: scrolled into the viewport, not at the top of the text.
        box = passage.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"]
        document_text = source.document.text[source.char_start : source.char_end]
        assert " ".join(passage.inner_text().split())[:40] == " ".join(document_text.split())[:40]
        assert "Page" in page.locator(".govuk-summary-list").inner_text()
        screen.screenshot("source-passage")
        assert screen.problems() == []


def test_an_official_figure_links_to_its_publication(desktop, derby_report):
    page = desktop.open("/authorities/derby/")
    official = page.locator(
        "a[href^='/sources/']", has_text="Local authority inspection outcomes as at 31 March 2025"
    )
    official.first.click()
    page.wait_for_load_state()
    link = page.locator("a[href^='https://www.gov.uk/government/statistics/']").first
    assert link.get_attribute("href").endswith("local-authority-inspection-outcomes-as-at-31-march-2025")
    assert "ILACS_inspection_history" in page.locator(".govuk-summary-list").inner_text()
    assert desktop.problems() == []
