"""The improvement plan pages: the board view, the highlight report, the edit forms and the CSV exports.

Everyone must sign in. Viewers (and every higher role) read; a change needs
authorities.roles.can_edit_authority (editors for the councils assigned to them, admins for all). Every change
goes through improvements.plans, which records it in the audit trail in the same transaction.
"""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from authorities.models import Authority
from authorities.roles import VIEWER, can_edit_authority, has_role
from config.csv_export import table_csv_response
from improvements import charts, from_committee_paper, from_recommendations, plans, queries
from improvements.filters import ActionFilter
from improvements.forms import (
    ActionForm,
    BoardForm,
    FromDocumentForm,
    MonthForm,
    NewActionForm,
    NewPlanForm,
    PriorityForm,
    StartPlanForm,
    UpdateForm,
)
from improvements.models import Action, ImprovementPlan, Priority
from improvements.tables import ActionTable, ChangeTable, UpdateTable
from improvements.timescales import add_months, due_date
from inspections.models import Document, Inspection


def _require_reader(user) -> None:
    if not has_role(user, VIEWER):
        raise PermissionDenied("Your account has no role that can see improvement plans.")


def _require_editor(user, authority: Authority) -> None:
    if not can_edit_authority(user, authority):
        raise PermissionDenied(f"Your account cannot change {authority.short_name}'s improvement plan.")


def _editable_plan(request, pk) -> ImprovementPlan:
    """The plan, if the user may change its council's plan; 404 or 403 otherwise."""
    plan = get_object_or_404(ImprovementPlan.objects.select_related("authority"), pk=pk)
    _require_editor(request.user, plan.authority)
    return plan


def _editable_priority(request, pk) -> Priority:
    """The priority, if the user may change its council's plan; 404 or 403 otherwise."""
    priority = get_object_or_404(Priority.objects.select_related("plan__authority"), pk=pk)
    _require_editor(request.user, priority.plan.authority)
    return priority


def _plan_or_404(authority: Authority, plan_pk=None) -> ImprovementPlan:
    if plan_pk:
        return get_object_or_404(
            ImprovementPlan.objects.select_related("authority"), pk=plan_pk, authority=authority
        )
    plan = queries.current_plan(authority)
    if plan is None:
        raise Http404("This council has no improvement plan.")
    return plan


# --- Reading ------------------------------------------------------------------------------------------------


def _form_page(request, form, plan, **context):
    """The one page every plan form is shown on: the form, its plan and council, a heading and a button."""
    return render(
        request,
        "improvements/form_page.html",
        {"form": form, "plan": plan, "authority": plan.authority, **context},
    )


@login_required
def board_view(request, slug):
    _require_reader(request.user)
    authority = get_object_or_404(Authority, slug=slug)
    plan = queries.current_plan(authority)
    can_edit = can_edit_authority(request.user, authority)
    if plan is None:
        return render(
            request,
            "improvements/no_plan.html",
            {
                "authority": authority,
                "can_edit": can_edit,
                "inspections": queries.startable_inspections(authority),
            },
        )
    today = timezone.localdate()
    board_form = BoardForm(request.GET or None)
    since = None
    if board_form.is_bound and board_form.is_valid():
        since = board_form.cleaned_data.get("since")
    since = since or add_months(today, -1)
    action_filter = ActionFilter(request.GET or None, queryset=queries.plan_actions(plan))
    narrowed = action_filter.is_bound and action_filter.is_valid() and action_filter.is_narrowed
    data = queries.board(plan, today=today, since=since, actions=action_filter.qs if narrowed else None)
    status_events = list(queries.status_events(plan))
    figure = charts.status_over_time(status_events, until=today)
    return render(
        request,
        "improvements/board.html",
        {
            "authority": authority,
            "plan": plan,
            "board": data,
            "board_form": board_form,
            "filter": action_filter,
            "narrowed": narrowed,
            "can_edit": can_edit,
            "figure": json.loads(figure.to_json()),
            "figure_summary": charts.status_summary(status_events, today),
            "status_rows": charts.status_rows(status_events, today),
            "status_labels": charts.STATUS_LABELS,
            "has_history": bool(data.action_count),
            "this_month": today.strftime("%Y-%m"),
        },
    )


