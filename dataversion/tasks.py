"""The precompute task: what every public page needs, computed for the data version just committed.

Workers hear of each commit through PostgreSQL's NOTIFY (dataversion.listener) and queue this task once per
version; it calls the function named by settings.DATA_VERSION_PRECOMPUTE, which asks each expensive figure of
its per_version query (dataversion.memo), so the figures are in the cache before the first page wants them;
then it renders the pages visitors ask for most (dataversion.popular) into the page cache.
"""

import logging

from celery import shared_task
from django.conf import settings
from django.utils.module_loading import import_string

from dataversion import popular

log = logging.getLogger(__name__)


@shared_task(name="dataversion.precompute", ignore_result=True)
def precompute_version(token: str = "") -> None:
    from dataversion.version import current

    version = current()
    if token and token != version.token:
        # A later commit changed the data again: its own notice queues the task for the newer version.
        log.info("Data version %s is already superseded; its figures are not needed", token)
        return
    for path in settings.DATA_VERSION_PRECOMPUTE:
        import_string(path)()
    log.info("Figures of data version %s precomputed", version.number)
    rendered = popular.prerender()
    log.info("%s popular pages of data version %s rendered", rendered, version.number)
