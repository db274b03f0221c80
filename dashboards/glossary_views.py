"""The glossary page: every framework, grade, visit and rule the product's pages use
(dashboards/glossary.py)."""

from django.shortcuts import render

from dashboards.glossary import GROUPS, TERMS


def glossary(request):
    groups = [(group, [t for t in TERMS if t.group == group]) for group in GROUPS]
    return render(request, "dashboards/glossary.html", {"groups": groups, "glossary_page": True})
