"""Events a text names in prose with a kind word and a date: in reports and letters, earlier or expected
inspections (mentioned, expected); in council papers, the ones reported or announced. Also the sentence and
date-phrase helpers that council papers' graded events share, and the merging of one event named twice.
"""

from __future__ import annotations

import bisect
import re
from datetime import date

from . import dates
from .facts import Event, Passage
from .layout import collapse
from .text import ExtractedText

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


KIND_WORDS = _KindWords()
_FUTURE = re.compile(
    r"\b(expected|will\s+take\s+place|will\s+be|is\s+due|are\s+due|planned|scheduled|anticipated)\b", re.I
)
EARLIER = re.compile(r"\b(last|previous|previously|earlier|prior|since\s+the)\b", re.I)
_NOT_AN_EVENT = re.compile(r"\b(commenced|introduced|launched)\b", re.I)
# Someone other than Ofsted 'monitoring' a setting (a director visiting a children's home) is no Ofsted visit.
_NOT_OFSTED_VISIT = re.compile(
    r"children['’]s\s+homes?|\bhomes\b|\bone\s+of\s+the\s+homes|regulation\s+44", re.I
)
# A line giving a paper's own date: 'Date of meeting: 12 September 2023', 'Minutes of the meeting held on'.
_PAPER_OWN_DATE = re.compile(
    r"[\s#*|]*(?:date\s*:|date\s+of\s+(?:the\s+)?(?:meeting|report|decision|publication|issue)|meeting(?:\s+date)?|"
    r"report\s+date|minutes\s+of\s+(?:the\s+)?meeting|(?:meeting\s+)?held\s+on)\b",
    re.I,
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


class Years:
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


def span_in(sentence: str, offset: int, default_year: int | None) -> tuple[dates.Span, int, int] | None:
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
    years = Years(text)
    events: list[Event] = []
    seen_sentences: set[tuple[int, int]] = set()
    for match in KIND_WORDS.finditer(text):
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
            kinds_before = [m for m in KIND_WORDS.finditer(sentence) if m.start() < future.start()]
            if kinds_before and kinds_before[-1].start() + s_start != match.start():
                continue
        found = span_in(sentence, match.end() - s_start, years.before(match.start()))
        if not found:
            continue
        span, d_start, d_end = found
        if document_kind == "committee_paper" and _PAPER_OWN_DATE.match(
            text, text.rfind("\n", 0, s_start + d_start) + 1
        ):
            continue  # the paper's own date (its meeting's), not the event's
        if document_kind == "committee_paper":
            if future and future.start() < d_start + 40:
                role = "expected"
            elif EARLIER.search(sentence[: match.end() - s_start + 20]):
                role = "mentioned"
            else:
                role = "reported"
        else:
            role = "expected" if future and future.start() < d_start + 40 else "mentioned"
            if primary and primary.start and kind == primary.kind and primary.start.year == span.start.year:
                continue  # the report's own event, named again
        seen_sentences.add((s_start, s_end))
        events.append(
            dated_event(extracted, kind, role, sentence, (s_start, s_end), span, (d_start, d_end), 0.6)
        )
    return merge_events(events)


def dated_event(extracted, kind, role, sentence, sentence_at, span, date_at, confidence) -> Event:
    """An event named in a sentence, dated by the span found in it: the sentence is its passage, the date's
    words its "dates" passage (offsets in the sentence)."""
    s_start, s_end = sentence_at
    event = Event(
        kind=kind,
        role=role,
        passage=Passage.of(extracted, s_start, s_end),
        start=span.start,
        end=span.end,
        precision=span.precision,
        season=span.label,
        confidence=confidence,
        evidence=collapse(sentence)[:300],
    )
    event.passages["dates"] = Passage.of(extracted, s_start + date_at[0], s_start + date_at[1])
    return event


def _same(a: Event, b: Event) -> bool:
    if a.kind != b.kind or a.start is None or b.start is None:
        return False
    if a.role == "expected" or b.role == "expected":
        return a.role == b.role and a.start == b.start
    if a.precision == "year" or b.precision == "year":
        return a.start.year == b.start.year
    return (a.start.year, a.start.month) == (b.start.year, b.start.month)


def merge_events(events: list[Event]) -> list[Event]:
    """One event per kind and month: the most precise dates win, judgements and passages add up."""
    merged: list[Event] = []
    for event in events:
        twin = next((m for m in merged if _same(m, event)), None)
        if twin is None:
            merged.append(event)
            continue
        if dates.PRECISION_RANK[event.precision] < dates.PRECISION_RANK[twin.precision]:
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
