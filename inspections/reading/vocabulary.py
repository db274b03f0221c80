"""The words the whole product shares: event kinds, themes, sections and the grade scales.

Kept free of Django so the reader and the models use one list; the models build their choices from it.
"""

# Every event on a council's timeline.
EVENT_KINDS = {
    "slac": "Safeguarding and looked after children inspection (SLAC)",
    "cpi": "Child protection inspection (CPI)",
    "tlac": "Targeted inspection of looked after children (TLAC)",
    "sif": "Single inspection framework (SIF)",
    "ilacs": "Inspection of local authority children's services (ILACS)",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "jtai": "Joint targeted area inspection (JTAI)",
    "unannounced": "Unannounced inspection of contact, referral and assessment",
    "lscb_review": "Review of the local safeguarding children board",
    "other": "Other event",
}

# Kinds whose events carry grades.
GRADED_KINDS = {"slac", "cpi", "tlac", "sif", "ilacs", "lscb_review"}

FRAMEWORK_SHORT_NAMES = {
    "slac": "SLAC",
    "cpi": "CPI",
    "tlac": "TLAC",
    "sif": "SIF",
    "ilacs": "ILACS",
    "focused_visit": "Focused visit",
    "monitoring_visit": "Monitoring visit",
    "jtai": "JTAI",
    "unannounced": "Unannounced",
    "lscb_review": "LSCB review",
    "other": "Other",
}


def framework_name(kind: str | None, reinspection: bool | None = False) -> str:
    """An event's framework as tables and charts name it: 'SIF', 'SIF re-inspection', 'Focused visit'."""
    name = FRAMEWORK_SHORT_NAMES.get(kind or "", kind or "")
    return f"{name} re-inspection" if reinspection else name


EVENT_STATUSES = {"held": "Held", "expected": "Expected"}

ILACS_TYPES = {"standard": "Standard", "short": "Short"}

DOCUMENT_KINDS = {
    "inspection_report": "Inspection report",
    "visit_letter": "Visit letter",
    "committee_paper": "Council committee paper",
    "other": "Not an Ofsted-related document",
}

# One vocabulary across frameworks (DOMAIN.md, "Themes").
THEMES = {
    "overall": "Overall effectiveness",
    "leadership": "Leadership",
    "help_and_protection": "Help and protection",
    "children_in_care": "Children in care",
    "care_leavers": "Care leavers",
    "adoption": "Adoption",
    "lscb": "Local safeguarding children board",
    "capacity_for_improvement": "Capacity for improvement",
    "quality_of_provision": "Quality of provision",
    "health": "Health",
    "ambition_and_prioritisation": "Ambition and prioritisation",
    "performance_management": "Performance management",
    "partnership_working": "Partnership working",
    "equality_and_diversity": "Equality and diversity",
    "being_healthy": "Being healthy",
    "staying_safe": "Staying safe",
    "enjoying_and_achieving": "Enjoying and achieving",
    "positive_contribution": "Positive contribution",
    "economic_wellbeing": "Economic well-being",
}

# The themes drawn as lines on a council's timeline, in legend order.
HEADLINE_THEMES = (
    "overall",
    "help_and_protection",
    "children_in_care",
    "care_leavers",
    "leadership",
    "adoption",
    "lscb",
)

# SLAC reports have two sections; other frameworks have none ("").
SECTIONS = {
    "": "",
    "safeguarding": "Safeguarding services",
    "looked_after_children": "Services for looked after children",
}

# The four-point scale, 1 best, with each framework's words for it. Matching is case-insensitive and
# tolerant of the wrapped or abbreviated forms the documents use; the label as written is always kept.
GRADE_WORDS = {
    1: ("outstanding",),
    2: ("good",),
    3: (
        "requires improvement to be good",
        "requires improvement",
        "require improvement to be good",
        "require improvement",
        "adequate",
    ),
    4: ("inadequate",),
}

GRADE_NAMES = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}

# Each framework's own words for its grades. The official 2009-2023 table rewrites SLAC, CPI, CPRI and TLAC
# "Adequate" as "Requires improvement to be good" (Ofsted's later relabelling); the framework's word is the
# one stored, the table's kept in the source quote. TLAC (2013) predates the SIF and used the SLAC/CPI scale.
FRAMEWORK_GRADES = {
    "slac": {1: "Outstanding", 2: "Good", 3: "Adequate", 4: "Inadequate"},
    "cpi": {1: "Outstanding", 2: "Good", 3: "Adequate", 4: "Inadequate"},
    "tlac": {1: "Outstanding", 2: "Good", 3: "Adequate", 4: "Inadequate"},
    "sif": {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"},
    "ilacs": {1: "Outstanding", 2: "Good", 3: "Requires improvement to be good", 4: "Inadequate"},
}


# Longest forms first: "requires improvement to be good" ends with "good" but is a 3.
_FORMS_LONGEST_FIRST = sorted(
    ((form, value) for value, group in GRADE_WORDS.items() for form in group), key=lambda f: -len(f[0])
)


def grade_value(grade: str) -> int | None:
    """The 1-4 value of a grade as written ("Grade 3 (Adequate)", "Requires Improvement"), or None."""
    words = " ".join(grade.lower().replace("(", " ").replace(")", " ").split())
    for form, value in _FORMS_LONGEST_FIRST:
        if words == form or words.endswith(" " + form) or words.startswith(form + " "):
            return value
    return None
