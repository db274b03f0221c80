from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AuthoritiesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "authorities"
    verbose_name = "Councils"

    def ready(self):
        from authorities.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self)
