"""Broken variants of the real official files: rows read from the real file, edited, written as CSV or ODS."""

import csv
import datetime
import io
import zipfile
from xml.sax.saxutils import escape

from inspections.official.load import load
from tests.conftest import OFFICIAL_DIR

FILE_2023 = OFFICIAL_DIR / "Childrens_social_care_in_England_2023_underlying_data.ods"
FILE_2024 = OFFICIAL_DIR / "LA_Inspection_Outcomes_as_at_March_2024.ods"
FILE_2025 = OFFICIAL_DIR / "LA_Inspection_Outcomes_as_at_31_March_2025.ods"
SN_2025 = OFFICIAL_DIR / "sn_model_2025_wide.csv"
HISTORY_2025 = "ILACS_inspection_history"


def real_rows(path, sheet: str) -> list[list]:
    """The sheet's rows as calamine reads them (row 1 first), copied so that a test can edit them."""
    return [list(row) for row in load(path).sheet(sheet).rows]


def csv_bytes(rows: list[list]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    for row in rows:
        writer.writerow([_csv_cell(c) for c in row])
    return out.getvalue().encode("utf-8")


def _csv_cell(cell) -> str:
    if isinstance(cell, datetime.datetime | datetime.date):
        return cell.strftime("%d/%m/%Y")  # as a spreadsheet displays it
    return "" if cell is None else str(cell)


def ods_bytes(sheets: dict[str, list[list]]) -> bytes:
    """A minimal OpenDocument spreadsheet with typed date cells, enough for calamine (and LibreOffice)."""
    tables = []
    for name, rows in sheets.items():
        xml_rows = []
        for row in rows:
            cells = "".join(_ods_cell(c) for c in row)
            xml_rows.append(f"<table:table-row>{cells or '<table:table-cell/>'}</table:table-row>")
        tables.append(f'<table:table table:name="{escape(name)}">{"".join(xml_rows)}</table:table>')
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED
        )
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _ods_cell(cell) -> str:
    if cell is None or cell == "":
        return "<table:table-cell/>"
    if isinstance(cell, datetime.datetime | datetime.date):
        day = cell.strftime("%Y-%m-%dT00:00:00")
        return (
            f'<table:table-cell office:value-type="date" office:date-value="{day}">'
            f"<text:p>{cell:%d/%m/%Y}</text:p></table:table-cell>"
        )
    text = escape(str(cell))
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def workbook_sheets(path) -> dict[str, list[list]]:
    """Every sheet of a (small) real workbook, to rewrite as ODS with one thing changed."""
    book = load(path)
    return {name: [list(r) for r in book.sheet(name).rows] for name in book.sheet_names}
