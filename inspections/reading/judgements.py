"""Graded judgements: the page-1 judgement table (ILACS, SIF), the SIF overall and LSCB sentences, the SLAC
body headings and 'Record of main findings', and the grades a council paper reports in prose.

Only the places where a report states ITS OWN grades are read. Grades quoted from earlier inspections, scale
definitions and audit percentages sit elsewhere in the text, which is why no rule here scans the whole body
for grade words.
"""

from __future__ import annotations

import re

from .facts import Judgement, Passage
from .layout import NUMBERED, Line, collapse, content_lines, iter_content_lines, lines_of
from .text import ExtractedText
from .vocabulary import grade_value

GRADE_WORDS = (
    r"(?:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate|adequate|not\s+judged)"
)
# A row's grade ends its line (after a table cell's '|' or a bold '**' in a paper's or web page's copy).
_GRADE_AT_END = re.compile(rf"(?:^|(?<=[\s|*]))(?P<grade>{GRADE_WORDS})[\s|*]*\.?[\s|*]*$", re.I)
# A grade cut by a line break: 'Requires' / 'Improvement', 'Requires improvement' / 'to be good'.
_GRADE_UNFINISHED = re.compile(r"(?:^|\s)(requires?|requires?\s+improvement(?:\s+to(?:\s+be)?)?)\s*$", re.I)
_GRADE_CONTINUES = re.compile(
    r"^\s*(improvement(?:\s+to(?:\s+be(?:\s+good)?)?)?|to\s+be\s+good|to\s+be|be\s+good|good)\b", re.I
)
# A last row run into the paragraph after the table, as text copied from a web page leaves it: 'Overall
# effectiveness Outstanding An impressive and committed ...'.
_GRADE_RUN_ON = re.compile(rf"\s(?P<grade>{GRADE_WORDS})\s+(?=[A-Z‘'\"“])", re.I)
# 'Judgement Grade', and the headers of a paper's or a web page's copy: '| Judgement area | Grade |'.
_TABLE_HEADER = re.compile(
    r"^[\s|]*Judgements?(?:\s+areas?)?[\s|:]+(?:Grades?|Judgements?|Outcomes?|Ratings?)[\s|]*$", re.I | re.M
)
_MAX_LABEL = 140
_ENDS_MID_SENTENCE = re.compile(
    r"\b(from|of|to|the|and|in|with|by|are|is|was|were|be|been|as|a|an|for|that|very|now|remain|remains)\s*$",
    re.I,
)


def theme_for(label: str) -> str:
    """The shared theme of a children's services judgement label (ILACS, SIF, council papers)."""
    words = collapse(label).lower()
    if "overall effectiveness" in words or words in ("overall", "overall judgement"):
        return "overall"
    if "safeguarding children board" in words or "lscb" in words:
        return "lscb"
    if "impact of leaders" in words or words.startswith(("leadership", "leaders")):
        return "leadership"
    if "help and protection" in words:
        return "help_and_protection"
    if "adoption" in words:
        return "adoption"
    if "children in care and care leavers" in words or "looked after children and care leavers" in words:
        return "children_in_care"
    if "care leavers" in words or "care-experienced" in words or "care experienced" in words:
        return "care_leavers"
    if "children looked after" in words or "children in care" in words or "looked after children" in words:
        return "children_in_care"
    return ""


def _judgement(extracted: ExtractedText, theme: str, label: str, grade: str, start: int, end: int, **extra):
    return Judgement(
        theme=theme,
        label=label,
        grade=collapse(grade),
        value=grade_value(grade) or 0,
        passage=Passage.of(extracted, start, end),
        **extra,
    )


def _parent(theme: str, kind: str) -> str:
    return "children_in_care" if kind == "sif" and theme in ("adoption", "care_leavers") else ""


# -- page-1 judgement table (ILACS and SIF) ----------------------------------------------------------------
def table_judgements(extracted: ExtractedText, kind: str, shapes: set[str]) -> list[Judgement]:
    text = extracted.text
    page_end = extracted.page_starts[1] if extracted.page_count > 1 else min(len(text), 6000)
    # A seed or a one-page conversion has no page break: the table is still near the top.
    page_end = min(page_end, 6000) if extracted.page_count > 1 else min(len(text), 6000)
    header = _TABLE_HEADER.search(text, 0, page_end)
    numbered_rows = header is None
    if header:
        begin = header.end()
    else:
        first = re.search(r"^[ \t]*1\.[ \t]+[A-Z]", text[:page_end], re.M)
        if not first:
            return []
        begin = first.start()
    return _read_rows(extracted, begin, page_end, numbered_rows, kind, shapes)


