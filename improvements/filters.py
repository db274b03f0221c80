"""Filters of the board view: which actions show under each priority (counts stay those of the whole plan)."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from improvements.models import Action, Rag

OPEN = (Action.Status.NOT_STARTED, Action.Status.IN_PROGRESS)


class ActionFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=Action.Status.choices, widget=forms.CheckboxSelectMultiple, label="Status"
    )
    rag = django_filters.MultipleChoiceFilter(
        choices=Rag.choices, widget=forms.CheckboxSelectMultiple, label="RAG"
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", widget=forms.CheckboxInput, label="Only overdue actions"
    )
    q = django_filters.CharFilter(method="filter_text", label="Words in the action or its owner")

    class Meta:
        model = Action
        fields = ["status", "rag", "overdue", "q"]

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(due_date__lt=timezone.localdate(), status__in=OPEN)

    def filter_text(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(text__icontains=value) | Q(owner__icontains=value))

    @property
    def is_narrowed(self) -> bool:
        data = self.form.cleaned_data if self.form.is_valid() else {}
        return any(data.get(name) for name in self.Meta.fields)
