from django import forms
from django.contrib import admin, messages
from django.shortcuts import redirect

from inspections.documents.upload import store_upload
from inspections.models import (
    Conflict,
    Document,
    DocumentBatch,
    Inspection,
    Judgement,
    OfficialDataset,
    PaperPriority,
    PaperProgress,
    Recommendation,
    Source,
)
from inspections.official import upload as official_upload


class DocumentUploadForm(forms.ModelForm):
    class Meta:
        model = Document
        fields = ["file"]


_SOURCE_FIELDS = [
    "document",
    "page",
    "char_start",
    "char_end",
    "dataset",
    "sheet",
    "row",
    "quote",
    "confidence",
]


class ReadOnlySourceInline(admin.TabularInline):
    """Provenance is written by the importers and the publish step, never typed in by hand."""

    model = Source
    extra = 0
    fields = _SOURCE_FIELDS
    readonly_fields = _SOURCE_FIELDS
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class JudgementInline(admin.TabularInline):
    model = Judgement
    extra = 0
    fields = ["section", "theme", "parent", "label", "grade", "value"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # Only a judgement of the same inspection can be a parent.
        parent_field = formset.form.base_fields.get("parent")
        if parent_field is not None:
            parent_field.queryset = (
                Judgement.objects.filter(inspection=obj) if obj else Judgement.objects.none()
            )
        return formset


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = [("position", "section", "heading"), "text", ("timescale_as_written", "timescale")]
    show_change_link = True


class ConflictInline(admin.TabularInline):
    model = Conflict
    extra = 0
    fields = ["field", "judgement", "stored_value", "incoming_value", "status", "resolution"]
    readonly_fields = ["field", "judgement", "stored_value", "incoming_value"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Inspection)
class InspectionAdmin(admin.ModelAdmin):
    list_display = [
        "authority", "kind", "reinspection", "inspection_type", "status", "start_date", "end_date",
        "published_date", "lead_inspector",
    ]  # fmt: skip
    list_filter = ["kind", "status", "reinspection", "inspection_type", "authority__region"]
    search_fields = ["authority__short_name", "authority__name", "lead_inspector", "focus"]
    date_hierarchy = "published_date"
    autocomplete_fields = ["authority"]
    list_select_related = ["authority"]
    inlines = [JudgementInline, RecommendationInline, ConflictInline, ReadOnlySourceInline]


class JudgementSourceInline(ReadOnlySourceInline):
    fk_name = "judgement"


@admin.register(Judgement)
class JudgementAdmin(admin.ModelAdmin):
    list_display = ["inspection", "section", "theme", "label", "grade", "value"]
    list_filter = ["theme", "value", "section", "inspection__kind"]
    search_fields = ["label", "grade", "inspection__authority__short_name"]
    list_select_related = ["inspection__authority"]
    raw_id_fields = ["inspection", "parent"]
    inlines = [JudgementSourceInline]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["inspection", "position", "section", "timescale", "text"]
    list_filter = ["timescale", "section", "inspection__kind"]
    search_fields = ["text", "inspection__authority__short_name"]
    list_select_related = ["inspection__authority"]
    raw_id_fields = ["inspection"]
    inlines = [ReadOnlySourceInline]


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "kind", "state", "authority", "uploaded_by", "uploaded_at", "error_code"]
    list_filter = ["state", "kind", "error_code"]
    search_fields = ["original_name", "sha256", "authority__short_name"]
    date_hierarchy = "uploaded_at"
    readonly_fields = [
        "sha256", "size_bytes", "content_type", "messages", "error_code", "error_message", "page_starts",
        "reader_version", "uploaded_by", "uploaded_at", "attempts", "read_at", "published_by", "published_at",
        "batch",
    ]  # fmt: skip
    autocomplete_fields = ["authority"]
    list_select_related = ["authority", "uploaded_by"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = DocumentUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["file"] if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else self.readonly_fields

    def add_view(self, request, form_url="", extra_context=None):
        # An upload in the admin goes through the same store -> queue -> read path as the upload page, then
        # shows the document's review page, which updates itself while the worker reads.
        if request.method == "POST":
            form = DocumentUploadForm(request.POST, request.FILES)
            if form.is_valid():
                result = store_upload(form.cleaned_data["file"], request.user)
                if not result.created:
                    messages.info(request, f"{result.name} was uploaded before: this is the first copy.")
                return redirect(result.document.get_absolute_url())
        return super().add_view(request, form_url, extra_context)


@admin.register(DocumentBatch)
class DocumentBatchAdmin(admin.ModelAdmin):
    """Batches are made by `manage.py ingest` and the upload page's zips; here they are read, not made."""

    list_display = ["label", "created_by", "created_at"]
    search_fields = ["label"]
    readonly_fields = ["label", "created_by", "created_at", "report"]

    def has_add_permission(self, request):
        return False


@admin.register(OfficialDataset)
class OfficialDatasetAdmin(admin.ModelAdmin):
    """Add uploads a file (a Celery task imports it); change shows what it added, changed and found wrong."""

    list_display = ["file_name", "edition", "published_on", "state", "imported_at"]
    list_filter = ["state"]
    actions = ["import_again"]
    search_fields = ["file_name", "edition", "sha256"]
    readonly_fields = [
        "file_name", "sha256", "published_on", "state", "summary_text", "problems_text", "imported_at",
        "uploaded_by", "created_at",
    ]  # fmt: skip

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = official_upload.OfficialDatasetUploadForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ["file", "edition"] if obj is None else ["file", "edition", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else ["file", "edition", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            official_upload.queue_upload(obj, form, request.user)

    @admin.action(description="Import again (failed, or stopped part-way)")
    def import_again(self, request, queryset):
        """A killed or failed import is one rolled-back transaction: queue it again from the start."""
        from inspections.official.tasks import import_again

        queued = [dataset for dataset in queryset if import_again(dataset)]
        skipped = queryset.count() - len(queued)
        self.message_user(request, f"Queued again: {len(queued)}.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"Not queued: {skipped} (already imported, or being imported now).", messages.WARNING
            )

    @admin.display(description="Summary")
    def summary_text(self, obj):
        return official_upload.summary_html(obj)

    @admin.display(description="Problems")
    def problems_text(self, obj):
        return official_upload.problems_html(obj)


class _ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the importers and the publish step (provenance, a paper's own words), never by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Source)
class SourceAdmin(_ReadOnlyAdmin):
    list_display = ["__str__", "inspection", "judgement", "recommendation", "recorded_at"]
    list_filter = ["dataset", "sheet"]
    search_fields = ["quote", "document__original_name"]
    readonly_fields = [f.name for f in Source._meta.fields]


class PaperProgressInline(admin.TabularInline):
    model = PaperProgress
    extra = 0
    fields = readonly_fields = ["position", "text", "page", "char_start", "char_end"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PaperPriority)
class PaperPriorityAdmin(_ReadOnlyAdmin):
    list_display = ["document", "inspection", "position", "text", "page"]
    search_fields = ["text", "document__original_name", "inspection__authority__short_name"]
    list_select_related = ["document", "inspection__authority"]
    readonly_fields = [f.name for f in PaperPriority._meta.fields]
    inlines = [PaperProgressInline]


@admin.register(PaperProgress)
class PaperProgressAdmin(_ReadOnlyAdmin):
    list_display = ["priority", "position", "text", "page"]
    search_fields = ["text", "priority__text", "priority__document__original_name"]
    list_select_related = ["priority"]
    readonly_fields = [f.name for f in PaperProgress._meta.fields]


@admin.register(Conflict)
class ConflictAdmin(admin.ModelAdmin):
    list_display = [
        "inspection",
        "field",
        "stored_value",
        "incoming_value",
        "status",
        "settled_by",
        "settled_at",
    ]
    list_filter = ["status", "field"]
    search_fields = ["inspection__authority__short_name"]
    readonly_fields = [
        "inspection",
        "judgement",
        "field",
        "stored_value",
        "incoming_value",
        "incoming_source",
    ]
