"""Every public page's address. The names keep their old namespaces ("authorities:", "lists:") because
templates and other apps' links use them; the paths are the ones committee papers cite."""

from django.urls import include, path

from dashboards import glossary_views, table_views, views

councils = (
    [
        path("", views.authority_list, name="list"),
        path("<slug:slug>/", views.authority_detail, name="detail"),
    ],
    "authorities",
)
tables = (
    [
        path("inspections/", table_views.inspection_list, name="inspections"),
        path("judgements/", table_views.judgement_list, name="judgements"),
        path("recommendations/", table_views.recommendation_list, name="recommendations"),
    ],
    "lists",
)

urlpatterns = [
    path("authorities/", include(councils)),
    path("compare/", views.compare, name="compare"),
    path("national/", views.national, name="national"),
    path("glossary/", glossary_views.glossary, name="glossary"),
    path("", include(tables)),
]
