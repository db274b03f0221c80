"""One truth per event: find the stored event that an incoming one is, and merge the incoming facts into it.

Both the official-statistics importer and the document publish step call this package, so that an inspection
a committee paper reported, its report, and the official table's row end up as ONE event with three sources.

- incoming.py: what callers pass (IncomingEvent, IncomingJudgement, SourceRef) and get back (MergeResult);
- rule.py: the match rule (which stored event an incoming one is);
- ledger.py: the unit of work: stored events in memory, many incoming events merged, then written at once;
- sources.py: the one writer of Source rows (the ledger's and the publish step's recommendations');
- here: `merge_event`, a Ledger of one council for one event.

Calling it from the publish step::

    from inspections.matching import IncomingEvent, IncomingJudgement, SourceRef, merge_event

    passage = SourceRef(document_id=doc.pk, page=1, char_start=10, char_end=40,
                        quote="Children's services in Derby City are good")
    result = merge_event(
        IncomingEvent(
            authority_id=derby.pk, kind="sif", start=date(2017, 3, 6), end=date(2017, 3, 30),
            published=date(2017, 6, 13), lead_inspector="Karen Wareing",
            judgements=[IncomingJudgement(theme="overall", value=2, label="Overall effectiveness",
                                          grade="good", source=passage)],
            source=SourceRef(document_id=doc.pk, page=1, char_start=0, char_end=120, quote="Dates: ..."),
        )
    )
    result.inspection      # the stored Inspection (new or matched), saved
    result.created         # True if no stored event matched
    result.conflicts       # Conflict rows created: disagreements an admin must settle

Recommendations are not merged here: the publish step attaches them to ``result.inspection``.

Rules (DOMAIN.md "one truth"):
- Matching: see rule.py.
- Merging: an empty field is filled; an equal one gains a source; a different one is a Conflict row and is
  never overwritten, with one exception: between two official editions the newer edition revises the value
  (both sources are kept). A grade is compared by its 1-4 value: "Grade 3 (Adequate)" and "Adequate" agree.
- Every incoming fact gets a Source (document passage or table row); a source already stored is not stored
  twice, so merging the same thing twice changes nothing.
"""

from django.db import transaction

from inspections.matching.incoming import IncomingEvent, IncomingJudgement, MergeResult, SourceRef
from inspections.matching.ledger import Ledger
from inspections.matching.rule import find_event, match_distance

__all__ = [
    "IncomingEvent",
    "IncomingJudgement",
    "Ledger",
    "MergeResult",
    "SourceRef",
    "find_event",
    "match_distance",
    "merge_event",
]


@transaction.atomic
def merge_event(incoming: IncomingEvent) -> MergeResult:
    """Merge one event (from a document or a table row) into the stored timeline; see the module docstring.

    `incoming.source` says where the event comes from; each judgement may carry its own source (its passage),
    else it gets the event's, quoting its grade. Returns a MergeResult whose `inspection` is saved.
    """
    if incoming.source is None:
        raise ValueError("an incoming event needs a source (a document or an official dataset)")
    ledger = Ledger(authority_ids=[incoming.authority_id])
    result = ledger.merge(incoming)
    ledger.flush()
    return result
