"""The match rule: which stored event an incoming one is (pure, but for find_event's one query).

Same council, kind and re-inspection flag, and one of: the same first day (within START_DAYS), a publication
within PUBLISHED_DAYS, for a month-, season- or year-precise date the same month, season or year, or, when one
side knows only the first day and the other only the publication, a publication that follows the first day
within the kind's usual lag. The closest candidate wins.
"""

import datetime

from inspections.matching.incoming import IncomingEvent
from inspections.models import DatePrecision, Inspection
from inspections.reading.dates import PRECISION_RANK

START_DAYS = 3  # one inspection's first day as two sources give it (Derby SIF 2017: 6 or 7 March)
PUBLISHED_DAYS = 7  # "publication within a few days"
# How long after its first day an event's report is published, at most (Devon ILACS 2024: 225 days).
PUBLICATION_LAG_DAYS = {"focused_visit": 90, "monitoring_visit": 90}
DEFAULT_PUBLICATION_LAG_DAYS = 270


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
        distance = start_distance(
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


def start_distance(a: datetime.date, a_precision: str, b: datetime.date, b_precision: str) -> float | None:
    coarse = max(PRECISION_RANK.get(a_precision, 0), PRECISION_RANK.get(b_precision, 0))
    if coarse == 0:
        days = abs((a - b).days)
        return days if days <= START_DAYS else None
    if coarse == 1:
        return 15 if (a.year, a.month) == (b.year, b.month) else None
    if coarse == 2:
        return 25 if abs((a - b).days) <= 92 else None
    return 35 if a.year == b.year else None


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
    stored = Inspection.objects.filter(authority_id=authority_id, kind=kind, reinspection=reinspection)
    return closest(stored, incoming)


def closest(candidates, incoming: IncomingEvent, inspection_of=lambda candidate: candidate):
    """The candidate whose stored event is closest to `incoming` (the first of equals), or None if none
    matches. `inspection_of` reads the Inspection of a candidate (the ledger's entries hold theirs)."""
    best, best_distance = None, None
    for candidate in candidates:
        distance = match_distance(inspection_of(candidate), incoming)
        if distance is not None and (best_distance is None or distance < best_distance):
            best, best_distance = candidate, distance
    return best
