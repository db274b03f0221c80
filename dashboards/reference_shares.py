"""England and regions as references for the compare page: at each year-end, how many councils held each
grade as their latest, drawn as small stacked bars (one small chart per area, shared years), with the counts
behind every share in the hover text and in the table beside the chart.

Replaces twelve tangled lines (four grades x three areas) with bars whose four parts always add up to the
whole: the eye compares the size of the blue or the red, not the crossing of lines."""

from __future__ import annotations

from collections import defaultdict

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from dashboards import palette


def counts_by_year(rows, region: str | None = None) -> dict[int, dict[int, int]]:
    """{year: {value: councils}} from dashboards.queries.compare.yearly_grade_shares (year, region, value,
    councils), for England (region None) or one region."""
    counts: dict[int, dict[int, int]] = defaultdict(lambda: dict.fromkeys((1, 2, 3, 4), 0))
    for year, row_region, value, councils in rows:
        if region is None or row_region == region:
            counts[year][value] += councils
    return dict(sorted(counts.items()))


def figure(references: list[tuple[str, dict[int, dict[int, int]]]], title: str) -> go.Figure:
    names = [name for name, _ in references]
    fig = make_subplots(
        rows=len(names), cols=1, shared_xaxes=True, vertical_spacing=0.12 if len(names) < 4 else 0.04,
        subplot_titles=names,
    )  # fmt: skip
    for index, (name, by_year) in enumerate(references, start=1):
        years = sorted(by_year)
        totals = {y: sum(by_year[y].values()) for y in years}
        for value in (1, 2, 3, 4):
            fig.add_trace(
                go.Bar(
                    name=palette.GRADE_NAMES[value],
                    legendgroup=str(value),
                    showlegend=index == 1,
                    x=[str(y) for y in years],
                    y=[round(100 * by_year[y][value] / totals[y], 1) if totals[y] else 0 for y in years],
                    customdata=[[by_year[y][value], totals[y]] for y in years],
                    hovertext=[
                        f"{name}, end of {y}: {by_year[y][value]} of {totals[y]} councils "
                        f"({100 * by_year[y][value] / totals[y]:.0f}%) {palette.GRADE_NAMES[value].lower()}"
                        for y in years
                    ],
                    hoverinfo="text",
                    marker={
                        "color": palette.GRADE_COLOURS[value],
                        "line": {"color": "#ffffff", "width": 0.5},
                    },
                    meta={"reference": name, "value": value},
                ),
                row=index,
                col=1,
            )
        fig.update_yaxes(range=[0, 100], ticksuffix="%", dtick=50, fixedrange=True, gridcolor=palette.GRID,
                         row=index, col=1)  # fmt: skip
    fig.update_xaxes(fixedrange=True, tickangle=0, dtick=2, type="category")
    fig.update_layout(
        meta={"title": title},
        barmode="stack",
        bargap=0.15,
        font={"family": "arial, sans-serif", "size": 14, "color": palette.TEXT},
        height=90 + 150 * len(names),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "yanchor": "top", "y": -0.04, "x": 0, "traceorder": "normal"},
        hoverlabel={"font": {"family": "arial, sans-serif", "size": 14}},
        dragmode=False,
    )
    for annotation in fig.layout.annotations:  # the small charts' titles: left, in body text
        annotation.update(x=0, xanchor="left", font={"size": 14, "color": palette.TEXT})
    return fig


def table_rows(references) -> list[dict]:
    """The chart's data as rows for dashboards.reference_tables.ReferenceCountsTable: counts and shares."""
    rows = []
    for name, by_year in references:
        for year, counts in sorted(by_year.items()):
            total = sum(counts.values())
            row = {"reference": name, "year": year, "councils": total}
            for value, key in (
                (1, "outstanding"),
                (2, "good"),
                (3, "requires_improvement"),
                (4, "inadequate"),
            ):
                row[key] = counts.get(value, 0)
                row[f"{key}_share"] = round(100 * counts.get(value, 0) / total, 1) if total else 0
            rows.append(row)
    return rows
