"""Benchmark the dashboards on a synthetic dataset (python manage.py generate_synthetic ...).

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/jt_dash \\
        python scripts/bench_pages.py --database-name jt_synthetic_10 --runs 20

For each page, as a visitor who is not signed in: the first request after a change of the data (the data
version is bumped by a no-op UPDATE, as any commit would; with --precompute the version's summaries are
computed first, as a worker does the moment the change commits) with its SQL queries and peak Python memory
(tracemalloc), then warm requests of the same version (median and 95th percentile, answered from the cache)
and their queries. For the full CSV exports: rows, time, rows per second and peak memory. Requests go through
Django's test client in this process (no network, no server), so the times are the application's own; /healthz
is measured the same way for the ratio.
"""

import argparse
import os
import re
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
    ("Compare every unitary authority (a row each)", "/compare/?type=unitary"),
    ("Compare every council in England (153 rows)", "/compare/?region=England"),
    ("National picture today", "/national/"),
    ("National picture, SIF, 14 Aug 2017", "/national/?as_at=2017-08-14&kind=sif&basis=all"),
    # Refused with a message since issue 12 (it built one heat-map column per year to 9999: 18 s, 72 MB).
    ("National picture, a date far past the data", "/national/?as_at=9999-12-31"),
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
    parser.add_argument("--runs", type=int, default=20, help="Warm requests a page.")
    parser.add_argument("--cold-runs", type=int, default=3, help="First requests after a change, a page.")
    parser.add_argument("--precompute", action="store_true", help="Compute each version's summaries first.")
    parser.add_argument("--pages-only", action="store_true", help="Leave out the CSV exports.")
    parser.add_argument("--exports-only", action="store_true", help="Leave out the pages.")
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

    def change(figures=True):
        """A commit that changes nothing but bumps the data version, as a publish or an import would."""
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE authorities_authority SET name = name "
                "WHERE id = (SELECT MIN(id) FROM authorities_authority)"
            )
        if args.precompute and figures:
            from dashboards.precompute import precompute

            started = time.perf_counter()
            precompute()
            precomputed.append(1000 * (time.perf_counter() - started))

    def timed(url):
        started = time.perf_counter()
        response, size = fetch(url)
        return 1000 * (time.perf_counter() - started), response, size

    precomputed = []
    healthz = [timed("/healthz")[0] for _ in range(args.runs)]
    print(f"/healthz: median {statistics.median(healthz):.2f} ms, p95 {percentile(healthz, 0.95):.2f} ms\n")
    print(
        f"{'page':44} {'first ms':>9} {'queries':>8} {'peak MiB':>9} "
        f"{'warm med':>9} {'warm p95':>9} {'queries':>8} {'KiB':>6}"
    )
    for name, url in [] if args.exports_only else PAGES:
        fetch(url)  # warm connections and imports
        cold = []
        for run in range(args.cold_runs):
            change()
            if run == 0:
                reset_queries()
                with CaptureQueriesContext(connection) as queries:
                    cold.append(timed(url)[0])
                cold_queries = len(queries)
            else:
                cold.append(timed(url)[0])
        change(figures=False)  # memory of a first request (figures computed here if not precomputed)
        tracemalloc.start()
        _, size = fetch(url)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        with CaptureQueriesContext(connection) as queries:
            elapsed, response, _ = timed(url)
        assert response.get("X-Cache") == "hit", (url, response.get("X-Cache"))
        warm_queries = len(queries)
        warm = [timed(url)[0] for _ in range(args.runs)]
        print(
            f"{name:44} {max(cold):9.1f} {cold_queries:8d} {peak / 2**20:9.1f} "
            f"{statistics.median(warm):9.2f} {percentile(warm, 0.95):9.2f} {warm_queries:8d} "
            f"{size / 1024:6.0f}"
        )
    if precomputed:
        print(
            "\nprecompute after a change (what a worker does): "
            f"median {statistics.median(precomputed):.0f} ms"
        )
    if args.pages_only:
        return

    print(
        f"\n{'export (first after a change)':44} {'rows':>9} {'seconds':>8} {'rows/s':>9} {'peak MiB':>9} "
        f"{'MiB':>7} {'sends':>7} complete"
    )
    for name, url in EXPORTS:
        change()  # not from the cache: written by the database
        started = time.perf_counter()
        response = client.get(url)
        size = sends = 0
        tail = b""
        for chunk in response.streaming_content:
            size += len(chunk)
            sends += 1  # each chunk is one write to the socket under gunicorn
            tail = (tail + chunk)[-200:]
        elapsed = time.perf_counter() - started
        trailer = re.search(rb"# End of data: (\d+) rows\. A file without this line is incomplete\.\n$", tail)
        rows = int(trailer.group(1)) if trailer else 0
        change()
        tracemalloc.start()  # a second run for memory: tracemalloc slows Python down several times
        for _ in client.get(url).streaming_content:
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        speed, peak_mib, size_mib = rows / elapsed, peak / 2**20, size / 2**20
        print(
            f"{name:44} {rows:9d} {elapsed:8.2f} {speed:9.0f} {peak_mib:9.1f} {size_mib:7.1f} {sends:7d} "
            f"{'yes' if trailer else 'NO'}"
        )


if __name__ == "__main__":
    main()
