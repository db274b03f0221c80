"""Forms of the plan pages. They validate; improvements.plans saves, and audits, each change."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from improvements.models import Action, Priority, Rag
from inspections.models import Document

_url = URLValidator(schemes=["http", "https"])


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(
            attrs={"class": "govuk-input govuk-input--width-10", **(attrs or {})}, format="%Y-%m-%d"
        )


def evidence_lines(value: str) -> list[str]:
    return [line.strip() for line in (value or "").splitlines() if line.strip()]


class ActionForm(forms.ModelForm):
    """Change an action. Saved with plans.change_action, never with form.save()."""

    class Meta:
        model = Action
        fields = ["priority", "text", "owner", "due_date", "status", "rag", "evidence"]
        labels = {"text": "Action", "due_date": "Due date", "rag": "RAG rating", "evidence": "Evidence links"}
        help_texts = {
            "evidence": "Web addresses of the evidence (a report, an audit, minutes), one a line.",
            "owner": "The person or team responsible.",
        }
        widgets = {
            "text": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 4}),
            "owner": forms.TextInput(attrs={"class": "govuk-input govuk-!-width-two-thirds"}),
            "due_date": DateInput(),
            "status": forms.RadioSelect(),
            "rag": forms.RadioSelect(),
            "evidence": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
            "priority": forms.Select(attrs={"class": "govuk-select"}),
        }

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        plan = plan or self.instance.priority.plan
        self.fields["priority"].queryset = plan.priorities.all()
        self.fields["priority"].empty_label = None
        self.fields["rag"].choices = Rag.choices

    def clean_evidence(self):
        lines = evidence_lines(self.cleaned_data["evidence"])
        for line in lines:
            try:
                _url(line)
            except ValidationError:
                raise ValidationError(
                    f"Enter each piece of evidence as a web address starting https:// (not “{line[:50]}”)"
                ) from None
        return "\n".join(lines)


class NewActionForm(ActionForm):
    class Meta(ActionForm.Meta):
        fields = ["text", "owner", "due_date", "status", "rag", "evidence"]

    def __init__(self, *args, plan=None, **kwargs):
        forms.ModelForm.__init__(self, *args, **kwargs)
        self.fields["rag"].choices = Rag.choices


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["title", "description", "rag"]
        labels = {"title": "Priority", "rag": "RAG rating"}
        help_texts = {"rag": "Leave it not rated to show the worst rating of its actions."}
        widgets = {
            "title": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 2}),
            "description": forms.Textarea(attrs={"class": "govuk-textarea", "rows": 3}),
            "rag": forms.RadioSelect(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = Rag.choices


class UpdateForm(forms.Form):
    date = forms.DateField(label="Date of the progress", widget=DateInput())
    text = forms.CharField(
        label="What progress was made", widget=forms.Textarea(attrs={"class": "govuk-textarea", "rows": 5})
    )
    action = forms.ModelChoiceField(
        queryset=Action.objects.none(),
        required=False,
        label="Action (optional)",
        empty_label="The priority as a whole",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    source_document = forms.ModelChoiceField(
        queryset=Document.objects.none(),
        required=False,
        label="Source document (optional)",
        help_text="A committee paper or a monitoring-visit letter this progress was read from.",
        empty_label="None: typed in",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    source_page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=2000,
        label="Page (optional)",
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-3"}),
    )

    def __init__(self, *args, priority: Priority, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = priority.actions.all()
        self.fields["action"].label_from_instance = lambda a: (
            f"{priority.position}.{a.position} {a.text[:90]}"
        )
        self.fields["source_document"].queryset = Document.objects.filter(
            authority=priority.plan.authority
        ).order_by("-uploaded_at")

    def clean_date(self):
        value = self.cleaned_data["date"]
        if value > datetime.date.today() + datetime.timedelta(days=31):
            raise ValidationError("The date of the progress cannot be more than a month ahead")
        return value


class NewPlanForm(forms.Form):
    title = forms.CharField(
        max_length=200,
        label="Name of the plan",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )


class StartPlanForm(forms.Form):
    GROUPINGS = [
        ("section", "One priority for each section of the report"),
        ("heading", "One priority for each heading the recommendations sit under"),
        ("one", "All under one new priority"),
        ("existing", "All under a priority the plan already has"),
    ]
    group_by = forms.ChoiceField(
        choices=GROUPINGS,
        initial="section",
        widget=forms.RadioSelect,
        label="How should the actions be grouped?",
    )
    priority = forms.ModelChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        label="Priority",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    title = forms.CharField(
        max_length=200,
        required=False,
        label="Name of the plan",
        help_text="Only used if the council has no plan yet.",
        widget=forms.TextInput(attrs={"class": "govuk-input"}),
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        if plan is not None:
            self.fields["priority"].queryset = plan.priorities.all()
        else:
            self.fields["group_by"].choices = self.GROUPINGS[:3]
            del self.fields["priority"]

    def clean(self):
        data = super().clean()
        if data.get("group_by") == "existing" and not data.get("priority"):
            self.add_error("priority", "Choose the priority the actions go under")
        return data


class _PaperChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The date the paper gives itself, as published, tells two papers of one council apart.
        return f"{obj.original_name} (dated {obj.dated:%-d %B %Y})" if obj.dated else obj.original_name


class FromDocumentForm(forms.Form):
    document = _PaperChoice(
        queryset=Document.objects.none(),
        label="Published committee paper",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    date = forms.DateField(
        label="Date of the progress",
        required=False,
        help_text="The progress paragraphs are dated with it. Leave it empty to use the date the paper gives "
        "itself.",
        widget=DateInput(),
    )

    def __init__(self, *args, authority, **kwargs):
        super().__init__(*args, **kwargs)
        # Only what was published: a plan's priorities stand on the paper's published list, never a draft.
        self.fields["document"].queryset = (
            Document.objects.filter(
                authority=authority, state=Document.State.PUBLISHED, priorities__isnull=False
            )
            .distinct()
            .order_by("-uploaded_at")
        )


class BoardForm(forms.Form):
    since = forms.DateField(required=False, label="Show what changed since", widget=DateInput())


class MonthForm(forms.Form):
    month = forms.RegexField(
        regex=r"^\d{4}-(0[1-9]|1[0-2])$",
        required=False,
        label="Month",
        error_messages={"invalid": "Enter a month as year and month, like 2021-01"},
        widget=forms.TextInput(attrs={"class": "govuk-input govuk-input--width-10", "type": "month"}),
    )
