from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig


class AdminConfig(DjangoAdminConfig):
    """django.contrib.admin with config.admin.AdminSite as the default site, so every `admin.register` in the
    apps lands on the guarded site."""

    default_site = "config.admin.AdminSite"
