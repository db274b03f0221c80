"""Review, publish, merge, conflicts and re-reading, through the pages."""

import datetime

import pytest
from django.urls import reverse

from authorities.models import Authority
from inspections.models import Conflict, Document, Inspection, Judgement, Recommendation, Source
from inspections.reading.facts import Reading

from .conftest import PDFS, SEEDS, read_now, text_of, upload_and_read

DERBY_LETTER = PDFS / "derby_focused_visit_2021-08-09.pdf"
DEVON_REPORT = PDFS / "devon_ilacs_2020-03-17.pdf"
DEVON_PAPER = next(SEEDS.glob("002_*.txt"))
DERBYSHIRE_REPORT = next(SEEDS.glob("000_*.txt"))


def _upload(client, path):
    return upload_and_read(client, path.name, path.read_bytes())


def _publish(client, document, data=None):
    return client.post(reverse("inspections:publish", kwargs={"pk": document.pk}), data or {}, follow=True)


def test_review_page_shows_the_facts_beside_their_passages(admin_client):
    document = _upload(admin_client, DEVON_REPORT)
    assert document.state == Document.State.NEEDS_REVIEW
    assert document.authority.gss_code == "E10000008"
    assert document.kind == "inspection_report"
    page = admin_client.get(document.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200
    assert '<mark class="app-passage" id="passage-1"' in html
    assert 'href="#passage-' in html  # each fact links to its passage
    assert 'value="Inadequate"' in html  # the grade as written, editable
    assert 'name="action" value="publish"' in html
    assert "Page 2" in html  # page markers of the PDF
    reading = Reading.from_json(document.reading)
    assert reading.primary.kind == "ilacs"
    assert all(j.passage and 0 < j.confidence <= 1 for j in reading.primary.judgements)


def test_publish_writes_the_facts_with_their_sources_once(admin_client, admin_user):
    document = _upload(admin_client, DEVON_REPORT)
    response = _publish(admin_client, document)
    assert "Published:" in text_of(response)
    document.refresh_from_db()
    assert document.state == Document.State.PUBLISHED
    assert document.published_by == admin_user
    inspection = Inspection.objects.get(authority__gss_code="E10000008", kind="ilacs")
    assert inspection.start_date == datetime.date(2020, 1, 20)
    assert inspection.end_date == datetime.date(2020, 1, 31)
    overall = inspection.judgements.get(theme="overall")
    assert (overall.grade, overall.value) == ("Inadequate", 4)
    assert inspection.judgements.count() == 4
    assert inspection.recommendations.count() >= 1
    source = overall.sources.get()
    assert source.document == document and source.page >= 1 and source.char_end > source.char_start
    assert "nadequate" in source.quote
    assert inspection.sources.get().document == document
    counts = (
        Inspection.objects.count(),
        Judgement.objects.count(),
        Recommendation.objects.count(),
        Source.objects.count(),
    )

    again = _publish(admin_client, document)
    assert "already been published" in text_of(again)
    assert counts == (
        Inspection.objects.count(),
        Judgement.objects.count(),
        Recommendation.objects.count(),
        Source.objects.count(),
    )
    # The event's page shows the judgements and where they came from.
    page = admin_client.get(inspection.get_absolute_url())
    assert page.status_code == 200
    assert "Inadequate" in text_of(page) and DEVON_REPORT.name in text_of(page)


def test_publish_is_claimed_once_even_when_called_twice_directly(admin_client):
    from inspections.documents.publish import NotPublishable, publish

    document = _upload(admin_client, DERBY_LETTER)
    publish(document)
    with pytest.raises(NotPublishable):
        publish(document)
    assert Inspection.objects.filter(authority__gss_code="E06000015").count() == 1


def test_a_report_merges_with_the_committee_paper_that_reported_it(admin_client):
    paper = _upload(admin_client, DEVON_PAPER)
    _publish(admin_client, paper)
    ilacs = Inspection.objects.get(authority__gss_code="E10000008", kind="ilacs")
    assert ilacs.date_precision == "month"
    report = _upload(admin_client, DEVON_REPORT)
    _publish(admin_client, report)
    ilacs = Inspection.objects.get(authority__gss_code="E10000008", kind="ilacs")  # still one
    assert ilacs.start_date == datetime.date(2020, 1, 20) and ilacs.date_precision == "day"  # refined
    overall = ilacs.judgements.get(theme="overall")
    assert {s.document for s in overall.sources.all()} == {paper, report}  # both sources kept
    assert {s.document for s in ilacs.sources.all()} == {paper, report}
    assert not Conflict.objects.exists()


def test_a_conflicting_grade_is_recorded_and_the_stored_grade_stands(admin_client, admin_user):
    derbyshire = Authority.objects.get(gss_code="E10000007")
    earlier = _upload(admin_client, DERBY_LETTER)  # any document, as the origin of the stored grade
    stored = Inspection.objects.create(
        authority=derbyshire,
        kind="ilacs",
        start_date=datetime.date(2019, 7, 8),
        end_date=datetime.date(2019, 8, 8),
    )
    overall = Judgement.objects.create(
        inspection=stored, theme="overall", label="Overall effectiveness", grade="Good", value=2
    )
    Source.objects.create(judgement=overall, document=earlier, quote="Good")

    report = _upload(admin_client, DERBYSHIRE_REPORT)
    response = _publish(admin_client, report)
    assert "conflict" in text_of(response).lower()
    overall.refresh_from_db()
    assert (overall.grade, overall.value) == ("Good", 2)  # never overwritten silently
    conflict = Conflict.objects.get()
    assert conflict.judgement == overall and conflict.field == "grade"
    assert conflict.stored_value == "Good" and conflict.incoming_value == "Requires improvement to be good"
    assert conflict.incoming_source.document == report
    assert overall.sources.count() == 2
    # Shown on the document's page and the event's page, with a way to settle it.
    assert "Conflicts to settle" in text_of(admin_client.get(report.get_absolute_url()))
    assert "Conflicts to settle" in text_of(admin_client.get(stored.get_absolute_url()))

    url = reverse("inspections:settle_conflict", kwargs={"pk": conflict.pk})
    refused = admin_client.post(url, {f"conflict-{conflict.pk}-keep": "incoming"}, follow=True)
    assert "Write a note" in text_of(refused)
    admin_client.post(
        url,
        {f"conflict-{conflict.pk}-keep": "incoming", f"conflict-{conflict.pk}-note": "The report is primary.",
         "next": stored.get_absolute_url()},
    )  # fmt: skip
    conflict.refresh_from_db()
    overall.refresh_from_db()
    assert conflict.status == "settled" and conflict.settled_by == admin_user and conflict.settled_at
    assert "The report is primary." in conflict.resolution
    assert (overall.grade, overall.value) == ("Requires improvement to be good", 3)


def _form_data(page_context) -> dict:
    """The review form's fields as the browser would send them."""
    forms = page_context["forms"]
    data = {}
    for form in [forms.document, *forms.events, *forms.judgements, *forms.recommendations]:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if isinstance(value, datetime.date):
                value = value.isoformat()
            data[field.html_name] = "on" if value is True else value
    for formset in (forms.events, forms.judgements, forms.recommendations):
        for field in formset.management_form:
            data[field.html_name] = field.value()
    return data


def test_the_admin_corrects_drops_and_adds_facts_then_publishes(admin_client):
    document = _upload(admin_client, DEVON_REPORT)
    page = admin_client.get(document.get_absolute_url())
    data = _form_data(page.context)
    # Correct the lead inspector, drop the leadership judgement, add a judgement of care leavers.
    data["events-0-lead_inspector"] = "A. N. Inspector"
    leadership = next(i for i in range(10) if data.get(f"judgements-{i}-theme") == "leadership")
    data[f"judgements-{leadership}-DELETE"] = "on"
    extra = int(data["judgements-TOTAL_FORMS"]) - 1
    data.update({
        f"judgements-{extra}-event": "0", f"judgements-{extra}-theme": "care_leavers",
        f"judgements-{extra}-parent_theme": "children_in_care",
        f"judgements-{extra}-label": "Care leavers", f"judgements-{extra}-grade": "Inadequate",
        f"judgements-{extra}-value": "4",
    })  # fmt: skip
    data["action"] = "save"
    saved = admin_client.post(document.get_absolute_url(), data, follow=True)
    assert "Your changes to the draft have been saved" in text_of(saved)
    document.refresh_from_db()
    reading = Reading.from_json(document.reading)
    themes = [j.theme for j in reading.primary.judgements]
    assert "leadership" not in themes and "care_leavers" in themes
    added = next(j for j in reading.primary.judgements if j.theme == "care_leavers")
    assert added.passage is None and added.confidence == 1.0
    kept = next(j for j in reading.primary.judgements if j.theme == "overall")
    assert kept.passage is not None  # facts that were read keep their passage

    # A grade that contradicts its words is refused with an error summary.
    data = _form_data(admin_client.get(document.get_absolute_url()).context)
    overall_index = next(i for i in range(10) if data.get(f"judgements-{i}-theme") == "overall")
    data[f"judgements-{overall_index}-value"] = "2"
    data["action"] = "publish"
    refused = admin_client.post(document.get_absolute_url(), data)
    assert refused.status_code == 400
    assert "'Inadequate' is grade 4, not 2" in text_of(refused)
    document.refresh_from_db()
    assert document.state == Document.State.NEEDS_REVIEW

    data[f"judgements-{overall_index}-value"] = "4"
    admin_client.post(document.get_absolute_url(), data, follow=True)
    document.refresh_from_db()
    assert document.state == Document.State.PUBLISHED
    inspection = Inspection.objects.get(authority__gss_code="E10000008", kind="ilacs")
    assert inspection.lead_inspector == "A. N. Inspector"
    assert set(inspection.judgements.values_list("theme", flat=True)) == {
        "overall", "help_and_protection", "children_in_care", "care_leavers"
    }  # fmt: skip
    care_leavers = inspection.judgements.get(theme="care_leavers")
    assert care_leavers.parent.theme == "children_in_care"
    assert care_leavers.sources.get().char_start is None  # added by hand: the document, no passage


def test_reread_replaces_only_the_draft(admin_client):
    document = _upload(admin_client, DEVON_REPORT)
    _publish(admin_client, document)
    published = (Inspection.objects.count(), Judgement.objects.count(), Source.objects.count())
    response = admin_client.post(reverse("inspections:reread", kwargs={"pk": document.pk}), follow=True)
    assert "read again" in text_of(response)
    document.refresh_from_db()
    assert document.state == Document.State.QUEUED
    document.reading = {"document_kind": "other", "events": []}  # whatever the draft was
    document.save()
    document = read_now(document)
    assert document.state == Document.State.NEEDS_REVIEW
    assert document.attempts == 1  # counted afresh for each requested reading
    assert Reading.from_json(document.reading).primary.kind == "ilacs"  # a fresh draft
    assert published == (Inspection.objects.count(), Judgement.objects.count(), Source.objects.count())
    # Publishing the new draft merges into what is stored: nothing is duplicated.
    _publish(admin_client, document)
    assert published == (Inspection.objects.count(), Judgement.objects.count(), Source.objects.count())
    assert not Conflict.objects.exists()


def test_choose_the_council_of_an_ambiguous_document(admin_client):
    from .test_bad_inputs import BAD_FILES

    name, data, _words = BAD_FILES["ambiguous_council"]
    document = upload_and_read(admin_client, name, data)
    assert document.error_code == "ambiguous_council"
    page = admin_client.get(document.get_absolute_url())
    assert "Which council is this document about?" in text_of(page)
    derby = Authority.objects.get(gss_code="E06000015")
    admin_client.post(reverse("inspections:council", kwargs={"pk": document.pk}), {"authority": derby.pk})
    document = read_now(Document.objects.get(pk=document.pk))
    assert document.state == Document.State.NEEDS_REVIEW
    assert document.authority == derby


def test_polling_fragments(admin_client):
    document = _upload(admin_client, DERBY_LETTER)
    status = admin_client.get(reverse("inspections:document_status", kwargs={"pk": document.pk}))
    assert status["X-Poll-Done"] == "1" and "Needs review" in text_of(status)
    table = admin_client.get(reverse("inspections:documents_status"))
    assert table["X-Poll-Done"] == "1" and DERBY_LETTER.name in text_of(table)
    Document.objects.filter(pk=document.pk).update(state=Document.State.QUEUED)
    status = admin_client.get(reverse("inspections:document_status", kwargs={"pk": document.pk}))
    assert "X-Poll-Done" not in status and "Queued" in text_of(status)
    assert "X-Poll-Done" not in admin_client.get(reverse("inspections:documents_status"))
    page = admin_client.get(reverse("inspections:documents"))
    assert 'data-poll-url="/documents/status"' in page.content.decode()


def test_upload_several_files_at_once(editor_client):
    from .conftest import upload

    response = upload(editor_client, (DERBY_LETTER.name, DERBY_LETTER.read_bytes()),
                      (DEVON_PAPER.name, DEVON_PAPER.read_bytes()))  # fmt: skip
    assert "2 documents uploaded" in text_of(response)
    assert Document.objects.filter(state=Document.State.QUEUED).count() == 2
    assert all(len(d.sha256) == 64 and d.file for d in Document.objects.all())


def test_the_file_is_served_to_signed_in_users_only(client, viewer, admin_client):
    document = _upload(admin_client, DERBY_LETTER)
    url = reverse("inspections:file", kwargs={"pk": document.pk})
    ok = admin_client.get(url)
    assert ok.status_code == 200 and b"".join(ok.streaming_content).startswith(b"%PDF")
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(viewer)
    assert client.get(url).status_code == 200


def test_a_document_that_keeps_stopping_the_worker_fails_after_three_attempts(admin_client):
    document = _upload(admin_client, DERBY_LETTER)
    # As if three workers had died on it: it is in `reading` with three attempts and the task is redelivered.
    Document.objects.filter(pk=document.pk).update(state=Document.State.READING, attempts=3)
    document = read_now(document)
    assert document.state == Document.State.FAILED
    assert document.error_code == "too_many_attempts"
    assert document.attempts == 4
