"""A public page for each source of a public fact: a reader follows a figure to where it comes from without
signing in.

- A passage of a published document: the page of its stored text that holds the passage, the passage
  highlighted and focused (`#passage`), its page number; a link to the file only for an Ofsted report or
  letter (Open Government Licence), never for a council's committee paper or one of the demo's own sample
  papers, which are labelled as such.
- A row of Ofsted's official statistics: the edition, sheet, row and the row's own words, with a link to the
  edition's publication page.
Unpublished documents are not shown: their facts are not public yet.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.safestring import mark_safe

from inspections.models import Source
from inspections.reading import vocabulary as vocab
from inspections.revisions import event_revisions, judgement_revisions


def _page_span(document, start: int) -> tuple[int, int, int | None]:
    """The stored text's page that holds offset `start`: (its start, its end, its number)."""
    starts = list(document.page_starts or [])
    number = document.page_of(start) if starts else None
    if not number:
        return 0, len(document.text), None
    begin = starts[number - 1]
    end = starts[number] if number < len(starts) else len(document.text)
    return begin, end, number


def passage_html(document, char_start: int, char_end: int) -> tuple[str, int | None]:
    """The page's text as HTML, the passage in <mark id="passage">. Every piece of text is escaped."""
    from inspections.documents.views import highlighted_text

    begin, end, number = _page_span(document, char_start)
    text = document.text[begin:end]
    html, _ = highlighted_text(text, [], [(char_start - begin, min(char_end, end) - begin)])
    html = html.replace('id="passage-1"', 'id="passage"', 1)
    return html, number


def source_detail(request, pk):
    source = get_object_or_404(
        Source.objects.select_related(
            "document", "dataset", "inspection__authority", "judgement__inspection__authority",
            "recommendation__inspection__authority",
        ),
        pk=pk,
    )  # fmt: skip
    document = source.document
    if document is not None and document.state != document.State.PUBLISHED:
        raise Http404("This source is not published.")
    owner = source.judgement or source.recommendation
    inspection = source.inspection or (owner.inspection if owner else None)
    context = {
        "source": source,
        "document": document,
        "inspection": inspection,
        "judgement": source.judgement,
        "recommendation": source.recommendation,
        "kind_name": vocab.EVENT_KINDS.get(inspection.kind, inspection.kind) if inspection else "",
        "document_kind": vocab.DOCUMENT_KINDS.get(document.kind, "") if document else "",
        "file_public": bool(document and document.is_ofsted_publication and document.file),
    }
    if document is not None and source.char_start is not None and document.text:
        html, page = passage_html(document, source.char_start, source.char_end or source.char_start)
        context["passage_html"] = mark_safe(html)  # noqa: S308 - highlighted_text escapes every piece
        context["page"] = source.page or page
    else:
        context["page"] = source.page
    if source.dataset_id and inspection is not None:
        context["revisions"] = (
            judgement_revisions(source.judgement) if source.judgement else event_revisions(inspection)
        )
    return render(request, "inspections/source_detail.html", context)
