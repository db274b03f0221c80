"""The DfE statistical-neighbour model (sn_model_2025_wide.csv): each council's ten closest councils, ranked,
with a closeness band, into authorities.StatisticalNeighbour.

Councils are matched by DfE LA number (current councils first: a number is unique among them). Reading is
plain Python; only save_neighbours touches the database.
"""

import re
from dataclasses import dataclass

from authorities.names import fold
from inspections.official.load import Workbook
from inspections.official.problems import Problem, column_letter

RANKS = range(1, 11)


@dataclass
class NeighbourRow:
    row: int
    dfe_number: int
    name: str
    neighbours: list[tuple[int, int, str]]  # (rank, DfE number, band)


def is_neighbour_model(book: Workbook) -> bool:
    if not book.is_csv:
        return False
    rows = book.sheet(book.sheet_names[0]).rows
    header = [str(c).strip().lower() for c in rows[0]] if rows else []
    return "sn_1" in header or "sn1" in header


def model_name(file_name: str) -> str:
    year = re.search(r"(20\d\d)", file_name)
    return f"DfE {year.group(1)}" if year else "DfE"


def parse_neighbours(book: Workbook) -> tuple[list[NeighbourRow], list[Problem]]:
    sheet = book.sheet(book.sheet_names[0])
    header = [str(c).strip().lower() for c in sheet.rows[0]]
    problems: list[Problem] = []

    def column(*names):
        return next((header.index(n) for n in names if n in header), None)

    number_col = column("old_la_code", "la num", "la_code")
    name_col = column("la_name", "la name")
    rank_cols = {rank: column(f"sn_{rank}", f"sn{rank}") for rank in RANKS}
    for label, index in [("old_la_code", number_col), ("la_name", name_col)] + [
        (f"SN_{rank}", index) for rank, index in rank_cols.items()
    ]:
        if index is None:
            problems.append(Problem(f"missing column '{label}'", sheet.name, 1))
    if problems:
        return [], problems

    rows = []
    for number, cells in sheet.numbered(2):
        if not cells or not str(cells[number_col]).strip():
            if any(str(c).strip() for c in cells):
                break  # the 2021 file's "Old SNs" block of councils that no longer exist
            continue
        la = _number(cells[number_col])
        if la is None:
            problems.append(Problem(f"not a DfE LA number: {cells[number_col]!r}", sheet.name, number, "A"))
            continue
        found = []
        for rank, index in rank_cols.items():
            neighbour = _number(cells[index]) if index < len(cells) else None
            band = " ".join(str(cells[index + 1]).split()) if index + 1 < len(cells) else ""
            if neighbour is None:
                problems.append(
                    Problem(
                        f"neighbour {rank} is not a DfE LA number: {cells[index]!r}",
                        sheet.name,
                        number,
                        column_letter(index),
                    )
                )
                continue
            found.append((rank, neighbour, band))
        rows.append(NeighbourRow(number, la, str(cells[name_col]).strip(), found))
    if not rows and not problems:
        problems.append(Problem("the file lists no councils", sheet.name))
    return rows, problems


def _number(cell) -> int | None:
    text = str(cell).strip()
    return int(text) if text.isdigit() else None


def save_neighbours(rows: list[NeighbourRow], model: str, sheet: str) -> tuple[dict, list[Problem]]:
    """Replace the model's neighbours when they differ (so a second import writes nothing)."""
    from authorities.models import Authority, StatisticalNeighbour

    by_number: dict[int, list] = {}
    for pk, number, short_name, name, active_to in Authority.objects.values_list(
        "pk", "dfe_number", "short_name", "name", "active_to"
    ):
        by_number.setdefault(number, []).append((active_to is not None, pk, fold(short_name), fold(name)))
    problems = []

    def council(number, name, row):
        candidates = sorted(by_number.get(number, []))  # current councils first
        if not candidates:
            problems.append(
                Problem(f"unknown council: DfE LA number {number} ({name or 'a neighbour'})", sheet, row)
            )
            return None
        return candidates[0][1]

    wanted = set()
    for row in rows:
        authority = council(row.dfe_number, row.name, row.row)
        for rank, number, band in row.neighbours:
            neighbour = council(number, "", row.row)
            if authority and neighbour:
                wanted.add((authority, rank, neighbour, band))
    if problems:
        return {}, problems
    stored = set(
        StatisticalNeighbour.objects.filter(model=model).values_list(
            "authority_id", "rank", "neighbour_id", "closeness"
        )
    )
    if stored != wanted:
        StatisticalNeighbour.objects.filter(model=model).delete()
        StatisticalNeighbour.objects.bulk_create(
            StatisticalNeighbour(authority_id=a, rank=r, neighbour_id=n, closeness=b, model=model)
            for a, r, n, b in sorted(wanted)
        )
    return {
        "model": model,
        "councils": len(rows),
        "neighbours": len(wanted),
        "added": len(wanted - stored),
        "removed": len(stored - wanted),
        "unchanged": len(wanted & stored),
    }, []
