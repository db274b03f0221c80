import pytest

from inspections.official.save import import_file
from tests.official.helpers import FILE_2023, FILE_2024, FILE_2025, SN_2025


def clear_official_data():
    from authorities.models import StatisticalNeighbour
    from inspections.models import Conflict, Inspection, Judgement, OfficialDataset, Source

    Conflict.objects.all().delete()
    Source.objects.all().delete()
    Judgement.objects.all().delete()
    Inspection.objects.all().delete()
    OfficialDataset.objects.all().delete()
    StatisticalNeighbour.objects.all().delete()


@pytest.fixture(scope="module")
def official_data(django_db_setup, django_db_blocker):
    """Every official file imported once for a module's tests (in order: 2023, 2024, 2025, neighbours)."""
    with django_db_blocker.unblock():
        clear_official_data()
        reports = [import_file(path) for path in (FILE_2023, FILE_2024, FILE_2025, SN_2025)]
        assert [str(p) for r in reports for p in r.problems] == []
    yield reports
    with django_db_blocker.unblock():
        clear_official_data()
