"""Checks on parsed official events, and matching each to a council. No Django: the councils come in as plain
data.

Councils are matched by code first, then by name (aliases included, names folded), and then by date: the files
put one name (Dorset, North Yorkshire, Somerset, Buckinghamshire) on two councils, and the 2025 history
back-fills a new council's code onto its predecessor's inspections. An event belongs to the council that
existed on its date; if the named council did not, its predecessors and successors are searched. Successions
are data, never code.
"""

import datetime
from dataclasses import dataclass, field

from authorities.names import fold
from inspections.official.parse import OfficialEvent, ParsedFile
from inspections.official.problems import Problem

# A report is published weeks after the inspection; when only the publication date is known, a council that
# ended up to this long before it may still have been the one inspected.
PUBLICATION_LAG = datetime.timedelta(days=240)


@dataclass(frozen=True)
class Council:
    id: int
    gss_code: str
    short_name: str
    other_codes: tuple[str, ...] = ()
    active_from: datetime.date | None = None
    active_to: datetime.date | None = None
    predecessors: tuple[int, ...] = ()
    successors: tuple[int, ...] = ()

    def active_on(self, day: datetime.date, lag: datetime.timedelta = datetime.timedelta(0)) -> bool:
        started = self.active_from is None or self.active_from <= day
        return started and (self.active_to is None or self.active_to >= day - lag)


@dataclass
class CouncilDirectory:
    """Every council, indexed by code and by folded name (see authorities.name_index)."""

    councils: dict[int, Council]
    names: dict[str, set[int]]
    by_code: dict[str, set[int]] = field(default_factory=dict)

    def __post_init__(self):
        for council in self.councils.values():
            for code in (council.gss_code, *council.other_codes):
                self.by_code.setdefault(code.upper(), set()).add(council.id)

    def resolve(
        self, code: str, name: str, day: datetime.date, published_only: bool
    ) -> tuple[int | None, str]:
        """(council id, "") or (None, why not)."""
        ids = self.by_code.get(code.strip().upper(), set()) if code else set()
        if not ids:
            ids = self.names.get(fold(name), set())
        if not ids:
            known = f" (code {code})" if code else ""
            return None, f"unknown council {name!r}{known}: no council has this code or name or alias"
        found = self._active(ids, day, published_only)
        if not found:
            found = self._active(self._linked(ids), day, published_only)
        if len(found) == 1:
            return found.pop(), ""
        names = ", ".join(sorted(f"{self.councils[i].short_name} {self.councils[i].gss_code}" for i in ids))
        if not found:
            return None, f"no council {name!r} existed on {day.isoformat()} (candidates: {names})"
        return None, f"council {name!r} is ambiguous on {day.isoformat()} (candidates: {names})"

    def _active(self, ids: set[int], day: datetime.date, published_only: bool) -> set[int]:
        exact = {i for i in ids if self.councils[i].active_on(day)}
        if exact or not published_only:
            return exact
        return {i for i in ids if self.councils[i].active_on(day, PUBLICATION_LAG)}

    def _linked(self, ids: set[int]) -> set[int]:
        """Every council reachable through successions, in either direction."""
        seen, frontier = set(ids), list(ids)
        while frontier:
            council = self.councils[frontier.pop()]
            for other in (*council.predecessors, *council.successors):
                if other not in seen:
                    seen.add(other)
                    frontier.append(other)
        return seen - set(ids)


def resolve_councils(events: list[OfficialEvent], directory: CouncilDirectory) -> list[Problem]:
    """Set each event's authority_id; an event whose council cannot be found is a problem, never skipped."""
    problems = []
    for event in events:
        if event.date is None:
            # Which council a name meant depends on the day (reorganisations); parse gives every event one.
            problems.append(
                Problem("the row gives neither a first day nor a publication date", event.sheet, event.row)
            )
            continue
        authority_id, why = directory.resolve(
            event.council_code, event.council_name, event.date, published_only=event.start is None
        )
        event.authority_id = authority_id
        if why:
            problems.append(Problem(why, event.sheet, event.row))
    return problems


def check(parsed: ParsedFile, directory: CouncilDirectory) -> list[Problem]:
    """Every problem of a parsed file: those parsing found, councils that cannot be matched, repeated rows."""
    problems = list(parsed.problems)
    problems += resolve_councils(parsed.events, directory)
    problems += _repeated_rows(parsed.events)
    if not parsed.events and not problems:
        problems.append(Problem("the file holds no inspections or visits"))
    # One problem per place: a bad cell read twice (two tables share a column) is reported once.
    unique = list(dict.fromkeys(problems))
    return sorted(unique, key=lambda p: (p.sheet, p.row or 0, p.column))


def _repeated_rows(events: list[OfficialEvent]) -> list[Problem]:
    """Two rows of one sheet giving the same council the same event on the same day are a broken table."""
    seen: dict[tuple, int] = {}
    problems = []
    for event in events:
        if event.authority_id is None:
            continue
        key = (event.sheet, event.authority_id, event.kind, event.reinspection, event.start, event.published)
        if key in seen and seen[key] != event.row:
            problems.append(
                Problem(
                    f"repeats row {seen[key]} (same council, {event.kind} and dates)", event.sheet, event.row
                )
            )
        seen.setdefault(key, event.row)
    return problems
