"""Every model has an admin whose list, search and add pages work (a NetBox-style generic test)."""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

OUR_APPS = {"authorities", "inspections", "improvements", "alerts"}
MODELS = [m for m in admin.site._registry if m._meta.app_label in OUR_APPS]


def test_every_model_of_ours_is_in_the_admin():
    from django.apps import apps

    ours = {m for m in apps.get_models() if m._meta.app_label in OUR_APPS}
    assert ours == set(MODELS)


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_search_render(client, admin_user, model):
    client.force_login(admin_user)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert client.get(url).status_code == 200
    assert client.get(url, {"q": "Derby"}).status_code == 200


def test_admin_requires_login(client):
    response = client.get(reverse("admin:authorities_authority_changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_council_change_page_shows_its_aliases_and_successors(client, admin_user):
    from authorities.models import Authority

    client.force_login(admin_user)
    cumbria = Authority.objects.get(gss_code="E10000006")
    page = client.get(reverse("admin:authorities_authority_change", args=[cumbria.pk])).content.decode()
    assert "Cumberland" in page
    assert "Westmorland and Furness" in page
