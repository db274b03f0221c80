"""What inspections tells the apps above it when new facts are stored, without importing them.

`facts_published` is sent INSIDE the transaction that stores the facts (a document's publication, an official
import), not after it: a receiver that writes its own rows (the alerts app's news and outbox) commits with the
facts or rolls back with them. A dry run or a failed publish tells nobody; a committed one cannot be lost
between the commit and a callback. Receivers must be quick and must not talk to the outside world (mail is
sent later, from the rows they wrote).

Keyword arguments: `changes` (a list of FactChange, one per stored event), `document` (the published Document)
or `dataset` (the imported OfficialDataset); the sender is the model class of the origin.
"""

from dataclasses import dataclass

from django.dispatch import Signal

facts_published = Signal()


@dataclass(frozen=True)
class FactChange:
    """One stored event that is new, or that gained judgements."""

    inspection_id: int
    created: bool
    themes_added: tuple[str, ...] = ()


def merged(changes: list[FactChange]) -> list[FactChange]:
    """One change per event (several rows or passages may touch one event), new events first."""
    by_event: dict[int, FactChange] = {}
    for change in changes:
        seen = by_event.get(change.inspection_id)
        if seen is None:
            by_event[change.inspection_id] = change
        else:
            themes = tuple(dict.fromkeys(seen.themes_added + change.themes_added))
            created = seen.created or change.created
            by_event[change.inspection_id] = FactChange(change.inspection_id, created, themes)
    return [c for c in by_event.values() if c.created or c.themes_added]
