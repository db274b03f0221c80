from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config import views

admin.site.site_header = "Judgement Tracker administration"
admin.site.site_title = "Judgement Tracker"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("dashboards.urls")),
    path("admin/", admin.site.urls),
    path("", include("alerts.urls")),
    path("", include("improvements.urls")),
    path("", include("inspections.urls")),
]
