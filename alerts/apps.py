from django.apps import AppConfig


class AlertsConfig(AppConfig):
    """Following councils, the news of what is published for them, and the mails that tell followers."""

    name = "alerts"
    verbose_name = "Alerts"

    def ready(self):
        # The receivers of inspections' signal: inspections never imports this app.
        from alerts import receivers  # noqa: F401
