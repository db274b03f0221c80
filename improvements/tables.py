"""The plan's tables. Each one is also its CSV export (config.csv_export.table_csv_response): what a board
member sees is what they download."""

import django_tables2 as tables
from django.utils import timezone

from improvements.models import Action, ActionChange, ProgressUpdate


class ActionTable(tables.Table):
    reference = tables.Column(verbose_name="Ref", accessor="pk", orderable=False)
    priority = tables.Column(verbose_name="Priority", accessor="priority__title", orderable=False)
    text = tables.Column(verbose_name="Action", orderable=False)
    owner = tables.Column(verbose_name="Owner", orderable=False)
    due_date = tables.DateColumn(verbose_name="Due", format="j M Y", orderable=False)
    status = tables.Column(verbose_name="Status", orderable=False)
    rag = tables.Column(verbose_name="RAG", orderable=False)
    overdue = tables.Column(verbose_name="Overdue", accessor="pk", orderable=False)
    timescale = tables.Column(verbose_name="Timescale", accessor="source_recommendation", orderable=False)
    source = tables.Column(verbose_name="From", accessor="source_recommendation", orderable=False)
    evidence = tables.Column(verbose_name="Evidence", orderable=False)
    updated_at = tables.DateTimeColumn(verbose_name="Last changed", format="j M Y H:i", orderable=False)

    class Meta:
        model = Action
        fields = []
        sequence = [
            "reference", "priority", "text", "owner", "due_date", "status", "rag", "overdue", "timescale",
            "source", "evidence", "updated_at",
        ]  # fmt: skip
        caption = "Actions"

    def __init__(self, *args, today=None, **kwargs):
        self.today = today or timezone.localdate()
        super().__init__(*args, **kwargs)

    def _overdue(self, record) -> bool:
        return bool(
            record.due_date
            and record.due_date < self.today
            and record.status in (Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS)
        )

    def render_reference(self, record):
        return f"{record.priority.position}.{record.position}"

    value_reference = render_reference

    def render_status(self, record):
        return record.get_status_display()

    value_status = render_status

    def render_rag(self, record):
        return record.get_rag_display() if record.rag else "Not rated"

    value_rag = render_rag

    def render_overdue(self, record):
        return "Yes" if self._overdue(record) else "No"

    value_overdue = render_overdue

    def render_timescale(self, value):
        return value.timescale_as_written or value.get_timescale_display()

    def value_timescale(self, record):
        recommendation = record.source_recommendation
        return self.render_timescale(recommendation) if recommendation else ""

    def render_source(self, value):
        inspection = value.inspection
        section = value.get_section_display()
        return (
            f"{inspection.framework_name} {inspection.published_date or inspection.event_date:%b %Y}"
            + (f", {section}" if section else "")
            + f", recommendation {value.position}"
        )

    def value_source(self, record):
        recommendation = record.source_recommendation
        return self.render_source(recommendation) if recommendation else ""

    def value_due_date(self, record):
        return record.due_date

    def value_updated_at(self, record):
        return timezone.localtime(record.updated_at).replace(microsecond=0)


class UpdateTable(tables.Table):
    date = tables.DateColumn(verbose_name="Date", format="j M Y")
    priority = tables.Column(verbose_name="Priority", accessor="priority__title")
    action = tables.Column(verbose_name="Action", accessor="action")
    text = tables.Column(verbose_name="Progress")
    source = tables.Column(verbose_name="Source", accessor="source_document", default="Typed in")
    page = tables.Column(verbose_name="Page", accessor="source_page")
    author = tables.Column(verbose_name="Recorded by", accessor="author")
    created_at = tables.DateTimeColumn(verbose_name="Recorded at", format="j M Y H:i")

    class Meta:
        model = ProgressUpdate
        fields = []
        sequence = ["date", "priority", "action", "text", "source", "page", "author", "created_at"]
        orderable = False
        caption = "Progress updates"

    def value_date(self, record):
        return record.date

    def value_action(self, record):
        action = record.action
        return f"{record.priority.position}.{action.position} {action.text[:80]}" if action else ""

    def value_source(self, record):
        return record.source_document.original_name if record.source_document_id else "Typed in"

    def value_author(self, record):
        return record.author.get_username() if record.author_id else ""

    def value_created_at(self, record):
        return timezone.localtime(record.created_at).replace(microsecond=0)


class ChangeTable(tables.Table):
    changed_at = tables.DateTimeColumn(verbose_name="When", format="j M Y H:i")
    changed_by_name = tables.Column(verbose_name="Who", default="(system)")
    priority = tables.Column(verbose_name="Priority", accessor="priority__position")
    action = tables.Column(verbose_name="Action", accessor="action", default="")
    field = tables.Column(verbose_name="What")
    old_value = tables.Column(verbose_name="Was", default="")
    new_value = tables.Column(verbose_name="Now", default="")

    class Meta:
        model = ActionChange
        fields = []
        sequence = ["changed_at", "changed_by_name", "priority", "action", "field", "old_value", "new_value"]
        orderable = False
        caption = "Changes"

    def value_changed_at(self, record):
        return timezone.localtime(record.changed_at).replace(microsecond=0)

    def value_field(self, record):
        return record.get_field_display()

    def render_field(self, record):
        return record.get_field_display()

    def value_action(self, record):
        return f"{record.priority.position}.{record.action.position}" if record.action_id else ""

    def render_action(self, record):
        return self.value_action(record)
