"""Listening to inspections: the news of every publication and official import, in their own transaction."""

from django.dispatch import receiver

from alerts import news
from inspections.signals import facts_published


@receiver(facts_published, dispatch_uid="alerts.record_published")
def on_facts_published(sender, changes, document=None, dataset=None, **kwargs):
    news.record_published(changes, document=document, dataset=dataset)
