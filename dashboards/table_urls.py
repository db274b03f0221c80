"""The dashboards' tables of inspections, judgements and recommendations (see inspections/list_views.py).
Included at the site's root from config/urls.py; inspections/urls.py holds the documents' pages."""

from django.urls import path

from inspections import list_views

app_name = "lists"
urlpatterns = [
    path("inspections/", list_views.inspection_list, name="inspections"),
    path("judgements/", list_views.judgement_list, name="judgements"),
    path("recommendations/", list_views.recommendation_list, name="recommendations"),
]
