"""The five seed documents against corpus/expected, field by field."""

import pytest

from .helpers import KIND_ALIASES, expected, judgement_key, read_text, seed_names, seed_text


def _find(events: list[dict], kind: str, role: str) -> dict:
    matches = [e for e in events if e["kind"] == KIND_ALIASES.get(kind, kind) and e["role"] == role]
    assert matches, f"no {role} {kind} event among {[(e['kind'], e['role']) for e in events]}"
    return matches[0]


def _month(event: dict) -> str | None:
    return event.get("month")


@pytest.mark.parametrize("name", seed_names())
def test_seed_document_kind_and_council(name):
    reading = read_text(seed_text(name)).to_expected_shape()
    want = expected(name)
    assert reading["document_kind"] == want["document_kind"]
    assert reading["authority"] == want["authority"]
    assert not [e for e in reading["errors"] if e["code"] != "type_mismatch"]


@pytest.mark.parametrize("name", seed_names())
def test_seed_events(name):
    reading = read_text(seed_text(name)).to_expected_shape()
    for want in expected(name)["events"]:
        got = _find(reading["events"], want["kind"], want["role"])
        for field in ("start", "end", "published", "lead_inspector"):
            if field in want:
                assert got[field] == want[field], (want["kind"], field)
        if "start_month" in want:
            assert _month(got) == want["start_month"]
        if "month" in want:
            assert _month(got) == want["month"]
        if "year" in want:
            assert got["year"] == want["year"]
        if "season" in want:
            assert got["season"] == want["season"]
        if "dates" in want:  # several mentioned events of one kind, by month
            months = {
                _month(e) for e in reading["events"] if e["kind"] == got["kind"] and e["role"] == want["role"]
            }
            assert set(want["dates"]) <= months
        if want.get("grades_given") is False:
            assert got["judgements"] == [], f"{want['kind']} {want['role']} must carry no grade"


@pytest.mark.parametrize("name", seed_names())
def test_seed_judgements_exactly(name):
    reading = read_text(seed_text(name)).to_expected_shape()
    for want in expected(name)["events"]:
        if "judgements" not in want:
            continue
        got = _find(reading["events"], want["kind"], want["role"])
        assert sorted(map(judgement_key, got["judgements"])) == sorted(map(judgement_key, want["judgements"]))


@pytest.mark.parametrize("name", seed_names())
def test_seed_no_judgement_beyond_the_expected(name):
    reading = read_text(seed_text(name)).to_expected_shape()
    wanted = sum(len(e.get("judgements", [])) for e in expected(name)["events"])
    assert sum(len(e["judgements"]) for e in reading["events"]) == wanted


def test_seed_000_recommendations():
    event = _find(
        read_text(seed_text("000_57d247f1c5f3f964")).to_expected_shape()["events"], "ilacs", "primary"
    )
    want = expected("000_57d247f1c5f3f964")["events"][0]["recommendations"]
    assert event["recommendations"]["heading"] == want["heading"]
    assert event["recommendations"]["count"] == want["count"]
    for item, first_words in zip(event["recommendations"]["items"], want["first_words"], strict=True):
        assert item.startswith(first_words)


def test_seed_001_recommendations_by_section_and_timescale():
    event = _find(
        read_text(seed_text("001_68b5994d671394d9")).to_expected_shape()["events"], "slac", "primary"
    )
    want = expected("001_68b5994d671394d9")["events"][0]["recommendations"]
    codes = {
        "immediately": "immediately",
        "within three months": "within_3_months",
        "within six months": "within_6_months",
    }
    assert event["recommendations"]["heading"] == want["heading"]
    assert event["recommendations"]["count"] == want["count"]
    by_section = {
        section: {codes[timescale]: count for timescale, count in counts.items()}
        for section, counts in want["by_section_and_timescale"].items()
    }
    assert event["recommendations"]["by_section_and_timescale"] == by_section


def test_seed_002_priorities_and_progress():
    reading = read_text(seed_text("002_f6faf2d291ead4ee"))
    event = next(e for e in reading.events if e.kind == "ilacs" and e.role == "reported")
    want = expected("002_f6faf2d291ead4ee")["improvement_plan"]
    assert [r.text for r in event.recommendations] == want["priorities"]
    assert len(event.recommendations) == want["priority_count"]
    # Progress paragraphs attach to the priority above them (3.2 to 3.23 in all).
    assert all(r.progress for r in event.recommendations)
    assert sum(len(r.progress) for r in event.recommendations) == 22
    assert event.recommendations[0].progress[0].startswith("3.2 ")
    assert event.recommendations[-1].progress[-1].startswith("3.23 ")


def test_seed_003_stated_recommendations_and_no_national_counts():
    reading = read_text(seed_text("003_aadfdd4d827689ea"))
    event = next(e for e in reading.events if e.kind == "sif" and e.role == "reported")
    assert event.stated_recommendation_count == 11
    assert event.recommendations == []
    # The national distribution (2 outstanding, 42 good ...) is no judgement of Derby's.
    assert len(reading.events) == 1


def test_seed_004_areas_for_development_and_no_childrens_home_visits():
    reading = read_text(seed_text("004_4bf9b02114d38087"))
    visit = next(e for e in reading.events if e.kind == "focused_visit" and e.role == "reported")
    want = expected("004_4bf9b02114d38087")["events"][0]["areas_for_development"]
    assert len(visit.recommendations) == len(want)
    for item, text in zip(visit.recommendations, want, strict=True):
        assert item.text.replace("’", "'").replace(" (", "(").startswith(text.replace(" (", "(")[:40])
    assert not [e for e in reading.events if e.kind == "monitoring_visit"]


def test_seed_002_no_cornwall_no_percentages_no_monitoring_grade():
    reading = read_text(seed_text("002_f6faf2d291ead4ee"))
    assert reading.council.name == "Devon"
    assert all(j.theme == "overall" for j in reading.judgements())
    assert len(reading.judgements()) == 1
    visit = next(e for e in reading.events if e.kind == "monitoring_visit")
    assert visit.judgements == []
