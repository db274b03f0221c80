"""A council paper's events: the inspections it reports with their grades ('judged to be good', a list of
sub-judgements), when the report was published, the visits it names or announces, and which event the
paper's lists of priorities and recommendations belong to.
"""

from __future__ import annotations

import re

from . import dates
from . import recommendations as recommendation_rules
from .facts import Event, Judgement, Passage
from .judgements import GRADE_WORDS, prose_grades, reporting_grade, theme_for
from .layout import NUMBERED, collapse, lines_of
from .named_events import (
    EARLIER,
    KIND_WORDS,
    Years,
    era_kind,
    merge_events,
    named_events,
    sentence_around,
    span_in,
)
from .text import ExtractedText
from .vocabulary import grade_value


def read_committee_paper(extracted: ExtractedText, shapes: set[str]) -> list[Event]:
    """Every event a council paper reports, announces or mentions, with the grades and lists it gives them."""
    graded = committee_graded_events(extracted)
    named = named_events(extracted, "committee_paper", None)
    events = merge_events(graded + named)
    reported = [e for e in events if e.role == "reported"]
    for event in reported:
        if event.judgements:
            committee_published(extracted, event)
            break
    text = extracted.text
    heading, priorities, _end = recommendation_rules.committee_priorities(extracted, shapes)
    if priorities:
        target = _event_named_near(events, text, priorities[0].passage.char_start)
        if target:
            target.recommendations, target.recommendations_heading = priorities, heading
    stated = recommendation_rules.stated_recommendation_count(text)
    if stated:
        target = _event_named_near(events, text, stated[1])
        if target and not target.recommendations:
            target.stated_recommendation_count = stated[0]
            target.recommendations_heading = "recommendations made by inspectors"
            target.passages["recommendations"] = Passage.of(extracted, stated[1], stated[2])
    for list_heading, position, items in recommendation_rules.committee_lists(extracted):
        target = _event_named_near(events, text, position)
        if target and not target.recommendations:
            target.recommendations, target.recommendations_heading = items, list_heading
    return events


def _event_named_near(events: list[Event], text: str, position: int) -> Event | None:
    """The reported event a list belongs to: the kind its introduction names, else the nearest reported
    before it."""
    reported = [e for e in events if e.role == "reported"]
    if not reported:
        return None
    intro = text[max(0, position - 300) : position]
    named = [m.lastgroup for m in KIND_WORDS.finditer(intro)]
    for kind in reversed(named):
        for event in reported:
            if event.kind == kind:
                return event
    before = [e for e in reported if e.passage.char_start <= position]
    return max(before, key=lambda e: e.passage.char_start) if before else reported[0]


_JUDGED = re.compile(
    r"\b(?:was|were|is|are|being|been|be)\s+(?:judged|rated|graded|found\s+to\s+be|assessed\s+as)\b|"
    r"\b(?:judged|rated)\s+(?:to\s+be\s+|as\s+)?[‘'\"“]?(?:" + GRADE_WORDS + ")",
    re.I,
)
# Grades of cases, audits, settings or other councils, not of this council's inspection.
_NOT_THE_COUNCILS = re.compile(
    r"%|per\s*cent|\baudit|\bevaluations?\b|\bcases\b|\bplacements?\b|\bhomes?\b|\bschools?\b|\bsettings?\b|"
    r"\bauthorities\b|\bareas\b|\bcouncils\b|\bproviders?\b|\bcarers?\b|nationally|national\s+picture",
    re.I,
)
_INSPECTION_CONTEXT = re.compile(r"\bOfsted\b|\binspect|\bILACS\b|\bSIF\b|\bjudgement", re.I)
_SUBJECT_SPLIT = re.compile(
    r",\s*|\s+and\s+(?=(?:the\s+)?(?:overall|services|experiences|leadership|adoption|"
    r"care|children|impact|help|effectiveness))",
    re.I,
)
_QUOTED_ROW = re.compile(rf"^(?P<label>.{{6,160}}?)\s*[–\-:]?\s*[‘'\"“](?P<grade>{GRADE_WORDS})[’'\"”]", re.I)
_ROW_JUNK = re.compile(r"^[\s\-–•◼*+«»>o·]*(?:\$?\\circ\s*~?\$?\s*)?|\$\\circ~\$\s*")


def _kind_near(text: str, start: int, end: int) -> str:
    window = text[max(0, start - 600) : min(len(text), end + 300)]
    found = [m.lastgroup for m in KIND_WORDS.finditer(window) if m.lastgroup in ("sif", "ilacs", "slac")]
    return found[0] if found else ""


