"""The reader's gazetteer (inspections.reading.councils.Gazetteer) from the councils reference file, parsed by
its one parser (authorities.reference.parse_councils). Plain Python: `read_document` and the benchmarks use it
without a database; uploads use the database's councils (inspections.documents.read.gazetteer_from_db)."""

from pathlib import Path

from authorities.reference import COUNCILS_CSV, CouncilRow, parse_councils
from inspections.reading.councils import Council, Gazetteer


def reader_council(row: CouncilRow) -> Council:
    return Council(
        code=row.gss_code,
        name=row.name,
        short_name=row.short_name,
        aliases=tuple(row.aliases),
        active_from=row.active_from,
        active_to=row.active_to,
        other_codes=tuple(row.other_codes),
        dfe_number=str(row.dfe_number or ""),
    )


def gazetteer_from_rows(rows: list[CouncilRow]) -> Gazetteer:
    return Gazetteer([reader_council(row) for row in rows])


def reference_gazetteer(path: Path = COUNCILS_CSV) -> tuple[Gazetteer, list[str]]:
    """The gazetteer of every row that could be read, and the file's problems ("line 12: ..."), which the
    caller shows: a row with a bad code is still a council the reader can name."""
    rows, problems = parse_councils(path)
    return gazetteer_from_rows(rows), problems
