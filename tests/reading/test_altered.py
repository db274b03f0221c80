"""Altered copies of the seeds: the reader follows the text, so changed names, dates and grades come out
changed."""

from .helpers import read_text, seed_text


def _primary(shape):
    return next(e for e in shape["events"] if e["role"] == "primary")


def test_changed_council_name_follows_the_text():
    text = seed_text("000_57d247f1c5f3f964").replace("Derbyshire", "Nottinghamshire")
    shape = read_text(text).to_expected_shape()
    assert shape["authority_code"] == "E10000024"


def test_changed_dates_follow_the_text():
    text = seed_text("000_57d247f1c5f3f964").replace(
        "8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August 2019", "3 to 14 March 2025"
    )
    event = _primary(read_text(text).to_expected_shape())
    assert (event["start"], event["end"]) == ("2025-03-03", "2025-03-14")


def test_changed_grades_follow_the_text():
    text = seed_text("000_57d247f1c5f3f964").replace(
        "Overall effectiveness\tRequires improvement to be good", "Overall effectiveness\tOutstanding"
    )
    text = text.replace("with children and families\tGood", "with children and families\tInadequate")
    grades = {
        j["theme"]: (j["grade"], j["value"])
        for j in _primary(read_text(text).to_expected_shape())["judgements"]
    }
    assert grades["overall"] == ("Outstanding", 1)
    assert grades["leadership"] == ("Inadequate", 4)


def test_removing_the_overall_row_removes_the_overall_grade():
    text = seed_text("000_57d247f1c5f3f964").replace(
        "Overall effectiveness\tRequires improvement to be good\n", ""
    )
    themes = [j["theme"] for j in _primary(read_text(text).to_expected_shape())["judgements"]]
    assert "overall" not in themes and len(themes) == 3


def test_slac_record_changes_follow_the_text():
    text = seed_text("001_68b5994d671394d9")
    head, record = text.split("Record of main findings:")
    record = record.replace("Staying safe\tGood", "Staying safe\tOutstanding", 1)
    shape = read_text(head + "Record of main findings:" + record).to_expected_shape()
    staying_safe = next(j for j in _primary(shape)["judgements"] if j["theme"] == "staying_safe")
    assert (staying_safe["grade"], staying_safe["value"]) == ("Outstanding", 1)


def test_committee_paper_with_another_council_and_grade():
    text = (
        seed_text("002_f6faf2d291ead4ee")
        .replace("Devon", "Plymouth")
        .replace("judged to be inadequate", "judged to be good")
    )
    reading = read_text(text)
    assert reading.council.code == "E06000026"
    grades = {(j.theme, j.grade, j.value) for j in reading.judgements()}
    assert grades == {("overall", "Good", 2)}


def test_committee_paper_dates_follow_the_text():
    text = (
        seed_text("004_4bf9b02114d38087")
        .replace("July 2021", "October 2021")
        .replace("Spring 2022", "Summer 2023")
    )
    shape = read_text(text).to_expected_shape()
    visit = next(e for e in shape["events"] if e["kind"] == "focused_visit")
    expected = next(e for e in shape["events"] if e["role"] == "expected")
    assert visit["month"] == "2021-10"
    assert expected["season"] == "Summer 2023"
