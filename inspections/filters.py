"""Filters of the inspections, judgements and recommendations tables, read from the query string so that a
filtered view is a link anyone can open, and its CSV holds the same rows."""

import django_filters as filters
from django import forms

from authorities.models import Authority, AuthorityType, Region
from inspections.models import Inspection, Judgement, Recommendation
from inspections.reading import vocabulary as vocab


def style_form(form):
    """Give a form's widgets the GOV.UK classes (and hints their aria-describedby), so `{{ field }}` renders a
    GOV.UK control: templates/dashboards/_filter_form.html."""
    for name, field in form.fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxSelectMultiple):
            widget.attrs["class"] = "govuk-checkboxes__input"
            continue  # templates/dashboards/_filter_form.html lays them out as GOV.UK checkboxes
        if isinstance(widget, forms.SelectMultiple):
            css = "govuk-select app-select-multiple"
            widget.attrs.setdefault("size", 8)
        elif isinstance(widget, forms.Select):
            css = "govuk-select"
        else:
            css = "govuk-input"
        widget.attrs["class"] = css
        if field.help_text:
            widget.attrs["aria-describedby"] = f"id_{name}-hint"
    return form


GRADE_CHOICES = [(value, name) for value, name in vocab.GRADE_NAMES.items()]
DATE = forms.DateInput(attrs={"type": "date"})


def _council(field_name):
    return filters.ModelChoiceFilter(
        label="Council",
        field_name=field_name,
        to_field_name="slug",
        queryset=Authority.objects.order_by("short_name", "gss_code"),
        empty_label="Any council",
    )


class _Common(filters.FilterSet):
    """Council, region, type and publication dates: every table has them, through its own path."""

    authority_path = "authority"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
                field.choices = [("", "Any"), *[c for c in field.choices if c[0] != ""]]
        style_form(self.form)


class InspectionFilter(_Common):
    council = _council("authority")
    region = filters.ChoiceFilter(label="Region", field_name="authority__region", choices=Region.choices)
    type = filters.ChoiceFilter(
        label="Type of council", field_name="authority__type", choices=AuthorityType.choices
    )
    kind = filters.ChoiceFilter(label="Event", choices=list(vocab.EVENT_KINDS.items()))
    status = filters.ChoiceFilter(label="Held or expected", choices=Inspection.Status.choices)
    published_from = filters.DateFilter(
        label="Published on or after", field_name="published_date", lookup_expr="gte", widget=DATE
    )
    published_to = filters.DateFilter(
        label="Published on or before", field_name="published_date", lookup_expr="lte", widget=DATE
    )

    class Meta:
        model = Inspection
        fields = []


class JudgementFilter(_Common):
    council = _council("inspection__authority")
    region = filters.ChoiceFilter(
        label="Region", field_name="inspection__authority__region", choices=Region.choices
    )
    type = filters.ChoiceFilter(
        label="Type of council", field_name="inspection__authority__type", choices=AuthorityType.choices
    )
    kind = filters.ChoiceFilter(
        label="Framework",
        field_name="inspection__kind",
        choices=[(k, v) for k, v in vocab.EVENT_KINDS.items() if k in vocab.GRADED_KINDS],
    )
    theme = filters.ChoiceFilter(label="Theme", choices=list(vocab.THEMES.items()))
    value = filters.ChoiceFilter(label="Grade", choices=GRADE_CHOICES)
    published_from = filters.DateFilter(
        label="Published on or after", field_name="inspection__published_date", lookup_expr="gte", widget=DATE
    )
    published_to = filters.DateFilter(
        label="Published on or before",
        field_name="inspection__published_date",
        lookup_expr="lte",
        widget=DATE,
    )

    class Meta:
        model = Judgement
        fields = []


class RecommendationFilter(_Common):
    council = _council("inspection__authority")
    region = filters.ChoiceFilter(
        label="Region", field_name="inspection__authority__region", choices=Region.choices
    )
    type = filters.ChoiceFilter(
        label="Type of council", field_name="inspection__authority__type", choices=AuthorityType.choices
    )
    kind = filters.ChoiceFilter(
        label="Framework",
        field_name="inspection__kind",
        choices=[
            (k, v) for k, v in vocab.EVENT_KINDS.items() if k in vocab.GRADED_KINDS or k == "monitoring_visit"
        ],
    )
    timescale = filters.ChoiceFilter(
        label="Timescale", choices=[c for c in Recommendation.Timescale.choices if c[0]]
    )
    text = filters.CharFilter(label="Words in the recommendation", lookup_expr="icontains")
    published_from = filters.DateFilter(
        label="Published on or after", field_name="inspection__published_date", lookup_expr="gte", widget=DATE
    )
    published_to = filters.DateFilter(
        label="Published on or before",
        field_name="inspection__published_date",
        lookup_expr="lte",
        widget=DATE,
    )

    class Meta:
        model = Recommendation
        fields = []
