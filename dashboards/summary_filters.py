"""The councils table's filters, read from the query string (a filtered view is a shareable link)."""

import datetime

import django_filters as filters
from django import forms
from django.db.models import Q

from authorities.models import Authority, AuthorityType, Region
from dashboards.dates import GovukDateField, uk_date
from dashboards.filters import council_choices, style_form
from inspections.currency import data_end
from inspections.reading import vocabulary as vocab


class AuthorityFilter(filters.FilterSet):
    name = filters.CharFilter(label="Name", method="filter_name")
    region = filters.ChoiceFilter(label="Region", choices=Region.choices, empty_label="Any")
    type = filters.ChoiceFilter(label="Type of council", choices=AuthorityType.choices, empty_label="Any")
    grade = filters.ChoiceFilter(
        label="Latest overall grade",
        field_name="latest_value",
        choices=list(vocab.GRADE_NAMES.items()),
        empty_label="Any",
    )
    status = filters.ChoiceFilter(
        label="Children's services",
        choices=[("current", "Councils today"), ("ended", "Ended by a reorganisation")],
        empty_label="Any",
        method="filter_status",
    )

    class Meta:
        model = Authority
        fields = []
        form = forms.Form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        style_form(self.form)

    def filter_name(self, queryset, name, value):
        return queryset.filter(
            Q(short_name__icontains=value) | Q(name__icontains=value) | Q(aliases__name__icontains=value)
        ).distinct()

    def filter_status(self, queryset, name, value):
        if value == "current":
            return queryset.filter(active_to__isnull=True)
        if value == "ended":
            return queryset.filter(active_to__isnull=False)
        return queryset


THEME_CHOICES = [(theme, vocab.THEMES[theme]) for theme in vocab.HEADLINE_THEMES]
REGION_CHOICES = [("", "Any region"), *Region.choices]
TYPE_CHOICES = [("", "Any type"), *AuthorityType.choices]


class CompareForm(forms.Form):
    """Which councils the compare page shows: named ones, a region and/or a type, a council and its
    statistical neighbours; and which theme. From the query string: ?a=derby&a=derbyshire&theme=overall."""

    a = forms.MultipleChoiceField(
        label="Councils",
        required=False,
        help_text="Choose one or more councils.",
        widget=forms.CheckboxSelectMultiple,
    )
    q = forms.CharField(
        label="Find a council by name",
        required=False,
        help_text="Narrows the list of councils to choose from; choose a region or type to narrow it too.",
    )
    neighbours_of = forms.ChoiceField(label="A council and its statistical neighbours", required=False)
    region = forms.ChoiceField(
        label="Every council in a region",
        choices=[*REGION_CHOICES, ("England", "Every council in England")],
        required=False,
    )
    type = forms.ChoiceField(label="Every council of a type", choices=TYPE_CHOICES, required=False)
    theme = forms.ChoiceField(label="Judgement", choices=THEME_CHOICES, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One query for both lists: current councils of the chosen region and type, matching the name
        # searched for (PICKER_LIMIT at most), and the councils already chosen.
        councils = council_choices(self.data, search="q", keep=("a", "neighbours_of"))
        self.fields["a"].choices = councils
        self.fields["neighbours_of"].choices = [("", "None"), *councils]
        style_form(self)
        self.fields["neighbours_of"].widget.attrs["data-council-select"] = ""  # static/js/council_picker.js

    def choice(self) -> dict:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "a": data.get("a") or [],
            "neighbours_of": data.get("neighbours_of") or "",
            "region": data.get("region") or "",
            "type": data.get("type") or "",
            "theme": data.get("theme") or "overall",
        }


