"""What the official tables look like: the sheets an edition holds, the columns of each, and what each
judgement column means in the theme vocabulary. No Django.

Headers are matched after `normalise_header` (case, spaces, newlines, a leading "The"), and every edition's
wording is listed, because Ofsted renames columns between editions (SOURCES.md §3.3).
"""

import re
from dataclasses import dataclass, field
from typing import Any

# Cells that mean "not judged" rather than a grade (Isles of Scilly, City of London in the 2009-2023 sheet).
NOT_JUDGED = {"-", "n/a", "na", "not applicable", "not judged"}
# Text in a date column of a council that has had no inspection of the framework yet (2024 edition).
NOT_INSPECTED = {"not yet inspected"}

# "Inspection/Visit type" and "Inspection type" cells → (kind, ILACS type).
EVENT_TYPES = {
    "ilacs standard inspection": ("ilacs", "standard"),
    "ilacs short inspection": ("ilacs", "short"),
    "ilacs focused visit": ("focused_visit", ""),
    "la monitoring visit": ("monitoring_visit", ""),
    "ilacs monitoring visit": ("monitoring_visit", ""),
    "joint targeted area inspection": ("jtai", ""),
}


def normalise_header(text) -> str:
    words = " ".join(str(text or "").replace("\n", " ").split()).lower()
    return re.sub(r"^the ", "", words)


@dataclass(frozen=True)
class JudgementColumn:
    """A column holding one judgement: its headers, theme, section, parent and the framework's name for it."""

    key: str
    headers: tuple[str, ...]
    theme: str
    label: str
    section: str = ""
    parent_theme: str = ""
    required: bool = True


@dataclass(frozen=True)
class EventColumns:
    """One event per row (or per group of columns of a wide row): its date and judgement columns."""

    kind: str
    published: tuple[str, ...] = ()
    start: tuple[str, ...] = ()
    type: tuple[str, ...] = ()
    judgements: tuple[JudgementColumn, ...] = ()
    reinspection: bool = False
    focus: str = ""
    required: bool = True
    # Older editions of the "31 March" and in-year sheets give the start date only.
    published_optional: bool = False


@dataclass(frozen=True)
class SheetLayout:
    """A kind of sheet: how its name looks, the columns that identify it, and the events each row holds."""

    role: str
    title: str
    sheet_name: re.Pattern
    example_name: str
    name: tuple[str, ...] = ("local authority name",)
    code: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    visit_theme: tuple[str, ...] = ()
    events: tuple[EventColumns, ...] = field(default_factory=tuple)
    # Columns whose presence says "this is that table" when a CSV has no sheet name.
    signature: tuple[str, ...] = ()


def _ilacs_judgements(prefix: str = "", care_leavers_required: bool = False) -> tuple[JudgementColumn, ...]:
    """The ILACS judgement columns; `prefix` is "first ilacs " etc. for the wide sheets."""

    def h(*names):
        return tuple(prefix + n for n in names)

    return (
        JudgementColumn("overall", h("overall effectiveness"), "overall", "Overall effectiveness"),
        JudgementColumn(
            "leadership",
            h("impact of leaders", "impact of leaders on social work practice with children and families"),
            "leadership",
            "The impact of leaders on social work practice with children and families",
        ),
        JudgementColumn(
            "help",
            h(
                "experiences and progress of children who need help and protection",
                "children who need help and protection",
            ),
            "help_and_protection",
            "The experiences and progress of children who need help and protection",
        ),
        JudgementColumn(
            "children_in_care",
            h(
                "experiences and progress of children in care",
                "experiences and progress of children in care and care leavers",
            ),
            "children_in_care",
            "The experiences and progress of children in care",
        ),
        JudgementColumn(
            "care_leavers",
            h("experiences and progress of care leavers"),
            "care_leavers",
            "The experiences and progress of care leavers",
            required=care_leavers_required,
        ),
    )


