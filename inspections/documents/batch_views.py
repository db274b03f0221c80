"""A batch's page: how far its documents have got, refreshed while workers read them."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from authorities.roles import VIEWER
from inspections.documents import batches
from inspections.documents.views import role_required
from inspections.models import DocumentBatch


def _context(pk):
    batch = get_object_or_404(DocumentBatch, pk=pk)
    return {"batch": batch, "progress": batches.progress(batch), "documents": batches.documents(batch)}


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
