"""E-mail settings from the environment: EMAIL_URL, or EMAIL_HOST and friends, else a file backend."""

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

from config.env import env_bool, env_int, env_str

_SCHEMES = {
    "smtp": (False, False),
    "smtp+tls": (True, False),
    "submission": (True, False),
    "smtps": (False, True),
}
_SCHEMES["smtp+ssl"] = _SCHEMES["smtps"]


def from_env(default_dir: Path) -> dict:
    url = env_str("EMAIL_URL")
    if url:
        return _from_url(url)
    if env_str("EMAIL_HOST"):
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": env_str("EMAIL_HOST"),
            "EMAIL_PORT": env_int("EMAIL_PORT", 25),
            "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER"),
            "EMAIL_HOST_PASSWORD": env_str("EMAIL_HOST_PASSWORD"),
            "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS", False),
            "EMAIL_USE_SSL": env_bool("EMAIL_USE_SSL", False),
        }
    backend = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    return {"EMAIL_BACKEND": backend, "EMAIL_FILE_PATH": env_str("EMAIL_FILE_PATH") or str(default_dir)}


def _from_url(url: str) -> dict:
    parts = urlsplit(url)
    if parts.scheme not in _SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with one of {', '.join(sorted(_SCHEMES))}://, not {parts.scheme!r}."
        )
    tls, ssl = _SCHEMES[parts.scheme]
    try:
        port = parts.port
    except ValueError:
        raise ImproperlyConfigured("EMAIL_URL has a port that is not a number.") from None
    if not parts.hostname:
        raise ImproperlyConfigured("EMAIL_URL has no host.")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": port or (465 if ssl else 587 if tls else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": tls,
        "EMAIL_USE_SSL": ssl,
    }
