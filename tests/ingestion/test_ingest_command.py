"""`manage.py ingest`: files, folders and zips go through the upload's entry point, once each; bad members of
a zip are refused with a reason and never sink the rest."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from inspections.documents import intake
from inspections.models import Document, DocumentBatch

from .conftest import PDFS, SEEDS, text_of

pytestmark = pytest.mark.django_db

SEED = (SEEDS / "000_57d247f1c5f3f964.txt").read_bytes()


def ingest(*paths, **options) -> str:
    out, err = io.StringIO(), io.StringIO()
    call_command("ingest", *[str(p) for p in paths], stdout=out, stderr=err, **options)
    return out.getvalue() + err.getvalue()


def test_a_folder_of_the_corpus_is_queued_once_and_again_gives_duplicates_of_the_first_copies():
    pdfs = sorted(PDFS.glob("*.pdf"))
    others = [p for p in PDFS.iterdir() if p.suffix != ".pdf"]
    output = ingest(PDFS, "--no-progress")
    assert Document.objects.count() == len(pdfs)
    assert set(Document.objects.values_list("original_name", flat=True)) == {p.name for p in pdfs}
    assert Document.objects.filter(state=Document.State.QUEUED).count() == len(pdfs)
    first = DocumentBatch.objects.get()
    assert first.documents.count() == len(pdfs)
    assert first.report["queued"] == len(pdfs)
    assert first.report["skipped"] == len(others)  # the .json answers and the README are not documents
    assert f"{len(pdfs)} queued for reading" in output

    first_ids = dict(Document.objects.values_list("original_name", "pk"))
    output = ingest(PDFS, "--no-progress")
    assert Document.objects.count() == len(pdfs)  # nothing stored twice
    second = DocumentBatch.objects.latest("created_at")
    assert second.report["queued"] == 0
    assert second.report["duplicates"] == len(pdfs)
    pointed = {Path(d["where"]).name: d["document"] for d in second.report["duplicate_of"]}
    assert pointed == first_ids
    assert f"{len(pdfs)} already uploaded" in output


def _zip(path: Path, members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_zip_with_bad_members_stores_the_good_ones_and_says_why_the_rest_were_refused(tmp_path, settings):
    settings.MAX_UPLOAD_BYTES = 5 * 1024 * 1024
    inner = _zip(tmp_path / "inner.zip", {"report.txt": b"other"}).read_bytes()
    archive = _zip(
        tmp_path / "reports.zip",
        {
            "folder/derby.txt": SEED,
            "../../etc/evil.txt": b"climbs out",
            "/abs/evil.txt": b"absolute",
            "nested.zip": inner,
            "bomb.txt": b"\0" * (4 * 1024 * 1024),  # 4 MB of zeros: a few kB compressed
            "notes.xlsx": b"not a document",
        },
    )
    ingest(archive, "--no-progress")
    assert list(Document.objects.values_list("original_name", flat=True)) == ["derby.txt"]
    report = DocumentBatch.objects.get().report
    why = {p["where"].split("!")[1]: (p["status"], p["message"]) for p in report["problems"]}
    assert why["../../etc/evil.txt"][0] == "refused" and "climbs out" in why["../../etc/evil.txt"][1]
    assert why["/abs/evil.txt"][0] == "refused" and "absolute path" in why["/abs/evil.txt"][1]
    assert why["nested.zip"][0] == "refused" and "zip inside the zip" in why["nested.zip"][1]
    assert why["bomb.txt"][0] == "refused" and "compression bomb" in why["bomb.txt"][1]
    assert why["notes.xlsx"][0] == "skipped"
    assert report["queued"] == 1


def test_a_member_over_the_size_limit_is_refused_and_reading_stops_at_the_limit(tmp_path, settings):
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    archive = _zip(tmp_path / "big.zip", {"big.txt": b"x" * (2 * 1024 * 1024)}, zipfile.ZIP_STORED)
    ingest(archive, "--no-progress")
    assert not Document.objects.exists()
    (problem,) = DocumentBatch.objects.get().report["problems"]
    assert "over the limit" in problem["message"]


def test_thousands_of_tiny_files_are_refused_whole_before_anything_is_stored(tmp_path, settings):
    settings.ZIP_MAX_MEMBERS = 1000
    archive = _zip(tmp_path / "tiny.zip", {f"f{i}.txt": str(i).encode() for i in range(1500)})
    output = ingest(archive, "--no-progress")
    assert not Document.objects.exists()
    assert "holds 1500 files, over the limit of 1000" in output


def test_an_archive_that_is_not_a_zip_is_refused_and_the_other_paths_still_come_in(tmp_path):
    fake = tmp_path / "broken.zip"
    fake.write_bytes(b"PK\x03\x04 this is not really a zip")
    good = tmp_path / "derby.txt"
    good.write_bytes(SEED)
    output = ingest(fake, good, tmp_path / "missing.pdf", "--no-progress")
    assert list(Document.objects.values_list("original_name", flat=True)) == ["derby.txt"]
    assert "not a readable zip archive" in output
    assert "does not exist" in output


def test_zip_limits_use_the_bytes_read_not_the_sizes_declared(tmp_path, settings):
    """A member whose header understates its size cannot expand past it: Python's zipfile stops at the
    declared size and the CRC check then fails, which we report as unreadable."""
    settings.MAX_UPLOAD_BYTES = 1024 * 1024
    path = _zip(tmp_path / "liar.zip", {"liar.txt": b"y" * 200_000}, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    # Rewrite the declared uncompressed size (local header offset 22, central directory +24) to 1000 bytes.
    data[22:26] = (1000).to_bytes(4, "little")
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    path.write_bytes(bytes(data))
    refusals = [i for i in intake.collect([path]) if isinstance(i, intake.Refusal)]
    assert len(refusals) == 1 and "cannot be read from the archive" in refusals[0].reason


def test_the_batch_page_shows_progress_and_the_refusals(client, admin_user, tmp_path):
    archive = _zip(tmp_path / "mixed.zip", {"derby.txt": SEED, "../x.txt": b"no"})
    ingest(archive, "--no-progress")
    batch = DocumentBatch.objects.get()
    client.force_login(admin_user)
    page = text_of(client.get(batch.get_absolute_url()))
    assert "0 of 1 document read" in page
    assert "climbs out of the archive" in page
    listing = text_of(client.get(reverse("inspections:documents")))
    assert "Recent batches" in listing and "0 of 1" in listing
    status = client.get(reverse("inspections:batch_status", args=[batch.pk]))
    assert "X-Poll-Done" not in status  # still queued: the page keeps polling
    Document.objects.update(state=Document.State.NEEDS_REVIEW)
    status = client.get(reverse("inspections:batch_status", args=[batch.pk]))
    assert status["X-Poll-Done"] == "1"
    assert "1 of 1 document read (100%)" in text_of(status)


def test_the_upload_page_takes_a_zip_as_a_batch_and_lists_what_it_refused(client, editor, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    archive = _zip(tmp_path / "reports.zip", {"derby.txt": SEED, "../evil.txt": b"no", "inner.zip": b"PK"})
    client.force_login(editor)
    page = client.post(
        reverse("inspections:documents"),
        {"files": [SimpleUploadedFile("reports.zip", archive.read_bytes())]},
        follow=True,
    )
    text = text_of(page)
    assert page.status_code == 200
    assert list(Document.objects.values_list("original_name", flat=True)) == ["derby.txt"]
    batch = DocumentBatch.objects.get()
    assert batch.label == "reports.zip (uploaded)" and batch.documents.count() == 1
    assert "1 document uploaded" in text
    assert "2 files were not uploaded" in text
    assert "climbs out of the archive" in text and "zip inside the zip" in text
    assert batch.get_absolute_url() in page.content.decode()


@pytest.mark.worker
def test_ingest_queues_a_folder_for_a_real_worker_which_reads_every_file(councils, celery_worker, settings):
    from tests.conftest import wait_for

    seeds = sorted(SEEDS.glob("*.txt"))
    ingest(SEEDS, "--no-progress")
    active = (Document.State.QUEUED, Document.State.READING)
    wait_for(lambda: not Document.objects.filter(state__in=active).exists(), timeout=120, message="all read")
    assert Document.objects.filter(state=Document.State.NEEDS_REVIEW).count() == len(seeds)
    batch = DocumentBatch.objects.get()
    from inspections.documents import batches

    progress = batches.progress(batch)
    assert (progress.total, progress.done, progress.needs_review, progress.active) == (5, 5, 5, False)
