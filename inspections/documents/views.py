"""Document pages: upload, watch the reading, review and correct the draft, publish; and an event's page."""

from __future__ import annotations

import bisect
import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_POST

from authorities.roles import ADMIN, EDITOR, VIEWER, has_role
from inspections.documents import intake, limits, read, upload
from inspections.documents.forms import ChooseCouncilForm, DraftForms, SettleConflictForm, UploadForm
from inspections.documents.publish import NotPublishable, draft_problems, publish, settle_conflict
from inspections.judgement_sections import judgement_sections
from inspections.models import Conflict, Document, Inspection, Judgement, Recommendation, Source
from inspections.reading import vocabulary as vocab
from inspections.reading.facts import Reading

LIST_LIMIT = 100
ACTIVE_STATES = (Document.State.QUEUED, Document.State.READING)
SESSION_RESULTS = "inspections.upload_results"
SESSION_REFUSED = "inspections.upload_refused"

log = logging.getLogger(__name__)


def role_required(role):
    """Anonymous users are sent to sign in; signed-in users without the role are refused (403)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, role):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def _documents():
    return Document.objects.select_related("authority").defer("text", "reading", "page_starts")


def _poll_done(response, documents) -> None:
    if not any(d.state in ACTIVE_STATES for d in documents):
        response["X-Poll-Done"] = "1"


# --- The list and the upload -------------------------------------------------------------------------------


@role_required(VIEWER)
def document_list(request):
    can_upload = has_role(request.user, EDITOR)
    form = UploadForm()
    if request.method == "POST":
        if not can_upload:
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            results = []
            refused = list(form.refused)
            for uploaded in form.cleaned_data["files"]:
                if intake.is_zip(uploaded.name):
                    # A zip's documents come in as a batch, through the same store_upload; what it refused is
                    # listed with the rest of the refused files.
                    for item in intake.from_uploads([uploaded], request.user):
                        if item["refused"]:
                            message = f"'{item['name']}' {item['message']}"
                            refused.append({"name": item["name"], "message": message})
                        else:
                            results.append(item)
                    continue
                # One file's failure (a name the disk refuses, a full disk) never loses the files after it.
                try:
                    result = upload.store_upload(uploaded, request.user)
                except Exception:  # noqa: BLE001 (reported on the page, and logged with its traceback)
                    log.exception("Storing the upload %r failed", uploaded.name)
                    refused.append(
                        {
                            "name": uploaded.name,
                            "message": f"'{uploaded.name}' could not be stored, because of a fault in the "
                            "service. Upload it again; if it fails again, report it.",
                        }
                    )
                    continue
                results.append(
                    {
                        "name": result.name,
                        "pk": result.document.pk,
                        "duplicate": result.duplicate,
                        "message": upload.duplicate_message(result.document, result.name)
                        if result.duplicate
                        else "",
                    }
                )
            request.session[SESSION_RESULTS] = results
            request.session[SESSION_REFUSED] = refused
            return redirect("inspections:documents")
    documents = list(_documents()[:LIST_LIMIT])
    results = request.session.pop(SESSION_RESULTS, [])
    refused = request.session.pop(SESSION_REFUSED, [])
    for result in results:
        if result.get("pk"):
            result["url"] = reverse("inspections:document", kwargs={"pk": result["pk"]})
        if result.get("batch"):
            result["batch_url"] = reverse("inspections:batch", kwargs={"pk": result["batch"]})
    context = {
        "form": form,
        "can_upload": can_upload,
        "documents": documents,
        "uploaded": [r for r in results if not r["duplicate"] and not r.get("refused")],
        "batches": sorted({r["batch_url"] for r in results if r.get("batch_url")}),
        "duplicates": [r for r in results if r["duplicate"]],
        "refused": refused,
        "polling": any(d.state in ACTIVE_STATES for d in documents),
        "max_upload_bytes": settings.MAX_UPLOAD_BYTES,
    }
    status = 400 if form.errors else 200
    return render(request, "inspections/document_list.html", context, status=status)


@require_GET
@role_required(VIEWER)
def list_status(request):
    """The documents table alone, for the list page to refresh itself while documents are being read."""
    documents = list(_documents()[:LIST_LIMIT])
    response = render(request, "inspections/_document_table.html", {"documents": documents})
    _poll_done(response, documents)
    return response


@require_GET
@role_required(VIEWER)
def document_status(request, pk):
    """One document's state, for its page to refresh itself while it is being read."""
    document = get_object_or_404(_documents(), pk=pk)
    response = render(request, "inspections/_document_status.html", {"document": document})
    _poll_done(response, [document])
    return response


