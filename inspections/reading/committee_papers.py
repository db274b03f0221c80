"""A council paper's events: the inspections it reports with their grades ('judged to be good', a list of
sub-judgements), when the report was published, the visits it names or announces, and which event the
paper's lists of priorities and recommendations belong to.
"""

from __future__ import annotations

import re

from . import dates
from . import judgements as judgement_rules
from . import recommendations as recommendation_rules
from .facts import Event, Judgement, Passage
from .judgements import GRADE_WORDS, reporting_grade, theme_for
from .layout import NUMBERED, collapse, lines_of
from .named_events import (
    EARLIER,
    KIND_WORDS,
    Years,
    dated_event,
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
    named = named_events(extracted, "committee_paper", None)
    graded = committee_graded_events(extracted, named)
    events = merge_events(graded + [e for e in named if e not in graded])
    _attach_tables(extracted, shapes, events)
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


_TABLE_REACH = 5000  # how far before a table the inspection it is the table of is looked for


def _attach_tables(extracted: ExtractedText, shapes: set[str], events: list[Event]) -> None:
    """A judgement table in a paper (the report's table copied in) gives its rows to the inspection named
    before it: an earlier one where the table's introduction says so ('at the previous inspection'), else
    the inspection the paper reports. A theme the prose already graded keeps the prose's grade."""
    text = extracted.text
    for position, rows in judgement_rules.tables_in(extracted, shapes):
        intro = text[max(0, position - 300) : position]
        # The table's own introduction: the sentence that leads into it, not the one before.
        ends = list(re.finditer(r"[.!?](?:\s|$)|\n\s*\n", intro))
        intro = intro[ends[-1].end() :] if ends else intro
        role = "mentioned" if EARLIER.search(intro) and not _CURRENT.search(intro) else "reported"
        candidates = [
            e
            for e in events
            if e.role == role
            and e.kind in _GRADED_KINDS
            and 0 <= position - e.passage.char_start <= _TABLE_REACH
        ]
        if not candidates:
            candidates = [
                e
                for e in events
                if e.role == role and e.kind in _GRADED_KINDS and 0 < e.passage.char_start - position <= 1500
            ]
        if not candidates:
            continue
        target = min(candidates, key=lambda e: abs(position - e.passage.char_start))
        themes = {j.theme for j in target.judgements}
        for row in rows:
            if row.theme in themes:
                continue
            if target.kind == "sif" and row.theme in ("adoption", "care_leavers"):
                row.parent_theme = "children_in_care"
            target.judgements.append(row)
            themes.add(row.theme)


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


# How a paper says a grade: in quotes ('good'), after a judging verb ('judged to be good', 'rated the
# council's children's services as good', 'found to require improvement'), as a judgement's name ('a
# judgement of inadequate', 'an outstanding rating', 'overall effectiveness: good').
_Q_OPEN, _Q_CLOSE = "[‘'\"“]", "[’'\"”]"
_PAPER_GRADE = re.compile(
    rf"{_Q_OPEN}\s*(?P<q>{GRADE_WORDS})\s*{_Q_CLOSE}|"
    rf"\b(?:judged|rated|graded|assessed|found)\s+(?:to\s+be\s+|as\s+(?:being\s+)?|to\s+(?=requires?\b))?"
    rf"{_Q_OPEN}?(?P<a>{GRADE_WORDS})\b(?!\s+as\b)|"
    rf"\b(?:judged|found|concluded)\s+that\s+[^.;:\n]{{0,100}}?\s(?:are|is|were|was|remain|remains)\s+(?:now\s+)?"
    rf"{_Q_OPEN}?(?P<g>{GRADE_WORDS})\b(?!\s+as\b)|"
    rf"\b(?:judged|rated|graded|assessed)\s+(?:the|its|our|their|(?-i:[A-Z]))[^.;:\n]{{0,120}}?\s(?:to\s+be\s+|as\s+|"
    rf"to\s+(?=require))"
    rf"{_Q_OPEN}?(?P<b>{GRADE_WORDS})\b(?!\s+as\b)|"
    rf"\b(?:judgement|rating|grade|grading|verdict)\s+(?:of|was|is|as)\s+{_Q_OPEN}?(?P<c>{GRADE_WORDS})\b|"
    rf"\b(?:a|an)\s+{_Q_OPEN}?(?P<d>{GRADE_WORDS}){_Q_CLOSE}?\s+(?:overall\s+)?(?:judgement|rating|grade)\b|"
    rf"\boverall\s+effectiveness\s*(?:was|is|were|remains|:|-|–|of)\s*{_Q_OPEN}?(?P<e>{GRADE_WORDS})\b|"
    rf"\b(?:outcome|result)\s+(?:of\s+the\s+inspection\s+)?(?:was|is)\s+(?:that\s+[^.;:\n]{{0,80}}?\s)?"
    rf"{_Q_OPEN}?(?P<f>{GRADE_WORDS})\b",
    re.I,
)
# Grades of cases, audits, settings or other councils, not of this council's inspection.
_NOT_THE_COUNCILS = re.compile(
    r"%|per\s*cent|\baudit|\bevaluations?\b|\bcases\b|\bplacements?\b|\bhomes?\b|\bschools?\b|\bsettings?\b|"
    r"\bauthorities\b|\bareas\b|\bcouncils\b|\bproviders?\b|\bcarers?\b|nationally|national\s+picture|"
    r"\bneighbours?\b|\bregion(?:al)?\b|\bcomparator|"
    # other inspections a council paper reports: its fostering or adoption agency, its homes, youth justice,
    # the local area's SEND arrangements, its schools and nurseries
    r"\bfostering\b|adoption\s+(?:agency|service)|\byouth\s+(?:offending|justice)\b|\bSEND\b|"
    r"special\s+educational\s+needs|\blocal\s+area\b|\bnurser(?:y|ies)\b|\bcolleges?\b|\bprobation\b",
    re.I,
)
_INSPECTION_CONTEXT = re.compile(r"\bOfsted\b|\binspect|\bILACS\b|\bSIF\b|\bjudgement", re.I)
_SUBJECT_SPLIT = re.compile(
    r",\s*|\s+and\s+(?=(?:the\s+)?(?:overall|services|experiences|leadership|adoption|"
    r"care|children|impact|help|effectiveness))",
    re.I,
)
_LEADING_WORDS = re.compile(
    r"^[\s'’”\".,;:–-]*(?:overall\b)?[\s,;:–-]*(?:(?:with|while|whilst|and|but|whereas)\s+)*", re.I
)
_VERB_TAIL = re.compile(
    r"\s+(?:was|were|is|are|had|has|have|been|being|judged|rated|graded|found|assessed|as|to\s+be)\b.*$",
    re.I | re.S,
)
# What makes a clause about this inspection rather than the one before: 'now', 'this inspection', 'latest'.
_CURRENT = re.compile(
    r"\b(?:now|this\s+(?:latest\s+|recent\s+)?inspection|latest|most\s+recent|recent(?:ly)?|new|current)\b",
    re.I,
)
_CHANGE_FROM = re.compile(
    r"\bfrom\b|\bpreviously\b|\bcompared\s+(?:with|to)\b|\bhaving\s+been\b|\bafter\s+being\b", re.I
)
_CLAUSE_END = re.compile(r"[,;:]|\s(?:and|but|while|whilst|whereas)\s")
_QUOTED_ROW = re.compile(rf"^(?P<label>.{{6,160}}?)\s*[–\-:]?\s*[‘'\"“](?P<grade>{GRADE_WORDS})[’'\"”]", re.I)
_PROSE_LABEL = re.compile(r"['‘’\"“”]|\b(?:was|were|judged|rated|graded)\b", re.I)
_ROW_JUNK = re.compile(r"^[\s\-–•◼*+«»>o·]*(?:\$?\\circ\s*~?\$?\s*)?|\$\\circ~\$\s*")
_GRADED_KINDS = ("sif", "ilacs", "slac", "cpi", "tlac")
_ANCHOR_REACH = 4000  # how far back an undated grade looks for the inspection it belongs to


def _kind_near(text: str, start: int, end: int) -> str:
    window = text[max(0, start - 600) : min(len(text), end + 300)]
    found = [m.lastgroup for m in KIND_WORDS.finditer(window) if m.lastgroup in ("sif", "ilacs", "slac")]
    return found[0] if found else ""


def _kind_in(text: str) -> str:
    found = [m.lastgroup for m in KIND_WORDS.finditer(text) if m.lastgroup in ("sif", "ilacs", "slac")]
    return found[0] if found else ""


def _paper_grades(sentence: str) -> list[tuple[int, int, str]]:
    found: list[tuple[int, int, str]] = []
    for match in _PAPER_GRADE.finditer(sentence):
        group = next(name for name in ("q", "a", "b", "c", "d", "e", "f", "g") if match.group(name))
        if not found or match.start(group) >= found[-1][1]:
            found.append((match.start(group), match.end(group), match.group(group)))
    return found


def _themes(clause: str, after: str) -> list[tuple[str, str]]:
    """(theme, label) of the judgements a clause names before its grade; [] when it names none."""
    if re.match(r"\s*[’'”\"]?\s*overall\b|\s*[’'”\"]?\s*for\s+overall\s+effectiveness", after, re.I):
        return [("overall", "Overall effectiveness")]
    # 'services for children in need of help and protection, looked after children and care leavers' is the
    # framework's name for all services: one overall grade, not three.
    if re.search(r"services\s+for\s+children\s+in\s+need|overall\s+effectiveness\s*$", clause, re.I):
        return [("overall", "Overall effectiveness")]
    subject = re.sub(r"^.*\bwhen\s+|^.*\bwhere\s+", "", clause, flags=re.I | re.S)
    judgements: list[tuple[str, str]] = []
    for part in _subject_parts(subject):
        part = _LEADING_WORDS.sub("", part)
        words = _VERB_TAIL.sub("", part)
        theme = theme_for(words) or theme_for(part)
        if theme and theme not in {t for t, _ in judgements}:
            label = "Overall effectiveness" if theme == "overall" else _label(words or part)
            judgements.append((theme, label))
    if not judgements and re.search(r"services|council|authority|\bOfsted\b|inspection|\bwe\b", clause, re.I):
        judgements.append(("overall", "Overall effectiveness"))
    return judgements


_COMBINED = re.compile(
    r"(?:children\s+in\s+care|looked\s+after\s+children|children\s+looked\s+after)\s+and\s+care\s+leavers",
    re.I,
)


def _subject_parts(subject: str) -> list[str]:
    """A clause's judgements, one per part ('leadership, help and protection and adoption'), but 'children
    in care and care leavers' (one ILACS judgement until 2023) stays one."""
    combined = _COMBINED.search(subject)
    if combined:
        head, tail = subject[: combined.start()], subject[combined.end() :]
        parts = _SUBJECT_SPLIT.split(head)
        return [*parts[:-1], parts[-1] + combined.group(0), *_SUBJECT_SPLIT.split(tail)]
    return _SUBJECT_SPLIT.split(subject)


def committee_graded_events(extracted: ExtractedText, named: list[Event] | None = None) -> list[Event]:
    """The inspections a paper reports or mentions with the grades it gives them. A grade in a clause about
    an earlier inspection ('at the previous inspection, in 2019, services were judged inadequate') belongs to
    that inspection; a grade in a sentence without a date belongs to the inspection the paper last named
    (named: the events named in the paper, which such grades are attached to)."""
    text = extracted.text
    years = Years(text)
    events: list[Event] = []
    anchors = [e for e in (named or []) if e.kind in _GRADED_KINDS and e.role == "reported"]
    seen: set[tuple[int, int]] = set()
    for match in _PAPER_GRADE.finditer(text):
        s_start, s_end = sentence_around(text, match.start(), match.end())
        if (s_start, s_end) in seen:
            continue
        seen.add((s_start, s_end))
        sentence = text[s_start:s_end]
        grades = _paper_grades(sentence)
        # A sentence naming three grades or more is the scale, or the nation's counts, not a council's grades.
        if not grades or len({grade_value(g[2]) for g in grades}) >= 3:
            continue
        context = text[max(0, s_start - 400) : s_end]
        if not _INSPECTION_CONTEXT.search(context):
            continue
        previous_end = 0
        previous_themes: list[tuple[str, str]] = []
        for index, grade in enumerate(grades):
            g_start, g_end, _word = grade
            next_start = grades[index + 1][0] if index + 1 < len(grades) else len(sentence)
            clause = sentence[previous_end:g_start]
            previous_end = g_end
            after = sentence[g_end:next_start]
            after_clause = after[: m.start()] if (m := _CLAUSE_END.search(after)) else after
            if _NOT_THE_COUNCILS.search(clause) or _NOT_THE_COUNCILS.search(after_clause[:60]):
                continue
            themes = _themes(clause, after)
            if not themes and previous_themes and _CHANGE_FROM.search(clause):
                themes = previous_themes  # 'good overall, up from inadequate': the same judgement, earlier
            if not themes:
                continue
            previous_themes = themes
            before = sentence[:g_start]
            earlier_before = list(EARLIER.finditer(before))
            current_before = list(_CURRENT.finditer(before))
            # Earlier when the clause after the grade says so ('inadequate at the previous inspection'), or
            # the sentence did before it and nothing since says 'now'.
            after_marker = EARLIER.search(after_clause)
            marker: int | None = None
            if after_marker:
                marker = g_end + after_marker.start()
            elif earlier_before and not (
                current_before and current_before[-1].start() > earlier_before[-1].start()
            ):
                marker = earlier_before[-1].start()
            event = _event_for(extracted, years, anchors, events, s_start, s_end, marker)
            if event is None:
                continue
            for theme, label in themes:
                if any(j.theme == theme for j in event.judgements):
                    continue
                event.judgements.append(
                    Judgement(
                        theme=theme,
                        label=label,
                        grade=reporting_grade(grade[2]),
                        value=grade_value(grade[2]) or 0,
                        parent_theme="children_in_care"
                        if event.kind == "sif" and theme in ("adoption", "care_leavers")
                        else "",
                        passage=Passage.of(extracted, s_start + g_start, s_start + g_end),
                        source="prose",
                        confidence=0.75,
                        evidence=collapse(sentence)[:300],
                    )
                )
            if event.judgements:
                event.judgements.extend(
                    _listed_sub_judgements(extracted, s_end, event.kind, {j.theme for j in event.judgements})
                )
    return merge_events([e for e in events if e.judgements])


def _event_for(
    extracted: ExtractedText,
    years: Years,
    anchors: list[Event],
    events: list[Event],
    s_start: int,
    s_end: int,
    earlier_at: int | None,
) -> Event | None:
    """The event a sentence's grade belongs to: dated by the sentence (by the clause after the earlier
    marker for an earlier inspection), else the reported inspection the paper named last before it."""
    text = extracted.text
    sentence = text[s_start:s_end]
    if earlier_at is not None:
        found = span_in(sentence, earlier_at, years.before(s_start))
        role = "mentioned"
    else:
        found = span_in(sentence, 0, years.before(s_start))
        # The sentence's date must not be the earlier inspection's ('good, up from inadequate in 2019').
        marker = EARLIER.search(sentence)
        if found and marker and found[1] > marker.start():
            found = None
        role = "reported"
    if found and found[0].precision == "year" and not re.search(r"\binspect", sentence, re.I):
        found = None
    if not found:
        if earlier_at is not None:
            return None
        before = [a for a in anchors if 0 <= s_start - a.passage.char_start <= _ANCHOR_REACH]
        after = [a for a in anchors if 0 < a.passage.char_start - s_start <= 1500]
        if before:
            return max(before, key=lambda a: a.passage.char_start)
        if after:
            return min(after, key=lambda a: a.passage.char_start)
        dated = [e for e in events if e.role == "reported" and e.passage.char_start < s_start]
        if dated:
            return dated[-1]
        found = _inspection_date_before(text, years, s_start)
        if not found:
            return None
    span, d_start, d_end = found
    kind = _kind_in(sentence[earlier_at:] if earlier_at is not None else sentence)
    if not kind and earlier_at is None:
        kind = _kind_near(text, s_start, s_end)
    kind = kind or era_kind(span.start)
    for event in events:
        if event.kind == kind and event.role == role and event.start == span.start:
            return event
    event = dated_event(extracted, kind, role, sentence, (s_start, s_end), span, (d_start, d_end), 0.75)
    events.append(event)
    return event


def _inspection_date_before(text: str, years: Years, position: int) -> tuple[dates.Span, int, int] | None:
    """The date of the inspection a sentence just before names ('Ofsted inspected children's services in
    November 2024. The council's services are now judged good.'); the date's offsets are given relative to
    position (the grade's sentence), as the caller's are."""
    window_start = max(0, position - 600)
    for s_start, s_end in reversed(_sentences_between(text, window_start, position)):
        sentence = text[s_start:s_end]
        if not re.search(r"\binspect", sentence, re.I) or EARLIER.search(sentence):
            continue
        found = span_in(sentence, 0, years.before(s_start))
        if found and found[0].precision != "year":
            span, d_start, d_end = found
            return span, d_start + s_start - position, d_end + s_start - position
    return None


def _sentences_between(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    position = end
    while position > start:
        s_start, s_end = sentence_around(text, max(start, position - 1), max(start, position - 1))
        if s_start >= position or s_start < start:
            break
        spans.append((s_start, min(s_end, end)))
        position = s_start - 1
    return list(reversed(spans))


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
        # A line of prose ('improvement', and adoption performance was judged 'good'') is no list item.
        if _PROSE_LABEL.search(label):
            continue
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
