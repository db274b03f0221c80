"""An admin can queue again an import that failed or was killed part-way ('Import again' in the admin)."""

import pytest
from django.urls import reverse

from config import worklocks
from inspections.models import OfficialDataset

pytestmark = pytest.mark.django_db


def _dataset(state, sha="a"):
    return OfficialDataset.objects.create(file_name="outcomes.ods", sha256=sha * 64, state=state)


def test_a_killed_or_failed_import_is_queued_again_and_a_finished_one_is_not(client, admin_user):
    killed = _dataset(OfficialDataset.State.IMPORTING, "a")
    failed = _dataset(OfficialDataset.State.FAILED, "b")
    done = _dataset(OfficialDataset.State.DONE, "c")
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:inspections_officialdataset_changelist"),
        {"action": "import_again", "_selected_action": [killed.pk, failed.pk, done.pk]},
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Queued again: 2." in page and "Not queued: 1" in page
    states = dict(OfficialDataset.objects.values_list("pk", "state"))
    assert states == {killed.pk: "queued", failed.pk: "queued", done.pk: "done"}


def test_an_import_that_is_running_is_left_alone(client, admin_user):
    from django.db import connection

    running = _dataset(OfficialDataset.State.IMPORTING)
    # Another connection holds the import's lock, as the worker importing it does.
    import psycopg

    params = {k: v for k, v in connection.get_connection_params().items() if k != "cursor_factory"}
    with psycopg.connect(**params, autocommit=True) as other:
        other.execute("SELECT pg_advisory_lock(%s, %s)", [worklocks.IMPORT_LOCKS, worklocks.key(running.pk)])
        client.force_login(admin_user)
        client.post(
            reverse("admin:inspections_officialdataset_changelist"),
            {"action": "import_again", "_selected_action": [running.pk]},
        )
        running.refresh_from_db()
        assert running.state == "importing"
