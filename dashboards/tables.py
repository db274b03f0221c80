"""The tables of inspections, judgements and recommendations (django-tables2), and the column helpers the
dashboards share. One Table serves the page and its CSV (config.csv_export.export_csv): what a user sees is
what they download."""

import django_tables2 as tables
from django.utils.html import format_html

from inspections import precision
from inspections.headline import DERIVED_NOTE, DERIVED_RULE
from inspections.models import Inspection, Judgement, Recommendation
from inspections.reading import vocabulary as vocab

NUMERIC = {"th": {"class": "govuk-table__header--numeric"}, "td": {"class": "govuk-table__cell--numeric"}}
PER_PAGE = 50


def grade_tag(value, label=None, derived=False):
    """A grade as a tag with its words and colour (templates/includes/grade_tag.html, as HTML from Python)."""
    if value in (1, 2, 3, 4):
        text = label or vocab.GRADE_NAMES[value]
        css = f"app-grade--{value}"
    else:
        text, css = label or "Not graded", "app-grade--none"
    note = format_html(' <span class="govuk-body-s">({})</span>', DERIVED_NOTE) if derived else ""
    return format_html('<strong class="govuk-tag app-grade {}">{}</strong>{}', css, text, note)


def _end_iso(end_date, date_precision):
    """An end day is only as exact as the start: a visit known to the month has no known last day."""
    return precision.iso(end_date) if date_precision == "day" else ""


# The same in SQL, for the exports PostgreSQL writes (config.csv_copy).
_end_iso.sql = lambda end, date_precision: (
    f"CASE WHEN {date_precision} = 'day' THEN to_char({end}, 'YYYY-MM-DD') END",
    [],
)


def _derived(parts):
    return DERIVED_RULE if (parts or 0) > 1 else ""


_derived.sql = lambda parts: (f"CASE WHEN COALESCE({parts}, 0) > 1 THEN %s END", [DERIVED_RULE])


def _display(choices):
    names = dict(choices)
    return lambda value: names.get(value, value)


class InspectionTable(tables.Table):
    authority = tables.Column(
        verbose_name="Council", accessor="authority__short_name", order_by=("authority__short_name",)
    )
    framework = tables.Column(verbose_name="Event", accessor="kind", order_by=("kind", "reinspection"))
    status = tables.Column(verbose_name="Status")
    start_date = tables.DateColumn(verbose_name="Started", format="j M Y")
    end_date = tables.DateColumn(verbose_name="Ended", format="j M Y")
    published_date = tables.DateColumn(verbose_name="Published", format="j M Y")
    overall = tables.Column(
        verbose_name="Overall effectiveness", accessor="overall_value", order_by="overall_value"
    )
    overall_grade = tables.Column(verbose_name="Overall (framework's word)", visible=False, orderable=False)
    lead_inspector = tables.Column(verbose_name="Lead inspector")
    # New columns last: committee papers cite the CSV's columns by position.
    overall_derived = tables.Column(
        verbose_name="Overall derived (rule)", accessor="overall_parts", visible=False, orderable=False
    )
    date_precision = tables.Column(verbose_name="Start date precision", visible=False, orderable=False)
    gss_code = tables.Column(
        verbose_name="GSS code", accessor="authority__gss_code", visible=False, orderable=False
    )
    link = tables.Column(verbose_name="Details", accessor="pk", orderable=False, exclude_from_export=True)

    caption = "Inspections and visits"
    row_header = "authority"
    export_fields = {
        "authority": "authority__short_name",
        "framework": (("kind", "reinspection"), vocab.framework_name),
        "status": (("status",), _display(Inspection.Status.choices)),
        "start_date": (("start_date", "date_precision"), precision.iso),
        "end_date": (("end_date", "date_precision"), _end_iso),
        "published_date": "published_date",
        "overall": "overall_value",
        "overall_grade": "overall_grade",
        "lead_inspector": "lead_inspector",
        "overall_derived": (("overall_parts",), _derived),
        "date_precision": "date_precision",
        "gss_code": "authority__gss_code",
    }

    class Meta:
        default = ""  # an empty cell, on the page and in the CSV
        model = Inspection
        fields = ()
        sequence = (
            "authority",
            "framework",
            "status",
            "start_date",
            "end_date",
            "published_date",
            "overall",
            "overall_grade",
            "lead_inspector",
            "link",
            "overall_derived",
            "date_precision",
            "gss_code",
        )
        order_by = ("-published_date",)
        empty_text = "No inspections or visits match these filters."

    def render_framework(self, record):
        return vocab.framework_name(record.kind, record.reinspection)

    def value_framework(self, record):
        return vocab.framework_name(record.kind, record.reinspection)

    def render_status(self, record):
        return record.get_status_display()

    def value_status(self, record):
        return record.get_status_display()

    def render_overall(self, record):
        return grade_tag(record.overall_value, record.overall_grade, (record.overall_parts or 0) > 1)

    def render_start_date(self, record):
        return precision.shown_short(record.start_date, record.date_precision)

    def value_start_date(self, record):
        return precision.iso(record.start_date, record.date_precision)

    def render_end_date(self, record):
        return precision.shown_short(record.end_date, "day") if record.date_precision == "day" else "—"

    def value_end_date(self, record):
        return _end_iso(record.end_date, record.date_precision)

    def value_date_precision(self, record):
        return record.date_precision

    def value_overall_derived(self, record):
        return DERIVED_RULE if (record.overall_parts or 0) > 1 else ""

    def value_overall(self, record):
        return record.overall_value

    def render_link(self, record):
        return format_html(
            '<a class="govuk-link" href="{}" aria-label="View {}, {}">View</a>',
            record.get_absolute_url(),
            record.authority.short_name,
            vocab.framework_name(record.kind, record.reinspection),
        )


