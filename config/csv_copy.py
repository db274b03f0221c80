"""The fast path of config.csv_export for tables read from the database: PostgreSQL writes the CSV itself.

`COPY (SELECT …) TO STDOUT WITH CSV` streams a table's rows at hundreds of thousands a second, in flat memory,
where writing them cell by cell in Python managed tens of thousands. The file must stay the one that
csv_export writes (tests/dashboards/test_exports.py compares the two), so the SELECT does in SQL what
`safe_cell` and a table's `export_fields` do in Python:

- numbers as they are; dates as ISO (YYYY-MM-DD); booleans as Yes/No; NULL and '' as an empty cell;
- a text cell that a spreadsheet would run as a formula gets a leading single quote. The test is a regular
  expression built from `safe_cell` itself (which characters start a formula, which are looked past before
  one), so the two cannot drift apart when the guard is hardened;
- a column computed by a function of fields (a framework's name from its kind and whether it was a
  re-inspection) is tabulated over the fields' possible values (their choices, or yes/no) into a CASE.

A table this cannot express (a date-time, a function of free text) is written by the Python path instead.
Rows are sent in blocks of about 64 KiB rather than one network send each, and the last line counts them
(csv_export.trailer), so a download cut short can never pass for a whole one. csv_export passes its own
`safe_cell`, header line and trailer in: this module imports nothing of it.
"""

import functools
import itertools

from django.db import connections, models

BLOCK_BYTES = 64 * 1024
_NUMBERS = (models.IntegerField, models.FloatField, models.DecimalField, models.AutoField)
_PROBED = itertools.chain(range(1, 0xD800), range(0xE000, 0x20000), range(0xE0000, 0xE1000))


class NotExpressible(Exception):
    """The table needs the Python path."""


def _pg_class(code_points) -> str:
    """A PostgreSQL regular-expression bracket expression of these code points, as \\u escapes and ranges."""
    parts = []
    for _, run in itertools.groupby(enumerate(sorted(code_points)), lambda pair: pair[1] - pair[0]):
        run = [c for _, c in run]
        first, last = run[0], run[-1]
        esc = (lambda c: f"\\U{c:08x}") if last > 0xFFFF else (lambda c: f"\\u{c:04x}")
        parts.append(esc(first) if first == last else f"{esc(first)}-{esc(last)}")
    return "[" + "".join(parts) + "]"


@functools.cache
def formula_pattern(safe_cell) -> str:
    """`safe_cell`'s rule as a regular expression: characters it looks past, then one starting a formula."""
    starts, skipped = set(), set()
    for code in _PROBED:
        char = chr(code)
        if safe_cell(char) != char:
            starts.add(code)
        elif safe_cell(char + "=") != char + "=":
            skipped.add(code)
    prefix = f"{_pg_class(skipped)}*" if skipped else ""
    return f"^{prefix}{_pg_class(starts)}"


@functools.cache
def _plain_start(safe_cell) -> str:
    """An SQL test, on a text's first character, true only of ASCII letters and digits that neither start a
    formula nor are looked past: most cells (names, grades, labels) then skip the regular expression."""
    ranges = [(48, 57), (65, 90), (97, 122)]
    probe = [chr(code) for low, high in ranges for code in range(low, high + 1)]
    if any(safe_cell(char) != char or safe_cell(char + "=") != char + "=" for char in probe):
        return "FALSE"
    return " OR ".join(f"ascii(v) BETWEEN {low} AND {high}" for low, high in ranges)


def _text(sql: str, safe_cell) -> tuple[str, list]:
    text = f"({sql})::text"
    plain = _plain_start(safe_cell).replace("ascii(v)", f"ascii({text})")
    guarded = f"WHEN {text} ~ %s THEN '''' || {text} ELSE NULLIF({text}, '')"
    return f"(CASE WHEN {plain} THEN {text} {guarded} END)", [formula_pattern(safe_cell)]


def _literal(value, safe_cell) -> tuple[str, list]:
    """A Python cell (after safe_cell) as an SQL text literal, or NULL for an empty cell."""
    cell = safe_cell(value)
    return ("NULL", []) if cell == "" else ("%s::text", [str(cell)])


