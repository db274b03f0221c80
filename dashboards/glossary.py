"""The words the product uses and never explained: frameworks, grades, visits and the rules behind figures.

TERMS feeds the glossary page (/glossary/) and `mark_first_use`, which gives the first use of each
abbreviation on a page an <abbr> with its full name, linked to its entry (base.html wraps every page's
content in {% first_use_abbreviations %}, dashboards/templatetags/glossary.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse
from django.utils.html import escape


@dataclass(frozen=True)
class Term:
    key: str  # the entry's id on the glossary page
    name: str
    group: str
    meaning: str
    abbreviation: str = ""


GROUPS = (
    "Inspection frameworks",
    "Visits and other events",
    "Grades",
    "Rules behind the figures",
    "Other words",
)

TERMS = (
    Term(
        "slac",
        "Inspection of safeguarding and looked after children services",
        GROUPS[0],
        "Ofsted's framework from 2009 to 2012. It judged two sections, safeguarding services and "
        "services for "
        "looked after children, each with its own overall effectiveness, on the scale outstanding, good, "
        "adequate, inadequate.",
        "SLAC",
    ),
    Term(
        "cpi",
        "Child protection inspection",
        GROUPS[0],
        "Inspections of child protection services in 2012 and 2013, graded outstanding, good, adequate or "
        "inadequate; CPRI were their re-inspections.",
        "CPI",
    ),
    Term(
        "cpri", "Child protection re-inspection", GROUPS[0], "A second child protection inspection.", "CPRI"
    ),
    Term(
        "tlac",
        "Targeted inspection of looked after children",
        GROUPS[0],
        "Short inspections of services for looked after children in 2013.",
        "TLAC",
    ),
    Term(
        "sif",
        "Single inspection framework",
        GROUPS[0],
        "Ofsted's framework from November 2013 to 2017: one overall effectiveness grade and "
        "judgements of help "
        "and protection, children looked after (with adoption and care leavers), and leadership, on "
        "the scale "
        "outstanding, good, requires improvement, inadequate. The safeguarding board was reviewed at "
        "the same "
        "time.",
        "SIF",
    ),
    Term(
        "ilacs",
        "Inspection of local authority children's services",
        GROUPS[0],
        "Ofsted's framework since 2018, as standard or short inspections. Judgements: the impact of leaders, "
        "help and protection, children in care and care leavers (judged apart since 2023), and overall "
        "effectiveness. From April 2026 it gives no overall effectiveness grade: the other judgements stay, "
        "and nothing here invents an overall grade for those inspections.",
        "ILACS",
    ),
    Term(
        "jtai",
        "Joint targeted area inspection",
        GROUPS[1],
        "An inspection by Ofsted with the care, health and police inspectorates of how agencies work "
        "together "
        "on one theme. It gives no grade.",
        "JTAI",
    ),
    Term(
        "focused-visit",
        "Focused visit",
        GROUPS[1],
        "A short visit under the ILACS framework that looks at one part of a council's services and "
        "ends with "
        "a letter. It gives no grade.",
    ),
    Term(
        "monitoring-visit",
        "Monitoring visit",
        GROUPS[1],
        "Visits that follow an inadequate judgement until the council is inspected again. Each ends with a "
        "letter and gives no grade.",
    ),
    Term(
        "unannounced",
        "Unannounced inspection of contact, referral and assessment",
        GROUPS[1],
        "SLAC-era inspections of the front door of children's services. No grade.",
    ),
    Term(
        "expected-visit",
        "Expected visit",
        GROUPS[1],
        "A visit a council paper announced (\u201cexpected to take place in January 2021\u201d) that has not "
        "been reported yet. Drawn open, never counted as held.",
    ),
    Term("reinspection", "Re-inspection", GROUPS[1], "A second inspection under the same framework."),
    Term(
        "lscb",
        "Local safeguarding children board",
        GROUPS[1],
        "The partnership of agencies that safeguarded children in an area until 2019. Ofsted "
        "reviewed it with "
        "the SIF and graded it separately.",
        "LSCB",
    ),
    Term("outstanding", "Outstanding", GROUPS[2], "Grade 1, the best, in every framework."),
    Term("good", "Good", GROUPS[2], "Grade 2 in every framework."),
    Term(
        "requires-improvement",
        "Requires improvement (to be good)",
        GROUPS[2],
        "Grade 3 in the SIF and ILACS. Shown beside SLAC's and CPI's \u201cadequate\u201d, which is also "
        "grade 3 but not the same standard: the SIF raised the bar. Charts put them on one colour and "
        "always name the framework; tables keep each grade as the report wrote it.",
    ),
    Term(
        "adequate",
        "Adequate",
        GROUPS[2],
        "Grade 3 in SLAC and CPI inspections (also written \u201cGrade 3 (Adequate)\u201d). Ofsted's 2009 to "
        "2023 history table relabels it \u201crequires improvement to be good\u201d; a report's own wording "
        "stands here.",
    ),
    Term("inadequate", "Inadequate", GROUPS[2], "Grade 4, the worst, in every framework."),
    Term(
        "derived",
        "Worse of two sections (derived)",
        GROUPS[3],
        "A SLAC inspection gave two overall grades, one per section. Where one headline grade is needed, the "
        "worse of the two stands for the inspection and is marked derived (* on charts).",
    ),
    Term(
        "latest",
        "Latest judgement",
        GROUPS[3],
        "A council's grade from its most recently published graded inspection, until the next one replaces "
        "it. A council that took over from others (Cumberland from Cumbria) shows its predecessors' history, "
        "labelled.",
    ),
    Term(
        "data-end",
        "Where the data end",
        GROUPS[3],
        "The newest date the stored reports and official tables cover. Pages say it; figures for later dates "
        "cannot be known.",
    ),
    Term(
        "neighbours",
        "Statistical neighbours",
        GROUPS[4],
        "The ten councils most like a council in the Department for Education's 2025 model, closest first.",
    ),
    Term("dfe", "Department for Education", GROUPS[4], "Gives each council its three-digit number.", "DfE"),
    Term(
        "gss",
        "Government Statistical Service code",
        GROUPS[4],
        "The ONS code of a council, such as E06000015 for Derby.",
        "GSS",
    ),
    Term(
        "rag",
        "Red, amber, green rating",
        GROUPS[4],
        "An improvement board's rating of how an action is going, beside its status.",
        "RAG",
    ),
)

ABBREVIATIONS = {term.abbreviation: term for term in TERMS if term.abbreviation}
_WORD = re.compile(r"\b(" + "|".join(sorted(ABBREVIATIONS, key=len, reverse=True)) + r")\b")
_TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9]+)")
# Text inside these is left alone: links and buttons cannot hold another link, script and style are not text,
# a select's options and a title cannot hold markup, an SVG chart is not HTML.
_SKIP = {"a", "abbr", "button", "script", "style", "textarea", "select", "option", "title", "svg", "label",
         "summary", "caption", "th"}  # fmt: skip
_VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}


def mark_first_use(html: str, glossary_url: str | None = None) -> str:
    """Wrap the first use of each abbreviation in `html` (outside links, buttons, labels, headers of tables
    and the like) in <abbr title="full name">, linked to its glossary entry."""
    url = glossary_url or reverse("glossary")
    seen: set[str] = set()
    skipping: list[str] = []
    out = []
    for index, token in enumerate(_TOKEN.split(html)):
        if index % 2:  # a tag or comment
            out.append(token)
            found = _TAG.match(token)
            if found and not token.startswith("<!--"):
                closing, name = found.group(1), found.group(2).lower()
                if name in _SKIP and not token.rstrip().endswith("/>"):
                    if closing:
                        if name in skipping:
                            while skipping and skipping.pop() != name:
                                pass
                    elif name not in _VOID:
                        skipping.append(name)
            continue
        if skipping or len(seen) == len(ABBREVIATIONS):
            out.append(token)
            continue

        def replace(match, seen=seen):
            word = match.group(1)
            if word in seen:
                return word
            seen.add(word)
            term = ABBREVIATIONS[word]
            return (
                f'<a class="govuk-link app-abbr" href="{url}#{term.key}">'
                f'<abbr title="{escape(term.name)}">{word}</abbr></a>'
            )

        out.append(_WORD.sub(replace, token))
    return "".join(out)