class _OfInspectionTable(tables.Table):
    """Columns of facts that belong to an inspection: its council, when it was published, its framework."""

    authority = tables.Column(
        verbose_name="Council",
        accessor="inspection__authority__short_name",
        order_by=("inspection__authority__short_name",),
    )
    published = tables.DateColumn(
        verbose_name="Published", accessor="inspection__published_date", format="j M Y"
    )
    framework = tables.Column(
        verbose_name="Framework", accessor="inspection__kind", order_by=("inspection__kind",)
    )

    row_header = "authority"
    export_fields = {
        "authority": "inspection__authority__short_name",
        "published": "inspection__published_date",
        "framework": (("inspection__kind", "inspection__reinspection"), vocab.framework_name),
    }

    def render_framework(self, record):
        return vocab.framework_name(record.inspection.kind, record.inspection.reinspection)

    def value_framework(self, record):
        return vocab.framework_name(record.inspection.kind, record.inspection.reinspection)


class JudgementTable(_OfInspectionTable):
    started = tables.Column(verbose_name="Started", accessor="inspection__start_date")
    section = tables.Column(verbose_name="Section")
    theme = tables.Column(verbose_name="Theme")
    label = tables.Column(verbose_name="Judgement")
    grade = tables.Column(
        verbose_name="Grade (as stored: the report's words, else the framework's)", order_by=("value",)
    )
    value = tables.Column(verbose_name="Grade (1 best to 4)", attrs=NUMERIC)

    caption = "Judgements"
    export_fields = {
        **_OfInspectionTable.export_fields,
        "started": (("inspection__start_date", "inspection__date_precision"), precision.iso),
        "section": (("section",), _display(vocab.SECTIONS.items())),
        "theme": (("theme",), _display(vocab.THEMES.items())),
        "label": "label",
        "grade": "grade",
        "value": "value",
    }

    class Meta:
        default = ""  # an empty cell, on the page and in the CSV
        model = Judgement
        fields = ()
        sequence = (
            "authority",
            "published",
            "started",
            "framework",
            "section",
            "theme",
            "label",
            "grade",
            "value",
        )
        order_by = ("-published",)
        empty_text = "No judgements match these filters."

    def render_started(self, record):
        return precision.shown_short(record.inspection.start_date, record.inspection.date_precision)

    def value_started(self, record):
        return precision.iso(record.inspection.start_date, record.inspection.date_precision)

    def render_section(self, record):
        return record.get_section_display() or "—"

    def value_section(self, record):
        return record.get_section_display()

    def render_theme(self, record):
        return record.get_theme_display()

    def value_theme(self, record):
        return record.get_theme_display()

    def render_grade(self, record):
        return grade_tag(record.value, record.grade)

    def value_grade(self, record):
        return record.grade


class RecommendationTable(_OfInspectionTable):
    position = tables.Column(verbose_name="Number", attrs=NUMERIC)
    heading = tables.Column(verbose_name="Heading")
    text = tables.Column(verbose_name="Recommendation")
    timescale = tables.Column(verbose_name="Timescale")
    timescale_as_written = tables.Column(verbose_name="Timescale (as written)", visible=False)

    caption = "Recommendations"
    export_fields = {
        **_OfInspectionTable.export_fields,
        "position": "position",
        "heading": "heading",
        "text": "text",
        "timescale": (("timescale",), _display(Recommendation.Timescale.choices)),
        "timescale_as_written": "timescale_as_written",
    }

    class Meta:
        default = ""  # an empty cell, on the page and in the CSV
        model = Recommendation
        fields = ()
        sequence = (
            "authority",
            "published",
            "framework",
            "position",
            "heading",
            "text",
            "timescale",
            "timescale_as_written",
        )
        order_by = ("-published", "position")
        empty_text = "No recommendations match these filters."

    def render_timescale(self, record):
        return record.get_timescale_display()

    def value_timescale(self, record):
        return record.get_timescale_display()
