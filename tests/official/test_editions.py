"""Editions in either order: the newest edition wins for the official value; both sources are kept."""

import datetime
from collections import Counter

import pytest

from inspections.models import Conflict, Inspection, Judgement
from inspections.official.save import import_file
from tests.official.helpers import FILE_2024, FILE_2025

pytestmark = pytest.mark.django_db


def _no_duplicates():
    for field in ("start_date", "published_date"):
        keys = Counter(
            Inspection.objects.exclude(**{field: None}).values_list(
                "authority_id", "kind", "reinspection", field
            )
        )
        assert [k for k, n in keys.items() if n > 1] == []


def _staffordshire_care_leavers():
    return Judgement.objects.get(
        inspection__authority__short_name="Staffordshire",
        inspection__published_date="2024-01-12",
        theme="care_leavers",
    )


def _assert_revised_with_both_sources():
    care_leavers = _staffordshire_care_leavers()
    assert (care_leavers.grade, care_leavers.value) == ("Requires improvement to be good", 3)
    said = set(care_leavers.sources.values_list("dataset__published_on__year", "quote"))
    # Each edition's every sheet that lists the inspection is a source: 2024 said Good, 2025 corrected it.
    assert {quote for year, quote in said if year == 2024} == {"Good"}
    assert {quote for year, quote in said if year == 2025} == {"Requires improvement to be good"}


def test_2024_then_2025_adds_only_what_is_new():
    first = import_file(FILE_2024)
    assert first.ok
    ilacs_2024 = Inspection.objects.filter(kind="ilacs").count()
    assert (
        ilacs_2024 == first.summary["events_by_kind"]["ilacs"] - 151 - 42
    )  # latest and in-year rows repeat history
    second = import_file(FILE_2025)
    assert second.ok
    events = second.summary["events"]
    # 2025 repeats every ILACS of 2024 (unchanged, or given its first day) and adds 2024-25's.
    assert events["added"] == Inspection.objects.count() - first.summary["events"]["added"]
    assert events["unchanged"] + events["changed"] == ilacs_2024
    assert Inspection.objects.filter(kind="ilacs").count() == 271
    assert Inspection.objects.filter(kind="ilacs", start_date=None).count() == 0
    _no_duplicates()
    _assert_revised_with_both_sources()
    assert any("care_leavers grade" in change for change in second.summary["changes"])
    assert Conflict.objects.count() == 0


def test_2025_then_2024_keeps_the_newer_values():
    assert import_file(FILE_2025).ok
    older = import_file(FILE_2024)
    assert older.ok
    assert older.summary["events"]["changed"] == 0  # an older edition never overrides a newer one
    _assert_revised_with_both_sources()
    scilly = Inspection.objects.get(
        authority__short_name="Isles of Scilly", kind="ilacs", start_date__year=2023
    )
    assert scilly.start_date == datetime.date(2023, 7, 11)
    assert Inspection.objects.filter(kind="ilacs").count() == 271
    _no_duplicates()
    assert Conflict.objects.count() == 0


def test_dry_run_reports_and_writes_nothing():
    report = import_file(FILE_2025, dry_run=True)
    assert report.ok and report.dry_run
    assert report.summary["events"]["added"] == 331
    assert Inspection.objects.count() == 0
