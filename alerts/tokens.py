"""Unsubscribe links that work without signing in: a signed (not encrypted) user and council.

The link never expires (a mail read months later must still stop the mails) and does one thing only:
remove follows. It is signed with SECRET_KEY and a salt of its own, so it cannot be forged or reused for
anything else.
"""

from django.core import signing

SALT = "alerts.unsubscribe"


def make(user_id: int, authority_id: int | None) -> str:
    """A token for one council (authority_id) or for every council the user follows (None)."""
    return signing.dumps({"u": user_id, "a": authority_id}, salt=SALT, compress=True)


def read(token: str) -> tuple[int, int | None] | None:
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    authority = data.get("a")
    return data["u"], authority if isinstance(authority, int) else None
