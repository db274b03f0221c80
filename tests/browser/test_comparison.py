"""Issue 12's acceptance tests, in headless Chromium as the users would try the product: charts that read for
2 or 153 councils, on a phone, on paper and by keyboard. Screenshots and PDFs go to /tmp/screens to look
at."""

import datetime
import os
import re
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from authorities.models import Authority
from tests.browser.conftest import SCREENS, Page
from tests.dashboards import builders

pytestmark = pytest.mark.browser
D = datetime.date
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def known(councils):
    builders.derby()
    devon = builders.devon()
    builders.derbyshire()
    # Devon's newest: an ILACS in 2024, the fact printed pages lost.
    newest = builders.event(Authority.objects.get(slug="devon"), "ilacs", D(2024, 9, 30), D(2024, 10, 4),
                            D(2024, 11, 29), inspection_type="standard")  # fmt: skip
    builders.judge(newest, "overall", "Requires improvement to be good", 3)
    builders.judge(newest, "leadership", "Requires improvement to be good", 3)
    derby = Authority.objects.get(slug="derby")
    others = list(
        Authority.objects.current().filter(region="East Midlands").exclude(slug="derby").order_by("gss_code")
    )
    others += list(Authority.objects.current().filter(region="West Midlands").order_by("gss_code"))
    builders.neighbours(derby, others[:10])
    return devon


def _open(chromium, live_server, width, path) -> Page:
    page = Page(chromium, live_server, width)
    page.open(path)
    return page


def _rows_of(page: Page) -> list[dict]:
    """The band chart's row labels as drawn, with their vertical positions on screen."""
    return page.page.evaluate(
        """() => Array.from(document.querySelectorAll(
             ".app-chart[data-figure-id='compare-figure'] .yaxislayer-above .ytick text"))
           .map(t => ({text: t.textContent, y: Math.round(t.getBoundingClientRect().top)}))"""
    )


@pytest.mark.parametrize("width", [1280, 390])
def test_a_council_and_its_ten_neighbours_each_have_a_row(chromium, live_server, known, width):
    page = _open(chromium, live_server, width, "/compare/?neighbours_of=derby")
    rows = _rows_of(page)
    assert len(rows) == 11
    assert rows[0]["text"].startswith("► Derby")  # the chosen council first, and marked
    assert len({r["y"] for r in rows}) == 11  # no two councils share a row
    assert all(b["y"] - a["y"] >= 20 for a, b in zip(rows, rows[1:], strict=False))  # nor overlap
    bars = [t for t in page.figure("compare-figure") if t["type"] == "bar"]
    derby = f"c{Authority.objects.get(slug='derby').pk}"
    assert sorted(t["meta"]["value"] for t in bars for y in t["y"] if y == derby) == [2, 3]  # adequate, good
    assert page.problems() == []
    page.screenshot("compare-neighbours")
    page.page.close()


def test_a_whole_region_draws_one_row_per_council(chromium, live_server, known):
    page = _open(chromium, live_server, 1280, "/compare/?region=East+Midlands")
    expected = Authority.objects.current().filter(region="East Midlands").count()
    rows = _rows_of(page)
    assert len(rows) == expected and len({r["y"] for r in rows}) == expected
    # The reference: small stacked bars of England and the region, with counts behind each share.
    shares = page.figure("shares-figure")
    assert {t["meta"]["reference"] for t in shares} == {"England", "East Midlands"}
    assert all(len(point) == 2 for t in shares for point in t["customdata"])  # [councils, of how many]
    assert "Outstanding (councils)" in page.page.inner_text("main")
    page.screenshot("compare-region")
    page.page.close()


def test_comparing_two_councils_by_keyboard(chromium, live_server, known):
    page = Page(chromium, live_server, 1280).open("/compare/")
    first = page.locator("#a-picker")
    first.focus()
    # From the first field to the submit button: every Tab stop on the way.
    stops = 0
    while stops < 30:
        page.keyboard.press("Tab")
        stops += 1
        if page.evaluate("document.activeElement.textContent.trim()") == "Show":
            break
    assert stops <= 6, stops
    first.focus()
    presses = 0
    for text in ("derb", "devo"):
        for key in text:
            page.keyboard.press(key)
            presses += 1
        page.locator(".autocomplete__option").first.wait_for()
        page.keyboard.press("Enter")
        presses += 1
    # An alias finds its council too.
    page.keyboard.type("BCP")
    assert "Bournemouth" in page.locator(".autocomplete__option").first.inner_text()
    for _ in range(3):
        page.keyboard.press("Backspace")
    with page.expect_navigation():
        page.keyboard.press("Enter")
        presses += 1
    assert presses < 15
    query = urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)
    assert query["a"] == ["derby", "devon"]
    page.close()


CHART_PAGES = ["/authorities/devon/", "/compare/?neighbours_of=derby", "/national/?as_at=2017-08-14"]


def test_charts_take_no_focus_and_are_named_by_a_sentence(chromium, live_server, known):
    for path in CHART_PAGES:
        page = _open(chromium, live_server, 1280, path)
        charts = page.page.evaluate(
            """() => Array.from(document.querySelectorAll('.app-chart')).map(chart => ({
                 role: chart.getAttribute('role'),
                 name: (document.getElementById(chart.getAttribute('aria-labelledby')) || {})
                   .textContent || '',
                 focusable: chart.querySelectorAll(
                   'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])').length,
                 toolbar: chart.querySelectorAll('.modebar-btn').length,
               }))"""
        )
        assert charts, path
        for chart in charts:
            assert chart["role"] == "img", path
            assert chart["focusable"] == 0 and chart["toolbar"] == 0, (path, chart)
            name = " ".join(chart["name"].split())
            assert re.match(r"^[A-Z0-9].{30,}\.$", name) and len(name.split()) >= 8, (path, name)
        page.page.close()


