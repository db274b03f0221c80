"""Alerts pages: What's new (public), following councils and the account's alert settings (signed in), and
the unsubscribe link from a mail (no sign-in: the signed token is the permission). Views stay thin: queries
live in alerts.queries, news in alerts.news."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST
from django_tables2 import RequestConfig

from alerts import queries, tokens
from alerts.feeds import REGIONS
from alerts.forms import AlertSettingsForm, FollowForm, WhatsNewForm
from alerts.models import AlertSettings, Follow
from alerts.tables import NewsTable
from authorities.models import Authority
from config.csv_export import export_csv

PER_PAGE = 50


def _csv_url(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query["format"] = "csv"
    return "?" + query.urlencode()


def whats_new(request):
    form = WhatsNewForm(request.GET or None)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    rows = queries.whats_new(
        since=form.since if valid else None,
        authority=data.get("council"),
        region=data.get("region", ""),
        framework=data.get("framework", ""),
    )
    if not valid:
        rows = rows.none()
    table = NewsTable(rows)
    table.caption = "Published" + (f" since {form.since:%-d %B %Y}" if form.since else "")
    if request.GET.get("format") == "csv" and valid:
        return export_csv(table, "whats-new.csv")
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    table.export_url = _csv_url(request)
    region = data.get("region", "")
    council = data.get("council")
    if council:
        feed_url = reverse("alerts:feed_council", kwargs={"slug": council.slug})
    elif region:
        feed_url = reverse(
            "alerts:feed_region", kwargs={"region": next(k for k, v in REGIONS.items() if v == region)}
        )
    else:
        feed_url = reverse("alerts:feed_england")
    context = {
        "form": form,
        "table": table,
        "newest": queries.newest_recorded(),
        "feed_url": feed_url,
    }
    return render(request, "alerts/whats_new.html", context, status=200 if valid else 400)


def _back(request, fallback: str) -> str:
    target = request.POST.get("next") or fallback
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
        return target
    return fallback


@login_required
@require_POST
def follow(request, slug):
    authority = get_object_or_404(Authority, slug=slug)
    try:
        with transaction.atomic():
            Follow.objects.create(user=request.user, authority=authority)
    except IntegrityError:
        pass  # followed already: a second click changes nothing
    note = (
        "" if request.user.email else " Add your e-mail address on your alerts page so that we can tell you."
    )
    messages.success(
        request, f"You follow {authority.short_name}. We will tell you when something is published.{note}"
    )
    return redirect(_back(request, authority.get_absolute_url()))


@login_required
@require_POST
def unfollow(request, slug):
    authority = get_object_or_404(Authority, slug=slug)
    queries.unfollow(request.user.pk, authority.pk)
    messages.success(request, f"You no longer follow {authority.short_name}. We will not mail you about it.")
    return redirect(_back(request, authority.get_absolute_url()))


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    current, _ = AlertSettings.objects.get_or_create(user=request.user)
    form = AlertSettingsForm(initial={"email": request.user.email, "frequency": current.frequency})
    follow_form = FollowForm()
    if request.method == "POST" and "council" in request.POST:
        follow_form = FollowForm(request.POST)
        if follow_form.is_valid():
            Follow.objects.get_or_create(user=request.user, authority=follow_form.cleaned_data["council"])
            messages.success(request, f"You follow {follow_form.cleaned_data['council'].short_name}.")
            return redirect("alerts:account")
    elif request.method == "POST":
        form = AlertSettingsForm(request.POST)
        if form.is_valid():
            request.user.email = form.cleaned_data["email"]
            request.user.save(update_fields=["email"])
            current.frequency = form.cleaned_data["frequency"]
            current.save(update_fields=["frequency"])
            messages.success(request, "Your alert settings are saved.")
            return redirect("alerts:account")
    context = {
        "form": form,
        "follow_form": follow_form,
        "follows": queries.follows_of(request.user),
        "errors": form.errors or follow_form.errors,
    }
    return render(request, "alerts/account.html", context, status=400 if context["errors"] else 200)


@csrf_exempt  # the signed token is the permission; mail clients' one-click unsubscribe (RFC 8058) posts here
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    parsed = tokens.read(token)
    if parsed is None:
        return render(request, "alerts/unsubscribe.html", {"invalid": True}, status=400)
    user_id, authority_id = parsed
    authority = Authority.objects.filter(pk=authority_id).first() if authority_id else None
    if request.method == "POST":
        queries.unfollow(user_id, authority_id)
        return render(request, "alerts/unsubscribe.html", {"done": True, "authority": authority})
    return render(request, "alerts/unsubscribe.html", {"authority": authority, "token": token})
