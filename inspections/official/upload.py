"""Uploading an official statistics file in the admin: the form, the hand-off to the import task, and the
summary shown on the change page. Kept here so that inspections/admin.py holds only the admin class."""

import hashlib
import os

from django import forms
from django.conf import settings
from django.db import transaction
from django.utils.html import format_html

from inspections.models import OfficialDataset
from inspections.official.import_summary import describe


class OfficialDatasetUploadForm(forms.ModelForm):
    """Upload an official file: its sha256 is computed here, and the import runs in a Celery task."""

    class Meta:
        model = OfficialDataset
        fields = ["file", "edition"]
        help_texts = {
            "file": "Ofsted's LA inspection outcomes (ODS as published, or CSV), or the DfE neighbours CSV.",
            "edition": "Optional: read from the file's Cover sheet when left empty.",
        }

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            raise forms.ValidationError("Choose a file.")
        if upload.size > settings.MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file is larger than the upload limit.")
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        self.sha256 = digest.hexdigest()
        existing = OfficialDataset.objects.filter(sha256=self.sha256).first()
        if existing:
            raise forms.ValidationError(
                f"This file was uploaded already: {existing} ({existing.get_state_display()})."
            )
        return upload


def queue_upload(dataset: OfficialDataset, form: OfficialDatasetUploadForm, user) -> None:
    """Fill in what the form does not show, save, and start the import once the upload is committed."""
    from inspections.official.tasks import import_official_dataset

    dataset.sha256 = form.sha256
    dataset.file_name = os.path.basename(form.cleaned_data["file"].name)[:255]
    dataset.uploaded_by = user
    dataset.state = OfficialDataset.State.QUEUED
    dataset.save()
    transaction.on_commit(lambda: import_official_dataset.delay(dataset.pk))


def summary_html(dataset: OfficialDataset) -> str:
    if dataset.state != OfficialDataset.State.DONE or not dataset.summary:
        return dataset.get_state_display()
    from inspections.official.save import ImportReport

    kind = "neighbours" if "model" in dataset.summary else "inspections"
    report = ImportReport(dataset.file_name, kind=kind, edition=dataset.edition, summary=dataset.summary)
    return format_html("<pre>{}</pre>", describe(report))


def problems_html(dataset: OfficialDataset) -> str:
    if not dataset.problems:
        return "None"
    lines = [p.get("text") or p.get("message", "") for p in dataset.problems]
    return format_html("<pre>{}</pre>", "\n".join(lines))
