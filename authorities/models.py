from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse

from authorities.names import fold


class AuthorityType(models.TextChoices):
    COUNTY = "county", "County council"
    UNITARY = "unitary", "Unitary authority"
    METROPOLITAN_BOROUGH = "metropolitan_borough", "Metropolitan borough"
    LONDON_BOROUGH = "london_borough", "London borough"


class Region(models.TextChoices):
    NORTH_EAST = "North East"
    NORTH_WEST = "North West"
    YORKSHIRE = "Yorkshire and The Humber"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST = "East of England"
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"


class AuthorityQuerySet(models.QuerySet):
    def current(self):
        """Councils with children's services today."""
        return self.filter(active_to__isnull=True)

    def active_on(self, day):
        return self.filter(Q(active_from__isnull=True) | Q(active_from__lte=day)).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=day)
        )


class Authority(models.Model):
    """An English local authority with children's services, current or ended by a reorganisation."""

    name = models.CharField(max_length=120, help_text="Formal name, e.g. Derby City Council.")
    short_name = models.CharField(max_length=80, help_text="The name Ofsted's tables use, e.g. Derby.")
    slug = models.SlugField(max_length=80, unique=True)
    gss_code = models.CharField("GSS/ONS code", max_length=9, unique=True)
    other_codes = models.JSONField(
        default=list,
        blank=True,
        help_text="Other GSS codes files use for this council (older or third-party).",
    )
    dfe_number = models.PositiveSmallIntegerField("DfE LA number", null=True, blank=True)
    region = models.CharField(max_length=40, choices=Region.choices)
    type = models.CharField(max_length=30, choices=AuthorityType.choices)
    active_from = models.DateField(null=True, blank=True, help_text="Empty: existed before 2009.")
    active_to = models.DateField(null=True, blank=True, help_text="Empty: still exists.")
    successors = models.ManyToManyField(
        "self", through="Succession", symmetrical=False, related_name="predecessors", blank=True
    )
    notes = models.TextField(blank=True)

    objects = AuthorityQuerySet.as_manager()

    class Meta:
        ordering = ["short_name", "gss_code"]
        verbose_name_plural = "authorities"
        constraints = [
            models.CheckConstraint(
                condition=Q(gss_code__regex=r"^E(06|08|09|10)[0-9]{6}$"), name="authority_gss_code_format"
            ),
            models.CheckConstraint(
                condition=Q(dfe_number__isnull=True) | Q(dfe_number__gte=100, dfe_number__lte=999),
                name="authority_dfe_number_three_digits",
            ),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_to__isnull=True)
                | Q(active_to__gt=models.F("active_from")),
                name="authority_active_dates_in_order",
            ),
            # Two current councils never share a DfE number; a council and the one that replaced it may.
            models.UniqueConstraint(
                fields=["dfe_number"],
                condition=Q(active_to__isnull=True),
                name="authority_current_dfe_number_unique",
            ),
        ]

    def __str__(self):
        return self.short_name if self.is_current else f"{self.name} (until {self.active_to:%Y})"

    def get_absolute_url(self):
        return reverse("authorities:detail", kwargs={"slug": self.slug})

    @property
    def is_current(self) -> bool:
        return self.active_to is None


class AuthorityAlias(models.Model):
    """Another name a document or an official file uses for a council ("Derby City", "Bristol, City of")."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=150)
    folded = models.CharField(max_length=150, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authority aliases"
        constraints = [models.UniqueConstraint(Lower("name"), name="authority_alias_unique_name")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.folded = fold(self.name)
        super().save(*args, **kwargs)


class Succession(models.Model):
    """A reorganisation: the predecessor ended and (part of) its area passed to the successor."""

    predecessor = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="succeeded_by")
    successor = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="succeeded_from")
    date = models.DateField(help_text="The day the successor took over.")

    class Meta:
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="succession_unique_pair"),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="succession_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.date:%Y-%m-%d})"


class StatisticalNeighbour(models.Model):
    """The DfE statistical-neighbour model: each council's closest councils, ranked, with a closeness band."""

    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="neighbour_links")
    neighbour = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField()
    closeness = models.CharField(max_length=30, blank=True)
    model = models.CharField(max_length=40, default="DfE 2025")

    class Meta:
        ordering = ["authority", "model", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "model", "rank"], name="neighbour_unique_rank"),
            models.UniqueConstraint(fields=["authority", "model", "neighbour"], name="neighbour_unique_pair"),
        ]

    def __str__(self):
        return f"{self.authority} #{self.rank}: {self.neighbour}"


class CouncilAssignment(models.Model):
    """An editor may change the improvement plan of the councils they are assigned to, and no other."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_assignments"
    )
    authority = models.ForeignKey(Authority, on_delete=models.CASCADE, related_name="editor_assignments")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "authority"], name="assignment_unique")]

    def __str__(self):
        return f"{self.user} edits {self.authority}"
