"""The presentation pieces of issue 12 on their own: the palette, the band grammar, the summaries, the GOV.UK
date field, the glossary's first-use marking, CSV names and minor conflicts. No browser here (see
tests/browser/test_comparison.py for the pages)."""

import datetime
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.http import QueryDict

from dashboards import chart_summaries, grade_bands, palette
from dashboards.conflicts import is_minor
from dashboards.csv_names import csv_name
from dashboards.dates import GovukDateField, uk_date
from dashboards.glossary import mark_first_use

D = datetime.date
CSS = Path(__file__).resolve().parents[2] / "static" / "css" / "app.css"


def test_every_grade_text_is_readable_and_the_tags_use_the_charts_colours():
    css = CSS.read_text()
    for value in (1, 2, 3, 4):
        assert palette.contrast(palette.GRADE_COLOURS[value], palette.GRADE_TEXT[value]) >= 4.5
        background = re.search(rf"--app-grade-{value}-background:\s*(#[0-9a-f]{{6}})", css).group(1)
        text = re.search(rf"--app-grade-{value}-text:\s*(#[0-9a-f]{{6}})", css).group(1)
        assert background == palette.GRADE_COLOURS[value] and text == palette.GRADE_TEXT[value]


def _simulate_deuteranopia(colour: str) -> tuple[float, float, float]:
    """Machado et al. (2009), severity 1.0, on linear RGB."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    m = ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881))
    return tuple(sum(m[r][c] * lin[c] for c in range(3)) for r in range(3))


def test_grades_stay_apart_under_deuteranopia():
    seen = [_simulate_deuteranopia(palette.GRADE_COLOURS[v]) for v in (1, 2, 3, 4)]
    for i, one in enumerate(seen):
        for other in seen[i + 1 :]:
            assert (
                sum((a - b) ** 2 for a, b in zip(one, other, strict=True)) ** 0.5 > 0.1
            )  # the old greens, orange and red: 0.04


def _point(date, value, grade="Good", framework="SIF", derived=False):
    return SimpleNamespace(date=date, value=value, grade=grade, framework=framework, derived=derived)


def test_each_grade_holds_until_the_next_and_every_council_has_its_own_row():
    rows = [grade_bands.Row(key=f"c{i}", label=f"Council {i}", chosen=i == 0) for i in range(153)]
    bands = []
    for row in rows:
        bands += grade_bands.bands_from_points(
            row.key,
            [_point(D(2017, 3, 7), 2), _point(D(2011, 5, 9), 3, "Adequate", "SLAC", True)],
            D(2025, 3, 31),
        )
    assert (bands[0].start, bands[0].end, bands[1].start, bands[1].end) == (
        D(2011, 5, 9), D(2017, 3, 7), D(2017, 3, 7), D(2025, 3, 31)
    )  # fmt: skip
    figure = grade_bands.figure(grade_bands.Chart(rows=rows, bands=bands, end=D(2025, 3, 31)), "All")
    axis = figure.layout.yaxis
    assert list(axis.categoryarray) == [r.key for r in rows] and len(set(axis.categoryarray)) == 153
    assert axis.ticktext[0].startswith("► Council 0")  # the chosen council first, and marked
    assert figure.layout.height >= 153 * grade_bands.ROW_HEIGHT  # taller, never denser
    derived = [t for t in figure.data if t.type == "bar" and t.meta["value"] == 3][0]
    assert set(derived.text) == {"RI*"}  # a derived grade says so


def test_a_month_only_date_is_never_given_a_day():
    assert uk_date(D(2021, 1, 1), "month") == "January 2021"
    assert uk_date(D(2021, 7, 6)) == "6 July 2021"
    point = _point(D(2021, 1, 1), 2)
    point.precision = "month"
    band = grade_bands.bands_from_points("r", [point], D(2022, 1, 1))[0]
    assert band.precision == "month"


def test_a_summary_is_a_sentence_from_the_data():
    rows = [grade_bands.Row("a", "Derby", chosen=True), grade_bands.Row("b", "Devon")]
    bands = grade_bands.bands_from_points("a", [_point(D(2017, 3, 7), 2)], D(2025, 1, 1), "Derby")
    text = chart_summaries.compare_summary(grade_bands.Chart(rows, bands), "Overall effectiveness")
    assert text == (
        "Overall effectiveness of 2 councils, one row each since 2009: latest grades 0 outstanding, 1 good, "
        "0 requires improvement, 0 inadequate, 1 not yet judged; Derby (chosen): good (SIF, 7 March 2017)."
    )


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (["14", "8", "1999"], "between 1 January 2009 and 31 March 2025"),
        (["1", "1", "2031"], "between 1 January 2009 and 31 March 2025"),
        (["31", "2", "2017"], "must be a real date"),
        (["", "8", "2017"], "must include a day"),
        (["14", "8", "17"], "4 numbers"),
    ],
)
def test_the_date_field_refuses_what_the_data_do_not_cover(parts, message):
    from django.core.exceptions import ValidationError

    field = GovukDateField(label="As at", required=False, last=D(2025, 3, 31))
    with pytest.raises(ValidationError) as error:
        field.clean(parts)
    assert message in error.value.messages[0]
    assert field.clean(["14", "08", "2017"]) == D(2017, 8, 14)  # day first, whatever the browser's locale


def test_an_old_iso_address_still_fills_the_three_boxes():
    widget = GovukDateField(last=D(2025, 3, 31)).widget
    assert widget.value_from_datadict(QueryDict("as_at=2017-08-14"), {}, "as_at") == ["14", "8", "2017"]


def test_only_the_first_use_of_an_abbreviation_is_marked_and_never_inside_a_link():
    html = '<p><a href="/x">SIF report</a> The SIF and SIF again; ILACS.</p><script>{"k": "SIF"}</script>'
    marked = mark_first_use(html, "/glossary/")
    assert marked.count("<abbr") == 2  # SIF (outside the link) and ILACS
    assert '<a href="/x">SIF report</a>' in marked  # no link in a link
    assert marked.count('href="/glossary/#sif"') == 1
    assert '{"k": "SIF"}' in marked  # script untouched


def test_csv_names_say_what_the_file_holds():
    name = csv_name(
        "judgements.csv", QueryDict("council=derby&theme=overall&page=2&format=csv"), D(2026, 12, 8)
    )
    assert name == "judgements-derby-overall-2026-12-08.csv"


def test_a_day_apart_is_a_minor_conflict_and_a_grade_never_is():
    assert is_minor(
        SimpleNamespace(field="published_date", stored_value="2020-03-17", incoming_value="2020-03-18")
    )
    assert not is_minor(
        SimpleNamespace(field="published_date", stored_value="2020-03-17", incoming_value="2020-04-17")
    )
    assert not is_minor(SimpleNamespace(field="grade", stored_value="Good", incoming_value="Outstanding"))