# --- One document ------------------------------------------------------------------------------------------


def highlighted_text(
    text: str,
    page_starts: list[int],
    passages: list[tuple[int, int]],
    window: tuple[int, int] | None = None,
) -> tuple[str, list[int]]:
    """The document's text as HTML with each passage in <mark id="passage-N"> and a marker at each page.

    Returns the HTML and, for each passage given, the number N of the mark that holds it (overlapping passages
    share one mark). With a window (start, end) only that part of the text is drawn, and the marks keep the
    numbers they have in the whole text, so a link to a passage names the same mark in any part.
    """
    order = sorted(range(len(passages)), key=lambda i: (passages[i][0], -passages[i][1]))
    marks: list[list[int]] = []  # [start, end]
    number_of = [0] * len(passages)
    for index in order:
        start, end = passages[index]
        start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
        if marks and start < marks[-1][1]:
            marks[-1][1] = max(marks[-1][1], end)
        else:
            marks.append([start, max(end, start)])
        number_of[index] = len(marks)
    lo, hi = window if window is not None else (0, len(text))
    points = sorted(
        {
            0, len(text), lo, hi,
            *(p for mark in marks for p in mark),
            *(p for p in page_starts if 0 <= p <= len(text)),
        }
    )  # fmt: skip
    pages = {start: n for n, start in enumerate(page_starts, start=1)}

    def opening(number: int) -> str:
        return f'<mark class="app-passage" id="passage-{number}" tabindex="-1">'

    html: list[str] = []
    following_mark = 0
    open_mark = shown = False  # a mark is open; its opening tag was drawn (it began in the window)
    for position, following in zip(points, [*points[1:], None], strict=True):
        if open_mark and marks[following_mark - 1][1] == position:
            if shown:
                html.append("</mark>")
            open_mark = shown = False
        if position == hi and hi < len(text):
            break  # the end of the window; the rest of the text is another part's
        if position < lo:
            while following_mark < len(marks) and marks[following_mark][0] == position:
                open_mark = marks[following_mark][1] > position
                following_mark += 1
            continue
        if position == lo and open_mark and not shown:
            html.append(opening(following_mark))  # a passage that began in an earlier part
            shown = True
        if position in pages and len(page_starts) > 1:
            number = pages[position]
            html.append(f'<span class="app-page-marker" id="page-{number}">Page {number}</span>')
        while following_mark < len(marks) and marks[following_mark][0] == position:
            html.append(opening(following_mark + 1))
            if marks[following_mark][1] == position:
                html.append("</mark>")
            else:
                open_mark = shown = True
            following_mark += 1
        if following is not None:
            html.append(escape(text[position:following]))
    if shown:
        html.append("</mark>")
    return "".join(html), number_of


def review_parts(length: int, page_starts: list[int], size: int) -> list[tuple[int, int]]:
    """The text cut into parts of at most `size` characters, each ending where a page begins when one begins
    in its second half: a 95-million-character text was one 105 MB review page."""
    starts = sorted(p for p in page_starts if 0 < p < length)
    parts: list[tuple[int, int]] = []
    begin = 0
    while begin < length or not parts:
        end = min(length, begin + size)
        if end < length:
            index = bisect.bisect_right(starts, end) - 1
            if index >= 0 and starts[index] > begin + size // 2:
                end = starts[index]
        parts.append((begin, end))
        begin = end
    return parts


def _part_number(raw: str | None, count: int) -> int:
    try:
        return min(max(1, int(raw or 1)), count)
    except ValueError:
        return 1


