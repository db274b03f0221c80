"""Rows of an official table → plain events with their judgements, and a list of problems. No Django.

Every event remembers its sheet and 1-based row, and every judgement the cell's own wording, so that what is
saved can say exactly where it came from. Councils are not resolved here (that needs the councils list: see
check.py).
"""

import datetime
import re
from dataclasses import dataclass, field

from inspections.official import layouts as L
from inspections.official.load import Sheet, Workbook
from inspections.official.problems import Problem, column_letter
from inspections.reading.vocabulary import FRAMEWORK_GRADES, grade_value

CARE_LEAVERS_JUDGED_APART_FROM = datetime.date(2023, 1, 1)


@dataclass
class OfficialJudgement:
    theme: str
    section: str
    parent_theme: str
    label: str  # the judgement's name in the framework's words
    grade_as_framework_writes: str  # "Adequate" for a SLAC/CPI grade 3, "Requires improvement" for the SIF
    table_wording: str  # the cell exactly as the table has it, e.g. "Requires improvement to be good"
    value: int
    column: str = ""  # spreadsheet letter and header


@dataclass
class OfficialEvent:
    council_code: str
    council_name: str
    kind: str
    reinspection: bool
    inspection_type: str
    focus: str
    start: datetime.date | None
    published: datetime.date | None
    judgements: list[OfficialJudgement]
    sheet: str
    row: int
    quote: str = ""  # the cells that place the event: name, type, dates, visit theme
    council_status: str = ""  # "Current" / "No longer exists" where the table says
    authority_id: int | None = None  # set by check.resolve_councils

    @property
    def date(self) -> datetime.date | None:
        return self.start or self.published


@dataclass
class ParsedFile:
    file_name: str
    sha256: str
    workbook_kind: str = ""
    edition: str = ""
    edition_date: datetime.date | None = None
    events: list[OfficialEvent] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    sheets: dict[str, str] = field(default_factory=dict)  # sheet name → role
    rows_read: int = 0


def parse(book: Workbook, edition: str = "", edition_date: datetime.date | None = None) -> ParsedFile:
    result = ParsedFile(book.file_name, book.sha256)
    if book.is_csv:
        _parse_csv(book, result)
    else:
        _parse_workbook(book, result)
    result.edition = edition or result.edition or book.file_name
    result.edition_date = edition_date or result.edition_date
    return result


# --- Which sheets
# ---------------------------------------------------------------------------------------------


def _parse_csv(book: Workbook, result: ParsedFile) -> None:
    sheet = book.sheet(book.sheet_names[0])
    header_rows = _header_rows(sheet)
    if not header_rows:
        result.problems.append(Problem(_NO_HEADER, sheet.name))
        return
    headers = _headers(sheet.rows[header_rows[0] - 1])
    layout = max(L.ALL_LAYOUTS, key=lambda lay: _signature_score(lay, headers))
    if _signature_score(layout, headers) == 0:
        result.problems.append(
            Problem(
                "this table is not one of Ofsted's LA inspection tables (no column such as "
                "'Overall effectiveness', 'Inspection/Visit type' or 'First SIF publication date')",
                sheet.name,
                header_rows[0],
            )
        )
        return
    result.workbook_kind = "csv"
    result.sheets[sheet.name] = layout.role
    _parse_sheet(sheet, layout, result)


def _parse_workbook(book: Workbook, result: ParsedFile) -> None:
    result.edition, result.edition_date, cover_text = _cover(book)
    kind = _workbook_kind(book, cover_text)
    if not kind:
        result.problems.append(
            Problem(
                "this spreadsheet is not an Ofsted LA inspection table: expected 'Local authority inspection "
                "outcomes' or 'Children's social care data in England' with sheets such as "
                f"'ILACS_inspection_history' or 'LA_inspections_2009-2023'; "
                f"it has {_listed(book.sheet_names)}"
            )
        )
        return
    result.workbook_kind = kind
    for wanted in L.WORKBOOKS[kind]["layouts"]:
        options = wanted if isinstance(wanted, tuple) else (wanted,)
        found = _find_sheet(book, options)
        if found is None:
            result.problems.append(
                Problem(
                    f"the sheet of {options[0].title} (named like '{options[0].example_name}') is missing or "
                    f"renamed; the workbook has {_listed(book.sheet_names)}"
                )
            )
            continue
        sheet, layout = found
        result.sheets[sheet.name] = layout.role
        _parse_sheet(sheet, layout, result)


