"""What kind of document this is and which kind of event it is the report or letter of.

Ofsted titles name their framework in set words; the rules below read those words in the document's opening
(title, subject line), never the body, where earlier frameworks are quoted all the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FLAGS = re.I | re.S


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern.replace(" ", r"\s+"), _FLAGS)


# Documents that are not about a council's children's services: no events, no judgements. Each kind of
# document is named by the words of its title, and the sentence says, for an admin, what the document is and
# why nothing is read from it.
_NOT_THE_COUNCILS = "are not judgements of a council's children's services"
OUT_OF_SCOPE_KINDS: list[tuple[re.Pattern[str], str]] = [
    (
        _rx(
            r"area SEND inspection|local area partnership report|"
            r"inspection of the local area['’]?s? (effectiveness )?"
            r"(in|at) (identifying|meeting) the needs|joint local area SEND"
        ),
        "an area SEND inspection report: Ofsted's judgements of local-area SEND arrangements are not "
        "children's services judgements",
    ),
    (
        _rx(r"children['’]s home inspection|inspection of (a |this )?children['’]s home"),
        f"a children's home inspection report: the grades of one children's home {_NOT_THE_COUNCILS}",
    ),
    (
        _rx(r"residential holiday scheme"),
        "an inspection report of a residential holiday scheme for disabled children: its grades "
        f"{_NOT_THE_COUNCILS}",
    ),
    (
        _rx(r"further education and skills inspection|inspection of (a |an )?college\b"),
        f"a further education and skills (college) inspection report: a college's grades {_NOT_THE_COUNCILS}",
    ),
    (
        _rx(
            r"inspection of (a |an )?nursery\b|childcare on (non-)?domestic premises|"
            r"early years inspection report|childminder (inspection )?report"
        ),
        f"an early years (nursery or childminder) inspection report: its grades {_NOT_THE_COUNCILS}",
    ),
    (
        _rx(
            r"school report|inspection of (a |an )?(school|academy)\b|\bheadteacher\b.{0,200}"
            r"unique reference number"
        ),
        f"a school inspection report: a school's grades {_NOT_THE_COUNCILS}",
    ),
    (
        _rx(r"independent fostering agency|voluntary adoption agency"),
        "an inspection report of an independent fostering or voluntary adoption agency: an agency's grades "
        f"{_NOT_THE_COUNCILS}",
    ),
    (
        _rx(r"inspection report: (fostering|adoption) (service|agency)"),
        "an inspection report of a fostering or adoption service on its own: Ofsted's grades for that one "
        f"service {_NOT_THE_COUNCILS}",
    ),
    (
        _rx(r"Cafcass"),
        "a Cafcass inspection report: Cafcass is a national service for the family courts, not a council's "
        "children's services",
    ),
]
OUT_OF_SCOPE = [pattern for pattern, _sentence in OUT_OF_SCOPE_KINDS]

# Titles stand at the start of a line; the same words inside a sentence are a council paper quoting them. A
# line may open with the council's name run into the title (a web page's heading and title copied as one
# line): capitalised words only, so a paper's 'Responding to Ofsted's inspection of ...' is no title.
_LINE = r"(?:^|\n)[#* ]*(?:[A-Z][\w’'.-]*[\t\x20]+(?:(?:[A-Z][\w’'.-]*|of|and|upon|on|the)[\t\x20]+){0,6})?"
SIF_TITLE = _rx(
    _LINE + r"inspection of services for children in need of help and protection,? children looked after"
)
SIF_REINSPECTION = _rx(_LINE + r"Re-?inspection of services for children in need of help")
# Words only a SIF's title has: a SIF's own LSCB review title, further down, never makes it an LSCB review.
SIF_WORDS = _rx(r"services for children in need of help and protection")
SLAC_TITLE = _rx(_LINE + r"(re-?)?inspection of safeguarding and looked after children services")
ILACS_TITLE = _rx(
    _LINE + r"inspection of (children['’]s social care services|"
    r"[^.\n]{0,60}?local authority children['’]s services|"
    r"[A-Z][\w ,&'’-]{2,80}? (Children['’]s |Children and Families )?Trust\b)"
)
ILACS_TABLE = _rx(r"impact of leaders on social work practice")
FOCUSED_VISIT = _rx(r"focus(s)?ed visit (to|of|on)\b|findings of (a|the) focus(s)?ed visit")
MONITORING_VISIT = _rx(r"monitoring visit (to|of|on)\b|findings of (a|the) \w* ?monitoring visit")
JTAI = _rx(r"joint targeted area inspection|\bJTAI\b")
UNANNOUNCED = _rx(
    r"unannounced inspection of (local authority )?(the )?(contact,? referral and assessment|"
    r"front door|arrangements for contact)"
)
LSCB_ALONE = _rx(
    r"review of the effectiveness of the (local )?safeguarding children(['’]s)? board|"
    r"review of the local safeguarding children board"
)
# 2012-13 child protection inspections (and their re-inspections), 2013 targeted inspections of looked after
# children: each title in the words Ofsted used for it.
CPI = _rx(_LINE + r"(re-?)?inspection of local authority arrangements for the protection of children")
TLAC = _rx(
    _LINE + r"(re-?)?inspection of (local authority )?(services for looked after children|"
    r"looked after children['’]?s? services|arrangements for (the )?looked after children)"
)
# A letter's subject line may name a framework's inspection as well as a visit.
LETTER_SUBJECTS = (
    ("focused_visit", FOCUSED_VISIT),
    ("monitoring_visit", MONITORING_VISIT),
    ("jtai", JTAI),
    ("unannounced", UNANNOUNCED),
    ("cpi", _rx(r"inspection of local authority arrangements for the protection of children")),
    ("slac", _rx(r"inspection of safeguarding and looked after children services")),
    (
        "tlac",
        _rx(
            r"inspection of (local authority )?(services for looked after children|"
            r"looked after children['’]?s? services)"
        ),
    ),
)
LETTER = _rx(r"\bDear\b|This letter summarises")
OFSTED = _rx(r"Ofsted|Her Majesty['’]s Inspector|His Majesty['’]s Inspector|HMI\b")
# Ofsted's own furniture: the lines under a report's title, a letter's Ofsted letterhead and inspector's
# signature. A document with them is Ofsted's report or letter, of whatever framework, never a council paper.
OFSTED_REPORT_LINES = _rx(
    r"(?:^|\n)[#* ]*(inspection dates?|report published|lead inspector|reporting inspector|"
    r"date of (the )?(inspection|visit)|dates? of (the )?(inspection|visit))\s*:"
)
OFSTED_LETTERHEAD = _rx(
    r"Piccadilly Gate|Aviation House|\bAgora\b.{0,80}Nottingham|enquiries@ofsted\.gov\.uk|"
    r"www\.gov\.uk/ofsted|www\.ofsted\.gov\.uk"
)
OFSTED_SIGNATURE = _rx(r"(Her|His) Majesty['’]s Inspector|\bHMI\b")
# How a council's paper opens: its meeting, its author, its purpose. Read at the start of a line, in the
# opening, so a report's 'scrutiny by elected members' is no paper: a meeting's name is a short heading line
# of capitalised words ('Children and Young People Scrutiny Review Board', 'Cabinet'), the other cues are
# the set words of a paper's cover.
_MEETING = r"(?:Cabinet|Committee|Scrutiny|Board|Panel|Commission|Council\s+Meeting|Executive)"
MEETING_HEADING = re.compile(
    rf"^[ \t#*\d.-]*(?:(?:[A-Z][\w’'&,-]*[ \t]+){{1,8}}{_MEETING}|Cabinet)"
    r"(?:[ \t]+(?:Board|Panel|Committee|Commission|Meeting))?(?:[ \t]*\([^)\n]{0,60}\))?[ \t]*$",
    re.M,
)
_MEETING_LINES = 6  # a paper names its meeting in its first lines
PAPER_OPENING = re.compile(
    r"^[ \t#*\d.-]*(?:"
    r"(?i:report\s+(?:of|to|from|by)\s+(?:the\s+)?)[A-Z]|"
    r"(?i:agenda\s+item|date\s+of\s+(?:the\s+)?meeting|meeting\s+date|wards?\s+affected|electoral\s+divisions?|"
    r"key\s+decision|portfolio\s+holder|cabinet\s+member|post[- ]ofsted|exempt\s+information|minutes\s+of\s+"
    r"(?:the\s+)?meeting)\b|"
    r"(?i:purpose(?:\s+of\s+(?:the|this)\s+report)?|recommendations?(?:\(s\))?|reasons?\s+for\s+"
    r"(?:the\s+)?recommendations?)[ \t]*(?::|$))",
    re.M,
)


def paper_opening(head: str) -> int | None:
    """Where a council paper's cover starts in a text's opening, or None: a meeting's name among the first
    lines, or a cover's set words at the start of a line."""
    found = [m.start() for m in [PAPER_OPENING.search(head)] if m]
    lines = list(re.finditer(r"[^\n]*\S[^\n]*", head))[:_MEETING_LINES]
    found += [line.start() for line in lines if MEETING_HEADING.match(line.group(0))]
    return min(found) if found else None


