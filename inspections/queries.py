"""The national picture from stored judgements: distributions, each council's latest judgement, transitions.

Each function runs one SQL query, whatever the number of councils or inspections, and does the rest in Python.
A distribution always says what it counts (`basis`): each council's latest judgement, first inspections only,
or
every report. SLAC gives two overall grades (safeguarding; looked-after children); where one headline value is
asked for, the worse of the two is used and the result is marked `derived`.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Q
from django.db.models.functions import Coalesce

from inspections.models import Inspection, Judgement
from inspections.official.layouts import FRAMEWORK_GRADES
from inspections.reading import vocabulary as vocab

BASES = ("latest", "first", "all")
VALUES = (1, 2, 3, 4)
# Where a framework has no single judgement of a theme, the (section, theme) judgements whose worse is its
# headline.
HEADLINE_PARTS = {
    ("slac", "overall"): (("safeguarding", "overall"), ("looked_after_children", "children_in_care")),
}


@dataclass
class Distribution:
    as_at: datetime.date
    kind: str
    theme: str
    basis: str
    counts: dict[int, int]
    shares: dict[int, float]
    counted: int  # councils (basis latest) or reports (first, all)
    unit: str
    labels: dict[int, str]
    derived: bool
    sentence: str
    filters: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {**self.__dict__, "as_at": self.as_at.isoformat()}


@dataclass
class Graded:
    """One inspection's value for a theme (SLAC's headline derived from its two overall grades)."""

    inspection_id: int
    authority_id: int
    kind: str
    reinspection: bool
    published: datetime.date | None
    start: datetime.date | None
    value: int
    grade: str
    label: str
    derived: bool = False

    @property
    def date(self) -> datetime.date | None:
        return self.published or self.start


def _graded(
    kind=None,
    theme="overall",
    as_at=None,
    region=None,
    authority_type=None,
    authorities=None,
    councils_on=False,
):
    """Every held inspection's value for the theme, published (or, lacking that, begun) on or before as_at.

    councils_on: only councils that existed on as_at (a council's latest judgement stops counting when a
    reorganisation ends it)."""
    judgements = Judgement.objects.filter(inspection__status=Inspection.Status.HELD).annotate(
        when=Coalesce(F("inspection__published_date"), F("inspection__start_date"))
    )
    kinds = [kind] if kind else sorted(vocab.GRADED_KINDS - {"lscb_review"})
    judgements = judgements.filter(inspection__kind__in=kinds)
    themes = {theme} | {t for k in kinds for _, t in HEADLINE_PARTS.get((k, theme), ())}
    judgements = judgements.filter(theme__in=themes)
    if as_at is not None:
        judgements = judgements.filter(when__lte=as_at)
    if councils_on and as_at is not None:
        judgements = judgements.filter(
            Q(inspection__authority__active_from__isnull=True)
            | Q(inspection__authority__active_from__lte=as_at),
            Q(inspection__authority__active_to__isnull=True) | Q(inspection__authority__active_to__gte=as_at),
        )
    if region:
        judgements = judgements.filter(inspection__authority__region=region)
    if authority_type:
        judgements = judgements.filter(inspection__authority__type=authority_type)
    if authorities is not None:
        judgements = judgements.filter(inspection__authority__in=authorities)
    rows = judgements.values_list(
        "inspection_id",
        "inspection__authority_id",
        "inspection__kind",
        "inspection__reinspection",
        "inspection__published_date",
        "inspection__start_date",
        "section",
        "theme",
        "value",
        "grade",
        "label",
    )
    by_inspection: dict[int, list] = defaultdict(list)
    for row in rows:
        by_inspection[row[0]].append(row)
    graded = []
    for inspection_id, parts in by_inspection.items():
        _, authority_id, event_kind, reinspection, published, start = parts[0][:6]
        wanted = HEADLINE_PARTS.get((event_kind, theme))
        if wanted:
            chosen = [p for p in parts if (p[6], p[7]) in wanted]
            derived = len(chosen) > 1
        else:
            chosen = [p for p in parts if p[7] == theme]
            derived = False
        if not chosen:
            continue
        worst = max(chosen, key=lambda p: p[8])
        graded.append(
            Graded(
                inspection_id,
                authority_id,
                event_kind,
                reinspection,
                published,
                start,
                worst[8],
                worst[9],
                worst[10],
                derived,
            )
        )
    graded.sort(key=lambda g: (g.date or datetime.date.min, g.reinspection, g.inspection_id))
    return graded


def national_distribution(
    as_at: datetime.date,
    kind: str = "sif",
    theme: str = "overall",
    basis: str = "latest",
    region: str | None = None,
    authority_type: str | None = None,
    authorities=None,
) -> Distribution:
    """Counts and shares of values 1-4 of `theme` in framework `kind`, as at a date (by publication date).

    basis="latest": each council's latest judgement of the framework, re-inspections included;
    basis="first": each council's first inspection of the framework only (no re-inspections);
    basis="all": every report published, re-inspections included.
    """
    if basis not in BASES:
        raise ValueError(f"basis must be one of {BASES}")
    graded = _graded(kind, theme, as_at, region, authority_type, authorities, councils_on=basis == "latest")
    if basis == "latest":
        chosen = list({g.authority_id: g for g in graded}.values())  # sorted by date: the last one wins
    elif basis == "first":
        firsts: dict[int, Graded] = {}
        for g in graded:
            if not g.reinspection:
                firsts.setdefault(g.authority_id, g)
        chosen = list(firsts.values())
    else:
        chosen = graded
    counts = Counter(g.value for g in chosen)
    total = len(chosen)
    labels = FRAMEWORK_GRADES.get(kind, vocab.GRADE_NAMES)
    unit = "councils" if basis == "latest" else "reports"
    filters = {k: v for k, v in {"region": region, "authority_type": authority_type}.items() if v}
    if authorities is not None:
        filters["authorities"] = "chosen councils"
    return Distribution(
        as_at=as_at,
        kind=kind,
        theme=theme,
        basis=basis,
        counts={v: counts.get(v, 0) for v in VALUES},
        shares={v: (counts.get(v, 0) / total if total else 0.0) for v in VALUES},
        counted=total,
        unit=unit,
        labels=dict(labels),
        derived=any(g.derived for g in chosen),
        sentence=_sentence(as_at, kind, theme, basis, total, filters),
        filters=filters,
    )


def _sentence(as_at, kind, theme, basis, total, filters) -> str:
    framework = vocab.FRAMEWORK_SHORT_NAMES.get(kind, kind)
    what = vocab.THEMES.get(theme, theme).lower()
    day = f"{as_at.day} {as_at:%B %Y}"
    where = "".join(f", {k.replace('_', ' ')} {v}" for k, v in filters.items())
    if basis == "latest":
        text = (
            f"Each council's latest {framework} judgement of {what} published on or before {day}, "
            f"re-inspections included: {total} councils{where}."
        )
    elif basis == "first":
        text = (
            f"First {framework} inspections only (re-inspections left out), {what}, published on or before "
            f"{day}: {total} reports{where}."
        )
    else:
        text = (
            f"Every {framework} report published on or before {day}, re-inspections included, {what}: "
            f"{total} reports{where}."
        )
    if kind == "slac" and theme == "overall":
        text += " SLAC's headline is the worse of its safeguarding and looked-after-children overall grades."
    return text


def latest_judgements(
    as_at: datetime.date | None = None,
    kind: str | None = None,
    theme: str = "overall",
    region: str | None = None,
    authority_type: str | None = None,
    authorities=None,
) -> list[Graded]:
    """Each council's latest judgement of the theme as at a date (any graded framework unless `kind`), by
    publication date. One entry per council that existed on the date and has one."""
    graded = _graded(kind, theme, as_at, region, authority_type, authorities, councils_on=True)
    return list({g.authority_id: g for g in graded}.values())


def transitions(
    kind: str | None = "ilacs",
    theme: str = "overall",
    as_at: datetime.date | None = None,
    region: str | None = None,
    authority_type: str | None = None,
    authorities=None,
) -> dict[tuple[int, int], int]:
    """How often a council moved from one value to another between one inspection and its next (of the
    framework,
    re-inspections included; across frameworks if kind is None). {(from, to): count} for all 16 pairs."""
    graded = _graded(kind, theme, as_at, region, authority_type, authorities)
    moves = Counter()
    previous: dict[int, Graded] = {}
    for g in graded:
        if g.authority_id in previous:
            moves[(previous[g.authority_id].value, g.value)] += 1
        previous[g.authority_id] = g
    return {(a, b): moves.get((a, b), 0) for a in VALUES for b in VALUES}
