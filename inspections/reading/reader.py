"""One entry point: read(extracted_text, gazetteer, council_code=None) -> Reading."""

from __future__ import annotations

import re
from datetime import date

from . import judgements as judgement_rules
from . import named_events, report_head
from . import recommendations as recommendation_rules
from .committee_papers import read_committee_paper
from .councils import Council, Gazetteer
from .errors import ReadingError
from .facts import CouncilFact, Event, Passage, Reading
from .kinds import (
    CPI,
    ILACS_TITLE,
    LETTER_SUBJECTS,
    OFSTED_REPORT_LINES,
    SIF_REINSPECTION,
    SIF_TITLE,
    SLAC_TITLE,
    TLAC,
    Classification,
    classify,
)
from .layout import furniture
from .text import PAGE_BREAK, ExtractedText

# The version of the reader, stored with every reading (Reading.reader_version, Document.reader_version) so
# that a document read by an older reader can be found and read again.
# Bump it whenever a change to a rule can change what is read from some document (an event, a date, a grade,
# a recommendation, the council, the document's kind or its out-of-scope sentence): YEAR.MONTH.N, N counting
# from 1 within the month. Changes that only make reading faster, or only touch messages, keep the version.
READER_VERSION = "2026.12.1"

_ROLE_ORDER = {"primary": 0, "reported": 1, "expected": 2, "mentioned": 3}
_LSCB_REVIEW_TITLE = re.compile(r"Review\s+of\s+the\s+effectiveness\s+of\s+the\s+Local\s+Safeguarding", re.I)
_SLAC_SECTION = re.compile(r"Overall effectiveness\s*(?:\*\*)?\s*\n?\s*(?:\*\*)?\s*Grade\s+[1-4]", re.I)


def read(extracted: ExtractedText, gazetteer: Gazetteer, council_code: str | None = None) -> Reading:
    """Everything the text says. council_code (an admin's choice) names the council instead of resolving it
    from the text; everything else is still read from the text."""
    text = extracted.text
    classification = classify(text)
    shapes = furniture(extracted)
    reading = Reading(
        document_kind=classification.document_kind,
        document_kind_confidence=classification.confidence,
        page_count=extracted.page_count,
        filename=extracted.filename,
        source_type=extracted.source_type,
        out_of_scope=classification.out_of_scope,
        reader_version=READER_VERSION,
    )
    reading.errors.extend({"code": "type_mismatch", "message": problem} for problem in extracted.problems)
    if classification.document_kind in ("inspection_report", "visit_letter"):
        reading.events = _read_report(extracted, classification, shapes)
    elif classification.document_kind == "committee_paper":
        embedded, report_from = _embedded_reports(extracted)
        paper = read_committee_paper(extracted, shapes)
        if embedded:
            # Inside the pasted report, the inspections it names are the report's mentions, as in any report.
            for event in paper:
                # (a sentence may begin just above the pasted text, its date inside it)
                where = event.passages.get("dates", event.passage).char_start
                if max(event.passage.char_start, where) >= report_from and event.role == "reported":
                    event.role = "mentioned"
        reading.events = named_events.merge_events(embedded + paper)
    reading.events.sort(key=lambda e: (_ROLE_ORDER[e.role], e.start or date.max))
    reading.document_date = _document_date(reading, text)
    if council_code:
        council = _council_by_code(gazetteer, council_code)
        if council is None:
            reading.errors.append(
                {
                    "code": "unknown_council",
                    "message": f"The council chosen by hand ({council_code}) is not in the list of councils.",
                }
            )
        else:
            reading.council = _chosen_council(extracted, council, reading.document_date)
        return reading
    try:
        match = gazetteer.resolve(text, reading.document_date)
        reading.council = CouncilFact(
            match.code, match.name, match.confidence, Passage.of(extracted, match.char_start, match.char_end)
        )
    except ReadingError as error:
        reading.errors.append({"code": error.code, "message": error.message})
    return reading


def _council_by_code(gazetteer: Gazetteer, code: str) -> Council | None:
    council = gazetteer.by_code.get(code)
    if council is None:  # a council's former code
        council = next((c for c in gazetteer.councils if code in c.other_codes), None)
    return council


def _chosen_council(extracted: ExtractedText, council: Council, on: date | None) -> CouncilFact:
    """The council an admin chose, with the passage naming it where the text names it at all."""
    passage = None
    try:
        match = Gazetteer([council]).resolve(extracted.text, on)
        passage = Passage.of(extracted, match.char_start, match.char_end)
    except ReadingError:
        pass  # the document never names it: the admin's word is enough
    return CouncilFact(council.code, council.usual_name, 1.0, passage, chosen_by_hand=True)