def _read_rows(
    extracted: ExtractedText, begin: int, end: int, numbered_rows: bool, kind: str, shapes: set[str]
) -> list[Judgement]:
    """A judgement table's rows from begin: a label (which may wrap) and its grade (which may wrap), until
    a line that is no row."""
    lines = content_lines(extracted.text, begin, end, shapes)
    if numbered_rows:
        columns = _column_rows(extracted, lines, kind)
        if columns:
            return columns
    rows: list[Judgement] = []
    buffer: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if numbered_rows and not buffer and not NUMBERED.match(line.text):
            break  # SIF rows are numbered; the first unnumbered line after a row ends the table
        buffer.append(line)
        joined = " ".join(item.text.strip() for item in buffer)
        # Join a grade that a line break cut in two.
        while _GRADE_UNFINISHED.search(joined) and index + 1 < len(lines):
            following = lines[index + 1].text
            if not _GRADE_CONTINUES.match(following):
                break
            index += 1
            buffer.append(lines[index])
            joined = " ".join(item.text.strip() for item in buffer)
        match = _GRADE_AT_END.search(joined)
        if not match or match.start() > _MAX_LABEL or _ENDS_MID_SENTENCE.search(joined[: match.start()]):
            match = _run_on_row(joined) or match
        if match:
            label = re.sub(r"^\d+(?:\.\d+)?\.?\s+", "", joined[: match.start()].strip(" \t|")).strip(
                " \t-–:|"
            )
            label = _FOOTNOTE_MARK.sub("", collapse(label))
            theme = theme_for(label)
            # A grade word inside prose after the table ('benefit greatly from outstanding ...') is no row.
            if not theme or len(label) > _MAX_LABEL or _ENDS_MID_SENTENCE.search(label):
                break
            if any(row.theme == theme for row in rows):
                break
            grade = match.group("grade")
            if grade_value(grade):
                rows.append(
                    _judgement(
                        extracted,
                        theme,
                        label,
                        grade,
                        buffer[0].start,
                        buffer[-1].end,
                        parent_theme=_parent(theme, kind),
                        source="table",
                        confidence=0.95,
                    )
                )
            buffer = []
            if theme == "overall":
                break
        elif len(joined) > _MAX_LABEL or len(buffer) > 3:
            break
        index += 1
    return rows


_FOOTNOTE_MARK = re.compile(r"\s+\d{1,2}$")
_GRADE_ONLY = re.compile(rf"^\s*(?P<grade>{GRADE_WORDS}|requires?)\s*\.?\s*$", re.I)


def _column_rows(extracted: ExtractedText, lines: list[Line], kind: str) -> list[Judgement]:
    """A numbered table that a tool wrote column by column: every label (numbered, a wrapped label's
    second line joined), then every grade, paired in order when the counts agree."""
    labels: list[tuple[str, Line, Line]] = []
    index = 0
    while index < len(lines):
        text = lines[index].text
        if NUMBERED.match(text) and not _GRADE_AT_END.search(text):
            labels.append((text, lines[index], lines[index]))
        elif labels and not _GRADE_ONLY.match(text) and len(text.strip()) < 60 and not NUMBERED.match(text):
            first_text, first, _last = labels[-1]
            labels[-1] = (f"{first_text} {text}", first, lines[index])
        else:
            break
        index += 1
    grades: list[tuple[str, Line]] = []
    while index < len(lines) and len(grades) < len(labels):
        grade_match = _GRADE_ONLY.match(lines[index].text)
        if not grade_match:
            break
        word = grade_match.group("grade")
        # Only a grade really cut in two is joined: 'Requires' / 'improvement', 'Requires improvement' / 'to
        # be good'; 'Requires improvement' then 'Good' are two rows' grades.
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if (
            re.search(r"requires?\s*$", word, re.I)
            and re.match(r"\s*improvement", following, re.I)
            or (
                _GRADE_UNFINISHED.search(word) and re.match(r"\s*(?:to\s+be|to\b|be\s+good)", following, re.I)
            )
        ):
            index += 1
            word = f"{word} {lines[index].text.strip()}"
        grades.append((word, lines[index]))
        index += 1
    if len(labels) < 2 or len(grades) != len(labels):
        return []
    rows: list[Judgement] = []
    for (text, first, last), (grade, _grade_line) in zip(labels, grades, strict=True):
        label = _FOOTNOTE_MARK.sub("", collapse(re.sub(r"^\s*\d+(?:\.\d+)?\.?\s+", "", text)))
        theme = theme_for(label)
        if not theme or any(row.theme == theme for row in rows) or not grade_value(grade):
            return []
        rows.append(
            _judgement(
                extracted,
                theme,
                label,
                grade,
                first.start,
                last.end,
                parent_theme=_parent(theme, kind),
                source="table",
                confidence=0.85,
            )
        )
    return rows


