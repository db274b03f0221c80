"""The one writer of Source rows: where a stored fact (an event, a judgement, a recommendation) comes from.

The ledger writes the sources of the events and judgements it merges; the publish step writes its
recommendations' sources here too, so that a Source is built from a SourceRef in one place.
"""

from inspections.matching.incoming import SourceRef
from inspections.models import Source

# What a later reading of the same document may move: the passage (the reader improved, the text is the same).
_PASSAGE = ("page", "char_start", "char_end", "quote", "confidence")


def source_row(ref: SourceRef, **fact) -> Source:
    """An unsaved Source for one fact (`inspection=`, `judgement=` or `recommendation=`) from `ref`."""
    return Source(
        **fact,
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


def save_rows(rows: list[Source]) -> list[Source]:
    return Source.objects.bulk_create(rows)


def save_document_source(ref: SourceRef, **fact) -> Source:
    """A document's source for one fact: one per fact and document, however often it is published (a new
    reading moves its passage)."""
    row = source_row(ref, **fact)
    stored = Source.objects.filter(document_id=ref.document_id, **fact).first()
    if stored is None:
        row.save()
        return row
    for name in _PASSAGE:
        setattr(stored, name, getattr(row, name))
    stored.save()
    return stored
