"""Reading an official spreadsheet (ODS/XLSX through calamine, or CSV) into sheets of numbered rows.

No Django here. Rows keep their 1-based spreadsheet numbers, so every problem and every stored fact can point
at the row a person would open in LibreOffice or Excel.
"""

import csv
import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# The workbook sheets an importer needs; the 2023 file's provider-level sheets are large and never read.
SPREADSHEET_SUFFIXES = {".ods", ".xlsx", ".xls", ".xlsm", ".xlsb"}


class NotASpreadsheet(Exception):
    """The bytes are not a spreadsheet calamine or the CSV reader can open."""


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)  # rows[0] is spreadsheet row 1

    def numbered(self, first: int = 1):
        """(row number, cells) from a 1-based row number onwards."""
        for index in range(first - 1, len(self.rows)):
            yield index + 1, self.rows[index]


@dataclass
class Workbook:
    file_name: str
    sha256: str
    sheet_names: list[str]
    is_csv: bool
    _reader: Any = None  # python-calamine's CalamineWorkbook (untyped)
    _cache: dict[str, Sheet] = field(default_factory=dict)

    def sheet(self, name: str) -> Sheet:
        if name not in self._cache:
            if self.is_csv:
                raise KeyError(name)
            rows = self._reader.get_sheet_by_name(name).to_python(skip_empty_area=False)
            self._cache[name] = Sheet(name, [list(r) for r in rows])
        return self._cache[name]


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(path: str | Path, data: bytes | None = None, file_name: str | None = None) -> Workbook:
    """Open a spreadsheet from a path (or its bytes). Sheets are read lazily: only those parsed cost time."""
    path = Path(path)
    file_name = file_name or path.name
    if data is None:
        data = path.read_bytes()
    digest = sha256_of(data)
    if Path(file_name).suffix.lower() == ".csv":
        return _load_csv(file_name, digest, data)
    from python_calamine import CalamineWorkbook

    try:
        reader = CalamineWorkbook.from_filelike(io.BytesIO(data))
        names = list(reader.sheet_names)
    except Exception as error:  # calamine raises its own error types for every malformed input
        raise NotASpreadsheet(f"{file_name} is not a spreadsheet that can be read ({error})") from error
    return Workbook(file_name, digest, names, is_csv=False, _reader=reader)


def _load_csv(file_name: str, digest: str, data: bytes) -> Workbook:
    if b"\x00" in data[:4096]:
        raise NotASpreadsheet(f"{file_name} is not a CSV text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        decoded = data.decode("cp1252", errors="strict") if _is_cp1252(data) else None
        if decoded is None:
            raise NotASpreadsheet(f"{file_name} is not a CSV text file") from None
        text = decoded
    rows = [list(row) for row in csv.reader(io.StringIO(text))]
    name = Path(file_name).stem
    book = Workbook(file_name, digest, [name], is_csv=True)
    book._cache[name] = Sheet(name, rows)
    return book


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True
