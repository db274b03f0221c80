"""The dashboards' tables. Each one is shown on its page (the text alternative of a chart) and downloaded as
CSV through config.csv_export, so the page and the file always hold the same rows."""

import django_tables2 as tables
from django.utils.html import format_html

from authorities.models import Authority, AuthorityType
from dashboards.tables import NUMERIC, grade_tag
from inspections import precision
from inspections.headline import DERIVED_RULE
from inspections.reading import vocabulary as vocab


class AuthorityTable(tables.Table):
    short_name = tables.Column(verbose_name="Council", order_by=("short_name",))
    region = tables.Column(verbose_name="Region")
    type = tables.Column(verbose_name="Type")
    latest_value = tables.Column(verbose_name="Latest overall grade", order_by=("latest_value", "short_name"))
    latest_grade = tables.Column(verbose_name="Latest overall grade (framework's word)", visible=False)
    latest_derived = tables.Column(verbose_name="Derived (rule)", visible=False, orderable=False)
    latest_kind = tables.Column(verbose_name="Framework", order_by=("latest_kind",))
    latest_date = tables.DateColumn(verbose_name="Published", format="j M Y")
    latest_of_name = tables.Column(verbose_name="Judgement made of", orderable=False)
    gss_code = tables.Column(verbose_name="GSS code")
    dfe_number = tables.Column(verbose_name="DfE number", attrs=NUMERIC)
    active_to = tables.DateColumn(verbose_name="Ended", format="j M Y", visible=False)

    caption = "Councils"
    row_header = "short_name"
    export_fields = {  # see config.csv_export.export_csv
        "short_name": "short_name",
        "region": "region",
        "type": (("type",), lambda value: dict(AuthorityType.choices).get(value, value)),
        "latest_value": "latest_value",
        "latest_grade": "latest_grade",
        "latest_derived": (("latest_derived",), lambda derived: DERIVED_RULE if derived else ""),
        "latest_kind": (("latest_kind", "latest_reinspection"), vocab.framework_name),
        "latest_date": "latest_date",
        "latest_of_name": (("latest_of_name", "name"), lambda of, name: of if of and of != name else ""),
        "gss_code": "gss_code",
        "dfe_number": "dfe_number",
        "active_to": "active_to",
    }

    class Meta:
        default = ""  # an empty cell, on the page and in the CSV
        model = Authority
        fields = ()
        sequence = (
            "short_name",
            "region",
            "type",
            "latest_value",
            "latest_grade",
            "latest_kind",
            "latest_date",
            "gss_code",
            "dfe_number",
            "active_to",
            "latest_derived",  # new columns go last: committee papers cite the CSV's columns by position
            "latest_of_name",
        )
        order_by = ("short_name",)
        empty_text = "No councils match these filters."

    def render_short_name(self, record):
        ended = format_html(" (until {})", record.active_to.year) if record.active_to else ""
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>{}', record.get_absolute_url(), record.short_name, ended
        )

    def value_short_name(self, record):
        return record.short_name

    def render_region(self, record):
        return record.region  # the region's full name (Region's labels shorten two of them)

    def value_region(self, record):
        return record.region

    def render_type(self, record):
        return record.get_type_display()

    def value_type(self, record):
        return record.get_type_display()

    def render_latest_value(self, record):
        return grade_tag(record.latest_value, record.latest_grade, record.latest_derived)

    def render_latest_derived(self, record):
        return DERIVED_RULE if record.latest_derived else ""

    def value_latest_derived(self, record):
        return DERIVED_RULE if record.latest_derived else ""

    def render_latest_of_name(self, record):
        return record.latest_of_name if record.latest_of_name != record.name else ""

    def value_latest_of_name(self, record):
        return record.latest_of_name if record.latest_of_name != record.name else ""

    def value_latest_value(self, record):
        return record.latest_value

    def render_latest_kind(self, record):
        return vocab.framework_name(record.latest_kind, record.latest_reinspection)

    def value_latest_kind(self, record):
        return vocab.framework_name(record.latest_kind, record.latest_reinspection)


