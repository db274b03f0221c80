from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.urls import reverse

from authorities.models import Authority
from inspections.reading import vocabulary as vocab


def _choices(mapping: dict[str, str]) -> list[tuple[str, str]]:
    return list(mapping.items())


class DatePrecision(models.TextChoices):
    DAY = "day", "Day"
    MONTH = "month", "Month"
    SEASON = "season", "Season"
    YEAR = "year", "Year"


class InspectionQuerySet(models.QuerySet):
    def held(self):
        return self.filter(status=Inspection.Status.HELD)

    def graded(self):
        return self.filter(kind__in=vocab.GRADED_KINDS)


class Inspection(models.Model):
    """Every event on a council's timeline: graded inspections, ungraded visits, expected visits."""

    class Status(models.TextChoices):
        HELD = "held", "Held"
        EXPECTED = "expected", "Expected"

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=20, choices=_choices(vocab.EVENT_KINDS))
    reinspection = models.BooleanField(default=False)
    inspection_type = models.CharField(
        max_length=10, blank=True, choices=_choices(vocab.ILACS_TYPES), help_text="ILACS standard or short."
    )
    focus = models.CharField(max_length=200, blank=True, help_text="What a visit or re-inspection looked at.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    date_precision = models.CharField(
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="How much of the start date is known: a month alone is stored as its first day.",
    )
    published_date = models.DateField(null=True, blank=True)
    lead_inspector = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        ordering = ["authority", "start_date", "published_date"]
        indexes = [
            models.Index(fields=["kind", "published_date"]),
            models.Index(fields=["authority", "kind"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="inspection_dates_in_order",
            ),
            models.CheckConstraint(
                condition=Q(start_date__isnull=False) | Q(published_date__isnull=False),
                name="inspection_has_a_date",
            ),
            models.CheckConstraint(
                condition=Q(inspection_type="") | Q(kind="ilacs"), name="inspection_type_only_for_ilacs"
            ),
            # One event is stored once: the same council, kind and first (or publication) day is a duplicate.
            models.UniqueConstraint(
                fields=["authority", "kind", "reinspection", "start_date"],
                condition=Q(start_date__isnull=False),
                name="inspection_unique_start",
            ),
            models.UniqueConstraint(
                fields=["authority", "kind", "reinspection", "published_date"],
                condition=Q(published_date__isnull=False),
                name="inspection_unique_publication",
            ),
        ]

    def __str__(self):
        when = self.start_date or self.published_date
        return f"{self.authority.short_name}: {self.framework_name} {when:%b %Y}"

    def get_absolute_url(self):
        return reverse("inspections:detail", kwargs={"pk": self.pk})

    @property
    def framework_name(self) -> str:
        return vocab.framework_name(self.kind, self.reinspection)

    @property
    def is_graded(self) -> bool:
        return self.kind in vocab.GRADED_KINDS

    @property
    def event_date(self):
        """The date that places the event on a timeline: its first day, else its publication."""
        return self.start_date or self.published_date


class Judgement(models.Model):
    """One graded judgement, with the label and grade exactly as the source wrote them."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="judgements")
    theme = models.CharField(max_length=40, choices=_choices(vocab.THEMES))
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="sub_judgements"
    )
    section = models.CharField(max_length=30, blank=True, choices=_choices(vocab.SECTIONS))
    label = models.CharField(max_length=300, help_text="The judgement's name as written.")
    grade = models.CharField(max_length=80, help_text="The grade as written, e.g. 'Grade 3 (Adequate)'.")
    value = models.PositiveSmallIntegerField(help_text="1 (outstanding) to 4 (inadequate).")

    class Meta:
        ordering = ["inspection", "section", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=1, value__lte=4), name="judgement_value_1_to_4"),
            models.UniqueConstraint(fields=["inspection", "section", "theme"], name="judgement_unique_theme"),
        ]

    def __str__(self):
        return f"{self.label}: {self.grade}"


class Recommendation(models.Model):
    """What inspectors said must improve, as written, with its timescale where one was given."""

    class Timescale(models.TextChoices):
        NONE = "", "None given"
        IMMEDIATELY = "immediately", "Immediately"
        WITHIN_3_MONTHS = "within_3_months", "Within three months"
        WITHIN_6_MONTHS = "within_6_months", "Within six months"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(max_length=120, blank=True)
    section = models.CharField(max_length=30, blank=True, choices=_choices(vocab.SECTIONS))
    text = models.TextField()
    timescale_as_written = models.CharField(max_length=80, blank=True)
    timescale = models.CharField(max_length=20, blank=True, choices=Timescale.choices)

    class Meta:
        ordering = ["inspection", "position"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "position"], name="recommendation_unique_position")
        ]

    def __str__(self):
        return self.text[:80]


def document_upload_to(instance, filename):
    # Files are named by content so that two uploads never overwrite each other and a name never leaks a path.
    return f"documents/{instance.sha256[:2]}/{instance.sha256}/{filename}"


class DocumentBatch(models.Model):
    """Documents brought in together (a folder or a zip, by `manage.py ingest` or the upload page), so that
    their progress from "queued" to "needs review" can be followed as one piece of work."""

    label = models.CharField(max_length=255, help_text="What was brought in, e.g. the folder or zip's name.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    report = models.JSONField(
        default=dict, blank=True, help_text="Counts and the files refused or skipped, with the reason."
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("inspections:batch", kwargs={"pk": self.pk})


class Document(models.Model):
    """An uploaded report, letter or committee paper, and the state of its reading."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        READING = "reading", "Reading"
        NEEDS_REVIEW = "needs_review", "Needs review"
        PUBLISHED = "published", "Published"
        FAILED = "failed", "Failed"

    file = models.FileField(upload_to=document_upload_to, max_length=300)
    original_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, unique=True, editable=False)
    size_bytes = models.PositiveBigIntegerField(default=0)
    content_type = models.CharField(max_length=100, blank=True, help_text="The type read from the bytes.")
    kind = models.CharField(max_length=20, blank=True, choices=_choices(vocab.DOCUMENT_KINDS))
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED, db_index=True)
    messages = models.JSONField(default=list, blank=True, help_text="What the reader and reviewers noted.")
    error_code = models.CharField(max_length=40, blank=True)
    error_message = models.TextField(blank=True)
    text = models.TextField(blank=True, help_text="The text read from the file.")
    page_starts = models.JSONField(
        default=list, blank=True, help_text="Offset in text where each page starts."
    )
    reading = models.JSONField(null=True, blank=True, help_text="The draft facts, until they are published.")
    reader_version = models.CharField(max_length=40, blank=True)
    authority = models.ForeignKey(
        Authority, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents"
    )
    council_chosen_by_hand = models.BooleanField(
        default=False, help_text="An admin chose the council; every new reading is for that council."
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a worker began reading it."
    )
    read_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    sample = models.BooleanField(
        default=False,
        help_text="Written for the demo, not a real council paper or report: labelled as a sample wherever "
        "a fact rests on it, and its file is never served publicly.",
    )
    dated = models.DateField(
        null=True, blank=True, help_text="The date the document gives itself (a paper's date), as published."
    )
    batch = models.ForeignKey(
        DocumentBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        help_text="The batch that first brought the file in; a duplicate in a later batch points here.",
    )

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("inspections:document", kwargs={"pk": self.pk})

    @property
    def is_ofsted_publication(self) -> bool:
        """An Ofsted report or letter (Open Government Licence), which a public reader may open; a council's
        committee paper or a demo sample is not."""
        return self.kind in ("inspection_report", "visit_letter") and not self.sample

    def page_of(self, offset: int) -> int | None:
        """The 1-based page holding a character offset of the text."""
        page = None
        for number, start in enumerate(self.page_starts, start=1):
            if start > offset:
                break
            page = number
        return page


