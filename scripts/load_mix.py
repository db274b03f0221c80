"""The public mix for the load benchmark (scripts/bench_load.py): a locustfile, run by headless locust.

Each visitor asks, without pause, for a page drawn from scripts/load_paths.py by its weight. LOAD_SLUGS
(comma-separated) are the councils the visitors are interested in; LOAD_ONLY=/healthz asks for that path
alone. LOAD_CACHE_FILE receives how many answers came from the page cache (X-Cache: hit) and how many were
rendered (miss).
"""

import json
import os
import random
import sys
from collections import Counter
from pathlib import Path

from locust import FastHttpUser, constant, events, task

sys.path.insert(0, str(Path(__file__).resolve().parent))
from load_paths import public_mix  # noqa: E402

SLUGS = [s for s in os.environ.get("LOAD_SLUGS", "derby,devon,derbyshire").split(",") if s]
ONLY = os.environ.get("LOAD_ONLY", "")
MIX = [(1, ONLY, ONLY)] if ONLY else public_mix(SLUGS)
WEIGHTS = [weight for weight, _, _ in MIX]
CACHE = Counter()


@events.quitting.add_listener
def _save_cache_counts(environment, **kwargs):
    if os.environ.get("LOAD_CACHE_FILE"):
        with open(os.environ["LOAD_CACHE_FILE"], "w") as handle:
            json.dump(CACHE, handle)


class Visitor(FastHttpUser):
    wait_time = constant(0)  # a closed loop: each user asks again as soon as it has its answer

    @task
    def visit(self):
        _, group, path = random.choices(MIX, weights=WEIGHTS)[0]
        with self.client.get(path, name=group, catch_response=True) as response:
            CACHE[response.headers.get("X-Cache", "none")] += 1
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
