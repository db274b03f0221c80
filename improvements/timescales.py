"""When an inspection's recommendation falls due: its timescale counts from the report's publication.

Pure functions, no Django. 'Within three months' of 27 June 2011 is 27 September 2011; a month with no such
day gives its last day (31 August + three months = 30 November).
"""

import calendar
from datetime import date

# Months each timescale code gives (inspections.models.Recommendation.Timescale, facts.TIMESCALE_CODES).
TIMESCALE_MONTHS = {
    "immediately": 0,
    "within_3_months": 3,
    "within_6_months": 6,
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the end of a shorter month."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_date(published: date | None, timescale_code: str) -> date | None:
    """The due date of a recommendation with this timescale, or None when either is unknown."""
    if published is None or timescale_code not in TIMESCALE_MONTHS:
        return None
    return add_months(published, TIMESCALE_MONTHS[timescale_code])


def month_bounds(month: str | date) -> tuple[date, date]:
    """The first and last day of a month given as "2021-01" or as any day in it."""
    if isinstance(month, str):
        year, number = (int(part) for part in month.split("-", 1))
        month = date(year, number, 1)
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])
