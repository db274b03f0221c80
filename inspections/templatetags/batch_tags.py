"""The documents page's panel of recent batches, without the page's view knowing about batches."""

from django import template

from inspections.documents import batches

register = template.Library()


@register.inclusion_tag("inspections/_recent_batches.html")
def recent_batches(limit=5):
    return {"recent": batches.recent(limit)}
