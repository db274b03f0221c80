"""Request bodies are refused by their size before they are read; signed-in pages are never stored by a cache;
error pages hide the servers' passwords; a placeholder secret key is refused in production."""

import os
import subprocess
import sys

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.debug import ExceptionReporter

from tests.conftest import PROJECT_DIR

GIB = 1024**3


def _claims(client, url, length, **extra):
    """A POST whose Content-Length claims `length` bytes while the test client holds a few: reading past them
    raises in the test client's FakePayload, so a 413 here proves nothing was read."""
    return client.generic(
        "POST",
        url,
        b"--x\r\n",
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(length),
        **extra,
    )


@pytest.mark.django_db
def test_an_anonymous_gigabyte_is_refused_unread(client):
    response = _claims(client, "/documents/", GIB)
    assert response.status_code == 413
    assert "the most this page accepts is 1,048,576 bytes" in response.content.decode()


@pytest.mark.django_db
def test_an_editors_gigabyte_is_refused_unread_but_a_batch_of_uploads_is_not(client, editor):
    client.force_login(editor)
    assert _claims(client, "/documents/", GIB).status_code == 413
    # Within the limit the body is read: the test client, holding five bytes, complains that more were asked.
    with pytest.raises(AssertionError, match="Cannot read more"):
        _claims(client, "/documents/", 150 * 1024 * 1024)


@pytest.mark.django_db
def test_a_viewer_cannot_send_more_than_a_form(client, viewer):
    client.force_login(viewer)
    assert _claims(client, "/documents/", 5 * 1024 * 1024).status_code == 413


@pytest.mark.django_db
def test_a_malformed_length_is_a_clear_400(client):
    response = client.generic("POST", "/accounts/login/", b"", CONTENT_LENGTH="lots")
    assert response.status_code == 400
    assert "Content-Length" in response.content.decode()


@pytest.mark.django_db
def test_signed_in_pages_are_private_and_unstored_public_ones_are_not(client, viewer):
    public = client.get(reverse("home"))
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(viewer)
    for url in (reverse("home"), "/documents/"):
        response = client.get(url)
        assert response.status_code == 200
        assert {"private", "no-store", "no-cache"} <= {
            part.strip().split("=")[0] for part in response["Cache-Control"].split(",")
        }


def _error_page(request):
    """Django's technical 500 page and data for an error raised here (whose frame holds no secret)."""
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        reporter = ExceptionReporter(request, *sys.exc_info(), is_email=False)
        return reporter.get_traceback_html(), reporter.get_traceback_data()


def test_error_pages_hide_connection_urls_and_their_passwords():
    password = "-".join(["db", "pass", "word", "x7"])
    request = RequestFactory().get(
        "/", DATABASE_URL=f"postgres://app:{password}@db/jt", REDIS_URL=f"redis://:{password}@cache:6379/0"
    )
    html, data = _error_page(request)
    assert "DATABASE_URL" in html
    assert password not in html
    shown = str(data["settings"])
    for name in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "CACHES"):
        assert name in shown
    from django.conf import settings

    for secret in (settings.DATABASE_URL, settings.REDIS_URL):
        if secret:
            assert secret not in shown


@pytest.mark.parametrize("key", ["change-me-to-fifty-random-characters", "CHANGEME" * 7])
def test_production_refuses_the_example_secret_key(key):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"} | {
        "DEBUG": "0",
        "SECRET_KEY": key,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is a placeholder" in result.stderr
