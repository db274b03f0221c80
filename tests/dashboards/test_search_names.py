"""The dashboards' council search boxes follow authorities.which_council's rule as well as matching part of a
name: an alias ("BCP"), a formal name, or an ended council's name finds the councils it means today."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("search", "listed", "not_listed"),
    [
        ("BCP", {"bournemouth-christchurch-and-poole"}, {"dorset"}),  # an alias no name contains
        ("Derby City Council", {"derby"}, {"derbyshire"}),  # the formal name, not a substring of "Derby"
        ("Northamptonshire", {"north-northamptonshire", "west-northamptonshire"}, set()),
        ("Cumbria", {"cumberland", "westmorland-and-furness"}, {"cumbria"}),  # ended: its successors
    ],
)
def test_a_search_lists_the_councils_the_name_means_today(client, search, listed, not_listed):
    choices = client.get("/compare/", {"q": search}).context["form"].fields["a"].choices
    slugs = {slug for slug, _name in choices}
    assert listed <= slugs
    assert not (not_listed & slugs)


def test_the_inspections_tables_search_box_follows_the_rule_too(client):
    html = client.get("/inspections/", {"council_name": "BCP"}).content.decode()
    assert 'value="bournemouth-christchurch-and-poole"' in html and 'value="devon"' not in html
