"""Sign-in: wrong passwords are throttled per account and per client (the site's form and the admin's), short
and common passwords are refused, admins can add a second factor, and the admin is for admins only."""

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

RIGHT = "correct-horse-battery"  # the fixtures' password


def _sign_in(client, username, password, url=None):
    return client.post(url or reverse("login"), {"username": username, "password": password})


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_the_13th_attempt_is_refused_even_with_the_right_password(client, admin_user, url_name):
    url = reverse(url_name)
    for _ in range(12):
        response = _sign_in(client, "ada-admin", "wrong-password-guess", url)
        assert "_auth_user_id" not in client.session
    assert response.status_code == 429
    response = _sign_in(client, "ada-admin", RIGHT, url)
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_account_from_any_client(client, editor):
    for number in range(10):
        client.post(
            reverse("login"),
            {"username": "eddie-editor", "password": "wrong"},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
    response = client.post(
        reverse("login"), {"username": "eddie-editor", "password": RIGHT}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 429


def test_the_lock_is_per_client_across_accounts(client, editor):
    for number in range(10):
        client.post(reverse("login"), {"username": f"guess-{number}", "password": "wrong"})
    response = _sign_in(client, "eddie-editor", RIGHT)
    assert response.status_code == 429


def test_a_few_wrong_passwords_then_the_right_one_signs_in(client, editor):
    for _ in range(3):
        assert _sign_in(client, "eddie-editor", "wrong").status_code == 200
    assert _sign_in(client, "eddie-editor", RIGHT).status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


@pytest.mark.parametrize(
    "password",
    ["judgement", "Judgement2024!", "ofsted-ofsted", "short-pw", "password1234", "123456789012345"],
)
def test_short_common_and_site_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password, User(username="someone"))


def test_a_long_passphrase_is_accepted():
    validate_password("staple-orbit-lantern-meadow", User(username="someone"))


def _totp(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def _admin_sign_in(client, token=""):
    data = {"username": "ada-admin", "password": RIGHT, "otp_token": token, "next": "/admin/"}
    return client.post(reverse("admin:login"), data)


def test_an_admin_with_an_authenticator_must_give_its_code(client, admin_user):
    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    response = _admin_sign_in(client)
    assert response.status_code == 200
    assert "Enter the 6-digit code" in response.content.decode()
    response = _admin_sign_in(client, "000000" if _totp(device) != "000000" else "111111")
    assert response.status_code == 200
    assert "That code is wrong" in response.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guesses after a wrong code; this test is not guessing
    assert _admin_sign_in(client, _totp(device)).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_password_only_session_of_an_admin_with_an_authenticator_cannot_use_the_admin(client, admin_user):
    TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    client.force_login(admin_user)  # as if signed in on the site's own (password-only) form
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_admin_without_an_authenticator_signs_in_unless_it_is_required(client, admin_user, settings):
    assert _admin_sign_in(client).status_code == 302
    client.logout()
    settings.ADMIN_REQUIRE_2FA = True
    response = _admin_sign_in(client)
    assert response.status_code == 200
    assert "no authenticator app set up" in response.content.decode()


def test_an_editor_made_staff_cannot_use_the_admin(client, editor):
    editor.is_staff = True
    editor.save()
    client.force_login(editor)
    assert client.get(reverse("admin:improvements_improvementplan_changelist")).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302


def test_an_admin_sets_up_an_authenticator_in_the_admin(client, admin_user):
    """Add it unconfirmed, scan its QR code, tick Confirmed: from then on the admin asks for its code."""
    client.force_login(admin_user)
    key = "3132333435363738393031323334353637383930"
    form = {"user": admin_user.pk, "name": "phone", "key": key, "step": 30, "t0": 0, "digits": 6,
            "tolerance": 1, "drift": 0, "throttling_failure_count": 0}  # fmt: skip
    response = client.post(reverse("admin:otp_totp_totpdevice_add"), form)
    assert response.status_code == 302, response.context["adminform"].form.errors
    device = TOTPDevice.objects.get(user=admin_user)
    qrcode = client.get(reverse("admin:otp_totp_totpdevice_qrcode", args=[device.pk]))
    assert qrcode.status_code == 200 and qrcode["Content-Type"].startswith("image/")
    response = client.post(
        reverse("admin:otp_totp_totpdevice_change", args=[device.pk]), form | {"confirmed": "on"}
    )
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 302  # a code is now needed
    device.refresh_from_db()
    assert _admin_sign_in(client, _totp(device)).status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