def _cover(book: Workbook) -> tuple[str, datetime.date | None, str]:
    cover_name = next((n for n in book.sheet_names if n.strip().lower() in ("cover", "cover sheet")), None)
    if cover_name is None:
        return "", None, ""
    rows = book.sheet(cover_name).rows
    cells = [c for row in rows for c in row if c not in ("", None)]
    text = " ".join(str(c) for c in cells).lower()
    title = ""
    published = None
    for row in rows:
        values = [c for c in row if c not in ("", None)]
        if not values:
            continue
        first = str(values[0]).strip()
        if not title and len(values) == 1 and "cover sheet" not in first.lower():
            title = first
        if first.lower().startswith("policy area") and len(values) > 1 and not title:
            title = str(values[1]).strip()
        if first.lower().startswith("published on") and len(values) > 1:
            published, _ = _read_date(values[1])
    if not title:
        area = next((r for r in rows if r and str(r[0]).lower().startswith("policy area")), None)
        title = str(area[1]).strip() if area and len(area) > 1 else ""
    edition = title
    if published:
        edition = (
            f"{title}, published {published.day} {published:%B %Y}" if title else f"published {published}"
        )
    return edition, published, text


def _workbook_kind(book: Workbook, cover_text: str) -> str:
    names = book.sheet_names
    if any(L.HISTORY_2009.sheet_name.search(n) for n in names) or "children's social care data" in cover_text:
        return "childrens_social_care_data"
    layouts = (L.LATEST, L.IN_YEAR, L.ILACS_LONG)
    if any(lay.sheet_name.search(n) for lay in layouts for n in names) or (
        "local authority inspection outcomes" in cover_text
    ):
        return "la_inspection_outcomes"
    return ""


def _find_sheet(book: Workbook, options: tuple[L.SheetLayout, ...]):
    for name in book.sheet_names:
        if not options[0].sheet_name.search(name):
            continue
        sheet = book.sheet(name)
        header_rows = _header_rows(sheet)
        if len(options) == 1 or not header_rows:
            return sheet, options[0]
        headers = _headers(sheet.rows[header_rows[0] - 1])
        return sheet, max(options, key=lambda lay: _signature_score(lay, headers))
    return None


def _signature_score(layout: L.SheetLayout, headers: dict[str, int]) -> int:
    return sum(1 for h in layout.signature if h in headers)


def _listed(names) -> str:
    return "sheets " + ", ".join(f"'{n}'" for n in names) if names else "no sheets"


# --- One sheet
# ------------------------------------------------------------------------------------------------

_NO_HEADER = "no table header found (a row whose column A reads 'Web link')"


def _header_rows(sheet: Sheet) -> list[int]:
    """1-based numbers of the rows that start a table, found by content (the sheets' notes misplace them)."""
    return [n for n, row in sheet.numbered() if row and L.normalise_header(row[0]) == "web link"]


def _headers(row: list) -> dict[str, int]:
    headers = {}
    for index, cell in enumerate(row):
        key = L.normalise_header(cell)
        if key and key not in headers:
            headers[key] = index
    return headers


@dataclass
class _Columns:
    """Where one table's columns are: index by purpose, and the header as written for quotes and problems."""

    written: list[str]
    name: int
    code: int | None
    status: int | None
    visit_theme: int | None
    groups: list[tuple[L.EventColumns, dict]]  # each group's column indexes

    def describe(self, index: int) -> str:
        return f"{column_letter(index)} ({self.written[index]})"


def _parse_sheet(sheet: Sheet, layout: L.SheetLayout, result: ParsedFile) -> None:
    header_rows = _header_rows(sheet)
    if not header_rows:
        result.problems.append(Problem(_NO_HEADER, sheet.name))
        return
    bounds = [*header_rows, len(sheet.rows) + 1]
    for header_row, next_header in zip(bounds, bounds[1:], strict=False):
        columns = _locate_columns(sheet, layout, header_row, result)
        if columns is None:
            continue
        for number in range(header_row + 1, next_header):
            row = sheet.rows[number - 1]
            name = _text(row, columns.name)
            if not name:
                continue  # blank rows and table titles between the tables
            result.rows_read += 1
            result.events.extend(_events_of_row(sheet.name, number, row, name, columns, result.problems))


