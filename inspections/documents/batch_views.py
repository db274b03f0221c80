"""A batch's pages: how far its documents have got (refreshed while workers read them), and its review."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.views.decorators.http import require_GET, require_POST

from authorities.roles import ADMIN, VIEWER
from inspections.documents import batch_review as batch_review_queue
from inspections.documents import batches
from inspections.documents.publish import NotPublishable, publish
from inspections.documents.views import role_required
from inspections.models import DocumentBatch

LISTED = 100


def _context(pk):
    batch = get_object_or_404(DocumentBatch, pk=pk)
    # The fragment is polled every two seconds while workers read: a batch of 500 lists its first rows only.
    return {
        "batch": batch,
        "progress": batches.progress(batch),
        "documents": batches.documents(batch)[:LISTED],
        "listed": LISTED,
    }


@require_GET
@role_required(VIEWER)
def batch_detail(request, pk):
    return render(request, "inspections/batch_detail.html", _context(pk))


@require_GET
@role_required(VIEWER)
def batch_status(request, pk):
    context = _context(pk)
    response = render(request, "inspections/_batch_progress.html", context)
    if not context["progress"].active:
        response["X-Poll-Done"] = "1"
    return response


@require_GET
@role_required(ADMIN)
def batch_review(request, pk):
    """The batch's documents that need review, differences from stored facts first."""
    batch = get_object_or_404(DocumentBatch, pk=pk)
    comparisons = batch_review_queue.queue(batch)
    batch_review_queue.remember_order(request.session, batch, comparisons)
    groups = [
        (name, [c for c in comparisons if c.group == key])
        for key, name in batch_review_queue.GROUP_NAMES.items()
    ]
    confirming = [c for c in comparisons if c.group == batch_review_queue.CONFIRMS]
    context = {"batch": batch, "groups": [g for g in groups if g[1]], "confirming": confirming}
    return render(request, "inspections/batch_review.html", context)


@require_POST
@role_required(ADMIN)
def batch_confirm(request, pk):
    """Publish, in one action, the readings the admin was shown as only confirming stored facts.

    Only the documents listed on the page the admin saw (their ids are in the form) and that still only
    confirm are published: a reading that changed in between is left for review."""
    batch = get_object_or_404(DocumentBatch, pk=pk)
    shown = {int(v) for v in request.POST.getlist("document") if v.isdigit()}
    published, left = 0, 0
    for comparison in batch_review_queue.queue(batch):
        if comparison.document.pk not in shown:
            continue
        if comparison.group != batch_review_queue.CONFIRMS:
            left += 1
            continue
        try:
            publish(comparison.document, request.user)
            published += 1
        except NotPublishable:
            left += 1
    message = f"{published} document{pluralize(published)} published as confirming stored facts."
    if left:
        message += f" {left} changed since you looked and {pluralize(left, 'is,are')} left for review."
    messages.success(request, message)
    return redirect("inspections:batch_review", pk=batch.pk)
