"""The charts are pure functions: assert on the figures, not on HTML."""

import pytest

from dashboards import band_builders, charts, grade_bands
from dashboards.queries.council import council_timeline
from tests.dashboards import builders

pytestmark = pytest.mark.django_db


END = builders.D(2025, 3, 31)


def _council(events, name):
    return grade_bands.figure(band_builders.council_chart(events, name, END), name)


def _row(fig, label):
    axis = fig.layout.yaxis
    return next(k for k, text in zip(axis.tickvals, axis.ticktext, strict=True) if text.endswith(label))


def _bands(fig, label):
    """(start, value, framework, grade as written, hover) of the bands on a row, oldest first."""
    key = _row(fig, label)
    return sorted(
        (t.base[i][:10], t.meta["value"], t.customdata[i][0], t.customdata[i][1], t.hovertext[i])
        for t in fig.data
        if t.type == "bar"
        for i, y in enumerate(t.y)
        if y == key
    )


def _ticks(fig, expected=False):
    return [t for t in fig.data if (t.meta or {}).get("ticks") and t.meta["expected"] == expected]


def test_derby_reads_2011_adequate_2017_good_2021_focused_visit():
    derby, _ = builders.derby()
    fig = _council(council_timeline(derby), "Derby")
    overall = _bands(fig, "Overall")
    assert [(b[0], b[1], b[2]) for b in overall] == [("2011-06-27", 3, "SLAC"), ("2017-06-13", 2, "SIF")]
    assert "Adequate" in overall[0][4] and "derived" in overall[0][4]  # as written, and derived
    (visits,) = _ticks(fig)
    assert list(visits.x) == ["2021-08-09"] and list(visits.y) == [_row(fig, "Visits")]
    assert [b[1] for b in _bands(fig, "Safeguarding board")] == [1]
    # Each band holds from its report's publication until the next: SLAC's until the SIF's.
    slac = next(t for t in fig.data if t.type == "bar" and t.meta["value"] == 3)
    assert slac.customdata[0][3] == "2017-06-13"


def test_devon_2020_inadequate_then_its_monitoring_visit_and_an_expected_visit():
    devon, _ = builders.devon()
    fig = _council(council_timeline(devon), "Devon")
    assert [(b[0], b[1]) for b in _bands(fig, "Overall")] == [("2020-03-17", 4)]
    (held,) = _ticks(fig)
    assert list(held.x) == ["2020-10-20"]
    (expected,) = _ticks(fig, expected=True)
    assert expected.marker.symbol.endswith("-open")
    assert "January 2021 (expected)" in expected.hovertext[0]  # a month-only date keeps its precision


def test_a_successor_shows_its_predecessors_history_labelled():
    from authorities.models import Authority

    cumbria = Authority.objects.get(slug="cumbria")
    cumberland = Authority.objects.get(slug="cumberland")
    old = builders.event(cumbria, "ilacs", builders.D(2022, 1, 10), None, builders.D(2022, 3, 1))
    builders.judge(old, "overall", "Requires improvement to be good", 3)
    events = council_timeline(cumberland)
    assert [e.is_predecessor for e in events] == [True]
    fig = _council(events, "Cumberland")
    assert list(fig.layout.yaxis.ticktext) == ["Cumbria County Council: Overall (predecessor of Cumberland)"]
    (band,) = [t for t in fig.data if t.type == "bar"]
    assert band.marker.pattern.shape == "/" and band.name.endswith("(predecessor)")
    assert band.customdata[0][3] == cumbria.active_to.isoformat()  # ends when Cumbria did


def test_slac_two_sections_on_one_theme_give_the_worse_marked_derived():
    derby, (slac, *_) = builders.derby()
    event = council_timeline(derby)[0]
    headline = event.headlines["capacity_for_improvement"]
    assert (headline.value, headline.derived) == (3, True)
    # SLAC's overall: the worse of safeguarding overall and looked-after children's overall (DOMAIN.md).
    assert (event.headlines["overall"].value, event.headlines["overall"].derived) == (3, True)


