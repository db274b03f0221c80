"""The dashboards in headless Chromium: charts drawn with the expected points, no CSP refusal, a CSV download
read back, and screenshots of each page at desktop and mobile widths (in /tmp/screens, to look at)."""

import pytest

from authorities.models import Authority
from config.csv_export import BOM, read_export
from tests.dashboards import builders

pytestmark = pytest.mark.browser


@pytest.fixture
def known(councils):
    builders.derby()
    builders.devon()
    builders.derbyshire()
    builders.neighbours(Authority.objects.get(slug="derby"), [Authority.objects.get(slug="derbyshire")])


def _bands(data, row_label):
    """(start, grade value, framework) of each band drawn on the row whose label starts with row_label."""
    rows = data["layout"]["yaxis"]
    key = next(k for k, label in zip(rows["tickvals"], rows["ticktext"], strict=True) if row_label in label)
    return sorted(
        (base[:10], t["meta"]["value"], custom[0])
        for t in data["data"]
        if t["type"] == "bar"
        for y, base, custom in zip(t["y"], t["base"], t["customdata"], strict=True)
        if y == key
    )


def _figure(page, chart_id):
    script = "id => JSON.parse(document.getElementById(id).textContent)"
    return page.page.evaluate(script, chart_id)


@pytest.mark.parametrize("width", [1280, 390])
def test_derby_page_draws_its_history(chromium, live_server, known, width):
    from tests.browser.conftest import Page

    page = Page(chromium, live_server, width)
    page.open("/authorities/derby/")
    data = _figure(page, "timeline-figure")
    # At publication (inspections.precision; a visit not yet published: its first day).
    assert _bands(data, "Overall") == [("2011-06-27", 3, "SLAC"), ("2017-06-13", 2, "SIF")]
    ticks = next(t for t in page.figure("timeline-figure") if t.get("meta", {}).get("ticks"))
    assert ticks["x"] == ["2021-08-09"]
    # Plotly drew a band for each grade of the overall row, and a tick for the visit.
    assert page.page.locator(".app-chart .barlayer .point").count() >= 2
    assert page.problems() == []
    page.screenshot("council-derby")
    page.page.close()


def test_devon_page_draws_inadequate_then_its_monitoring_visit(desktop, mobile, known):
    for page in (desktop, mobile):
        page.open("/authorities/devon/")
        data = _figure(page, "timeline-figure")
        assert _bands(data, "Overall") == [("2020-03-17", 4, "ILACS")]
        held = next(t for t in data["data"] if t.get("meta", {}).get("ticks") and not t["meta"]["expected"])
        assert held["x"] == ["2020-10-20"]
        assert "Open conflicts" in page.page.content()
        assert page.problems() == []
        page.screenshot("council-devon")


def test_compare_two_councils(desktop, mobile, known):
    for page in (desktop, mobile):
        page.open("/compare/?a=derby&a=derbyshire")
        data = _figure(page, "compare-figure")
        assert [b[1] for b in _bands(data, "Derby")] == [3, 2]
        assert [b[1] for b in _bands(data, "Derbyshire")] == [3]
        assert any(t["meta"]["reference"] == "East Midlands" for t in page.figure("shares-figure"))
        assert page.problems() == []
        page.screenshot("compare")


def test_national_picture_for_14_august_2017(desktop, mobile, councils):
    builders.national_sif()
    for page in (desktop, mobile):
        page.open("/national/?as_at=2017-08-14&kind=sif&basis=all")
        bars = page.figure("distribution-figure")
        assert [t["y"][0] for t in bars] == [2, 42, 64, 34]
        assert "142 reports" in page.page.inner_text("main")
        assert page.figure("heatmap-figure")[0]["type"] == "heatmap"
        assert page.problems() == []
        page.screenshot("national")


def test_a_csv_download_opens_and_reads_back(desktop, known):
    page = desktop.open("/authorities/?region=East+Midlands")
    desktop.screenshot("councils")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download this table (CSV)").click()
    download = info.value
    with open(download.path(), encoding="utf-8") as handle:
        body = handle.read()
    assert body.startswith(BOM)
    rows = read_export(body)
    assert rows[0][:2] == ["Council", "Region"]
    assert {r[1] for r in rows[1:]} == {"East Midlands"}
    derby = next(r for r in rows if r[0] == "Derby")
    assert derby[3:5] == ["2", "Good"]


def test_tables_pages_render(desktop, mobile, known):
    for page in (desktop, mobile):
        for path, name in (("/judgements/?council=derby", "judgements"), ("/inspections/", "inspections")):
            page.open(path)
            assert page.problems() == []
            page.screenshot(name)
