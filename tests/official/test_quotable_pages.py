"""The pages a committee quotes, on the real official files: where the data end, the national page's default
date, no empty choices, the latest rule on the council page, derived grades, dates at their precision."""

import csv
import datetime
import io
import re

import pytest

from inspections.currency import data_end

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("official_data")]
BOM = "\ufeff"


def text(response) -> str:
    """The page's words, without tags and scripts, whitespace folded."""
    body = response.content.decode()
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body.replace("&#x27;", "'").replace("&amp;", "&"))


def rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.reader(io.StringIO(body.removeprefix(BOM))))


def test_the_data_end_with_the_newest_edition_and_the_newest_report():
    end = data_end()
    assert end.statistics_to == datetime.date(2025, 3, 31)
    assert end.newest_report == datetime.date(2025, 5, 14)  # Buckinghamshire's ILACS, 2025 history
    assert end.sentence == "Ofsted's statistics to 31 March 2025; newest report published 14 May 2025."
    assert end.newest_edition.publication_url.startswith("https://www.gov.uk/government/statistics/")


def test_national_page_defaults_to_where_the_data_end_and_says_so(client):
    page = text(client.get("/national/?kind=ilacs"))
    assert "Where these figures end: Ofsted's statistics to 31 March 2025" in page
    assert "As at 14 May 2025 (where the data end): 153 councils" in page
    chosen = text(client.get("/national/?kind=ilacs&as_at=2030-01-01"))
    assert "is after the data end (14 May 2025)" in chosen


def test_national_ilacs_at_30_june_2025_page_and_csv(client):
    url = "/national/?kind=ilacs&as_at=2025-06-30"
    assert "30 June 2025 : 153 councils" in text(client.get(url)).replace("2025:", "2025 :")
    table = rows(client.get(url + "&download=distribution"))
    assert table[0] == ["Grade", "Councils", "Share (%)"]
    assert [r[1] for r in table[1:]] == ["36", "67", "31", "19"]
    south_west = rows(client.get(url + "&region=South+West&download=latest"))
    assert len(south_west) - 1 == 15


def test_the_header_says_reports_when_the_basis_counts_reports(client):
    table = rows(client.get("/national/?kind=sif&as_at=2017-08-14&basis=all&download=distribution"))
    assert table[0][1] == "Reports"


def test_the_lscb_choice_is_gone_and_old_links_answer_with_the_sifs_lscb_reviews(client):
    page = client.get("/national/").content.decode()
    assert 'value="lscb_review"' not in page
    old_link = text(client.get("/national/?kind=lscb_review&as_at=2017-08-14&basis=all"))
    assert "138 reports" in old_link
    table = rows(client.get("/national/?kind=lscb_review&as_at=2017-08-14&basis=all&download=distribution"))
    assert sum(int(r[1]) for r in table[1:]) == 138
