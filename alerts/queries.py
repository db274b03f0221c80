"""The alerts app's queries: the news behind What's new and the feeds, and a user's follows."""

from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate

from alerts.models import Follow, NewsItem


def public_news():
    return NewsItem.objects.filter(public=True).select_related("authority", "document", "dataset")


def whats_new(*, since=None, authority=None, region="", framework=""):
    """Public news, newest first; `since` compares the date a committee cites (publication, else arrival)."""
    rows = public_news().annotate(cited_date=Coalesce("published_on", TruncDate("recorded_at")))
    if since:
        rows = rows.filter(cited_date__gte=since)
    if authority is not None:
        rows = rows.filter(authority=authority)
    if region:
        rows = rows.filter(authority__region=region)
    if framework:
        rows = rows.filter(framework=framework)
    return rows.order_by("-cited_date", "-recorded_at", "-pk")


def feed_items(*, authority=None, region="", limit=50):
    rows = public_news()
    if authority is not None:
        rows = rows.filter(authority=authority)
    if region:
        rows = rows.filter(authority__region=region)
    return list(rows.order_by("-recorded_at", "-pk")[:limit])


def follows_of(user):
    return Follow.objects.filter(user=user).select_related("authority").order_by("authority__short_name")


def is_following(user, authority) -> bool:
    return user.is_authenticated and Follow.objects.filter(user=user, authority=authority).exists()


def newest_recorded():
    """When the newest piece of news arrived: where the page's data end."""
    latest = (
        NewsItem.objects.filter(public=True).order_by("-recorded_at").values_list("recorded_at", flat=True)
    )
    return latest.first()


def unfollow(user_id: int, authority_id: int | None) -> int:
    """Stop following one council (or all); returns how many follows ended."""
    follows = Follow.objects.filter(user_id=user_id)
    if authority_id is not None:
        follows = follows.filter(Q(authority_id=authority_id))
    deleted, _ = follows.delete()
    return deleted
