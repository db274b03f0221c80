"""Charts of a plan, as pure functions: data in, Plotly figure out (no database, no Django).

`status_over_time` draws how many actions stood at each status on each day, from the audit trail's
creation and status-change rows (improvements.queries.status_events): the past as it was, not as it is now.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable

import plotly.graph_objects as go

STATUS_LABELS = {
    "not_started": "Not started",
    "in_progress": "In progress",
    "complete": "Complete",
    "closed": "Closed without completion",
}
# Distinguishable without colour too: the legend and hover name each band, and the table under the chart
# gives the same figures. Colours from the GOV.UK palette.
STATUS_COLOURS = {
    "not_started": "#b1b4b6",
    "in_progress": "#1d70b8",
    "complete": "#00703c",
    "closed": "#6f72af",
}


def _day(moment: datetime.datetime | datetime.date) -> datetime.date:
    return moment.date() if isinstance(moment, datetime.datetime) else moment


def status_series(
    events: Iterable[tuple[int, datetime.datetime | datetime.date, str]],
    until: datetime.date,
) -> tuple[list[datetime.date], dict[str, list[int]]]:
    """Counts of actions by status at the end of each day on which something changed, and on `until`.

    events: (action id, when, status from then on), in any order; an action's first event is its creation.
    """
    ordered = sorted(events, key=lambda e: e[1])
    current: dict[int, str] = {}
    days: list[datetime.date] = []
    series: dict[str, list[int]] = {status: [] for status in STATUS_LABELS}

    def snapshot(day: datetime.date) -> None:
        counts = Counter(current.values())
        if days and days[-1] == day:
            for status in series:
                series[status][-1] = counts.get(status, 0)
            return
        days.append(day)
        for status in series:
            series[status].append(counts.get(status, 0))

    for action_id, when, status in ordered:
        day = _day(when)
        if day > until:
            break
        current[action_id] = status
        snapshot(day)
    if current and (not days or days[-1] < until):
        snapshot(until)
    return days, series


def status_over_time(
    events: Iterable[tuple[int, datetime.datetime | datetime.date, str]],
    until: datetime.date,
    title: str = "",
) -> go.Figure:
    """A stacked area chart: the plan's actions by status over time, stepping on each day a status changed."""
    days, series = status_series(events, until)
    figure = go.Figure()
    single_day = len(days) == 1
    for status, counts in series.items():
        if not any(counts):
            continue
        hover = "%{y} " + STATUS_LABELS[status].lower() + "<extra>%{x|%-d %B %Y}</extra>"
        if single_day:
            # One day of history: stacked bars, whose hover gives each count (stacked markers showed the
            # running total: a dot at 6 where 2 were in progress).
            figure.add_trace(
                go.Bar(x=[days[0].isoformat()], y=counts, name=STATUS_LABELS[status],
                       marker={"color": STATUS_COLOURS[status]}, hovertemplate=hover, width=86_400_000 * 0.8)
            )  # fmt: skip
            continue
        figure.add_trace(
            go.Scatter(
                x=[d.isoformat() for d in days],
                y=counts,
                name=STATUS_LABELS[status],
                mode="lines",
                line={"shape": "hv", "width": 1, "color": STATUS_COLOURS[status]},
                stackgroup="status",
                hovertemplate=hover,
            )
        )
    figure.update_layout(
        title={"text": title} if title else None,
        margin={"l": 50, "r": 20, "t": 40 if title else 10, "b": 40},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="x unified",
        barmode="stack",
        yaxis={"title": {"text": "Actions"}, "rangemode": "tozero", "tickformat": ",d"},
        # UK dates, days only: plotly.js's own formats were US ("Dec 7, 2026") and showed the step's edge as
        # "23:59:59.9995".
        xaxis={
            "type": "date",
            "hoverformat": "%-d %B %Y",
            "tickformatstops": [
                {"dtickrange": [None, 2_592_000_000], "value": "%-d %b %Y"},  # days and weeks
                {"dtickrange": [2_592_000_000, 31_536_000_000], "value": "%b %Y"},  # months
                {"dtickrange": [31_536_000_000, None], "value": "%Y"},  # years
            ],
        },
        plot_bgcolor="#ffffff",
        paper_bgcolor="#ffffff",
    )
    return figure


def status_summary(events, until: datetime.date) -> str:
    """The chart in one sentence (its accessible name): the counts on the last day, and since when."""
    days, series = status_series(events, until)
    if not days:
        return "No actions yet."
    parts = [f"{series[s][-1]} {STATUS_LABELS[s].lower()}" for s in STATUS_LABELS if series[s][-1]]
    return (
        f"On {until.day} {until:%B %Y}, {', '.join(parts)}; the plan's record of changes starts on "
        f"{days[0].day} {days[0]:%B %Y}."
    )


def status_rows(events, until: datetime.date) -> list[dict]:
    """The chart's data as rows for a table: each day on which a status changed, and the counts that day."""
    days, series = status_series(events, until)
    return [{"day": day, **{s: series[s][i] for s in STATUS_LABELS}} for i, day in enumerate(days)]
