"""load_official_data on the project's copies (what `make run` calls); import_official --dry-run."""

import time

import pytest
from django.core.management import call_command

from inspections.models import Inspection, OfficialDataset
from tests.conftest import PROJECT_DIR
from tests.official.helpers import FILE_2025

pytestmark = pytest.mark.django_db


def test_the_project_keeps_its_own_copies_named_in_its_readme():
    from inspections.management.commands.load_official_data import FILES, OFFICIAL_DATA_DIR

    assert OFFICIAL_DATA_DIR == PROJECT_DIR / "data" / "official"
    readme = (OFFICIAL_DATA_DIR / "README.md").read_text()
    assert "Open Government Licence" in readme
    for name, sha256 in FILES:
        assert (OFFICIAL_DATA_DIR / name).exists()
        assert name in readme and sha256 in readme
    call_command("load_official_data", "--check")


def test_load_official_data_imports_everything_then_skips_it(capsys):
    started = time.perf_counter()
    call_command("load_official_data")
    first_run = time.perf_counter() - started
    assert Inspection.objects.filter(authority__gss_code="E06000015").count() == 5
    assert OfficialDataset.objects.filter(state="done").count() == 4
    assert first_run < 30
    capsys.readouterr()

    started = time.perf_counter()
    call_command("load_official_data")
    assert time.perf_counter() - started < 1
    assert capsys.readouterr().out.count("already imported") == 4


def test_dry_run_prints_what_would_change_and_writes_nothing(capsys):
    call_command("import_official", str(FILE_2025), "--dry-run")
    out = capsys.readouterr().out
    assert "Events: 331 would be added, 0 changed, 0 left alone" in out
    assert not Inspection.objects.exists() and not OfficialDataset.objects.exists()
