from django.contrib import admin

from improvements.models import Action, ImprovementPlan, Priority, ProgressUpdate


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


class UpdateInline(admin.TabularInline):
    model = ProgressUpdate
    extra = 0
    fields = ["date", "action", "text", "author", "source_document", "source_page"]
    readonly_fields = ["author", "source_document", "source_page"]


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


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(admin.ModelAdmin):
    list_display = ["priority", "action", "date", "text", "author"]
    search_fields = ["text", "priority__title"]
    date_hierarchy = "date"
    raw_id_fields = ["priority", "action", "source_document"]
