from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Operations: backup and restore, and recovering work that a restart interrupted. No models."""

    name = "ops"
    verbose_name = "Operations"
