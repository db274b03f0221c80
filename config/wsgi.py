import os

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# settings.py lets commands that sign nothing run without a key; a web server signs sessions and CSRF tokens,
# so it refuses to start without one (rather than failing on its first request).
try:
    settings.SECRET_KEY  # noqa: B018 (Django refuses an empty key when it is read)
except ImproperlyConfigured:
    raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 on a development machine).") from None

application = get_wsgi_application()
