"""The Django admin, for admins only, with a second factor (TOTP from django-otp) for those who set one up.

An editor may be made staff by mistake; the admin does not know which councils an editor is assigned to, so
only the admin role (or a superuser) may use it at all: editors change plans through the app's own pages,
which check assignments. An admin who has a confirmed TOTP device must give a code from it to sign in here;
with ADMIN_REQUIRE_2FA=1 every admin must have one.
"""

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django_otp import user_has_device
from django_otp.forms import OTPAuthenticationFormMixin
from django_otp.plugins.otp_totp.models import TOTPDevice

from authorities.roles import ADMIN, has_role


def second_factor_needed(user) -> bool:
    return settings.ADMIN_REQUIRE_2FA or user_has_device(user)


class AdminLoginForm(OTPAuthenticationFormMixin, AdminAuthenticationForm):
    otp_device = forms.CharField(required=False, widget=forms.HiddenInput)
    otp_token = forms.CharField(
        label="Code from your authenticator app",
        required=False,
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
    otp_challenge = forms.CharField(required=False)
    otp_error_messages = {
        **OTPAuthenticationFormMixin.otp_error_messages,
        "token_required": "Enter the 6-digit code from your authenticator app.",
        "invalid_token": "That code is wrong or has expired: enter the one your app shows now.",
        "device_required": "This account has no authenticator app set up: ask another admin to add one.",
    }

    def clean(self):
        self.cleaned_data = super().clean()
        user = self.get_user()
        if user is not None and second_factor_needed(user):
            if not user_has_device(user):
                raise forms.ValidationError(
                    self.otp_error_messages["device_required"], code="device_required"
                )
            self.clean_otp(user)
        return self.cleaned_data

    def _chosen_device(self, user):
        # One confirmed TOTP device per admin is the expected case: use it without asking which.
        chosen = super()._chosen_device(user)
        return chosen or TOTPDevice.objects.filter(user=user, confirmed=True).first()

    def _update_form(self, user):
        """django-otp fills in a device menu here; with one device per admin a hidden field is enough."""


class AdminSite(admin.AdminSite):
    site_header = "Judgement Tracker administration"
    site_title = "Judgement Tracker"
    login_form = AdminLoginForm
    login_template = "admin/login_otp.html"

    def has_permission(self, request):
        user = request.user
        if not (user.is_active and user.is_staff and has_role(user, ADMIN)):
            return False
        # A session signed in on the site's own form (password only) must still give a code here.
        return not second_factor_needed(user) or user.is_verified()
