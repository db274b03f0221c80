"""The board view, the highlight report, the CSV exports and the includes other pages use."""

import datetime
import re
from datetime import date

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from config.csv_export import BOM, read_export
from improvements import charts, from_committee_paper, from_recommendations, plans, queries
from improvements.models import Action, ActionChange, ProgressUpdate


@pytest.fixture
def derby_plan(derby_slac, plan_editor):
    return from_recommendations.plan_from_recommendations(derby_slac, plan_editor).plan


@pytest.fixture
def devon_plan(devon_ilacs, devon_paper, plan_editor):
    plan = plans.start_plan(devon_ilacs.authority, plan_editor, source_inspection=devon_ilacs)
    from_committee_paper.priorities_from_paper(plan, devon_paper, plan_editor, on=date(2020, 11, 25))
    return plan


def _csv(response):
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith(BOM)
    return read_export(body)


# --- Board view ---------------------------------------------------------------------------------------------


def test_the_board_lists_overdue_actions_first_with_counts(client, derby_plan, viewer):
    action = Action.objects.get(priority__position=2, position=12)  # a six-month one, due 27 Dec 2011
    plans.change_action(action, None, status=Action.Status.COMPLETE, rag="green")
    client.force_login(viewer)
    response = client.get(reverse("improvements:board", args=["derby"]))
    assert response.status_code == 200
    board = response.context["board"]
    assert board.action_count == 24 and len(board.overdue) == 23  # every 2011 date has passed
    assert [a.due_date for a in board.overdue][:2] == [date(2011, 6, 27)] * 2
    assert {row["value"]: row["count"] for row in board.statuses} == {
        "not_started": 23,
        "in_progress": 0,
        "complete": 1,
        "closed": 0,
    }
    assert {row["value"]: row["count"] for row in board.rags}["green"] == 1
    for priority in board.priorities:
        ranks = [0 if a.overdue else 1 for a in priority.shown_actions]
        assert ranks == sorted(ranks)  # overdue first within each priority
    assert priority.shown_actions[-1] == action
    page = response.content.decode()
    assert page.index('id="overdue"') < page.index('id="changes"') < page.index('id="priorities"')
    assert 'data-figure-id="plan-status-chart"' in page and 'id="plan-status-chart"' in page
    assert "plotly.min.js" in page
    assert "<script>" not in page and " style=" not in page


def test_the_board_shows_what_changed_since_a_chosen_date(client, derby_plan, viewer):
    action = Action.objects.get(priority__position=1, position=1)
    plans.change_action(action, None, owner="Head of Service")
    old = ActionChange.objects.filter(field="owner").get()
    client.force_login(viewer)
    today = timezone.localdate()
    response = client.get(reverse("improvements:board", args=["derby"]), {"since": today.isoformat()})
    assert old in response.context["board"].changes
    tomorrow = today + datetime.timedelta(days=1)
    response = client.get(reverse("improvements:board", args=["derby"]), {"since": tomorrow.isoformat()})
    assert response.context["board"].changes == []
    assert "Nothing has changed since" in response.content.decode()


def test_the_board_filters_actions_but_counts_the_whole_plan(client, derby_plan, viewer):
    plans.change_action(Action.objects.get(priority__position=1, position=3), None, rag="red")
    client.force_login(viewer)
    response = client.get(reverse("improvements:board", args=["derby"]), {"rag": "red"})
    board = response.context["board"]
    assert sum(len(p.shown_actions) for p in board.priorities) == 1
    assert board.action_count == 24
    assert "Showing only the actions that match the filter" in response.content.decode()


def test_a_council_without_a_plan_offers_editors_to_start_one(client, derby_slac, derby_editor, viewer):
    client.force_login(derby_editor)
    page = client.get(reverse("improvements:board", args=["derby"])).content.decode()
    assert reverse("improvements:start_plan", args=[derby_slac.pk]) in page and "24 recommendations" in page
    client.force_login(viewer)
    page = client.get(reverse("improvements:board", args=["derby"])).content.decode()
    assert "has no improvement plan" in page and "start-plan" not in page


def test_board_queries_do_not_grow_with_the_plan(client, derby_plan, viewer, django_assert_max_num_queries):
    client.force_login(viewer)
    with django_assert_max_num_queries(25):
        client.get(reverse("improvements:board", args=["derby"]))


# --- Starting a plan from an inspection ---------------------------------------------------------------------


