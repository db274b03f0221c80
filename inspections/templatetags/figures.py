"""Template helpers for figures a committee can quote: dates at their precision, where the data end."""

from django import template

from inspections import precision
from inspections.currency import data_end

register = template.Library()


@register.filter
def precise(day, date_precision="day"):
    """{{ inspection.start_date|precise:inspection.date_precision }} -> '14 May 2025' or 'July 2021'."""
    return precision.shown(day, date_precision or "day")


@register.inclusion_tag("includes/data_end.html", takes_context=True)
def data_end_notice(context):
    """Where the figures on this page end, with a link to each edition's publication page."""
    end = context.get("data_end") or data_end()
    return {"end": end}