# Before 1 January 2023 ILACS judged children in care and care leavers together (SOURCES.md §3.12).
ILACS_COMBINED_LABEL = "The experiences and progress of children in care and care leavers"

_START = ("inspection date", "inspection/visit date")
_TYPE = ("inspection type", "inspection/visit type")
_CODE = ("local authority area code", "local authority code", "gss code", "ons code")

LATEST = SheetLayout(
    role="latest",
    title="latest ILACS judgements per council",
    sheet_name=re.compile(r"^(inspections_(as_at_)?31_march|la_level_at_31_mar)", re.I),
    example_name="Inspections_as_at_31_March",
    code=_CODE,
    events=(
        EventColumns(
            kind="ilacs",
            start=_START,
            published=("publication date",),
            judgements=_ilacs_judgements(),
            published_optional=True,
        ),
    ),
    signature=("inspection date", "overall effectiveness"),
)

IN_YEAR = SheetLayout(
    role="in_year",
    title="in-year inspections and visits",
    sheet_name=re.compile(r"in.?year", re.I),
    example_name="In-year_inspections",
    code=_CODE,
    visit_theme=("visit theme",),
    events=(
        EventColumns(
            kind="",  # read from the type column
            start=_START,
            published=("publication date",),
            type=_TYPE,
            judgements=_ilacs_judgements(),
            published_optional=True,
        ),
    ),
    signature=("inspection/visit type", "visit theme"),
)

ILACS_LONG = SheetLayout(
    role="ilacs_history",
    title="ILACS inspection history (one row per inspection)",
    sheet_name=re.compile(r"^ilacs_inspection", re.I),
    example_name="ILACS_inspection_history",
    code=_CODE,
    status=("local authority status",),
    events=(
        EventColumns(
            kind="ilacs",
            start=_START,
            published=("publication date",),
            type=_TYPE,
            judgements=_ilacs_judgements(),
        ),
    ),
    signature=("inspection type", "publication date", "overall effectiveness"),
)


def _wide_ilacs(ordinal: str, required: bool) -> EventColumns:
    # The tables of councils that no longer exist hold one ILACS, headed "ILACS framework …".
    prefixes: tuple[str, ...] = (f"{ordinal} ilacs ", f"{ordinal} ilacs framework ")
    if ordinal == "first":
        prefixes += ("ilacs framework ",)
    judgements = []
    for column in _ilacs_judgements():
        headers = tuple(p + h for p in prefixes for h in column.headers)
        judgements.append(
            JudgementColumn(
                column.key, headers, column.theme, column.label, required=column.key != "care_leavers"
            )
        )
    return EventColumns(
        kind="ilacs",
        published=tuple(p + "publication date" for p in prefixes),
        type=tuple(p + "inspection type" for p in prefixes),
        judgements=tuple(judgements),
        required=required,
    )


ILACS_WIDE = SheetLayout(
    role="ilacs_history",
    title="ILACS inspection history (one row per council)",
    sheet_name=re.compile(r"^ilacs_inspection", re.I),
    example_name="ILACS_inspections_2018-2024",
    events=(_wide_ilacs("first", True), _wide_ilacs("second", False)),
    signature=("first ilacs publication date",),
)


