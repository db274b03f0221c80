"""Which open conflicts deserve the headline warning on a council's page. Two sources that put an event a day
apart (a report's cover date against a table's, time zones of a publication) are listed with the others but
do not raise the warning: a committee reading the page should be warned about a grade or a date that
matters."""

import datetime

DATE_FIELDS = {"start_date", "end_date", "published_date"}


def _day(value: str):
    try:
        return datetime.date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def is_minor(conflict) -> bool:
    if conflict.field not in DATE_FIELDS:
        return False
    stored, incoming = _day(conflict.stored_value), _day(conflict.incoming_value)
    return bool(stored and incoming and abs((stored - incoming).days) <= 1)


def material(pairs) -> list:
    """(event, conflict) pairs less the minor ones."""
    return [(event, conflict) for event, conflict in pairs if not is_minor(conflict)]
