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
HEADER = [
    "gss_code",
    "dfe_number",
    "name",
    "short_name",
    "slug",
    "type",
    "region",
    "active_from",
    "active_to",
    "aliases",
    "other_codes",
    "successor_codes",
    "notes",
]


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

    @property
    def current(self) -> bool:
        return self.active_to is None

    def active_on(self, day: datetime.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )


def _date(value: str) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value.strip() else None


def _split(value: str) -> list[str]:
    return [item.strip() for item in value.split("|") if item.strip()]


def parse_councils(path: Path = COUNCILS_CSV) -> tuple[list[CouncilRow], list[str]]:
    """Rows of the file and a list of problems ("line 12: ..."); no problems means it is safe to save.

    The one parser of the file: the loader, scripts/check_councils_csv.py and the reader's gazetteer
    (inspections.gazetteer) all read it through here. Comment lines (#) are skipped wherever they are; a row
    that cannot be read is a problem and is left out, the others are still given.
    """
    rows: list[CouncilRow] = []
    problems: list[str] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        numbered = [(n, line) for n, line in enumerate(handle, start=1) if not line.startswith("#")]
    reader = csv.reader(line for _, line in numbered)
    header = next(reader, None)
    if header != HEADER:
        where = numbered[0][0] if numbered else 1
        return [], [f"line {where}: the header is {header}, expected {HEADER}"]
    for values in reader:
        line_number = numbered[reader.line_num - 1][0]
        if len(values) != len(HEADER):
            what = "a blank line" if not values else f"{len(values)} fields, expected {len(HEADER)}"
            problems.append(f"line {line_number}: {what}")
            continue
        record = dict(zip(HEADER, values, strict=True))
        padded = [column for column, value in record.items() if value != value.strip()]
        if padded:
            problems.append(f"line {line_number}: leading or trailing spaces in {', '.join(padded)}")
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
                notes=record["notes"].strip(),
            )
        except ValueError as error:
            problems.append(f"line {line_number}: cannot read the row ({error})")
            continue
        if not _GSS.match(row.gss_code):
            problems.append(f"line {line_number}: {row.gss_code!r} is not an English council code")
        rows.append(row)
    codes = [r.gss_code for r in rows]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
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