COMMITTEE = _rx(
    r"\b(cabinet|committee|scrutiny|council meeting|overview (and|&) scrutiny|health and wellbeing board|"
    r"corporate parenting (panel|board)|report of the|recommendation\(s\)|recommendations?\b|"
    r"purpose of (the|this) report|electoral divisions?|wards? affected|background papers|"
    r"contact for enquiries|portfolio holder|cabinet member)"
)


@dataclass
class Classification:
    document_kind: str  # inspection_report, visit_letter, committee_paper, other
    event_kind: str = ""  # the primary event's kind for reports and letters
    reinspection: bool = False
    # What a document outside children's services is and why nothing is read from it, for an admin ("" for
    # documents in scope, and for 'other' documents that only name no Ofsted inspection).
    out_of_scope: str = ""
    confidence: float = 0.5
    title_start: int = 0
    title_end: int = 0


def classify(text: str) -> Classification:
    head = text[:2500]
    first_page = text[: max(text.find("\f"), 4000)] if "\f" in text[:6000] else text[:6000]
    found = [(m, sentence) for pattern, sentence in OUT_OF_SCOPE_KINDS if (m := pattern.search(head))]
    if found:
        # The kind named first is the title's ('school report' before a school's 'residential provision').
        out, sentence = min(found, key=lambda item: item[0].start())
        if not _named_by_a_paper(text, head, out):
            return Classification(
                "other",
                out_of_scope=sentence,
                confidence=0.9,
                title_start=out.start(),
                title_end=out.end(),
            )

    letter = LETTER.search(first_page)
    title_checks = [
        ("sif", SIF_REINSPECTION, True),
        ("sif", SIF_TITLE, False),
        ("slac", SLAC_TITLE, False),
        ("cpi", CPI, False),
        ("tlac", TLAC, False),
        ("ilacs", ILACS_TITLE, False),
    ]
    # Where a council's paper opens with its meeting, author or purpose before any Ofsted title, a title
    # further down is the paper quoting the report (or a report pasted into the paper).
    opening = paper_opening(head[:1500])
    paper_from = opening if opening is not None else len(head)
    # A letter's subject line names its visit; a report's title names its framework.
    if letter and letter.start() < min(1500, paper_from):
        subjects = [
            (match, kind)
            for kind, pattern in LETTER_SUBJECTS
            if (match := pattern.search(first_page, letter.start())) and match.start() < letter.start() + 1500
        ]
        if subjects:
            match, kind = min(subjects, key=lambda item: item[0].start())
            reinspection = bool(
                re.search(r"re-?inspection", first_page[match.start() - 3 : match.end()], re.I)
            )
            return Classification(
                "visit_letter",
                kind,
                reinspection,
                confidence=0.9,
                title_start=match.start(),
                title_end=match.end(),
            )
    titles = [
        (match, kind, reinspection)
        for kind, pattern, reinspection in title_checks
        if (match := pattern.search(head[:1500]))
        and match.start() < paper_from
        and _stands_as_title(text, match)
    ]
    if titles:
        # The first title is the document's (a SIF re-inspection title is checked before the SIF's).
        match, kind, reinspection = min(titles, key=lambda item: (item[0].start(), not item[2]))
        reinspection = reinspection or bool(re.search(r"\bre-?inspection", match.group(0), re.I))
        return Classification(
            "inspection_report",
            kind,
            reinspection,
            confidence=0.95,
            title_start=match.start(),
            title_end=match.end(),
        )
    match = ILACS_TABLE.search(head)
    if match and re.search(r"Judgement\s+Grade", head) and match.start() < paper_from:
        return Classification(
            "inspection_report", "ilacs", confidence=0.8, title_start=match.start(), title_end=match.end()
        )
    for kind, pattern in (("jtai", JTAI), ("unannounced", UNANNOUNCED)):
        match = pattern.search(head[:1500])
        if match and match.start() < paper_from:
            document = "visit_letter" if letter else "inspection_report"
            return Classification(
                document, kind, confidence=0.8, title_start=match.start(), title_end=match.end()
            )
    match = LSCB_ALONE.search(head[:1500])
    if match and match.start() < paper_from and not SIF_WORDS.search(head):
        return Classification(
            "inspection_report",
            "lscb_review",
            confidence=0.8,
            title_start=match.start(),
            title_end=match.end(),
        )
    own = _ofsted_own(text, head, first_page, letter, paper_from)
    if own:
        return own
    if OFSTED.search(text) and len(COMMITTEE.findall(text[:20000])) >= 2:
        return Classification("committee_paper", confidence=0.7)
    if OFSTED.search(text):
        return Classification("committee_paper", confidence=0.4)
    return Classification("other", confidence=0.6)


