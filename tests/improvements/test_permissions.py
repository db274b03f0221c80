"""Who may do what: anonymous users sign in first; viewers read; editors change the plans of their own
councils only; admins change every plan. Every form is CSRF-protected."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from improvements import from_recommendations
from improvements.models import Action, ActionChange, Priority, ProgressUpdate


@pytest.fixture
def setup(derby_slac, devon, editor, admin_user):
    """Derby's plan (24 actions); the editor is assigned to Devon only unless a test assigns Derby."""
    from authorities.models import CouncilAssignment

    CouncilAssignment.objects.create(user=editor, authority=devon)
    result = from_recommendations.plan_from_recommendations(derby_slac, admin_user)
    priority = result.plan.priorities.first()
    return {"plan": result.plan, "priority": priority, "action": priority.actions.first(), "slac": derby_slac}


def read_urls(s):
    return [
        reverse("improvements:board", args=["derby"]),
        reverse("improvements:highlight", args=["derby"]) + "?month=2011-09",
        reverse("improvements:action", args=[s["action"].pk]),
        reverse("improvements:actions_csv", args=[s["plan"].pk]),
        reverse("improvements:updates_csv", args=[s["plan"].pk]),
        reverse("improvements:changes_csv", args=[s["plan"].pk]),
    ]


def edit_urls(s):
    return [
        reverse("improvements:action_edit", args=[s["action"].pk]),
        reverse("improvements:action_add", args=[s["priority"].pk]),
        reverse("improvements:update_add", args=[s["priority"].pk]),
        reverse("improvements:priority_add", args=[s["plan"].pk]),
        reverse("improvements:priority_edit", args=[s["priority"].pk]),
        reverse("improvements:from_document", args=[s["plan"].pk]),
        reverse("improvements:start_plan", args=[s["slac"].pk]),
    ]


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_users_are_sent_to_sign_in_for_everything(setup):
    client = Client()
    for url in read_urls(setup) + edit_urls(setup) + [reverse("improvements:plan_new", args=["devon"])]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login")), url
        assert client.post(url, {"text": "x"}).status_code == 302


def test_a_signed_in_user_without_a_role_sees_nothing(setup, outsider):
    client = _client(outsider)
    for url in read_urls(setup) + edit_urls(setup):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize("role", ["viewer", "editor", "admin_user"])
def test_every_role_reads(setup, role, request):
    client = _client(request.getfixturevalue(role))
    for url in read_urls(setup):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_viewers_and_editors_of_other_councils_cannot_change_derbys_plan(setup, role, request):
    client = _client(request.getfixturevalue(role))
    for url in edit_urls(setup):
        assert client.get(url).status_code == 403, url
        assert client.post(url, {"text": "changed", "title": "x", "status": "complete"}).status_code == 403, (
            url
        )
    assert client.get(reverse("improvements:plan_new", args=["derby"])).status_code == 403
    assert not Action.objects.filter(status="complete").exists()
    assert Priority.objects.count() == 2 and ProgressUpdate.objects.count() == 0
    assert not ActionChange.objects.exclude(changed_by_name="ada-admin").exists()


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_the_board_offers_no_edit_links_to_those_who_cannot_edit(setup, role, request):
    page = (
        _client(request.getfixturevalue(role))
        .get(reverse("improvements:board", args=["derby"]))
        .content.decode()
    )
    assert "Add an action" not in page and "Add a priority" not in page


def test_an_assigned_editor_changes_their_councils_plan(setup, editor):
    from authorities.models import CouncilAssignment

    CouncilAssignment.objects.create(user=editor, authority=setup["plan"].authority)
    client = _client(editor)
    for url in edit_urls(setup):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("improvements:board", args=["derby"])).content.decode()
    assert "Add an action" in page
    response = client.post(
        reverse("improvements:update_add", args=[setup["priority"].pk]),
        {"date": "2011-10-01", "text": "Audit tool agreed by the DSCB.", "action": setup["action"].pk},
    )
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert update.author == editor and update.action == setup["action"] and update.date == date(2011, 10, 1)
    response = client.post(
        reverse("improvements:priority_add", args=[setup["plan"].pk]), {"title": "Workforce", "rag": "amber"}
    )
    assert response.status_code == 302 and setup["plan"].priorities.get(position=3).title == "Workforce"


def test_an_admin_changes_every_plan(setup, admin_user, devon):
    client = _client(admin_user)
    response = client.post(
        reverse("improvements:plan_new", args=["devon"]), {"title": "Devon improvement plan"}
    )
    assert response.status_code == 302
    assert devon.improvement_plans.get().title == "Devon improvement plan"
    response = client.post(
        reverse("improvements:action_add", args=[setup["priority"].pk]),
        {
            "text": "New action",
            "owner": "",
            "due_date": "",
            "status": "not_started",
            "rag": "",
            "evidence": "",
        },
    )
    assert response.status_code == 302 and setup["priority"].actions.count() == 13


def test_an_editor_can_start_a_plan_only_for_their_council(setup, editor, devon):
    client = _client(editor)
    assert client.get(reverse("improvements:plan_new", args=["devon"])).status_code == 200
    assert (
        client.post(reverse("improvements:plan_new", args=["devon"]), {"title": "Devon plan"}).status_code
        == 302
    )
    assert devon.improvement_plans.count() == 1
    assert client.post(reverse("improvements:plan_new", args=["derby"]), {"title": "X"}).status_code == 403


def test_forms_need_their_csrf_token(setup, admin_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin_user)
    url = reverse("improvements:priority_add", args=[setup["plan"].pk])
    assert client.post(url, {"title": "Without a token"}).status_code == 403
    page = client.get(url)
    token = page.context["csrf_token"]
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert client.post(url, {"title": "With a token", "csrfmiddlewaretoken": str(token)}).status_code == 302
    assert setup["plan"].priorities.filter(title="With a token").exists()
