"""The board's "Actions by status over time" chart and its sentence, as pure functions (issue 12, point 7)."""

import datetime

from improvements import charts

D = datetime.date
T = datetime.datetime


def test_one_day_of_history_is_stacked_bars_whose_hover_gives_each_count():
    events = [(1, T(2020, 10, 1, 9), "in_progress"), (2, T(2020, 10, 1, 10), "in_progress")]
    events += [(n, T(2020, 10, 1, 11), "not_started") for n in range(3, 7)]
    figure = charts.status_over_time(events, until=D(2020, 10, 1))
    assert {t.type for t in figure.data} == {"bar"}  # stacked dots read 6 where 2 were in progress
    in_progress = next(t for t in figure.data if t.name == "In progress")
    assert list(in_progress.y) == [2]


def test_dates_are_uk_days_without_a_time():
    events = [(1, T(2020, 10, 1), "not_started"), (1, T(2020, 11, 12), "complete")]
    figure = charts.status_over_time(events, until=D(2021, 3, 1))
    assert figure.layout.xaxis.hoverformat == "%-d %B %Y"  # not plotly's "Oct 1, 2020, 23:59:59.9995"
    assert all("%H" not in stop.value for stop in figure.layout.xaxis.tickformatstops)
    assert "%{x|%-d %B %Y}" in figure.data[0].hovertemplate
    assert charts.status_summary(events, D(2021, 3, 1)) == (
        "On 1 March 2021, 1 complete; the plan's record of changes starts on 1 October 2020."
    )
    assert [r["day"] for r in charts.status_rows(events, D(2021, 3, 1))] == [
        D(2020, 10, 1), D(2020, 11, 12), D(2021, 3, 1)
    ]  # fmt: skip
