"""Charts as pure functions: aggregated data in, a plotly Figure out. No queries, no HTML.

Pages pass `figure_json(fig)` to `{% include "includes/chart.html" %}`, which writes it with json_script
and lets static/js/app.js draw it with our own copy of plotly.js (the CSP allows nothing else). Tests assert
on the figure itself.

Conventions every chart keeps:
- grades run 1 (outstanding, at the top) to 4 (inadequate); SLAC and CPI "Adequate" share 3 with
  "Requires improvement", so every point names its framework and shows its grade as written;
- colour never carries a grade alone: each grade also has its words (text, hover, axis) and, on bars, a
  pattern;
- every chart has its data as a table beside it on the page (the views build both from the same rows).

Grades over time (a council's history, councils compared) are drawn as bands, one row each:
dashboards/grade_bands.py; England and regions as stacked bars: dashboards/reference_shares.py.
"""

import json

import plotly.graph_objects as go

from dashboards import palette
from inspections.reading import vocabulary as vocab

GRADES = (1, 2, 3, 4)
GRADE_NAMES = vocab.GRADE_NAMES
GRADE_SHORT = palette.GRADE_SHORT
# One palette for grades everywhere (dashboards/palette.py): safe for red-green colour blindness.
GRADE_COLOURS = palette.GRADE_COLOURS
GRADE_PATTERNS = {1: "", 2: "/", 3: ".", 4: "x"}
_FONT = {"family": "arial, sans-serif", "size": 14, "color": "#0b0c0c"}


def figure_json(fig: go.Figure) -> dict:
    """The figure as plain JSON data for json_script (dates and numbers already serialised)."""
    return json.loads(fig.to_json())


def _layout(fig: go.Figure, title: str, height: int = 460, **extra) -> go.Figure:
    fig.update_layout(
        # No title drawn inside the chart: the page's <figcaption> names it, and a phone needs the room.
        meta={"title": title},
        font=_FONT,
        height=height,
        margin={"l": 10, "r": 10, "t": 20, "b": 10},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        hoverlabel={"font": {"family": "arial, sans-serif", "size": 14}},
        **extra,
    )
    return fig


def distribution_figure(counts: dict[int, int], title: str) -> go.Figure:
    """How many councils hold each grade: bars with the count and share written on them."""
    total = sum(counts.get(v, 0) for v in GRADES)
    fig = go.Figure()
    for v in GRADES:  # one trace a grade: a colour and a pattern each (an array of colours upsets patterns)
        number = counts.get(v, 0)
        fig.add_trace(
            go.Bar(
                name=GRADE_NAMES[v],
                x=[GRADE_NAMES[v]],
                y=[number],
                text=[f"{number} ({100 * number / total:.0f}%)" if total else "0"],
                textposition="outside",
                hovertext=[f"{GRADE_NAMES[v]}: {number} of {total}"],
                hoverinfo="text",
                marker={
                    "color": GRADE_COLOURS[v],
                    "pattern": {"shape": GRADE_PATTERNS[v], "fgcolor": "#ffffff", "solidity": 0.3},
                },
                cliponaxis=False,
                meta={"value": v},
            )
        )
    top = max([counts.get(v, 0) for v in GRADES] + [1])
    fig.update_yaxes(title={"text": "Councils"}, range=[0, top * 1.2], gridcolor="#e8e8e8")
    fig.update_xaxes(title={"text": "Latest judgement"})
    return _layout(fig, title, height=380, showlegend=False)


def heatmap_figure(councils: list[str], years: list[int], cells: dict, title: str) -> go.Figure:
    """Councils against years: each cell the council's latest grade at that year-end, written in the cell.

    `cells` maps (council, year) to (value, framework)."""
    z, text, hover = [], [], []
    for council in councils:
        row_z, row_text, row_hover = [], [], []
        for year in years:
            value, framework = cells.get((council, year), (None, ""))
            row_z.append(value)
            row_text.append(GRADE_SHORT.get(value, ""))
            row_hover.append(
                f"{council}, end of {year}: {GRADE_NAMES[value]} ({framework})"
                if value
                else f"{council}, end of {year}: no judgement yet"
            )
        z.append(row_z)
        text.append(row_text)
        hover.append(row_hover)
    scale = []
    for index, value in enumerate(GRADES):
        scale += [[index / 4, GRADE_COLOURS[value]], [(index + 1) / 4, GRADE_COLOURS[value]]]
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=[str(y) for y in years],
            y=councils,
            text=text,
            texttemplate="%{text}",
            # No colour given: plotly.js writes dark text on light cells (amber) and white on dark ones, each
            # at least 4.5:1 with this palette (white 11 px on every grade was 4.2:1 on Good).
            textfont={"size": 12},
            hovertext=hover,
            hoverinfo="text",
            zmin=0.5,
            zmax=4.5,
            colorscale=scale,
            xgap=1,
            ygap=1,
            # No colour bar: plotly.js draws it with an inline style, which the CSP refuses. Each cell
            # carries its grade's initials instead, and the page gives the key in words.
            showscale=False,
        )
    )
    fig.update_yaxes(autorange="reversed", type="category", fixedrange=True)
    fig.update_xaxes(type="category", side="top")
    return _layout(fig, title, height=max(300, 22 * len(councils) + 140), showlegend=False)


def transitions_figure(counts: dict[tuple[int, int], int], title: str) -> go.Figure:
    """How councils moved between grades from one inspection to the next: a Sankey from each grade before to
    each grade after. `counts` maps (value before, value after) to the number of councils."""
    labels = [f"Before: {GRADE_NAMES[v]}" for v in GRADES] + [f"After: {GRADE_NAMES[v]}" for v in GRADES]
    sources, targets, values, hover = [], [], [], []
    for (before, after), number in sorted(counts.items()):
        if number:
            sources.append(before - 1)
            targets.append(4 + after - 1)
            values.append(number)
            hover.append(f"{GRADE_NAMES[before]} then {GRADE_NAMES[after].lower()}: {number}")
    fig = go.Figure(
        go.Sankey(
            arrangement="fixed",
            node={
                "label": labels,
                "color": [GRADE_COLOURS[v] for v in GRADES] * 2,
                "pad": 18,
                "thickness": 18,
                "x": [0.01] * 4 + [0.99] * 4,
                "y": [0.05, 0.3, 0.55, 0.8] * 2,
            },
            link={
                "source": sources,
                "target": targets,
                "value": values,
                "customdata": hover,
                "hovertemplate": "%{customdata}<extra></extra>",
                "color": ["rgba(80, 90, 95, 0.35)"] * len(values),
            },
        )
    )
    return _layout(fig, title, height=420, showlegend=False)
