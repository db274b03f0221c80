"""One truth per event: find the stored event that an incoming one is, and merge the incoming facts into it.

Both the official-statistics importer and the document publish step call this module, so that an inspection a
committee paper reported, its report, and the official table's row end up as ONE event with three sources.

Calling it from the publish step::

    from inspections.matching import IncomingEvent, IncomingJudgement, SourceRef, merge_event

    result = merge_event(
        IncomingEvent(
            authority_id=derby.pk, kind="sif", start=date(2017, 3, 6), end=date(2017, 3, 30),
            published=date(2017, 6, 13), lead_inspector="Karen Wareing",
            judgements=[IncomingJudgement(theme="overall", value=2, label="Overall effectiveness",
            grade="good",
                                          source=SourceRef(document_id=doc.pk, page=1, char_start=10,
                                          char_end=40,
                                                           quote="Children's services in Derby City are
                                                           good"))],
        ),
        source=SourceRef(document_id=doc.pk, page=1, char_start=0, char_end=120, quote="Inspection dates:
        ..."),
    )
    result.inspection      # the stored Inspection (new or matched), saved
    result.created         # True if no stored event matched
    result.conflicts       # Conflict rows created: disagreements an admin must settle

Plain dicts work too: ``merge_event({"authority_id": 1, "kind": "sif", "judgements": [{"theme": ..., "value":
...}]},
{"document_id": 7, "quote": "..."})``. Recommendations are not merged here: attach them to
``result.inspection``.

Rules (DOMAIN.md "one truth"):
- Matching: same council, kind and re-inspection flag, and one of: the same first day (within START_DAYS), a
  publication within PUBLISHED_DAYS, for a month-, season- or year-precise date the same month/season/year,
  or, when
  one side knows only the first day and the other only the publication, a publication that follows the first
  day
  within the kind's usual lag. The closest candidate wins.
- Merging: an empty field is filled; an equal one gains a source; a different one is a Conflict row and is
never
  overwritten, with one exception: between two official editions the newer edition revises the value (both
  sources
  are kept). A grade is compared by its 1-4 value: "Grade 3 (Adequate)" and "Adequate" agree.
- Every incoming fact gets a Source (document passage or table row); a source already stored is not stored
twice,
  so merging the same thing twice changes nothing.

`Ledger` does the same for many events at once with a fixed number of queries (the importer uses it);
`merge_event`
is a Ledger of one council.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field, fields

from django.db import transaction
from django.utils import timezone

from authorities.models import Authority
from inspections.models import Conflict, DatePrecision, Inspection, Judgement, OfficialDataset, Source

START_DAYS = 3  # one inspection's first day as two sources give it (Derby SIF 2017: 6 or 7 March)
PUBLISHED_DAYS = 7  # "publication within a few days"
# How long after its first day an event's report is published, at most (Devon ILACS 2024: 225 days).
PUBLICATION_LAG_DAYS = {"focused_visit": 90, "monitoring_visit": 90}
DEFAULT_PUBLICATION_LAG_DAYS = 270

# Inspection fields an incoming event may fill or disagree with (focus and status are handled apart).
_COMPARED_FIELDS = ("start_date", "end_date", "published_date", "inspection_type", "lead_inspector")
_PRECISION_RANK = {
    DatePrecision.DAY: 0,
    DatePrecision.MONTH: 1,
    DatePrecision.SEASON: 2,
    DatePrecision.YEAR: 3,
}


# --- What callers pass
# ----------------------------------------------------------------------------------------


@dataclass
class SourceRef:
    """Where an incoming fact comes from: a document passage (document_id, page, char span) or an official
    table row
    (dataset_id, sheet, row). `quote` is the source's own words (a table's cell, a report's sentence)."""

    document_id: int | None = None
    dataset_id: int | None = None
    sheet: str = ""
    row: int | None = None
    page: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    quote: str = ""
    confidence: float | None = None
    # Official rows only: the edition's publication date. A newer edition revises an older one's values.
    edition_date: datetime.date | None = None

    @property
    def is_official(self) -> bool:
        return self.dataset_id is not None and self.document_id is None

    def key(self) -> tuple:
        return (self.document_id, self.dataset_id, self.sheet, self.row, self.char_start, self.char_end)

    def with_quote(self, quote: str) -> "SourceRef":
        return SourceRef(**{**{f.name: getattr(self, f.name) for f in fields(self)}, "quote": quote})

    @classmethod
    def coerce(cls, value) -> "SourceRef":
        if value is None or isinstance(value, cls):
            return value
        return cls(**{k: v for k, v in dict(value).items() if k in _field_names(cls)})


