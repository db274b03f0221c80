"""The follow button and feed link on a council's page, without the page's view knowing about alerts."""

from django import template

from alerts import queries

register = template.Library()


@register.inclusion_tag("alerts/_follow_panel.html", takes_context=True)
def follow_panel(context, authority):
    request = context["request"]
    return {
        "request": request,
        "authority": authority,
        "following": queries.is_following(request.user, authority),
        "csrf_token": context.get("csrf_token"),
    }