@login_required
def highlight_view(request, slug):
    _require_reader(request.user)
    authority = get_object_or_404(Authority, slug=slug)
    plan = _plan_or_404(authority)
    today = timezone.localdate()
    form = MonthForm(request.GET or None)
    month = today.strftime("%Y-%m")
    if form.is_bound and form.is_valid() and form.cleaned_data.get("month"):
        month = form.cleaned_data["month"]
    report = queries.highlight(plan, month, today=today)
    previous_month = add_months(report.month_start, -1).strftime("%Y-%m")
    next_month = add_months(report.month_start, 1)
    return render(
        request,
        "improvements/highlight.html",
        {
            "authority": authority,
            "plan": plan,
            "report": report,
            "form": form,
            "month": month,
            "previous_month": previous_month,
            "next_month": next_month.strftime("%Y-%m") if next_month <= today else None,
            "today": today,
        },
    )


@login_required
def action_detail(request, pk):
    _require_reader(request.user)
    action = get_object_or_404(
        Action.objects.select_related(
            "priority__plan__authority", "source_recommendation__inspection"
        ).prefetch_related("source_recommendation__sources__document"),
        pk=pk,
    )
    authority = action.priority.plan.authority
    today = timezone.localdate()
    return render(
        request,
        "improvements/action_detail.html",
        {
            "action": action,
            "plan": action.priority.plan,
            "authority": authority,
            "history": queries.action_history(action),
            "updates": action.updates.select_related("author", "source_document"),
            "overdue": queries.is_overdue(action, today),
            "can_edit": can_edit_authority(request.user, authority),
        },
    )


# --- CSV exports --------------------------------------------------------------------------------------------


def _export_plan(request, pk) -> ImprovementPlan:
    _require_reader(request.user)
    return get_object_or_404(ImprovementPlan.objects.select_related("authority"), pk=pk)


def _filename(plan: ImprovementPlan, what: str) -> str:
    return f"{plan.authority.slug}-plan-{plan.pk}-{what}-{timezone.localdate():%Y-%m-%d}.csv"


@login_required
def actions_csv(request, pk):
    plan = _export_plan(request, pk)
    return table_csv_response(ActionTable(queries.actions_for_export(plan)), _filename(plan, "actions"))


@login_required
def updates_csv(request, pk):
    plan = _export_plan(request, pk)
    return table_csv_response(UpdateTable(queries.updates_for_export(plan)), _filename(plan, "progress"))


@login_required
def changes_csv(request, pk):
    plan = _export_plan(request, pk)
    return table_csv_response(ChangeTable(queries.changes_for_export(plan)), _filename(plan, "changes"))


