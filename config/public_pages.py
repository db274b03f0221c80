"""The expensive public pages (national picture, compare, the tables, their CSVs): bounded inputs and a
per-client rate limit, shared by their views. Their cache is dataversion's: kept per data version, so never
stale, and answered before the view (and this rate limit) is reached.

Every input that sizes the work is checked before any is done: a date must fall within the data's range, a
page number within what a table can have, the councils compared within what a chart can show. A value outside
is refused with a 400 page that says what is allowed, in microseconds, instead of being computed for 18
seconds (a heat-map column per year to 9999).

Rate limit: django-ratelimit counts each client's requests in the cache; past PUBLIC_PAGE_RATE the client
gets a 429 page. Only computed pages count: one the page cache answers costs next to nothing.
"""

from __future__ import annotations

import datetime
import logging
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited
from redis.exceptions import RedisError

from config.security import rate_limited

log = logging.getLogger(__name__)

# Tables show 25-100 rows a page; 100,000 rows of the largest table at 100x fit in far fewer pages.
MAX_PAGE = 10_000


class OutOfRange(ValueError):
    """An input that would size the work beyond what the page can do; its message says what is allowed."""


def bounded_date(value: datetime.date | None, earliest: datetime.date, latest: datetime.date, label: str):
    if value is None:
        return None
    if not earliest <= value <= latest:
        raise OutOfRange(
            f"{label} must be between {earliest:%-d %B %Y} and {latest:%-d %B %Y}: "
            f"{value:%-d %B %Y} is outside the data."
        )
    return value


def bounded_page(raw: str | None) -> int:
    """A table's page number: 1 when absent; refused when it is not a whole number from 1 to MAX_PAGE."""
    if raw in (None, ""):
        return 1
    try:
        number = int(raw)
    except (TypeError, ValueError):
        raise OutOfRange(f"The page number must be a whole number, not ‘{str(raw)[:20]}’.") from None
    if not 1 <= number <= MAX_PAGE:
        raise OutOfRange(f"The page number must be between 1 and {MAX_PAGE:,}.")
    return number


def bounded_count(items: list, most: int, what: str) -> list:
    if len(items) > most:
        raise OutOfRange(f"Choose at most {most} {what}: {len(items)} were asked for.")
    return items


def refusal(request, error: OutOfRange):
    return render(request, "400_bounds.html", {"message": str(error)}, status=400)


def _rate(group, request):
    return settings.PUBLIC_PAGE_RATE


def _quietly(call, *args, **kwargs):
    """The rate limit lives in Redis: while it is away (a restart) the pages are served unlimited rather than
    not at all."""
    try:
        return call(*args, **kwargs)
    except (RedisError, ConnectionError, OSError):
        log.warning("Redis is not answering: %s served without the rate limit", call.__name__)
        return None


def expensive_public_page(view):
    """Bound the page numbers, rate-limit (per client), then bound the rest (OutOfRange → 400) in the view."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            # Every table's page number (?page=, ?latest-page=, ...), before anything else is done.
            for name, value in request.GET.items():
                if name == "page" or name.endswith("-page"):
                    bounded_page(value)
        except OutOfRange as error:
            return refusal(request, error)
        if _quietly(is_ratelimited, request, group="public-pages", key="ip", rate=_rate, increment=True):
            return rate_limited(request)
        try:
            return view(request, *args, **kwargs)
        except OutOfRange as error:
            return refusal(request, error)

    return wrapper
