"""THE headline rule: which stored judgements give an inspection's grade for a theme, and how they combine.

One rule for every page (the national picture, the heat map, compare, a council's page and the tables):

- where the framework gives a single judgement of the theme, that judgement is the headline;
- where several judgements make up the headline (SLAC's overall: the safeguarding section's overall
  effectiveness and the looked-after-children section's, theme `children_in_care`; or a theme judged in both
  SLAC sections, such as capacity for improvement), the worse of them stands, marked `derived` (DOMAIN.md);
- where the inspection gave no judgement of the theme (ILACS from April 2026 has no overall effectiveness
  grade) there is no headline: none is ever invented from the other judgements.

The rule is written once, as data (`HEADLINE_PARTS`) and one predicate (`is_part`). `headline` applies it to
judgements already in memory; `parts_sql` and `parts_q` are the same predicate for SQL and the ORM, so a query
picks the same judgements; every query then takes the worst value (ties: section, then id) and marks the
result derived when more than one judgement took part.
"""

from dataclasses import dataclass, field

# (framework, theme) → the (section, theme) judgements whose worse is the headline.
HEADLINE_PARTS: dict[tuple[str, str], tuple[tuple[str, str], ...]] = {
    ("slac", "overall"): (("safeguarding", "overall"), ("looked_after_children", "children_in_care")),
}
DERIVED_NOTE = "worse of two sections"
# The rule in words, where a derived grade appears without its parts (a national table, a CSV row).
DERIVED_RULE = "Derived: the worse of the SLAC's safeguarding and looked-after-children overall grades"


def themes_for(theme: str) -> set[str]:
    """Every stored theme that can take part in the headline of `theme` (to narrow a query)."""
    return {theme} | {t for (_, wanted), parts in HEADLINE_PARTS.items() if wanted == theme for _, t in parts}


def is_part(kind: str, theme: str, section: str, judgement_theme: str) -> bool:
    """Whether a judgement (its section and theme) of an inspection of `kind` takes part in the headline of
    `theme`."""
    parts = HEADLINE_PARTS.get((kind, theme))
    if parts:
        return (section, judgement_theme) in parts
    return judgement_theme == theme


@dataclass
class Headline:
    """One theme's grade at one event. `derived` when several stored judgements made it up and the worse of
    them stands for the event."""

    theme: str
    value: int
    grade: str
    label: str
    derived: bool = False
    judgement_ids: list[int] = field(default_factory=list)
    rule: str = ""  # for a derived headline, the rule and its parts in words

    @property
    def stated(self) -> bool:
        return not self.derived


def _worst_key(judgement):
    return (-judgement.value, judgement.section, judgement.pk or 0)


def headline(kind: str, theme: str, judgements) -> Headline | None:
    """The headline of `theme` from an inspection's judgements (model instances), or None if it has none."""
    parts = [j for j in judgements if is_part(kind, theme, j.section, j.theme)]
    if not parts:
        return None
    worst = min(parts, key=_worst_key)
    derived = len(parts) > 1
    rule = ""
    if derived:
        named = [f"{_section_name(j.section)} ({j.grade})" for j in sorted(parts, key=_section_order)]
        rule = f"Derived: the worse of {' and '.join(named)}"
    return Headline(
        theme=theme,
        value=worst.value,
        grade=worst.grade,
        label=worst.label,
        derived=derived,
        judgement_ids=[j.pk for j in parts],
        rule=rule,
    )


def _section_order(judgement):
    from inspections.reading import vocabulary as vocab

    sections = list(vocab.SECTIONS)  # as the report orders them: safeguarding, then looked after children
    return (sections.index(judgement.section) if judgement.section in sections else 99, judgement.pk or 0)


def _section_name(section: str) -> str:
    from inspections.reading import vocabulary as vocab

    return (vocab.SECTIONS.get(section) or "the judgement").lower()


def headlines(kind: str, judgements, themes=None) -> dict[str, Headline]:
    """Every theme's headline of one inspection: the themes given, or every theme it has a judgement of."""
    judgements = list(judgements)
    wanted = themes or sorted({j.theme for j in judgements} | {t for k, t in HEADLINE_PARTS if k == kind})
    found = {theme: headline(kind, theme, judgements) for theme in wanted}
    return {theme: h for theme, h in found.items() if h is not None}


def parts_sql(theme: str, judgement: str = "j", inspection: str = "i") -> tuple[str, list]:
    """`is_part` as an SQL condition on a judgement row joined to its inspection, with its parameters (%s)."""
    special = {kind: parts for (kind, wanted), parts in HEADLINE_PARTS.items() if wanted == theme}
    if not special:
        return f"{judgement}.theme = %s", [theme]
    conditions = [f"({inspection}.kind <> ALL(%s) AND {judgement}.theme = %s)"]
    params: list = [sorted(special), theme]
    for kind, parts in special.items():
        for section, part_theme in parts:
            conditions.append(
                f"({inspection}.kind = %s AND {judgement}.section = %s AND {judgement}.theme = %s)"
            )
            params += [kind, section, part_theme]
    return "(" + " OR ".join(conditions) + ")", params


def parts_q(theme: str, kind_path: str = "inspection__kind"):
    """`is_part` as a Q on Judgement (the inspection's kind reached through `kind_path`)."""
    from django.db.models import Q

    special = {kind: parts for (kind, wanted), parts in HEADLINE_PARTS.items() if wanted == theme}
    q = Q(theme=theme) & ~Q(**{f"{kind_path}__in": sorted(special)}) if special else Q(theme=theme)
    for kind, parts in special.items():
        for section, part_theme in parts:
            q |= Q(**{kind_path: kind}, section=section, theme=part_theme)
    return q


def headline_cte_sql(theme: str, where: str = "TRUE", where_params=(), columns: str = "") -> tuple[str, list]:
    """A SELECT giving one row per inspection that has a headline of `theme`: (inspection_id, value, grade,
    label, derived, then `columns`), the judgements `j` joined to their inspection `i` and its authority `a`
    and narrowed by `where`. The SQL form of `headline`: the worst part (ties: section, then id) stands, and
    it is derived when more than one judgement took part."""
    condition, params = parts_sql(theme)
    extra = f", {columns}" if columns else ""
    sql = f"""
        SELECT DISTINCT ON (j.inspection_id)
               j.inspection_id, j.value, j.grade, j.label,
               COUNT(*) OVER (PARTITION BY j.inspection_id) > 1 AS derived{extra}
        FROM inspections_judgement j
        JOIN inspections_inspection i ON i.id = j.inspection_id
        JOIN authorities_authority a ON a.id = i.authority_id
        WHERE j.theme = ANY(%s) AND {condition} AND ({where})
        ORDER BY j.inspection_id, j.value DESC, j.section, j.id"""  # noqa: S608 (constants; values are parameters)
    return sql, [sorted(themes_for(theme)), *params, *where_params]
