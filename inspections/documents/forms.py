"""The document pages' forms: uploading files, correcting a draft, choosing a council, settling conflicts."""

from __future__ import annotations

import copy
from pathlib import PurePath

from django import forms
from django.forms import formset_factory

from authorities.models import Authority
from inspections.documents.intake import ZIP_SUFFIX
from inspections.documents.upload import ALLOWED_EXTENSIONS
from inspections.models import Recommendation
from inspections.reading import vocabulary as vocab
from inspections.reading.facts import Event, Judgement, Reading
from inspections.reading.facts import Recommendation as RecommendationFact

ROLES = [
    ("primary", "This document's own inspection or visit"),
    ("reported", "Reported (an outcome the document reports)"),
    ("expected", "Expected (a visit the document announces)"),
    ("mentioned", "Mentioned only (not published)"),
]
SECTION_CHOICES = [
    (key, label or "None (only SLAC reports have sections)") for key, label in vocab.SECTIONS.items()
]
PRECISIONS = [("day", "Day"), ("month", "Month"), ("season", "Season"), ("year", "Year")]


# --- Upload -------------------------------------------------------------------------------------------------


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(
                attrs={"class": "govuk-file-upload", "accept": ",".join((*ALLOWED_EXTENSIONS, ZIP_SUFFIX))}
            ),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            if not data:
                return single(None, initial)  # "Select one or more files to upload"
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Upload documents",
        help_text="Inspection reports, visit letters or council committee papers: PDF, Word (.docx), HTML or "
        "plain text. You can choose several files at once, or a zip archive of them.",
        error_messages={"required": "Select one or more files to upload"},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "%s")
        super().__init__(*args, **kwargs)
        # The browser reports empty files; Django's FileField refuses them, but an empty file gets its own
        # record and message, like every other bad file.
        self.fields["files"].allow_empty_file = True

    def clean_files(self):
        """The files that can be read. A file of another kind is set aside with its message (`refused`) and
        the rest of the batch goes on; only a batch with nothing readable in it is an error."""
        files = self.cleaned_data["files"]
        wrong = [
            f.name for f in files if PurePath(f.name).suffix.lower() not in (*ALLOWED_EXTENSIONS, ZIP_SUFFIX)
        ]
        self.refused = [{"name": name, "message": wrong_type_message(name)} for name in wrong]
        good = [f for f in files if f.name not in wrong]
        if not good:
            names = ", ".join(f"'{name}'" for name in wrong)
            raise forms.ValidationError(
                f"{names} cannot be read: upload a PDF, a Word document (.docx), an HTML page, a plain "
                "text file or a zip archive of them"
            )
        return good


def wrong_type_message(name: str) -> str:
    return (
        f"'{name}' cannot be read: upload a PDF, a Word document (.docx), an HTML page or a plain text file. "
        "The other files were uploaded."
    )


# --- The draft ----------------------------------------------------------------------------------------------


def _choices(mapping: dict[str, str], blank: str | None = None) -> list[tuple[str, str]]:
    items = list(mapping.items())
    return [("", blank), *items] if blank is not None else items


