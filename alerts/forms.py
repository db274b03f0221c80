"""Forms of the alerts pages: What's new's filters (a GOV.UK date input) and the account's settings."""

import datetime

from django import forms

from alerts.models import AlertSettings
from authorities.models import Authority, Region
from inspections.reading import vocabulary as vocab

_INPUT = {"class": "govuk-input govuk-date-input__input"}


class WhatsNewForm(forms.Form):
    """`since` as three boxes (day, month, year), as the GOV.UK date input pattern asks; the query string
    keeps them (`?since-day=1&since-month=9&since-year=2026`) so a committee paper can cite the link."""

    council = forms.ModelChoiceField(
        queryset=Authority.objects.order_by("short_name"),
        to_field_name="slug",
        required=False,
        empty_label="All councils",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    region = forms.ChoiceField(
        choices=[("", "England")] + list(Region.choices),
        required=False,
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    framework = forms.ChoiceField(
        choices=[("", "Every kind")] + list(vocab.EVENT_KINDS.items()),
        required=False,
        label="Kind of inspection or visit",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )

    def __init__(self, data=None, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(data, **kwargs)
        self.since_parts = {
            part: (data or {}).get(f"since-{part}", "").strip() for part in ("day", "month", "year")
        }
        self.since_error = ""
        self.since = None

    def clean(self):
        cleaned = super().clean()
        parts = self.since_parts
        if not any(parts.values()):
            return cleaned
        missing = [name for name, value in parts.items() if not value]
        if missing:
            self.since_error = f"The date must include a {' and a '.join(missing)}"
        else:
            try:
                day, month, year = (int(parts[p]) for p in ("day", "month", "year"))
                if year < 1000:
                    raise ValueError
                self.since = datetime.date(year, month, day)
            except ValueError:
                self.since_error = "The date must be a real date, for example 1 9 2026"
        if self.since_error:
            self.add_error(None, self.since_error)
        return cleaned


class AlertSettingsForm(forms.Form):
    email = forms.EmailField(
        label="E-mail address",
        help_text="Where we send your alerts.",
        widget=forms.EmailInput(
            attrs={"class": "govuk-input govuk-!-width-two-thirds", "autocomplete": "email"}
        ),
        error_messages={
            "required": "Enter your e-mail address",
            "invalid": "Enter an e-mail address in the correct format, like name@example.org",
        },
    )
    frequency = forms.ChoiceField(
        label="How often should we tell you?",
        choices=AlertSettings.Frequency.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)


class FollowForm(forms.Form):
    council = forms.ModelChoiceField(
        queryset=Authority.objects.current().order_by("short_name"),
        to_field_name="slug",
        label="Follow another council",
        empty_label="Choose a council",
        widget=forms.Select(attrs={"class": "govuk-select"}),
        error_messages={
            "required": "Choose a council to follow",
            "invalid_choice": "Choose a council to follow",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "follow-%s")
        super().__init__(*args, **kwargs)
