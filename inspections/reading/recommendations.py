"""Recommendations: what a report or letter says must improve, and a council paper's priorities with
the progress paragraphs under each.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from .facts import Passage, Recommendation
from .layout import (
    BULLET,
    NUMBERED,
    Line,
    collapse,
    content_lines,
    is_furniture,
    iter_content_lines,
    iter_lines,
)
from .text import ExtractedText

_HEADING = re.compile(
    r"^[#*\s]*(?P<heading>What\s+needs\s+to\s+improve[^\n?]*|Areas?\s+for\s+(?:priority\s+action|development|"
    r"improvement)|Priority\s+actions?|Recommendations|Areas?\s+(?:identified\s+)?for\s+development)"
    r"[ \t]*\??\d?[ \t:]*$",
    re.I | re.M,
)
_TIMESCALE = re.compile(
    r"^[#*\s]*(?P<timescale>Immediately|Within\s+(?:three|3|six|6|one|1|twelve|12|nine|9)\s+months?)\s*:?\s*\**\s*$",
    re.I,
)
_TIMESCALE_CODES = {
    "three": "within_3_months",
    "3": "within_3_months",
    "six": "within_6_months",
    "6": "within_6_months",
}
_TERMINAL = re.compile(r"[.;:)\]’'\"]\s*$")
_TOP_LEVEL = re.compile(r"^\s*\d+\.?\s+[A-Z][A-Z ,&'’()/-]{3,}$")
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
}
_NUMBER = r"(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")"


def timescale_code(timescale: str) -> str:
    words = timescale.lower()
    if words.startswith("immediately"):
        return "immediately"
    for key, code in _TIMESCALE_CODES.items():
        if re.search(rf"\b{key}\b", words):
            return code
    return ""


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word.lower()]


def _items(lines: Iterable[Line], allow_timescales: bool) -> tuple[list[tuple[list[Line], str]], int]:
    """Bulleted or numbered items under a heading, each with the timescale heading above it; and where it
    ended."""
    items: list[tuple[list[Line], str]] = []
    style = ""
    glyph = ""
    timescale = ""
    current: list[Line] | None = None
    used = 0
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        timescale_match = _TIMESCALE.match(stripped) if allow_timescales else None
        if timescale_match:
            timescale = collapse(timescale_match.group("timescale"))
            current = None
            used = index + 1
            continue
        bullet = BULLET.match(line.text)
        number = NUMBERED.match(line.text)
        if bullet and glyph and current is not None and stripped[:1] != glyph:
            current.append(line)  # a sub-list ('including:' then dashes) belongs to its item
            used = index + 1
            continue
        starts = (bullet and style in ("", "bullet") and len(stripped) > 3) or (
            number and not bullet and style in ("", "number") and "." in number.group(0)
        )
        if starts and not (
            number and style == "" and not items and re.match(r"^\s*\d+\.\s+In order to", stripped)
        ):
            style = style or ("bullet" if bullet else "number")
            glyph = glyph or (stripped[:1] if bullet else "")
            current = [line]
            items.append((current, timescale))
            used = index + 1
            continue
        if current is not None:
            previous = current[-1].text.rstrip()
            if not _TERMINAL.search(previous) or stripped[:1].islower() or stripped[:1] in "(":
                current.append(line)
                used = index + 1
                continue
        if not items and index < 3 and not _HEADING.match(stripped):
            used = index + 1
            # an introductory sentence ('19. In order to improve ... should take the following action.')
            continue
        break
    return items, used


def _item_text(lines: list[Line]) -> str:
    first = BULLET.sub("", lines[0].text, count=1)
    first = NUMBERED.sub("", first, count=1) if not BULLET.match(lines[0].text) else first
    return collapse(" ".join([first] + [line.text for line in lines[1:]]))


def report_recommendations(
    extracted: ExtractedText, shapes: set[str], section_starts: list[int] | None = None
) -> tuple[str, list[Recommendation]]:
    """Every recommendation list of a report or letter; section_starts splits a SLAC report into its
    sections."""
    text = extracted.text
    heading_name = ""
    result: list[Recommendation] = []
    for heading in _HEADING.finditer(text):
        name = collapse(heading.group("heading"))
        # Lines are made as _items asks for them: it stops at the end of the list.
        lines = iter_content_lines(text, heading.end(), min(len(text), heading.end() + 12000), shapes)
        items, _used = _items(lines, allow_timescales=True)
        if not items:
            continue
        heading_name = heading_name or name
        section = ""
        if section_starts:
            passed = bisect.bisect_right(section_starts, heading.start())
            section = ("safeguarding", "looked_after_children")[max(0, min(passed - 1, 1))]
        for item_lines, timescale in items:
            result.append(
                Recommendation(
                    text=_item_text(item_lines),
                    heading=name,
                    passage=Passage.of(extracted, item_lines[0].start, item_lines[-1].end),
                    timescale=timescale,
                    timescale_code=timescale_code(timescale) if timescale else "",
                    section=section,
                    confidence=0.85,
                )
            )
    return heading_name, result


# -- council papers ------------------------------------------------------------------------------------------
_PRIORITIES_INTRO = re.compile(
    rf"\b{_NUMBER}\s+(?P<what>priorities|priority\s+areas(?:\s+for\s+improvement)?|areas\s+for\s+improvement|"
    r"recommendations|areas\s+for\s+development)\b(?P<rest>[^\n]{0,120})",
    re.I,
)
_STATED_COUNT = re.compile(
    rf"\b(?:the\s+)?{_NUMBER}\s+recommendations\s+(?:made\s+)?by\s+(?:the\s+)?(?:inspectors|Ofsted)", re.I
)
_LIST_INTRO = re.compile(
    r"(?P<heading>(?:areas|aspects)\s+(?:identified\s+)?for\s+(?:development|improvement)|areas\s+for\s+priority\s+"
    r"action|what\s+needs\s+to\s+improve)(?:\s+(?:identified\s+)?(?:are|were|was|include[sd]?))?\s*:?\s*$",
    re.I | re.M,
)


def committee_priorities(extracted: ExtractedText, shapes: set[str]) -> tuple[str, list[Recommendation], int]:
    """A paper's improvement priorities: short heading lines, each followed by numbered progress paragraphs.

    Returns (heading, priorities, end offset of the list)."""
    text = extracted.text
    best: tuple[str, list[Recommendation], int] = ("", [], 0)
    for intro in _PRIORITIES_INTRO.finditer(text):
        stated = _number(intro.group("n"))
        lines = content_lines(text, intro.end(), min(len(text), intro.end() + 30000), shapes)
        priorities: list[Recommendation] = []
        progress: list[list[Line]] = []
        end = intro.end()
        index = 0
        while index < len(lines):
            line = lines[index]
            # A list longer than the paper says is not the list: no need to read on.
            if _TOP_LEVEL.match(line.clean) or len(priorities) > stated:
                break
            block = _heading_block(lines, index)
            if block:
                if progress and priorities:
                    priorities[-1].progress = [_item_text(p) for p in progress]
                progress = []
                heading_text = collapse(" ".join(item.clean for item in block)).rstrip(";:,. ")
                priorities.append(
                    Recommendation(
                        text=heading_text,
                        heading=collapse(intro.group(0))[:120],
                        passage=Passage.of(extracted, block[0].start, block[-1].end),
                        confidence=0.85,
                    )
                )
                index += len(block)
                end = block[-1].end
                continue
            if priorities and NUMBERED.match(line.text):
                progress.append([line])
            elif priorities and progress:
                progress[-1].append(line)
            end = line.end
            index += 1
        if progress and priorities:
            priorities[-1].progress = [_item_text(p) for p in progress]
        # The paper says how many there are: a list of another length is the paper's own structure.
        if len(priorities) == stated:
            best = (collapse(intro.group(0)).rstrip(";:"), priorities, end)
            break
    return best


def _heading_block(lines: list[Line], index: int) -> list[Line] | None:
    """One to three unnumbered lines, opening after a finished paragraph and followed by a numbered paragraph:
    a priority's heading (wrapped or not)."""
    first = lines[index]
    if NUMBERED.match(first.text) or BULLET.match(first.text) or not first.clean[:1].isupper():
        return None
    if index > 0 and not _TERMINAL.search(lines[index - 1].text.rstrip()):
        return None
    for size in range(1, 4):
        if index + size >= len(lines):
            return None
        block = lines[index : index + size]
        if NUMBERED.match(block[-1].text) or BULLET.match(block[-1].text):
            return None
        following = NUMBERED.match(lines[index + size].text)
        text = collapse(" ".join(item.clean for item in block))
        if len(text) > 250:
            return None
        if following and "." in following.group(1):
            return None if text.endswith(".") else block
    return None


