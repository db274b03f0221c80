"""Every corpus PDF, turned into the other forms a report arrives in (re-flowed text from another tool,
Word, HTML, a PDF made by another tool), reads as its expected reading: kind, council, the primary event's
dates and every judgement."""

from functools import cache

import pytest

from inspections.reading.reader import read
from inspections.reading.text import ExtractedText, extract

from .forms import in_every_form, reflowed
from .helpers import PDFS, gazetteer, judgement_key, pdf_cases, pdf_expected, seed_names, seed_text

CASES = pdf_cases()
FORMS = ("reflowed", "word", "html", "other_pdf")


@cache
def _pdf_text(name: str) -> str:
    path = PDFS / f"{name}.pdf"
    return "\f".join(extract(path.read_bytes(), path.name).pages)


@cache
def _readings(name: str) -> dict:
    return {
        form: read(extracted, gazetteer()).to_expected_shape()
        for form, extracted in in_every_form(_pdf_text(name)).items()
    }


def _summary(shape: dict) -> dict:
    primary = next((e for e in shape["events"] if e["role"] == "primary"), None)
    return {
        "document_kind": shape["document_kind"],
        "authority_code": shape["authority_code"],
        "kind": primary and primary["kind"],
        "start": primary and primary["start"],
        "end": primary and primary["end"],
        "published": primary and primary["published"],
        "judgements": sorted(map(judgement_key, primary["judgements"])) if primary else [],
    }


def _wanted(name: str) -> dict:
    want = pdf_expected(name)
    primary = next(e for e in want["events"] if e["role"] == "primary")
    if want["document_kind"] == "other":
        return {
            "document_kind": "other",
            "authority_code": want["authority_code"],
            "kind": None,
            "start": None,
            "end": None,
            "published": None,
            "judgements": [],
        }
    return {
        "document_kind": want["document_kind"],
        "authority_code": want["authority_code"],
        "kind": primary["kind"],
        "start": primary["start"],
        "end": primary["end"],
        "published": primary["published"],
        "judgements": sorted(map(judgement_key, primary["judgements"]))
        if primary.get("grades_given") is not False
        else [],
    }


def test_reflowing_really_changes_the_layout():
    text = _pdf_text(CASES[0])
    copy = reflowed(text)
    assert "\f" not in copy
    assert "\n\n" in copy and copy.count("\n\n") > text.count("\n") // 2


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", CASES)
def test_every_form_reads_as_the_pdf(name, form):
    got = _summary(_readings(name)[form])
    wanted = _wanted(name)
    if wanted["authority_code"] == "E10000002" and got["authority_code"] == "E06000060":
        got["authority_code"] = "E10000002"  # Buckinghamshire's successor is also accepted
    assert got == wanted


def _seed_summary(shape: dict) -> list:
    return sorted(
        (
            e["kind"],
            e["role"],
            e["start"] or e["month"] or e["year"],
            tuple(sorted((j["theme"], j["value"]) for j in e["judgements"])),
        )
        for e in shape["events"]
        if e["role"] in ("primary", "reported") or e["judgements"]
    )


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("name", seed_names())
def test_every_form_of_a_seed_reads_as_the_seed(name, form):
    """The seeds (council papers among them) read the same in every form as in their text."""
    text = seed_text(name)
    want = read(ExtractedText.from_string(text), gazetteer()).to_expected_shape()
    got = read(in_every_form(text)[form], gazetteer()).to_expected_shape()
    assert got["document_kind"] == want["document_kind"]
    assert got["authority_code"] == want["authority_code"]
    assert _seed_summary(got) == _seed_summary(want)
