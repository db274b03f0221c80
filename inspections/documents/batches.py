"""Queries about batches of documents: how far each has got from "queued" to "needs review"."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

from inspections.models import Document, DocumentBatch

ACTIVE = (Document.State.QUEUED, Document.State.READING)


@dataclass
class Progress:
    batch: DocumentBatch
    total: int
    queued: int
    reading: int
    needs_review: int
    published: int
    failed: int

    @property
    def done(self) -> int:
        """Documents a worker has finished with (whatever the outcome)."""
        return self.total - self.queued - self.reading

    @property
    def active(self) -> bool:
        return self.queued + self.reading > 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 100


def _counts():
    return {state: Count("documents", filter=Q(documents__state=state)) for state in Document.State.values}


def progress(batch: DocumentBatch) -> Progress:
    counts = DocumentBatch.objects.filter(pk=batch.pk).aggregate(total=Count("documents"), **_counts())
    return Progress(batch=batch, **counts)


def recent(limit: int = 5) -> list[Progress]:
    """The newest batches with their counts, in one query."""
    rows = DocumentBatch.objects.annotate(
        total=Count("documents"), **{f"n_{k}": v for k, v in _counts().items()}
    )
    return [
        Progress(
            batch=b, total=b.total, **{state: getattr(b, f"n_{state}") for state in Document.State.values}
        )
        for b in rows.order_by("-created_at")[:limit]
    ]


def documents(batch: DocumentBatch):
    return (
        batch.documents.select_related("authority")
        .defer("text", "reading", "page_starts")
        .order_by("original_name", "pk")
    )
