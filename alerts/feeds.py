"""Atom feeds of published news (public facts only), for England, a region and a council.

Addresses are stable (committee papers and Teams/Slack connectors keep them): /feeds/england.atom,
/feeds/regions/<region-slug>.atom, /feeds/councils/<council-slug>.atom. Each entry's id is a tag: URI that
never changes, so a reader never shows one piece of news twice.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import slugify

from alerts import queries
from authorities.models import Authority, Region

REGIONS = {slugify(value): value for value in Region.values}


class _NewsFeed(Feed):
    feed_type = Atom1Feed
    author_name = settings.SITE_NAME

    def feed_url(self, obj):
        return None  # Django fills in the request's own address: the feed's rel="self" link

    def feed_guid(self, obj):
        return self.link(obj)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        day = item.recorded_at.date().isoformat()
        host = settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0] or "localhost"
        return f"tag:{host},{day}:news/{item.pk}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.recorded_at

    def item_updateddate(self, item):
        return item.recorded_at

    def item_categories(self, item):
        return [item.get_kind_display(), item.authority.region]


class EnglandFeed(_NewsFeed):
    title = "New inspections and judgements of English councils' children's services"
    subtitle = description = "Every inspection, visit and judgement published, newest first."

    def link(self, obj=None):
        return reverse("alerts:whats_new")

    def items(self):
        return queries.feed_items()


class RegionFeed(_NewsFeed):
    def get_object(self, request, region):
        if region not in REGIONS:
            raise Http404("No such region")
        return REGIONS[region]

    def title(self, obj):
        return f"New inspections and judgements: councils in {obj}"

    def subtitle(self, obj):
        return f"Every inspection, visit and judgement published for councils in {obj}, newest first."

    description = subtitle

    def link(self, obj):
        return reverse("alerts:whats_new") + f"?region={obj.replace(' ', '+')}"

    def items(self, obj):
        return queries.feed_items(region=obj)


class CouncilFeed(_NewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Authority, slug=slug)

    def title(self, obj):
        return f"New inspections and judgements: {obj.short_name}"

    def subtitle(self, obj):
        return f"Every inspection, visit and judgement published for {obj.name}, newest first."

    description = subtitle

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return queries.feed_items(authority=obj)
