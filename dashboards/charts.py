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
"""

import datetime
import json

import plotly.graph_objects as go

from dashboards import palette
from inspections import precision
from inspections.headline import DERIVED_RULE
from inspections.reading import vocabulary as vocab

GRADES = (1, 2, 3, 4)
GRADE_NAMES = vocab.GRADE_NAMES
GRADE_SHORT = {1: "O", 2: "G", 3: "RI", 4: "I"}
# One palette for grades everywhere (dashboards/palette.py): safe for red-green colour blindness.
GRADE_COLOURS = palette.GRADE_COLOURS
GRADE_PATTERNS = {1: "", 2: "/", 3: ".", 4: "x"}
# Short enough to leave the plot room on a phone; the figcaption and the table say the rest.
AXIS_TICKS = {
    1: "Outstanding",
    2: "Good",
    3: "Requires<br>improvement<br>/ adequate",
    4: "Inadequate",
}
VISIT_ROW = 5
VISIT_ROW_LABEL = "Visits<br>(no grade)"

THEME_STYLES = {
    "overall": ("#0b0c0c", "circle"),
    "help_and_protection": ("#1d70b8", "square"),
    "children_in_care": ("#912b88", "diamond"),
    "care_leavers": ("#d4351c", "triangle-up"),
    "leadership": ("#00703c", "triangle-down"),
    "adoption": ("#6f5200", "star"),
    "lscb": ("#4c2c92", "cross"),
}
KIND_SYMBOLS = {
    "focused_visit": "diamond",
    "monitoring_visit": "square",
    "jtai": "triangle-up",
    "unannounced": "x",
    "other": "circle",
}
SERIES_COLOURS = (
    "#1d70b8",
    "#d4351c",
    "#00703c",
    "#912b88",
    "#0b0c0c",
    "#6f5200",
    "#4c2c92",
    "#b58840",
    "#28a197",
    "#5694ca",
)
SERIES_SYMBOLS = ("circle", "square", "diamond", "triangle-up", "triangle-down", "star", "cross", "x")
REFERENCE_DASHES = ("solid", "dash", "dot", "dashdot", "longdash")

_FONT = {"family": "arial, sans-serif", "size": 14, "color": "#0b0c0c"}


def figure_json(fig: go.Figure) -> dict:
    """The figure as plain JSON data for json_script (dates and numbers already serialised)."""
    return json.loads(fig.to_json())


def _iso(day) -> str:
    return day.isoformat() if isinstance(day, datetime.date) else str(day)


def _grade_axis(with_visits: bool) -> dict:
    ticks = dict(AXIS_TICKS)
    if with_visits:
        ticks[VISIT_ROW] = VISIT_ROW_LABEL
    return {
        "tickmode": "array",
        "tickvals": list(ticks),
        "ticktext": list(ticks.values()),
        "range": [(VISIT_ROW if with_visits else 4) + 0.6, 0.4],  # reversed: outstanding at the top
        "zeroline": False,
        "gridcolor": "#e8e8e8",
        "fixedrange": True,
    }


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


def _when(event) -> str:
    """The event's date at its precision and what it is (inspections.precision): never an invented day."""
    basis = getattr(event, "date_basis", "published")
    return f"{precision.shown(event.date, getattr(event, 'precision', 'day'))} ({basis})"


def _headline_hover(event, headline) -> str:
    derived = f"<br>{headline.rule or DERIVED_RULE}" if headline.derived else ""
    council = f"{event.council_name} (predecessor)<br>" if event.is_predecessor else ""
    return (
        f"{council}{_when(event)}: {event.framework}<br>"
        f"{vocab.THEMES.get(headline.theme, headline.theme)}: {headline.grade}{derived}<br>"
        f"<i>{headline.label}</i>"
    )