def _cell(sql: str, field, safe_cell) -> tuple[str, list]:
    if isinstance(field, models.BooleanField):
        return f"(CASE WHEN {sql} THEN 'Yes' WHEN NOT {sql} THEN 'No' END)", []
    if isinstance(field, _NUMBERS):
        return sql, []
    if isinstance(field, models.DateTimeField):
        raise NotExpressible("a date-time")  # safe_cell writes it in the server's time zone
    if isinstance(field, models.DateField):
        return f"to_char({sql}, 'YYYY-MM-DD')", []
    return _text(sql, safe_cell)


def _domain(field) -> list:
    if isinstance(field, models.BooleanField):
        values = [True, False]
    elif field.choices:
        values = [value for value, _ in field.flatchoices]
    else:
        raise NotExpressible(f"{field.name} has no fixed set of values")
    return values + ([None] if field.null else [])


def _tabulated(sqls: list[str], fields: list, function, safe_cell) -> tuple[str, list]:
    """A function of several fields as a CASE over every combination of their values, or as the SQL twin
    the function carries (`function.sql(*column_sql) -> (sql, params)`: a date at its precision), whose
    results must need no formula guard (dates, fixed words)."""
    if hasattr(function, "sql"):
        return function.sql(*sqls)
    whens, params = [], []
    for combination in itertools.product(*(_domain(f) for f in fields)):
        test = " AND ".join(
            f"({sql}) IS NULL" if value is None else f"({sql}) = %s"
            for sql, value in zip(sqls, combination, strict=True)
        )
        result, result_params = _literal(function(*combination), safe_cell)
        whens.append(f"WHEN {test} THEN {result}")
        params += [v for v in combination if v is not None] + result_params
    otherwise, otherwise_params = _text(sqls[0], safe_cell) if len(sqls) == 1 else ("NULL", [])
    return f"(CASE {' '.join(whens)} ELSE {otherwise} END)", params + otherwise_params


def copy_statement(queryset, readers, safe_cell) -> tuple[str, list]:
    """The COPY statement for `readers`: each column's (fields, function or None) over `queryset`, each cell
    as `safe_cell` would write it."""
    paths = list(dict.fromkeys(path for fields, _ in readers for path in fields))  # each column read once
    values = queryset.values_list(*paths)
    query = values.query
    compiler = query.get_compiler(values.db)
    inner_sql, inner_params = compiler.as_sql()
    # The statement's columns in its own order: an annotation by its alias, a field by values_select's order.
    fields_in_order = iter(query.values_select)
    names = [alias or next(fields_in_order, None) for _, _, alias in compiler.select]
    if None in names or set(names) != set(paths):
        raise NotExpressible("the query selects other columns than the export's")
    column = {name: (f"c{i}", compiler.select[i][0].output_field) for i, name in enumerate(names)}
    selects, params = [], []
    for fields, function in readers:
        sqls = [column[path][0] for path in fields]
        if function is None:
            sql, cell_params = _cell(sqls[0], column[fields[0]][1], safe_cell)
        else:
            sql, cell_params = _tabulated(sqls, [column[path][1] for path in fields], function, safe_cell)
        selects.append(sql)
        params += cell_params
    aliases = ", ".join(f"c{i}" for i in range(len(names)))
    select = f"SELECT {', '.join(selects)} FROM ({inner_sql}) AS t({aliases})"  # noqa: S608 (built, values bound)
    return f"COPY ({select}) TO STDOUT WITH (FORMAT csv)", [*params, *inner_params]  # as they appear


def copy_lines(queryset, readers, *, first_line: str, safe_cell, last_line):
    """The CSV file as blocks of bytes: `first_line` (the header), every row from PostgreSQL's COPY, then
    `last_line(rows)` (the trailer): csv_export hands over its conventions.

    Built before the first byte is sent, so a table that COPY cannot express raises NotExpressible here."""
    statement, params = copy_statement(queryset, readers, safe_cell)
    connection = connections[queryset.db]

    def blocks():
        yield first_line.encode("utf-8")
        block = bytearray()
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor: Django's wrapper has no copy()
            with raw.copy(statement, params) as copy:
                for data in copy:
                    block += data
                    if len(block) >= BLOCK_BYTES:
                        yield bytes(block)
                        block.clear()
            rows = raw.rowcount
        yield bytes(block) + last_line(rows).encode("utf-8")

    return blocks()