class _GovukMixin:
    """GOV.UK classes on every widget, so that the templates can render fields plainly."""

    def _style(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "govuk-checkboxes__input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "govuk-select")
            elif isinstance(widget, forms.Textarea):
                widget.attrs.setdefault("class", "govuk-textarea")
                widget.attrs.setdefault("rows", 3)
            elif isinstance(widget, forms.HiddenInput):
                pass
            else:
                widget.attrs.setdefault("class", "govuk-input")


class DocumentFactsForm(_GovukMixin, forms.Form):
    authority = forms.ModelChoiceField(
        label="Council", queryset=Authority.objects.order_by("short_name", "gss_code"), required=False
    )
    document_kind = forms.ChoiceField(label="Kind of document", choices=_choices(vocab.DOCUMENT_KINDS))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class EventForm(_GovukMixin, forms.Form):
    ref = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label="Kind", choices=_choices(vocab.EVENT_KINDS, blank="Choose a kind"))
    role = forms.ChoiceField(label="Role in this document", choices=[("", "Choose a role"), *ROLES])
    # No ISO example: a date box shows the browser's own order (dd/mm/yyyy in a UK browser).
    start = forms.DateField(
        label="Start date", required=False, help_text="The first day of the inspection or visit"
    )
    end = forms.DateField(label="End date", required=False)
    precision = forms.ChoiceField(label="How precise the start date is", choices=PRECISIONS, initial="day")
    published = forms.DateField(label="Published", required=False)
    lead_inspector = forms.CharField(label="Lead inspector", required=False, max_length=120)
    reinspection = forms.BooleanField(label="Re-inspection", required=False)
    ilacs_type = forms.ChoiceField(
        label="ILACS type", required=False, choices=_choices(vocab.ILACS_TYPES, blank="Not known / not ILACS")
    )
    focus = forms.CharField(label="Focus", required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
        for name in ("start", "end", "published"):
            self.fields[name].widget = forms.DateInput(
                attrs={"type": "date", "class": "govuk-input govuk-input--width-10"}, format="%Y-%m-%d"
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        if (
            data.get("role") != "mentioned"
            and not start
            and not data.get("published")
            and not self.empty_extra()
        ):
            self.add_error("start", "Enter a start date or a publication date")
        if data.get("ilacs_type") and data.get("kind") != "ilacs":
            self.add_error("ilacs_type", "Only an ILACS inspection is standard or short")
        return data

    def empty_extra(self) -> bool:
        return not self.cleaned_data.get("ref") and not self.has_changed()


def _event_choices(count: int) -> list[tuple[str, str]]:
    return [("", "Choose an event"), *((str(i), f"Event {i + 1}") for i in range(count))]


class JudgementForm(_GovukMixin, forms.Form):
    ref = forms.CharField(widget=forms.HiddenInput, required=False)
    event = forms.ChoiceField(label="Event")
    theme = forms.ChoiceField(label="Theme", choices=_choices(vocab.THEMES, blank="Choose a theme"))
    parent_theme = forms.ChoiceField(
        label="Sits under", required=False, choices=_choices(vocab.THEMES, blank="Nothing (a main judgement)")
    )
    section = forms.ChoiceField(label="Section", required=False, choices=SECTION_CHOICES)
    label = forms.CharField(label="Judgement, as written", max_length=300)
    grade = forms.CharField(label="Grade, as written", max_length=80)
    value = forms.TypedChoiceField(
        label="Grade (1 to 4)",
        coerce=int,
        choices=[("", "Choose a grade"), *((v, f"{v}: {n}") for v, n in vocab.GRADE_NAMES.items())],
    )

    def __init__(self, *args, event_count: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = _event_choices(event_count)
        self._style()

    def clean(self):
        data = super().clean()
        grade, value = data.get("grade"), data.get("value")
        if grade and value:
            implied = vocab.grade_value(grade)
            if implied and implied != value:
                self.add_error("value", f"'{grade}' is grade {implied}, not {value}: correct one of them")
        return data


class RecommendationForm(_GovukMixin, forms.Form):
    ref = forms.CharField(widget=forms.HiddenInput, required=False)
    event = forms.ChoiceField(label="Event")
    heading = forms.CharField(label="Heading", required=False, max_length=120)
    text = forms.CharField(label="Recommendation", widget=forms.Textarea)
    timescale = forms.CharField(label="Timescale, as written", required=False, max_length=80)
    timescale_code = forms.ChoiceField(
        label="Timescale", required=False, choices=Recommendation.Timescale.choices
    )
    section = forms.ChoiceField(label="Section", required=False, choices=SECTION_CHOICES)

    def __init__(self, *args, event_count: int = 1, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = _event_choices(event_count)
        self._style()


EventFormSet = formset_factory(EventForm, extra=1, can_delete=True)
JudgementFormSet = formset_factory(JudgementForm, extra=1, can_delete=True)
RecommendationFormSet = formset_factory(RecommendationForm, extra=1, can_delete=True)


class DraftForms:
    """The four forms of a review page, built from a Reading and turned back into one."""

    def __init__(self, reading: Reading, authority=None, data=None):
        self.reading = reading
        events = reading.events
        event_initial = [
            {
                "ref": str(i),
                "kind": e.kind,
                "role": e.role,
                "start": e.start,
                "end": e.end,
                "precision": e.precision,
                "published": e.published,
                "lead_inspector": e.lead_inspector,
                "reinspection": e.reinspection,
                "ilacs_type": e.ilacs_type,
                "focus": e.focus,
            }
            for i, e in enumerate(events)
        ]
        judgement_initial = [
            {
                "ref": f"{i}.{j}",
                "event": str(i),
                "theme": item.theme,
                "parent_theme": item.parent_theme,
                "section": item.section,
                "label": item.label,
                "grade": item.grade,
                "value": item.value,
            }
            for i, e in enumerate(events)
            for j, item in enumerate(e.judgements)
        ]
        recommendation_initial = [
            {
                "ref": f"{i}.{k}",
                "event": str(i),
                "heading": item.heading,
                "text": item.text,
                "timescale": item.timescale,
                "timescale_code": item.timescale_code,
                "section": item.section,
            }
            for i, e in enumerate(events)
            for k, item in enumerate(e.recommendations)
        ]
        self.document = DocumentFactsForm(
            data,
            prefix="doc",
            initial={"authority": authority, "document_kind": reading.document_kind},
        )
        self.events = EventFormSet(data, prefix="events", initial=event_initial)
        # Judgements and recommendations may belong to any event form, the blank one for a new event included.
        count = (int(data.get("events-TOTAL_FORMS", 0) or 0) if data is not None else len(events) + 1) or 1
        self.judgements = JudgementFormSet(
            data, prefix="judgements", initial=judgement_initial, form_kwargs={"event_count": count}
        )
        self.recommendations = RecommendationFormSet(
            data, prefix="recommendations", initial=recommendation_initial, form_kwargs={"event_count": count}
        )

    @property
    def is_bound(self) -> bool:
        return self.document.is_bound

    @property
    def all(self):
        return [self.document, self.events, self.judgements, self.recommendations]

    def is_valid(self) -> bool:
        return all(form.is_valid() for form in self.all)

    def errors(self) -> list[tuple[str, str]]:
        """(anchor, message) for the error summary."""
        found = []
        for field, messages in self.document.errors.items():
            found += [(f"id_doc-{field}", m) for m in messages]
        for name, formset in (("events", self.events), ("judgements", self.judgements),
                              ("recommendations", self.recommendations)):  # fmt: skip
            for message in formset.non_form_errors():
                found.append((f"{name}-section", message))
            for index, form in enumerate(formset.forms):
                for field, messages in form.errors.items():
                    anchor = f"id_{name}-{index}-{field}" if field != "__all__" else f"{name}-{index}"
                    label = f"{name.capitalize()[:-1]} {index + 1}"
                    found += [(anchor, f"{label}: {m}") for m in messages]
        return found

    def build(self) -> tuple[Reading, Authority | None]:
        """The edited Reading (facts dropped, changed, added), keeping the passages of the facts read."""
        original = self.reading
        reading = copy.deepcopy(original)
        events: dict[str, Event] = {}
        ordered: list[Event] = []
        for index, form in enumerate(self.events.forms):
            data = form.cleaned_data
            if not data or data.get("DELETE") or (not data.get("ref") and not form.has_changed()):
                continue
            source = _lookup_event(original, data.get("ref"))
            event = (
                copy.deepcopy(source) if source else Event(kind=data["kind"], role=data["role"], passage=None)
            )
            if source is None:
                event.confidence = 1.0
                event.evidence = "added by a reviewer"
            event.kind, event.role = data["kind"], data["role"]
            event.start, event.end, event.published = (
                data.get("start"),
                data.get("end"),
                data.get("published"),
            )
            event.precision = data.get("precision") or "day"
            event.lead_inspector = data.get("lead_inspector", "")
            event.reinspection = bool(data.get("reinspection"))
            event.ilacs_type = data.get("ilacs_type", "")
            event.focus = data.get("focus", "")
            event.judgements, event.recommendations = [], []
            events[str(index)] = event
            ordered.append(event)
        for form in self.judgements.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or (not data.get("ref") and not form.has_changed()):
                continue
            event = events.get(data["event"])
            if event is None:
                continue  # its event was dropped: the judgement goes with it
            source = _lookup_item(original, data.get("ref"), "judgements")
            item = (
                copy.deepcopy(source)
                if source
                else Judgement(
                    theme=data["theme"], label="", grade="", value=data["value"], passage=None, confidence=1.0
                )
            )
            item.theme, item.parent_theme, item.section = (
                data["theme"],
                data.get("parent_theme", ""),
                data.get("section", ""),
            )
            item.label, item.grade, item.value = data["label"], data["grade"], data["value"]
            event.judgements.append(item)
        for form in self.recommendations.forms:
            data = form.cleaned_data
            if not data or data.get("DELETE") or (not data.get("ref") and not form.has_changed()):
                continue
            event = events.get(data["event"])
            if event is None:
                continue
            source = _lookup_item(original, data.get("ref"), "recommendations")
            item = (
                copy.deepcopy(source)
                if source
                else RecommendationFact(text="", heading="", passage=None, confidence=1.0)
            )
            item.text, item.heading = data["text"], data.get("heading", "")
            item.timescale, item.timescale_code = data.get("timescale", ""), data.get("timescale_code", "")
            item.section = data.get("section", "")
            event.recommendations.append(item)
        reading.events = ordered
        reading.document_kind = self.document.cleaned_data["document_kind"]
        authority = self.document.cleaned_data.get("authority")
        if authority and reading.council and reading.council.code != authority.gss_code:
            reading.council.code, reading.council.name = authority.gss_code, authority.short_name
            reading.council.confidence = 1.0
        return reading, authority


def _lookup_event(reading: Reading, ref: str | None) -> Event | None:
    if not ref or not ref.isdigit():
        return None
    index = int(ref)
    return reading.events[index] if index < len(reading.events) else None


def _lookup_item(reading: Reading, ref: str | None, attribute: str):
    if not ref or "." not in ref:
        return None
    event_ref, _, item_ref = ref.partition(".")
    event = _lookup_event(reading, event_ref)
    if event is None or not item_ref.isdigit():
        return None
    items = getattr(event, attribute)
    index = int(item_ref)
    return items[index] if index < len(items) else None


class ChooseCouncilForm(forms.Form):
    authority = forms.ModelChoiceField(
        label="Which council is this document about?",
        queryset=Authority.objects.order_by("short_name", "gss_code"),
        error_messages={"required": "Choose the council the document is about"},
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )


class SettleConflictForm(forms.Form):
    keep = forms.ChoiceField(
        label="Which value stands?",
        choices=[("stored", "Keep the stored value"), ("incoming", "Use the value from this document")],
        widget=forms.RadioSelect(attrs={"class": "govuk-radios__input"}),
        error_messages={"required": "Choose which value stands"},
    )
    note = forms.CharField(
        label="Note",
        help_text="Why: for example 'The report is the primary source'.",
        required=True,
        widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 2}),
        error_messages={"required": "Write a note saying why"},
    )