class PaperPassage(models.Model):
    """A numbered piece of a committee paper in its own words, and where it stands in the document's text."""

    position = models.PositiveSmallIntegerField()
    text = models.TextField()
    char_start = models.PositiveIntegerField(null=True, blank=True)
    char_end = models.PositiveIntegerField(null=True, blank=True)
    page = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.text[:80]


class PaperPriority(PaperPassage):
    """A priority of a council's improvement plan as a committee paper lists it, published with the paper,
    with the progress paragraphs under it. Kept apart from the inspection's recommendations (a paper's list
    never replaces the inspectors'), so that a plan is built from what was published, whatever the reader's
    data shape."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="priorities")
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="paper_priorities")

    class Meta:
        ordering = ["document", "inspection", "position"]
        verbose_name_plural = "paper priorities"
        constraints = [
            models.UniqueConstraint(
                fields=["document", "inspection", "position"], name="paper_priority_unique_position"
            )
        ]


class PaperProgress(PaperPassage):
    """A progress paragraph a committee paper gives under one of its priorities."""

    priority = models.ForeignKey(PaperPriority, on_delete=models.CASCADE, related_name="progress")

    class Meta:
        ordering = ["priority", "position"]
        verbose_name = verbose_name_plural = "paper progress"
        constraints = [
            models.UniqueConstraint(fields=["priority", "position"], name="paper_progress_unique_position")
        ]


class OfficialDataset(models.Model):
    """An imported edition of Ofsted's official statistics (or the DfE neighbour model)."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        IMPORTING = "importing", "Importing"
        DONE = "done", "Imported"
        FAILED = "failed", "Failed"

    file = models.FileField(upload_to="official/", max_length=300, blank=True)
    file_name = models.CharField(max_length=255)
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    edition = models.CharField(max_length=120, blank=True, help_text="e.g. 'as at 31 March 2025'.")
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="When the publisher issued this edition: a newer edition revises older ones.",
    )
    covers_to = models.DateField(
        null=True, blank=True, help_text="The edition's 'as at' date: inspections up to this day."
    )
    reports_published_by = models.DateField(
        null=True, blank=True, help_text="The edition counts reports published up to this day."
    )
    publication_url = models.URLField(
        max_length=300, blank=True, help_text="The publisher's page for this edition, where readers find it."
    )
    file_url = models.URLField(
        max_length=300, blank=True, help_text="Where this exact file can be downloaded."
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.QUEUED)
    summary = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    imported_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.edition or self.file_name


