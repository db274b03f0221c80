"""One sentence per chart, written from the chart's own data: shown above the chart and given to it as its
accessible name (templates/includes/chart.html), so a screen reader hears what the chart says instead of
its tick labels. Numbers here are the same the table beside the chart holds."""

from __future__ import annotations

from collections import Counter

from dashboards.grade_bands import Chart
from dashboards.palette import GRADE_NAMES
from inspections.precision import shown as uk_date


def _count_words(counts: Counter, total: int | None = None) -> str:
    parts = [f"{counts.get(v, 0)} {GRADE_NAMES[v].lower()}" for v in (1, 2, 3, 4)]
    return ", ".join(parts)


def _word(band) -> str:
    """The grade in its framework's own word (a SLAC's "adequate", not the scale's "requires improvement"),
    as the bands and tables write it."""
    return (band.grade or band.name).lower()


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def compare_summary(chart: Chart, theme_name: str) -> str:
    councils = [r for r in chart.rows if not r.predecessor_of]
    if not councils:
        return f"{theme_name}: no council chosen."
    latest = {}
    for band in sorted(chart.bands, key=lambda b: b.start):
        if not any(r.key == band.row and not r.predecessor_of for r in chart.rows):
            continue
        latest[band.row] = band
    counts = Counter(b.value for b in latest.values())
    unjudged = len(councils) - len(latest)
    sentence = (
        f"{theme_name} of {len(councils)} council{'s' if len(councils) != 1 else ''}, "
        "one row each since 2009: "
        f"latest grades {_count_words(counts)}" + (f", {unjudged} not yet judged" if unjudged else "")
    )
    chosen = next((r for r in councils if r.chosen), None)
    if chosen:
        band = latest.get(chosen.key)
        sentence += (
            f"; {chosen.label} (chosen): {_word(band)} "
            f"({band.framework}, {uk_date(band.start, band.precision)})"
            if band
            else f"; {chosen.label} (chosen) has no judgement of this theme"
        )
    return sentence + "."


def council_summary(chart: Chart, council_name: str) -> str:
    overall = sorted((b for b in chart.bands if b.theme == "overall" and b.council == council_name),
                     key=lambda b: b.start)  # fmt: skip
    history = [f"{_word(b)}{' (derived)' if b.derived else ''} "
               f"({b.framework}, {uk_date(b.start, b.precision)})"
               for b in overall]  # fmt: skip
    visits = [t for t in chart.ticks if t.council == council_name and not t.expected]
    expected = [t for t in chart.ticks if t.council == council_name and t.expected]
    sentence = f"{council_name} since 2009: "
    sentence += (
        ("overall effectiveness " + ", then ".join(history)) if history else "no overall grade recorded"
    )
    if visits:
        newest = visits[-1]
        sentence += (
            f"; {len(visits)} visit{'s' if len(visits) != 1 else ''} without a grade, the latest a "
            f"{newest.name.lower()} ({uk_date(newest.date, newest.precision)})"
        )
    if expected:
        sentence += f"; {len(expected)} expected visit{'s' if len(expected) != 1 else ''}"
    return sentence + "."


def shares_summary(references: list[tuple[str, dict]], end=None) -> str:
    """references: (name, {year: {value: councils}}); `end`: where the data end (the last year ends there)."""
    parts = []
    year = None
    for name, by_year in references:
        if not by_year:
            continue
        year = max(by_year)
        counts = by_year[year]
        total = sum(counts.values())
        shares = ", ".join(f"{counts.get(v, 0)} of {total} {GRADE_NAMES[v].lower()}" for v in (1, 2, 3, 4))
        parts.append(f"{name}: {shares}")
    if not parts:
        return "No council had a judgement of this theme yet."
    when = f"On {uk_date(end)}, where the data end" if end and end.year == year else f"At the end of {year}"
    return f"{when}, councils by their latest grade: " + "; ".join(parts) + "."


def distribution_summary(counts: dict[int, int], as_at) -> str:
    total = sum(counts.get(v, 0) for v in (1, 2, 3, 4))
    if not total:
        return f"As at {uk_date(as_at)}, nothing was counted."
    parts = [
        f"{counts.get(v, 0)} {GRADE_NAMES[v].lower()} ({100 * counts.get(v, 0) / total:.0f}%)"
        for v in (1, 2, 3, 4)
    ]
    return f"As at {uk_date(as_at)}, of {total} counted: " + _join(parts) + "."


def heatmap_summary(councils: list[str], years: list[int], cells: dict) -> str:
    if not councils or not years:
        return "No councils match these choices."
    last = years[-1]
    counts = Counter(cells[(c, last)][0] for c in councils if (c, last) in cells)
    return (
        f"{len(councils)} councils, one row each, {years[0]} to {last}: at the end of {last}, "
        f"{_count_words(counts)}, {len(councils) - sum(counts.values())} with no judgement yet."
    )


def transitions_summary(transitions: dict[tuple[int, int], int]) -> str:
    better = sum(n for (a, b), n in transitions.items() if b < a)
    same = sum(n for (a, b), n in transitions.items() if b == a)
    worse = sum(n for (a, b), n in transitions.items() if b > a)
    total = better + same + worse
    return (
        f"Of {total} moves from one inspection to the next, {better} improved, {same} kept their grade and "
        f"{worse} got worse."
    )
