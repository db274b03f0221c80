"""Every change to a plan is recorded by the database whatever path made it (the app's pages, the admin, SQL);
progress updates and the trail are append-only; the app's own database role can neither TRUNCATE the trail nor
switch its triggers off, because it owns no table."""

import uuid
from datetime import date

import psycopg
import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from config.dbroles import grant_app_role
from improvements import plans
from improvements.models import AuditEntry, ImprovementPlan, Priority, ProgressUpdate


@pytest.fixture
def priority(derby, plan_editor):
    plan = plans.start_plan(derby, plan_editor)
    return plans.add_priority(plan, plan_editor, title="Audit of child protection visits")


def _entries(table, row_id):
    return list(AuditEntry.objects.filter(table_name=table, row_id=row_id).order_by("id"))


def test_the_web_form_changing_a_priority_description_is_recorded_with_the_signed_in_user(
    client, priority, plan_editor
):
    client.force_login(plan_editor)
    response = client.post(
        reverse("improvements:priority_edit", args=[priority.pk]),
        {"title": priority.title, "description": "Every visit within 10 days", "rag": ""},
    )
    assert response.status_code == 302
    update = _entries("improvements_priority", priority.pk)[-1]
    assert update.operation == "UPDATE" and update.actor == "eddie-editor"
    assert (
        update.old_row["description"] == "" and update.new_row["description"] == "Every visit within 10 days"
    )
    assert update.plan_id == priority.plan_id


def test_the_admin_changing_a_plan_and_a_priority_is_recorded(client, admin_user, priority):
    client.force_login(admin_user)
    plan = priority.plan
    url = reverse("admin:improvements_priority_change", args=[priority.pk])
    form = {
        "plan": plan.pk,
        "position": priority.position,
        "title": "Renamed in the admin",
        "description": "",
        "rag": "red",
        "source_char_start": "",
        "source_char_end": "",
        "source_page": "",
        "source_document": "",
        "actions-TOTAL_FORMS": "0",
        "actions-INITIAL_FORMS": "0",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    change = _entries("improvements_priority", priority.pk)[-1]
    assert change.actor == "ada-admin"
    assert (change.old_row["title"], change.new_row["title"]) == (priority.title, "Renamed in the admin")
    assert (change.old_row["rag"], change.new_row["rag"]) == ("", "red")

    ImprovementPlan.objects.filter(pk=plan.pk).update(title="Renamed plan", is_current=False)
    change = _entries("improvements_improvementplan", plan.pk)[-1]
    assert change.operation == "UPDATE" and change.new_row["is_current"] is False
    assert change.db_user == connection.settings_dict["USER"]


def test_a_progress_update_cannot_be_rewritten_or_deleted_by_any_path(client, admin_user, priority):
    update = plans.add_update(priority, admin_user, text="Visits audited in May", on=date(2011, 6, 1))
    client.force_login(admin_user)
    change_url = reverse("admin:improvements_progressupdate_change", args=[update.pk])
    response = client.post(change_url, {"priority": priority.pk, "date": "2011-06-01", "text": "Rewritten"})
    assert response.status_code == 403
    delete_url = reverse("admin:improvements_progressupdate_delete", args=[update.pk])
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    for statement in (
        "UPDATE improvements_progressupdate SET text = 'x'",
        "DELETE FROM improvements_progressupdate",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute(statement)
    assert ProgressUpdate.objects.get(pk=update.pk).text == "Visits audited in May"
    assert _entries("improvements_progressupdate", update.pk)[0].operation == "INSERT"


def test_the_audit_entries_themselves_cannot_be_changed(priority):
    assert AuditEntry.objects.filter(table_name="improvements_priority").exists()
    for statement in (
        "UPDATE improvements_auditentry SET actor = 'x'",
        "DELETE FROM improvements_auditentry",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as c,
        ):
            c.execute(statement)


def test_the_app_role_cannot_truncate_or_disable_triggers_but_its_changes_are_recorded(councils, derby):
    """As a deployment runs: the app connects as a role that owns nothing (config.dbroles)."""
    role = f"jt_app_test_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        grant_app_role(role)
        plan = ImprovementPlan.objects.create(authority=derby, title="Plan")
        Priority.objects.create(plan=plan, position=1, title="First")
        settings_dict = connection.settings_dict
        with psycopg.connect(
            host=settings_dict["HOST"] or "127.0.0.1",
            port=settings_dict["PORT"] or 5432,
            dbname=settings_dict["NAME"],
            user=role,
            autocommit=True,
        ) as app:
            app.execute("UPDATE improvements_priority SET rag = 'red' WHERE plan_id = %s", [plan.pk])
            refusals = {
                "TRUNCATE improvements_actionchange": "permission denied",
                "TRUNCATE improvements_auditentry": "permission denied",
                "ALTER TABLE improvements_priority DISABLE TRIGGER ALL": "must be owner",
                "ALTER TABLE improvements_actionchange DISABLE TRIGGER ALL": "must be owner",
                "DELETE FROM improvements_auditentry": "permission denied",
                "INSERT INTO improvements_auditentry (at, table_name, operation, row_id, actor, db_user) "
                "VALUES (now(), 'x', 'x', 1, 'forged', 'x')": "permission denied",
                "UPDATE improvements_progressupdate SET text = 'x'": "permission denied",
            }
            for statement, message in refusals.items():
                with pytest.raises(psycopg.errors.InsufficientPrivilege, match=message):
                    app.execute(statement)
        entry = AuditEntry.objects.filter(table_name="improvements_priority", operation="UPDATE").get()
        assert entry.db_user == role and entry.new_row["rag"] == "red"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')