def committee_graded_events(extracted: ExtractedText) -> list[Event]:
    text = extracted.text
    years = Years(text)
    events: list[Event] = []
    for match in _JUDGED.finditer(text):
        s_start, s_end = sentence_around(text, match.start(), match.end())
        sentence = text[s_start:s_end]
        grades = [g for g in prose_grades(sentence) if g[0] >= match.start() - s_start - 5]
        if not grades or not _INSPECTION_CONTEXT.search(sentence):
            continue
        subject = sentence[: match.start() - s_start]
        if _NOT_THE_COUNCILS.search(subject) or _NOT_THE_COUNCILS.search(sentence[match.end() - s_start :]):
            continue
        found = span_in(sentence, 0, years.before(s_start))
        if not found:
            continue
        span, d_start, d_end = found
        if span.precision == "year" and not re.search(r"\binspect", sentence, re.I):
            continue
        kind = _kind_near(sentence, 0, len(sentence)) or era_kind(span.start)
        role = "mentioned" if EARLIER.search(sentence) else "reported"
        grade_start, grade_end, grade = grades[0]
        judgements = []
        # 'services for children in need of help and protection, looked after children and care leavers' is
        # the framework's name for all services: one overall grade, not three.
        whole_service = re.search(
            r"services\s+for\s+children\s+in\s+need|for\s+overall\s+effectiveness", sentence, re.I
        )
        parts = (
            []
            if whole_service
            else _SUBJECT_SPLIT.split(re.sub(r"^.*\bwhen\s+|^.*\bwhere\s+", "", subject, flags=re.I))
        )
        for part in parts:
            theme = theme_for(part)
            if theme and theme != "lscb":
                label = "Overall effectiveness" if theme == "overall" else _label(part)
                judgements.append((theme, label))
        if not judgements:
            if "overall effectiveness" in sentence.lower() or re.search(
                r"services|council|authority", subject, re.I
            ):
                judgements.append(("overall", "Overall effectiveness"))
            else:
                continue
        event = Event(
            kind=kind,
            role=role,
            passage=Passage.of(extracted, s_start, s_end),
            start=span.start,
            end=span.end,
            precision=span.precision,
            season=span.label,
            confidence=0.75,
            evidence=collapse(sentence)[:300],
        )
        for theme, label in judgements:
            event.judgements.append(
                Judgement(
                    theme=theme,
                    label=label,
                    grade=reporting_grade(grade),
                    value=grade_value(grade) or 0,
                    passage=Passage.of(extracted, s_start + grade_start, s_start + grade_end),
                    source="prose",
                    confidence=0.75,
                    evidence=collapse(sentence)[:300],
                )
            )
        event.judgements.extend(_listed_sub_judgements(extracted, s_end, kind, {t for t, _ in judgements}))
        events.append(event)
    return merge_events(events)


def _label(part: str) -> str:
    part = collapse(re.sub(r"^(?:the|our|its|their)\s+", "", part.strip(" ,.;:"), flags=re.I))
    return part[:1].upper() + part[1:]


def _listed_sub_judgements(
    extracted: ExtractedText, after: int, kind: str, taken: set[str]
) -> list[Judgement]:
    """'The sub judgements findings were:' followed by one line per judgement with its grade in quotes."""
    text = extracted.text
    result: list[Judgement] = []
    taken = set(taken)
    lines = [line for line in lines_of(text, after, min(len(text), after + 2500)) if line.text.strip()]
    started = False
    for line in lines[:14]:
        cleaned = _ROW_JUNK.sub("", line.text).strip()
        row = _QUOTED_ROW.match(cleaned)
        if not row:
            if started or NUMBERED.match(line.text) and not line.text.strip().startswith("-"):
                break
            continue
        label = collapse(row.group("label").strip(" –-:"))
        theme = theme_for(label)
        if not theme or theme in taken:
            continue
        started = True
        taken.add(theme)
        if theme == "lscb" and "lscb" not in label.lower() and not label.lower().startswith("the local"):
            label += " (LSCB review)"  # a board's own name does not say what was judged
        grade = row.group("grade")
        offset = line.start + line.text.find(cleaned)
        result.append(
            Judgement(
                theme=theme,
                label=label,
                grade=reporting_grade(grade),
                value=grade_value(grade) or 0,
                parent_theme="children_in_care"
                if kind == "sif" and theme in ("adoption", "care_leavers")
                else "",
                passage=Passage.of(extracted, offset, line.end),
                source="prose",
                confidence=0.7,
            )
        )
    return result


_PUBLISHED_PROSE = re.compile(r"\breport\b[^.]{0,120}?\bpublished\b[^.]{0,80}?", re.I)


def committee_published(extracted: ExtractedText, event: Event) -> None:
    """'The final report was published ... on Tuesday 13 June 2017' dates the reported inspection's report."""
    text = extracted.text
    for match in _PUBLISHED_PROSE.finditer(text):
        s_start, s_end = sentence_around(text, match.start(), match.end())
        day = dates.parse_full_date(text[match.start() : s_end])
        if day and event.start and day > event.start and (day - event.start).days < 400:
            event.published = day
            event.passages["published"] = Passage.of(extracted, s_start, s_end)
            return
