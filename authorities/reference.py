"""The councils reference file (authorities/data/councils.csv): parse and check it without Django, then
save it in one transaction. Run on every start, so it must be idempotent: a second run changes nothing."""

import csv
import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path

from authorities.which_council import Council, Directory

COUNCILS_CSV = Path(__file__).resolve().parent / "data" / "councils.csv"
_GSS = re.compile(r"^E(06|08|09|10)\d{6}$")


@dataclass
class CouncilRow:
    line: int
    gss_code: str
    dfe_number: int | None
    name: str
    short_name: str
    slug: str
    type: str
    region: str
    active_from: datetime.date | None
    active_to: datetime.date | None
    aliases: list[str] = field(default_factory=list)
    other_codes: list[str] = field(default_factory=list)
    successor_codes: list[str] = field(default_factory=list)
    notes: str = ""


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value.strip() else None


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split("|") if item.strip()]


def parse_councils(path: Path = COUNCILS_CSV) -> tuple[list[CouncilRow], list[str]]:
    """Rows of the file and a list of problems ("line 12: ..."); no problems means it is safe to save."""
    rows: list[CouncilRow] = []
    problems: list[str] = []
    with open(path, encoding="utf-8", newline="") as handle:
        numbered = [(n, line) for n, line in enumerate(handle, start=1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in numbered)
    for (line_number, _), record in zip(numbered[1:], reader, strict=False):
        try:
            row = CouncilRow(
                line=line_number,
                gss_code=record["gss_code"].strip(),
                dfe_number=int(record["dfe_number"]) if record["dfe_number"].strip() else None,
                name=record["name"].strip(),
                short_name=record["short_name"].strip(),
                slug=record["slug"].strip(),
                type=record["type"].strip(),
                region=record["region"].strip(),
                active_from=_date(record["active_from"]),
                active_to=_date(record["active_to"]),
                aliases=_split(record["aliases"]),
                other_codes=_split(record["other_codes"]),
                successor_codes=_split(record["successor_codes"]),
                notes=record.get("notes", "").strip(),
            )
        except (KeyError, ValueError) as error:
            problems.append(f"line {line_number}: cannot read the row ({error})")
            continue
        if not _GSS.match(row.gss_code):
            problems.append(f"line {line_number}: {row.gss_code!r} is not an English council code")
        rows.append(row)
    codes = [r.gss_code for r in rows]
    for code in {c for c in codes if codes.count(c) > 1}:
        problems.append(f"code {code} appears more than once")
    known = set(codes)
    for row in rows:
        for successor in row.successor_codes:
            if successor not in known:
                problems.append(f"line {row.line}: successor {successor} is not in the file")
        if row.successor_codes and not row.active_to:
            problems.append(f"line {row.line}: {row.short_name} has successors but no end date")
    return rows, problems


def council_directory(rows: list[CouncilRow]) -> Directory:
    """The rows as which_council's plain data, ids being their positions: the rule without a database."""
    position = {row.gss_code: n for n, row in enumerate(rows)}
    predecessors: dict[int, list[int]] = {}
    for n, row in enumerate(rows):
        for code in row.successor_codes:
            if code in position:
                predecessors.setdefault(position[code], []).append(n)
    return Directory.of(
        Council(
            id=n,
            gss_code=row.gss_code,
            short_name=row.short_name,
            names=(row.name, *row.aliases),
            other_codes=tuple(row.other_codes),
            active_from=row.active_from,
            active_to=row.active_to,
            predecessors=tuple(predecessors.get(n, ())),
            successors=tuple(position[code] for code in row.successor_codes if code in position),
        )
        for n, row in enumerate(rows)
    )
