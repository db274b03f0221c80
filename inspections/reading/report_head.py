"""The facts at the head of a report or letter: the inspection or visit it is the report or letter of (the
primary event), its dates, publication date, lead inspector, a visit's focus and an ILACS inspection's type.
"""

from __future__ import annotations

import re
from datetime import date

from . import dates
from .facts import Event, Passage
from .kinds import Classification
from .layout import collapse, lines_of
from .text import ExtractedText

_HEAD = 4000

_DATES_LINE = re.compile(
    r"Inspection\s+dates?:?\s*(?P<dates>.{0,220}?)(?=\n\s*(?:#+\s*)?(?:Lead|Reporting|Report\s+published|Published|"
    r"Judgement|Age\s+group|Inspection\s+outcome|Dates\s+of\s+previous|Children|The\s+overall)|\n\s*\n|$|"
    # the next line's words run onto the dates line, as re-flowed text has them
    r"\s+(?:Report\s+published|Publication\s+date|Date\s+of\s+publication|Lead\s+inspector|Reporting\s+"
    r"inspector)\b)",
    re.I | re.S,
)
_LETTER_DATES = re.compile(
    r"(?:This letter summarises|findings of (?:a|the) (?:focus(?:s)?ed|monitoring) visit|visit (?:was )?"
    r"(?:carried out|undertaken) (?:on|between))(?P<dates>.{0,260}?\b(?:19|20)\d\d\b)",
    re.I | re.S,
)
# 'The visit was carried out on 16 and 17 March 2016', 'This inspection took place from 9 to 13 January 2023'.
_VISIT_HELD = re.compile(
    r"\b(?:carried\s+out|conducted|undertaken|took\s+place|was\s+held|happened)\s+(?:remotely\s+|virtually\s+|"
    r"on\s+site\s+|in\s+person\s+)?(?:on|from|between|during)\s+(?P<dates>[^.]{0,80}?\b(?:19|20)\d\d\b)",
    re.I,
)
_PUBLISHED = re.compile(
    r"(?:^[#*\s]*(?:Report\s+)?published|^[#*\s]*(?:publication\s+date|date\s+of\s+publication|date\s+published)|"
    r"(?<=\d{4})[ \t]+Report\s+published)\s*:?\s*(?P<date>[^\n]{6,40}|\n[^\n]{6,40})",
    re.I | re.M,
)
_NUMERIC_DATE = re.compile(r"\b(?P<day>[0-3]?\d)[/.](?P<month>[01]?\d)[/.](?P<year>(?:19|20)\d\d)\b")
_LEAD = re.compile(r"^[#*\s]*(?:Lead|Reporting)\s+inspector:?[ \t]*(?P<name>[^\n]+)", re.I | re.M)
_NAME_END = re.compile(
    r",|\s+(?:Senior\s+)?HMI\b|\s+(?:Her|His)\s+Majesty|\s+Ofsted\b|\s+Social\s+Care\s+Regulatory|\s+Inspector\b|"
    r"\s{2,}|\t",
    re.I,
)
_FOCUS = re.compile(
    r"(?:Inspectors|The inspectors|This visit|The visit)\s+"
    r"(?:looked at|evaluated|focused on|considered|reviewed)\s+"
    r"the\s+local\s+authority['’]s\s+arrangements\s+for\s+(?P<focus>[^.:]{3,200}?)(?:[.:]|,\s+with\s+a\s+particular)",
    re.I | re.S,
)
_ILACS_TYPE = re.compile(r"\bthis\s+(?:was|is)\s+an?\s+(?P<type>short|standard)\s+inspection", re.I)


def _lead_inspector(text: str) -> tuple[str, int, int] | None:
    for match in _LEAD.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        if re.search(r"deputy|cqc|assistant", text[line_start : match.start("name")], re.I):
            continue
        name = _NAME_END.split(match.group("name").strip(), maxsplit=1)[0].strip(" .;:")
        if 2 <= len(name.split()) <= 5 and not re.search(r"\d", name):
            return name, match.start("name"), match.start("name") + len(name)
    return None


def _letter_date(text: str) -> tuple[date, int, int] | None:
    """The date at the head of a letter: a full date on a line of its own before 'Dear'."""
    dear = re.search(r"\bDear\b", text[:_HEAD])
    limit = dear.start() if dear else min(len(text), 1500)
    for line in lines_of(text, 0, limit):
        stripped = line.text.strip()
        match = dates.FULL_DATE.fullmatch(stripped)
        if match:
            day = dates.parse_full_date(stripped)
            if day:
                return day, line.start, line.end
    return None


def _numeric_date(text: str) -> date | None:
    """'13/06/2017' or '13.06.2017', day first as in England."""
    match = _NUMERIC_DATE.search(text)
    if not match:
        return None
    try:
        return date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
    except ValueError:
        return None


def _dates_of(text: str, head: str, letter: bool) -> tuple[dates.Span, re.Match[str]] | None:
    """A report's 'Inspection dates:' line; a letter's sentence saying when the visit was (the first that
    gives days: 'since the local authority was judged inadequate in September 2014' comes first in some)."""
    line = _DATES_LINE.search(head)
    candidates = [line] if line else []
    if letter or not line:
        window = text[:8000]
        found = [*_LETTER_DATES.finditer(window), *_VISIT_HELD.finditer(window)]
        candidates += sorted(found, key=lambda m: m.start())
    first = None
    for match in candidates:
        span = dates.parse_span(match.group("dates"))
        if span and span.precision == "day":
            return span, match
        first = first or ((span, match) if span else None)
    return first


def primary_event(extracted: ExtractedText, classification: Classification) -> Event:
    text = extracted.text
    head = text[:_HEAD]
    event = Event(
        kind=classification.event_kind,
        role="primary",
        passage=Passage.of(extracted, classification.title_start, classification.title_end),
        reinspection=classification.reinspection,
        confidence=classification.confidence,
    )
    found = _dates_of(text, head, classification.document_kind == "visit_letter")
    if found:
        span, span_match = found
        event.start, event.end, event.precision = span.start, span.end, span.precision
        event.passages["dates"] = Passage.of(extracted, span_match.start("dates"), span_match.end("dates"))
    published = _PUBLISHED.search(head)
    if published:
        day = dates.parse_full_date(published.group("date")) or _numeric_date(published.group("date"))
        if day:
            event.published = day
            event.passages["published"] = Passage.of(
                extracted, published.start("date"), published.end("date")
            )
    elif classification.document_kind == "visit_letter":
        letter = _letter_date(text)
        if letter:
            event.published = letter[0]
            event.passages["published"] = Passage.of(extracted, letter[1], letter[2])
    lead = _lead_inspector(text)
    if lead:
        event.lead_inspector = lead[0]
        event.passages["lead_inspector"] = Passage.of(extracted, lead[1], lead[2])
    if classification.document_kind == "visit_letter":
        focus = _FOCUS.search(text[:10000])
        if focus:
            event.focus = collapse(focus.group("focus"))
            event.passages["focus"] = Passage.of(extracted, focus.start("focus"), focus.end("focus"))
    if event.kind == "ilacs":
        kind_match = _ILACS_TYPE.search(text[:20000])
        if kind_match:
            event.ilacs_type = kind_match.group("type").lower()
    return event
