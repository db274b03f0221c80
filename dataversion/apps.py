from django.apps import AppConfig
from django.db.models.signals import post_migrate


class DataVersionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "dataversion"
    verbose_name = "Data version"

    def ready(self):
        from dataversion.triggers import install_triggers

        # After every migrate, so that a table added by any later migration is watched too.
        post_migrate.connect(install_triggers, sender=self)