def _sif(prefix: str, reinspection: bool) -> EventColumns:
    def h(name):
        return (f"{prefix} {name}",)

    judgements = [
        JudgementColumn("overall", h("overall judgement (oe)"), "overall", "Overall effectiveness"),
        JudgementColumn(
            "help",
            h("children who need help and protection"),
            "help_and_protection",
            "Children who need help and protection",
        ),
        JudgementColumn(
            "children_in_care",
            h("children looked after and achieving permanence"),
            "children_in_care",
            "Children looked after and achieving permanence",
        ),
        JudgementColumn(
            "adoption",
            h("cla sub: adoption performance"),
            "adoption",
            "Adoption performance",
            parent_theme="children_in_care",
        ),
        JudgementColumn(
            "care_leavers",
            h("cla sub: experiences and progress of care leavers"),
            "care_leavers",
            "Experiences and progress of care leavers",
            parent_theme="children_in_care",
        ),
        JudgementColumn(
            "leadership",
            h("leadership, management and governance"),
            "leadership",
            "Leadership, management and governance",
        ),
    ]
    if not reinspection:
        # The LSCB was reviewed alongside the first SIF only; the table has no LSCB column for re-inspections.
        judgements.append(
            JudgementColumn(
                "lscb",
                ("lscb overall effectiveness",),
                "lscb",
                "Local Safeguarding Children Board (LSCB review)",
            )
        )
    name = "sif re-inspection" if reinspection else "first sif"
    return EventColumns(
        kind="sif",
        reinspection=reinspection,
        published=(f"single inspection of la children's services (sif) {name} publication date",),
        judgements=tuple(judgements),
    )


def _one(key, header, theme, section=""):
    return JudgementColumn(key, (header,), theme, "Overall effectiveness", section=section)


HISTORY_2009 = SheetLayout(
    role="history_2009",
    title="LA inspections 2009-2023 (SLAC, CPI, TLAC, SIF, ILACS)",
    sheet_name=re.compile(r"^la_inspections_20\d\d", re.I),
    example_name="LA_inspections_2009-2023",
    events=(
        EventColumns(
            kind="slac",
            published=("safeguarding & looked after children (slac) inspection publication date",),
            judgements=(
                _one(
                    "safeguarding", "slac safeguarding overall effectiveness (oe)", "overall", "safeguarding"
                ),
                _one(
                    "lac",
                    "slac looked after children overall effectiveness (oe)",
                    "children_in_care",
                    "looked_after_children",
                ),
            ),
        ),
        EventColumns(
            kind="slac",
            reinspection=True,
            focus="Safeguarding services",
            published=("slac re-inspection of safeguarding publication date",),
            judgements=(
                _one("safeguarding", "slac re-inspection safeguarding oe", "overall", "safeguarding"),
            ),
        ),
        EventColumns(
            kind="slac",
            reinspection=True,
            focus="Services for looked after children",
            published=("slac re-inspection of services for children looked after publication date",),
            judgements=(
                _one(
                    "lac",
                    "slac re-inspection of services children looked after oe",
                    "children_in_care",
                    "looked_after_children",
                ),
            ),
        ),
        EventColumns(
            kind="cpi",
            published=("child protection inspections (cpi) publication date",),
            judgements=(_one("overall", "cpi overall effectiveness (oe)", "overall"),),
        ),
        EventColumns(
            kind="cpi",
            reinspection=True,
            published=("child protection re-inspection (cpri) publication date",),
            judgements=(_one("overall", "cpri overall effectiveness (oe)", "overall"),),
        ),
        EventColumns(
            kind="tlac",
            published=("targeted looked after children (tlac) inspection publication date",),
            judgements=(_one("overall", "tlac overall effectiveness (oe)", "overall"),),
        ),
        _sif("first sif", reinspection=False),
        _sif("sif re-inspection", reinspection=True),
        _wide_ilacs("first", True),
        _wide_ilacs("second", False),
    ),
    signature=("single inspection of la children's services (sif) first sif publication date",),
)

# What each kind of workbook must hold. A workbook that has none of these sheets is not an official LA table.
WORKBOOKS: dict[str, dict[str, Any]] = {
    "la_inspection_outcomes": {
        "title": "Ofsted 'Local authority inspection outcomes'",
        "layouts": (LATEST, IN_YEAR, (ILACS_LONG, ILACS_WIDE)),
    },
    "childrens_social_care_data": {
        "title": "Ofsted 'Children's social care data in England' (2009-2023 history)",
        "layouts": (HISTORY_2009, LATEST, IN_YEAR),
    },
}

ALL_LAYOUTS = (HISTORY_2009, ILACS_LONG, ILACS_WIDE, IN_YEAR, LATEST)