@dataclass
class IncomingJudgement:
    """A judgement as a source gives it: theme (vocabulary.THEMES), value 1-4, name and grade as written."""

    theme: str
    value: int
    label: str = ""
    grade: str = ""
    section: str = ""
    parent_theme: str = ""
    source: SourceRef | None = None  # defaults to the event's source, quoting the grade

    @classmethod
    def coerce(cls, value) -> "IncomingJudgement":
        if isinstance(value, cls):
            return value
        data = dict(value)
        data["source"] = SourceRef.coerce(data.get("source"))
        data = {k: v for k, v in data.items() if k in _field_names(cls)}
        data["section"] = data.get("section") or ""
        data["parent_theme"] = data.get("parent_theme") or ""
        return cls(**data)


@dataclass
class IncomingEvent:
    """An event as one source gives it. Only authority_id and kind are required; give what the source says."""

    authority_id: int
    kind: str
    reinspection: bool = False
    inspection_type: str = ""
    focus: str = ""
    status: str = Inspection.Status.HELD
    start: datetime.date | None = None
    end: datetime.date | None = None
    date_precision: str = DatePrecision.DAY
    published: datetime.date | None = None
    lead_inspector: str = ""
    judgements: list[IncomingJudgement] = field(default_factory=list)
    source: SourceRef | None = None
    label: str = ""  # how summaries name it, e.g. "Derby SIF published 2017-06-13 (sheet X row 37)"

    @classmethod
    def coerce(cls, value, source=None) -> "IncomingEvent":
        if isinstance(value, cls):
            event = value
        else:
            data = {k: v for k, v in dict(value).items() if k in _field_names(cls)}
            data["judgements"] = [IncomingJudgement.coerce(j) for j in data.get("judgements") or []]
            event = cls(**data)
        event.source = SourceRef.coerce(source) or SourceRef.coerce(event.source)
        if event.source is None:
            raise ValueError("an incoming event needs a source (a document or an official dataset)")
        return event


@dataclass
class MergeResult:
    inspection: Inspection
    created: bool = False
    changed: list[str] = field(default_factory=list)  # fields filled or revised, e.g. "published_date"
    judgements_added: list[str] = field(default_factory=list)  # themes
    judgements_revised: list[str] = field(default_factory=list)
    sources_added: int = 0
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (self.created or self.changed or self.judgements_added or self.judgements_revised)


def _field_names(cls) -> set[str]:
    return {f.name for f in fields(cls)}


# --- Matching (pure)
# ------------------------------------------------------------------------------------------


def match_distance(stored: Inspection, incoming: IncomingEvent) -> float | None:
    """How far apart two events of one council and kind are, or None if they are different events.

    Smaller is closer: the same day is 0, a publication a few days off a few, a date of month precision 15, a
    first day matched against a later publication 50 and more.
    """
    distances = []
    if stored.published_date and incoming.published:
        days = abs((stored.published_date - incoming.published).days)
        if days <= PUBLISHED_DAYS:
            distances.append(days)
    if stored.start_date and incoming.start:
        distance = _start_distance(
            stored.start_date, stored.date_precision, incoming.start, incoming.date_precision
        )
        if distance is not None:
            distances.append(distance)
    if not (stored.start_date and incoming.start):
        # One side knows only when it began, the other when it was published.
        lag_limit = PUBLICATION_LAG_DAYS.get(incoming.kind, DEFAULT_PUBLICATION_LAG_DAYS)
        pairs = [(incoming.start, stored.published_date), (stored.start_date, incoming.published)]
        for start, published in pairs:
            if start and published and 0 <= (published - start).days <= lag_limit:
                distances.append(50 + (published - start).days / 10)
    return min(distances) if distances else None


def _start_distance(a: datetime.date, a_precision: str, b: datetime.date, b_precision: str) -> float | None:
    coarse = max(_PRECISION_RANK.get(a_precision, 0), _PRECISION_RANK.get(b_precision, 0))
    if coarse == 0:
        days = abs((a - b).days)
        return days if days <= START_DAYS else None
    if coarse == 1:
        return 15 if (a.year, a.month) == (b.year, b.month) else None
    if coarse == 2:
        return 25 if abs((a - b).days) <= 92 else None
    return 35 if a.year == b.year else None


