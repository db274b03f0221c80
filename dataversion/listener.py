"""Workers listen for PostgreSQL's NOTIFY data_version, sent by the bump trigger and delivered only when the
changing transaction commits, and queue one precompute task per new version (however many workers heard it).

Started in a thread of each Celery worker (config/celery_app.py, on worker_ready): it holds one database
connection of its own, and reconnects after a database restart.
"""

import logging
import threading
import time

import psycopg
from django.conf import settings
from django.core.cache import cache
from django.db import connection

from dataversion.triggers import CHANNEL

log = logging.getLogger(__name__)
RECONNECT_SECONDS = 5


def _dsn() -> dict:
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    params.pop("prepare_threshold", None)
    return params


def queue_precompute() -> bool:
    """Queue the precompute task for the current version unless another worker already has."""
    from dataversion.tasks import precompute_version
    from dataversion.version import current

    token = current().token
    connection.close()  # this thread's Django connection: not kept between notifications
    if not cache.add(f"precompute-queued:{token}", 1, timeout=24 * 3600):
        return False
    precompute_version.delay(token)
    return True


def listen_forever(stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            with psycopg.connect(**_dsn(), autocommit=True) as conn:
                conn.execute(f"LISTEN {CHANNEL}")
                queue_precompute()  # whatever changed while nobody listened
                while not stop.is_set():
                    # Several commits in a burst give several notices: one precompute for the latest.
                    if any(True for _ in conn.notifies(timeout=1.0, stop_after=1)):
                        queue_precompute()
        except (psycopg.OperationalError, OSError) as error:
            log.warning("Listening for data changes failed (%s); retrying in %s s", error, RECONNECT_SECONDS)
            time.sleep(RECONNECT_SECONDS)


def start_listener() -> threading.Event:
    stop = threading.Event()
    if settings.DATA_VERSION_PRECOMPUTE:
        thread = threading.Thread(target=listen_forever, args=(stop,), name="data-listener", daemon=True)
        thread.start()
    return stop
