from django.urls import path

from inspections import passages
from inspections.documents import batch_views, views

app_name = "inspections"
urlpatterns = [
    path("documents/", views.document_list, name="documents"),
    path("documents/status", views.list_status, name="documents_status"),
    path("documents/batches/<int:pk>/", batch_views.batch_detail, name="batch"),
    path("documents/batches/<int:pk>/status", batch_views.batch_status, name="batch_status"),
    path("documents/batches/<int:pk>/review/", batch_views.batch_review, name="batch_review"),
    path("documents/batches/<int:pk>/confirm", batch_views.batch_confirm, name="batch_confirm"),
    path("documents/<int:pk>/", views.document_detail, name="document"),
    path("documents/<int:pk>/status", views.document_status, name="document_status"),
    path("documents/<int:pk>/publish", views.document_publish, name="publish"),
    path("documents/<int:pk>/reread", views.document_reread, name="reread"),
    path("documents/<int:pk>/council", views.document_council, name="council"),
    path("documents/<int:pk>/file", views.document_file, name="file"),
    path("conflicts/<int:pk>/settle", views.conflict_settle, name="settle_conflict"),
    path("inspections/<int:pk>/", views.inspection_detail, name="detail"),
    path("sources/<int:pk>/", passages.source_detail, name="source"),
]
