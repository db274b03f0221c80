from datetime import date

import pytest

from improvements.timescales import add_months, due_date, month_bounds


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("immediately", date(2011, 6, 27)),
        ("within_3_months", date(2011, 9, 27)),
        ("within_6_months", date(2011, 12, 27)),
    ],
)
def test_derby_timescales_count_from_publication(code, expected):
    assert due_date(date(2011, 6, 27), code) == expected


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2011, 8, 31), 3, date(2011, 11, 30)),  # November has no 31st: its last day
        (date(2019, 11, 30), 3, date(2020, 2, 29)),  # leap year
        (date(2021, 11, 30), 3, date(2022, 2, 28)),
        (date(2011, 7, 31), 6, date(2012, 1, 31)),  # across a year
        (date(2020, 3, 31), -1, date(2020, 2, 29)),  # backwards too
        (date(2020, 1, 15), 0, date(2020, 1, 15)),
    ],
)
def test_month_arithmetic_clamps_to_the_end_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


def test_no_due_date_without_a_timescale_or_a_publication_date():
    assert due_date(date(2011, 6, 27), "") is None
    assert due_date(date(2011, 6, 27), "whenever") is None
    assert due_date(None, "within_3_months") is None


def test_month_bounds():
    assert month_bounds("2021-01") == (date(2021, 1, 1), date(2021, 1, 31))
    assert month_bounds("2020-02") == (date(2020, 2, 1), date(2020, 2, 29))
    assert month_bounds(date(2011, 9, 27)) == (date(2011, 9, 1), date(2011, 9, 30))
