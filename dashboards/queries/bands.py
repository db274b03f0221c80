"""The queries behind the band charts (dashboards/grade_bands.py): where the data end, predecessors of many
councils at once, and the ungraded visits of many councils. A fixed number of queries, whatever the number of
councils: one each."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Max
from django.db.models.functions import Coalesce, Greatest

from authorities.models import Authority, Succession
from inspections.reading import vocabulary as vocab


def data_end() -> datetime.date:
    """The newest date the data hold: the latest held event or publication, or the newest official edition.
    Dates after it are outside what the product can say (and a bound for the date inputs). One query."""
    from inspections.models import Inspection, OfficialDataset

    found = Inspection.objects.filter(status="held").aggregate(
        newest=Max(Greatest(Coalesce("published_date", "end_date", "start_date"),
                            Coalesce("end_date", "start_date", "published_date"))),
        edition=Max(
            OfficialDataset.objects.filter(published_on__isnull=False)
            .order_by("-published_on")
            .values("published_on")[:1]
        ),
    )  # fmt: skip
    days = [d for d in (found["newest"], found["edition"]) if d]
    return min(max(days), datetime.date.today()) if days else datetime.date.today()


def predecessors_of(authority_ids) -> dict[int, list[Authority]]:
    """For each council, the councils whose area passed to it (directly or through others), nearest first.
    Two queries: the successions table is small, so the whole of it is read and walked here."""
    parents: dict[int, list[int]] = defaultdict(list)
    for predecessor, successor in Succession.objects.values_list("predecessor_id", "successor_id"):
        parents[successor].append(predecessor)
    found: dict[int, list[int]] = {}
    for pk in authority_ids:
        seen: list[int] = []
        queue = list(parents.get(pk, []))
        while queue:
            other = queue.pop(0)
            if other not in seen and other != pk:
                seen.append(other)
                queue.extend(parents.get(other, []))
        found[pk] = seen
    wanted = {pk for ids in found.values() for pk in ids}
    # Run even when there are none, so that a page's number of queries never depends on the data.
    by_id = {a.pk: a for a in Authority.objects.filter(pk__in=wanted or [0])}
    return {pk: [by_id[i] for i in ids if i in by_id] for pk, ids in found.items()}


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
