from django.urls import path

from improvements import views

app_name = "improvements"
urlpatterns = [
    path("authorities/<slug:slug>/plan/", views.board_view, name="board"),
    path("authorities/<slug:slug>/plan/highlight/", views.highlight_view, name="highlight"),
    path("authorities/<slug:slug>/plan/new/", views.plan_new, name="plan_new"),
    path("inspections/<int:pk>/start-plan/", views.start_plan, name="start_plan"),
    path("plans/<int:pk>/priorities/add/", views.priority_add, name="priority_add"),
    path("plans/<int:pk>/priorities/from-document/", views.priorities_from_document, name="from_document"),
    path("plans/<int:pk>/actions.csv", views.actions_csv, name="actions_csv"),
    path("plans/<int:pk>/updates.csv", views.updates_csv, name="updates_csv"),
    path("plans/<int:pk>/changes.csv", views.changes_csv, name="changes_csv"),
    path("priorities/<int:pk>/edit/", views.priority_edit, name="priority_edit"),
    path("priorities/<int:pk>/actions/add/", views.action_add, name="action_add"),
    path("priorities/<int:pk>/updates/add/", views.update_add, name="update_add"),
    path("actions/<int:pk>/", views.action_detail, name="action"),
    path("actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
]