def _run_on_row(joined: str) -> re.Match[str] | None:
    """The grade of a row with the next paragraph run into it, where what precedes the grade names a
    judgement."""
    match = _GRADE_RUN_ON.search(joined, 0, _MAX_LABEL + 40)
    if match and theme_for(joined[: match.start()]):
        return match
    return None


# -- SIF sentences -----------------------------------------------------------------------------------------
# The council's name between 'in' and the grade: no verb, no negation ('are no longer inadequate').
_PLACE = r"(?:the\s+)?[A-Z](?:(?!\b(?:are|is|were|was|not|no|longer|now)\b)[^.]){0,80}?"
_SIF_OVERALL = re.compile(
    rf"(?P<sentence>(?:Children['’]s\s+services\s+in\s+{_PLACE}|Services\s+for\s+children\s+in\s+{_PLACE}|"
    rf"The\s+overall\s+judgement\s+is(?:\s+that\s+(?:children['’]s\s+services|services\s+for\s+children\s+in\s+"
    rf"{_PLACE}))?)"
    r"\s+(?:are\s+|is\s+)?[‘'\"“]?(?P<grade>(?i:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|"
    r"inadequate|adequate)))(?![a-z])",
)
# The board's grade: 'The Local Safeguarding Children Board (LSCB) requires improvement', 'The effectiveness
# of the LSCB in Torbay is good', 'The Bromley Safeguarding Children Board is judged to be inadequate'.
_LSCB = re.compile(
    r"(?P<label>(?i:the)\s+(?i:judgement\s+for\s+the\s+)?(?i:effectiveness\s+of\s+the\s+)?"
    r"(?:(?:(?i:local)|[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})\s+(?i:safeguarding\s+children(?:['’]s)?\s+board)"
    r"(?:\s*\([A-Z]{2,6}\))?|LSCB))"
    r"(?:\s+in\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){0,3})?"
    r"\s+(?i:is\s+|are\s+)?(?i:(?:judged|found|rated)\s+(?:to\s+be\s+|as\s+)?)?[‘'\"“]?"
    r"(?P<grade>(?i:requires?\s+improvement(?:\s+to\s+be\s+good)?|outstanding|good|inadequate))(?![a-z])",
)


def sif_overall(extracted: ExtractedText) -> Judgement | None:
    text = extracted.text
    limit = extracted.page_starts[2] if extracted.page_count > 2 else min(len(text), 8000)
    match = _SIF_OVERALL.search(text, 0, limit)
    if not match:
        return None
    end = match.end() + (1 if text[match.end() : match.end() + 1] == "." else 0)
    sentence = collapse(text[match.start() : end])
    return _judgement(
        extracted,
        "overall",
        "Overall effectiveness",
        match.group("grade"),
        match.start(),
        end,
        source="sentence",
        evidence=sentence,
        confidence=0.9,
    )


def lscb_judgement(extracted: ExtractedText) -> Judgement | None:
    match = next(
        (m for m in _LSCB.finditer(extracted.text) if not _EARLIER_NEAR.search(_before(extracted.text, m))),
        None,
    )
    if not match:
        return None
    end = match.end() + (1 if extracted.text[match.end() : match.end() + 1] == "." else 0)
    evidence = collapse(extracted.text[match.start() : end])
    return _judgement(
        extracted,
        "lscb",
        collapse(match.group("label")),
        match.group("grade"),
        match.start(),
        end,
        source="sentence",
        evidence=evidence,
        confidence=0.85,
    )


_EARLIER_NEAR = re.compile(r"\b(?:last|previous|previously|earlier|prior)\b[^.]*$", re.I)


