from django.urls import path

from authorities import views

app_name = "authorities"
urlpatterns = [
    path("", views.authority_list, name="list"),
    path("<slug:slug>/", views.authority_detail, name="detail"),
]
