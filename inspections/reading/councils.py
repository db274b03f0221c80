"""Which council a document is about.

A document names many councils: its own (title, subject line, address block), partners, neighbours, a
predecessor, councils inside an NHS board's name. The council it is ABOUT is found by weighing where each
name occurs, not by counting alone; names are matched word by word (so 'Derby' never matches inside
'Derbyshire') and the longest name wins where names overlap ('Bath and North East Somerset' is not
'Somerset').
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from .errors import AmbiguousCouncil, UnknownCouncil


@dataclass(frozen=True)
class Council:
    code: str
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    active_from: date | None = None
    active_to: date | None = None
    other_codes: tuple[str, ...] = ()
    dfe_number: str = ""

    def active_on(self, day: date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )

    @property
    def usual_name(self) -> str:
        return self.short_name or self.name


@dataclass
class CouncilMatch:
    code: str
    name: str
    confidence: float
    char_start: int
    char_end: int
    candidates: list[tuple[str, str, float]] = field(default_factory=list)  # (code, name, score) for review


_PREFIXES = (
    "london borough of ",
    "royal borough of ",
    "metropolitan borough of ",
    "borough of ",
    "city of ",
    "county of ",
    "county ",
    "the ",
)
_SUFFIXES = (
    " metropolitan district council",
    " metropolitan borough council",
    " city council",
    " county council",
    " borough council",
    " district council",
    " unitary authority",
    " council",
    " corporation",
)
# A name reduced to one of these words says nothing ('City of London' must not become 'London').
_GENERIC = {
    "london",
    "city",
    "county",
    "borough",
    "council",
    "the",
    "north",
    "south",
    "east",
    "west",
    "central",
}

_WORD = re.compile(r"[A-Za-z]+|&")
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]*")
# Words of one name are separated by spaces, hyphens or a line break only.
_GAP = re.compile(r"[\s\-.,]{1,4}")


def _words(text: str) -> tuple[str, ...]:
    return tuple("and" if w == "&" else w.lower() for w in _WORD.findall(text))


def name_variants(council: Council) -> set[tuple[str, ...]]:
    """Every way of writing the council's name that should count as naming it."""
    names = {council.name, council.short_name, *council.aliases}
    variants: set[str] = set()
    for raw in filter(None, names):
        name = " ".join(raw.split())
        variants.add(name)
        # ONS style 'Bristol, City of' / 'Herefordshire, County of'
        inverted = re.match(r"^(.*?),\s*(city|county|royal borough|london borough) of$", name, re.I)
        if inverted:
            variants.add(inverted.group(1))
            variants.add(f"{inverted.group(2)} of {inverted.group(1)}")
        for _ in range(3):  # strip stacked prefixes and suffixes
            for current in list(variants):
                lowered = current.lower()
                for prefix in _PREFIXES:
                    if lowered.startswith(prefix):
                        variants.add(current[len(prefix) :])
                for suffix in _SUFFIXES:
                    if lowered.endswith(suffix):
                        variants.add(current[: -len(suffix)])
    result = set()
    for variant in variants:
        words = _words(variant)
        if words and not (len(words) == 1 and words[0] in _GENERIC) and len("".join(words)) >= 3:
            result.add(words)
    return result


# A name inside another body's name (an NHS board, a hospital trust, a university) is not the council.
_ORG_AFTER = re.compile(
    r"^[\s,A-Za-z&'’-]{0,90}?\b(Integrated\s+Care\s+Board|ICB\b|Clinical\s+Commissioning|CCG\b|NHS\s+Foundation|"
    r"Foundation\s+Trust|Healthcare|Hospitals?\b|University|College\b|Police|Fire\s+and\s+Rescue|Constabulary|Diocese)"
)
_OFSTED_ADDRESS = re.compile(
    r"ofsted\.gov\.uk|0300 123 1231|Piccadilly Gate|Textphone|Store Street|Cumberland Place|Feethams|"
    r"Aviation House|Royal Exchange Buildings|Clive House|Petty France"
)
_SUBJECT_BEFORE = re.compile(
    r"(inspection\s+of|visit\s+to|services\s+in|inspection\s+in|review\s+of|report\s+for|letter\s+to)\s+(the\s+)?$",
    re.I,
)
_HEAD_END = re.compile(
    r"Inspection dates?:|Judgement\s+Grade|\bDear\b|This letter|Contents|Reporting inspector", re.I
)

