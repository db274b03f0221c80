"""Saving an official file: load → parse → check → save, in one transaction, so a bad file changes nothing.

The events of a file are merged into the stored timelines through inspections.matching.Ledger, the same rules
the document publish step uses: an event already stored (from an earlier edition or a document) gains a
source, and a disagreement is a Conflict, except that a newer official edition revises an older one.
"""

import datetime
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from authorities.name_index import council_directory
from inspections import signals
from inspections.matching import IncomingEvent, IncomingJudgement, Ledger, SourceRef
from inspections.models import OfficialDataset
from inspections.official import editions, neighbours
from inspections.official.check import check
from inspections.official.load import NotASpreadsheet, Workbook, load
from inspections.official.parse import OfficialEvent, ParsedFile, parse
from inspections.official.problems import Problem

# Richest sheets first: the histories place every event, the latest and in-year sheets add first days and
# visits.
_ROLE_ORDER = {"history_2009": 0, "ilacs_history": 1, "latest": 2, "in_year": 3}
_LISTED = 500  # how many changes and conflicts a summary lists by name


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


@dataclass
class ImportReport:
    file_name: str
    sha256: str = ""
    kind: str = ""  # "inspections" or "neighbours"
    edition: str = ""
    problems: list[Problem] = field(default_factory=list)
    summary: dict = field(default_factory=dict)
    dataset: OfficialDataset | None = None
    dry_run: bool = False
    already_imported: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_dicts(self) -> list[dict]:
        return [p.as_dict() for p in self.problems]


def import_file(
    path: str | Path,
    *,
    data: bytes | None = None,
    file_name: str | None = None,
    edition: str = "",
    edition_date: datetime.date | None = None,
    dry_run: bool = False,
    dataset: OfficialDataset | None = None,
    user=None,
) -> ImportReport:
    """Import one official file (inspection outcomes ODS/CSV, or a neighbour model CSV). Never raises for bad
    input: every problem is in the report, and then nothing is written."""
    started = time.perf_counter()
    name = file_name or Path(path).name
    report = ImportReport(name, dry_run=dry_run)
    try:
        book = load(path, data=data, file_name=name)
    except NotASpreadsheet as error:
        report.problems.append(Problem(str(error)))
        return report
    except OSError as error:
        report.problems.append(Problem(f"cannot read {name}: {error.strerror or error}"))
        return report
    report.sha256 = book.sha256
    if neighbours.is_neighbour_model(book):
        return _import_neighbours(book, report, edition, dry_run, dataset, user, started)

    parsed = parse(book, edition=edition, edition_date=edition_date)
    report.kind, report.edition = "inspections", parsed.edition
    report.problems = check(parsed, council_directory())
    if report.problems:
        return report
    try:
        with transaction.atomic():
            dataset = _dataset(dataset, book, parsed.edition, parsed.edition_date, user)
            report.dataset = dataset
            report.summary = _save_events(parsed, dataset)
            report.summary["seconds"] = round(time.perf_counter() - started, 3)
            if dry_run:
                raise _DryRun
            _finish(dataset, report.summary)
    except _DryRun:
        report.dataset = None
    return report


def _dataset(dataset, book: Workbook, edition: str, edition_date, user) -> OfficialDataset:
    if dataset is None:
        dataset = OfficialDataset.objects.filter(sha256=book.sha256).first() or OfficialDataset(
            sha256=book.sha256, uploaded_by=user
        )
    dataset.file_name = dataset.file_name or book.file_name
    dataset.edition = (dataset.edition or edition)[:120]
    dataset.published_on = dataset.published_on or edition_date
    editions.describe(dataset)  # what it covers and where it was published: data/official/editions.csv
    dataset.state = OfficialDataset.State.IMPORTING
    dataset.save()
    return dataset


def _finish(dataset: OfficialDataset, summary: dict) -> None:
    dataset.state = OfficialDataset.State.DONE
    dataset.summary = summary
    dataset.problems = []
    dataset.imported_at = timezone.now()
    dataset.save(update_fields=["state", "summary", "problems", "imported_at"])


