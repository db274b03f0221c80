"""Every input that sizes a public page's work is bounded and refused cheaply with a message; the expensive
public pages take a limited number of requests per client and keep a burst of the same request in a cache."""

import time

import pytest
from django.core.cache import cache

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("/national/?as_at=9999-12-31", "outside the data"),
        ("/national/?as_at=1066-10-14", "outside the data"),
        ("/national/?as_at=9999-12-31&download=heatmap", "outside the data"),
        ("/national/?page=100000000000", "page number must be between 1 and 10,000"),
        ("/national/?latest-page=999999999999", "page number must be between 1 and 10,000"),
        ("/inspections/?page=100000000000", "page number must be between 1 and 10,000"),
        ("/judgements/?page=-3", "page number must be between 1 and 10,000"),
    ],
)
def test_inputs_that_size_the_work_are_refused_cheaply_with_a_message(client, url, says):
    client.get("/national/?page=0")  # the first request of a process loads templates; time the second
    started = time.monotonic()
    response = client.get(url)
    assert time.monotonic() - started < 1
    assert response.status_code == 400
    assert says in response.content.decode()


def test_more_councils_than_a_chart_shows_are_refused(client):
    from authorities.models import Authority

    slugs = list(Authority.objects.current().values_list("slug", flat=True)[:41])
    response = client.get("/compare/", {"a": slugs})
    assert response.status_code == 400
    assert "at most 40 councils" in response.content.decode()
    assert client.get("/compare/", {"a": slugs[:2]}).status_code == 200


def test_dates_within_the_data_are_answered(client):
    assert client.get("/national/?as_at=2017-08-14").status_code == 200
    assert client.get("/national/").status_code == 200


@pytest.fixture
def limits_on(settings):
    settings.RATELIMIT_ENABLE = True
    settings.PUBLIC_PAGE_RATE = "3/h"  # counted in fixed windows: an hour's is unlikely to turn mid-test
    settings.CACHES["default"]["KEY_PREFIX"] = f"test-{time.monotonic_ns()}"  # a fresh count for this test
    cache.clear()
    yield
    cache.clear()


def test_each_client_is_limited_on_the_expensive_pages(client, limits_on):
    statuses = [client.get(f"/national/?as_at=2017-08-{day:02d}").status_code for day in range(10, 15)]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
    other = client.get("/national/?as_at=2017-08-20", REMOTE_ADDR="203.0.113.7")
    assert other.status_code == 200


def test_a_burst_of_the_same_request_is_computed_once(client, limits_on, django_assert_max_num_queries):
    first = client.get("/national/?as_at=2017-08-14")
    with django_assert_max_num_queries(1):  # the data version, read to find the page kept for it
        again = client.get("/national/?as_at=2017-08-14")
    assert again.status_code == 200
    assert again.content == first.content


def test_signed_in_visitors_are_never_served_from_the_cache(client, limits_on, viewer):
    client.get("/national/?as_at=2017-08-14")
    client.force_login(viewer)
    response = client.get("/national/?as_at=2017-08-14")
    assert "no-store" in response["Cache-Control"]
    assert b"Sign out" in response.content or b"vera-viewer" in response.content
