"""The documents page's panel of recent batches, without the page's view knowing about batches."""

from django import template

from inspections.documents import batch_review, batches

register = template.Library()


@register.inclusion_tag("inspections/_recent_batches.html")
def recent_batches(limit=5):
    return {"recent": batches.recent(limit)}


@register.inclusion_tag("inspections/_batch_navigation.html", takes_context=True)
def batch_navigation(context, document):
    """Previous / next in the document's batch, in the order its review page showed (differences first)."""
    request = context["request"]
    return {"document": document, "nav": batch_review.neighbours(request.session, document)}
