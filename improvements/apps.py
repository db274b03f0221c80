from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ImprovementsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "improvements"
    verbose_name = "Improvement plans"

    def ready(self):
        from config.dbroles import grant_after_migrate

        # The last of the project's apps: every table exists by now, so the app's role is granted on them all.
        post_migrate.connect(grant_after_migrate, sender=self)