def _review_context(
    document: Document, forms: DraftForms | None, reading: Reading | None, user, part: str | None = None
) -> dict:
    is_admin = has_role(user, ADMIN)
    context = {"document": document, "is_admin": is_admin, "forms": forms, "reading": reading}
    if reading is None:
        return context
    passages: list[tuple[int, int]] = []
    owners: list[tuple[str, int, int]] = []  # (kind, event index, item index)
    for i, event in enumerate(reading.events):
        if event.passage:
            passages.append((event.passage.char_start, event.passage.char_end))
            owners.append(("event", i, -1))
        for j, item in enumerate(event.judgements):
            if item.passage:
                passages.append((item.passage.char_start, item.passage.char_end))
                owners.append(("judgement", i, j))
        for k, item in enumerate(event.recommendations):
            if item.passage:
                passages.append((item.passage.char_start, item.passage.char_end))
                owners.append(("recommendation", i, k))
    if reading.council and reading.council.passage:
        passages.append((reading.council.passage.char_start, reading.council.passage.char_end))
        owners.append(("council", -1, -1))
    # A long text is drawn one part at a time (?part=N); a link to a passage in another part goes there.
    parts = review_parts(len(document.text), document.page_starts or [0], settings.REVIEW_PART_CHARS)
    current = _part_number(part, len(parts))
    html, numbers = highlighted_text(
        document.text, document.page_starts or [0], passages, window=parts[current - 1]
    )
    part_starts = [begin for begin, _ in parts]
    links: dict[tuple[str, int, int], dict] = {}
    for owner, number, (start, _end) in zip(owners, numbers, passages, strict=True):
        its_part = max(1, bisect.bisect_right(part_starts, max(0, start)))
        links[owner] = {
            "anchor": f"passage-{number}",
            "page": document.page_of(start),
            "query": "" if its_part == current else f"?part={its_part}",
        }
    context["text_parts"] = {
        "current": current,
        "count": len(parts),
        "previous": current - 1 if current > 1 else None,
        "next": current + 1 if current < len(parts) else None,
    }
    context.update(
        {
            "text_html": mark_safe(html),  # noqa: S308 - every piece of the document's text was escaped
            "council_link": links.get(("council", -1, -1)),
            "problems": draft_problems(document, reading)
            if document.state == Document.State.NEEDS_REVIEW
            else [],
            "error_list": forms.errors() if forms is not None and forms.is_bound else [],
        }
    )
    if forms is not None:
        context["event_rows"] = _rows(forms.events.forms, reading, links, "event")
        context["judgement_rows"] = _rows(forms.judgements.forms, reading, links, "judgement")
        context["recommendation_rows"] = _rows(forms.recommendations.forms, reading, links, "recommendation")
    else:
        context["event_rows"] = [
            {"fact": event, "link": links.get(("event", i, -1)), "number": i + 1}
            for i, event in enumerate(reading.events)
        ]
    return context


def _rows(forms, reading: Reading, links, kind) -> list[dict]:
    rows = []
    for form in forms:
        ref = form["ref"].value() or ""
        link = confidence = None
        if ref:
            event_ref, _, item_ref = ref.partition(".")
            key = (kind, int(event_ref), int(item_ref) if item_ref else -1)
            link = links.get(key)
            event = reading.events[key[1]] if key[1] < len(reading.events) else None
            if event is not None:
                items = [event] if kind == "event" else (
                    event.judgements if kind == "judgement" else event.recommendations
                )  # fmt: skip
                index = 0 if kind == "event" else key[2]
                confidence = getattr(items[index], "confidence", None) if index < len(items) else None
        rows.append({"form": form, "link": link, "confidence": confidence, "added": not ref})
    return rows


def _open_conflicts(document: Document):
    return (
        Conflict.objects.filter(incoming_source__document=document, status=Conflict.Status.OPEN)
        .select_related("inspection__authority", "judgement", "incoming_source")
        .order_by("created_at")
    )