def _named_by_a_paper(text: str, head: str, match: re.Match[str]) -> bool:
    """Whether an out-of-scope kind's words are a council paper naming another inspection ('the local area
    SEND inspection in January 2024 found ...') rather than the document's title: the paper's cover comes
    first, or the words stand inside a sentence of a text with a paper's vocabulary."""
    opening = paper_opening(head[:1500])
    if opening is not None and opening < match.start():
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    inside_sentence = re.search(r"[a-z,;]\s*$", text[line_start : match.start()]) is not None
    return inside_sentence and len(COMMITTEE.findall(text[:20000])) >= 2


def _stands_as_title(text: str, match: re.Match[str]) -> bool:
    """A title at the start of its line is one; words run in before it (a council's name, as a web page
    copied gives it) make it one only where Ofsted's title-page lines follow, so that a paper's subject line
    ('Ofsted Inspection of Children's Social Care Services') is no report's title."""
    if re.match(r"[\s#*]*(?:re-?)?inspection\b", match.group(0), re.I):
        return True
    return bool(OFSTED_REPORT_LINES.search(text, match.end(), min(len(text), match.end() + 400)))


def _ofsted_own(
    text: str, head: str, first_page: str, letter: re.Match[str] | None, paper_from: int
) -> Classification | None:
    """An Ofsted report or letter of a kind no rule above names (a new framework, a kind of visit not met
    before): 'inspection report' or 'visit letter' of an unknown framework, with its dates, for an admin to
    name. Ofsted's own furniture says whose document it is: a letterhead and an inspector's signature, or the
    lines under a report's title."""
    if not OFSTED.search(text):
        return None
    report_lines = list(OFSTED_REPORT_LINES.finditer(head))
    letterhead = OFSTED_LETTERHEAD.search(first_page)
    # A council paper's cover before Ofsted's own furniture makes the document the paper (which may quote a
    # letter or carry a report in an appendix); after it, a heading such as 'Recommendations' is Ofsted's.
    own_at = min(
        [m.start() for m in (letter, letterhead, report_lines[0] if report_lines else None) if m]
        or [len(head)]
    )
    if paper_from < own_at:
        return None
    if letter and letter.start() < 1500 and (letterhead or OFSTED_SIGNATURE.search(text[-3000:])):
        title = _subject_line(first_page, letter.end())
        return Classification(
            "visit_letter", "other", confidence=0.6, title_start=title[0], title_end=title[1]
        )
    if len(report_lines) >= 2 or (report_lines and letterhead):
        title = _title_line(head, report_lines[0].start())
        return Classification(
            "inspection_report", "other", confidence=0.6, title_start=title[0], title_end=title[1]
        )
    return None


def _subject_line(text: str, after: int) -> tuple[int, int]:
    """The first non-blank line after 'Dear ...': a letter's subject."""
    line_end = text.find("\n", after)
    position = len(text) if line_end < 0 else line_end + 1
    while position < len(text):
        end = text.find("\n", position)
        end = len(text) if end < 0 else end
        if text[position:end].strip():
            return position, end
        position = end + 1
    return after, after


def _title_line(head: str, before: int) -> tuple[int, int]:
    """The last non-blank line before a report's dates line: its title."""
    end = head.rfind("\n", 0, before)
    while end > 0:
        start = head.rfind("\n", 0, end) + 1
        if head[start:end].strip():
            return start, end
        end = start - 1
    return 0, 0