def test_one_headline_rule_for_every_page(client):
    """A SLAC with safeguarding Good and looked-after children Adequate has headline 3, derived: on the
    council page, compare, the heat map, the national picture and the councils table alike; an ILACS without
    an overall grade (April 2026 on) has no headline, never one invented from its other judgements."""
    import datetime

    from authorities.models import Authority
    from dashboards.queries import compare, council, national
    from dashboards.queries.distribution import latest_judgements, national_distribution
    from inspections import headline as rule

    derby = Authority.objects.get(slug="derby")
    slac = builders.event(derby, "slac", builders.D(2011, 5, 9), None, builders.D(2011, 6, 27))
    builders.judge(slac, "overall", "Good", 2, "Overall effectiveness", section="safeguarding")
    builders.judge(slac, "help_and_protection", "Outstanding", 1, section="safeguarding")
    builders.judge(
        slac, "children_in_care", "Adequate", 3, "Overall effectiveness", section="looked_after_children"
    )
    as_at = datetime.date(2012, 1, 1)

    found = rule.headline("slac", "overall", slac.judgements.all())
    assert (found.value, found.grade, found.derived) == (3, "Adequate", True)
    event = council.council_timeline(derby)[0]
    assert (event.headlines["overall"].value, event.headlines["overall"].derived) == (3, True)
    [point] = compare.compare_points([derby.pk], "overall")
    assert (point.value, point.derived) == (3, True)
    assert compare.yearly_latest_by_council([derby.pk], last_year=2011) == [(derby.pk, 2011, "slac", 3)]
    [latest] = latest_judgements(as_at, kind="slac")
    assert (latest.value, latest.derived) == (3, True)
    assert national_distribution(as_at, kind="slac").counts == {1: 0, 2: 0, 3: 1, 4: 0}
    assert council.latest_graded([derby.pk])[derby.pk].overall.value == 3
    row = council.councils_with_latest().get(pk=derby.pk)
    assert row.latest_value == 3 and row.latest_grade == "Adequate"
    picture = national.national_picture(as_at, kind="slac")
    assert picture.latest_rows[0]["grade"] == "Adequate (worse of two sections)"

    devon = Authority.objects.get(slug="devon")
    ilacs = builders.event(devon, "ilacs", builders.D(2026, 5, 4), None, builders.D(2026, 6, 29))
    builders.judge(ilacs, "leadership", "Good", 2)
    builders.judge(ilacs, "help_and_protection", "Inadequate", 4)
    assert rule.headline("ilacs", "overall", ilacs.judgements.all()) is None
    assert compare.compare_points([devon.pk], "overall") == []
    assert latest_judgements(datetime.date(2026, 7, 1), kind="ilacs") == []
    assert devon.pk not in council.latest_graded([devon.pk])  # no overall judgement: no latest one
    assert council.councils_with_latest().get(pk=devon.pk).latest_value is None


def test_distribution_bars_carry_words_and_patterns_as_well_as_colour():
    fig = charts.distribution_figure({1: 2, 2: 42, 3: 64, 4: 34}, "As at 14 August 2017")
    assert [t.name for t in fig.data] == ["Outstanding", "Good", "Requires improvement", "Inadequate"]
    assert [t.y[0] for t in fig.data] == [2, 42, 64, 34]
    assert fig.data[1].text == ("42 (30%)",)
    assert len({t.marker.pattern.shape for t in fig.data}) == 4


def test_heatmap_writes_each_grade_in_its_cell_and_has_no_colour_bar():
    fig = charts.heatmap_figure(["Derby", "Devon"], [2019, 2020], {("Devon", 2020): (4, "ILACS")}, "Heat")
    heat = fig.data[0]
    assert [list(row) for row in heat.z] == [[None, None], [None, 4]]
    assert heat.text[1][1] == "I"
    assert heat.showscale is False  # plotly.js draws colour bars with inline styles, which the CSP refuses


def test_transitions_sankey_links_before_to_after():
    fig = charts.transitions_figure({(4, 3): 5, (3, 2): 2}, "Moves")
    sankey = fig.data[0]
    assert list(sankey.link.source) == [2, 3]
    assert list(sankey.link.target) == [5, 6]
    assert list(sankey.link.value) == [2, 5]


def test_figures_serialise_for_json_script():
    chart = grade_bands.Chart(rows=[grade_bands.Row("c1", "Derby")], end=END)
    data = charts.figure_json(grade_bands.figure(chart, "Derby"))
    assert data["layout"]["meta"]["rows"] == ["c1"]
