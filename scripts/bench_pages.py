"""Benchmark the dashboards on a synthetic dataset (python manage.py generate_synthetic ...).

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/jt_dash \\
        python scripts/bench_pages.py --database-name jt_synthetic_10 --runs 20

For each page: median and 95th-percentile time, SQL queries per request and peak Python memory (tracemalloc)
of one request; for the full CSV exports: rows, time, rows per second and peak memory. Requests go through
Django's test client in this process (no network, no server), so the times are the application's own.
"""

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

PAGES = [
    ("Councils table", "/authorities/"),
    ("Councils, filtered and sorted", "/authorities/?region=London&sort=-latest_value"),
    ("Council page (Derby)", "/authorities/derby/"),
    ("Council page (Cumberland, with Cumbria)", "/authorities/cumberland/"),
    ("Compare two councils", "/compare/?a=derby&a=derbyshire"),
    ("Compare a council and its neighbours", "/compare/?neighbours_of=derby"),
    ("Compare a region", "/compare/?region=London"),
    ("National picture today", "/national/"),
    ("National picture, SIF, 14 Aug 2017", "/national/?as_at=2017-08-14&kind=sif&basis=all"),
    ("Inspections table", "/inspections/"),
    ("Judgements table, filtered", "/judgements/?theme=overall&value=4"),
    ("Recommendations table", "/recommendations/"),
]
EXPORTS = [
    ("Councils CSV", "/authorities/?format=csv"),
    ("Inspections CSV (all)", "/inspections/?format=csv"),
    ("Judgements CSV (all)", "/judgements/?format=csv"),
    ("Recommendations CSV (all)", "/recommendations/?format=csv"),
    ("National latest CSV", "/national/?download=latest"),
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-name", required=True, help="A database filled by generate_synthetic.")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ["DATABASE_NAME"] = args.database_name  # config/settings.py reads it
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only")
    import django

    django.setup()
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from authorities.models import Authority
    from inspections.models import Inspection, Judgement, Recommendation

    client = Client(SERVER_NAME="localhost")
    print(
        f"Database {connection.settings_dict['NAME']}: {Authority.objects.count()} councils, "
        f"{Inspection.objects.count()} events, {Judgement.objects.count()} judgements, "
        f"{Recommendation.objects.count()} recommendations; {args.runs} runs a page.\n"
    )

    def fetch(url):
        response = client.get(url)
        size = 0
        if response.streaming:
            for chunk in response.streaming_content:
                size += len(chunk)
        else:
            size = len(response.content)
        assert response.status_code == 200, (url, response.status_code)
        return response, size

    print(f"{'page':44} {'median ms':>10} {'p95 ms':>8} {'queries':>8} {'peak MiB':>9} {'KiB':>7}")
    for name, url in PAGES:
        fetch(url)  # warm caches and connections
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            fetch(url)
        query_count = len(queries)  # now: the next request empties the connection's log
        tracemalloc.start()
        _, size = fetch(url)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            fetch(url)
            times.append(1000 * (time.perf_counter() - started))
        print(
            f"{name:44} {statistics.median(times):10.1f} {percentile(times, 0.95):8.1f} {query_count:8d} "
            f"{peak / 2**20:9.1f} {size / 1024:7.0f}"
        )

    print(f"\n{'export':44} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'peak MiB':>9} {'MiB':>7}")
    for name, url in EXPORTS:
        started = time.perf_counter()
        response = client.get(url)
        rows = size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
            rows += chunk.count(b"\n")
        elapsed = time.perf_counter() - started
        rows -= 1  # the header
        tracemalloc.start()  # a second run for memory: tracemalloc slows Python down several times
        for _ in client.get(url).streaming_content:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        speed, peak_mib, size_mib = rows / elapsed, peak / 2**20, size / 2**20
        print(f"{name:44} {rows:9d} {elapsed:8.2f} {speed:9.0f} {peak_mib:9.1f} {size_mib:7.1f}")


if __name__ == "__main__":
    main()
