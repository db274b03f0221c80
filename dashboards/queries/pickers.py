"""What the council pickers' autocomplete knows (static/js/council_picker.js): every council's slug, name and
the other names it goes by ("BCP", "Bristol, City of"), so typing an alias finds it without a page load. One
query, whatever the number of councils; written into the page with json_script."""

from django.contrib.postgres.aggregates import ArrayAgg

from authorities.models import Authority


def council_names(current_only: bool = True) -> list[dict]:
    councils = Authority.objects.all()
    if current_only:
        councils = councils.filter(active_to__isnull=True)
    rows = councils.annotate(aliases_list=ArrayAgg("aliases__name", distinct=True, default=[])).order_by(
        "short_name", "gss_code"
    )
    return [
        {
            "slug": row.slug,
            "name": row.short_name,
            "also": sorted({row.name, *(a for a in row.aliases_list if a)} - {row.short_name}),
        }
        for row in rows.only("slug", "short_name", "name")
    ]
