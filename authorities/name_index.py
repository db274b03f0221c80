"""One index from council names to councils, shared by the importer, the search boxes and the pages."""

from authorities.models import Authority, AuthorityAlias
from authorities.names import fold


def name_index() -> dict[str, set[int]]:
    """Folded name → ids of the councils that go by it (names, short names and aliases)."""
    index: dict[str, set[int]] = {}
    for pk, name, short_name in Authority.objects.values_list("pk", "name", "short_name"):
        for value in (name, short_name):
            index.setdefault(fold(value), set()).add(pk)
    for pk, folded in AuthorityAlias.objects.values_list("authority_id", "folded"):
        index.setdefault(folded, set()).add(pk)
    return index


def resolve_name(name: str, on=None, index: dict[str, set[int]] | None = None) -> list[Authority]:
    """The councils a name can mean, preferring those that existed on the given day."""
    ids = (index if index is not None else name_index()).get(fold(name), set())
    candidates = Authority.objects.filter(pk__in=ids)
    if on is not None and len(ids) > 1:
        active = candidates.active_on(on)
        if active.exists():
            candidates = active
    return list(candidates)
