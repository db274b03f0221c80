"""The expensive public pages (national picture, compare, their CSVs): bounded inputs, a per-client rate limit
and a short cache, shared by their views.

Every input that sizes the work is checked before any is done: a date must fall within the data's range, a
page number within what a table can have, the councils compared within what a chart can show. A value outside
is refused with a 400 page that says what is allowed, in microseconds, instead of being computed for 18
seconds (a heat-map column per year to 9999).

Rate limit: django-ratelimit counts each client's requests in the Redis cache; past PUBLIC_PAGE_RATE the
client gets a 429 page. Cache: an anonymous GET that is answered 200 is kept for PUBLIC_PAGE_CACHE_SECONDS
under its full URL, so a burst of the same request costs one computation. Kept simple on purpose: pages are
not invalidated when the data changes (a minute's staleness on public statistics), and signed-in visitors,
streamed CSVs and responses that set cookies are never cached.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
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


def _cache_key(request) -> str:
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    return f"public-page:{digest}"


def _quietly(call, *args, **kwargs):
    """The cache and the rate limit live in Redis: while it is away (a restart) the pages are served uncached
    and unlimited rather than not at all."""
    try:
        return call(*args, **kwargs)
    except (RedisError, ConnectionError, OSError):
        log.warning("Redis is not answering: %s served without the cache and rate limit", call.__name__)
        return None


def expensive_public_page(view):
    """Cache (anonymous GETs), then rate-limit (per client), then bound (OutOfRange → 400), then the view."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            # Every table's page number (?page=, ?latest-page=, ...), before anything else is done.
            for name, value in request.GET.items():
                if name == "page" or name.endswith("-page"):
                    bounded_page(value)
        except OutOfRange as error:
            return refusal(request, error)
        user = getattr(request, "user", None)
        cacheable = request.method == "GET" and not (user is not None and user.is_authenticated)
        key = _cache_key(request) if cacheable else None
        if key is not None:
            cached = _quietly(cache.get, key)
            if cached is not None:
                return cached
        if _quietly(is_ratelimited, request, group="public-pages", key="ip", rate=_rate, increment=True):
            return rate_limited(request)
        try:
            response = view(request, *args, **kwargs)
        except OutOfRange as error:
            return refusal(request, error)
        if (
            key is not None
            and response.status_code == 200
            and not response.streaming
            and not response.cookies
            and settings.PUBLIC_PAGE_CACHE_SECONDS > 0
        ):
            if hasattr(response, "render") and callable(response.render):
                response = response.render()
            _quietly(cache.set, key, response, settings.PUBLIC_PAGE_CACHE_SECONDS)
        return response

    return wrapper