class TimelineGradesTable(tables.Table):
    """The timeline's CSV in long form: one row per event and theme. Dates at their precision (ISO, with a
    precision column: inspections.precision), the body each event was made of by name and code, the grade in
    its framework's word with its 1-4 value, and a derived grade marked with its rule on its own row."""

    council = tables.Column(verbose_name="Council")
    predecessor = tables.Column(verbose_name="Predecessor")
    date = tables.Column(verbose_name="Date")
    start_date = tables.Column(verbose_name="Started")
    end_date = tables.Column(verbose_name="Ended")
    published_date = tables.Column(verbose_name="Published")
    framework = tables.Column(verbose_name="Event")
    status = tables.Column(verbose_name="Status")
    theme = tables.Column(verbose_name="Theme")
    label = tables.Column(verbose_name="Judgement")
    grade = tables.Column(verbose_name="Grade (framework's word)")
    value = tables.Column(verbose_name="Grade (1 best to 4)")
    derived = tables.Column(verbose_name="Derived (rule)")
    # New columns last: committee papers cite the CSV's columns by position.
    of_council = tables.Column(verbose_name="Judgement of")
    code = tables.Column(verbose_name="GSS code of the council judged")
    date_basis = tables.Column(verbose_name="Date is")
    precision = tables.Column(verbose_name="Date precision")

    class Meta:
        orderable = False

    def __init__(self, events, council=None, **kwargs):
        from inspections.precision import iso

        rows = []
        for event in events:
            inspection = event.inspection
            base = {
                "council": council.short_name if council else event.council_name,
                "of_council": event.authority.name,
                "code": event.authority.gss_code,
                "predecessor": event.is_predecessor,
                "date": iso(event.date, event.precision),
                "date_basis": event.date_basis,
                "precision": event.precision,
                "start_date": iso(inspection.start_date, inspection.date_precision),
                "end_date": iso(inspection.end_date),
                "published_date": iso(inspection.published_date),
                "framework": event.framework,
                "status": inspection.get_status_display(),
            }
            if not event.headlines:
                rows.append({**base, "theme": "", "label": "", "grade": "", "value": None, "derived": ""})
            words = vocab.FRAMEWORK_GRADES.get(event.kind, vocab.GRADE_NAMES)
            for theme, headline in event.headlines.items():
                rows.append(
                    {
                        **base,
                        "theme": vocab.THEMES.get(theme, theme),
                        "label": headline.label,
                        "grade": words.get(headline.value, headline.grade),
                        "value": headline.value,
                        "derived": headline.rule if headline.derived else "",
                    }
                )
        super().__init__(rows, **kwargs)


class NeighbourTable(tables.Table):
    rank = tables.Column(verbose_name="Rank", attrs=NUMERIC)
    council = tables.Column(verbose_name="Council", accessor="authority__short_name")
    closeness = tables.Column(verbose_name="Closeness", default="")
    overall = tables.Column(verbose_name="Latest overall grade", accessor="overall", default=None)
    framework = tables.Column(verbose_name="Framework", accessor="inspection", default=None)
    date = tables.Column(verbose_name="Published", accessor="date", default=None)
    of_council = tables.Column(verbose_name="Judgement made of", accessor="inspection", default="")

    caption = "Statistical neighbours and their latest judgement"
    row_header = "council"

    class Meta:
        orderable = False
        empty_text = "No statistical neighbours are recorded for this council."

    def render_council(self, record):
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            record.authority.get_absolute_url(),
            record.authority.short_name,
        )

    def value_council(self, record):
        return record.authority.short_name

    def render_overall(self, value):
        return grade_tag(value.value, value.grade, value.derived)

    def value_overall(self, value):
        if not value:
            return ""
        return f"{value.grade} ({DERIVED_RULE})" if value.derived else value.grade

    def render_of_council(self, value):
        return f"{value.of_name} (predecessor)" if value.inherited else ""

    def value_of_council(self, value):
        return value.of_name if value and value.inherited else ""

    def render_framework(self, value):
        return value.framework_name

    def value_framework(self, value):
        return value.framework_name if value else ""

    def render_date(self, value):
        return f"{value:%-d %b %Y}"


class ComparePointsTable(tables.Table):
    """The compare chart as a table: each council's grade of the theme at each inspection."""

    council = tables.Column(verbose_name="Council")
    date = tables.Column(verbose_name="Published (else first day)")
    framework = tables.Column(verbose_name="Framework")
    grade = tables.Column(verbose_name="Grade (framework's word)")
    value = tables.Column(verbose_name="Grade (1 best to 4)", attrs=NUMERIC)
    derived = tables.Column(verbose_name="Derived (rule)", accessor="derived")
    of_council = tables.Column(verbose_name="Judgement of a predecessor", default="")
    code = tables.Column(verbose_name="GSS code of the council judged", visible=False)
    precision = tables.Column(verbose_name="Date precision", visible=False)

    caption = "Each council's grade at each inspection"
    row_header = "council"

    class Meta:
        orderable = False
        empty_text = "Choose at least one council."

    def render_date(self, record):
        return precision.shown_short(record.date, record.precision)

    def value_date(self, record):
        return precision.iso(record.date, record.precision)

    def render_grade(self, record):
        return grade_tag(record.value, record.grade, record.derived)

    def value_grade(self, record):
        return record.grade

    def render_derived(self, record):
        return DERIVED_RULE if record.derived else ""

    def value_derived(self, record):
        return DERIVED_RULE if record.derived else ""


