"""The public mix for the load benchmark (scripts/bench_load.py): a locustfile, run by headless locust.

What a day of visitors asks for, by weight: council pages most (a committee meeting opens one council; the
press and the region open the council in the news, so a few councils take a large share), the councils
table, the national picture, compare, the tables of judgements and inspections, and now and then a CSV.
LOAD_SLUGS (comma-separated) are the councils to ask for; LOAD_ONLY=/healthz asks for that path alone.
"""

import os
import random

from locust import FastHttpUser, constant, task

SLUGS = [s for s in os.environ.get("LOAD_SLUGS", "derby,devon,derbyshire").split(",") if s]
IN_THE_NEWS = SLUGS[:3]
ONLY = os.environ.get("LOAD_ONLY", "")
REGIONS = ["London", "North West", "South East", "East Midlands", "Yorkshire and The Humber"]


def _council() -> str:
    return random.choice(IN_THE_NEWS) if random.random() < 0.5 else random.choice(SLUGS)


class Visitor(FastHttpUser):
    wait_time = constant(0)  # a closed loop: each user asks again as soon as it has its answer

    def _get(self, path, name):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")

    @task(1)
    def only(self):
        if ONLY:
            self._get(ONLY, ONLY)
        else:
            self._get("/", "home")

    @task(0 if ONLY else 30)
    def council(self):
        self._get(f"/authorities/{_council()}/", "council page")

    @task(0 if ONLY else 10)
    def councils(self):
        region = random.choice(REGIONS)
        self._get(random.choice(["/authorities/", f"/authorities/?region={region}"]), "councils table")

    @task(0 if ONLY else 12)
    def national(self):
        paths = ["/national/", "/national/?kind=ilacs", "/national/?theme=help_and_protection"]
        self._get(random.choice(paths), "national picture")

    @task(0 if ONLY else 12)
    def compare(self):
        choice = random.random()
        if choice < 0.5:  # a council beside one in the news
            path = f"/compare/?a={random.choice(IN_THE_NEWS)}&a={_council()}"
        elif choice < 0.8:
            path = f"/compare/?neighbours_of={_council()}"
        else:
            path = f"/compare/?region={random.choice(REGIONS)}"
        self._get(path, "compare")

    @task(0 if ONLY else 8)
    def tables(self):
        path = random.choice(
            ["/judgements/?theme=overall&value=4", "/inspections/", f"/inspections/?council={_council()}",
             "/recommendations/"]
        )  # fmt: skip
        self._get(path, "tables")

    @task(0 if ONLY else 2)
    def csv(self):
        self._get(f"/authorities/{_council()}/?download=timeline", "council CSV")
