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

# Titles stand at the start of a line; the same words inside a sentence are a council paper quoting them.
_LINE = r"(?:^|\n)[#* ]*"
SIF_TITLE = _rx(
    _LINE + r"inspection of services for children in need of help and protection,? children looked after"
)
SIF_REINSPECTION = _rx(_LINE + r"Re-?inspection of services for children in need of help")
SLAC_TITLE = _rx(_LINE + r"inspection of safeguarding and looked after children services")
ILACS_TITLE = _rx(
    _LINE + r"inspection of (children['’]s social care services|"
    r"[^.\n]{0,60}?local authority children['’]s services|"
    r"[A-Z][\w ,&'’-]{2,80}? (Children['’]s |Children and Families )?Trust\b)"
)
ILACS_TABLE = _rx(r"impact of leaders on social work practice")
FOCUSED_VISIT = _rx(r"focus(s)?ed visit (to|of)\b|findings of (a|the) focus(s)?ed visit")
MONITORING_VISIT = _rx(r"monitoring visit (to|of)\b|findings of (a|the) monitoring visit")
JTAI = _rx(r"joint targeted area inspection|\bJTAI\b")
UNANNOUNCED = _rx(r"unannounced inspection of (local authority )?contact,? referral and assessment")
LSCB_ALONE = _rx(r"review of the effectiveness of the local safeguarding children board")
CPI = _rx(_LINE + r"inspection of local authority arrangements for the protection of children")
TLAC = _rx(_LINE + r"inspection of (local authority )?services for looked after children")
LETTER = _rx(r"\bDear\b|This letter summarises")
OFSTED = _rx(r"Ofsted|Her Majesty['’]s Inspector|His Majesty['’]s Inspector|HMI\b")
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
    found = [(match, sentence) for pattern, sentence in OUT_OF_SCOPE_KINDS if (match := pattern.search(head))]
    if found:
        # The kind named first is the title's ('school report' before a school's 'residential provision').
        match, sentence = min(found, key=lambda item: item[0].start())
        return Classification(
            "other",
            out_of_scope=sentence,
            confidence=0.9,
            title_start=match.start(),
            title_end=match.end(),
        )

    letter = LETTER.search(first_page)
    title_checks = [
        ("sif", SIF_REINSPECTION, True),
        ("sif", SIF_TITLE, False),
        ("slac", SLAC_TITLE, False),
        ("cpi", CPI, False),
        ("ilacs", ILACS_TITLE, False),
    ]
    # A letter's subject line names its visit; a report's title names its framework.
    if letter and letter.start() < 1500:
        for kind, pattern in (
            ("focused_visit", FOCUSED_VISIT),
            ("monitoring_visit", MONITORING_VISIT),
            ("jtai", JTAI),
            ("unannounced", UNANNOUNCED),
        ):
            match = pattern.search(first_page)
            if match:
                return Classification(
                    "visit_letter", kind, confidence=0.9, title_start=match.start(), title_end=match.end()
                )
    for kind, pattern, reinspection in title_checks:
        match = pattern.search(head[:700])
        if match:
            return Classification(
                "inspection_report",
                kind,
                reinspection,
                confidence=0.95,
                title_start=match.start(),
                title_end=match.end(),
            )
    match = ILACS_TABLE.search(head)
    if match and re.search(r"Judgement\s+Grade", head):
        return Classification(
            "inspection_report", "ilacs", confidence=0.8, title_start=match.start(), title_end=match.end()
        )
    for kind, pattern in (("jtai", JTAI), ("unannounced", UNANNOUNCED)):
        match = pattern.search(head[:700])
        if match:
            document = "visit_letter" if letter else "inspection_report"
            return Classification(
                document, kind, confidence=0.8, title_start=match.start(), title_end=match.end()
            )
    match = LSCB_ALONE.search(head[:700])
    if match and not SIF_TITLE.search(head):
        return Classification(
            "inspection_report",
            "lscb_review",
            confidence=0.8,
            title_start=match.start(),
            title_end=match.end(),
        )
    if OFSTED.search(text) and len(COMMITTEE.findall(text[:20000])) >= 2:
        return Classification("committee_paper", confidence=0.7)
    if OFSTED.search(text):
        return Classification("committee_paper", confidence=0.4)
    return Classification("other", confidence=0.6)
