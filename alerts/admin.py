from django.contrib import admin, messages
from django.utils import timezone

from alerts.models import AlertSettings, Follow, Mail, NewsItem


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "authority", "created_at")
    search_fields = ("user__username", "authority__short_name")


@admin.register(AlertSettings)
class AlertSettingsAdmin(admin.ModelAdmin):
    list_display = ("user", "frequency")


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "authority", "published_on", "recorded_at", "public", "mailed")
    list_filter = ("kind", "public", "mailed")
    search_fields = ("title", "authority__short_name")
    raw_id_fields = ("inspection", "action", "document", "dataset")


@admin.register(Mail)
class MailAdmin(admin.ModelAdmin):
    list_display = ("key", "user", "state", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("state", "kind")
    readonly_fields = ("key", "user", "items", "attempts", "claimed_at", "sent_at", "to_address", "subject")
    actions = ["send_again"]

    @admin.action(description="Send again (only mails not sent, or whose sending is uncertain)")
    def send_again(self, request, queryset):
        # An admin's decision, never the machine's: an `uncertain` mail may have gone already.
        count = queryset.exclude(state=Mail.State.SENT).update(
            state=Mail.State.PENDING, next_attempt_at=timezone.now(), attempts=0
        )
        messages.success(request, f"{count} mail(s) queued again; the sweep sends them within minutes.")
