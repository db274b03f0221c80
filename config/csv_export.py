"""One CSV export for every table: what a user sees is what they download.

Scrutiny committees open these in Excel, so the file starts with a UTF-8 byte-order mark, dates are ISO,
there is one header row, and any text cell that a spreadsheet would run as a formula is neutralised. Rows are
streamed from the database (PostgreSQL's COPY where it can, config.csv_copy; else `iterator()`), so a national
export never sits in memory. The last line counts the rows and says the file is complete (`trailer`): a
download cut short (a worker killed, a connection dropped) lacks it, so it can never pass for a whole file.
Lines end with a line feed, as PostgreSQL's COPY writes them.
"""

import csv
import datetime
import io
import unicodedata
from collections.abc import Iterable, Iterator

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils.encoding import force_str
from django_tables2.rows import BoundRow

BOM = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection"); the full-width
# forms too, which some spreadsheets fold to the plain ones.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _formula_like(text: str) -> bool:
    """Whether a spreadsheet could read the text as a formula: spreadsheets skip leading spaces, and a person
    cannot see zero-width or other format characters, so both are looked past before the first character."""
    start = 0
    while start < len(text) and (text[start].isspace() or unicodedata.category(text[start]) in {"Cf", "Cc"}):
        if text[start] in "\t\r":
            return True
        start += 1
    return text[start:].startswith(_FORMULA_STARTS)


def safe_cell(value) -> str | int | float:
    """A value ready for a CSV cell: text that could run as a formula is prefixed with a single quote."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, int | float):
        return value  # a number is data, even when negative
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    text = force_str(value)
    if _formula_like(text):
        return "'" + text
    return text


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


_WRITER = csv.writer(_Echo(), lineterminator="\n")


def csv_line(cells: Iterable) -> str:
    return _WRITER.writerow([safe_cell(cell) for cell in cells])


def trailer(rows: int) -> str:
    """The last line of every export: without it, a file is incomplete."""
    return f"# End of data: {rows} rows. A file without this line is incomplete.\n"


class IncompleteExport(ValueError):
    pass


def read_export(text: str) -> list[list[str]]:
    """The header and rows of one of our exports, checked whole: its trailer is there and counts the rows
    (for scripts and tests that read our files back)."""
    body, _, last = text.removeprefix(BOM).rstrip("\n").rpartition("\n")
    rows = list(csv.reader(io.StringIO(body)))
    if last != trailer(len(rows) - 1).rstrip("\n"):
        raise IncompleteExport(f"The file is incomplete: its last line is {last[:80]!r}")
    return rows


BLOCK_CHARS = 64 * 1024  # sent in blocks of lines: one network send per line made a national file crawl


def csv_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    block, size, count = [BOM + csv_line(header)], 0, 0
    for row in rows:
        count += 1
        line = csv_line(row)
        block.append(line)
        size += len(line)
        if size >= BLOCK_CHARS:
            yield "".join(block)
            block, size = [], 0
    block.append(trailer(count))
    yield "".join(block)


def _streaming(lines, filename: str) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    return _streaming(csv_lines(header, rows), filename)


def table_rows(table, data: Iterable | None = None) -> tuple[list[str], Iterator[list]]:
    """The header and rows of a django-tables2 table, as its columns show them (value_FOO methods win).

    Columns marked exclude_from_export are left out; querysets are read in chunks rather than cached.
    """
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    header = [force_str(c.header) for c in columns]
    records = data if data is not None else table.data.data
    if isinstance(records, QuerySet):
        records = records.iterator(chunk_size=2000)

    def rows():
        for record in records:
            row = BoundRow(record, table=table)
            yield [row.get_cell_value(c.name) for c in columns]

    return header, rows()


def table_csv_response(table, filename: str) -> StreamingHttpResponse:
    header, rows = table_rows(table)
    return csv_response(filename, header, rows)


def export_csv(table, filename):
    """THE CSV export of a table: read with values_list if the table has `export_fields`, else cell by cell.

    django-tables2 renders a cell in about a quarter of a millisecond, so a national export cell by cell runs
    at a few hundred rows a second. A table may declare, for each exported column, the fields its value comes
    from and how (`export_fields = {"column": "path"}` or `{"column": (("path", ...), function)}`): the
    header, columns, filters and order stay the table's own (tests/dashboards/test_exports.py checks that both
    paths write the same file), and rows stream at tens of thousands a second.
    """
    spec = getattr(table, "export_fields", None)
    records = table.data.data
    if not spec:
        return table_csv_response(table, filename)
    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    header = [force_str(c.header) for c in columns]
    entries = [((spec[c.name],), None) if isinstance(spec[c.name], str) else spec[c.name] for c in columns]
    if isinstance(records, QuerySet):
        from config.csv_copy import NotExpressible, copy_lines

        try:
            lines = copy_lines(
                records, entries, first_line=BOM + csv_line(header), safe_cell=safe_cell, last_line=trailer
            )
            return _streaming(lines, filename)
        except NotExpressible:
            pass  # cell by cell below
    paths, readers = [], []
    for fields, function in entries:
        start = len(paths)
        paths.extend(fields)
        readers.append((start, start + len(fields), function))

    if isinstance(records, QuerySet):
        source = records.values_list(*paths).iterator(chunk_size=2000)
    else:  # rows as dicts: the fields are their keys
        source = ([record[path] for path in paths] for record in records)

    def rows():
        for values in source:
            yield [
                function(*values[start:end]) if function else values[start]
                for start, end, function in readers
            ]

    return csv_response(filename, header, rows())
