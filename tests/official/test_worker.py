"""Admin upload → Celery task (a real worker on the real Redis) → summary on the dataset's page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from inspections.models import Inspection, OfficialDataset
from tests.conftest import wait_for
from tests.official.helpers import FILE_2025


@pytest.fixture
def councils_back_afterwards(django_db_blocker):
    """A transactional test empties the database when it ends; later tests expect the councils."""
    yield
    with django_db_blocker.unblock():
        call_command("load_councils", verbosity=0)


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Uploads go to a temporary folder, which the worker is given too (requested before celery_worker)."""
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.worker
def test_upload_in_the_admin_imports_in_a_worker_and_shows_a_summary(
    councils_back_afterwards, media_in_tmp, celery_worker, client, admin_user
):
    client.force_login(admin_user)
    add_url = reverse("admin:inspections_officialdataset_add")
    assert 'type="file"' in client.get(add_url).content.decode()
    upload = SimpleUploadedFile(
        FILE_2025.name, FILE_2025.read_bytes(), "application/vnd.oasis.opendocument.spreadsheet"
    )
    response = client.post(add_url, {"file": upload, "edition": ""})
    assert response.status_code == 302, response.content.decode()[:2000]
    dataset = OfficialDataset.objects.get()
    assert dataset.sha256 == "cf995c5bba20da43e0d1930035b569061974982e386ccefc1ee98b776f0c9faf"

    def finished():
        dataset.refresh_from_db()
        return dataset.state in (OfficialDataset.State.DONE, OfficialDataset.State.FAILED)

    wait_for(finished, timeout=90, message=f"the import task (log: {celery_worker.log_path})")
    assert dataset.state == OfficialDataset.State.DONE, dataset.problems
    assert dataset.summary["events"]["added"] == 331
    assert dataset.published_on.isoformat() == "2025-09-25"
    assert Inspection.objects.filter(kind="ilacs").count() == 271
    page = client.get(reverse("admin:inspections_officialdataset_change", args=[dataset.pk])).content.decode()
    assert "331 were added" in page and "as at 31 March 2025" in page

    # The same file again is refused at the form, before any task.
    again = client.post(add_url, {"file": SimpleUploadedFile(FILE_2025.name, FILE_2025.read_bytes())})
    assert again.status_code == 200 and "uploaded already" in again.content.decode()


@pytest.mark.worker
def test_a_bad_upload_fails_with_its_problems(
    councils_back_afterwards, media_in_tmp, celery_worker, client, admin_user
):
    client.force_login(admin_user)
    upload = SimpleUploadedFile("outcomes.ods", b"this is not a spreadsheet")
    client.post(reverse("admin:inspections_officialdataset_add"), {"file": upload})
    dataset = OfficialDataset.objects.get()

    def finished():
        dataset.refresh_from_db()
        return (
            dataset.state != OfficialDataset.State.QUEUED and dataset.state != OfficialDataset.State.IMPORTING
        )

    wait_for(finished, timeout=90, message="the import task")
    assert dataset.state == OfficialDataset.State.FAILED
    assert "not a spreadsheet" in dataset.problems[0]["text"]
    assert not Inspection.objects.exists()
    page = client.get(reverse("admin:inspections_officialdataset_change", args=[dataset.pk])).content.decode()
    assert "not a spreadsheet" in page
