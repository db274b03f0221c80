"""What each known edition of the official statistics covers and where the publisher published it.

Read from `data/official/editions.csv` (data, never code: a new edition is a new row), keyed by the file's
sha256 so that an upload of the same file through the admin gets the same facts as the command line.
"""

import csv
import datetime
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

EDITIONS_CSV = Path(settings.BASE_DIR) / "data" / "official" / "editions.csv"


@dataclass(frozen=True)
class EditionFacts:
    covers_to: datetime.date | None
    reports_published_by: datetime.date | None
    publication_url: str
    file_url: str


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text.strip() else None


@cache
def known_editions() -> dict[str, EditionFacts]:
    with open(EDITIONS_CSV, encoding="utf-8", newline="") as handle:
        return {
            row["sha256"]: EditionFacts(
                _date(row["covers_to"]),
                _date(row["reports_published_by"]),
                row["publication_url"].strip(),
                row["file_url"].strip(),
            )
            for row in csv.DictReader(handle)
        }


def describe(dataset) -> None:
    """Fill a dataset's coverage and links from the known editions (an unknown file keeps what it has)."""
    facts = known_editions().get(dataset.sha256)
    if facts is None:
        return
    dataset.covers_to = dataset.covers_to or facts.covers_to
    dataset.reports_published_by = dataset.reports_published_by or facts.reports_published_by
    dataset.publication_url = dataset.publication_url or facts.publication_url
    dataset.file_url = dataset.file_url or facts.file_url
