from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    """The public pages on top of the other apps: council, compare, national and the tables pages.

    It may import every other app; nothing imports it (tests/test_import_graph.py keeps that true)."""

    name = "dashboards"
    verbose_name = "Dashboards"