def stated_recommendation_count(text: str) -> tuple[int, int, int] | None:
    match = _STATED_COUNT.search(text)
    return (_number(match.group("n")), match.start(), match.end()) if match else None


def committee_lists(extracted: ExtractedText) -> list[tuple[str, int, list[Recommendation]]]:
    """Bulleted lists a paper quotes from a letter ('The areas identified for development are ...')."""
    text = extracted.text
    found = []
    for intro in _LIST_INTRO.finditer(text):
        lines = (
            line
            for line in iter_lines(text, intro.end(), min(len(text), intro.end() + 6000))
            if not is_furniture(line, set())
        )
        items: list[list[Line]] = []
        for line in lines:
            if BULLET.match(line.text):
                items.append([line])
            elif items and (not _TERMINAL.search(items[-1][-1].text) or line.text.strip()[:1].islower()):
                items[-1].append(line)
            elif items:
                break
            elif not line.text.strip():
                continue
            else:
                break
        if items:
            heading = collapse(intro.group("heading"))
            recs = [
                Recommendation(
                    text=_item_text(item),
                    heading=heading,
                    passage=Passage.of(extracted, item[0].start, item[-1].end),
                    confidence=0.7,
                )
                for item in items
            ]
            found.append((heading, intro.start(), recs))
    return found
