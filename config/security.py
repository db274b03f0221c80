"""Defences that sit around every request: body sizes, caching of private pages, the client's address, rate
limits, password words and what an error page may show."""

import ipaddress
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.debug import SafeExceptionReporterFilter

from authorities.roles import EDITOR, has_role

_UPLOAD_PATH_PREFIXES = ("/documents/", "/admin/")


class RequestSizeLimitMiddleware:
    """Refuse a request body by its Content-Length before a byte of it is read.

    Django reads at most Content-Length bytes of a body (its LimitedStream), and a body without one is not
    read at all, so checking the header is enough to make sure nothing larger is parsed or spooled to /tmp.
    Only a signed-in editor or admin posting to an upload page may send a large body; everyone else, and
    anonymous visitors above all, gets the size of a form.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raw = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw)
        except ValueError:
            return _plain(400, "The request's Content-Length is not a number.")
        if length < 0:
            return _plain(400, "The request's Content-Length is negative.")
        if length > settings.MAX_FORM_REQUEST_BYTES:
            limit = self._limit(request)
            if length > limit:
                return _plain(
                    413,
                    f"This request is {length:,} bytes; the most this page accepts is {limit:,} bytes. "
                    f"Upload fewer or smaller files at a time (each at most "
                    f"{settings.MAX_UPLOAD_BYTES // (1024 * 1024)} MB).",
                )
        return self.get_response(request)

    @staticmethod
    def _limit(request) -> int:
        if request.path.startswith(_UPLOAD_PATH_PREFIXES) and has_role(request.user, EDITOR):
            return settings.MAX_REQUEST_BYTES
        return settings.MAX_FORM_REQUEST_BYTES


def _plain(status: int, message: str) -> HttpResponse:
    response = HttpResponse(message + "\n", status=status, content_type="text/plain; charset=utf-8")
    # The unread body stays on the socket: tell the client (and gunicorn) the connection is done.
    response["Connection"] = "close"
    return response


class PrivateCacheMiddleware:
    """A signed-in visitor's pages and files are theirs alone: no shared cache keeps them, no browser stores
    them on disk. Anonymous pages keep whatever caching their views chose."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/admin/"):
            add_never_cache_headers(response)
            patch_cache_control(response, private=True, no_store=True)
        return response


def client_ip(request) -> str:
    """The client's address: REMOTE_ADDR, or with PROXY_COUNT proxies in front, the address the outermost of
    them saw (X-Forwarded-For's PROXY_COUNT-th entry from the right: the entries left of it are the client's
    own say, and anyone can forge them). Used by the login throttle and the rate limits."""
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 (a Unix socket has none)
    count = settings.PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if p.strip()]
    if len(forwarded) < count:
        return remote
    candidate = forwarded[-count]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def rate_limited(request, exception=None):
    """django-ratelimit's answer when a client asks for expensive pages too often."""
    response = render(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


class SiteWordsPasswordValidator:
    """Refuse passwords built on this site's own words, which an attacker tries first."""

    WORDS = ("judgement", "judgment", "ofsted", "tracker", "password", "council", "children", "letmein")

    def validate(self, password, user=None):
        folded = re.sub(r"[^a-z]", "", password.lower())
        for word in self.WORDS:
            if word in folded and len(folded.replace(word, "")) < 8:
                raise ValidationError(
                    f"This password is mostly the word ‘{word}’: choose a passphrase of unrelated words.",
                    code="password_site_word",
                )

    def get_help_text(self):
        return "Your password cannot be mostly a word such as ‘judgement’ or ‘Ofsted’."


class ExceptionReporterFilter(SafeExceptionReporterFilter):
    """Django's filter hides settings named like KEY or PASS; ours also hides connection URLs (DATABASE_URL,
    REDIS_URL, CELERY_BROKER_URL, CACHES' LOCATION), which carry passwords, from settings and the request's
    environment alike."""

    hidden_settings = re.compile(
        "API|TOKEN|KEY|SECRET|PASS|SIGNATURE|HTTP_COOKIE|DATABASE|REDIS|BROKER|LOCATION|DSN|_URL$",
        flags=re.IGNORECASE,
    )


class AuditActorMiddleware:
    """Tell the database who is signed in while a request may change data, so the audit triggers
    (improvements migration 0003) record the person as well as the database role. Set on the connection for
    the request's length and reset after it, since connections are reused."""

    SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if request.method in self.SAFE_METHODS or user is None or not user.is_authenticated:
            return self.get_response(request)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('jt.actor', %s, false)", [user.get_username()[:150]])
        try:
            return self.get_response(request)
        finally:
            if connection.connection is not None:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('jt.actor', '', false)")
