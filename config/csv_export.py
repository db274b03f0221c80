"""One CSV export for every table: what a user sees is what they download.

Scrutiny committees open these in Excel, so the file starts with a UTF-8 byte-order mark, dates are ISO,
there is one header row, and any text cell that a spreadsheet would run as a formula is neutralised. Rows are
streamed from the database with `iterator()`, so a national export never sits in memory.
"""

import csv
import datetime
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


def csv_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])


def csv_response(filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(csv_lines(header, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


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
    paths, readers = [], []
    for column in columns:
        entry = spec[column.name]
        fields, function = ((entry,), None) if isinstance(entry, str) else entry
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