BASIS_CHOICES = [
    ("latest", "Each council's latest report by the date"),
    ("first", "Each council's first report (of the framework) by the date"),
    ("all", "Every report published by the date"),
]
# No "Review of the local safeguarding children board": Ofsted graded the LSCB within the SIF (theme `lscb`),
# so a framework of its own would always count nothing. Old links with kind=lscb_review keep their meaning:
# NationalForm reads them as the SIF's LSCB judgement.
FRAMEWORK_CHOICES = [
    ("", "Any graded framework (latest of any)"),
    *[(k, vocab.EVENT_KINDS[k]) for k in ("slac", "cpi", "tlac", "sif", "ilacs")],
]
LSCB_REVIEW = "lscb_review"


class NationalForm(forms.Form):
    """The national page's choices, from the query string (?as_at=2017-08-14&kind=sif&basis=all)."""

    as_at = GovukDateField(label="As at", required=False)  # bounded in __init__: 2009 to the data's end
    kind = forms.ChoiceField(label="Framework", choices=FRAMEWORK_CHOICES, required=False)
    theme = forms.ChoiceField(label="Judgement", choices=THEME_CHOICES, required=False)
    basis = forms.ChoiceField(label="Count", choices=BASIS_CHOICES, required=False)
    region = forms.ChoiceField(label="Region", choices=REGION_CHOICES, required=False)
    type = forms.ChoiceField(label="Type of council", choices=TYPE_CHOICES, required=False)
    neighbours_of = forms.ChoiceField(label="A council and its statistical neighbours", required=False)

    def __init__(self, data=None, *args, default_as_at=None, **kwargs):
        if data is not None and data.get("kind") == LSCB_REVIEW:
            data = data.copy()
            data["kind"], data["theme"] = "sif", "lscb"
        super().__init__(data, *args, **kwargs)
        self.default_as_at = default_as_at  # where the data end (inspections.currency), not today
        self.fields["neighbours_of"].choices = [
            ("", "All councils"),
            *council_choices(self.data, keep=("neighbours_of",)),
        ]
        style_form(self)
        self.fields["neighbours_of"].widget.attrs["data-council-select"] = ""  # static/js/council_picker.js
        # The boxes show the date the page shows: where the data end, unless another date was asked for.
        self.data_end = end = default_as_at or data_end().day
        # Accepted up to today: a date between the data's end and today is shown with the page's note that it
        # is past the data's end (inspections.currency); a future date, or one before 2009, is refused.
        today = datetime.date.today()
        self.fields["as_at"].last = max(today, end)
        self.fields["as_at"].data_end = end
        self.fields["as_at"].initial = end
        self.fields[
            "as_at"
        ].help_text = f"For example, 14 8 2017. From 1 January 2009 to today; the data end on {uk_date(end)}."
        if self.is_bound and not any(
            key in self.data for key in ("as_at", "as_at-day", "as_at-month", "as_at-year")
        ):
            self.data = self.data.copy()
            self.data["as_at"] = end.isoformat()

    def requested_as_at(self):
        """The date the boxes (or ?as_at=) hold, if it is a real date, whatever its range: what the view's
        cheap bound (config.public_pages.bounded_date) refuses before any work when it is far outside."""
        if not self.is_bound:
            return None
        parts = self.fields["as_at"].widget.value_from_datadict(self.data, None, self.add_prefix("as_at"))
        try:
            day, month, year = (int(str(part).strip()) for part in parts)
            return datetime.date(year, month, day)
        except (TypeError, ValueError):
            return None

    def choice(self) -> dict:
        # A field in error falls back to its default; the others keep what was asked for (and the error
        # shows).
        data = self.cleaned_data if self.is_bound and (self.is_valid() or True) else {}
        if "as_at" in self.errors:
            self.fields["as_at"].widget.attrs["error"] = True  # each box gets GOV.UK's error border
        return {
            # Where the data end, not today: a date past them would count nothing new (and was a way to make
            # the heat map one column per year up to 9999).
            "as_at": data.get("as_at") or self.data_end,
            "kind": data.get("kind") or "",
            "theme": data.get("theme") or "overall",
            "basis": data.get("basis") or "latest",
            "region": data.get("region") or "",
            "authority_type": data.get("type") or "",
            "neighbours_of": data.get("neighbours_of") or "",
        }