def timeline_figure(events, council_name: str, themes=vocab.HEADLINE_THEMES) -> go.Figure:
    """A council's history since 2009: graded inspections as points joined per theme (the y axis is the four
    grades, best at the top), ungraded visits and expected visits as markers on a row of their own, and a
    predecessor's history (e.g. Cumbria's on Cumberland's page) drawn dotted and labelled.

    `events` are dashboards.queries.council.TimelineEvent (or anything with date, framework, kind, is_graded,
    is_expected, is_predecessor, council_name and headlines: {theme: Headline}), oldest first."""
    fig = go.Figure()
    events = list(events)
    councils = []  # this council first, then its predecessors in order of appearance
    for event in events:
        key = (event.is_predecessor, event.council_name)
        if key not in councils:
            councils.append(key)
    councils.sort(key=lambda key: key[0])
    for is_predecessor, name in councils:
        own = [e for e in events if e.is_predecessor == is_predecessor and e.council_name == name]
        for theme in themes:
            points = [(e, e.headlines[theme]) for e in own if e.is_graded and theme in e.headlines]
            if not points:
                continue
            colour, symbol = THEME_STYLES.get(theme, ("#505a5f", "circle"))
            theme_name = vocab.THEMES.get(theme, theme)
            fig.add_trace(
                go.Scatter(
                    name=f"{name} (predecessor): {theme_name}" if is_predecessor else theme_name,
                    legendgroup=f"{name}-{theme}",
                    x=[_iso(e.date) for e, _ in points],
                    y=[h.value for _, h in points],
                    text=[e.framework for e, _ in points],
                    customdata=[[h.grade, h.label, "derived" if h.derived else ""] for _, h in points],
                    hovertext=[_headline_hover(e, h) for e, h in points],
                    hoverinfo="text",
                    mode="lines+markers+text" if theme == "overall" else "lines+markers",
                    textposition="top center",
                    textfont={"size": 12, "color": colour},
                    line={"color": colour, "width": 2, "dash": "dot" if is_predecessor else "solid"},
                    marker={
                        "symbol": symbol + ("-open" if is_predecessor else ""),
                        "size": 11,
                        "color": colour,
                        "line": {"width": 1, "color": "#ffffff"},
                    },
                    meta={"theme": theme, "council": name, "predecessor": is_predecessor},
                )
            )
        visits = [e for e in own if not e.is_graded or (e.is_graded and not e.headlines)]
        kinds = []
        for event in visits:
            if (event.kind, event.is_expected) not in kinds:
                kinds.append((event.kind, event.is_expected))
        for kind, expected in kinds:
            group = [e for e in visits if e.kind == kind and e.is_expected == expected]
            label = vocab.FRAMEWORK_SHORT_NAMES.get(kind, kind) + (" (expected)" if expected else "")
            if is_predecessor:
                label = f"{name} (predecessor): {label}"
            symbol = KIND_SYMBOLS.get(kind, "circle")
            fig.add_trace(
                go.Scatter(
                    name=label,
                    x=[_iso(e.date) for e in group],
                    y=[VISIT_ROW] * len(group),
                    text=[e.framework + (" (expected)" if expected else "") for e in group],
                    hovertext=[
                        (f"{e.council_name} (predecessor)<br>" if is_predecessor else "")
                        + f"{_when(e)}: {e.framework}"
                        + (" expected (announced, not yet held)" if expected else " (not graded)")
                        for e in group
                    ],
                    hoverinfo="text",
                    mode="markers",
                    marker={
                        "symbol": symbol + ("-open" if expected or is_predecessor else ""),
                        "size": 13,
                        "color": "#505a5f" if expected else "#0b0c0c",
                        "line": {"width": 2, "color": "#505a5f" if expected else "#0b0c0c"},
                    },
                    meta={"kind": kind, "expected": expected, "council": name, "predecessor": is_predecessor},
                )
            )
    last = max([e.date for e in events] + [datetime.date.today()])
    fig.update_xaxes(
        type="date",
        range=["2009-01-01", _iso(datetime.date(last.year + 1, 1, 1))],
        title={"text": "Published (a visit not yet published: its first day)"},
        gridcolor="#e8e8e8",
    )
    fig.update_yaxes(**_grade_axis(with_visits=True))
    return _layout(fig, f"{council_name}: judgements and visits since 2009", height=520)


def compare_figure(series, theme: str) -> go.Figure:
    """Several councils' grades of one theme over time, one line each.

    `series` is a list of (council name, points), points having date, value, grade, framework, derived."""
    fig = go.Figure()
    theme_name = vocab.THEMES.get(theme, theme)
    for index, (council, points) in enumerate(series):
        colour = SERIES_COLOURS[index % len(SERIES_COLOURS)]
        symbol = SERIES_SYMBOLS[index % len(SERIES_SYMBOLS)]
        fig.add_trace(
            go.Scatter(
                name=council,
                x=[_iso(p.date) for p in points],
                y=[p.value for p in points],
                text=[p.framework for p in points],
                hovertext=[
                    f"{council}<br>{_when(p)}: {p.framework}"
                    + (f" of {p.of_council}" if getattr(p, "of_council", "") else "")
                    + f"<br>{theme_name}: {p.grade}"
                    + (f"<br>{DERIVED_RULE}" if p.derived else "")
                    for p in points
                ],
                hoverinfo="text",
                mode="lines+markers",
                line={"color": colour, "width": 2, "shape": "hv"},
                marker={"symbol": symbol, "size": 10, "color": colour},
                meta={"council": council},
            )
        )
    fig.update_xaxes(type="date", range=["2009-01-01", _iso(datetime.date.today())], gridcolor="#e8e8e8")
    fig.update_yaxes(**_grade_axis(with_visits=False))
    return _layout(fig, f"{theme_name}: each council's grade at each inspection", height=480)


def shares_figure(references, theme: str) -> go.Figure:
    """Reference lines: the share of councils at each grade at each year-end, for England and regions.

    `references` is a list of (name, {year: {value: share 0..1}})."""
    fig = go.Figure()
    for index, (name, by_year) in enumerate(references):
        dash = REFERENCE_DASHES[index % len(REFERENCE_DASHES)]
        years = sorted(by_year)
        for value in GRADES:
            fig.add_trace(
                go.Scatter(
                    name=f"{name}: {GRADE_NAMES[value]}",
                    legendgroup=name,
                    x=years,
                    y=[round(100 * by_year[y].get(value, 0), 1) for y in years],
                    hovertext=[
                        f"{name}, end of {y}: {100 * by_year[y].get(value, 0):.0f}% "
                        f"{GRADE_NAMES[value].lower()}"
                        for y in years
                    ],
                    hoverinfo="text",
                    mode="lines+markers",
                    line={"color": GRADE_COLOURS[value], "dash": dash, "width": 2},
                    marker={"symbol": SERIES_SYMBOLS[value - 1], "size": 7, "color": GRADE_COLOURS[value]},
                    meta={"reference": name, "value": value},
                )
            )
    fig.update_xaxes(title={"text": "End of year"}, dtick=1, gridcolor="#e8e8e8")
    fig.update_yaxes(title={"text": "Share of councils (%)"}, range=[0, 100], gridcolor="#e8e8e8")
    theme_name = vocab.THEMES.get(theme, theme)
    return _layout(fig, f"{theme_name}: share of councils at each grade (latest judgement)", height=460)


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
