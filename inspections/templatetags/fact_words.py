"""Words, not codes, for what a document's reading holds: "Monitoring visit (reported by this document)", not
"monitoring_visit (reported)"; "September 2020", not "2020-09-01 (month)".
  {% load fact_words %}
  {{ event.kind|event_kind }} ({{ event.role|event_role }}) {{ event.start|fact_date:event.precision }}
"""

import datetime

from django import template

from inspections.reading import vocabulary as vocab

register = template.Library()

ROLE_WORDS = {
    "primary": "this document's own",
    "reported": "reported by this document",
    "expected": "announced by this document",
    "mentioned": "mentioned only, not published",
}


@register.filter
def event_kind(kind) -> str:
    return vocab.FRAMEWORK_SHORT_NAMES.get(kind, str(kind or "").replace("_", " ").capitalize())


@register.filter
def event_role(role) -> str:
    return ROLE_WORDS.get(role, str(role or "").replace("_", " "))


@register.filter
def fact_date(value, precision="day") -> str:
    """A date at the precision it is known: 22 September 2020, September 2020, 2020 (never a day not
    given)."""
    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    if precision == "year":
        return f"{value:%Y}"
    if precision in ("month", "season"):
        return f"{value:%B %Y}"
    return f"{value.day} {value:%B %Y}"
