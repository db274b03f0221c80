"""scripts/check_councils_csv.py reads the file through its one parser (authorities.reference) and adds its
own checks: the real file passes against the official pack, and each kind of fault in a copy is reported."""

import importlib.util
import subprocess
import sys

import pytest

from authorities.reference import COUNCILS_CSV
from tests.conftest import OFFICIAL_DIR as OFFICIAL
from tests.conftest import PROJECT_DIR

SCRIPT = PROJECT_DIR / "scripts" / "check_councils_csv.py"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("check_councils_csv", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_real_file_passes_against_the_official_pack():
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--official-dir", str(OFFICIAL)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "163 rows, 153 current, 10 ended" in done.stdout and "OK: no problems" in done.stdout


def _broken(tmp_path, old: str, new: str):
    text = COUNCILS_CSV.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "councils.csv"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # found by the parser (authorities.reference), reported by the script
        (",Derby City Council,", ", Derby City Council,", "leading or trailing spaces in name"),
        ("E06000015,831,", "E6000015,831,", "'E6000015' is not an English council code"),
        (
            "E06000015,831,Derby City Council,Derby,derby,unitary,East Midlands,,,",
            "E06000015,831,Derby",
            "fields",
        ),
        # found by the script alone
        (
            ",Derby City Council,Derby,derby,",
            ",Derby City Council,Derby,Derby City,",
            "is not lowercase ascii",
        ),
        (
            "Bath & North East Somerset|",
            "Bath & North East Somerset|Derbyshire|",
            "does not mean this council alone",
        ),
        ("E10000021,928,", "E10000021,999,", "DfE number 999, expected 928"),
    ],
)
def test_each_fault_in_a_copy_is_reported(script, tmp_path, old, new, expected):
    problems, _warnings, _summary = script.run(_broken(tmp_path, old, new), OFFICIAL)
    assert any(expected in problem for problem in problems), problems


def test_comments_below_the_header_are_reported(script, tmp_path):
    path = _broken(tmp_path, "\nE06000015,", "\n# a stray comment\nE06000015,")
    problems, _warnings, _summary = script.run(path, OFFICIAL)
    assert any("comments belong at the top only" in problem for problem in problems)
