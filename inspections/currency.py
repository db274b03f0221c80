"""Where the data end: the editions of Ofsted's statistics behind the figures and the newest report stored.

Every page with figures says it ("Ofsted's statistics to 31 March 2025; newest report published 14 May
2025"), and the national page's default date is that end, not today: a figure for a date past the data's end
would claim knowledge the product does not have.
"""

import datetime
from dataclasses import dataclass, field

from inspections.precision import shown


@dataclass
class DataEnd:
    editions: list = field(default_factory=list)  # OfficialDataset of inspection statistics, newest first
    newest_report: datetime.date | None = None  # the newest publication date of any stored event

    @property
    def newest_edition(self):
        return self.editions[0] if self.editions else None

    @property
    def statistics_to(self) -> datetime.date | None:
        return self.newest_edition.covers_to if self.newest_edition else None

    @property
    def day(self) -> datetime.date:
        """The last day the data speak for: the newest report's publication (else the newest edition's
        coverage, else today, for an empty database)."""
        return self.newest_report or self.statistics_to or datetime.date.today()

    @property
    def sentence(self) -> str:
        parts = []
        if self.statistics_to:
            parts.append(f"Ofsted's statistics to {shown(self.statistics_to)}")
        if self.newest_report:
            parts.append(f"newest report published {shown(self.newest_report)}")
        if not parts:
            return "No official statistics or reports are stored yet."
        text = "; ".join(parts)
        return text[0].upper() + text[1:] + "."


_DATA_END_SQL = """
SELECT (SELECT MAX(published_date) FROM inspections_inspection WHERE status = 'held'),
       d.id, d.file_name, d.edition, d.published_on, d.covers_to, d.reports_published_by, d.publication_url,
       d.file_url
FROM (SELECT 1) AS one
LEFT JOIN inspections_officialdataset d ON d.state = 'done' AND d.covers_to IS NOT NULL
ORDER BY d.covers_to DESC NULLS LAST, d.published_on DESC NULLS LAST
"""


def data_end() -> DataEnd:
    """The editions imported (newest first) and the newest report's publication date. One query."""
    from django.db import connection

    from inspections.models import OfficialDataset

    with connection.cursor() as cursor:
        cursor.execute(_DATA_END_SQL)
        rows = cursor.fetchall()
    names = ("id", "file_name", "edition", "published_on", "covers_to", "reports_published_by")
    editions = [
        OfficialDataset(**dict(zip((*names, "publication_url", "file_url"), row[1:], strict=True)))
        for row in rows
        if row[1] is not None
    ]
    return DataEnd(editions=editions, newest_report=rows[0][0] if rows else None)