# --- The ledger
# -----------------------------------------------------------------------------------------------


@dataclass
class _Fact:
    """A stored (or about to be stored) inspection or judgement, with the sources it already has."""

    obj: object
    source_keys: set = field(default_factory=set)
    dataset_ids: set = field(default_factory=set)
    has_document: bool = False
    new: bool = False
    dirty: bool = False

    def origins(self) -> tuple[set, bool]:
        return set(self.dataset_ids), self.has_document

    def note_source(self, ref: SourceRef) -> None:
        self.source_keys.add(ref.key())
        if ref.document_id is not None:
            self.has_document = True
        if ref.dataset_id is not None:
            self.dataset_ids.add(ref.dataset_id)


@dataclass
class _Entry:
    event: _Fact
    judgements: dict[tuple[str, str], _Fact] = field(default_factory=dict)  # (section, theme) → judgement
    parents: dict[tuple[str, str], str] = field(default_factory=dict)  # child key → parent theme


@dataclass
class _PendingSource:
    fact: _Fact
    ref: SourceRef
    new: bool = True  # False: the same source is already stored
    source: Source | None = None


@dataclass
class _PendingConflict:
    entry: _Entry
    judgement: _Fact | None
    field: str
    stored_value: str
    incoming_value: str
    pending_source: _PendingSource