def _before(text: str, match: re.Match[str]) -> str:
    """The clause's words before a match (up to 200 characters, from the sentence's last comma, semicolon or
    'and': 'good at the last inspection, and the overall effectiveness ... is adequate' is this one's)."""
    start = max(0, match.start() - 200)
    stop = max(text.rfind(". ", start, match.start()), text.rfind("\n\n", start, match.start()))
    sentence = text[(stop + 1 if stop >= 0 else start) : match.start()]
    return re.split(r"[,;]|\band\b", sentence)[-1]


# -- frameworks known by their scale and their overall judgement (CPI, TLAC) -------------------------------
_ROW_PIECE = re.compile(
    rf"(?P<label>[A-Z][^\n]*?)[\s:*|]+(?P<grade>{GRADE_WORDS})(?=\s+[A-Z]|[\s*|.]*$)", re.I
)
_ROW_LEAD = re.compile(r"^[\s\-–•◼*#|]+")  # a row's bullet or cell bar
_OVERALL_ROW = re.compile(r"^[#*|\s\-–•◼]*Overall\s+effectiveness\b", re.I)
# The rest of an overall sentence about an earlier inspection ('... is good, as at the last inspection').
_EARLIER_AFTER = re.compile(r"[^.\n]{0,80}?\b(?:last|previous|previously|earlier|prior)\b", re.I)
_GRADE_LINE = re.compile(
    r"^[#*\s]*(?:Overall\s+effectiveness\s+)?Grade\s+[1-4]\s*\((?P<grade>Outstanding|Good|Adequate|Inadequate)\)",
    re.I,
)
_OVERALL_SENTENCE = re.compile(
    rf"\b(?:The\s+)?overall\s+effectiveness\s+of\s+(?:the\s+)?(?:arrangements|services)\b[^.]{{0,160}}?\s+(?:is|are)\s+"
    rf"(?:judged\s+(?:to\s+be\s+)?)?(?P<grade>{GRADE_WORDS})\b",
    re.I,
)


def headline_judgements(extracted: ExtractedText) -> list[Judgement]:
    """The judgements of a framework whose reports are known by their scale and overall judgement (CPI, TLAC):
    the table whose rows include 'Overall effectiveness <grade>' (rows that name a judgement on the shared
    themes), else the 'Overall effectiveness' heading's grade line, else the sentence 'The overall
    effectiveness of arrangements to protect children in X is adequate'. A row the themes do not name
    ('The quality of practice') is left out rather than given a theme it does not have."""
    text = extracted.text
    # No running headers are taken out: a short report's 'Overall effectiveness' heading can recur at page
    # edges often enough to look like one, and a header is never a label with its grade.
    lines = content_lines(text, 0, len(text), set())
    for index, line in enumerate(lines):
        if not _OVERALL_ROW.match(line.text):
            continue
        row = _ROW_PIECE.match(_ROW_LEAD.sub("", collapse(line.text)))
        if row and theme_for(row.group("label")) == "overall":
            return _table_around(extracted, lines, index)
        # 'Overall effectiveness' / 'Grade 3 (Adequate)', or both on one line (SLAC's layout).
        following = lines[index + 1] if index + 1 < len(lines) else None
        same_line = _GRADE_LINE.match(line.text)
        grade_line = same_line or (_GRADE_LINE.match(following.text) if following else None)
        if grade_line:
            return [
                _judgement(
                    extracted,
                    "overall",
                    "Overall effectiveness",
                    grade_line.group("grade"),
                    line.start,
                    line.end if same_line or following is None else following.end,
                    source="heading",
                    confidence=0.85,
                )
            ]
    sentence = next(
        (
            m
            for m in _OVERALL_SENTENCE.finditer(text)
            if not _EARLIER_NEAR.search(_before(text, m)) and not _EARLIER_AFTER.match(text, m.end())
        ),
        None,
    )
    if sentence:
        return [
            _judgement(
                extracted,
                "overall",
                "Overall effectiveness",
                sentence.group("grade"),
                sentence.start(),
                sentence.end(),
                source="sentence",
                evidence=collapse(sentence.group(0)),
                confidence=0.85,
            )
        ]
    return []


