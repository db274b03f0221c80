"""The demo admin of a local run: a random password, kept in the ignored .local folder, printed at start."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from authorities.roles import ADMIN
from config import embedded

DEMO_USERNAME = "admin"


def _password_file():
    return embedded.local_dir() / "demo-admin-password"


def ensure_demo_admin() -> tuple[str, str]:
    path = _password_file()
    password = path.read_text().strip() if path.exists() else ""
    if not password:
        password = secrets.token_urlsafe(12)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(password)
        path.chmod(0o600)
    user, _ = get_user_model().objects.get_or_create(username=DEMO_USERNAME)
    if not user.check_password(password):
        user.set_password(password)
    user.is_staff = user.is_superuser = True
    user.save()
    user.groups.add(Group.objects.get(name=ADMIN))
    return DEMO_USERNAME, password


def demo_password() -> str | None:
    path = _password_file()
    return path.read_text().strip() if path.exists() else None
