"""Every change to an action is recorded (who, when, field, old, new) in the same transaction, and the record
cannot be edited away: the database refuses UPDATE and DELETE on it."""

from datetime import date, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from improvements import plans, queries
from improvements.models import Action, ActionChange


@pytest.fixture
def action(derby, plan_editor):
    plan = plans.start_plan(derby, plan_editor)
    priority = plans.add_priority(plan, plan_editor, title="Audit of child protection visits")
    return plans.create_action(priority, plan_editor, text="Audit every CP visit", due=date(2011, 9, 27))


def _rows(action):
    return list(action.changes.exclude(field="created").values_list("field", "old_value", "new_value"))


def test_each_changed_field_is_one_row_naming_who_and_when(action, plan_editor):
    before = timezone.now()
    records = plans.change_action(
        action,
        plan_editor,
        status=Action.Status.IN_PROGRESS,
        rag="amber",
        owner="Head of Safeguarding",
        due_date=date(2011, 10, 31),
        text="Audit every child protection visit",
        evidence="https://example.org/audit.pdf",
    )
    assert len(records) == 6
    assert _rows(action) == [
        ("due_date", "", "2011-09-27"),
        ("text", "Audit every CP visit", "Audit every child protection visit"),
        ("owner", "", "Head of Safeguarding"),
        ("due_date", "2011-09-27", "2011-10-31"),
        ("status", "not_started", "in_progress"),
        ("rag", "", "amber"),
        ("evidence", "", "https://example.org/audit.pdf"),
    ]
    for record in records:
        assert record.changed_by == plan_editor and record.changed_by_name == "eddie-editor"
        assert before <= record.changed_at <= timezone.now()
        assert record.plan_id == action.priority.plan_id and record.priority_id == action.priority_id
    action.refresh_from_db()
    assert (action.status, action.rag, action.owner) == ("in_progress", "amber", "Head of Safeguarding")


def test_an_unchanged_value_is_not_recorded(action, plan_editor):
    assert plans.change_action(action, plan_editor, status=Action.Status.NOT_STARTED, owner="") == []
    assert _rows(action) == [("due_date", "", "2011-09-27")]


def test_an_unknown_field_is_refused(action, plan_editor):
    with pytest.raises(ValueError, match="not an action field"):
        plans.change_action(action, plan_editor, priority_id=3, created_at=None)


def test_the_change_and_its_record_commit_together(action, plan_editor, monkeypatch):
    real = plans._record
    calls = []

    def fail_on_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("the database went away")
        return real(*args, **kwargs)

    monkeypatch.setattr(plans, "_record", fail_on_second)
    with pytest.raises(RuntimeError):
        plans.change_action(action, plan_editor, owner="Someone", status=Action.Status.COMPLETE)
    action.refresh_from_db()
    assert action.owner == "" and action.status == Action.Status.NOT_STARTED
    assert _rows(action) == [("due_date", "", "2011-09-27")]


@pytest.mark.parametrize(
    "attempt",
    [
        lambda change: ActionChange.objects.filter(pk=change.pk).update(new_value="complete"),
        lambda change: ActionChange.objects.filter(pk=change.pk).delete(),
        lambda change: change.delete(),
        lambda change: (setattr(change, "changed_by_name", "someone else"), change.save()),
    ],
    ids=["queryset-update", "queryset-delete", "instance-delete", "instance-save"],
)
def test_the_database_refuses_to_edit_the_trail(action, attempt):
    change = action.changes.get(field="created")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        attempt(change)
    change.refresh_from_db()
    assert change.changed_by_name == "eddie-editor" and change.new_value == "not_started"


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE improvements_actionchange SET new_value = 'complete'",
        "DELETE FROM improvements_actionchange",
    ],
)
def test_raw_sql_cannot_edit_the_trail_either(action, sql):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    assert ActionChange.objects.filter(action=action).count() == 2


def test_an_action_with_history_cannot_be_deleted(action):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        action.delete()


def test_priority_changes_are_recorded_too(action, plan_editor):
    priority = action.priority
    plans.change_priority(priority, plan_editor, rag="red", title="Audit of CP visits", description="More")
    rows = list(priority.changes.filter(action__isnull=True).values_list("field", "old_value", "new_value"))
    assert rows == [
        ("created", "", "Audit of child protection visits"),
        ("title", "Audit of child protection visits", "Audit of CP visits"),
        ("rag", "", "red"),
    ]


def test_moving_an_action_to_another_priority_is_recorded(action, plan_editor):
    other = plans.add_priority(action.priority.plan, plan_editor, title="Workforce")
    plans.change_action(action, plan_editor, priority=other)
    action.refresh_from_db()
    assert action.priority == other and action.position == 1
    assert action.changes.filter(field="priority").get().new_value == "Workforce"


def test_the_edit_form_records_the_signed_in_user(client, action, plan_editor):
    client.force_login(plan_editor)
    response = client.post(
        reverse("improvements:action_edit", args=[action.pk]),
        {
            "priority": action.priority_id,
            "text": action.text,
            "owner": "Service manager",
            "due_date": "2011-09-27",
            "status": "complete",
            "rag": "green",
            "evidence": "",
        },
    )
    assert response.status_code == 302
    rows = action.changes.filter(field__in=["owner", "status", "rag"]).values_list(
        "field", "new_value", "changed_by"
    )
    assert sorted(rows) == [
        ("owner", "Service manager", plan_editor.pk),
        ("rag", "green", plan_editor.pk),
        ("status", "complete", plan_editor.pk),
    ]
    page = client.get(reverse("improvements:action", args=[action.pk]))
    assert "cannot be changed or deleted" in page.content.decode()
    assert "Service manager" in page.content.decode()


def test_the_status_on_any_past_day_comes_from_the_trail(action, plan_editor):
    plan = action.priority.plan
    created_at = action.changes.get(field="created").changed_at
    plans.change_action(action, plan_editor, status=Action.Status.IN_PROGRESS)
    assert queries.statuses_at(plan, created_at) == {action.pk: "not_started"}
    assert queries.statuses_at(plan, timezone.now()) == {action.pk: "in_progress"}
    assert queries.statuses_at(plan, created_at - timedelta(seconds=1)) == {}
    assert isinstance(created_at, datetime)
