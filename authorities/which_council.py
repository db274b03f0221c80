"""Which council a name (or a code) means on a day: the one rule, used by the official importer's check, the
name index behind the pages and the dashboards' search boxes.

Fold the name; find the councils with that code, or else that name, short name or alias; keep those active on
the day; if none was, follow successions (either way) to the councils that were. One found: that council. More
than one: the name is ambiguous on that day, and every one is given so that a person can choose.

No Django here: the councils come in as plain data (authorities.name_index builds them from the database), so
the importer's pure check step and the reference-file checks can use the rule too. Successions are data, never
code.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from authorities.names import fold

NO_LAG = datetime.timedelta(0)


@dataclass(frozen=True)
class Council:
    id: int
    gss_code: str
    short_name: str
    names: tuple[str, ...] = ()  # the name, short name and aliases as written; folded when indexed
    other_codes: tuple[str, ...] = ()
    active_from: datetime.date | None = None
    active_to: datetime.date | None = None
    predecessors: tuple[int, ...] = ()
    successors: tuple[int, ...] = ()

    def active_on(self, day: datetime.date, lag: datetime.timedelta = NO_LAG) -> bool:
        """Existed on the day; `lag` keeps a council that ended that long before it (a report published
        months after the inspection)."""
        started = self.active_from is None or self.active_from <= day
        return started and (self.active_to is None or self.active_to >= day - lag)


@dataclass(frozen=True)
class Match:
    """What a name means: `ids` are the councils meant (one, or several when ambiguous), `named` every council
    with that code or name whatever the day, `problem` why there is not exactly one ("" when there is)."""

    ids: frozenset[int]
    named: frozenset[int]
    problem: str = ""

    @property
    def one(self) -> int | None:
        return next(iter(self.ids)) if len(self.ids) == 1 else None


@dataclass
class Directory:
    """Every council, indexed by code and by folded name."""

    councils: dict[int, Council]
    by_code: dict[str, set[int]] = field(default_factory=dict)
    by_name: dict[str, set[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, councils: Iterable[Council]) -> Directory:
        directory = cls({council.id: council for council in councils})
        for council in directory.councils.values():
            for code in (council.gss_code, *council.other_codes):
                directory.by_code.setdefault(code.strip().upper(), set()).add(council.id)
            for name in (council.short_name, *council.names):
                if name.strip():
                    directory.by_name.setdefault(fold(name), set()).add(council.id)
        return directory

    def named(self, name: str, code: str = "") -> set[int]:
        """The councils with this code, or else with this name, short name or alias (folded)."""
        ids = self.by_code.get(code.strip().upper(), set()) if code.strip() else set()
        if not ids and name.strip():
            # A search box may be given a code instead of a name.
            ids = self.by_name.get(fold(name), set()) or self.by_code.get(name.strip().upper(), set())
        return set(ids)

    def resolve(
        self, name: str, day: datetime.date | None = None, *, code: str = "", lag: datetime.timedelta = NO_LAG
    ) -> Match:
        """The councils `name` (or `code`) means on `day`; without a day, every council that goes by it."""
        named = self.named(name, code)
        if not named:
            known = f" (code {code})" if code else ""
            why = f"unknown council {name!r}{known}: no council has this code or name or alias"
            return Match(frozenset(), frozenset(), why)
        if day is None:
            found = named
        else:
            found = self._active(named, day, lag) or self._active(self._linked(named, day), day, lag)
        if len(found) == 1:
            return Match(frozenset(found), frozenset(named))
        candidates = ", ".join(
            sorted(f"{self.councils[i].short_name} {self.councils[i].gss_code}" for i in found or named)
        )
        when = f" on {day.isoformat()}" if day else ""
        if not found:
            why = f"no council {name!r} existed{when} (candidates: {candidates})"
        else:
            why = f"council {name!r} is ambiguous{when} (candidates: {candidates})"
        return Match(frozenset(found), frozenset(named), why)

    def _active(self, ids: set[int], day: datetime.date, lag: datetime.timedelta) -> set[int]:
        exact = {i for i in ids if self.councils[i].active_on(day)}
        if exact or not lag:
            return exact
        return {i for i in ids if self.councils[i].active_on(day, lag)}

    def _linked(self, ids: set[int], day: datetime.date) -> set[int]:
        """The councils reached from `ids` through successions towards the day: successors of a council that
        had ended by then, predecessors of one that had not yet begun. (Walking both ways would reach a
        successor's other predecessors' other successors: Bournemouth is not Dorset Council.)"""
        seen, frontier = set(ids), list(ids)
        while frontier:
            council = self.councils[frontier.pop()]
            if council.active_to is not None and council.active_to < day:
                towards = council.successors
            elif council.active_from is not None and council.active_from > day:
                towards = council.predecessors
            else:
                continue
            for other in towards:
                if other not in seen:
                    seen.add(other)
                    frontier.append(other)
        return seen - set(ids)
