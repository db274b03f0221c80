"""Every address that answered before the dashboards app answers the same: committee papers cite them."""

import pytest
from django.urls import resolve, reverse

ADDRESSES = [
    ("/", "home", {}),
    ("/healthz", "healthz", {}),
    ("/authorities/", "authorities:list", {}),
    ("/authorities/derby/", "authorities:detail", {"slug": "derby"}),
    ("/compare/", "compare", {}),
    ("/national/", "national", {}),
    ("/inspections/", "lists:inspections", {}),
    ("/judgements/", "lists:judgements", {}),
    ("/recommendations/", "lists:recommendations", {}),
    ("/authorities/derby/plan/", "improvements:board", {"slug": "derby"}),
    ("/authorities/derby/plan/highlight/", "improvements:highlight", {"slug": "derby"}),
    ("/authorities/derby/plan/new/", "improvements:plan_new", {"slug": "derby"}),
    ("/inspections/7/start-plan/", "improvements:start_plan", {"pk": 7}),
    ("/plans/7/priorities/add/", "improvements:priority_add", {"pk": 7}),
    ("/plans/7/priorities/from-document/", "improvements:from_document", {"pk": 7}),
    ("/plans/7/actions.csv", "improvements:actions_csv", {"pk": 7}),
    ("/plans/7/updates.csv", "improvements:updates_csv", {"pk": 7}),
    ("/plans/7/changes.csv", "improvements:changes_csv", {"pk": 7}),
    ("/priorities/7/edit/", "improvements:priority_edit", {"pk": 7}),
    ("/priorities/7/actions/add/", "improvements:action_add", {"pk": 7}),
    ("/priorities/7/updates/add/", "improvements:update_add", {"pk": 7}),
    ("/actions/7/", "improvements:action", {"pk": 7}),
    ("/actions/7/edit/", "improvements:action_edit", {"pk": 7}),
    ("/documents/", "inspections:documents", {}),
    ("/documents/status", "inspections:documents_status", {}),
    ("/documents/7/", "inspections:document", {"pk": 7}),
    ("/documents/7/status", "inspections:document_status", {"pk": 7}),
    ("/documents/7/publish", "inspections:publish", {"pk": 7}),
    ("/documents/7/reread", "inspections:reread", {"pk": 7}),
    ("/documents/7/council", "inspections:council", {"pk": 7}),
    ("/documents/7/file", "inspections:file", {"pk": 7}),
    ("/conflicts/7/settle", "inspections:settle_conflict", {"pk": 7}),
    ("/inspections/7/", "inspections:detail", {"pk": 7}),
]


@pytest.mark.parametrize(("address", "name", "kwargs"), ADDRESSES)
def test_each_address_resolves_to_the_same_page(address, name, kwargs):
    match = resolve(address)
    assert match.view_name == name
    assert match.kwargs == kwargs | {key: str(value) for key, value in kwargs.items() if key == "slug"}
    assert reverse(name, kwargs=kwargs) == address
