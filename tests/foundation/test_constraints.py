"""Rules the database itself enforces, whatever code writes the rows."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from authorities.models import Authority
from inspections.models import Document, Inspection, Judgement, Source

pytestmark = pytest.mark.django_db

DAY = datetime.date(2017, 3, 6)


@pytest.fixture
def derby():
    return Authority.objects.get(gss_code="E06000015")


@pytest.fixture
def sif(derby):
    return Inspection.objects.create(
        authority=derby, kind="sif", start_date=DAY, published_date=DAY.replace(month=6)
    )


def _fails(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


@pytest.mark.parametrize("value", [0, 5])
def test_a_judgement_value_is_1_to_4(sif, value):
    _fails(
        lambda: Judgement.objects.create(inspection=sif, theme="overall", label="O", grade="G", value=value)
    )


def test_one_event_is_stored_once(sif, derby):
    _fails(lambda: Inspection.objects.create(authority=derby, kind="sif", start_date=DAY))
    _fails(lambda: Inspection.objects.create(authority=derby, kind="sif", published_date=sif.published_date))
    # The same day of another kind is another event.
    Inspection.objects.create(authority=derby, kind="focused_visit", start_date=DAY)


def test_an_event_needs_a_date_and_dates_in_order(derby):
    _fails(lambda: Inspection.objects.create(authority=derby, kind="ilacs"))
    _fails(
        lambda: Inspection.objects.create(
            authority=derby, kind="ilacs", start_date=DAY, end_date=DAY.replace(day=1)
        )
    )


def test_only_ilacs_has_a_standard_or_short_type(derby):
    _fails(
        lambda: Inspection.objects.create(
            authority=derby, kind="sif", start_date=DAY, inspection_type="short"
        )
    )


def test_a_theme_is_judged_once_per_section(sif):
    Judgement.objects.create(
        inspection=sif, theme="overall", label="Overall effectiveness", grade="Good", value=2
    )
    _fails(
        lambda: Judgement.objects.create(inspection=sif, theme="overall", label="x", grade="Good", value=2)
    )


def test_a_source_names_exactly_one_fact_and_an_origin(sif):
    document = Document.objects.create(original_name="r.pdf", sha256="a" * 64)
    judgement = Judgement.objects.create(inspection=sif, theme="overall", label="O", grade="Good", value=2)
    _fails(lambda: Source.objects.create(inspection=sif, judgement=judgement, document=document))
    _fails(lambda: Source.objects.create(inspection=sif))
    Source.objects.create(judgement=judgement, document=document, char_start=10, char_end=20, page=1)


def test_document_hashes_are_unique():
    Document.objects.create(original_name="a.pdf", sha256="b" * 64)
    _fails(lambda: Document.objects.create(original_name="copy.pdf", sha256="b" * 64))


def test_council_codes_are_checked(derby):
    _fails(
        lambda: Authority.objects.create(
            name="X", short_name="X", slug="x", gss_code="W06000001", region="London", type="unitary"
        )
    )


def test_a_conflict_names_its_fact_in_words(sif):
    from inspections.models import Conflict

    document = Document.objects.create(original_name="paper.txt", sha256="c" * 64)
    source = Source.objects.create(inspection=sif, document=document)
    conflict = Conflict(inspection=sif, field="published_date", incoming_source=source)
    assert conflict.field_label == "Published date"
    assert Conflict(inspection=sif, field="grade", incoming_source=source).field_label == "Grade"
