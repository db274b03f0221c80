"""Saving the councils reference rows: one transaction, matched on the GSS code, so reloading is a no-op."""

import datetime

from django.db import transaction

from authorities.models import Authority, AuthorityAlias, Succession
from authorities.reference import CouncilRow

_FIELDS = [
    "name",
    "short_name",
    "slug",
    "dfe_number",
    "region",
    "type",
    "active_from",
    "active_to",
    "other_codes",
    "notes",
]


@transaction.atomic
def save_councils(rows: list[CouncilRow]) -> dict:
    existing = {a.gss_code: a for a in Authority.objects.all()}
    created = updated = unchanged = 0
    for row in rows:
        values = {f: getattr(row, f) for f in _FIELDS}
        authority = existing.get(row.gss_code)
        if authority is None:
            existing[row.gss_code] = Authority.objects.create(gss_code=row.gss_code, **values)
            created += 1
        elif any(getattr(authority, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(authority, f, v)
            authority.save()
            updated += 1
        else:
            unchanged += 1

    by_code = existing
    wanted_aliases = {alias.lower(): (alias, by_code[row.gss_code]) for row in rows for alias in row.aliases}
    stored = {a.name.lower(): a for a in AuthorityAlias.objects.all()}
    for key, (alias, authority) in wanted_aliases.items():
        current = stored.get(key)
        if current is None:
            AuthorityAlias.objects.create(name=alias, authority=authority)
        elif current.authority_id != authority.pk or current.name != alias:
            current.name, current.authority = alias, authority
            current.save()

    for row in rows:
        for successor_code in row.successor_codes:
            Succession.objects.update_or_create(
                predecessor=by_code[row.gss_code],
                successor=by_code[successor_code],
                defaults={"date": row.active_to + datetime.timedelta(days=1)},
            )
    return {
        "created": created,
        "updated": updated,
        "unchanged": unchanged,
        "current": Authority.objects.current().count(),
    }
