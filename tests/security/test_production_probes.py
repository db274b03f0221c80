"""The probes' requests, re-tried against gunicorn in production mode (DEBUG=0): each must now be refused, and
refused cheaply."""

import contextlib
import socket
import time

import pytest
import requests

from tests.security.conftest import Gunicorn, production_env, signed_in_session

pytestmark = pytest.mark.django_db(transaction=True)

GIB = 1024**3


def _send_huge_body(server, path, cookies="", csrf=""):
    """Claim a 1 GiB multipart body, send its first megabyte; return (status line, seconds, bytes sent)."""
    headers = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: multipart/form-data; boundary=x\r\nContent-Length: {GIB}\r\n"
        f"Cookie: {cookies}\r\nX-CSRFToken: {csrf}\r\nReferer: {server.url}/documents/\r\n\r\n"
    )
    started = time.monotonic()
    sent = 0
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(headers.encode())
        sock.settimeout(0.05)
        chunk = b"x" * 65536
        answer = b""
        while sent < 1024 * 1024 and not answer:
            try:
                sock.sendall(chunk)
                sent += len(chunk)
            except OSError:
                break
            with contextlib.suppress(TimeoutError):
                answer = sock.recv(4096)
        sock.settimeout(10)
        while b"\r\n" not in answer:
            more = sock.recv(4096)
            if not more:
                break
            answer += more
    return answer.split(b"\r\n", 1)[0].decode(), time.monotonic() - started, sent


def test_an_anonymous_gigabyte_is_refused_before_it_is_read(production_server):
    status, seconds, sent = _send_huge_body(production_server, "/documents/")
    assert status.startswith("HTTP/1.1 413"), status
    assert seconds < 2
    assert sent <= 1024 * 1024  # the answer came before the client had sent its first megabyte


def test_an_editors_gigabyte_is_refused_before_it_is_read(production_server, editor):
    session = signed_in_session(production_server, "eddie-editor")
    cookies = "; ".join(f"{k}={v}" for k, v in session.cookies.items())
    status, seconds, _ = _send_huge_body(
        production_server, "/documents/", cookies=cookies, csrf=session.cookies.get("csrftoken", "")
    )
    assert status.startswith("HTTP/1.1 413"), status
    assert seconds < 2


def test_the_13th_wrong_password_is_refused_even_when_right(production_server, editor):
    session = requests.Session()
    url = f"{production_server.url}/accounts/login/"
    session.get(url, timeout=10)
    statuses = []
    for password in ["wrong-password"] * 12 + ["correct-horse-battery"]:
        response = session.post(
            url,
            data={
                "username": "eddie-editor",
                "password": password,
                "csrfmiddlewaretoken": session.cookies["csrftoken"],
            },
            headers={"Referer": url},
            allow_redirects=False,
            timeout=10,
        )
        statuses.append(response.status_code)
    # The tenth failure reaches the limit and is answered with the pause; every attempt after it too.
    assert statuses[:9] == [200] * 9
    assert statuses[9:] == [429] * 4
    assert "sessionid" not in session.cookies


def test_signed_in_pages_are_private(production_server, editor):
    session = signed_in_session(production_server, "eddie-editor")
    response = session.get(f"{production_server.url}/documents/", timeout=10)
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]


def test_x_forwarded_proto_is_believed_only_from_the_proxy(councils):
    """Behind TLS (HTTPS=1) plain HTTP is redirected to HTTPS; a client that is not the proxy cannot claim
    HTTPS with X-Forwarded-Proto to dodge that (and the secure cookies with it)."""
    from django.db import connection

    env = production_env(DATABASE_NAME=connection.settings_dict["NAME"], HTTPS="1")
    untrusted = Gunicorn({**env, "FORWARDED_ALLOW_IPS": "192.0.2.1"}, "gunicorn-proxy")
    trusted = Gunicorn({**env, "FORWARDED_ALLOW_IPS": "127.0.0.1"}, "gunicorn-proxy")
    try:
        spoofed = requests.get(
            f"{untrusted.url}/", headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=10
        )
        assert spoofed.status_code == 301 and spoofed.headers["Location"].startswith("https://")
        from_proxy = requests.get(
            f"{trusted.url}/", headers={"X-Forwarded-Proto": "https"}, allow_redirects=False, timeout=10
        )
        assert from_proxy.status_code == 200
    finally:
        untrusted.stop()
        trusted.stop()


def test_a_far_future_date_is_refused_in_under_a_second_and_the_site_keeps_answering(production_server):
    url = f"{production_server.url}/national/?as_at=9999-12-31"
    requests.get(url, timeout=30)  # each gunicorn worker's first request loads its templates
    requests.get(url, timeout=30)
    started = time.monotonic()
    response = requests.get(url, timeout=30)
    assert time.monotonic() - started < 1
    assert response.status_code == 400
    assert "outside the data" in response.text
    assert len(response.content) < 50_000
    # Six at once, as the probe sent them, and the home page still answers.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(6) as pool:
        statuses = list(pool.map(lambda _: requests.get(url, timeout=30).status_code, range(6)))
    assert set(statuses) <= {400, 429}
    assert requests.get(f"{production_server.url}/", timeout=5).status_code == 200
