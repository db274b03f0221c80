"""The load script's visitors (scripts/load.py runs this with locust; loopback only).

A realistic mix for a public dashboard: mostly council pages, then compare and the national picture, now and
then a CSV download and a sign-in, and /healthz alongside as the yardstick every page is compared with.
"""
# Picking pages at random needs no cryptography.
# ruff: noqa: S311

import os
import random

from locust import HttpUser, between, task

SLUGS = os.environ.get("LOAD_SLUGS", "derby").split(",")
USERNAME = os.environ.get("LOAD_USERNAME", "load-tester")
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
DATES = ["2012-03-31", "2015-08-14", "2017-08-14", "2019-12-31", "2023-03-31", ""]


class Visitor(HttpUser):
    wait_time = between(0.5, 2.0)

    @task(8)
    def council(self):
        self.client.get(f"/authorities/{random.choice(SLUGS)}/", name="/authorities/<slug>/")

    @task(2)
    def councils_table(self):
        self.client.get("/authorities/?region=London&sort=-latest_value", name="/authorities/?filtered")

    @task(3)
    def compare(self):
        first, second = random.sample(SLUGS, 2)
        self.client.get(f"/compare/?a={first}&a={second}", name="/compare/?a=&a=")

    @task(1)
    def compare_neighbours(self):
        self.client.get(f"/compare/?neighbours_of={random.choice(SLUGS)}", name="/compare/?neighbours_of=")

    @task(3)
    def national(self):
        as_at = random.choice(DATES)
        self.client.get(f"/national/?as_at={as_at}" if as_at else "/national/", name="/national/")

    @task(1)
    def csv(self):
        self.client.get("/authorities/?format=csv", name="/authorities/?format=csv")

    @task(1)
    def sign_in(self):
        page = self.client.get("/accounts/login/", name="/accounts/login/ (GET)")
        token = page.cookies.get("csrftoken") or self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="/accounts/login/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")
        self.client.get("/documents/", name="/documents/ (signed in)")
        self.client.cookies.clear()

    @task(4)
    def healthz(self):
        self.client.get("/healthz", name="/healthz")
