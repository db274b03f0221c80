from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from authorities.models import Authority
from inspections.models import Document, Inspection, Recommendation


class Rag(models.TextChoices):
    NONE = "", "Not rated"
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class PassageFields(models.Model):
    """Where a plan's text was read from, when it came from a document (a committee paper, a letter)."""

    source_document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_char_start = models.PositiveIntegerField(null=True, blank=True)
    source_char_end = models.PositiveIntegerField(null=True, blank=True)
    source_page = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        abstract = True


class ImprovementPlan(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="improvement_plans")
    title = models.CharField(max_length=200)
    source_inspection = models.ForeignKey(
        Inspection, on_delete=models.SET_NULL, null=True, blank=True, related_name="improvement_plans"
    )
    is_current = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["authority", "-created_at"]
        constraints = [
            # A council works to one current plan at a time.
            models.UniqueConstraint(
                fields=["authority"], condition=Q(is_current=True), name="plan_one_current_per_authority"
            )
        ]

    def __str__(self):
        return f"{self.authority.short_name}: {self.title}"


class Priority(PassageFields):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=500)
    description = models.TextField(blank=True)
    rag = models.CharField("RAG", max_length=10, choices=Rag.choices, blank=True)

    class Meta:
        ordering = ["plan", "position"]
        verbose_name_plural = "priorities"
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="priority_unique_position")]

    def __str__(self):
        return f"{self.position}. {self.title}"


class Action(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETE = "complete", "Complete"
        CLOSED = "closed", "Closed without completion"

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="actions")
    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    source_recommendation = models.ForeignKey(
        Recommendation, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    owner = models.CharField(max_length=200, blank=True)
    due_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    rag = models.CharField("RAG", max_length=10, choices=Rag.choices, blank=True)
    evidence = models.TextField(blank=True, help_text="Links to evidence, one a line.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority", "position"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "position"], name="action_unique_position")
        ]

    def __str__(self):
        return self.text[:80]


class ProgressUpdate(PassageFields):
    """A dated note of progress on a priority (and perhaps one of its actions): typed by a person or read
    from a committee paper or a monitoring-visit letter."""

    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="updates")
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="updates"
    )
    date = models.DateField()
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["priority", "-date", "-created_at"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d}: {self.text[:60]}"


class ActionChange(models.Model):
    """One change to a plan, as it happened: who, when, which field, the old and the new value.

    Append-only. Rows are written in the same transaction as the change they record (improvements.plans),
    and a PostgreSQL trigger (migration 0002) refuses UPDATE and DELETE, so the history cannot be edited away,
    not even through the admin or a shell. An action's creation is a row too (field "created"), so the status
    of every action on any past day can be worked out from this table alone (improvements.charts).

    A change to a priority (its title or RAG) is recorded here with `action` empty.
    """

    class Field(models.TextChoices):
        CREATED = "created", "Created"
        STATUS = "status", "Status"
        RAG = "rag", "RAG"
        OWNER = "owner", "Owner"
        DUE_DATE = "due_date", "Due date"
        TEXT = "text", "Text"
        EVIDENCE = "evidence", "Evidence"
        TITLE = "title", "Title"
        MOVED = "priority", "Priority"

    plan = models.ForeignKey(ImprovementPlan, on_delete=models.PROTECT, related_name="changes")
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="changes")
    action = models.ForeignKey(
        Action, on_delete=models.PROTECT, null=True, blank=True, related_name="changes"
    )
    field = models.CharField(max_length=20, choices=Field.choices)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    # PROTECT: a user who changed a plan is deactivated, never deleted, so the trail keeps naming them.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    changed_by_name = models.CharField(max_length=150, blank=True, help_text="The username at the time.")
    changed_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["plan", "changed_at"])]

    def __str__(self):
        return f"{self.changed_at:%Y-%m-%d %H:%M} {self.changed_by_name or 'system'}: {self.field}"


class AuditEntry(models.Model):
    """Every row written to a plan's tables, by any path: the app's pages, the admin, a command, a shell.

    Written by PostgreSQL triggers (migration 0003) after each INSERT, UPDATE and DELETE on plans, priorities,
    actions and progress updates, with the whole row before and after, the signed-in user the request named
    (`jt.actor`, set by config.security.AuditActorMiddleware) and the database role. Only the triggers write
    here (they run as the tables' owner; the app's role may only read), and UPDATE and DELETE are refused.
    ActionChange stays the readable, per-field history the plan pages and charts use.
    """

    at = models.DateTimeField(db_index=True)
    table_name = models.CharField(max_length=63)
    operation = models.CharField(max_length=6)
    row_id = models.BigIntegerField()
    plan_id = models.BigIntegerField(null=True, db_index=True)
    actor = models.CharField(max_length=150, blank=True, help_text="The signed-in user, when a request.")
    db_user = models.CharField(max_length=63, help_text="The database role that made the change.")
    old_row = models.JSONField(null=True)
    new_row = models.JSONField(null=True)

    class Meta:
        managed = True
        ordering = ["at", "id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor or self.db_user}: {self.operation} {self.table_name}"