def _locate_columns(sheet: Sheet, layout: L.SheetLayout, header_row: int, result: ParsedFile):
    raw = sheet.rows[header_row - 1]
    written = [" ".join(str(c or "").split()) for c in raw]
    headers = _headers(raw)
    missing: list[str] = []

    def find(options: tuple[str, ...], required: bool, problem_name: str = ""):
        for option in options:
            if option in headers:
                return headers[option]
        if required and options:
            missing.append(problem_name or options[0])
        return None

    name = find(layout.name, True)
    code = find(layout.code, False)
    status = find(layout.status, False)
    visit_theme = find(layout.visit_theme, bool(layout.visit_theme))
    groups = []
    for group in layout.events:
        indexes = {
            "published": find(group.published, False),
            "start": find(group.start, False),
            "type": find(group.type, False),
            "judgements": {c.key: (c, find(c.headers, False)) for c in group.judgements},
        }
        present = [i for i in (indexes["published"], indexes["start"], indexes["type"]) if i is not None]
        present += [i for _, i in indexes["judgements"].values() if i is not None]
        if not group.required and not present:
            continue  # e.g. no second ILACS in the table of councils that no longer exist
        if group.published and indexes["published"] is None and not group.published_optional:
            missing.append(group.published[0])
        if group.start and indexes["start"] is None:
            missing.append(group.start[0])
        if group.type and indexes["type"] is None:
            missing.append(group.type[0])
        for column, index in indexes["judgements"].values():
            if index is None and column.required:
                missing.append(column.headers[0])
        groups.append((group, indexes))
    if missing:
        for header in missing:
            result.problems.append(
                Problem(f"missing column '{header}' (or it was renamed)", sheet.name, header_row)
            )
        return None
    return _Columns(written, name, code, status, visit_theme, groups)


def _events_of_row(sheet: str, number: int, row: list, name: str, columns: _Columns, problems: list[Problem]):
    code = _text(row, columns.code).upper()
    status = _text(row, columns.status)
    visit_theme = _text(row, columns.visit_theme)
    events = []
    for group, indexes in columns.groups:
        event = _event(sheet, number, row, name, code, status, visit_theme, group, indexes, columns, problems)
        if event is not None:
            events.append(event)
    return _join_same_day_reinspections(events)


