import datetime

import django_tables2 as tables
import pytest

from authorities.models import Authority
from config.csv_export import BOM, IncompleteExport, csv_response, read_export, safe_cell, table_csv_response


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        # Spreadsheets skip leading spaces, and zero-width characters are invisible: both are looked past.
        ("  =1+1", "'  =1+1"),
        ("\n=cmd|' /C calc'!A0", "'\n=cmd|' /C calc'!A0"),
        ('\u200b=HYPERLINK("http://x")', '\'\u200b=HYPERLINK("http://x")'),
        ("\ufeff\u2060+1", "'\ufeff\u2060+1"),
        ("\u00a0@SUM(A1)", "'\u00a0@SUM(A1)"),
        ("\uff1d1+1", "'\uff1d1+1"),
        (" Requires improvement", " Requires improvement"),
        ("Requires improvement to be good", "Requires improvement to be good"),
        ("a=b", "a=b"),
        (-3, -3),
        (2.5, 2.5),
        (None, ""),
        (True, "Yes"),
        (datetime.date(2017, 8, 14), "2017-08-14"),
    ],
)
def test_cells_are_safe_for_spreadsheets(value, expected):
    assert safe_cell(value) == expected


def _read(response):
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith(BOM)
    return read_export(body)


def test_a_response_streams_one_header_row_then_the_rows():
    response = csv_response(
        "x.csv", ["Council", "Date"], [["=cmd", datetime.date(2011, 6, 27)], ["Derby", None]]
    )
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="x.csv"' in response["Content-Disposition"]
    assert _read(response) == [["Council", "Date"], ["'=cmd", "2011-06-27"], ["Derby", ""]]


class _CouncilTable(tables.Table):
    short_name = tables.Column(verbose_name="Council")
    gss_code = tables.Column(verbose_name="Code")
    slug = tables.Column(exclude_from_export=True)

    class Meta:
        model = Authority
        fields = ["short_name", "gss_code", "slug"]


@pytest.mark.django_db
def test_a_table_exports_its_visible_columns_for_every_row(django_assert_num_queries):
    table = _CouncilTable(Authority.objects.current().order_by("short_name"))
    response = table_csv_response(table, "councils.csv")
    with django_assert_num_queries(1):
        rows = _read(response)
    assert rows[0] == ["Council", "Code"]
    assert len(rows) == 1 + 153
    assert ["Derby", "E06000015"] in rows


def test_a_file_cut_short_never_reads_as_complete():
    response = csv_response("x.csv", ["Council"], [["Derby"], ["Devon"], ["Derbyshire"]])
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.endswith("# End of data: 3 rows. A file without this line is incomplete.\n")
    assert read_export(body)[1:] == [["Derby"], ["Devon"], ["Derbyshire"]]
    for cut in (body.index("Devon"), body.index("# End"), len(body) - 5):
        with pytest.raises(IncompleteExport):
            read_export(body[:cut])
