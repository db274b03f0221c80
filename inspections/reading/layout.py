"""Lines, bullets, running headers and sentences: the shapes every rule reads text through.

Offsets are always kept, so whatever a rule finds can point back at its passage.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from .text import ExtractedText

# Bullets as PDFs and OCR write them: private-use glyphs, squares, dashes, and OCR's 'e', 'o', '+', '«', '»'.
BULLET = re.compile(
    r"^\s*(?:[\uf000-\uf0ff\u2022\u2023\u2043\u2219\u25aa-\u25fc\u25cf\u25e6\u00b7\u2212*+«»>\-–—]|[eo](?=\s+[A-Z]))\s*"
)
NUMBERED = re.compile(r"^\s*(?:[-–]\s*)?\(?(\d{1,3}(?:\.\d{1,3})?)[.)]?\s+(?=\S)")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?\s*$", re.I)
MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s*")


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # as written, without the line break

    @property
    def clean(self) -> str:
        return " ".join(MARKDOWN_HEADING.sub("", self.text).replace("**", " ").split())


def iter_lines(text: str, start: int = 0, end: int | None = None) -> Iterator[Line]:
    """The lines of text[start:end], one at a time: a rule that stops early reads no further."""
    end = len(text) if end is None else end
    position = start
    find = text.find
    while position < end:
        stop = find("\n", position, end)
        if stop < 0:
            stop = end
        yield Line(position, stop, text[position:stop])
        position = stop + 1


def lines_of(text: str, start: int = 0, end: int | None = None) -> list[Line]:
    return list(iter_lines(text, start, end))


_DIGITS = re.compile(r"\d+")


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split())).lower()


def furniture(extracted: ExtractedText) -> set[str]:
    """Running headers and footers: lines that recur at the top or bottom of many pages (digits ignored)."""
    if extracted.page_count < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in extracted.pages:
        lines = [line for line in page.split("\n") if line.strip()]
        edge = {_shape(line) for line in lines[:3] + lines[-3:]}
        counts.update(edge)
    threshold = max(2, int(extracted.page_count * 0.3))
    return {shape for shape, count in counts.items() if count >= threshold and len(shape) > 1}


def is_furniture(line: Line, shapes: set[str]) -> bool:
    stripped = line.text.strip()
    if stripped == "\f" or not stripped or PAGE_NUMBER.match(stripped):
        return True
    return bool(shapes) and _shape(stripped) in shapes


def iter_content_lines(text: str, start: int, end: int, shapes: set[str]) -> Iterator[Line]:
    """Lines of a region without blank lines, page breaks, page numbers and running headers, one at a time."""
    return (line for line in iter_lines(text, start, end) if not is_furniture(line, shapes))


def content_lines(text: str, start: int, end: int, shapes: set[str]) -> list[Line]:
    """Lines of a region without blank lines, page breaks, page numbers and running headers."""
    return list(iter_content_lines(text, start, end, shapes))


def collapse(text: str) -> str:
    return " ".join(text.split())


_SENTENCE_END = re.compile(
    r"(?<=[.;!?])\s+(?=[A-Z‘'\"(•\-])|\n\s*\n|\n(?=\s*[-–•◼\uf000-\uf0ff]\s)|\n(?=\s*\d+\.\d*\s)"
)


def sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence-ish piece: split at full stops, blank lines and list items."""
    end = len(text) if end is None else end
    spans = []
    position = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if match.start() > position:
            spans.append((position, match.start()))
        position = match.end()
    if position < end:
        spans.append((position, end))
    return spans
