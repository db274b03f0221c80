"""A production server for the probes: gunicorn with DEBUG=0, a real secret key and the deployment's
gunicorn settings, on a loopback port, reading the test database."""

import os
import secrets
import socket
import subprocess
import sys
import time

import pytest
import requests

from tests.conftest import PROJECT_DIR


def free_port(low=8300, high=8399) -> int:
    """A free loopback port in the range these tests may use."""
    for port in range(low, high + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {low}-{high}")


def production_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        WEB_CONCURRENCY="2",
        **extra,
    )
    return env


class Gunicorn:
    def __init__(self, env: dict, log_name: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        log = PROJECT_DIR / "test-artifacts" / f"{log_name}-{self.port}.log"
        log.parent.mkdir(exist_ok=True)
        self.log_path = log
        self._log = open(log, "w")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
            cwd=PROJECT_DIR, env={**env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=self._log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        self.wait_until_up()

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited:\n{self.log_path.read_text()}")
            try:
                if requests.get(f"{self.url}/healthz", timeout=2).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer:\n{self.log_path.read_text()}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


@pytest.fixture
def production_server(councils):
    from django.conf import settings
    from django.db import connection

    server = Gunicorn(
        production_env(DATABASE_NAME=connection.settings_dict["NAME"], MEDIA_ROOT=str(settings.MEDIA_ROOT)),
        "gunicorn",
    )
    yield server
    server.stop()


def signed_in_session(server, username, password="correct-horse-battery") -> requests.Session:  # noqa: S107
    session = requests.Session()
    page = session.get(f"{server.url}/accounts/login/", timeout=10)
    token = page.cookies.get("csrftoken") or session.cookies.get("csrftoken")
    response = session.post(
        f"{server.url}/accounts/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{server.url}/accounts/login/"},
        allow_redirects=False,
        timeout=10,
    )
    assert response.status_code == 302, response.text[:500]
    return session
