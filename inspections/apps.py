from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspections"
    verbose_name = "Inspections and documents"

    def ready(self):
        # Celery's autodiscovery finds inspections.tasks only; the official-statistics import task lives
        # apart.
        import inspections.official.tasks  # noqa: F401