class Source(models.Model):
    """Where one stored fact comes from: a passage of a document, or a row of an official table.

    A fact confirmed by several documents has several sources; none is ever dropped when another arrives.
    """

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, null=True, blank=True, related_name="sources"
    )
    judgement = models.ForeignKey(
        Judgement, on_delete=models.CASCADE, null=True, blank=True, related_name="sources"
    )
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, null=True, blank=True, related_name="sources"
    )
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    char_start = models.PositiveIntegerField(null=True, blank=True)
    char_end = models.PositiveIntegerField(null=True, blank=True)
    page = models.PositiveSmallIntegerField(null=True, blank=True)
    dataset = models.ForeignKey(
        OfficialDataset, on_delete=models.PROTECT, null=True, blank=True, related_name="sources"
    )
    sheet = models.CharField(max_length=80, blank=True)
    row = models.PositiveIntegerField(null=True, blank=True, help_text="1-based, as a spreadsheet shows it.")
    quote = models.TextField(blank=True, help_text="The words of the source, e.g. a table's own wording.")
    confidence = models.FloatField(null=True, blank=True)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(inspection__isnull=False, judgement__isnull=True, recommendation__isnull=True)
                    | Q(inspection__isnull=True, judgement__isnull=False, recommendation__isnull=True)
                    | Q(inspection__isnull=True, judgement__isnull=True, recommendation__isnull=False)
                ),
                name="source_of_exactly_one_fact",
            ),
            models.CheckConstraint(
                condition=Q(document__isnull=False) | Q(dataset__isnull=False), name="source_has_an_origin"
            ),
            models.CheckConstraint(
                condition=Q(char_start__isnull=True) | Q(char_end__gte=models.F("char_start")),
                name="source_span_in_order",
            ),
        ]

    def __str__(self):
        if self.document_id:
            return f"{self.document} p.{self.page or '?'}"
        return f"{self.dataset}, {self.sheet} row {self.row}"


class Conflict(models.Model):
    """Two sources disagree about a fact. Shown to admins until one of them settles it; never overwritten."""

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        SETTLED = "settled", "Settled"

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="conflicts")
    judgement = models.ForeignKey(
        Judgement, on_delete=models.CASCADE, null=True, blank=True, related_name="conflicts"
    )
    field = models.CharField(max_length=40, help_text="e.g. grade, published_date, start_date.")
    stored_value = models.CharField(max_length=300)
    incoming_value = models.CharField(max_length=300)
    incoming_source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="conflicts")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True)
    resolution = models.TextField(blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    settled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.inspection}: {self.field} {self.stored_value!r} vs {self.incoming_value!r}"

    @property
    def field_label(self) -> str:
        """The disputed fact in words ('Published date'), not as a field name."""
        try:
            name = Inspection._meta.get_field(self.field).verbose_name
        except FieldDoesNotExist:
            name = self.field.replace("_", " ")
        return str(name)[:1].upper() + str(name)[1:]
