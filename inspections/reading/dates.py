"""Dates as Ofsted documents write them: ranges, two-part inspections, shared months and years, month-only
dates.

The parser works on tokens (day numbers, month names, years) rather than one big regex per layout, so
'9 – 20 May 2011', '6 March 2017–30 March 2017', '27 and 28 February 2018', '22/23 September' and
'30 September to 11 October 2024 and 13 to 16 January 2025' all go through the same rule: a day waits for the
next month name, a month waits for the next year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "winter": 1}
# How coarse a date is: a day is finer than a month, a month than a season, a season than a year. The one
# ranking: matching a new fact to a stored one (inspections.matching.rule) uses it too.
PRECISION_RANK = {"day": 0, "month": 1, "season": 2, "year": 3}

_MONTH_RE = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_TOKEN = re.compile(
    rf"(?P<year>\b(?:19|20)\d\d\b)|(?P<month>\b{_MONTH_RE}(?![a-z]))|(?P<day>\b(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b)",
    re.IGNORECASE,
)
# A full date: "8 July 2019", "Tuesday 7 March 2017", "13th June 2017".
FULL_DATE = re.compile(
    rf"\b(?P<day>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?P<month>{_MONTH_RE})\s*,?\s+(?P<year>(?:19|20)\d\d)\b",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(rf"\b(?P<month>{_MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
SEASON_YEAR = re.compile(
    r"\b(?P<season>spring|summer|autumn|winter)\s+(?:term\s+)?(?P<year>(?:19|20)\d\d)\b", re.I
)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


@dataclass(frozen=True)
class Span:
    """Dates of an event. precision: 'day', 'month', 'season' or 'year' (how much the text says)."""

    start: date
    end: date | None
    precision: str = "day"
    label: str = ""  # the words as written for a season ("Spring 2022")

    @property
    def month(self) -> str:
        return f"{self.start.year:04d}-{self.start.month:02d}"


def month_number(word: str) -> int | None:
    return MONTHS.get(word.lower().rstrip("."))


def parse_full_date(text: str) -> date | None:
    match = FULL_DATE.search(text)
    return _make(match.group("day"), match.group("month"), match.group("year")) if match else None


def _make(day: str, month: str, year: str | int) -> date | None:
    try:
        return date(int(year), month_number(month) or 0, int(re.sub(r"\D", "", day)))
    except ValueError:
        return None


def parse_span(text: str, default_year: int | None = None) -> Span | None:
    """The first day to the last day named in a short passage such as an 'Inspection dates:' line.

    A day with no month or year takes the next month and year written after it ('9 – 20 May 2011');
    days with no year at all take default_year (a committee paper's '22/23 September' in a paper about
    that year).
    """
    days: list[list[int | None]] = []  # [day, month, year]
    months_only: list[list[int | None]] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "day":
            days.append([int(re.sub(r"\D", "", value)), None, None])
        elif kind == "month":
            number = month_number(value)
            waiting = [d for d in days if d[1] is None]
            if waiting:
                for d in waiting:
                    d[1] = number
            else:
                months_only.append([None, number, None])
        else:
            for d in days + months_only:
                if d[2] is None and (d[1] is not None or d in months_only):
                    d[2] = int(value)
    found = [d for d in days if d[1] is not None and (d[2] or default_year)]
    dates = []
    for day, month, year in found:
        try:
            dates.append(date(year or default_year or 0, month or 0, day or 0))
        except ValueError:  # a day the month does not have (or, by construction never, a missing part)
            continue
    if dates:
        start, end = min(dates), max(dates)
        return Span(start, end if end != start else None, "day")
    months = [d for d in months_only if d[2] or default_year]
    if months:
        first = months[0]
        return Span(date(first[2] or default_year or 0, first[1] or 0, 1), None, "month")
    return None


def parse_month_or_season(text: str) -> Span | None:
    """'January 2021' (month) or 'Spring 2022' (season) in a passage."""
    season = SEASON_YEAR.search(text)
    month = MONTH_YEAR.search(text)
    number = month_number(month.group("month")) if month else None
    if month and number and (not season or month.start() < season.start()):
        return Span(date(int(month.group("year")), number, 1), None, "month")
    if season:
        label = f"{season.group('season').capitalize()} {season.group('year')}"
        return Span(
            date(int(season.group("year")), SEASONS[season.group("season").lower()], 1), None, "season", label
        )
    return None
