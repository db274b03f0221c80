"""Benchmark THE "latest judgement" rule (inspections.latest) on whatever the database holds.

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/jt_figures python scripts/bench_latest.py

For every council at once, for one council, and for the national distribution that builds on it: SQL queries
per call (must stay 1), median and 95th-percentile time, and rows returned. Counts and ratios are what to
compare between machines; the times are this machine's.
"""

import argparse
import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from authorities.models import Authority
    from dashboards.queries.distribution import national_distribution
    from inspections.latest import latest_by_council

    derby = list(Authority.objects.filter(slug="derby").values_list("pk", flat=True))
    june_2025 = datetime.date(2025, 6, 30)
    cases = [
        ("every council, today", lambda: latest_by_council(None)),
        (
            "every council, ILACS, 30 Jun 2025",
            lambda: latest_by_council(None, june_2025, "ilacs"),
        ),
        ("one council", lambda: latest_by_council(derby)),
        ("national distribution (latest basis)", lambda: national_distribution(june_2025, "ilacs")),
    ]
    print(f"{'case':42} {'queries':>7} {'rows':>6} {'median ms':>10} {'p95 ms':>8}")
    for name, call in cases:
        with CaptureQueriesContext(connection) as queries:
            result = call()
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            call()
            times.append((time.perf_counter() - started) * 1000)
        rows = len(result) if hasattr(result, "__len__") else result.counted
        p95 = sorted(times)[max(0, int(len(times) * 0.95) - 1)]
        print(f"{name:42} {len(queries):>7} {rows:>6} {statistics.median(times):>10.1f} {p95:>8.1f}")


if __name__ == "__main__":
    main()
