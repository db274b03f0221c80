from django.contrib import admin

from improvements import plans
from improvements.models import Action, ActionChange, AuditEntry, ImprovementPlan, Priority, ProgressUpdate


class PriorityInline(admin.TabularInline):
    model = Priority
    extra = 0
    fields = ["position", "title", "rag"]
    show_change_link = True


class ActionInline(admin.StackedInline):
    model = Action
    extra = 0
    fields = [
        ("position", "status", "rag"),
        "text",
        ("owner", "due_date"),
        "source_recommendation",
        "evidence",
    ]
    raw_id_fields = ["source_recommendation"]
    show_change_link = True
    # Changed on the action's own page, which records each change in the audit trail.
    readonly_fields = [
        "position",
        "status",
        "rag",
        "text",
        "owner",
        "due_date",
        "source_recommendation",
        "evidence",
    ]

    def has_add_permission(self, request, obj=None):
        return False


class UpdateInline(admin.TabularInline):
    """Progress updates are append-only (the database refuses UPDATE and DELETE): shown, never edited here."""

    model = ProgressUpdate
    extra = 0
    fields = ["date", "action", "text", "author", "source_document", "source_page"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ImprovementPlan)
class ImprovementPlanAdmin(admin.ModelAdmin):
    list_display = ["authority", "title", "is_current", "source_inspection", "created_at"]
    list_filter = ["is_current", "authority__region"]
    search_fields = ["title", "authority__short_name"]
    autocomplete_fields = ["authority"]
    raw_id_fields = ["source_inspection"]
    inlines = [PriorityInline]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["plan", "position", "title", "rag"]
    list_filter = ["rag", "plan__authority"]
    search_fields = ["title", "plan__authority__short_name"]
    raw_id_fields = ["plan", "source_document"]
    inlines = [ActionInline, UpdateInline]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["priority", "position", "text", "owner", "due_date", "status", "rag"]
    list_filter = ["status", "rag"]
    search_fields = ["text", "owner", "priority__plan__authority__short_name"]
    raw_id_fields = ["priority", "source_recommendation"]
    readonly_fields = ["position"]

    def save_model(self, request, obj, form, change):
        """Through improvements.plans, so that the admin's changes are in the audit trail too."""
        data = {name: form.cleaned_data[name] for name in plans.ACTION_FIELDS if name in form.cleaned_data}
        if change:
            plans.change_action(obj, request.user, priority=form.cleaned_data.get("priority"), **data)
        else:
            created = plans.create_action(
                form.cleaned_data["priority"],
                request.user,
                text=data.get("text", ""),
                owner=data.get("owner", ""),
                due=data.get("due_date"),
                status=data.get("status", Action.Status.NOT_STARTED),
                rag=data.get("rag", ""),
                evidence=data.get("evidence", ""),
                source_recommendation=form.cleaned_data.get("source_recommendation"),
            )
            obj.pk = created.pk


@admin.register(ActionChange)
class ActionChangeAdmin(admin.ModelAdmin):
    """The audit trail, read-only: the database refuses to change or delete its rows anyway."""

    list_display = [
        "changed_at",
        "changed_by_name",
        "plan",
        "priority",
        "action",
        "field",
        "old_value",
        "new_value",
    ]
    list_filter = ["field"]
    search_fields = ["changed_by_name", "old_value", "new_value", "plan__authority__short_name"]
    date_hierarchy = "changed_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    """Append-only: an update can be added here, never rewritten or deleted (the database refuses both)."""

    list_display = ["priority", "action", "date", "text", "author"]
    search_fields = ["text", "priority__title"]
    date_hierarchy = "date"
    raw_id_fields = ["priority", "action", "source_document"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Every row written to a plan's tables, by any path (written by database triggers): read-only."""

    list_display = ["at", "actor", "db_user", "operation", "table_name", "row_id", "plan_id"]
    list_filter = ["table_name", "operation"]
    search_fields = ["actor", "db_user"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