HEAD_WEIGHT = 8.0
SUBJECT_WEIGHT = 5.0
BODY_WEIGHT = 1.0
_INACTIVE_FACTOR = 0.3


class Gazetteer:
    def __init__(self, councils: list[Council]):
        self.councils = list(councils)
        self.by_code = {c.code: c for c in self.councils}
        self._index: dict[str, list[tuple[tuple[str, ...], tuple[int, ...]]]] = defaultdict(list)
        owners: dict[tuple[str, ...], set[int]] = defaultdict(set)
        for index, council in enumerate(self.councils):
            for variant in name_variants(council):
                owners[variant].add(index)
        for variant, members in owners.items():
            self._index[variant[0]].append((variant, tuple(sorted(members))))
        for entries in self._index.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def __len__(self) -> int:
        return len(self.councils)

    def find_names(self, text: str) -> list[tuple[int, int, tuple[int, ...]]]:
        """(start, end, council indexes) of every council name in the text; longest name wins an overlap.

        Only capitalised words can start a name, so the scan looks at those and reads on word by word from
        there; the rest of the text is never tokenised.
        """
        found = []
        blocked_until = 0
        for capital in _CAPITALISED.finditer(text):
            start = capital.start()
            if start < blocked_until:
                continue
            entries = self._index.get(capital.group().lower())
            if not entries:
                continue
            longest = max(len(variant) for variant, _members in entries)
            words = [(start, capital.end(), capital.group().lower())]
            position = capital.end()
            while len(words) < longest:
                gap = _GAP.match(text, position)
                word = _WORD.match(text, gap.end()) if gap else None
                if not word:
                    break
                words.append(
                    (word.start(), word.end(), "and" if word.group() == "&" else word.group().lower())
                )
                position = word.end()
            for variant, members in entries:
                size = len(variant)
                if size <= len(words) and all(words[i][2] == variant[i] for i in range(size)):
                    found.append((start, words[size - 1][1], members))
                    blocked_until = words[size - 1][1]
                    break
        return found

    def resolve(self, text: str, on: date | None = None) -> CouncilMatch:
        """The one council the document is about; raises UnknownCouncil or AmbiguousCouncil."""
        mentions = self.find_names(text)
        if not mentions:
            raise UnknownCouncil()
        head_end = _head_end(text)
        excluded = _ofsted_address_spans(text)
        scores: dict[int, float] = defaultdict(float)
        best_span: dict[int, tuple[float, int, int]] = {}
        group_of: dict[int, tuple[int, ...]] = {}
        title_members: tuple[int, ...] | None = None
        for start, end, members in mentions:
            weight = _weight(text, start, end, head_end, excluded)
            if weight <= 0:
                continue
            # The first council named at the head is the title's; other councils there are partners named
            # in a subtitle or an address.
            if weight == HEAD_WEIGHT:
                if title_members is None:
                    line_start, line_end = text.rfind("\n", 0, start) + 1, text.find("\n", end)
                    line_end = len(text) if line_end < 0 else line_end
                    # A line naming two councils ('Leicester and Nottingham') is no title of one of them.
                    alone = all(m == members for s, _e, m in mentions if line_start <= s < line_end)
                    title_members = members if alone else ()
                elif title_members and members != title_members:
                    weight = SUBJECT_WEIGHT / 2
            for member in members:
                scores[member] += weight
                group_of[member] = members
                if member not in best_span or weight > best_span[member][0]:
                    best_span[member] = (weight, start, end)
        if not scores:
            raise UnknownCouncil()
        # Councils that share a name (a county council and the unitary that replaced it) are told apart by
        # date.
        if on is not None:
            for member in scores:
                if not self.councils[member].active_on(on):
                    scores[member] *= _INACTIVE_FACTOR
        ranked = sorted(scores.items(), key=lambda item: (-item[1], self._recency(item[0])))
        best, best_score = ranked[0]
        rivals = [(m, s) for m, s in ranked[1:] if m not in group_of[best]]
        same_name = [(m, s) for m, s in ranked[1:] if m in group_of[best]]
        confidence = 0.95 if best_span[best][0] >= SUBJECT_WEIGHT else 0.7
        if rivals:
            rival, rival_score = rivals[0]
            if rival_score >= 0.8 * best_score:
                raise AmbiguousCouncil(
                    [
                        (self.councils[best].code, self.councils[best].usual_name),
                        (self.councils[rival].code, self.councils[rival].usual_name),
                    ]
                )
            confidence *= min(1.0, 0.6 + 0.4 * (1 - rival_score / best_score))
        if same_name and same_name[0][1] == best_score:
            confidence *= 0.7  # no date to choose between a council and its successor
        council = self.councils[best]
        _weight_used, start, end = best_span[best]
        return CouncilMatch(
            code=council.code,
            name=council.usual_name,
            confidence=round(confidence, 2),
            char_start=start,
            char_end=end,
            candidates=[
                (self.councils[m].code, self.councils[m].usual_name, round(s, 1)) for m, s in ranked[:5]
            ],
        )

    def _recency(self, index: int) -> tuple[int, date]:
        council = self.councils[index]
        # Without a date, prefer the council that exists now, then the latest one.
        return (
            0 if council.active_to is None else 1,
            date.min if council.active_from is None else council.active_from,
        )


