"""What the council pickers' autocomplete knows (static/js/council_picker.js): every council's slug, name and
the other names it goes by ("BCP", "Bristol, City of"), so typing an alias finds it without a page load. Two
queries, whatever the number of councils; written into the page with json_script."""

from authorities.models import Authority, AuthorityAlias


def council_names(current_only: bool = True) -> list[dict]:
    councils = Authority.objects.all()
    if current_only:
        councils = councils.filter(active_to__isnull=True)
    rows = list(councils.order_by("short_name", "gss_code").values("pk", "slug", "short_name", "name"))
    aliases: dict[int, list[str]] = {}
    for pk, name in AuthorityAlias.objects.filter(authority_id__in=[r["pk"] for r in rows]).values_list(
        "authority_id", "name"
    ):
        aliases.setdefault(pk, []).append(name)
    return [
        {
            "slug": row["slug"],
            "name": row["short_name"],
            "also": sorted({row["name"], *aliases.get(row["pk"], [])} - {row["short_name"]}),
        }
        for row in rows
    ]
