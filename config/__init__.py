# Load the Celery app with Django so that shared tasks bind to it in every process.
from .celery_app import app as celery_app

__all__ = ("celery_app",)