def _head_end(text: str) -> int:
    limit = min(len(text), 900)
    match = _HEAD_END.search(text, 0, limit)
    return match.start() if match else min(limit, 400)


# An address block's line is short; looking further for a line break would make a text without line breaks
# cost its length for every marker.
_ADDRESS_LINE = 1000


class _Spans:
    """Sorted, merged character spans, asked 'is this offset inside one?' by bisection."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[list[int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _end in merged]
        self.ends = [end for _start, end in merged]

    def __contains__(self, offset: int) -> bool:
        index = bisect.bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ends[index]


def _ofsted_address_spans(text: str) -> _Spans:
    """Ofsted's own address block (its office town is a council's name): two lines either side of a marker."""
    spans = []
    for match in _OFSTED_ADDRESS.finditer(text):
        before = match.start()
        for _ in range(3):
            low = max(0, before - 1 - _ADDRESS_LINE)
            before = text.rfind("\n", low, max(0, before - 1))
            if before < 0:
                before = low
                break
        after = match.end()
        for _ in range(3):
            high = min(len(text), after + 1 + _ADDRESS_LINE)
            after = text.find("\n", after + 1, high)
            if after < 0:
                after = high
                break
        spans.append((before, after))
    return _Spans(spans)


def _weight(text: str, start: int, end: int, head_end: int, excluded: _Spans) -> float:
    if start in excluded:
        return 0.0
    if text[max(0, start - 4) : start].rstrip().endswith("NHS"):
        return 0.0
    org = _ORG_AFTER.match(text, end)
    if org and "council" not in text[end : org.start(1)].lower() and "." not in text[end : org.start(1)]:
        return 0.0
    if start < head_end:
        return HEAD_WEIGHT
    before = text[max(0, start - 40) : start]
    if _SUBJECT_BEFORE.search(before.replace("\n", " ")):
        return SUBJECT_WEIGHT
    return BODY_WEIGHT
