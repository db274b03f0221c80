"""Bad input: a clear report of every problem with its sheet and row, and nothing written."""

import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from inspections.models import Inspection, OfficialDataset, Source
from inspections.official.save import import_file
from tests.official.helpers import (
    FILE_2025,
    HISTORY_2025,
    OFFICIAL_DIR,
    csv_bytes,
    ods_bytes,
    real_rows,
    workbook_sheets,
)

pytestmark = pytest.mark.django_db


def nothing_written():
    return not (Inspection.objects.exists() or Source.objects.exists() or OfficialDataset.objects.exists())


def problems_of(name, data, **options):
    report = import_file(name, data=data, **options)
    assert not report.ok
    assert nothing_written()
    return [str(p) for p in report.problems]


def history_rows():
    return real_rows(FILE_2025, HISTORY_2025)


def test_random_bytes_are_not_a_spreadsheet():
    [problem] = problems_of("outcomes.ods", os.urandom(4096))
    assert "not a spreadsheet" in problem


def test_a_text_file_named_ods_is_not_a_spreadsheet():
    [problem] = problems_of("outcomes.ods", b"Local authority,Overall effectiveness\nDerby,Good\n")
    assert "outcomes.ods is not a spreadsheet" in problem


def test_a_spreadsheet_of_the_wrong_kind():
    sheets = {"Cover": [["Pupil absence in schools"]], "Absence_by_LA": [["LA", "Rate"], ["Derby", 5.1]]}
    [problem] = problems_of("absence.ods", ods_bytes(sheets))
    assert "not an Ofsted LA inspection table" in problem and "'Absence_by_LA'" in problem


def test_a_csv_of_the_wrong_kind():
    [problem] = problems_of("b1.csv", (OFFICIAL_DIR / "b1_children_in_need_2013_to_2025.csv").read_bytes())
    assert "Web link" in problem


def test_a_renamed_sheet():
    sheets = workbook_sheets(FILE_2025)
    sheets["History"] = sheets.pop(HISTORY_2025)
    [problem] = problems_of("renamed.ods", ods_bytes(sheets))
    assert (
        "ILACS inspection history" in problem and "missing or renamed" in problem and "'History'" in problem
    )


def test_a_missing_sheet():
    sheets = workbook_sheets(FILE_2025)
    del sheets["In-year_inspections"]
    [problem] = problems_of("missing.ods", ods_bytes(sheets))
    assert "in-year inspections and visits" in problem


def test_a_missing_column():
    rows = history_rows()
    rows[2][6] = "Date published"  # was "Publication date"
    [problem] = problems_of("history.csv", csv_bytes(rows))
    assert problem == "sheet 'history', row 3: missing column 'publication date' (or it was renamed)"


def test_every_bad_cell_is_reported_with_its_sheet_row_and_column():
    rows = history_rows()
    rows[60][2], rows[60][1] = "Atlantis", "E06999999"  # row 61: an unknown council
    rows[63][8] = "Excellent"  # row 64: a grade outside the vocabulary
    rows[64][5] = "sometime in 2024"  # row 65: a date that cannot be read
    rows[70][7] = "ILACS Thematic Inspection"  # row 71: an unknown type
    problems = problems_of("history.csv", csv_bytes(rows))
    assert problems == [
        "sheet 'history', row 61: unknown council 'Atlantis' (code E06999999): no council has this code or "
        "name or alias",
        "sheet 'history', row 64, column I (Overall effectiveness): "
        "grade outside the vocabulary: 'Excellent'",
        "sheet 'history', row 65, column F (Inspection date): date cannot be read: 'sometime in 2024'",
        "sheet 'history', row 71, column H (Inspection type): unknown inspection or visit type "
        "'ILACS Thematic Inspection'",
    ]


def test_a_bad_ods_cell_too():
    sheets = workbook_sheets(FILE_2025)
    sheets[HISTORY_2025][60][8] = "Adequate-ish"
    [problem] = problems_of("bad.ods", ods_bytes(sheets))
    assert problem.startswith(f"sheet '{HISTORY_2025}', row 61, column I (Overall effectiveness)")


def test_a_bad_neighbour_file():
    lines = (OFFICIAL_DIR / "sn_model_2025_wide.csv").read_text(encoding="utf-8-sig").splitlines()
    lines[5] = lines[5].replace(lines[5].split(",")[0], "999", 1)  # an LA number no council has
    problems = problems_of("sn_model_2025_wide.csv", "\n".join(lines).encode())
    assert problems == ["sheet 'sn_model_2025_wide', row 6: unknown council: DfE LA number 999 (Bedford)"]


def test_the_command_lists_the_problems_and_fails(tmp_path, capsys):
    rows = history_rows()
    rows[63][8] = "Excellent"
    bad = tmp_path / "history.csv"
    bad.write_bytes(csv_bytes(rows))
    with pytest.raises(CommandError, match="changed nothing"):
        call_command("import_official", str(bad))
    out = capsys.readouterr().out
    assert "1 problem(s); nothing was written" in out and "row 64" in out and "'Excellent'" in out
    assert nothing_written()
