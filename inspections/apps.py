from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspections"
    verbose_name = "Inspections and documents"

    def ready(self):
        # Celery's autodiscovery looks for an app's top-level tasks module only; each pipeline keeps its task
        # in its own package, so the worker learns them here.
        import inspections.documents.tasks  # noqa: F401
        import inspections.official.tasks  # noqa: F401
