"""From the queries' rows to the band charts' rows, bands and ticks (dashboards/grade_bands.py): the compare
page (one row per council, the chosen one first) and a council's page (one row per theme). No queries here."""

from __future__ import annotations

from dataclasses import dataclass

from dashboards.grade_bands import Band, Chart, Row, Tick, bands_from_points
from inspections.reading import vocabulary as vocab

# Row labels on a council's page: short, so a phone keeps room for the bands (the table says them in full).
THEME_LABELS = {
    "overall": "Overall",
    "help_and_protection": "Help, protection",
    "children_in_care": "In care",
    "care_leavers": "Care leavers",
    "leadership": "Leadership",
    "adoption": "Adoption",
    "lscb": "Safeguarding board",
}

# A new inspection under one of these frameworks replaces every earlier grade, even of a theme it does not
# judge
# (SIF judged adoption; ILACS does not: Derby's SIF adoption grade stops at its ILACS, it does not run on).
FULL_FRAMEWORKS = {"slac", "sif", "ilacs"}


def _visit_name(event) -> str:
    return vocab.framework_name(event.kind, getattr(event, "reinspection", False))


def compare_chart(councils, chosen_pk, points, visits, end, theme) -> Chart:
    """councils: Authority list; chosen_pk: the council the page is about (first row, marked), or None;
    points: compare points (dashboards.queries.compare: a predecessor's reports come under the council that
    took over, with `of_council` naming the predecessor, as Ofsted counts them); visits: ungraded events."""
    ordered = sorted(councils, key=lambda c: (c.pk != chosen_pk, c.short_name))
    by_council: dict[int, list] = {}
    for point in points:
        by_council.setdefault(point.authority_id, []).append(point)
    rows, bands, ticks = [], [], []
    for council in ordered:
        key = f"c{council.pk}"
        rows.append(Row(key=key, label=council.short_name, chosen=council.pk == chosen_pk, note="(chosen)"))
        bands += bands_from_points(key, by_council.get(council.pk, []), end, council.short_name, theme)
    for visit in visits:
        if visit.event_date:
            ticks.append(
                Tick(
                    row=f"c{visit.authority_id}",
                    date=visit.published_date or visit.event_date,
                    name=_visit_name(visit),
                    expected=visit.status == "expected",
                    precision="day" if visit.published_date else (visit.date_precision or "day"),
                )
            )
    return Chart(rows=rows, bands=bands, ticks=ticks, end=end)


@dataclass
class _Point:
    date: object
    value: int
    grade: str
    framework: str
    derived: bool
    precision: str


def council_chart(events, council_name: str, end, themes=vocab.HEADLINE_THEMES) -> Chart:
    """A council's history: a row per theme it was ever judged on (overall first), then a row of visits; a
    predecessor's themes in rows of their own, labelled. `events`: the timeline's events, oldest first."""
    rows, bands, ticks = [], [], []
    owners = []
    for event in events:
        if (event.is_predecessor, event.council_name) not in owners:
            owners.append((event.is_predecessor, event.council_name))
    owners.sort(key=lambda owner: owner[0])  # this council first, then its predecessors
    for is_predecessor, name in owners:
        own = [e for e in events if e.is_predecessor == is_predecessor and e.council_name == name]
        graded = [e for e in own if e.is_graded and e.headlines and not e.is_expected]
        stop = end
        if is_predecessor and own and own[0].authority.active_to:
            stop = own[0].authority.active_to
        for theme in themes:
            judged = [e for e in graded if theme in e.headlines]
            if not judged:
                continue
            key = f"{'p' if is_predecessor else 'c'}-{name}-{theme}"
            theme_name = THEME_LABELS.get(theme) or vocab.THEMES.get(theme, theme)
            if is_predecessor:
                rows.append(Row(key=key, label=f"{name}: {theme_name}", predecessor_of=council_name))
            else:
                rows.append(Row(key=key, label=theme_name, chosen=theme == "overall"))
            for event in judged:
                headline = event.headlines[theme]
                later = [
                    e.date for e in graded
                    if e.date > event.date and (theme in e.headlines or e.kind in FULL_FRAMEWORKS)
                ]  # fmt: skip
                point = _Point(event.date, headline.value, headline.grade, event.framework, headline.derived,
                               event.precision or "day")  # fmt: skip
                band = bands_from_points(key, [point], min(later) if later else stop, name, theme)[0]
                bands.append(band)
        visits = [e for e in own if not (e.is_graded and e.headlines) and e.date]
        if visits:
            key = f"{'p' if is_predecessor else 'c'}-{name}-visits"
            label = f"{name}: visits" if is_predecessor else "Visits"
            rows.append(Row(key=key, label=label, predecessor_of=council_name if is_predecessor else ""))
            for event in visits:
                ticks.append(
                    Tick(key, event.date, event.framework, event.is_expected, event.precision or "day", name)
                )  # fmt: skip
    return Chart(rows=rows, bands=bands, ticks=ticks, end=end)


def band_rows(chart: Chart) -> list[Band]:
    return sorted(chart.bands, key=lambda b: ([r.key for r in chart.rows].index(b.row), b.start))