def _read_report(extracted: ExtractedText, classification: Classification, shapes: set[str]) -> list[Event]:
    primary = report_head.primary_event(extracted, classification)
    kind = primary.kind
    if kind in ("ilacs", "sif"):
        primary.judgements = judgement_rules.table_judgements(extracted, kind, shapes)
    if kind == "sif":
        overall = judgement_rules.sif_overall(extracted)
        if overall:
            primary.judgements.insert(0, overall)
        # The LSCB is graded only where the report includes the board's review (never in a re-inspection).
        if not primary.reinspection and _LSCB_REVIEW_TITLE.search(extracted.text[:3000]):
            lscb = judgement_rules.lscb_judgement(extracted)
            if lscb:
                primary.judgements.append(lscb)
    elif kind == "slac":
        primary.judgements = judgement_rules.slac_judgements(extracted, shapes)
    elif kind in ("cpi", "tlac"):
        primary.judgements = judgement_rules.headline_judgements(extracted)
    elif kind == "lscb_review":
        lscb = judgement_rules.lscb_judgement(extracted)
        primary.judgements = [lscb] if lscb else []
    section_starts = None
    if kind == "slac":
        section_starts = [m.start() for m in _SLAC_SECTION.finditer(extracted.text)]
    heading, recommendations = recommendation_rules.report_recommendations(extracted, shapes, section_starts)
    primary.recommendations = recommendations
    primary.recommendations_heading = heading
    others = named_events.named_events(extracted, classification.document_kind, primary)
    return [primary, *others]


# A report's title at the start of a line, followed by the lines Ofsted puts under a title.
_EMBEDDED_TITLES = (SIF_REINSPECTION, SIF_TITLE, SLAC_TITLE, CPI, TLAC, ILACS_TITLE)


def _embedded_reports(extracted: ExtractedText) -> tuple[list[Event], int]:
    """An Ofsted report or visit letter pasted into a council paper (an appendix, the text after a cover
    note) is read as a report or letter, and its inspection or visit is one the paper reports: its dates,
    grades and recommendations are the report's own, not the paper's prose about it."""
    text = extracted.text
    # The lines Ofsted puts under a title are rare in a paper: each is looked at, with the title just above
    # it (of titles above the same lines, a paper's subject line and the pasted report's title, the nearest
    # is the report's). Searching for titles through the whole paper cost a paper's length per title.
    found = []
    for lines in OFSTED_REPORT_LINES.finditer(text, 1):
        window = max(0, lines.start() - 400)
        titles = [m.start() for p in _EMBEDDED_TITLES for m in p.finditer(text, window, lines.start() + 1)]
        titles = [t for t in titles if t > 0 and lines.start() - t <= 400]
        if titles:
            found.append(max(titles))
            break
    if found:
        start = found[0] + 1 if text[found[0]] == "\n" else found[0]
        # The council's name often stands on the line above the title.
        above = text.rfind("\n", 0, max(0, start - 1))
        if above >= 0 and len(text[above + 1 : start].strip()) < 60:
            start = above + 1
        wanted = "inspection_report"
    else:
        letter = _embedded_letter_start(text)
        if letter is None:
            return [], len(text)
        start, wanted = letter, "visit_letter"
    sub = ExtractedText(pages=text[start:].split(PAGE_BREAK), source_type=extracted.source_type)
    classification = classify(sub.text)
    if classification.document_kind != wanted or classification.event_kind == "other":
        return [], len(text)
    events = _read_report(sub, classification, furniture(sub))
    primary = events[0]
    primary.role = "reported"
    _shift(primary, extracted, start)
    return [primary], start


_DEAR = re.compile(r"\n[ \t]*Dear\b")
_APPENDIX = re.compile(r"^[ \t#*]*(?:Appendix|Annex|Enclosure)\b[^\n]{0,80}$", re.I | re.M)


def _embedded_letter_start(text: str) -> int | None:
    """Where an Ofsted visit letter pasted into a paper starts: a 'Dear ...' whose subject line names a
    kind of visit, the letter taken from its appendix heading (or the lines just above, where its date
    stands)."""
    for dear in _DEAR.finditer(text, 1):
        subject = text[dear.end() : dear.end() + 300]
        if not any(pattern.search(subject) for _kind, pattern in LETTER_SUBJECTS):
            continue
        headings = list(_APPENDIX.finditer(text, max(0, dear.start() - 1500), dear.start()))
        appendix = headings[-1] if headings else None
        if appendix:
            return appendix.end() + 1
        return text.rfind("\n", 0, max(0, dear.start() - 600)) + 1
    return None


def _shift(event: Event, extracted: ExtractedText, offset: int) -> None:
    """Passages read in a part of the text, moved to where that part stands in the whole."""

    def moved(passage: Passage) -> Passage:
        return Passage.of(extracted, passage.char_start + offset, passage.char_end + offset)

    event.passage = moved(event.passage)
    event.passages = {key: moved(passage) for key, passage in event.passages.items()}
    for judgement in event.judgements:
        judgement.passage = moved(judgement.passage)
    for recommendation in event.recommendations:
        recommendation.passage = moved(recommendation.passage)


def _document_date(reading: Reading, text: str) -> date | None:
    primary = reading.primary
    if primary:
        return primary.published or primary.end or primary.start
    held = [e.end or e.start for e in reading.events if e.role in ("reported", "mentioned") and e.start]
    if held:
        return max(held)
    from .dates import parse_span

    span = parse_span(text[:3000])
    return span.start if span else None
