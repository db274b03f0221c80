"""gunicorn's settings for a deployment (`gunicorn -c config/gunicorn.conf.py config.wsgi`), from the
environment like everything else. Importing it starts nothing."""

import os

# Loopback unless told otherwise: in docker-compose the container listens on its own network and the host
# publishes the port on 127.0.0.1 only, for the TLS proxy in front.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
# A request that runs longer than this is killed and its worker replaced: no page should take seconds, and
# one slow request must not hold a worker for a minute.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
# Replace each worker after this many requests, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Header sizes (gunicorn's defaults, written down): the body's size is checked by the app before reading.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
# X-Forwarded-Proto is believed only from these addresses (the proxy's): from anyone else it is ignored, and
# Django takes the scheme from gunicorn rather than reading the header itself (config.settings).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
accesslog = "-"