class Ledger:
    """Stored events of some councils held in memory while many incoming events are merged, then written at
    once.

    Loading takes a fixed number of queries, whatever the number of events; flush() writes with bulk
    statements.
    """

    def __init__(self, authority_ids=None, lock: bool = True):
        self.entries: dict[tuple, list[_Entry]] = defaultdict(list)
        self.pending_sources: list[_PendingSource] = []
        self.pending_conflicts: list[_PendingConflict] = []
        self.results: list[MergeResult] = []
        ids = None if authority_ids is None else sorted(set(authority_ids))
        if lock and ids:
            # Serialise with any other merge for these councils (publish step vs. import task).
            list(Authority.objects.select_for_update().filter(pk__in=ids).values_list("pk", flat=True))
        self._edition_dates = {
            pk: published_on or created.date()
            for pk, published_on, created in OfficialDataset.objects.values_list(
                "pk", "published_on", "created_at"
            )
        }
        self._load(ids)

    def _load(self, ids) -> None:
        inspections = Inspection.objects.all()
        judgements = Judgement.objects.all()
        sources = Source.objects.filter(recommendation__isnull=True)
        conflicts = Conflict.objects.all()
        if ids is not None:
            inspections = inspections.filter(authority_id__in=ids)
            judgements = judgements.filter(inspection__authority_id__in=ids)
            sources = sources.filter(inspection__authority_id__in=ids) | sources.filter(
                judgement__inspection__authority_id__in=ids
            )
            conflicts = conflicts.filter(inspection__authority_id__in=ids)
        by_pk: dict[int, _Entry] = {}
        for inspection in inspections.order_by("pk"):
            entry = _Entry(_Fact(inspection))
            by_pk[inspection.pk] = entry
            self.entries[(inspection.authority_id, inspection.kind, inspection.reinspection)].append(entry)
        judgement_facts: dict[int, _Fact] = {}
        for judgement in judgements.order_by("pk"):
            entry = by_pk.get(judgement.inspection_id)
            if entry is None:
                continue
            fact = _Fact(judgement)
            entry.judgements[(judgement.section, judgement.theme)] = fact
            judgement_facts[judgement.pk] = fact
        for row in sources.values(
            "inspection_id",
            "judgement_id",
            "document_id",
            "dataset_id",
            "sheet",
            "row",
            "char_start",
            "char_end",
        ):
            ref = SourceRef(
                document_id=row["document_id"],
                dataset_id=row["dataset_id"],
                sheet=row["sheet"],
                row=row["row"],
                char_start=row["char_start"],
                char_end=row["char_end"],
            )
            fact = by_pk[row["inspection_id"]].event if row["inspection_id"] in by_pk else None
            fact = fact or judgement_facts.get(row["judgement_id"])
            if fact is not None:
                fact.note_source(ref)
        self._conflicts_seen = set(
            conflicts.values_list("inspection_id", "judgement_id", "field", "stored_value", "incoming_value")
        )

    # -- finding --

    def find(self, incoming: IncomingEvent) -> _Entry | None:
        best, best_distance = None, None
        for entry in self.entries.get((incoming.authority_id, incoming.kind, incoming.reinspection), []):
            distance = match_distance(entry.event.obj, incoming)
            if distance is not None and (best_distance is None or distance < best_distance):
                best, best_distance = entry, distance
        return best

    # -- merging --

    def merge(self, incoming, source=None) -> MergeResult:
        incoming = IncomingEvent.coerce(incoming, source)
        entry = self.find(incoming)
        result = self._create(incoming) if entry is None else self._merge_into(entry, incoming)
        self.results.append(result)
        return result

    def _create(self, incoming: IncomingEvent) -> MergeResult:
        inspection = Inspection(
            authority_id=incoming.authority_id,
            kind=incoming.kind,
            reinspection=incoming.reinspection,
            inspection_type=incoming.inspection_type or "",
            focus=(incoming.focus or "")[:200],
            status=incoming.status or Inspection.Status.HELD,
            start_date=incoming.start,
            end_date=incoming.end,
            date_precision=incoming.date_precision or DatePrecision.DAY,
            published_date=incoming.published,
            lead_inspector=incoming.lead_inspector or "",
        )
        entry = _Entry(_Fact(inspection, new=True))
        self.entries[(incoming.authority_id, incoming.kind, incoming.reinspection)].append(entry)
        result = MergeResult(inspection, created=True)
        self._add_source(entry.event, incoming.source, result)
        for judgement in incoming.judgements:
            self._merge_judgement(entry, judgement, incoming.source, result)
        return result

    def _merge_into(self, entry: _Entry, incoming: IncomingEvent) -> MergeResult:
        inspection = entry.event.obj
        result = MergeResult(inspection)
        before = entry.event.origins()  # what the event rested on before this source
        pending = self._add_source(entry.event, incoming.source, result)
        values = {
            "start_date": incoming.start,
            "end_date": incoming.end,
            "published_date": incoming.published,
            "inspection_type": incoming.inspection_type,
            "lead_inspector": incoming.lead_inspector,
        }
        # A day-precise first day refines a month-, season- or year-precise one: a fill, not a disagreement.
        refines = (
            incoming.start
            and inspection.start_date
            and _PRECISION_RANK.get(incoming.date_precision, 0)
            < _PRECISION_RANK.get(inspection.date_precision, 0)
            and _start_distance(inspection.start_date, inspection.date_precision, incoming.start, "day")
            is not None
        )
        # ... and a vaguer one ("July 2021") that agrees with the stored day is no disagreement either.
        vaguer = (
            incoming.start
            and inspection.start_date
            and _PRECISION_RANK.get(incoming.date_precision, 0)
            > _PRECISION_RANK.get(inspection.date_precision, 0)
            and _start_distance(inspection.start_date, "day", incoming.start, incoming.date_precision)
            is not None
        )
        if vaguer:
            values.pop("start_date")
        elif refines or (inspection.start_date is None and incoming.start):
            if (
                inspection.start_date != incoming.start
                or inspection.date_precision != incoming.date_precision
            ):
                inspection.start_date = incoming.start
                inspection.date_precision = incoming.date_precision or DatePrecision.DAY
                self._changed(entry.event, result, "start_date")
            values.pop("start_date")
        for name, new in values.items():
            self._settle(entry, name, getattr(inspection, name), new, before, pending, result)
        if incoming.focus and not inspection.focus:
            inspection.focus = incoming.focus[:200]
            self._changed(entry.event, result, "focus")
        if inspection.status == Inspection.Status.EXPECTED and incoming.status == Inspection.Status.HELD:
            inspection.status = Inspection.Status.HELD  # the expected visit took place
            self._changed(entry.event, result, "status")
        for judgement in incoming.judgements:
            self._merge_judgement(entry, judgement, incoming.source, result)
        return result

    def _merge_judgement(self, entry: _Entry, incoming: IncomingJudgement, event_source, result) -> None:
        ref = incoming.source or event_source.with_quote(incoming.grade)
        key = (incoming.section or "", incoming.theme)
        if incoming.parent_theme:
            entry.parents[key] = incoming.parent_theme
        fact = entry.judgements.get(key)
        if fact is None:
            judgement = Judgement(
                inspection=None,
                theme=incoming.theme,
                section=incoming.section or "",
                label=(incoming.label or incoming.theme)[:300],
                grade=(incoming.grade or "")[:80],
                value=incoming.value,
            )
            fact = _Fact(judgement, new=True)
            entry.judgements[key] = fact
            result.judgements_added.append(incoming.theme)
            self._add_source(fact, ref, result)
            return
        before = fact.origins()
        pending = self._add_source(fact, ref, result)
        judgement = fact.obj
        if judgement.value == incoming.value:
            return
        outcome = self._outcome(before, ref)
        if outcome == "revise":
            judgement.value, judgement.grade = incoming.value, (incoming.grade or judgement.grade)[:80]
            fact.dirty = True
            result.judgements_revised.append(incoming.theme)
        elif outcome == "conflict":
            self._conflict(
                entry, fact, "grade", judgement.grade, incoming.grade or str(incoming.value), pending
            )

    def _settle(self, entry, name, stored, new, before, pending, result) -> None:
        if new in (None, "") or stored == new:
            return
        fact = entry.event
        if stored in (None, ""):
            setattr(fact.obj, name, new)
            self._changed(fact, result, name)
            return
        outcome = self._outcome(before, pending.ref)
        if outcome == "revise":
            setattr(fact.obj, name, new)
            self._changed(fact, result, name)
        elif outcome == "conflict":
            self._conflict(entry, None, name, _shown(stored), _shown(new), pending)

    def _outcome(self, before: tuple[set, bool], ref: SourceRef) -> str:
        """ "revise" (a newer official edition), "keep" (an older one) or "conflict" (anything else)."""
        dataset_ids, has_document = before
        if not ref.is_official or has_document:
            return "conflict"
        stored_editions = [self._edition_dates.get(pk) for pk in dataset_ids]
        stored_editions = [d for d in stored_editions if d]
        incoming = ref.edition_date or self._edition_dates.get(ref.dataset_id)
        if not stored_editions or incoming is None:
            return "conflict"
        newest = max(stored_editions)
        if incoming > newest:
            return "revise"
        # An older edition is superseded; two rows of one edition that disagree are shown to an admin.
        return "keep" if incoming < newest else "conflict"

    def _changed(self, fact: _Fact, result: MergeResult, name: str) -> None:
        fact.dirty = True
        if name not in result.changed:
            result.changed.append(name)

    def _add_source(self, fact: _Fact, ref: SourceRef, result: MergeResult) -> _PendingSource:
        pending = _PendingSource(fact, ref)
        if ref.key() in fact.source_keys:
            pending.new = False  # already stored, and so is any conflict it raised
            return pending
        fact.note_source(ref)
        self.pending_sources.append(pending)
        result.sources_added += 1
        return pending

    def _conflict(self, entry, judgement_fact, name, stored_value, incoming_value, pending) -> None:
        inspection_pk = entry.event.obj.pk
        judgement_pk = judgement_fact.obj.pk if judgement_fact else None
        key = (inspection_pk, judgement_pk, name, str(stored_value)[:300], str(incoming_value)[:300])
        if inspection_pk and (judgement_fact is None or judgement_pk) and key in self._conflicts_seen:
            return
        if not pending.new:
            return  # the source was stored by an earlier merge, and so was this conflict
        self._conflicts_seen.add(key)
        self.pending_conflicts.append(_PendingConflict(entry, judgement_fact, name, key[3], key[4], pending))

    # -- writing --

    def flush(self) -> dict:
        """Write every new and changed fact in a few bulk statements. Returns counts of what was written."""
        now = timezone.now()
        all_entries = [entry for entries in self.entries.values() for entry in entries]
        new_events = [e.event.obj for e in all_entries if e.event.new]
        changed_events = [e.event.obj for e in all_entries if not e.event.new and e.event.dirty]
        Inspection.objects.bulk_create(new_events)
        for inspection in changed_events:
            inspection.updated_at = now
        if changed_events:
            Inspection.objects.bulk_update(
                changed_events,
                [
                    "start_date",
                    "end_date",
                    "date_precision",
                    "published_date",
                    "inspection_type",
                    "lead_inspector",
                    "focus",
                    "status",
                    "updated_at",
                ],
            )

        new_judgements, changed_judgements = [], []
        for entry in all_entries:
            for key, fact in entry.judgements.items():
                judgement = fact.obj
                if fact.new:
                    judgement.inspection = entry.event.obj
                    new_judgements.append((entry, key, fact))
                elif fact.dirty:
                    changed_judgements.append(judgement)
        # Parents first, so that sub-judgements (SIF adoption, care leavers) can point at them.
        top = [fact.obj for entry, key, fact in new_judgements if key not in entry.parents]
        Judgement.objects.bulk_create(top)
        subs = []
        for entry, key, fact in new_judgements:
            if key in entry.parents:
                fact.obj.parent = self._parent(entry, key)
                subs.append(fact.obj)
        Judgement.objects.bulk_create(subs)
        orphans = []
        for entry in all_entries:
            for key, fact in entry.judgements.items():
                if not fact.new and key in entry.parents and fact.obj.parent_id is None:
                    parent = self._parent(entry, key)
                    if parent is not None:
                        fact.obj.parent = parent
                        orphans.append(fact.obj)
        if changed_judgements or orphans:
            Judgement.objects.bulk_update(
                list({id(j): j for j in changed_judgements + orphans}.values()), ["grade", "value", "parent"]
            )

        sources = []
        for pending in self.pending_sources:
            obj, ref = pending.fact.obj, pending.ref
            pending.source = Source(
                inspection=obj if isinstance(obj, Inspection) else None,
                judgement=obj if isinstance(obj, Judgement) else None,
                document_id=ref.document_id,
                dataset_id=ref.dataset_id,
                sheet=ref.sheet[:80],
                row=ref.row,
                page=ref.page,
                char_start=ref.char_start,
                char_end=ref.char_end,
                quote=ref.quote or "",
                confidence=ref.confidence,
            )
            sources.append(pending.source)
        Source.objects.bulk_create(sources)

        conflicts = [
            Conflict(
                inspection=c.entry.event.obj,
                judgement=c.judgement.obj if c.judgement else None,
                field=c.field,
                stored_value=c.stored_value,
                incoming_value=c.incoming_value,
                incoming_source=c.pending_source.source,
            )
            for c in self.pending_conflicts
        ]
        Conflict.objects.bulk_create(conflicts)
        for result, conflict_list in self._conflicts_by_result(conflicts):
            result.conflicts = conflict_list
        for fact in [e.event for e in all_entries] + [f for e in all_entries for f in e.judgements.values()]:
            fact.new = fact.dirty = False
        written = {
            "events_created": len(new_events),
            "events_changed": len(changed_events),
            "judgements_created": len(top) + len(subs),
            "judgements_changed": len(changed_judgements),
            "sources_created": len(sources),
            "conflicts_created": len(conflicts),
        }
        self.pending_sources, self.pending_conflicts = [], []
        return written

    def _parent(self, entry: _Entry, key: tuple[str, str]):
        parent = entry.judgements.get((key[0], entry.parents[key]))
        return parent.obj if parent is not None else None

    def _conflicts_by_result(self, conflicts: list[Conflict]):
        by_inspection = defaultdict(list)
        for conflict in conflicts:
            by_inspection[id(conflict.inspection)].append(conflict)
        for result in self.results:
            found = by_inspection.get(id(result.inspection))
            if found:
                yield result, found


