"""The one chart grammar for ordinal grades over time: one row per council (or per theme of one council), each
grade drawn as a labelled band from its inspection until the next, ungraded visits as ticks on the row.

Why bands and not lines: grades are four ordered words, not a quantity. Lines on a 1-4 axis hide one another
as soon as two councils share a grade (eleven councils made four rows of tangled lines); a row per council
never overlaps, reads left to right like a history, and scales from 2 rows to every council (153) by growing
taller, not denser. The chosen council is the first row and marked; a predecessor (Cumbria before Cumberland)
has a row of its own, labelled as such, with hatched bands.

Pure functions: rows, bands and ticks in, a plotly Figure out. No queries, no HTML. The views build the table
that goes beside each chart from the same Band and Tick objects (dashboards/chart_tables.py).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import plotly.graph_objects as go

from dashboards import palette
from inspections.precision import shown as uk_date

FIRST_DAY = datetime.date(2009, 1, 1)
ROW_HEIGHT = 30
LEGEND_NAMES = {**palette.GRADE_NAMES, 3: "Requires improvement (or adequate)"}
PREDECESSOR_PATTERN = "/"
# Ticks drawn as open vertical lines: they stay apart where bands would merge into a bar.
TICK_SYMBOLS = {"expected": "triangle-down-open", "held": "line-ns-open"}


@dataclass(frozen=True)
class Row:
    """A row of the chart: a council (or one theme of a council). `key` is unique; `label` is what the axis
    shows; `chosen` marks the council the page is about; `predecessor_of` names the council it became."""

    key: str
    label: str
    chosen: bool = False
    predecessor_of: str = ""
    note: str = ""  # after the label, e.g. "(chosen)"


@dataclass
class Band:
    """A grade held from `start` until `end` (the next inspection, or where the data end)."""

    row: str  # Row.key
    start: datetime.date
    end: datetime.date
    value: int
    grade: str  # as written by the source
    framework: str
    derived: bool = False
    precision: str = "day"  # "day", "month" or "year": how much of `start` is known
    council: str = ""
    theme: str = ""
    of_council: str = ""  # a predecessor's report, counted for the council that took over (hatched)

    @property
    def name(self) -> str:
        return palette.GRADE_NAMES[self.value]


@dataclass
class Tick:
    """An ungraded event (a focused or monitoring visit, a JTAI, an expected visit) on a row."""

    row: str
    date: datetime.date
    name: str
    expected: bool = False
    precision: str = "day"
    council: str = ""


@dataclass
class Chart:
    rows: list[Row]
    bands: list[Band] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    end: datetime.date = field(default_factory=datetime.date.today)


def bands_from_points(row: str, points, end: datetime.date, council: str = "", theme: str = "") -> list[Band]:
    """A series of graded points (date, value, grade, framework, derived; optionally date_precision), oldest
    first, as bands: each grade holds until the next point of the series, the last until `end`."""
    points = sorted(points, key=lambda p: p.date)
    bands = []
    for index, point in enumerate(points):
        following = points[index + 1].date if index + 1 < len(points) else end
        bands.append(
            Band(
                row=row,
                start=point.date,
                end=max(following, point.date),
                value=point.value,
                grade=point.grade,
                framework=point.framework,
                derived=bool(point.derived),
                # A point says how precise its date is (inspections.precision; a publication is a known day):
                # it is written at that precision, never with an invented day.
                precision=getattr(point, "precision", None) or "day",
                council=council,
                theme=theme,
                of_council=getattr(point, "of_council", "") or "",
            )
        )
    return bands


def _ms(start: datetime.date, end: datetime.date) -> int:
    return int((end - start).total_seconds() * 1000)


def _band_hover(band: Band, rows: dict[str, Row]) -> str:
    row = rows[band.row]
    who = row.label + (f" (report of {band.of_council}, its predecessor)" if band.of_council else "")
    derived = " (derived: the worse of two sections)" if band.derived else ""
    written = f"<br>As written: “{band.grade}”" if band.grade and band.grade != band.name else ""
    return (
        f"{who}<br>{band.framework}, {uk_date(band.start, band.precision)}: {band.name}{derived}{written}"
        f"<br>Held until {uk_date(band.end, 'day')}"
    )


def figure(chart: Chart, title: str) -> go.Figure:
    rows = {row.key: row for row in chart.rows}
    order = [row.key for row in chart.rows]
    fig = go.Figure()
    # Every row, even one with nothing to draw yet (a council never judged on this theme): a category axis
    # only lists the categories its traces use.
    fig.add_trace(
        go.Scatter(x=[FIRST_DAY.isoformat()] * len(order), y=order, mode="markers", marker={"opacity": 0},
                   hoverinfo="skip", showlegend=False, meta={"rows": True})
    )  # fmt: skip
    for value in (1, 2, 3, 4):
        for predecessor in (False, True):
            group = [
                b for b in chart.bands if b.value == value and bool(rows[b.row].predecessor_of) == predecessor
            ]
            if not group:
                continue
            fig.add_trace(
                go.Bar(
                    name=LEGEND_NAMES[value] + (" (predecessor)" if predecessor else ""),
                    legendgroup=str(value),
                    orientation="h",
                    y=[b.row for b in group],
                    base=[b.start.isoformat() for b in group],
                    x=[max(_ms(b.start, b.end), 1) for b in group],
                    text=[palette.GRADE_SHORT[value] + ("*" if b.derived else "") for b in group],
                    textposition="inside",
                    insidetextanchor="middle",
                    textangle=0,
                    textfont={"color": palette.GRADE_TEXT[value], "size": 12},
                    hovertext=[_band_hover(b, rows) for b in group],
                    hoverinfo="text",
                    width=0.7,
                    marker={
                        "color": palette.GRADE_COLOURS[value],
                        "line": {"color": palette.EDGE, "width": 1},
                        **({"pattern": {"shape": PREDECESSOR_PATTERN, "fgcolor": "#ffffff", "solidity": 0.25}}
                           if predecessor else {}),
                    },
                    customdata=[[b.framework, b.grade, b.start.isoformat(), b.end.isoformat()]
                                for b in group],
                    meta={"value": value, "predecessor": predecessor},
                )
            )  # fmt: skip
    for expected in (False, True):
        group = [t for t in chart.ticks if t.expected == expected]
        if not group:
            continue
        fig.add_trace(
            go.Scatter(
                name="Expected visit" if expected else "Visit (not graded)",
                y=[t.row for t in group],
                x=[t.date.isoformat() for t in group],
                mode="markers",
                marker={
                    "symbol": TICK_SYMBOLS["expected" if expected else "held"],
                    "size": 18 if not expected else 11,
                    "color": palette.TEXT if not expected else palette.SECONDARY_TEXT,
                    "line": {"width": 2, "color": palette.TEXT if not expected else palette.SECONDARY_TEXT},
                },
                hovertext=[
                    f"{rows[t.row].label}<br>{t.name}, "
                    f"{uk_date(t.date, t.precision)}" + (" (expected)" if expected else "")
                    for t in group
                ],
                hoverinfo="text",
                meta={"ticks": True, "expected": expected},
            )
        )
    last = max([chart.end] + [b.end for b in chart.bands] + [t.date for t in chart.ticks])
    # Months of room after the newest fact, so its band or tick is never cut at the edge (on screen or paper).
    right = datetime.date(last.year + (1 if last.month > 6 else 0), 7 if last.month <= 6 else 1, 1)
    fig.update_xaxes(
        type="date",
        range=[FIRST_DAY.isoformat(), right.isoformat()],
        tickformat="%Y",
        tickangle=0,  # plotly.js spaces the years for the width: every two on a wide screen, fewer on a phone
        gridcolor=palette.GRID,
        side="top",
        fixedrange=True,
        showline=True,
        linecolor=palette.SECONDARY_TEXT,
    )
    fig.update_yaxes(
        type="category",
        categoryorder="array",
        categoryarray=order,
        tickmode="array",
        tickvals=order,
        ticktext=[_tick_label(rows[key]) for key in order],
        autorange="reversed",
        fixedrange=True,
        automargin=True,
    )
    shapes = [
        {
            "type": "rect",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": index - 0.5,
            "y1": index + 0.5,
            "fillcolor": palette.HIGHLIGHT,
            "opacity": 0.35,
            "line": {"width": 0},
            "layer": "below",
        }
        for index, key in enumerate(order)
        if rows[key].chosen
    ]
    fig.update_layout(
        meta={"title": title, "rows": order},
        barmode="overlay",
        bargap=0.3,
        shapes=shapes,
        font={"family": "arial, sans-serif", "size": 14, "color": palette.TEXT},
        height=110 + ROW_HEIGHT * max(len(order), 2),
        margin={"l": 10, "r": 16, "t": 34, "b": 10},
        paper_bgcolor="#ffffff",
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "yanchor": "top", "y": -0.02 if len(order) > 8 else -0.08, "x": 0,
                "traceorder": "normal"},
        uniformtext={"mode": "hide", "minsize": 10},
        hoverlabel={"font": {"family": "arial, sans-serif", "size": 14}},
        dragmode=False,
    )  # fmt: skip
    return fig


def _tick_label(row: Row) -> str:
    if row.chosen:
        # Marked by words and by a highlighted row; not bold: plotly.js writes <b> as a style attribute, which
        # the CSP refuses.
        return f"► {row.label}" + (f" {row.note}" if row.note else "")
    if row.predecessor_of:
        return f"{row.label} (predecessor of {row.predecessor_of})"
    return row.label
