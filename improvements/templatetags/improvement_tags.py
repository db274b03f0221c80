"""Template helpers of the plan pages: {% load improvement_tags %}."""

from django import template

from authorities.roles import can_edit_authority

register = template.Library()

RAG_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}
STATUS_TAGS = {
    "not_started": "govuk-tag--grey",
    "in_progress": "govuk-tag--blue",
    "complete": "govuk-tag--green",
    "closed": "govuk-tag--purple",
}


@register.filter
def can_edit(user, authority) -> bool:
    """{% if request.user|can_edit:authority %}: may this user change this council's plan?"""
    return bool(user is not None and authority is not None and can_edit_authority(user, authority))


@register.filter
def rag_class(value) -> str:
    return RAG_TAGS.get(value or "", "govuk-tag--grey")


@register.filter
def status_class(value) -> str:
    return STATUS_TAGS.get(value or "", "govuk-tag--grey")


@register.filter
def evidence_links(value) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


@register.simple_tag
def govuk_widget(field, extra_class=""):
    """A form field's widget with the GOV.UK error class and aria-describedby its hint and error."""
    attrs = {}
    classes = [field.field.widget.attrs.get("class", ""), extra_class]
    described = []
    if field.help_text:
        described.append(f"{field.id_for_label}-hint")
    if field.errors:
        described.append(f"{field.id_for_label}-error")
        error_class = {
            "textarea": "govuk-textarea--error",
            "select": "govuk-select--error",
        }.get(field.widget_type, "govuk-input--error")
        classes.append(error_class)
    attrs["class"] = " ".join(c for c in classes if c)
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def value_label(value, field_name) -> str:
    """A recorded value as people read it: a status or RAG by its name, a date in words."""
    import datetime

    from improvements.models import Action, Rag

    if field_name in ("status", "created"):
        return dict(Action.Status.choices).get(value, value)
    if field_name == "rag":
        return dict(Rag.choices).get(value, value) or "Not rated"
    if field_name == "due_date" and value:
        try:
            return f"{datetime.date.fromisoformat(value):%-d %B %Y}"
        except ValueError:
            return value
    return value


@register.filter
def can_read_plans(user) -> bool:
    from authorities.roles import VIEWER, has_role

    return bool(user is not None and has_role(user, VIEWER))


@register.simple_tag
def plan_summary_for(authority):
    """{% plan_summary_for authority as summary %}: the council's current plan in figures, or None."""
    from improvements.queries import plan_summary

    return plan_summary(authority) if authority is not None else None


@register.simple_tag
def start_plan_state(inspection):
    """{% start_plan_state inspection as offer %}: what the start-plan offer can say about an inspection.

    offer.recommendations: how many it has; offer.in_plan: how many are actions of the council's current plan
    already; offer.plan: that plan (or None); offer.waiting: how many a click would add.
    """
    from improvements.queries import current_plan, recommendations_in_plan

    count = inspection.recommendations.count()
    plan = current_plan(inspection.authority) if count else None
    in_plan = recommendations_in_plan(inspection, plan)
    return {"recommendations": count, "plan": plan, "in_plan": in_plan, "waiting": count - in_plan}
