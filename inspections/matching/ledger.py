"""The unit of work of matching: the stored events of some councils held in memory while many incoming events
are merged into them (see the package's docstring for the rules), then written with a few bulk statements.

The official importer merges a whole file through one Ledger; `inspections.matching.merge_event` is a Ledger
of one council for one event.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from authorities.models import Authority
from inspections.matching import sources
from inspections.matching.incoming import IncomingEvent, IncomingJudgement, MergeResult, SourceRef
from inspections.matching.rule import PRECISION_RANK, closest, start_distance
from inspections.models import Conflict, DatePrecision, Inspection, Judgement, OfficialDataset, Source

_EVENT_FIELDS = (
    "start_date",
    "end_date",
    "date_precision",
    "published_date",
    "inspection_type",
    "lead_inspector",
    "focus",
    "status",
    "updated_at",
)


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
    """Stored events of some councils, held in memory while many incoming events are merged into them.

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
        entries = self.entries.get((incoming.authority_id, incoming.kind, incoming.reinspection), [])
        return closest(entries, incoming, lambda entry: entry.event.obj)

    # -- merging --

    def merge(self, incoming: IncomingEvent) -> MergeResult:
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
            and PRECISION_RANK.get(incoming.date_precision, 0)
            < PRECISION_RANK.get(inspection.date_precision, 0)
            and start_distance(inspection.start_date, inspection.date_precision, incoming.start, "day")
            is not None
        )
        # ... and a vaguer one ("July 2021") that agrees with the stored day is no disagreement either.
        vaguer = (
            incoming.start
            and inspection.start_date
            and PRECISION_RANK.get(incoming.date_precision, 0)
            > PRECISION_RANK.get(inspection.date_precision, 0)
            and start_distance(inspection.start_date, "day", incoming.start, incoming.date_precision)
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
        entries = [entry for entries in self.entries.values() for entry in entries]
        written = self._write_events(entries)
        written |= self._write_judgements(entries)
        written["sources_created"] = len(self._write_sources())
        written["conflicts_created"] = len(self._write_conflicts())
        for fact in [e.event for e in entries] + [f for e in entries for f in e.judgements.values()]:
            fact.new = fact.dirty = False
        self.pending_sources, self.pending_conflicts = [], []
        return written

    def _write_events(self, entries: list[_Entry]) -> dict:
        new = [e.event.obj for e in entries if e.event.new]
        changed = [e.event.obj for e in entries if not e.event.new and e.event.dirty]
        Inspection.objects.bulk_create(new)
        now = timezone.now()
        for inspection in changed:
            inspection.updated_at = now
        if changed:
            Inspection.objects.bulk_update(changed, _EVENT_FIELDS)
        return {"events_created": len(new), "events_changed": len(changed)}

    def _write_judgements(self, entries: list[_Entry]) -> dict:
        new, changed = [], []
        for entry in entries:
            for key, fact in entry.judgements.items():
                if fact.new:
                    fact.obj.inspection = entry.event.obj
                    new.append((entry, key, fact))
                elif fact.dirty:
                    changed.append(fact.obj)
        # Parents first, so that sub-judgements (SIF adoption, care leavers) can point at them.
        top = [fact.obj for entry, key, fact in new if key not in entry.parents]
        Judgement.objects.bulk_create(top)
        subs = []
        for entry, key, fact in new:
            if key in entry.parents:
                fact.obj.parent = self._parent(entry, key)
                subs.append(fact.obj)
        Judgement.objects.bulk_create(subs)
        # A stored sub-judgement whose parent arrives only now is attached to it.
        orphans = []
        for entry in entries:
            for key, fact in entry.judgements.items():
                if not fact.new and key in entry.parents and fact.obj.parent_id is None:
                    parent = self._parent(entry, key)
                    if parent is not None:
                        fact.obj.parent = parent
                        orphans.append(fact.obj)
        if changed or orphans:
            unique = list({id(j): j for j in changed + orphans}.values())
            Judgement.objects.bulk_update(unique, ["grade", "value", "parent"])
        return {"judgements_created": len(top) + len(subs), "judgements_changed": len(changed)}

    def _write_sources(self) -> list[Source]:
        for pending in self.pending_sources:
            obj = pending.fact.obj
            fact = {"judgement": obj} if isinstance(obj, Judgement) else {"inspection": obj}
            pending.source = sources.source_row(pending.ref, **fact)
        return sources.save_rows([pending.source for pending in self.pending_sources])

    def _write_conflicts(self) -> list[Conflict]:
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
        return conflicts

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
