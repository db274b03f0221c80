"""Figures computed once per data version: `per_version` keeps a query function's result in the cache (Redis)
under the current version, so every page and every process that asks again reads it instead of recomputing.

The precompute task (dataversion.tasks) calls the expensive ones the moment a change commits, so the first
visitor after a publish or an import finds them ready. A result is keyed by the function, its arguments and
today's date (a figure "as at today" changes at midnight), so it can never be served for other data; calls
whose arguments are not plain values (a queryset, a list of models) go straight to the function.

Only one process computes a missing figure at a time (a lock in the cache): a crowd arriving together after a
change waits for the first to finish rather than running the same whole-country statement fifty times.
"""

import datetime
import functools
import hashlib
import inspect
import time

from django.core.cache import cache
from django.utils import timezone

from dataversion.release import release
from dataversion.version import current

LOCK_SECONDS = 60  # longer than any figure takes at 100x; a crashed holder frees it after this
POLL_SECONDS = 0.05
_MISSING = object()
_PLAIN = (str, int, float, bool, type(None), datetime.date)


class _NotPlain(Exception):
    pass


def _plain(value):
    if isinstance(value, _PLAIN):
        return repr(value)
    if isinstance(value, list | tuple | frozenset | set):
        items = sorted(value, key=repr) if isinstance(value, frozenset | set) else value
        return "[" + ",".join(_plain(v) for v in items) + "]"
    raise _NotPlain


def per_version(function):
    name = f"{function.__module__}.{function.__qualname__}"
    signature = inspect.signature(function)

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        # By name, defaults filled in: f(day) and f(as_at=day, kind=None) are one figure.
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        try:
            arguments = _plain(sorted(bound.arguments.items()))
        except _NotPlain:
            return function(*args, **kwargs)
        identity = "|".join([current().token, release(), timezone.localdate().isoformat(), name, arguments])
        key = "figure:" + hashlib.sha256(identity.encode()).hexdigest()[:40]
        found = cache.get(key, _MISSING)
        if found is not _MISSING:
            return found
        lock = key + ":computing"
        if not cache.add(lock, 1, timeout=LOCK_SECONDS):
            deadline = time.monotonic() + LOCK_SECONDS
            while time.monotonic() < deadline:
                time.sleep(POLL_SECONDS)
                found = cache.get(key, _MISSING)
                if found is not _MISSING:
                    return found
                if cache.get(lock) is None:  # the holder gave up (or died): compute it here
                    break
        try:
            value = function(*args, **kwargs)
            cache.set(key, value)
        finally:
            cache.delete(lock)
        return value

    wrapper.uncached = function
    return wrapper