class DistributionTable(tables.Table):
    """Counts at each grade; the count's header says what the basis counts ("Councils" or "Reports")."""

    grade = tables.Column(verbose_name="Grade")
    councils = tables.Column(verbose_name="Councils", attrs=NUMERIC)
    share = tables.Column(verbose_name="Share (%)", attrs=NUMERIC)

    row_header = "grade"

    class Meta:
        orderable = False

    def __init__(self, counts, unit="councils", labels=None, **kwargs):
        # One framework chosen: its own words (a SLAC's 3 is "Adequate"); any framework: the shared names.
        names = {**vocab.GRADE_NAMES, **(labels or {})}
        kwargs.setdefault(
            "extra_columns", [("councils", tables.Column(verbose_name=unit.capitalize(), attrs=NUMERIC))]
        )
        total = sum(counts.get(v, 0) for v in (1, 2, 3, 4))
        rows = [
            {
                "value": v,
                "grade": names[v],
                "councils": counts.get(v, 0),
                "share": round(100 * counts.get(v, 0) / total, 1) if total else 0,
            }
            for v in (1, 2, 3, 4)
        ]
        super().__init__(rows, **kwargs)

    def render_grade(self, record):
        return grade_tag(record["value"], record["grade"])

    def value_grade(self, record):
        return record["grade"]


class TransitionTable(tables.Table):
    """From one inspection's grade to the next: rows the grade before, columns the grade after."""

    before = tables.Column(verbose_name="Grade before")
    to_1 = tables.Column(verbose_name="Then outstanding", attrs=NUMERIC)
    to_2 = tables.Column(verbose_name="Then good", attrs=NUMERIC)
    to_3 = tables.Column(verbose_name="Then requires improvement", attrs=NUMERIC)
    to_4 = tables.Column(verbose_name="Then inadequate", attrs=NUMERIC)
    total = tables.Column(verbose_name="Total", attrs=NUMERIC)

    caption = "Councils moving from one grade to the next"
    row_header = "before"

    class Meta:
        orderable = False

    def __init__(self, counts, **kwargs):
        rows = []
        for before in (1, 2, 3, 4):
            row = {"value": before, "before": vocab.GRADE_NAMES[before]}
            for after in (1, 2, 3, 4):
                row[f"to_{after}"] = counts.get((before, after), 0)
            row["total"] = sum(row[f"to_{a}"] for a in (1, 2, 3, 4))
            rows.append(row)
        super().__init__(rows, **kwargs)

    def render_before(self, record):
        return grade_tag(record["value"])

    def value_before(self, record):
        return record["before"]


class LatestTable(tables.Table):
    """The national picture as a table: each council's latest judgement as at the chosen date."""

    council = tables.Column(verbose_name="Council")
    region = tables.Column(verbose_name="Region")
    framework = tables.Column(verbose_name="Framework")
    published = tables.DateColumn(verbose_name="Published", format="j M Y")
    grade = tables.Column(verbose_name="Grade (framework's word)")
    value = tables.Column(verbose_name="Grade (1 best to 4)", attrs=NUMERIC)
    derived = tables.Column(verbose_name="Derived (rule)", default="")
    of_council = tables.Column(verbose_name="Judgement made of a predecessor", default="")
    code = tables.Column(verbose_name="GSS code", default="", visible=False)

    caption = "Each council's latest judgement"
    row_header = "council"
    export_fields = {
        name: name
        for name in (
            "council", "region", "framework", "published", "grade", "value", "derived", "of_council", "code"
        )
    }  # fmt: skip

    class Meta:
        orderable = False
        empty_text = "No council had a judgement of this kind by this date."

    def render_council(self, record):
        if record.get("slug"):
            return format_html(
                '<a class="govuk-link" href="/authorities/{}/">{}</a>', record["slug"], record["council"]
            )
        return record["council"]

    def value_council(self, record):
        return record["council"]

    def render_grade(self, record):
        return grade_tag(record["value"], record["grade"])

    def value_grade(self, record):
        return record["grade"]


class HeatmapTable(tables.Table):
    """The heat map as a table, one row per council and year (the CSV); the page shows it wide."""

    export_fields = {name: name for name in ("council", "year", "framework", "grade", "value", "code")}

    council = tables.Column(verbose_name="Council")
    year = tables.Column(verbose_name="End of year")
    framework = tables.Column(verbose_name="Framework")
    grade = tables.Column(verbose_name="Grade")
    value = tables.Column(verbose_name="Grade (1 best to 4)")
    code = tables.Column(verbose_name="GSS code")

    class Meta:
        orderable = False