# --- Changing -----------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_new(request, slug):
    authority = get_object_or_404(Authority, slug=slug)
    _require_editor(request.user, authority)
    if queries.current_plan(authority) is not None:
        return redirect("improvements:board", slug=slug)
    form = NewPlanForm(request.POST or None, initial={"title": "Improvement plan"})
    if request.method == "POST" and form.is_valid():
        plans.start_plan(authority, request.user, title=form.cleaned_data["title"])
        messages.success(request, "The plan is started. Add its priorities.")
        return redirect("improvements:board", slug=slug)
    return render(request, "improvements/plan_new.html", {"authority": authority, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def start_plan(request, pk):
    """Offer to start (or add to) the council's plan from an inspection's recommendations."""
    inspection = get_object_or_404(Inspection.objects.select_related("authority"), pk=pk)
    authority = inspection.authority
    _require_editor(request.user, authority)
    plan = queries.current_plan(authority)
    recommendations = list(inspection.recommendations.order_by("position"))
    published = from_recommendations.publication_date(inspection)
    in_plan = set()
    if plan is not None:
        in_plan = set(
            Action.objects.filter(priority__plan=plan, source_recommendation__in=recommendations).values_list(
                "source_recommendation_id", flat=True
            )
        )
    for recommendation in recommendations:
        recommendation.due = due_date(published, recommendation.timescale)
        recommendation.in_plan = recommendation.pk in in_plan
    form = StartPlanForm(request.POST or None, plan=plan, initial={"title": plans.default_title(inspection)})
    if request.method == "POST" and form.is_valid():
        group_by = form.cleaned_data["group_by"]
        priority = form.cleaned_data.get("priority") if group_by == "existing" else None
        result = from_recommendations.plan_from_recommendations(
            inspection,
            request.user,
            group_by=group_by,
            priority=priority,
            title=form.cleaned_data.get("title") or "",
        )
        count = len(result.actions)
        if count:
            messages.success(request, f"{count} action{'s' if count != 1 else ''} added to the plan.")
        else:
            messages.info(request, "Every recommendation of this inspection is in the plan already.")
        return redirect("improvements:board", slug=authority.slug)
    return render(
        request,
        "improvements/start_plan.html",
        {
            "inspection": inspection,
            "authority": authority,
            "plan": plan,
            "form": form,
            "recommendations": recommendations,
            "published": published,
            "waiting": sum(1 for r in recommendations if not r.in_plan),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def priority_add(request, pk):
    plan = _editable_plan(request, pk)
    form = PriorityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        plans.add_priority(plan, request.user, **form.cleaned_data)
        messages.success(request, "Priority added.")
        return redirect("improvements:board", slug=plan.authority.slug)
    return _form_page(
        request,
        form,
        plan,
        heading="Add a priority",
        button="Add",
    )


@login_required
@require_http_methods(["GET", "POST"])
def priority_edit(request, pk):
    priority = _editable_priority(request, pk)
    plan = priority.plan
    # The form gets its own copy: validating a ModelForm writes into its instance, and change_priority
    # compares the priority as stored with the new values to record what changed.
    form = PriorityForm(request.POST or None, instance=Priority.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        plans.change_priority(priority, request.user, **form.cleaned_data)
        messages.success(request, "Priority saved.")
        return redirect(
            f"{reverse('improvements:board', kwargs={'slug': plan.authority.slug})}#priority-{pk}"
        )
    return _form_page(
        request,
        form,
        plan,
        heading=f"Change priority {priority.position}",
        button="Save",
    )


@login_required
@require_http_methods(["GET", "POST"])
def priorities_from_document(request, pk):
    plan = _editable_plan(request, pk)
    form = FromDocumentForm(request.POST or None, authority=plan.authority)
    if request.method == "POST" and form.is_valid():
        document: Document = form.cleaned_data["document"]
        result = from_committee_paper.priorities_from_paper(
            plan, document, request.user, on=form.cleaned_data["date"]
        )
        if result.priorities:
            messages.success(
                request,
                f"{len(result.priorities)} priorities read from {document.original_name}, "
                f"with {len(result.updates)} progress updates.",
            )
        else:
            messages.error(request, f"No priorities were read from {document.original_name}.")
        return redirect("improvements:board", slug=plan.authority.slug)
    return _form_page(
        request,
        form,
        plan,
        heading="Read priorities and progress from a document",
        lede="The priorities a committee paper lists become priorities of this plan (those it already "
        "has are kept), and the progress paragraphs under each are added to its history with their page.",
        button="Read them into the plan",
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_add(request, pk):
    priority = _editable_priority(request, pk)
    plan = priority.plan
    form = NewActionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        action = plans.create_action(
            priority,
            request.user,
            text=data["text"],
            owner=data["owner"],
            due=data["due_date"],
            status=data["status"],
            rag=data["rag"],
            evidence=data["evidence"],
        )
        messages.success(request, f"Action {priority.position}.{action.position} added.")
        return redirect(
            f"{reverse('improvements:board', kwargs={'slug': plan.authority.slug})}#priority-{pk}"
        )
    return _form_page(
        request,
        form,
        plan,
        caption=f"Priority {priority.position}: {priority.title}",
        heading="Add an action",
        button="Add",
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = get_object_or_404(Action.objects.select_related("priority__plan__authority"), pk=pk)
    plan = action.priority.plan
    _require_editor(request.user, plan.authority)
    # Its own copy, as in priority_edit: change_action compares the stored action with the new values.
    form = ActionForm(request.POST or None, instance=Action.objects.get(pk=pk), plan=plan)
    if request.method == "POST" and form.is_valid():
        changes = plans.change_action(action, request.user, **form.cleaned_data)
        if changes:
            messages.success(request, f"Action {action.priority.position}.{action.position} saved.")
        else:
            messages.info(request, "Nothing was changed.")
        return redirect("improvements:action", pk=pk)
    return _form_page(
        request,
        form,
        plan,
        action=action,
        caption=f"Priority {action.priority.position}: {action.priority.title}",
        heading=f"Change action {action.priority.position}.{action.position}",
        button="Save",
    )


@login_required
@require_http_methods(["GET", "POST"])
def update_add(request, pk):
    priority = _editable_priority(request, pk)
    plan = priority.plan
    initial = {"date": timezone.localdate()}
    if request.GET.get("action", "").isdigit():
        initial["action"] = int(request.GET["action"])
    form = UpdateForm(request.POST or None, priority=priority, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        plans.add_update(
            priority,
            request.user,
            text=data["text"],
            on=data["date"],
            action=data["action"],
            source_document=data["source_document"],
            source_page=data["source_page"],
        )
        messages.success(request, "Progress update added.")
        if data["action"]:
            return redirect("improvements:action", pk=data["action"].pk)
        return redirect(
            f"{reverse('improvements:board', kwargs={'slug': plan.authority.slug})}#priority-{pk}"
        )
    return _form_page(
        request,
        form,
        plan,
        caption=f"Priority {priority.position}: {priority.title}",
        heading="Add a progress update",
        button="Add update",
    )