def _shown(value) -> str:
    return value.isoformat() if isinstance(value, datetime.date) else str(value)


# --- The calls other modules make
# -----------------------------------------------------------------------------


def find_event(
    authority_id: int,
    kind: str,
    *,
    reinspection: bool = False,
    start: datetime.date | None = None,
    published: datetime.date | None = None,
    date_precision: str = DatePrecision.DAY,
) -> Inspection | None:
    """The stored event that an event with these facts is, or None. Read-only; see the module's rules."""
    incoming = IncomingEvent(
        authority_id=authority_id,
        kind=kind,
        reinspection=reinspection,
        start=start,
        published=published,
        date_precision=date_precision,
    )
    best, best_distance = None, None
    for inspection in Inspection.objects.filter(
        authority_id=authority_id, kind=kind, reinspection=reinspection
    ):
        distance = match_distance(inspection, incoming)
        if distance is not None and (best_distance is None or distance < best_distance):
            best, best_distance = inspection, distance
    return best


@transaction.atomic
def merge_event(incoming: IncomingEvent | dict, source: SourceRef | dict | None = None) -> MergeResult:
    """Merge one event (from a document or a table row) into the stored timeline; see the module docstring.

    `incoming`: an IncomingEvent or a dict of its fields (judgements as IncomingJudgement or dicts).
    `source`: where the event comes from (SourceRef or dict); each judgement may carry its own source (its
    passage),
    else it gets this one quoting its grade. Returns a MergeResult whose `inspection` is saved.
    """
    incoming = IncomingEvent.coerce(incoming, source)
    ledger = Ledger(authority_ids=[incoming.authority_id])
    result = ledger.merge(incoming)
    ledger.flush()
    return result