@role_required(VIEWER)
def document_detail(request, pk):
    document = get_object_or_404(
        Document.objects.select_related("authority", "uploaded_by", "published_by"), pk=pk
    )
    reading = Reading.from_json(document.reading) if document.reading else None
    is_admin = has_role(request.user, ADMIN)
    editable = is_admin and document.state == Document.State.NEEDS_REVIEW and reading is not None
    forms = None
    status = 200
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied
        if not editable:
            messages.error(request, "Only a document that needs review can be changed.")
            return redirect(document)
        forms = DraftForms(reading, document.authority, data=request.POST)
        if forms.is_valid():
            _save_draft(document, forms)
            if request.POST.get("action") == "publish":
                return _publish(request, document)
            messages.success(request, "Your changes to the draft have been saved.")
            return redirect(document)
        status = 400
    elif editable:
        forms = DraftForms(reading, document.authority)
    context = _review_context(document, forms, reading, request.user, part=request.GET.get("part"))
    context["conflicts"] = [
        (c, SettleConflictForm(prefix=f"conflict-{c.pk}")) for c in _open_conflicts(document)
    ]
    context["choose_council"] = (
        ChooseCouncilForm(initial={"authority": document.authority})
        if is_admin
        and document.state in (Document.State.FAILED, Document.State.NEEDS_REVIEW)
        and document.error_code in read.COUNCIL_ERROR_CODES
        else None
    )
    context["notes"] = [
        m for m in document.messages if isinstance(m, dict) and m.get("level") != "error" and m.get("message")
    ]
    if document.council_chosen_by_hand and document.authority_id:
        chosen = f"The council was chosen by hand: {document.authority.short_name}."
        context["notes"].insert(0, {"level": "info", "message": chosen})
    context["polling"] = document.state in ACTIVE_STATES
    context["can_reread"] = is_admin and document.state not in ACTIVE_STATES and bool(document.file)
    context["published_events"] = (
        Inspection.objects.filter(sources__document=document).select_related("authority").distinct()
    )
    return render(request, "inspections/document_detail.html", context, status=status)


def _save_draft(document: Document, forms: DraftForms) -> None:
    reading, authority = forms.build()
    document.reading = reading.to_json()
    document.kind = reading.document_kind
    fields = ["reading", "kind"]
    if authority is not None and authority != document.authority:
        document.authority = authority
        fields.append("authority")
    Document.objects.filter(pk=document.pk, state=Document.State.NEEDS_REVIEW).update(
        **{name: getattr(document, name) for name in fields}
    )


def _publish(request, document: Document):
    try:
        summary = publish(document, request.user)
    except NotPublishable as refusal:
        messages.error(request, " ".join([refusal.message, *refusal.problems]))
        return redirect(document)
    except (IntegrityError, DatabaseError):
        messages.error(
            request,
            "The facts could not be stored: they clash with data changed at the same moment. Nothing was "
            "published. Try again.",
        )
        return redirect(document)
    messages.success(request, summary.sentence())
    return redirect(document)


@require_POST
@role_required(ADMIN)
def document_publish(request, pk):
    """Publish: with the review form's fields (saved first) or, without them, the stored draft as it is."""
    document = get_object_or_404(Document, pk=pk)
    if (
        "events-TOTAL_FORMS" in request.POST
        and document.state == Document.State.NEEDS_REVIEW
        and document.reading
    ):
        forms = DraftForms(Reading.from_json(document.reading), document.authority, data=request.POST)
        if not forms.is_valid():
            messages.error(request, "The draft has errors: correct them and publish again.")
            return redirect(document)
        _save_draft(document, forms)
    return _publish(request, document)


@require_POST
@role_required(ADMIN)
def document_reread(request, pk):
    """Read the document again (after the reader has improved): only its draft is replaced."""
    document = get_object_or_404(Document, pk=pk)
    if not document.file:
        messages.error(request, "This file was not stored, so it cannot be read again. Upload it again.")
        return redirect(document)
    with transaction.atomic():
        changed = (
            Document.objects.filter(pk=pk)
            .exclude(state__in=ACTIVE_STATES)
            .update(state=Document.State.QUEUED, error_code="", error_message="", attempts=0)
        )
        if changed:
            upload.queue_reading(document)
    if changed:
        messages.success(request, "The document will be read again. Its published facts stay as they are.")
    else:
        messages.error(request, "The document is being read already.")
    return redirect(document)


