"""The GOV.UK date input (day, month, year in three boxes) bounded to the range the data cover. Dates are
written by inspections.precision.shown, the one formatter, which keeps a date's precision.

Why not <input type="date">: it follows the browser's locale while the hint showed ISO (14 08 2017 became
8 December 2017, silently), `type=month` does not exist in Firefox or Safari, and nothing bounded the year.
The GOV.UK pattern is three labelled text boxes, validated here in the form layer with GOV.UK's error wording.
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from inspections.precision import shown as uk_date  # the one formatter (issue 11): never an invented day

FIRST_DAY = datetime.date(2009, 1, 1)  # the official statistics start in 2009
PARTS = ("day", "month", "year")


class GovukDateWidget(forms.MultiWidget):
    """Three text boxes named <name>-day, <name>-month and <name>-year (GOV.UK's names). An address that
    committee papers already cite, ?as_at=2017-08-14, is still read: the ISO value fills the three boxes."""

    template_name = "includes/date_input.html"

    def __init__(self, attrs=None):
        box = {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}
        super().__init__([forms.TextInput(attrs=dict(box)) for _ in PARTS], attrs)
        self.widgets_names = [f"-{part}" for part in PARTS]

    def id_for_label(self, id_):
        return f"{id_}-day" if id_ else ""  # an error summary's link lands in the first box

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def value_from_datadict(self, data, files, name):
        parts = super().value_from_datadict(data, files, name)
        if not any(parts) and data.get(name):
            try:
                return self.decompress(datetime.date.fromisoformat(str(data.get(name))))
            except ValueError:
                return [None, None, str(data.get(name))[:20]]  # shown back, and refused with a message
        return parts

    def value_omitted_from_data(self, data, files, name):
        return name not in data and super().value_omitted_from_data(data, files, name)

    def _render(self, template_name, context, renderer=None):
        # The project's templates folder, which the default form renderer does not search.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308 (a template's output)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for part, sub in zip(PARTS, context["widget"]["subwidgets"], strict=True):
            sub["part"] = part
            sub["label"] = part.capitalize()
            sub["attrs"]["class"] = (
                "govuk-input govuk-date-input__input "
                + ("govuk-input--width-4" if part == "year" else "govuk-input--width-2")
            )  # fmt: skip
            sub["attrs"]["id"] = f"{attrs.get('id', 'id_' + name)}-{part}"
        return context


class GovukDateField(forms.MultiValueField):
    """A date from three boxes, between `first` and `last` (a callable: the data's end is read per
    request)."""

    widget = GovukDateWidget

    def __init__(self, *, first=FIRST_DAY, last=None, data_end=None, **kwargs):
        self.first = first
        self.last = last
        self.data_end = data_end  # named in the error for a date past it
        fields = [forms.CharField(required=False) for _ in PARTS]
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _bounds(self) -> tuple[datetime.date, datetime.date]:
        last = self.last() if callable(self.last) else self.last
        return self.first, last or datetime.date.today()

    def compress(self, data_list):
        if not data_list or not any(part.strip() for part in data_list if part):
            return None
        label = "The date"  # GOV.UK wording: the error names the thing, not the label
        day, month, year = [(part or "").strip() for part in data_list]
        missing = [name for name, part in zip(PARTS, (day, month, year), strict=True) if not part]
        if missing:
            raise ValidationError(f"{label} must include a {' and a '.join(missing)}", code="incomplete")
        if not (day.isdigit() and month.isdigit() and year.isdigit()):
            raise ValidationError(f"{label} must be a real date, in numbers", code="invalid")
        if len(year) != 4:
            raise ValidationError(
                f"The year must include 4 numbers, for example {FIRST_DAY.year + 8}", code="year"
            )
        try:
            value = datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise ValidationError(f"{label} must be a real date", code="invalid") from None
        first, last = self._bounds()
        if not first <= value <= last:
            past = (
                f": {uk_date(value)} is after the data end ({uk_date(self.data_end)})"
                if self.data_end and value > self.data_end
                else ", the dates our data cover"
            )
            raise ValidationError(
                f"{label} must be between {uk_date(first)} and {uk_date(last)}{past}", code="range"
            )
        return value
