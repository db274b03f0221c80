"""Filters of the inspections, judgements and recommendations tables, read from the query string so that a
filtered view is a link anyone can open, and its CSV holds the same rows."""

import django_filters as filters
from django import forms
from django.utils import timezone

from authorities.models import Authority, AuthorityType, Region
from authorities.name_index import council_directory
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


PICKER_LIMIT = 160  # every real council (153) fits; a synthetic 100x set is narrowed by region, type or name


def _values(data, name) -> list[str]:
    if data is None:
        return []
    if hasattr(data, "getlist"):
        return [v for v in data.getlist(name) if v]
    value = data.get(name)
    return [v for v in (value if isinstance(value, list | tuple) else [value]) if v]


def council_choices(data=None, region="region", authority_type="type", search="", keep=()) -> list[tuple]:
    """(slug, name) of the councils a picker lists: current councils only, of the region and type chosen in
    `data` (the names of those fields given), whose name holds the search text or that the text means today
    (authorities.which_council's rule: "BCP", "Derby City Council", or "Northamptonshire" for the two councils
    that succeeded it), at most PICKER_LIMIT of them by name; plus the councils already chosen (`keep`: field
    names), whatever they are, so a choice stays valid and shown. One query, whatever the number of councils,
    and three more to load the names when a search text is given."""
    from django.db.models import Case, IntegerField, Q, Value, When

    def first(name):
        found = _values(data, name) if name else []
        return found[0] if found else ""

    listed = Q(active_to__isnull=True)
    if first(region):
        listed &= Q(region=first(region))
    if first(authority_type):
        listed &= Q(type=first(authority_type))
    if first(search):
        text = first(search)
        meant = council_directory().resolve(text, timezone.localdate()).ids
        listed &= Q(short_name__icontains=text) | Q(name__icontains=text) | Q(pk__in=meant)
    kept = sorted({v for name in keep for v in _values(data, name)})
    rows = Authority.objects.filter(listed | Q(slug__in=kept) if kept else listed)
    kept_first = Case(When(slug__in=kept, then=Value(0)), default=Value(1), output_field=IntegerField())
    rows = rows.annotate(kept=kept_first if kept else Value(1)).order_by("kept", "short_name", "gss_code")
    found = list(rows.values_list("slug", "short_name", "gss_code").distinct()[: PICKER_LIMIT + len(kept)])
    return [(slug, name) for slug, name, _ in sorted(found, key=lambda r: (r[1], r[2]))]


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
        # The council list shows current councils of the chosen region and type whose name holds the search
        # text (PICKER_LIMIT at most) and the chosen council; any council's slug is still accepted.
        self.form.fields["council"].widget.choices = [
            ("", "Any council"),
            *council_choices(self.data, search="council_name", keep=("council",)),
        ]
        style_form(self.form)


class InspectionFilter(_Common):
    council = _council("authority")
    council_name = filters.CharFilter(
        label="Council name contains", field_name="authority__short_name", lookup_expr="icontains"
    )
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


class _ThroughInspection(_Common):
    """Filters of facts that belong to an inspection: its council, the council's region and type, and when the
    inspection was published."""

    council = _council("inspection__authority")
    council_name = filters.CharFilter(
        label="Council name contains", field_name="inspection__authority__short_name", lookup_expr="icontains"
    )
    region = filters.ChoiceFilter(
        label="Region", field_name="inspection__authority__region", choices=Region.choices
    )
    type = filters.ChoiceFilter(
        label="Type of council", field_name="inspection__authority__type", choices=AuthorityType.choices
    )
    published_from = filters.DateFilter(
        label="Published on or after", field_name="inspection__published_date", lookup_expr="gte", widget=DATE
    )
    published_to = filters.DateFilter(
        label="Published on or before",
        field_name="inspection__published_date",
        lookup_expr="lte",
        widget=DATE,
    )


class JudgementFilter(_ThroughInspection):
    kind = filters.ChoiceFilter(
        label="Framework",
        field_name="inspection__kind",
        choices=[(k, v) for k, v in vocab.EVENT_KINDS.items() if k in vocab.GRADED_KINDS],
    )
    theme = filters.ChoiceFilter(label="Theme", choices=list(vocab.THEMES.items()))
    value = filters.ChoiceFilter(label="Grade", choices=GRADE_CHOICES)

    class Meta:
        model = Judgement
        fields = []


class RecommendationFilter(_ThroughInspection):
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

    class Meta:
        model = Recommendation
        fields = []
