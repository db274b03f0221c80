"""Public pages (and their CSVs) cached per data version, with an ETag, for visitors who are not signed in.

A committee opening one council's page at the same minute, or the press on the day a report is published,
all ask for the same few pages while the data do not change: the first request of a version renders the page
and keeps it in the cache (Redis); the rest read it, or get 304 Not Modified when they send the ETag they
already hold. The key and the ETag hold the data version's token (dataversion.version), the code's release
(dataversion.release: a deployment redraws every page), the path with its query string and today's date (a
page may say "today"), so a change is visible on the next request after it commits, and nothing is ever
invalidated by hand.

Signed-in users (any request with a session or a message waiting) get the page rendered for them, marked
`private, no-store`: their pages carry their name, their role's links and their messages.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags

from dataversion import popular
from dataversion.release import release
from dataversion.version import current, pin, unpin

KEPT_HEADERS = ("Content-Type", "Content-Disposition")
RENDER_WAIT_SECONDS = 10  # how long a request waits for the same page rendered by another process


def _signed_in_or_told(request) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.method not in ("GET", "HEAD"):
            return None
        if request.resolver_match.view_name not in settings.PUBLIC_PAGES:
            return None
        if _signed_in_or_told(request):
            request.public_cache = "private"
            return None
        popular.record(request)
        version = current()
        # Not the host: every web process behind a balancer, by whatever name, serves the same page.
        identity = "|".join(
            [version.token, release(), request.get_full_path(), timezone.localdate().isoformat()]
        )
        digest = hashlib.sha256(identity.encode()).hexdigest()[:32]
        etag = f'"{version.number}-{digest}"'
        request.public_cache = (f"page:{digest}", etag, version)
        request.pinned_version = pin(version)
        if etag in parse_etags(request.headers.get("If-None-Match", "")):
            return self._headers(HttpResponseNotModified(), etag, version)
        stored = cache.get(f"page:{digest}")
        if stored is None and not cache.add(f"page:{digest}:rendering", 1, timeout=RENDER_WAIT_SECONDS):
            stored = self._rendered_elsewhere(f"page:{digest}")
        if stored is not None:
            response = HttpResponse(stored["body"], status=stored["status"])
            for name, value in stored["headers"].items():
                response[name] = value
            response["X-Cache"] = "hit"
            return self._headers(response, etag, version)
        return None

    @staticmethod
    def _rendered_elsewhere(key):
        """Another process is rendering this page: wait for it rather than render it too (fifty visitors
        arriving together after a publish would otherwise render one page fifty times over). After the wait,
        or if that process gives up, render it here."""
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline:
            time.sleep(0.02)
            stored = cache.get(key)
            if stored is not None or cache.get(f"{key}:rendering") is None:
                return stored
        return None

    def __call__(self, request):
        try:
            response = self.get_response(request)
        finally:
            if getattr(request, "pinned_version", None) is not None:
                unpin(request.pinned_version)
        state = getattr(request, "public_cache", None)
        if state is None or response.get("X-Cache") == "hit" or response.status_code == 304:
            return response
        if state == "private":
            response["Cache-Control"] = "private, no-store"
            return response
        key, etag, version = state
        try:
            if response.status_code != 200 or response.cookies:
                return response
            self._headers(response, etag, version)
            response["X-Cache"] = "miss"
            if response.streaming:  # kept once sent whole; meanwhile the waiters write their own
                body = response.streaming_content
                response.streaming_content = self._kept_while_streamed(response, body, key)
            elif len(response.content) <= settings.PUBLIC_CACHE_MAX_BYTES:
                self._keep(key, response, response.content)
            return response
        finally:
            cache.delete(f"{key}:rendering")

    @staticmethod
    def _headers(response, etag, version):
        response["ETag"] = etag
        if version.changed_at:
            response["Last-Modified"] = http_date(version.changed_at.timestamp())
        response["Cache-Control"] = f"public, max-age={settings.PUBLIC_CACHE_MAX_AGE}, must-revalidate"
        patch_vary_headers(response, ("Cookie",))  # a signed-in visitor's page differs
        return response

    @staticmethod
    def _keep(key, response, body: bytes):
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        stored = {"status": response.status_code, "headers": headers, "body": body}
        cache.set(key, stored)

    def _kept_while_streamed(self, response: StreamingHttpResponse, chunks, key):
        """The streamed body, passed on chunk by chunk, and kept only if it was small and sent whole: a
        download cut short is never cached."""
        kept, size = [], 0
        for chunk in chunks:
            if kept is not None:
                size += len(chunk)
                if size <= settings.PUBLIC_CACHE_MAX_BYTES:
                    kept.append(chunk)
                else:
                    kept = None
            yield chunk
        if kept is not None:
            self._keep(key, response, b"".join(kept))
