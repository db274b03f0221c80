"""Each seed written into a real PDF (wrapped lines, pages, WinAnsi Helvetica) reads the same as its text."""

import pytest

from inspections.reading.reader import read
from inspections.reading.text import extract

from .helpers import gazetteer, judgement_key, read_text, seed_names, seed_text
from .pdfmaker import make_pdf


def _projection(shape: dict) -> dict:
    events = []
    for event in shape["events"]:
        recommendations = event.get("recommendations") or {}
        events.append(
            (
                event["kind"],
                event["role"],
                event["start"],
                event["end"],
                event["month"],
                event["year"],
                event["season"],
                event["published"],
                event["lead_inspector"],
                tuple(sorted(map(judgement_key, event["judgements"]))),
                recommendations.get("count"),
                tuple(sorted(recommendations.get("by_timescale", {}).items())),
            )
        )
    return {
        "document_kind": shape["document_kind"],
        "authority_code": shape["authority_code"],
        "events": sorted(events, key=str),
    }


@pytest.mark.parametrize("name", seed_names())
def test_seed_as_pdf_reads_like_the_text(name):
    text = seed_text(name)
    pdf = make_pdf(text)
    extracted = extract(pdf, f"{name}.pdf")
    assert extracted.source_type == "pdf"
    assert extracted.page_count > 1
    from_pdf = read(extracted, gazetteer()).to_expected_shape()
    from_text = read_text(text).to_expected_shape()
    assert _projection(from_pdf) == _projection(from_text)


def test_passages_point_at_the_right_page():
    text = seed_text("001_68b5994d671394d9")
    extracted = extract(make_pdf(text), "slac.pdf")
    reading = read(extracted, gazetteer())
    record = [j for j in reading.judgements() if j.source == "record"]
    assert record
    last_page = extracted.page_count
    # The record of main findings closes the report: its rows are on the last pages.
    assert all(j.passage.page >= last_page - 1 for j in record)
    for judgement in record:
        quoted = extracted.text[judgement.passage.char_start : judgement.passage.char_end]
        assert judgement.grade in quoted
        page_text = extracted.pages[judgement.passage.page - 1]
        assert judgement.label.split()[0] in page_text
