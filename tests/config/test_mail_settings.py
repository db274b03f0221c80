"""E-mail settings from the environment: EMAIL_URL, or EMAIL_HOST and friends, else files; bad values fail."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from config import mail_settings


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in (
        "EMAIL_URL",
        "EMAIL_HOST",
        "EMAIL_PORT",
        "EMAIL_BACKEND",
        "EMAIL_FILE_PATH",
        "EMAIL_USE_TLS",
    ):
        monkeypatch.delenv(name, raising=False)


def test_email_url_with_tls_and_an_escaped_password(monkeypatch, tmp_path):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://alerts%40council.example:p%40ss@mail.example.org")
    values = mail_settings.from_env(tmp_path)
    assert values["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("mail.example.org", 587)
    assert (values["EMAIL_HOST_USER"], values["EMAIL_HOST_PASSWORD"]) == ("alerts@council.example", "p@ss")
    assert values["EMAIL_USE_TLS"] and not values["EMAIL_USE_SSL"]


def test_email_host_and_port(monkeypatch, tmp_path):
    monkeypatch.setenv("EMAIL_HOST", "127.0.0.1")
    monkeypatch.setenv("EMAIL_PORT", "2525")
    values = mail_settings.from_env(tmp_path)
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"], values["EMAIL_USE_TLS"]) == ("127.0.0.1", 2525, False)


def test_without_a_server_mails_are_written_as_files(tmp_path):
    values = mail_settings.from_env(tmp_path / "mail")
    assert values["EMAIL_BACKEND"].endswith("filebased.EmailBackend")
    assert values["EMAIL_FILE_PATH"] == str(tmp_path / "mail")


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://mail.example.org", "must start with"),
        ("smtp://mail.example.org:port", "port"),
        ("smtp://", "no host"),
    ],
)
def test_a_bad_email_url_fails_loudly(monkeypatch, tmp_path, url, words):
    monkeypatch.setenv("EMAIL_URL", url)
    with pytest.raises(ImproperlyConfigured, match=words):
        mail_settings.from_env(tmp_path)