def test_devon_printed_on_a4_keeps_its_newest_inspection_and_every_column(chromium, live_server, known):
    page = _open(chromium, live_server, 1280, "/authorities/devon/")
    # The picture that stands in for the chart on paper scales with the page and reaches 2024.
    picture = page.page.evaluate(
        "() => decodeURIComponent(document.querySelector('img.app-chart__print').src.split(',')[1])"
    )
    assert "viewBox" in picture and ">2024<" in picture
    os.makedirs(SCREENS, exist_ok=True)
    pdf = Path(SCREENS) / "council-devon-a4.pdf"
    page.page.emulate_media(media="print")
    page.page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(
        ["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "29 November 2024 ILACS" in flat  # the newest ILACS (at publication), in the timeline table
    headings = page.page.evaluate(
        "() => Array.from(document.querySelectorAll('.app-timeline-table thead th')).map(th => th.innerText)"
    )
    assert headings[0] == "Date" and headings[-1] == "Details" and len(headings) == 5
    for heading in headings:
        assert " ".join(heading.split()) in flat, heading
    # Nothing is cut at the page's right edge: the table fits the printed width.
    widths = page.page.evaluate(
        "() => [...document.querySelectorAll('.govuk-table')]"
        ".map(t => [t.scrollWidth, t.parentNode.clientWidth])"
    )
    assert all(inner <= outer + 1 for inner, outer in widths), widths
    page.page.close()


def test_date_fields_refuse_dates_outside_the_data(chromium, live_server, known):
    page = Page(chromium, live_server, 1280)
    p = page.open("/national/")
    shown = p.inner_text("main")
    day, month, year = (p.input_value(f"#id_as_at-{part}") for part in ("day", "month", "year"))
    assert day and month and year  # prefilled with the date the page shows
    assert f"As at {int(day)} " in shown
    # After the data's end (and today): the form refuses it, keeps what was typed, and says why.
    p.fill("#id_as_at-day", "14")
    p.fill("#id_as_at-month", "8")
    p.fill("#id_as_at-year", "2031")
    with p.expect_navigation():
        p.get_by_role("button", name="Show").click()
    assert "The date must be between 1 January 2009 and" in p.inner_text(".govuk-error-summary")
    assert "is after the data end" in p.inner_text(".govuk-error-summary")
    assert p.title().startswith("Error:")
    assert p.input_value("#id_as_at-year") == "2031"  # what was typed is kept, to correct
    # Before 2009: refused before any work is done (config.public_pages), with a message.
    response = p.goto(page.base + "/national/?as_at-day=14&as_at-month=8&as_at-year=1999")
    assert response.status == 400
    assert "must be between 1 January 2009 and" in p.inner_text("body")
    p.goto(page.base + "/national/?as_at-day=14&as_at-month=08&as_at-year=2017")
    assert "As at 14 August 2017" in p.inner_text("main")  # the UK order, whatever the browser's locale
    p.close()


WIDE_PAGES = [
    "/",
    "/authorities/",
    "/authorities/derby/",
    "/authorities/devon/",
    "/compare/",
    "/compare/?neighbours_of=derby",
    "/national/",
    "/inspections/",
    "/judgements/",
    "/recommendations/",
    "/documents/",
    "/glossary/",
]


def test_no_page_is_wider_than_a_phone(chromium, live_server, known):
    from inspections.models import Inspection

    inspection = Inspection.objects.filter(authority__slug="devon").first()
    page = Page(chromium, live_server, 390)
    for path in [*WIDE_PAGES, inspection.get_absolute_url()]:
        p = page.open(path)
        width = p.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    assert page.problems() == []
    page.page.close()


def test_axe_finds_no_violation(chromium, live_server, known):
    source = AXE.read_text()
    page = Page(chromium, live_server, 1280)
    found = {}
    for path in [*WIDE_PAGES, "/national/?as_at=1999-01-01"]:
        p = page.open(path)
        p.evaluate(source)  # through the DevTools protocol: the CSP does not apply
        result = p.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
        if result["violations"]:
            found[path] = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert found == {}
    page.page.close()


def test_glossary_explains_each_abbreviation_at_its_first_use(chromium, live_server, known):
    page = _open(chromium, live_server, 1280, "/authorities/devon/")
    first = page.page.locator("main abbr").first
    assert first.get_attribute("title")
    link = page.page.locator("main a.app-abbr").first
    href = link.get_attribute("href")
    assert href.startswith("/glossary/#")
    words = page.page.locator("main a.app-abbr abbr").all_inner_texts()
    assert len(words) == len(set(words))  # the first use only
    page.page.goto(page.base + href)
    anchor = href.split("#")[1]
    assert page.page.locator(f"#{anchor}").is_visible()
    assert page.page.locator("nav a", has_text="Glossary").count() == 1
    assert page.page.locator("nav a", has_text="Tables").get_attribute("href") == "/inspections/"
    page.page.close()
