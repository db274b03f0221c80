"""Derby's and Devon's documents, read by the reader and published by the publish step, as the plans start."""

import hashlib
from datetime import date

import pytest

from authorities.models import Authority, CouncilAssignment
from inspections.gazetteer import reference_gazetteer
from inspections.models import Document, Inspection
from inspections.reading import reader
from inspections.reading.text import ExtractedText
from tests.conftest import CORPUS_DIR

DERBY_SEED = "001_68b5994d671394d9"
DEVON_SEED = "002_f6faf2d291ead4ee"
DERBY_PUBLISHED = date(2011, 6, 27)


@pytest.fixture(scope="session")
def gazetteer():
    return reference_gazetteer()[0]


def read_seed(name: str, gazetteer):
    raw = (CORPUS_DIR / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    extracted = ExtractedText.from_string(raw, filename=f"{name}.txt")
    return extracted, reader.read(extracted, gazetteer)


def store_document(name: str, gazetteer, authority: Authority, kind: str) -> Document:
    """The seed as an uploaded document whose reading waits for review (what the worker leaves behind)."""
    extracted, reading = read_seed(name, gazetteer)
    return Document.objects.create(
        file=f"documents/{name}.txt",
        original_name=f"{name}.txt",
        sha256=hashlib.sha256(extracted.text.encode()).hexdigest(),
        size_bytes=len(extracted.text),
        kind=kind,
        state=Document.State.NEEDS_REVIEW,
        text=extracted.text,
        page_starts=list(extracted.page_starts),
        reading=reading.to_json(),
        authority=authority,
    )


def publish(document: Document):
    from inspections.documents.publish import publish as publish_document

    return publish_document(document)


@pytest.fixture
def derby(db):
    return Authority.objects.get(gss_code="E06000015")


@pytest.fixture
def devon(db):
    return Authority.objects.get(gss_code="E10000008")


@pytest.fixture
def derby_report(derby, gazetteer):
    return store_document(DERBY_SEED, gazetteer, derby, "inspection_report")


@pytest.fixture
def derby_slac(derby_report):
    """Derby's 2011 SLAC inspection with its 24 recommendations, as publishing the report stores them."""
    publish(derby_report)
    return Inspection.objects.get(authority__gss_code="E06000015", kind="slac")


@pytest.fixture
def devon_paper(devon, gazetteer):
    return store_document(DEVON_SEED, gazetteer, devon, "committee_paper")


@pytest.fixture
def devon_ilacs(devon_paper):
    """Devon's January 2020 ILACS (inadequate), its September 2020 monitoring visit and the expected focused
    visit, as publishing the committee paper stores them."""
    publish(devon_paper)
    return Inspection.objects.get(authority__gss_code="E10000008", kind="ilacs")


@pytest.fixture
def derby_editor(editor, derby):
    """The editor fixture, assigned to Derby (and Devon) only."""
    CouncilAssignment.objects.create(user=editor, authority=derby)
    return editor


@pytest.fixture
def plan_editor(editor, derby, devon):
    CouncilAssignment.objects.create(user=editor, authority=derby)
    CouncilAssignment.objects.create(user=editor, authority=devon)
    return editor