def test_the_start_page_shows_each_due_date_and_starts_the_plan(client, derby_slac, derby_editor):
    client.force_login(derby_editor)
    url = reverse("improvements:start_plan", args=[derby_slac.pk])
    page = client.get(url).content.decode()
    assert "27 Sep 2011" in page and "27 Dec 2011" in page and "Start the plan with 24 actions" in page
    response = client.post(url, {"group_by": "section", "title": "Derby improvement plan 2011"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "improvements:board", args=["derby"]
    )
    plan = queries.current_plan(derby_slac.authority)
    assert (
        plan.title == "Derby improvement plan 2011"
        and Action.objects.filter(priority__plan=plan).count() == 24
    )
    page = client.get(url).content.decode()
    assert "Every recommendation of this inspection is in the plan already" in page


def test_the_existing_priority_choice_needs_a_priority(client, derby_plan, derby_slac, plan_editor):
    client.force_login(plan_editor)
    response = client.post(reverse("improvements:start_plan", args=[derby_slac.pk]), {"group_by": "existing"})
    assert response.status_code == 200 and "Choose the priority" in response.content.decode()


def test_the_start_plan_offer_include(rf, derby_slac, derby_editor, viewer):
    template = Template(
        '{% include "improvements/includes/start_plan_offer.html" with inspection=inspection %}'
    )

    def render(user):
        request = rf.get("/")
        request.user = user
        return template.render(Context({"request": request, "inspection": derby_slac}))

    assert "Start an improvement plan from the recommendations" in render(derby_editor)
    assert render(viewer).strip() == ""
    from_recommendations.plan_from_recommendations(derby_slac, derby_editor)
    assert "All 24 recommendations are in the" in render(derby_editor)


def test_the_plan_summary_include(rf, derby_plan, derby, viewer):
    template = Template('{% include "improvements/includes/plan_summary.html" with authority=authority %}')
    request = rf.get("/")
    request.user = viewer
    html = template.render(Context({"request": request, "authority": derby}))
    assert "2 priorities, 24 actions" in html and "24 overdue" in html
    summary = queries.plan_summary(derby)
    assert summary["overdue_count"] == 24 and summary["action_count"] == 24
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    html = template.render(Context({"request": request, "authority": derby}))
    assert "Sign in</a> to see Derby" in html and "24 actions" not in html


# --- Highlight report ---------------------------------------------------------------------------------------


def test_devons_highlight_report_for_november_2020(client, devon_plan, viewer):
    client.force_login(viewer)
    response = client.get(reverse("improvements:highlight", args=["devon"]), {"month": "2020-11"})
    assert response.status_code == 200
    report = response.context["report"]
    assert [len(row.done_updates) for row in report.priorities] == [6, 2, 2, 2, 1, 2, 1, 6]
    assert report.latest_event.kind == "monitoring_visit"
    assert report.latest_event.start_date == date(2020, 9, 22)
    assert report.next_expected.kind == "focused_visit"
    page = response.content.decode()
    assert "Highlight report, November 2020" in page and "Services to care leavers" in page
    assert "Monitoring visit" in page and "Focused visit" in page


def test_derbys_highlight_report_shows_overdue_and_next_milestones(client, derby_plan, viewer):
    client.force_login(viewer)
    response = client.get(reverse("improvements:highlight", args=["derby"]), {"month": "2011-10"})
    report = response.context["report"]
    # The plan was made today: in October 2011 it did not exist yet, so the report is empty of actions.
    assert sum(row.action_count for row in report.priorities) == 0
    month = timezone.localdate().strftime("%Y-%m")
    report = client.get(reverse("improvements:highlight", args=["derby"]), {"month": month}).context["report"]
    assert report.overdue_count == 24 and report.latest_event.kind == "slac"


def test_the_highlight_report_uses_the_audit_trail_for_a_past_month(derby_plan, plan_editor):
    action = Action.objects.get(priority__position=1, position=1)
    # Back-date the creation rows to 2011, as if the plan had been kept here since then (inserts are allowed).
    for change in ActionChange.objects.filter(field="created", action__isnull=False):
        ActionChange.objects.create(
            plan=change.plan,
            priority=change.priority,
            action=change.action,
            field="created",
            new_value="not_started",
            changed_at=timezone.make_aware(datetime.datetime(2011, 7, 1, 9)),
        )
    ActionChange.objects.create(
        plan=derby_plan,
        priority=action.priority,
        action=action,
        field="status",
        old_value="not_started",
        new_value="complete",
        changed_at=timezone.make_aware(datetime.datetime(2011, 9, 15, 9)),
    )
    september = queries.highlight(derby_plan, "2011-09")
    first = september.priorities[0]
    assert [a.pk for a in first.completed] == [action.pk]
    # At 30 September: the other immediate one and the seven due on 27 September are overdue.
    assert sorted({a.due_date for a in first.overdue}) == [date(2011, 6, 27), date(2011, 9, 27)]
    assert len(first.overdue) == 8
    assert {a.due_date for a in first.milestones} == {date(2011, 12, 27)}
    august = queries.highlight(derby_plan, "2011-08")
    assert len(august.priorities[0].overdue) == 2 and august.priorities[0].completed == []


def test_a_bad_month_shows_an_error_and_this_month(client, derby_plan, viewer):
    client.force_login(viewer)
    response = client.get(reverse("improvements:highlight", args=["derby"]), {"month": "2021-13"})
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().strftime("%Y-%m")
    assert "Enter a month as year and month" in response.content.decode()


# --- CSV ----------------------------------------------------------------------------------------------------


def test_the_actions_csv(client, derby_plan, viewer, django_assert_max_num_queries):
    action = Action.objects.get(priority__position=1, position=2)
    plans.change_action(action, None, owner='=HYPERLINK("http://evil")', rag="red")
    client.force_login(viewer)
    response = client.get(reverse("improvements:actions_csv", args=[derby_plan.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.match(
        r'attachment; filename="derby-plan-\d+-actions-\d{4}-\d\d-\d\d\.csv"', response["Content-Disposition"]
    )
    with django_assert_max_num_queries(4):
        rows = _csv(response)
    header = rows[0]
    assert header[:8] == ["Ref", "Priority", "Action", "Owner", "Due", "Status", "RAG", "Overdue"]
    assert len(rows) == 25
    by_ref = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert by_ref["1.2"]["Owner"] == '\'=HYPERLINK("http://evil")'
    assert by_ref["1.2"]["RAG"] == "Red" and by_ref["1.2"]["Due"] == "2011-06-27"
    assert by_ref["1.3"]["Due"] == "2011-09-27" and by_ref["1.3"]["Timescale"] == "Within three months"
    assert by_ref["2.12"]["Due"] == "2011-12-27" and by_ref["2.12"]["Overdue"] == "Yes"
    assert by_ref["2.1"]["From"] == "SLAC Jun 2011, Services for looked after children, recommendation 13"
    assert by_ref["1.1"]["Status"] == "Not started"


def test_the_progress_csv(client, devon_plan, viewer):
    client.force_login(viewer)
    rows = _csv(client.get(reverse("improvements:updates_csv", args=[devon_plan.pk])))
    assert rows[0] == [
        "Date",
        "Priority",
        "Action",
        "Progress",
        "Source",
        "Page",
        "Recorded by",
        "Recorded at",
    ]
    assert len(rows) == 23
    assert rows[1][0] == "2020-11-25" and rows[1][4] == "002_f6faf2d291ead4ee.txt" and rows[1][5] == "1"
    assert {row[1] for row in rows[1:]} == {p.title for p in devon_plan.priorities.all()}


def test_the_changes_csv(client, derby_plan, viewer):
    client.force_login(viewer)
    rows = _csv(client.get(reverse("improvements:changes_csv", args=[derby_plan.pk])))
    assert rows[0] == ["When", "Who", "Priority", "Action", "What", "Was", "Now"]
    # 2 priorities and 24 actions created, each action with its due date set.
    assert len(rows) == 1 + 2 + 24 + 24 and rows[1][1] == "eddie-editor" and rows[1][4] == "Created"


# --- Chart (pure) -------------------------------------------------------------------------------------------


def test_the_status_chart_is_drawn_from_the_trail():
    d = datetime.datetime
    events = [
        (1, d(2021, 1, 4, 9), "not_started"),
        (2, d(2021, 1, 4, 9), "not_started"),
        (1, d(2021, 1, 10, 9), "in_progress"),
        (1, d(2021, 2, 1, 9), "complete"),
        (2, d(2021, 2, 1, 12), "closed"),
    ]
    days, series = charts.status_series(events, until=date(2021, 3, 1))
    assert days == [date(2021, 1, 4), date(2021, 1, 10), date(2021, 2, 1), date(2021, 3, 1)]
    assert series == {
        "not_started": [2, 1, 0, 0],
        "in_progress": [0, 1, 0, 0],
        "complete": [0, 0, 1, 1],
        "closed": [0, 0, 1, 1],
    }
    figure = charts.status_over_time(events, until=date(2021, 3, 1))
    assert [trace.name for trace in figure.data] == [
        "Not started",
        "In progress",
        "Complete",
        "Closed without completion",
    ]
    assert all(trace.stackgroup == "status" for trace in figure.data)
    assert charts.status_series([], until=date(2021, 3, 1)) == ([], {s: [] for s in charts.STATUS_LABELS})


def test_priorities_are_read_from_a_published_paper_only_and_dated_by_it(
    client, devon_paper, derby_report, plan_editor
):
    from inspections.models import Document
    from tests.improvements.conftest import publish

    plan = plans.start_plan(devon_paper.authority, plan_editor)
    url = reverse("improvements:from_document", args=[plan.pk])
    client.force_login(plan_editor)
    # A draft is not offered: its list was never published.
    assert devon_paper.original_name not in client.get(url).content.decode()
    publish(devon_paper)
    page = client.get(url).content.decode()
    assert f"{devon_paper.original_name} (dated 23 September 2020)" in page
    assert derby_report.original_name not in page  # another council's document

    response = client.post(url, {"document": devon_paper.pk, "date": ""})
    assert response.status_code == 302
    assert plan.priorities.count() == 8
    assert set(ProgressUpdate.objects.filter(priority__plan=plan).values_list("date", flat=True)) == {
        date(2020, 9, 23)
    }
    assert Document.objects.get(pk=devon_paper.pk).dated == date(2020, 9, 23)
