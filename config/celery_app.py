import os
import resource

from celery import Celery
from celery.signals import worker_init, worker_process_init, worker_ready

from config import embedded

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


class JudgementTrackerCelery(Celery):
    """Celery that starts the embedded Redis (when it is the broker) on its first connection.

    Every broker connection, the web's when it queues a task and the worker's, is made here; so a command that
    queues nothing (read_document) leaves no Redis behind, and importing settings starts nothing.
    """

    def _connection(self, url, *args, **kwargs):
        embedded.ensure_redis(url)
        return super()._connection(url, *args, **kwargs)


app = JudgementTrackerCelery("judgement_tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def _listen_for_data_changes(**kwargs):
    """Each worker hears every commit that changes public data and precomputes the new version's figures."""
    from dataversion.listener import start_listener

    start_listener()


@worker_process_init.connect
@worker_init.connect
def _bound_memory(**kwargs):
    """Each worker process may hold at most WORKER_MEMORY_LIMIT_MB of data: a document that would take more
    (a compression bomb that got past the checks, a pathological PDF) fails with MemoryError in its own task
    instead of taking the machine down. worker_max_memory_per_child (settings) also recycles a process that
    has grown after a task."""
    from django.conf import settings

    limit = settings.WORKER_MEMORY_LIMIT_MB
    if limit > 0:
        resource.setrlimit(resource.RLIMIT_DATA, (limit * 1024 * 1024, resource.RLIM_INFINITY))