def tables_in(extracted: ExtractedText, shapes: set[str]) -> list[tuple[int, list[Judgement]]]:
    """Judgement tables anywhere in a text (a council paper's copy of a report's table): (where, rows) for
    each run of rows that starts after a 'Judgement Grade' header or holds an 'Overall effectiveness' row.
    A table of years (a grade in every column) is not a table of one inspection's judgements and is left out
    by the row rules."""
    text = extracted.text
    lines = content_lines(text, 0, len(text), shapes)
    tables: list[tuple[int, list[Judgement]]] = []
    covered = -1
    for index, line in enumerate(lines):
        if line.start <= covered:
            continue
        if _TABLE_HEADER.match(line.text):
            rows = _read_rows(extracted, line.end, min(len(text), line.end + 3000), False, "", shapes)
        elif _OVERALL_ROW.match(line.text) and _ROW_PIECE.match(_ROW_LEAD.sub("", collapse(line.text))):
            rows = _table_around(extracted, lines, index)
        else:
            continue
        if rows:
            tables.append((line.start, rows))
            covered = max(row.passage.char_end for row in rows)
    return tables


def _table_around(extracted: ExtractedText, lines: list[Line], index: int) -> list[Judgement]:
    """The rows next to the overall row, up and down, while each line is a row (a label and a grade); a
    label that wrapped onto the line before its grade is joined."""
    rows: list[Judgement] = []
    taken: set[str] = set()

    def add(first: int, last: int) -> bool:
        joined = collapse(" ".join(lines[i].text for i in range(first, last + 1)))
        # Rows that another tool ran into one line ('Overall effectiveness Inadequate The effectiveness of
        # the help ... Inadequate') are each a row.
        pieces = list(_ROW_PIECE.finditer(joined))
        if not pieces or pieces[-1].end() < len(joined.rstrip(" .*|")):
            return False
        for piece in pieces:
            label = re.sub(r"\s+\d{1,2}$", "", collapse(piece.group("label")).strip(" :|*#"))
            grade = piece.group("grade")
            if grade_value(label):
                return False  # grades in columns (a table of years), not a label and its grade
            if len(label) > _MAX_LABEL or _ENDS_MID_SENTENCE.search(label) or not grade_value(grade):
                return False
            theme = theme_for(label)
            if theme and theme not in taken:
                taken.add(theme)
                rows.append(
                    _judgement(
                        extracted,
                        theme,
                        label,
                        grade,
                        lines[first].start,
                        lines[last].end,
                        source="table",
                        confidence=0.9,
                    )
                )
        return True

    add(index, index)
    for step in (1, -1):
        position = index + step
        while 0 <= position < len(lines) and abs(position - index) <= 12:
            # A grade cut by a line break ('Requires improvement' / 'to be good') is read whole.
            wraps = (
                step == 1
                and position + 1 < len(lines)
                and _GRADE_UNFINISHED.search(lines[position].text)
                and _GRADE_CONTINUES.match(lines[position + 1].text)
            )
            if wraps and add(position, position + 1):
                position += 2
            elif add(position, position):
                position += step
            elif step == 1 and position + 1 < len(lines) and add(position, position + 1):
                position += 2
            elif step == -1 and position - 1 >= 0 and add(position - 1, position):
                position -= 2
            else:
                break
    return rows


# -- SLAC --------------------------------------------------------------------------------------------------
_SLAC_THEMES = (
    ("overall effectiveness", "overall"),
    ("capacity for improvement", "capacity_for_improvement"),
    ("safe and feel safe", "help_and_protection"),
    ("quality of provision", "quality_of_provision"),
    ("health agencies", "health"),
    ("ambition and prioritisation", "ambition_and_prioritisation"),
    ("leadership and management", "leadership"),
    ("performance management", "performance_management"),
    ("partnership working", "partnership_working"),
    ("equality and diversity", "equality_and_diversity"),
    ("being healthy", "being_healthy"),
    ("staying safe", "staying_safe"),
    ("enjoying and achieving", "enjoying_and_achieving"),
    ("positive contribution", "positive_contribution"),
    ("economic well", "economic_wellbeing"),
)
SLAC_SECTIONS = ("safeguarding", "looked_after_children")
_SLAC_BODY_GRADE = re.compile(
    r"Grade\s+(?P<number>[1-4])\s*\((?P<word>Outstanding|Good|Adequate|Inadequate)\)\s*(?:\*\*)?[ \t]*$", re.M
)
_RECORD = re.compile(r"Record of main findings", re.I)
_RECORD_SPAN = 20000  # characters after the heading in which a record's rows are read


def slac_theme(label: str, section: str) -> str:
    words = collapse(label).lower().replace("wellbeing", "well-being")
    for key, theme in _SLAC_THEMES:
        if key in words:
            if theme == "overall" and section == "looked_after_children":
                return "children_in_care"
            return theme
    return ""


