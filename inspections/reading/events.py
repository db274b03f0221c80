"""Events a document states: the inspection or visit it is the report or letter of (primary), the ones
a council paper reports or announces (reported, expected), and earlier ones it refers to (mentioned).
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from . import dates
from .facts import Event, Judgement, Passage
from .judgements import GRADE_WORDS, prose_grades, reporting_grade, theme_for
from .kinds import Classification
from .layout import NUMBERED, collapse, lines_of
from .text import ExtractedText
from .vocabulary import grade_value

_HEAD = 4000

_DATES_LINE = re.compile(
    r"Inspection\s+dates?:?\s*(?P<dates>.{0,220}?)(?=\n\s*(?:#+\s*)?(?:Lead|Reporting|Report\s+published|Published|"
    r"Judgement|Age\s+group|Inspection\s+outcome|Dates\s+of\s+previous|Children|The\s+overall)|\n\s*\n|$)",
    re.I | re.S,
)
_LETTER_DATES = re.compile(
    r"(?:This letter summarises|findings of (?:a|the) (?:focus(?:s)?ed|monitoring) visit|visit (?:was )?"
    r"(?:carried out|undertaken) (?:on|between))(?P<dates>.{0,260}?\b(?:19|20)\d\d\b)",
    re.I | re.S,
)
_PUBLISHED = re.compile(r"^[#*\s]*(?:Report\s+)?published:?\s*(?P<date>[^\n]{6,40})", re.I | re.M)
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
    span_match = _DATES_LINE.search(head)
    if span_match is None and classification.document_kind == "visit_letter":
        span_match = _LETTER_DATES.search(text[:8000])
    if span_match:
        span = dates.parse_span(span_match.group("dates"))
        if span:
            event.start, event.end, event.precision = span.start, span.end, span.precision
            event.passages["dates"] = Passage.of(
                extracted, span_match.start("dates"), span_match.end("dates")
            )
    published = _PUBLISHED.search(head)
    if published:
        day = dates.parse_full_date(published.group("date"))
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


# -- events named in the text ------------------------------------------------------------------------------
# Matched on the lower-cased text (same offsets): an IGNORECASE alternation over a whole report is slow.
_KIND_WORDS_LOWER = re.compile(
    r"(?=[fmjusi])(?:(?P<focused_visit>focus(?:s)?ed\s+visits?)|(?P<monitoring_visit>monitoring\s+visits?)|"
    r"(?P<jtai>joint\s+targeted\s+area\s+inspections?|\bjtais?\b)|"
    r"(?P<unannounced>unannounced\s+inspections?)|"
    r"(?P<sif>single\s+inspection(?:\s+framework)?\b|\bsif\b|inspection\s+of\s+services\s+for\s+children\s+in\s+need)|"
    r"(?P<ilacs>\bilacs\b|inspection\s+(?:\(of\)\s+|of\s+)?local\s+authority\s+children['’]s\s+services)|"
    r"(?P<slac>inspection\s+of\s+safeguarding\s+and\s+looked\s+after\s+children))"
)


class _KindWords:
    """finditer over text for the kind words, case-insensitively, through the lower-cased text."""

    @staticmethod
    def finditer(text: str, start: int = 0, end: int | None = None):
        lowered = text.lower()
        if len(lowered) != len(text):  # a rare character whose lower case is longer: fall back
            return re.compile(_KIND_WORDS_LOWER.pattern, re.I).finditer(text, start, end or len(text))
        return _KIND_WORDS_LOWER.finditer(lowered, start, len(text) if end is None else end)


_KIND_WORDS = _KindWords()
_FUTURE = re.compile(
    r"\b(expected|will\s+take\s+place|will\s+be|is\s+due|are\s+due|planned|scheduled|anticipated)\b", re.I
)
_EARLIER = re.compile(r"\b(last|previous|previously|earlier|prior|since\s+the)\b", re.I)
_NOT_AN_EVENT = re.compile(r"\b(commenced|introduced|launched)\b", re.I)
# Someone other than Ofsted 'monitoring' a setting (a director visiting a children's home) is no Ofsted visit.
_NOT_OFSTED_VISIT = re.compile(
    r"children['’]s\s+homes?|\bhomes\b|\bone\s+of\s+the\s+homes|regulation\s+44", re.I
)
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9‘'\"(])|\n\s*\n|\n\s*(?:[-–•]\s+)?\d+\.\d+\s")
_FULL_OR_PARTIAL = re.compile(
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?(?:\s*(?:/|-|–|and|to)\s*\d{{1,2}}(?:st|nd|rd|th)?)?\s+{dates._MONTH_RE}"
    rf"(?:\s+(?:19|20)\d\d)?)|(?:\b{dates._MONTH_RE}\s+(?:19|20)\d\d)|(?:\b(?:spring|summer|autumn|winter)\s+"
    rf"(?:term\s+)?(?:19|20)\d\d)|(?:\b(?:in|of|during|since)\s+(?:19|20)\d\d\b)|(?:\bin\s+{dates._MONTH_RE}\b(?!\s+(?:19|20)\d\d))",
    re.I,
)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end] (bounded, so a page without full stops costs little)."""
    low = max(0, start - 400)
    breaks = list(_SENTENCE_BREAK.finditer(text, low, start))
    sentence_start = breaks[-1].end() if breaks else low
    after = _SENTENCE_BREAK.search(text, end, min(len(text), end + 400))
    sentence_end = after.start() if after else min(len(text), end + 400)
    return sentence_start, sentence_end


