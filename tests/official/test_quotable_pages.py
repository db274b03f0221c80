"""The pages a committee quotes, on the real official files: where the data end, the national page's default
date, no empty choices, the latest rule on the council page, derived grades, dates at their precision."""

import datetime
import re

import pytest

from authorities.models import Authority
from config.csv_export import read_export
from inspections.currency import data_end

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("official_data")]
BOM = "\ufeff"


def text(response) -> str:
    """The page's words, without tags and scripts, whitespace folded."""
    body = response.content.decode()
    body = re.sub(r"<script.*?</script>", " ", body, flags=re.S)
    # An abbreviation's glossary link (dashboards.glossary) reads as the word itself.
    body = re.sub(r'<a class="govuk-link app-abbr"[^>]*><abbr[^>]*>([^<]*)</abbr></a>', r"\1", body)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body.replace("&#x27;", "'").replace("&amp;", "&"))


def rows(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    return read_export(body)  # checked whole: its trailer counts the rows


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


def council(code):
    return Authority.objects.get(gss_code=code)


def test_somerset_page_shows_its_good_of_2022_and_whose_it_was(client):
    page = text(client.get("/authorities/somerset/"))
    assert "No graded inspection" not in page
    assert "Latest overall judgement: Good — ILACS, published 21 September 2022" in page
    assert "This judgement was made of Somerset County Council , before Somerset Council took over" in page
    assert "Somerset Council took over from Somerset County Council on 1 April 2023" in page
    assert "Somerset took over from Somerset" not in page
    ended = text(client.get("/authorities/somerset-county-council/"))
    assert "Somerset Council took over from Somerset County Council on 1 April 2023" in ended


def test_barking_and_dagenham_2012_slac_both_sections_and_a_marked_derived_overall(client):
    from inspections.models import Inspection

    slac = Inspection.objects.get(authority__gss_code="E09000002", kind="slac", reinspection=False)
    page = text(client.get(slac.get_absolute_url()))
    assert "Safeguarding services: Overall effectiveness Good" in page
    assert "Services for looked after children: Overall effectiveness Adequate" in page
    # The table's own words stay beside the framework's word.
    assert "“Requires improvement to be good”" in page
    assert page.index("Safeguarding services: Overall") < page.index(
        "Services for looked after children: Overall"
    )
    assert (
        "Derived: the worse of safeguarding services (Good) and services for looked after children (Adequate)"
        in page
    )
    assert "not a grade Ofsted stated" in page
    # The council page's events and the timeline CSV mark it too.
    events = text(client.get("/authorities/barking-and-dagenham/"))
    assert "Derived: the worse of safeguarding services (Good)" in events
    table = rows(client.get("/authorities/barking-and-dagenham/?download=timeline"))
    header = table[0]
    [overall] = [
        r
        for r in table[1:]
        if r[header.index("Event")] == "SLAC" and r[header.index("Theme")] == "Overall effectiveness"
    ]
    assert overall[header.index("Grade (framework's word)")] == "Adequate"
    assert overall[header.index("Derived (rule)")].endswith(
        "(Good) and services for looked after children (Adequate)"
    )
    inspections = rows(client.get("/inspections/?council=barking-and-dagenham&kind=slac&format=csv"))
    derived_column = inspections[0].index("Overall derived (rule)")
    assert [r[derived_column] for r in inspections[1:] if r[1] == "SLAC"][0].startswith("Derived: the worse")


def test_fifty_four_slacs_have_two_different_section_grades_and_each_is_marked():
    from inspections.headline import headline
    from inspections.models import Inspection

    split = 0
    for slac in Inspection.objects.filter(kind="slac", reinspection=False).prefetch_related("judgements"):
        sections = {
            j.section: j.value
            for j in slac.judgements.all()
            if (j.section, j.theme)
            in (("safeguarding", "overall"), ("looked_after_children", "children_in_care"))
        }
        if len(set(sections.values())) == 2:
            split += 1
            found = headline("slac", "overall", slac.judgements.all())
            assert found.derived and found.value == max(sections.values()) and found.rule
    assert split == 54


def test_derby_july_2021_visit_is_never_given_a_day(client):
    from inspections.management.commands.load_samples import SAMPLES_DIR, load_sample

    document, outcome = load_sample(SAMPLES_DIR / "derby_children_in_care_focused_visit_2021.txt")
    assert document.sample and outcome.startswith("Published")
    page = text(client.get("/authorities/derby/"))
    assert "July 2021" in page and "1 Jul 2021" not in page and "1 July 2021" not in page
    timeline = rows(client.get("/authorities/derby/?download=timeline"))
    header = timeline[0]
    [visit] = [r for r in timeline[1:] if r[header.index("Date")].startswith("2021-07")]
    assert visit[header.index("Date")] == "2021-07" and visit[header.index("Date precision")] == "month"
    assert visit[header.index("Started")] == "2021-07"
    listed = rows(client.get("/inspections/?council=derby&format=csv"))
    started = [r[listed[0].index("Started")] for r in listed[1:] if r[1] == "Focused visit"]
    assert "2021-07" in started and "2021-07-01" not in started
    assert "1 Jul 2021" not in text(client.get("/inspections/?council=derby"))
    # The fact rests on the demo's own paper: its source is labelled a sample wherever it is cited.
    assert "Sample written for this demo" in page


def test_compare_for_dorsets_neighbours_includes_north_yorkshire_county_councils_history(client):
    dorset = council("E06000059")
    north_yorkshire = council("E06000065")
    assert dorset.neighbour_links.filter(neighbour=north_yorkshire).exists()
    table = rows(client.get("/compare/?neighbours_of=dorset&download=grades"))
    header = table[0]
    predecessors = {r[header.index("Judgement of a predecessor")] for r in table[1:]}
    assert "North Yorkshire County Council" in predecessors and "Dorset County Council" in predecessors
    ny = [r for r in table[1:] if r[0] == "North Yorkshire"]
    assert [r[header.index("Framework")] for r in ny] == ["SLAC", "CPI", "SIF", "ILACS", "ILACS"]


def test_revisions_by_a_newer_edition_are_shown(client):
    from inspections.models import Inspection

    nottingham = Inspection.objects.get(
        authority__short_name="Nottingham", published_date=datetime.date(2022, 9, 5)
    )
    page = text(client.get(nottingham.get_absolute_url()))
    assert (
        "Published: 5 September 2022, revised by a newer edition" in page and "gave 5 November 2022" in page
    )
    staffordshire = Inspection.objects.get(
        authority__short_name="Staffordshire", kind="ilacs", published_date=datetime.date(2024, 1, 12)
    )
    assert (
        "Local authority inspection outcomes as at 31 March 2024, published 30 August 2024 gave Good"
        in text(client.get(staffordshire.get_absolute_url()))
    )
    merton = text(client.get("/authorities/merton/"))
    assert "Type: Short, revised by a newer edition" in merton
    scilly = Inspection.objects.get(
        authority__short_name="Isles of Scilly", start_date=datetime.date(2023, 7, 11)
    )
    assert "gave 10 July 2023" in text(client.get(scilly.get_absolute_url()))


def test_an_official_fact_links_to_its_publication_without_signing_in(client):
    from inspections.models import Source

    source = Source.objects.filter(
        judgement__inspection__authority__gss_code="E06000015", dataset__covers_to=datetime.date(2025, 3, 31)
    ).first()
    page = client.get(f"/sources/{source.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert (
        'href="https://www.gov.uk/government/statistics/local-authority-inspection-outcomes-as-at-31-march-2025"'
        in body
    )
    assert "ILACS_inspection_history" in text(page)


def test_only_a_published_ofsted_report_is_served_without_signing_in(client, settings, tmp_path):
    from django.core.files.base import ContentFile

    from inspections.models import Document

    settings.MEDIA_ROOT = tmp_path

    def stored(name, kind, sample=False, state=Document.State.PUBLISHED):
        document = Document(
            original_name=name, sha256=name.ljust(64, "0"), kind=kind, sample=sample, state=state
        )
        document.content_type = "text"
        document.file.save(name, ContentFile(b"Inspection of children's social care services"), save=False)
        document.save()
        return f"/documents/{document.pk}/file"

    assert client.get(stored("report.txt", "inspection_report")).status_code == 200
    for url in (
        stored("paper.txt", "committee_paper"),
        stored("sample.txt", "inspection_report", sample=True),
        stored("draft.txt", "inspection_report", state=Document.State.NEEDS_REVIEW),
    ):
        assert client.get(url)["Location"].startswith("/accounts/login/")


def test_a_chosen_frameworks_distribution_uses_its_own_words(client):
    slac = rows(client.get("/national/?kind=slac&as_at=2012-12-31&basis=first&download=distribution"))
    assert [r[0] for r in slac[1:]] == ["Outstanding", "Good", "Adequate", "Inadequate"]
    any_framework = rows(client.get("/national/?as_at=2012-12-31&download=distribution"))
    assert any_framework[3][0] == "Requires improvement"
