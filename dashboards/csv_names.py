"""CSV file names that say what the file holds: "judgements-derby-overall-2026-12-08.csv", not
"judgements.csv".
A committee member with five downloads in a folder can tell them apart, and the date says when the figures
were
taken (they change as reports are published)."""

import datetime

from django.utils.text import slugify

NOT_FILTERS = {"format", "download", "sort", "page", "latest-page"}
MAX_STEM = 80


def csv_name(filename: str, query, today: datetime.date | None = None) -> str:
    stem = filename.removesuffix(".csv")
    parts = []
    for key in sorted(query.keys()) if query else []:
        if key in NOT_FILTERS:
            continue
        values = query.getlist(key) if hasattr(query, "getlist") else [query[key]]
        parts += [slugify(str(v)) for v in values if str(v).strip()]
    named = "-".join([stem, *[p for p in parts if p]])[:MAX_STEM].rstrip("-")
    return f"{named}-{(today or datetime.date.today()).isoformat()}.csv"