_YEAR_REACH = 20000  # how far back a year is looked for


class _Years:
    """The years written in a text, found once; the last one before an offset is found by bisection (a search
    back through the text for each event made a long text cost its length times its events)."""

    def __init__(self, text: str):
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        for match in dates.YEAR.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())

    def before(self, position: int) -> int | None:
        """The last year written within _YEAR_REACH characters before position (and ending by it)."""
        low = max(0, position - _YEAR_REACH)
        # A year that ends exactly at position, followed by a letter, is no year of the whole text.
        if position - 4 >= low and dates.YEAR.match(self.text, position - 4, position):
            return int(self.text[position - 4 : position])
        index = bisect.bisect_right(self.ends, position) - 1
        if index >= 0 and self.starts[index] >= low:
            return int(self.text[self.starts[index] : self.ends[index]])
        return None


def era_kind(day: date) -> str:
    """The framework of a full children's services inspection held on a day (used only where the text says
    none)."""
    if day < date(2013, 11, 1):
        return "slac"
    if day < date(2018, 1, 1):
        return "sif"
    return "ilacs"


def _span_in(sentence: str, offset: int, default_year: int | None) -> tuple[dates.Span, int, int] | None:
    """The date phrase nearest after offset in a sentence (or the last one before it)."""
    candidates = list(_FULL_OR_PARTIAL.finditer(sentence))
    if not candidates:
        return None
    after = [m for m in candidates if m.start() >= offset]
    chosen = after if after else candidates[-1:]
    # Join a range that continues ('from 7 March 2017 to 30 March 2017').
    first = chosen[0]
    end = first.end()
    for following in chosen[1:3]:
        between = sentence[end : following.start()]
        if re.fullmatch(r"\s*(?:to|and|-|–|until|\w+day)?\s*(?:\w+day\s+)?", between, re.I):
            end = following.end()
        else:
            break
    phrase = sentence[first.start() : end]
    season = dates.SEASON_YEAR.search(phrase)
    if season:
        span = dates.parse_month_or_season(phrase)
    elif re.fullmatch(r"(?:in|of|during|since)\s+((?:19|20)\d\d)", phrase.strip(), re.I):
        span = dates.Span(date(int(phrase.strip()[-4:]), 1, 1), None, "year")
    else:
        span = dates.parse_span(phrase, default_year)
    return (span, first.start(), end) if span else None


