"""Checks on parsed official events, and matching each to a council. No Django: the councils come in as plain
data (authorities.which_council.Directory).

Councils are matched by authorities.which_council's one rule: code first, then name (aliases included, names
folded), then date. The files put one name (Dorset, North Yorkshire, Somerset, Buckinghamshire) on two
councils, and the 2025 history back-fills a new council's code onto its predecessor's inspections: an event
belongs to the council that existed on its date; if the named council did not, its predecessors and successors
are searched.
"""

import datetime

from authorities.which_council import Directory
from inspections.official.parse import OfficialEvent, ParsedFile
from inspections.official.problems import Problem

# A report is published weeks after the inspection; when only the publication date is known, a council that
# ended up to this long before it may still have been the one inspected.
PUBLICATION_LAG = datetime.timedelta(days=240)


def resolve_councils(events: list[OfficialEvent], directory: Directory) -> list[Problem]:
    """Set each event's authority_id; an event whose council cannot be found is a problem, never skipped."""
    problems = []
    for event in events:
        if event.date is None:
            # Which council a name meant depends on the day (reorganisations); parse gives every event one.
            problems.append(
                Problem("the row gives neither a first day nor a publication date", event.sheet, event.row)
            )
            continue
        lag = PUBLICATION_LAG if event.start is None else datetime.timedelta(0)
        match = directory.resolve(event.council_name, event.date, code=event.council_code, lag=lag)
        event.authority_id = match.one
        if match.problem:
            problems.append(Problem(match.problem, event.sheet, event.row))
    return problems


def check(parsed: ParsedFile, directory: Directory) -> list[Problem]:
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
