"""The sample documents: written for the project, read correctly by the reader, published by load_samples."""

from django.core.management import call_command

from inspections.documents.read import gazetteer_from_db
from inspections.management.commands.load_samples import sample_files
from inspections.models import Document, Inspection, Judgement, Source
from inspections.reading import reader
from inspections.reading.text import extract

EXPECTED = {
    "derby_children_in_care_focused_visit_2021.txt": (
        "E06000015",
        {("focused_visit", "reported", "2021-07")},
    ),
    "devon_improvement_update_2020.html": (
        "E10000008",
        {
            ("ilacs", "reported", "2020-01"),
            ("monitoring_visit", "reported", "2020-09"),
            ("focused_visit", "expected", "2021-01"),
        },
    ),  # fmt: skip
    "derbyshire_ilacs_outcome_2019.txt": ("E10000007", {("ilacs", "reported", "2019-07")}),
}


def test_each_sample_says_it_is_a_sample_and_reads_correctly(db):
    files = sample_files()
    assert {f.name for f in files} == set(EXPECTED)
    gazetteer = gazetteer_from_db()
    for path in files:
        data = path.read_bytes()
        assert b"Sample document written for the Judgement Tracker project" in data[:400]
        reading = reader.read(extract(data, path.name), gazetteer)
        code, events = EXPECTED[path.name]
        assert reading.council.code == code, path.name
        found = {(e.kind, e.role, f"{e.start:%Y-%m}") for e in reading.events if e.role != "mentioned"}
        assert found == events, path.name


def test_load_samples_publishes_derby_derbyshire_and_devon_once(db, settings, tmp_path):
    call_command("load_samples", verbosity=0)
    assert Document.objects.count() == 3
    assert set(Document.objects.values_list("state", flat=True)) == {"published"}
    assert all(d.published_by is None and d.uploaded_by is None for d in Document.objects.all())
    derby = Inspection.objects.get(authority__gss_code="E06000015")
    assert derby.kind == "focused_visit" and f"{derby.start_date:%Y-%m}" == "2021-07"
    devon = Inspection.objects.filter(authority__gss_code="E10000008")
    monitoring = devon.get(kind="monitoring_visit")
    assert (str(monitoring.start_date), str(monitoring.end_date)) == ("2020-09-22", "2020-09-23")
    assert devon.get(kind="focused_visit").status == "expected"
    assert devon.get(kind="ilacs").judgements.get(theme="overall").value == 4
    derbyshire = Inspection.objects.get(authority__gss_code="E10000007", kind="ilacs")
    grades = dict(derbyshire.judgements.values_list("theme", "grade"))
    assert grades == {
        "overall": "Requires improvement to be good",
        "leadership": "Good",
        "help_and_protection": "Requires improvement to be good",
        "children_in_care": "Requires improvement to be good",
    }
    assert Source.objects.filter(judgement__inspection=derbyshire).count() == 4
    counts = (
        Document.objects.count(),
        Inspection.objects.count(),
        Judgement.objects.count(),
        Source.objects.count(),
    )
    call_command("load_samples", verbosity=0)  # idempotent
    assert counts == (
        Document.objects.count(),
        Inspection.objects.count(),
        Judgement.objects.count(),
        Source.objects.count(),
    )
