"""Which public pages visitors ask for most, so that a worker can render them again the moment the data change
(dataversion.tasks), before the crowd asks: a sample of anonymous requests counted in a Redis sorted set.

Where the cache is not Redis (a laptop's local-memory cache), nothing is counted and nothing pre-rendered.
"""

import random

from django.conf import settings
from django.core.cache import cache
from django.http.request import split_domain_port, validate_host

KEY = "popular-pages"


def _client():
    backend = getattr(cache, "_cache", None)
    return backend.get_client(KEY, write=True) if hasattr(backend, "get_client") else None


def record(request) -> None:
    """Count a sample of requests (settings.POPULAR_PAGES_SAMPLE, weighted up): not a Redis write each."""
    sample = settings.POPULAR_PAGES_SAMPLE
    if sample <= 0 or random.random() >= sample:  # noqa: S311 (sampling, not secrets)
        return
    client = _client()
    if client is not None:
        page = f"{'https' if request.is_secure() else 'http'}|{request.get_host()}|{request.get_full_path()}"
        client.zincrby(cache.make_key(KEY), 1 / sample, page)


def most_asked(count: int) -> list[tuple[bool, str, str]]:
    """The `count` pages asked for most: (secure, host, path with query)."""
    client = _client()
    if client is None or count <= 0:
        return []
    pages = []
    for member in client.zrevrange(cache.make_key(KEY), 0, count - 1):
        scheme, host, path = member.decode().split("|", 2)
        pages.append((scheme == "https", host, path))
    return pages


def forget_rare(keep: int = 5000) -> None:
    """Keep the set small: only the `keep` most asked-for pages are remembered."""
    client = _client()
    if client is not None:
        client.zremrangebyrank(cache.make_key(KEY), 0, -keep - 1)


def prerender(count: int | None = None) -> int:
    """Ask for the most popular pages through the whole site (middleware included) as an anonymous visitor:
    each answer is stored in the page cache under the current data version. Returns how many were rendered."""
    from django.test import Client

    count = settings.PRERENDER_PAGES if count is None else count
    rendered = 0
    for secure, host, path in most_asked(count):
        if not validate_host(split_domain_port(host)[0], settings.ALLOWED_HOSTS):
            continue  # recorded under a name this deployment no longer answers to
        response = Client(raise_request_exception=False).get(path, secure=secure, headers={"host": host})
        if response.status_code == 200 and response.get("X-Cache") == "miss":
            if response.streaming:
                for _ in response.streaming_content:  # stored only once sent whole
                    pass
            rendered += 1
    forget_rare()
    return rendered
