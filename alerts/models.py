from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from authorities.models import Authority
from improvements.models import Action
from inspections.models import Document, Inspection, OfficialDataset


class Follow(models.Model):
    """A signed-in user follows a council: they are told when something is published for it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="follows")
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="followers")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["authority__short_name"]
        constraints = [models.UniqueConstraint(fields=["user", "authority"], name="follow_once")]

    def __str__(self):
        return f"{self.user} follows {self.authority}"


class AlertSettings(models.Model):
    """How a user wants to be told: a mail for each piece of news, or one daily digest."""

    class Frequency(models.TextChoices):
        EACH = "each", "A mail as soon as something is published"
        DAILY = "daily", "One daily digest"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_settings"
    )
    frequency = models.CharField(max_length=10, choices=Frequency.choices, default=Frequency.EACH)

    class Meta:
        verbose_name_plural = "alert settings"

    def __str__(self):
        return f"{self.user}: {self.get_frequency_display()}"


class NewsItem(models.Model):
    """One piece of news for a council: an event published, judgements added to one, an action overdue.

    Written once (its `key` is unique) in the transaction that stored the facts, so the news of a publication
    exists exactly when the publication does. `title` and `summary` are what followers were told at the time.
    """

    class Kind(models.TextChoices):
        NEW_EVENT = "new_event", "New inspection or visit"
        NEW_JUDGEMENTS = "new_judgements", "New judgements"
        ACTION_OVERDUE = "action_overdue", "Plan action overdue"

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="news")
    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    action = models.ForeignKey(Action, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    framework = models.CharField(max_length=20, blank=True, help_text="The event's kind, e.g. ilacs.")
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    published_on = models.DateField(
        null=True, blank=True, help_text="The date the source says it was published (an overdue action: due)."
    )
    recorded_at = models.DateTimeField(default=timezone.now, db_index=True)
    document = models.ForeignKey(Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    dataset = models.ForeignKey(
        OfficialDataset, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    public = models.BooleanField(
        default=True, help_text="Public facts go in the feeds and on What's new; plans' actions do not."
    )
    mailed = models.BooleanField(
        default=True, help_text="False: listed, but too old when it arrived to mail."
    )

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        indexes = [
            models.Index(fields=["authority", "-recorded_at"]),
            models.Index(fields=["published_on"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(inspection__isnull=False) | Q(action__isnull=False),
                name="news_is_about_something",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.inspection_id:
            return reverse("inspections:detail", kwargs={"pk": self.inspection_id})
        return reverse("improvements:action", kwargs={"pk": self.action_id})

    @property
    def date(self):
        """The date a committee would cite: the publication date, else the day it arrived here."""
        return self.published_on or timezone.localdate(self.recorded_at)

    @property
    def date_is_arrival(self) -> bool:
        return self.published_on is None


class Mail(models.Model):
    """The outbox: one row per mail to send, written with the news; sent at most once.

    `key` is unique (one mail per follower and news item, or per follower and digest day), so a news item
    fanned out twice still makes one mail. A worker claims a row with a conditional update (pending ->
    sending); only a claimed row is handed to the mail server, and it becomes `sent` after the server accepts
    it. A worker that dies between the two leaves the row `sending`: it is marked `uncertain` for an admin,
    never resent by itself, so nobody gets a mail twice.
    """

    class State(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENDING = "sending", "Being sent"
        SENT = "sent", "Sent"
        CANCELLED = "cancelled", "Not sent: no longer follows the council"
        GAVE_UP = "gave_up", "Not sent: the mail server refused it too often"
        UNCERTAIN = "uncertain", "Unknown: the worker stopped while sending"

    class Kind(models.TextChoices):
        EACH = "each", "One news item"
        DIGEST = "digest", "Daily digest"

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EACH)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    items = models.ManyToManyField(NewsItem, related_name="mails")
    digest_day = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    to_address = models.EmailField(blank=True)
    subject = models.CharField(max_length=300, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self):
        return f"{self.key} ({self.get_state_display()})"