def _slac_rows_from_record(extracted: ExtractedText, shapes: set[str]) -> list[Judgement]:
    text = extracted.text
    rows: list[Judgement] = []
    for record in _RECORD.finditer(text):
        # A record is a table of a page or two: reading on to the end of the text for each 'Record of main
        # findings' (the contents list names it too) made a long text cost its length squared.
        lines = iter_content_lines(text, record.end(), min(len(text), record.end() + _RECORD_SPAN), shapes)
        section_index = -1
        buffer: list[Line] = []
        found: list[Judgement] = []
        for line in lines:
            buffer.append(line)
            joined = " ".join(item.text.strip() for item in buffer)
            match = _GRADE_AT_END.search(joined)
            if not match:
                if len(buffer) > 4:
                    buffer = buffer[-2:]
                continue
            # The label is the shortest tail of the buffered lines that names a SLAC judgement; lines above it
            # are the record's own sub-headings (which may be misplaced, so they never decide the section).
            label = ""
            for first in range(len(buffer) - 1, -1, -1):
                candidate = collapse(" ".join(item.text for item in buffer[first:]))
                candidate = collapse(candidate[: len(candidate) - len(match.group(0).strip()) - 0].strip())
                candidate = collapse(re.sub(rf"{GRADE_WORDS}\s*$", "", candidate, flags=re.I))
                if slac_theme(candidate, "") and not candidate[:1].islower():
                    label = candidate
                    start_line = buffer[first]
                    break
            buffer = []
            if not label:
                continue
            if slac_theme(label, "") == "overall":
                section_index += 1
            if section_index < 0 or section_index >= len(SLAC_SECTIONS):
                break
            section = SLAC_SECTIONS[section_index]
            grade = match.group("grade")
            if grade_value(grade):
                found.append(
                    _judgement(
                        extracted,
                        slac_theme(label, section),
                        label,
                        grade,
                        start_line.start,
                        line.end,
                        section=section,
                        source="record",
                        confidence=0.9,
                    )
                )
        if len(found) >= 4:
            rows = found
    return rows


def _slac_rows_from_body(extracted: ExtractedText) -> list[Judgement]:
    text = extracted.text
    rows: list[Judgement] = []
    section_index = -1
    for match in _SLAC_BODY_GRADE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        label = collapse(text[line_start : match.start()].replace("**", " ").replace("#", " "))
        label_start = line_start
        if not label:
            previous = [
                line
                for line in lines_of(text, max(0, line_start - 400), max(0, line_start - 1))
                if line.text.strip()
            ]
            if not previous:
                continue
            label = previous[-1].clean
            label_start = previous[-1].start
        if not slac_theme(label, ""):
            continue
        if slac_theme(label, "") == "overall":
            section_index += 1
        if section_index < 0 or section_index >= len(SLAC_SECTIONS):
            continue
        section = SLAC_SECTIONS[section_index]
        rows.append(
            _judgement(
                extracted,
                slac_theme(label, section),
                label,
                match.group("word"),
                label_start,
                match.end(),
                section=section,
                source="heading",
                confidence=0.85,
            )
        )
    return rows


def slac_judgements(extracted: ExtractedText, shapes: set[str]) -> list[Judgement]:
    record = _slac_rows_from_record(extracted, shapes)
    body = _slac_rows_from_body(extracted)
    if not record:
        return body
    by_key = {(j.section, j.theme): j for j in body}
    for judgement in record:
        seen = by_key.get((judgement.section, judgement.theme))
        if seen is not None:
            judgement.confidence = 0.97 if seen.value == judgement.value else 0.6
    return record


# -- grades a council paper reports in prose ---------------------------------------------------------------
_QUOTED_GRADE = re.compile(
    rf"[‘'\"“]\s*(?P<grade>{GRADE_WORDS})\s*[’'\"”]|(?:judged|rated|found)\s+(?:to\s+be\s+|as\s+)?[‘'\"“]?"
    rf"(?P<grade2>{GRADE_WORDS})\b",
    re.I,
)


def reporting_grade(grade: str) -> str:
    """A council paper's quoted grade, written as a grade ('good' -> 'Good'); the words are kept."""
    grade = collapse(grade)
    return grade[:1].upper() + grade[1:]


def prose_grades(sentence: str) -> list[tuple[int, int, str]]:
    """(start, end, grade) of each grade a sentence reports."""
    found = []
    for match in _QUOTED_GRADE.finditer(sentence):
        group = "grade" if match.group("grade") else "grade2"
        found.append((match.start(group), match.end(group), match.group(group)))
    return found
