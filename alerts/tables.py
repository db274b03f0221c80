"""What's new as a table: the page and its CSV (config.csv_export) show the same columns."""

import django_tables2 as tables
from django.utils.html import format_html

from alerts.news import label_of


class NewsTable(tables.Table):
    cited_date = tables.Column(verbose_name="Date", order_by=("cited_date", "recorded_at"))
    date_kind = tables.Column(verbose_name="Date is", accessor="pk", orderable=False)  # never empty
    council = tables.Column(accessor="authority__short_name", verbose_name="Council")
    region = tables.Column(accessor="authority__region", verbose_name="Region")
    framework = tables.Column(verbose_name="Kind")
    title = tables.Column(verbose_name="What was published", orderable=False)
    source = tables.Column(verbose_name="Source", accessor="pk", orderable=False)
    recorded_at = tables.DateTimeColumn(verbose_name="Added here", format="j M Y H:i")

    class Meta:
        template_name = "tables/govuk_table.html"
        orderable = False
        fields = ()
        sequence = (
            "cited_date",
            "date_kind",
            "council",
            "region",
            "framework",
            "title",
            "source",
            "recorded_at",
        )

    def render_cited_date(self, value):
        return format_html('<span class="app-nowrap">{}</span>', value.strftime("%-d %b %Y"))

    def value_cited_date(self, value):
        return value

    def render_date_kind(self, record):
        return "Published" if record.published_on else "Added here (no publication date)"

    def value_date_kind(self, record):
        return self.render_date_kind(record)

    def render_framework(self, value):
        return label_of(value)

    def value_framework(self, value):
        return label_of(value)

    def render_title(self, record):
        return format_html('<a class="govuk-link" href="{}">{}</a>', record.get_absolute_url(), record.title)

    def value_title(self, record):
        return record.title

    def _source(self, record):
        if record.document_id:
            return f"Document: {record.document.original_name}"
        if record.dataset_id:
            return f"Ofsted official statistics: {record.dataset}"
        return ""

    def render_source(self, record):
        return self._source(record)

    def value_source(self, record):
        return self._source(record)

    def value_recorded_at(self, value):
        return value