def named_events(extracted: ExtractedText, document_kind: str, primary: Event | None) -> list[Event]:
    """Events the text names with a kind word and a date: mentioned (reports, letters), or reported / expected
    (council papers)."""
    text = extracted.text
    years = _Years(text)
    events: list[Event] = []
    seen_sentences: set[tuple[int, int]] = set()
    for match in _KIND_WORDS.finditer(text):
        kind = match.lastgroup
        s_start, s_end = sentence_around(text, match.start(), match.end())
        sentence = text[s_start:s_end]
        if _NOT_AN_EVENT.search(sentence):
            continue
        if kind == "monitoring_visit" and (
            _NOT_OFSTED_VISIT.search(sentence)
            or (re.search(r"\bundert(?:ook|aken)\b", sentence) and "Ofsted" not in sentence)
        ):
            continue
        future = _FUTURE.search(sentence)
        if (s_start, s_end) in seen_sentences:
            continue
        # In a sentence naming two kinds, the one announced is the last named before 'expected'.
        if future:
            kinds_before = [m for m in _KIND_WORDS.finditer(sentence) if m.start() < future.start()]
            if kinds_before and kinds_before[-1].start() + s_start != match.start():
                continue
        found = _span_in(sentence, match.end() - s_start, years.before(match.start()))
        if not found:
            continue
        span, d_start, d_end = found
        if document_kind == "committee_paper":
            if future and future.start() < d_start + 40:
                role = "expected"
            elif _EARLIER.search(sentence[: match.end() - s_start + 20]):
                role = "mentioned"
            else:
                role = "reported"
        else:
            role = "expected" if future and future.start() < d_start + 40 else "mentioned"
            if primary and primary.start and kind == primary.kind and primary.start.year == span.start.year:
                continue  # the report's own event, named again
        seen_sentences.add((s_start, s_end))
        event = Event(
            kind=kind,
            role=role,
            passage=Passage.of(extracted, s_start, s_end),
            start=span.start,
            end=span.end,
            precision=span.precision,
            season=span.label,
            confidence=0.6,
            evidence=collapse(sentence)[:300],
        )
        event.passages["dates"] = Passage.of(extracted, s_start + d_start, s_start + d_end)
        events.append(event)
    return merge_events(events)


def _same(a: Event, b: Event) -> bool:
    if a.kind != b.kind or a.start is None or b.start is None:
        return False
    if a.role == "expected" or b.role == "expected":
        return a.role == b.role and a.start == b.start
    if a.precision == "year" or b.precision == "year":
        return a.start.year == b.start.year
    return (a.start.year, a.start.month) == (b.start.year, b.start.month)


_PRECISION_RANK = {"day": 0, "month": 1, "season": 2, "year": 3}


def merge_events(events: list[Event]) -> list[Event]:
    """One event per kind and month: the most precise dates win, judgements and passages add up."""
    merged: list[Event] = []
    for event in events:
        twin = next((m for m in merged if _same(m, event)), None)
        if twin is None:
            merged.append(event)
            continue
        if _PRECISION_RANK[event.precision] < _PRECISION_RANK[twin.precision]:
            twin.start, twin.end, twin.precision, twin.season = (
                event.start,
                event.end,
                event.precision,
                event.season,
            )
            if "dates" in event.passages:
                twin.passages["dates"] = event.passages["dates"]
        if twin.role != event.role and "reported" in (twin.role, event.role):
            twin.role = "reported"
        twin.published = twin.published or event.published
        themes = {j.theme for j in twin.judgements}
        twin.judgements.extend(j for j in event.judgements if j.theme not in themes)
        twin.confidence = max(twin.confidence, event.confidence)
    return merged


# -- a council paper's graded inspections ------------------------------------------------------------------
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
    found = [m.lastgroup for m in _KIND_WORDS.finditer(window) if m.lastgroup in ("sif", "ilacs", "slac")]
    return found[0] if found else ""


def committee_graded_events(extracted: ExtractedText) -> list[Event]:
    text = extracted.text
    years = _Years(text)
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
        found = _span_in(sentence, 0, years.before(s_start))
        if not found:
            continue
        span, d_start, d_end = found
        if span.precision == "year" and not re.search(r"\binspect", sentence, re.I):
            continue
        kind = _kind_near(sentence, 0, len(sentence)) or era_kind(span.start)
        role = "mentioned" if _EARLIER.search(sentence) else "reported"
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
