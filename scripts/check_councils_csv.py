#!/usr/bin/env python
"""Cross-check authorities/data/councils.csv against itself and against the official data pack.

    python scripts/check_councils_csv.py [--csv PATH] [--official-dir DIR]

The official directory defaults to $OFFICIAL_DATA_DIR, else ../shared/data/official beside the project (where
the tests find it too). It must hold the six files that the CSV's `#` header names (SOURCES.md describes
them). ODS files are read with python-calamine.

Prints every problem with where it is and exits 1 if there is any; prints a summary and exits 0 otherwise.
Pure checks, no Django. The file is read by its one parser (authorities.reference.parse_councils, whose
problems are reported first); this script adds what only it checks: the values against each other, the
expected reorganisations, the sources named in the comments, and every official file's codes and names.

Names are compared after case-folding and collapsing whitespace only, so every spelling an official file uses
(other than by case) must be the row's name, short_name or one of its aliases.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import hashlib
import os
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from authorities.reference import COUNCILS_CSV, CouncilRow, council_directory, parse_councils  # noqa: E402

DEFAULT_OFFICIAL = Path(os.environ.get("OFFICIAL_DATA_DIR") or REPO.parent / "shared" / "data" / "official")

GSS_RE = re.compile(r"^E(06|08|09|10)\d{6}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
TYPE_BY_PREFIX = {"E06": "unitary", "E08": "metropolitan_borough", "E09": "london_borough", "E10": "county"}
REGIONS = {
    "North East",
    "North West",
    "Yorkshire and The Humber",
    "East Midlands",
    "West Midlands",
    "East of England",
    "London",
    "South East",
    "South West",
}

# Councils with children's services today. Change this when a reorganisation happens (Surrey, April 2027).
EXPECTED_CURRENT = 153
# Councils ended by reorganisations since 2009 that must be listed: code -> (dfe number, successor codes).
EXPECTED_DEFUNCT = {
    "E10000001": (820, {"E06000055", "E06000056"}),  # Bedfordshire, 2009 (not in the pack)
    "E10000004": (875, {"E06000049", "E06000050"}),  # Cheshire, 2009 (not in the pack)
    "E06000028": (837, {"E06000058"}),  # Bournemouth, 2019
    "E06000029": (836, {"E06000058"}),  # Poole, 2019
    "E10000009": (835, {"E06000059", "E06000058"}),  # Dorset County Council, 2019
    "E10000002": (825, {"E06000060"}),  # Buckinghamshire County Council, 2020
    "E10000021": (928, {"E06000061", "E06000062"}),  # Northamptonshire, 2021
    "E10000006": (909, {"E06000063", "E06000064"}),  # Cumbria, 2023
    "E10000023": (815, {"E06000065"}),  # North Yorkshire County Council, 2023
    "E10000027": (933, {"E06000066"}),  # Somerset County Council, 2023
}
# Fixed rows the rest of the project relies on (DOMAIN.md, SOURCES.md section 6).
SPOT_ROWS = {
    "E06000015": {
        "dfe_number": 831,
        "short_name": "Derby",
        "name": "Derby City Council",
        "type": "unitary",
        "region": "East Midlands",
        "slug": "derby",
    },
    "E10000007": {
        "dfe_number": 830,
        "short_name": "Derbyshire",
        "name": "Derbyshire County Council",
        "type": "county",
        "region": "East Midlands",
        "slug": "derbyshire",
    },
    "E10000008": {
        "dfe_number": 878,
        "short_name": "Devon",
        "name": "Devon County Council",
        "type": "county",
        "region": "South West",
        "slug": "devon",
    },
}
# Ofsted's 2023 history types councils in column D.
OFSTED_TYPES = {
    "Unitary": "unitary",
    "Metropolitan District": "metropolitan_borough",
    "London Borough": "london_borough",
    "Shire County": "county",
}
ODS_2025 = "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
ODS_2024 = "LA_Inspection_Outcomes_as_at_March_2024.ods"
ODS_2023 = "Childrens_social_care_in_England_2023_underlying_data.ods"
B1 = "b1_children_in_need_2013_to_2025.csv"
SN25 = "sn_model_2025_wide.csv"
SN21 = "New_Statistical_Neighbour_Groupings_April_2021.csv"
OFFICIAL_FILES = [ODS_2025, ODS_2024, ODS_2023, B1, SN25, SN21]
DATA_ROW_MARK = "Ofsted Local Authority Webpage"  # column A of every council row in the Ofsted sheets


def norm(text: str) -> str:
    """Case-fold and collapse whitespace: the only leeway name comparisons get."""
    return " ".join(str(text).split()).casefold()


def names(c: CouncilRow) -> set[str]:
    return {norm(c.name), norm(c.short_name), *(norm(a) for a in c.aliases)}


def label(c: CouncilRow) -> str:
    return f"line {c.line} {c.gss_code} {c.short_name}"


def three_digits(c: CouncilRow) -> str:
    """The DfE number as the official files write it: three digits."""
    return f"{c.dfe_number:03d}" if c.dfe_number is not None else ""


class Problems(list):
    def add(self, where: str, message: str) -> None:
        self.append(f"{where}: {message}")


# ---------------------------------------------------------------------------------------------------- the CSV
def check_layout(path: Path, problems: Problems) -> list[str]:
    """What the parser forgives: a byte order mark, comments below the header. Returns the comments."""
    data = path.read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        problems.add(str(path), "starts with a BOM; write plain UTF-8")
    lines = data.decode("utf-8-sig").splitlines()
    top = 0
    while top < len(lines) and lines[top].startswith("#"):
        top += 1
    if not top:
        problems.add(str(path), "no '#' comment lines naming the sources")
    if any(line.startswith("#") for line in lines[top:]):
        problems.add(str(path), "'#' lines after the header: comments belong at the top only")
    return lines[:top]


def check_rows(councils: list[CouncilRow], problems: Problems) -> None:
    for c in councils:
        if c.gss_code[:3] in TYPE_BY_PREFIX and TYPE_BY_PREFIX[c.gss_code[:3]] != c.type:
            problems.add(
                label(c),
                f"type {c.type!r} but a {c.gss_code[:3]} code means {TYPE_BY_PREFIX[c.gss_code[:3]]}",
            )
        if c.dfe_number is None or not 100 <= c.dfe_number <= 999:
            problems.add(label(c), f"dfe_number {c.dfe_number!r} is not three digits")
        if not c.name or not c.short_name:
            problems.add(label(c), "name and short_name are required")
        if not SLUG_RE.match(c.slug):
            problems.add(label(c), f"slug {c.slug!r} is not lowercase ascii with hyphens")
        if c.region not in REGIONS:
            problems.add(label(c), f"region {c.region!r} is not one of the nine ONS regions")
        if c.active_from and c.active_to and c.active_to <= c.active_from:
            problems.add(label(c), "active_to is not after active_from")
        for code in c.other_codes:
            if not GSS_RE.match(code):
                problems.add(label(c), f"other_codes entry {code!r} does not match {GSS_RE.pattern}")
            elif code == c.gss_code:
                problems.add(label(c), f"other_codes repeats the row's own code {code}")
        if c.current and c.successor_codes:
            problems.add(label(c), "a current council has successor_codes")
        if not c.current and not c.successor_codes:
            problems.add(label(c), "an ended council needs successor_codes")
        if not c.current and not c.notes:
            problems.add(label(c), "an ended council needs notes (when and how it ended)")
        own = {norm(c.name), norm(c.short_name)}
        seen = set()
        for alias in c.aliases:
            key = norm(alias)
            if key in own:
                problems.add(label(c), f"alias {alias!r} repeats the row's own name or short_name")
            if key in seen:
                problems.add(label(c), f"alias {alias!r} is given twice (ignoring case)")
            seen.add(key)
        if c.type == "county" and c.current and not c.name.endswith("County Council"):
            problems.add(label(c), "a county's name should be its formal 'X County Council'")


def check_table(councils: list[CouncilRow], problems: Problems) -> dict[str, CouncilRow]:
    """Uniqueness, successions, counts and spot rows. Returns the index of every code (own and other)."""
    current = [c for c in councils if c.current]
    ended = [c for c in councils if not c.current]
    if len(current) != EXPECTED_CURRENT:
        problems.add("table", f"{len(current)} current councils, expected {EXPECTED_CURRENT}")

    by_code: dict[str, CouncilRow] = {}
    for c in councils:
        for code in [c.gss_code, *c.other_codes]:
            if code in by_code:
                problems.add(label(c), f"code {code} is also used by {label(by_code[code])}")
            else:
                by_code[code] = c

    def duplicates(values, what, rows):
        counts = Counter(values)
        for value, count in counts.items():
            if count > 1:
                where = ", ".join(label(r) for r, v in zip(rows, values, strict=True) if v == value)
                problems.add("table", f"{what} {value!r} appears {count} times ({where})")

    duplicates([c.slug for c in councils], "slug", councils)
    duplicates([norm(c.name) for c in councils], "name", councils)
    duplicates([norm(c.short_name) for c in current], "short_name of a current council", current)
    duplicates([c.dfe_number for c in current], "DfE number of a current council", current)

    name_owner: dict[str, set[int]] = defaultdict(set)
    for i, c in enumerate(councils):
        name_owner[norm(c.name)].add(i)
        name_owner[norm(c.short_name)].add(i)
    alias_owner: dict[str, int] = {}
    for i, c in enumerate(councils):
        for alias in c.aliases:
            key = norm(alias)
            if key in alias_owner and alias_owner[key] != i:
                problems.add(
                    label(c), f"alias {alias!r} is also an alias of {label(councils[alias_owner[key]])}"
                )
            alias_owner.setdefault(key, i)
            others = name_owner.get(key, set()) - {i}
            for j in sorted(others):
                problems.add(label(c), f"alias {alias!r} is the name or short_name of {label(councils[j])}")

    for c in ended:
        for code in c.successor_codes:
            successor = by_code.get(code)
            if successor is None or successor.gss_code != code:
                problems.add(label(c), f"successor code {code} is not a row's gss_code")
                continue
            if successor is c:
                problems.add(label(c), "lists itself as successor")
                continue
            if (
                c.active_to
                and successor.active_from
                and successor.active_from != c.active_to + dt.timedelta(days=1)
            ):
                problems.add(
                    label(c),
                    f"ends {c.active_to} but successor {code} starts {successor.active_from}: "
                    "active_to is the last day, the successor starts the next day",
                )
            if c.active_to and not successor.active_on(c.active_to + dt.timedelta(days=1)):
                problems.add(label(c), f"successor {code} is not active the day after {c.active_to}")

    for code, (number, successors) in EXPECTED_DEFUNCT.items():
        defunct = by_code.get(code)
        if defunct is None or defunct.gss_code != code:
            problems.add("table", f"ended council {code} is missing")
            continue
        c = defunct
        if c.current:
            problems.add(label(c), "should be an ended council (active_to)")
        if c.dfe_number != number:
            problems.add(label(c), f"DfE number {c.dfe_number}, expected {number}")
        if set(c.successor_codes) != successors:
            problems.add(label(c), f"successors {sorted(c.successor_codes)}, expected {sorted(successors)}")

    for code, expected in SPOT_ROWS.items():
        spot = by_code.get(code)
        if spot is None or spot.gss_code != code:
            problems.add("spot rows", f"{code} is missing")
            continue
        c = spot
        for column, value in expected.items():
            if getattr(c, column) != value:
                problems.add(label(c), f"spot row: {column} is {getattr(c, column)!r}, expected {value!r}")
        if not c.current:
            problems.add(label(c), "spot row should be current")
    return by_code


def check_sources_comment(comments: list[str], official: Path, problems: Problems) -> None:
    text = "\n".join(comments)
    for filename in OFFICIAL_FILES:
        match = re.search(rf"{re.escape(filename)}\b.*?sha256 ([0-9a-f]{{64}})", text)
        if match is None:
            problems.add("comments", f"{filename} is not named with its sha256")
            continue
        path = official / filename
        if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() != match.group(1):
            problems.add("comments", f"{path} does not have the sha256 the CSV names: another edition?")
    if "Open Government Licence" not in text:
        problems.add("comments", "the licence (Open Government Licence) is not named")


def check_names(councils: list[CouncilRow], problems: Problems) -> None:
    """Every name of a current council must mean that council alone today, by the project's one rule
    (authorities.which_council): folded names of two current councils must not collide."""
    directory = council_directory(councils)
    today = dt.date.today()
    for n, c in enumerate(councils):
        if not c.current:
            continue
        for text in (c.name, c.short_name, *c.aliases):
            match = directory.resolve(text, today)
            if match.ids != {n}:
                others = sorted(councils[i].gss_code for i in match.ids - {n})
                problems.add(
                    label(c), f"{text!r} does not mean this council alone today: {match.problem or others}"
                )


# ------------------------------------------------------------------------------------------ official files
class Matcher:
    """Resolves what the official files say to rows of the CSV."""

    def __init__(self, councils: list[CouncilRow], by_code: dict[str, CouncilRow], problems: Problems):
        self.councils = councils
        self.by_code = by_code
        self.problems = problems
        self.by_name: dict[str, list[CouncilRow]] = defaultdict(list)
        for c in councils:
            for key in names(c):
                self.by_name[key].append(c)
        self.checked: Counter = Counter()

    def code(self, where: str, code: str) -> CouncilRow | None:
        council = self.by_code.get(code)
        if council is None:
            self.problems.add(where, f"code {code} is neither a row's gss_code nor in any row's other_codes")
        return council

    def name_is(self, where: str, council: CouncilRow, name: str) -> None:
        if norm(name) not in names(council):
            self.problems.add(
                where, f"name {name!r} is not the name, short_name or an alias of {label(council)}"
            )

    def name(self, where: str, name: str) -> list[CouncilRow]:
        found = self.by_name.get(norm(name), [])
        if not found:
            self.problems.add(where, f"name {name!r} is no row's name, short_name or alias")
        return found

    def region(self, where: str, council: CouncilRow, region: str) -> None:
        if not region_matches(council.region, region):
            self.problems.add(where, f"region {region!r} does not match {label(council)} ({council.region})")


def region_matches(ours: str, theirs: str) -> bool:
    theirs = norm(theirs)
    if theirs in ("inner london", "outer london", "london (inner)", "london (outer)"):
        theirs = "london"
    if theirs == "north east, yorkshire and the humber":  # Ofsted's eight regions join these two
        return norm(ours) in ("north east", "yorkshire and the humber")
    return norm(ours) == theirs


def check_b1(path: Path, m: Matcher, problems: Problems) -> None:
    seen: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    with open(path, encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["geographic_level"] != "Local authority":
                continue
            key = (row["old_la_code"], row["new_la_code"], row["la_name"], row["region_name"])
            seen[key].append(int(row["time_period"]))
    years_by_code: dict[str, list[int]] = defaultdict(list)
    for (dfe, code, name, region), years in seen.items():
        where = f"{B1} {dfe}/{code} {name!r}"
        years_by_code[code] += years
        council = m.code(where, code)
        if council is None:
            continue
        if three_digits(council) != dfe:
            problems.add(where, f"DfE number {dfe} but {label(council)} has {three_digits(council)}")
        m.name_is(where, council, name)
        m.region(where, council, region)
        m.checked[B1] += 1
    latest = max(max(y) for y in years_by_code.values())
    in_latest = {code for code, years in years_by_code.items() if latest in years}
    current = {c.gss_code for c in m.councils if c.current}
    for code in sorted(current - in_latest):
        problems.add(B1, f"current council {code} is not in the {latest} rows")
    for code in sorted(in_latest - current):
        problems.add(B1, f"{code} is in the {latest} rows but is not a current council's gss_code")
    for code, years in years_by_code.items():
        c = m.by_code.get(code)
        if c is None or c.gss_code != code:
            continue
        first, last = min(years), max(years)
        # b1 years run to 31 March: a council that ended on 31 March YYYY has YYYY as its last year,
        # one that started on 1 April YYYY has YYYY+1 as its first.
        if last < latest and c.active_to != dt.date(last, 3, 31):
            problems.add(
                f"{B1} {code}", f"last year {last}, so active_to should be {last}-03-31, not {c.active_to}"
            )
        if c.active_from and c.active_from.year >= 2012 and first != c.active_from.year + 1:
            problems.add(f"{B1} {code}", f"first year {first} does not fit active_from {c.active_from}")


def check_sn25(path: Path, m: Matcher, problems: Problems) -> None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    current_by_dfe = {three_digits(c): c for c in m.councils if c.current}
    seen = set()
    for line, row in enumerate(rows, start=2):
        where = f"{SN25} line {line} {row['old_la_code']} {row['la_name']!r}"
        seen.add(row["old_la_code"])
        council = current_by_dfe.get(row["old_la_code"])
        if council is None:
            problems.add(where, "DfE number is no current council's")
            continue
        m.name_is(where, council, row["la_name"])
        m.region(where, council, row["region_name"])
        for n in range(1, 11):
            if row[f"SN_{n}"] not in current_by_dfe:
                problems.add(where, f"neighbour SN_{n} {row[f'SN_{n}']} is no current council's DfE number")
        m.checked[SN25] += 1
    for dfe in sorted(set(current_by_dfe) - seen):
        problems.add(SN25, f"current council {label(current_by_dfe[dfe])} (DfE {dfe}) is not in the file")


def check_sn21(path: Path, m: Matcher, problems: Problems) -> None:
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f))
    by_dfe: dict[str, list[CouncilRow]] = defaultdict(list)
    for c in m.councils:
        by_dfe[three_digits(c)].append(c)
    for line, row in enumerate(rows[1:], start=2):
        if not row or not row[0].strip():
            continue  # separator lines around "Old SNs:"
        dfe, name, region = row[0], row[1], row[4]
        where = f"{SN21} line {line} {dfe} {name!r}"
        candidates = [c for c in by_dfe.get(dfe, []) if norm(name) in names(c)]
        if not candidates:
            problems.add(where, f"no row has DfE number {dfe} and this name among its names")
            continue
        for c in candidates:
            m.region(where, c, region)
        m.checked[SN21] += 1


def read_ods_tables(path: Path, sheet: str) -> list[dict[str, object]]:
    """Every council row of a sheet as {header: value}, under the nearest header above it (1 or 2 tables)."""
    from python_calamine import CalamineWorkbook

    data = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    header: list[str] | None = None
    out: list[dict[str, object]] = []
    for number, row in enumerate(data, start=1):
        if not row:
            continue
        first = " ".join(str(row[0]).split())
        if first == "Web link":
            header = [" ".join(str(h).split()) for h in row]
        elif first == DATA_ROW_MARK and header is not None:
            record: dict[str, object] = dict(zip(header, row, strict=False))
            record["_row"] = number
            out.append(record)
    return out


def region_of(record: dict[str, object]) -> str:
    for column in ("Ofsted region", "LA region", "Region"):
        if column in record:
            return str(record[column])
    raise KeyError("no region column")


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return None


def check_ods_2025(path: Path, m: Matcher, problems: Problems) -> None:
    current = {c.gss_code for c in m.councils if c.current}
    for sheet in ("Inspections_as_at_31_March", "In-year_inspections", "ILACS_inspection_history"):
        records = read_ods_tables(path, sheet)
        codes = set()
        for r in records:
            code, name = str(r["Local authority area code"]), str(r["Local authority name"])
            where = f"{ODS_2025} {sheet} row {r['_row']} {code} {name!r}"
            codes.add(code)
            council = m.code(where, code)
            if council is None:
                continue
            m.name_is(where, council, name)
            m.region(where, council, region_of(r))
            status = r.get("Local authority status")
            if status == "Current" and not council.current:
                problems.add(where, f"status Current but {label(council)} has ended")
            if status == "No longer exists" and council.current:
                problems.add(where, f"status 'No longer exists' but {label(council)} is current")
            day = as_date(r.get("Inspection date")) or as_date(r.get("Inspection/Visit date"))
            if day and not council.active_on(day):
                # The 2025 history back-fills a successor's code on its predecessor's inspection (SOURCES.md
                # quirk 6); accept that only when a predecessor that this council succeeded was active then.
                predecessors = [
                    p for p in m.councils if council.gss_code in p.successor_codes and p.active_on(day)
                ]
                if not predecessors:
                    problems.add(where, f"inspected {day}, when {label(council)} was not active")
                else:
                    m.checked["2025 back-filled codes (predecessor active then)"] += 1
            m.checked[f"{ODS_2025} {sheet}"] += 1
        if sheet == "Inspections_as_at_31_March" and codes != current:
            problems.add(
                f"{ODS_2025} {sheet}",
                f"codes differ from the current councils: only in file {sorted(codes - current)}, "
                f"only in CSV {sorted(current - codes)}",
            )


def check_ods_by_name(path: Path, filename: str, sheets: list[str], m: Matcher, problems: Problems) -> None:
    """The 2023 and 2024 files give names only: each must resolve, with matching region (type too in 2023)."""
    for sheet in sheets:
        records = read_ods_tables(path, sheet)
        in_sheet = set()
        for r in records:
            name = str(r["Local authority name"])
            where = f"{filename} {sheet} row {r['_row']} {name!r}"
            in_sheet.add(norm(name))
            found = m.name(where, name)
            if not found:
                continue
            if not any(region_matches(c.region, region_of(r)) for c in found):
                problems.add(where, f"region {region_of(r)!r} matches none of {[label(c) for c in found]}")
            typ = r.get("LA Authority Type")
            if typ is not None and OFSTED_TYPES.get(str(typ)) not in {c.type for c in found}:
                problems.add(where, f"type {typ!r} matches none of {[label(c) for c in found]}")
            m.checked[f"{filename} {sheet}"] += 1
        if sheet in ("Inspections_31_March_2024",):
            for c in m.councils:
                if c.current and not (names(c) & in_sheet):
                    problems.add(f"{filename} {sheet}", f"current council {label(c)} is not in the sheet")


# ---------------------------------------------------------------------------------------------------- main
def run(csv_path: Path, official: Path) -> tuple[Problems, list[str], list[str]]:
    problems = Problems()
    warnings: list[str] = []
    summary: list[str] = []
    comments = check_layout(csv_path, problems)
    councils, parse_problems = parse_councils(csv_path)
    problems.extend(parse_problems)
    if not councils:
        return problems, warnings, summary
    check_rows(councils, problems)
    by_code = check_table(councils, problems)
    check_names(councils, problems)
    current = sum(c.current for c in councils)
    summary.append(f"{csv_path}: {len(councils)} rows, {current} current, {len(councils) - current} ended")

    missing = [f for f in OFFICIAL_FILES if not (official / f).exists()]
    if missing:
        problems.add(
            str(official), f"official files missing: {missing} (set --official-dir or OFFICIAL_DATA_DIR)"
        )
        return problems, warnings, summary
    check_sources_comment(comments, official, problems)
    m = Matcher(councils, by_code, problems)
    check_b1(official / B1, m, problems)
    check_sn25(official / SN25, m, problems)
    check_sn21(official / SN21, m, problems)
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        problems.add("ODS", "python-calamine is not installed: the three Ofsted files were not checked")
    else:
        check_ods_2025(official / ODS_2025, m, problems)
        check_ods_by_name(
            official / ODS_2024,
            ODS_2024,
            ["Inspections_31_March_2024", "Inspections_in_year_2023-24", "ILACS_inspections_2018-2024"],
            m,
            problems,
        )
        check_ods_by_name(
            official / ODS_2023,
            ODS_2023,
            ["LA_inspections_2009-2023", "LA_level_at_31_Mar_2023", "LA_level_in_year_2022-23"],
            m,
            problems,
        )
    for what, count in m.checked.items():
        summary.append(f"  {count:5d} checked: {what}")
    return problems, warnings, summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--csv", type=Path, default=COUNCILS_CSV)
    parser.add_argument("--official-dir", type=Path, default=DEFAULT_OFFICIAL)
    args = parser.parse_args(argv)
    problems, warnings, summary = run(args.csv, args.official_dir)
    for line in summary:
        print(line)
    for line in warnings:
        print(f"WARNING {line}")
    if problems:
        for line in problems:
            print(f"PROBLEM {line}")
        print(f"FAILED: {len(problems)} problem(s)")
        return 1
    print("OK: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
