from celery import shared_task

from ops import recovery


@shared_task(ignore_result=True)
def recover_work() -> dict:
    """Celery beat's periodic sweep (ops.recovery)."""
    return {"documents": recovery.recover_documents(), "imports": recovery.recover_imports()}