def _save_events(parsed: ParsedFile, dataset: OfficialDataset) -> dict:
    events = sorted(
        parsed.events, key=lambda e: (_ROLE_ORDER.get(parsed.sheets.get(e.sheet, ""), 9), e.sheet, e.row)
    )
    ledger = Ledger(authority_ids={e.authority_id for e in events})
    edition_date = dataset.published_on or dataset.created_at.date()
    outcomes: dict[int, str] = {}  # stored event → added / changed / unchanged
    changes, conflicts = [], []
    results = []
    for event in events:
        result = ledger.merge(_incoming(event, dataset.pk, edition_date))
        results.append((event, result))
        key = id(result.inspection)
        if result.created:
            outcomes[key] = "added"
        elif not result.unchanged and outcomes.get(key) == "added":
            pass  # completed by another row of this file: still one added event
        elif not result.unchanged:
            outcomes[key] = "changed"
            what = result.changed + [f"{t} grade" for t in result.judgements_revised]
            what += [f"{t} judgement added" for t in result.judgements_added]
            changes.append(f"{_where(event)}: {', '.join(what)}")
        else:
            outcomes.setdefault(key, "unchanged")
    written = ledger.flush()
    published = signals.merged(
        [signals.FactChange(r.inspection.pk, r.created, tuple(r.judgements_added)) for _, r in results]
    )
    if published:
        signals.facts_published.send(
            sender=OfficialDataset, changes=published, document=None, dataset=dataset
        )
    for event, result in results:
        for conflict in result.conflicts:
            if conflict.incoming_source.sheet == event.sheet and conflict.incoming_source.row == event.row:
                conflicts.append(
                    f"{_where(event)}: {conflict.field} stored {conflict.stored_value!r}, "
                    f"this row {conflict.incoming_value!r}"
                )
    counted = Counter(outcomes.values())
    return {
        "file": parsed.file_name,
        "edition": parsed.edition,
        "rows_read": parsed.rows_read,
        "events_in_file": len(parsed.events),
        "events_by_kind": dict(Counter(_kind_name(e) for e in parsed.events)),
        "events": {
            "added": counted["added"],
            "changed": counted["changed"],
            "unchanged": counted["unchanged"],
        },
        **written,
        "changes": changes[:_LISTED],
        "more_changes": max(0, len(changes) - _LISTED),
        "conflicts": conflicts[:_LISTED],
    }


def _incoming(event: OfficialEvent, dataset_id: int, edition_date) -> IncomingEvent:
    source = SourceRef(
        dataset_id=dataset_id, sheet=event.sheet, row=event.row, quote=event.quote, edition_date=edition_date
    )
    # check() refused any file with an event it could not place, so every event here has its council.
    assert event.authority_id is not None
    return IncomingEvent(
        authority_id=event.authority_id,
        kind=event.kind,
        reinspection=event.reinspection,
        inspection_type=event.inspection_type,
        focus=event.focus,
        start=event.start,
        published=event.published,
        source=source,
        label=_where(event),
        judgements=[
            IncomingJudgement(
                theme=j.theme,
                value=j.value,
                label=j.label,
                grade=j.grade_as_framework_writes,
                section=j.section,
                parent_theme=j.parent_theme,
                source=source.with_quote(j.table_wording),
            )
            for j in event.judgements
        ],
    )


def _kind_name(event: OfficialEvent) -> str:
    return f"{event.kind} re-inspection" if event.reinspection else event.kind


def _where(event: OfficialEvent) -> str:
    when = f"published {event.published}" if event.published else f"from {event.start}"
    return f"{event.council_name} {_kind_name(event)} {when} ({event.sheet} row {event.row})"


def _import_neighbours(book, report, edition, dry_run, dataset, user, started) -> ImportReport:
    report.kind = "neighbours"
    model_name = edition or neighbours.model_name(book.file_name)
    report.edition = f"DfE statistical neighbour model ({model_name})"
    rows, problems = neighbours.parse_neighbours(book)
    if problems:
        report.problems = problems
        return report
    try:
        with transaction.atomic():
            summary, problems = neighbours.save_neighbours(rows, model_name, book.sheet_names[0])
            if problems:
                report.problems = problems
                raise _DryRun
            dataset = _dataset(dataset, book, report.edition, None, user)
            report.dataset = dataset
            summary["seconds"] = round(time.perf_counter() - started, 3)
            report.summary = summary
            if dry_run:
                raise _DryRun
            _finish(dataset, summary)
    except _DryRun:
        report.dataset = None
    return report
