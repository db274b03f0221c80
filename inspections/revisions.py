"""Values a newer edition of Ofsted's statistics revised, shown beside the value the product keeps.

The importer lets a newer edition revise an older one's value (inspections.matching) and keeps every
edition's row as a Source, with the row's own cells quoted. So the revisions are read back from those quotes:
where an older edition's row gave a different publication date, first day, inspection type or grade from the
stored value, the page says so ("The 2023 and 2024 editions gave 5 November 2022"). Nottingham's publication
date, Merton's ILACS type, Staffordshire's care leavers grade and the Isles of Scilly's first day are the
known cases (SOURCES.md, quirk 9).
"""

import datetime
import re
from dataclasses import dataclass, field

from inspections.precision import shown
from inspections.reading import vocabulary as vocab

# What a quoted cell's header says, and which stored field it gives.
_FIELDS = (
    (re.compile(r"publication date", re.I), "published_date", "Published"),
    (re.compile(r"(inspection|inspection/visit) date", re.I), "start_date", "First day"),
    (re.compile(r"inspection type|inspection/visit type", re.I), "inspection_type", "Type"),
)
_TYPES = {"ilacs standard inspection": "standard", "ilacs short inspection": "short"}


@dataclass
class Revision:
    what: str  # "Published", "First day", "Type", or a judgement's label
    kept: str  # the value the product shows (the newest edition's)
    earlier: str  # what the older edition(s) gave
    editions: list = field(default_factory=list)  # OfficialDataset objects that gave `earlier`

    @property
    def sentence(self) -> str:
        names = " and ".join(e.edition or e.file_name for e in self.editions)
        return f"{self.what}: {self.kept}, revised by a newer edition; {names} gave {self.earlier}."


def _cells(quote: str) -> dict[str, str]:
    found = {}
    for part in quote.split("; "):
        header, _, value = part.partition(": ")
        for pattern, name, _label in _FIELDS:
            if value and pattern.search(header):
                found[name] = value.strip()
    return found


def _shown(name: str, value) -> str:
    if name in ("published_date", "start_date"):
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value)
            except ValueError:
                return value
        return shown(value)
    if name == "inspection_type":
        return vocab.ILACS_TYPES.get(value, value)
    return str(value)


def _official(sources):
    return [s for s in sources if s.dataset_id and s.dataset is not None]


def event_revisions(inspection, sources=None) -> list[Revision]:
    """Where an older edition's row gave another value of the event's dates or type. `sources`: the
    inspection's sources with their datasets (as prefetched), else read."""
    sources = _official(sources if sources is not None else inspection.sources.select_related("dataset"))
    newest = max((s.dataset.published_on for s in sources if s.dataset.published_on), default=None)
    found: dict[tuple[str, str], Revision] = {}
    for source in sources:
        if newest is None or not source.dataset.published_on or source.dataset.published_on >= newest:
            continue
        for name, value in _cells(source.quote).items():
            stored = getattr(inspection, name)
            given = _TYPES.get(value.lower(), value) if name == "inspection_type" else value
            stored_text = stored.isoformat() if isinstance(stored, datetime.date) else (stored or "")
            if not stored_text or given == stored_text:
                continue
            label = next(label for _p, n, label in _FIELDS if n == name)
            revision = found.setdefault(
                (name, given), Revision(label, _shown(name, stored), _shown(name, given))
            )
            if source.dataset not in revision.editions:
                revision.editions.append(source.dataset)
    return sorted(found.values(), key=lambda r: r.what)


def judgement_revisions(judgement, sources=None) -> list[Revision]:
    """Where an older edition gave the judgement another grade (compared by its 1-4 value, so a table's
    'Requires improvement to be good' and a framework's 'Adequate' agree)."""
    sources = _official(sources if sources is not None else judgement.sources.select_related("dataset"))
    newest = max((s.dataset.published_on for s in sources if s.dataset.published_on), default=None)
    revision = None
    for source in sources:
        if newest is None or not source.dataset.published_on or source.dataset.published_on >= newest:
            continue
        value = vocab.grade_value(source.quote or "")
        if value is None or value == judgement.value:
            continue
        if revision is None:
            revision = Revision(judgement.label, judgement.grade, source.quote)
        if source.dataset not in revision.editions:
            revision.editions.append(source.dataset)
    return [revision] if revision else []