def _event(sheet, number, row, name, code, status, visit_theme, group, indexes, columns, problems):
    def problem(message, index=None):
        problems.append(Problem(message, sheet, number, columns.describe(index) if index is not None else ""))

    quote = [f"{columns.written[columns.name]}: {name}"]
    dates = {}
    for which in ("start", "published"):
        index = indexes[which]
        if index is None or _blank(row[index] if index < len(row) else ""):
            dates[which] = None
            continue
        cell = row[index]
        day, state = _read_date(cell)
        if state == "not_inspected":
            return None  # "Not yet inspected": a council with nothing to record yet
        if state == "unreadable":
            problem(f"date cannot be read: {cell!r}", index)
            return None
        dates[which] = day
        quote.append(f"{columns.written[index]}: {day.isoformat()}")

    kind, inspection_type = group.kind, ""
    type_index = indexes["type"]
    type_cell = _text(row, type_index)
    if type_cell:
        quote.append(f"{columns.written[type_index]}: {type_cell}")
        found = L.EVENT_TYPES.get(" ".join(type_cell.lower().split()))
        if found is None:
            problem(f"unknown inspection or visit type {type_cell!r}", type_index)
            return None
        if group.kind and found[0] != group.kind:
            problem(f"type {type_cell!r} is not a {group.kind.upper()} inspection", type_index)
            return None
        kind, inspection_type = found

    judgements = []
    for column, index in indexes["judgements"].values():
        if index is None:
            continue
        cell = _text(row, index)
        if not cell or cell.lower().strip(" .") in L.NOT_JUDGED or cell.strip() == "-":
            continue
        value = grade_value(cell)
        if value is None:
            problem(f"grade outside the vocabulary: {cell!r}", index)
            continue
        judgements.append((column, index, cell, value))

    if not dates["start"] and not dates["published"]:
        if judgements or type_cell:
            problem("judgements or a type without any date", indexes["published"] or indexes["start"])
        return None
    if not kind:
        problem("no inspection or visit type", type_index)
        return None
    if judgements and kind not in FRAMEWORK_GRADES:
        problem(f"a {kind.replace('_', ' ')} is not graded, but this row has grades", judgements[0][1])
        return None

    day = dates["start"] or dates["published"]
    has_care_leavers = any(c.theme == "care_leavers" for c, *_ in judgements)
    official = []
    for column, index, cell, value in judgements:
        label = column.label
        if (
            kind == "ilacs"
            and column.theme == "children_in_care"
            and (
                "care leavers" in columns.written[index].lower()
                or (not has_care_leavers and day < CARE_LEAVERS_JUDGED_APART_FROM)
            )
        ):
            label = L.ILACS_COMBINED_LABEL
        official.append(
            OfficialJudgement(
                theme=column.theme,
                section=column.section,
                parent_theme=column.parent_theme,
                label=label,
                grade_as_framework_writes=FRAMEWORK_GRADES[kind][value],
                table_wording=cell,
                value=value,
                column=columns.describe(index),
            )
        )
    focus = group.focus
    if visit_theme and kind not in FRAMEWORK_GRADES:
        focus = visit_theme
        quote.append(f"{columns.written[columns.visit_theme]}: {visit_theme}")
    return OfficialEvent(
        council_code=code,
        council_name=name,
        kind=kind,
        reinspection=group.reinspection,
        inspection_type=inspection_type,
        focus=focus,
        start=dates["start"],
        published=dates["published"],
        judgements=official,
        sheet=sheet,
        row=number,
        quote="; ".join(quote),
        council_status=status,
    )


def _join_same_day_reinspections(events: list[OfficialEvent]) -> list[OfficialEvent]:
    """A SLAC re-inspection of both services published on one day is one event (Cornwall, Warrington 2011)."""
    joined: list[OfficialEvent] = []
    for event in events:
        twin = next(
            (
                e
                for e in joined
                if e.kind == event.kind
                and e.reinspection
                and event.reinspection
                and (e.published, e.start) == (event.published, event.start)
            ),
            None,
        )
        if twin is None:
            joined.append(event)
            continue
        twin.judgements.extend(event.judgements)
        twin.focus = f"{twin.focus} and {event.focus[0].lower()}{event.focus[1:]}"
        twin.quote = f"{twin.quote}; {event.quote.split('; ', 1)[-1]}"
    return joined


# --- Cells
# ----------------------------------------------------------------------------------------------------

_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d %H:%M:%S", "%d/%m/%y")
_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_PLAUSIBLE = (datetime.date(2000, 1, 1), datetime.date(2100, 1, 1))


def _read_date(cell) -> tuple[datetime.date | None, str]:
    """(day, "ok") / (None, "not_inspected") / (None, "unreadable")."""
    day = None
    if isinstance(cell, datetime.datetime):
        day = cell.date()
    elif isinstance(cell, datetime.date):
        day = cell
    elif isinstance(cell, int | float) and not isinstance(cell, bool):
        if 30000 < cell < 80000:  # an untyped spreadsheet date serial
            day = _EXCEL_EPOCH + datetime.timedelta(days=int(cell))
    elif isinstance(cell, str):
        text = " ".join(cell.split())
        if text.lower() in L.NOT_INSPECTED:
            return None, "not_inspected"
        text = re.sub(r"T00:00:00$", "", text)
        for pattern in _DATE_FORMATS:
            try:
                day = datetime.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
    if day is None or not (_PLAUSIBLE[0] <= day < _PLAUSIBLE[1]):
        return None, "unreadable"
    return day, "ok"


def _blank(cell) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _text(row: list, index: int | None) -> str:
    if index is None or index >= len(row) or row[index] is None:
        return ""
    cell = row[index]
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    return " ".join(str(cell).split())
