"""The query behind the band charts' ticks (dashboards/grade_bands.py): the ungraded visits of many councils,
in one query whatever their number. Where the data end is inspections.currency's."""

from __future__ import annotations

from inspections.reading import vocabulary as vocab


def ungraded_events(authority_ids) -> list:
    """Visits and other ungraded events (held or expected) of the councils, oldest first. One query."""
    from inspections.models import Inspection

    ids = list(authority_ids)
    if not ids:
        return []
    return list(
        Inspection.objects.filter(authority_id__in=ids)
        .exclude(kind__in=vocab.GRADED_KINDS)
        .only("pk", "authority_id", "kind", "reinspection", "status", "start_date", "published_date",
              "date_precision")
        .order_by("start_date", "pk")
    )  # fmt: skip
