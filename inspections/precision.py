"""Dates at the precision they are known: one formatter for pages, charts and CSV files.

A date known only to the month ("July 2021") is stored as the month's first day with `date_precision`
"month"; it must never be shown as "1 Jul 2021" or `2021-07-01`. Every page, chart and export formats event
dates through these functions, so the convention is the same everywhere:

- on a page and in a chart's hover text: "14 May 2025", "July 2021", "Summer 2021", "2021";
- in a CSV: ISO 8601 at the known precision ("2025-05-14", "2021-07", "2021") beside a precision column
  ("day", "month", "season", "year"), so a spreadsheet never invents the day either;
- on a chart's time axis a point needs one position: the first day of what is known, and its hover text says
  what is known (`axis_date`).
"""

import datetime

DAY, MONTH, SEASON, YEAR = "day", "month", "season", "year"
_SEASONS = {1: "Winter", 4: "Spring", 7: "Summer", 10: "Autumn"}  # inspections.reading.dates.SEASONS


def shown(day: datetime.date | None, precision: str | None = DAY) -> str:
    """The date in words at its precision: '14 May 2025', 'July 2021', 'Summer 2021', '2021'."""
    if day is None:
        return ""
    if precision == MONTH:
        return f"{day:%B %Y}"
    if precision == SEASON:
        return f"{_SEASONS.get(day.month, day.strftime('%B'))} {day.year}"
    if precision == YEAR:
        return str(day.year)
    return f"{day.day} {day:%B %Y}"


def shown_short(day: datetime.date | None, precision: str | None = DAY) -> str:
    """As `shown`, with the month abbreviated for tables: '14 May 2025', 'Jul 2021'."""
    if day is None:
        return ""
    if precision in (MONTH, SEASON, YEAR):
        return shown(day, precision) if precision != MONTH else f"{day:%b %Y}"
    return f"{day.day} {day:%b %Y}"


def iso(day: datetime.date | None, precision: str | None = DAY) -> str:
    """ISO 8601 at the known precision, for CSV: '2025-05-14', '2021-07', '2021'. A season is written as
    its first month (the precision column says it is a season)."""
    if day is None:
        return ""
    if precision in (MONTH, SEASON):
        return f"{day:%Y-%m}"
    if precision == YEAR:
        return str(day.year)
    return day.isoformat()


def _iso_sql(day: str, precision: str) -> tuple[str, list]:
    """`iso` in SQL, for exports PostgreSQL writes itself (config.csv_copy)."""
    return (
        f"CASE WHEN {day} IS NULL THEN NULL WHEN {precision} IN (%s, %s) THEN to_char({day}, 'YYYY-MM') "
        f"WHEN {precision} = %s THEN to_char({day}, 'YYYY') ELSE to_char({day}, 'YYYY-MM-DD') END",
        [MONTH, SEASON, YEAR],
    )


iso.sql = _iso_sql


def axis_date(day: datetime.date | None, precision: str | None = DAY) -> str | None:
    """A chart's x position: the ISO day (the first day of what is known); pair it with `shown` in hover."""
    return day.isoformat() if day else None
