"""The councils in the database as the plain data of authorities.which_council, for the importer, the search
boxes and the pages. The rule of which council a name means is which_council's; this module only loads it."""

import datetime

from authorities.models import Authority, AuthorityAlias, Succession
from authorities.which_council import Council, Directory


def council_directory() -> Directory:
    """Every council with its names, codes, dates and successions (three queries)."""
    links = list(Succession.objects.values_list("predecessor_id", "successor_id"))
    aliases: dict[int, list[str]] = {}
    for pk, name in AuthorityAlias.objects.values_list("authority_id", "name"):
        aliases.setdefault(pk, []).append(name)
    rows = Authority.objects.values(
        "id", "gss_code", "name", "short_name", "other_codes", "active_from", "active_to"
    )
    return Directory.of(
        Council(
            id=row["id"],
            gss_code=row["gss_code"],
            short_name=row["short_name"],
            names=(row["name"], *aliases.get(row["id"], ())),
            other_codes=tuple(row["other_codes"] or ()),
            active_from=row["active_from"],
            active_to=row["active_to"],
            predecessors=tuple(p for p, s in links if s == row["id"]),
            successors=tuple(s for p, s in links if p == row["id"]),
        )
        for row in rows
    )


def resolve_name(
    name: str, on: datetime.date | None = None, directory: Directory | None = None
) -> list[Authority]:
    """The councils a name can mean on the given day (which_council's rule), in code order: one, several
    where the name is ambiguous that day, none where no council goes by it. Without a day, every council
    that goes by the name."""
    match = (directory or council_directory()).resolve(name, on)
    return list(Authority.objects.filter(pk__in=match.ids).order_by("gss_code"))