@require_POST
@role_required(ADMIN)
def document_council(request, pk):
    """Choose the council of a document the reader could not place, and read it again for that council."""
    document = get_object_or_404(Document, pk=pk)
    form = ChooseCouncilForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose the council the document is about.")
        return redirect(document)
    with transaction.atomic():
        read.choose_council(document, form.cleaned_data["authority"])
        changed = (
            Document.objects.filter(pk=pk)
            .exclude(state__in=ACTIVE_STATES)
            .update(state=Document.State.QUEUED, error_code="", error_message="", attempts=0)
        )
        if changed and document.file:
            upload.queue_reading(document)
    messages.success(
        request, f"The document will be read again as being about {form.cleaned_data['authority']}."
    )
    return redirect(document)


@require_GET
def document_file(request, pk):
    """The original file, to save: public for a published Ofsted report, else the viewer role its page needs;
    never shown in the site's own origin.

    Its Content-Type is the one its bytes were found to be at upload (never one guessed from its name, which
    the uploader chooses), HTML and unknown types go out as bytes, and every file is an attachment: a PDF
    shown inline ran its own /OpenAction JavaScript in Chromium's viewer. The review page shows its text.
    """
    document = get_object_or_404(Document, pk=pk)
    # A published Ofsted report or letter (Open Government Licence) backs public facts: anyone may open it.
    # A committee paper, a demo sample or an unpublished upload needs a signed-in user.
    public = document.is_ofsted_publication and document.state == Document.State.PUBLISHED
    if not public and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not public and not has_role(request.user, VIEWER):
        raise PermissionDenied  # signed in with no role: as its page answers
    if not document.file:
        raise Http404("This file was not stored.")
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The stored file is missing.") from missing
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=limits.served_type(document.content_type),
    )
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@role_required(ADMIN)
def conflict_settle(request, pk):
    conflict = get_object_or_404(Conflict, pk=pk)
    form = SettleConflictForm(request.POST, prefix=f"conflict-{conflict.pk}")
    back = request.POST.get("next") or conflict.inspection.get_absolute_url()
    if not back.startswith("/") or back.startswith("//"):
        back = conflict.inspection.get_absolute_url()
    if not form.is_valid():
        problems = "; ".join(m for errors in form.errors.values() for m in errors)
        messages.error(request, f"The conflict was not settled: {problems}.")
        return redirect(back)
    try:
        settle_conflict(conflict, form.cleaned_data["keep"], form.cleaned_data["note"], request.user)
    except (IntegrityError, DatabaseError, ValueError):
        messages.error(request, "That value cannot be stored (it contradicts the event's other dates).")
        return redirect(back)
    messages.success(request, "The conflict has been settled.")
    return redirect(back)


# --- An event -----------------------------------------------------------------------------------------------


def inspection_detail(request, pk):
    sources = Prefetch("sources", queryset=Source.objects.select_related("document", "dataset"))
    inspection = get_object_or_404(
        Inspection.objects.select_related("authority").prefetch_related(
            sources,
            Prefetch(
                "judgements", queryset=Judgement.objects.prefetch_related(sources).order_by("section", "id")
            ),
            Prefetch("recommendations", queryset=Recommendation.objects.prefetch_related(sources)),
        ),
        pk=pk,
    )
    conflicts = inspection.conflicts.select_related("judgement", "incoming_source__document", "settled_by")
    is_admin = has_role(request.user, ADMIN)
    context = {
        **judgement_sections(inspection),  # inspections.judgement_sections: sections named, derived marked
        "inspection": inspection,
        "kind_name": vocab.EVENT_KINDS.get(inspection.kind, inspection.kind),
        "open_conflicts": [
            (c, SettleConflictForm(prefix=f"conflict-{c.pk}"))
            for c in conflicts
            if c.status == Conflict.Status.OPEN
        ],
        "settled_conflicts": [c for c in conflicts if c.status == Conflict.Status.SETTLED],
        "is_admin": is_admin,
        "signed_in": request.user.is_authenticated,
    }
    return render(request, "inspections/inspection_detail.html", context)
