"""Benchmark: import every official file into an empty database; print rows per second, queries and peak
memory.

    BENCH_DATABASE_NAME=bench_jt_official python scripts/bench_import.py

The database named by BENCH_DATABASE_NAME (default: bench_judgement_tracker) is created from scratch on the
server that DATABASE_URL (or the embedded PostgreSQL) points at, migrated, given the councils, and dropped at
the end.
"""

import os
import sys
import time
import tracemalloc
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ["TEST_DATABASE_NAME"] = os.environ.get("BENCH_DATABASE_NAME", "bench_judgement_tracker")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

from inspections.management.commands.load_official_data import FILES, OFFICIAL_DATA_DIR  # noqa: E402
from inspections.models import Inspection, Judgement, Source  # noqa: E402
from inspections.official.save import import_file  # noqa: E402


def _peak_memory(path) -> float:
    """Peak MB allocated by one import, measured in a rolled-back run: tracemalloc slows Python down several
    times, so the timed run goes without it."""
    with transaction.atomic():
        tracemalloc.start()
        import_file(path)
        peak = tracemalloc.get_traced_memory()[1] / 1e6
        tracemalloc.stop()
        transaction.set_rollback(True)
    return peak


def _counter(queries: list[int]):
    def count(execute, sql, *args):
        queries.append(1)
        return execute(sql, *args)

    return count


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_councils", verbosity=0)
        columns = "{:<58} {:>6} {:>7} {:>8} {:>8} {:>8} {:>6}"
        print(columns.format("file", "rows", "events", "seconds", "rows/s", "queries", "MB"))
        totals = [0, 0.0, 0]
        for name, _ in FILES:
            queries: list[int] = []
            peak = _peak_memory(OFFICIAL_DATA_DIR / name)
            started = time.perf_counter()
            # Counted by a wrapper: Django's query log would format every bulk INSERT, slowly.
            with connection.execute_wrapper(_counter(queries)):
                report = import_file(OFFICIAL_DATA_DIR / name)
            seconds = time.perf_counter() - started
            if not report.ok:
                raise SystemExit(f"{name}: {report.problems}")
            summary = report.summary
            rows = summary.get("rows_read", summary.get("councils", 0))
            events = summary.get("events_in_file", summary.get("neighbours", 0))
            totals = [totals[0] + rows, totals[1] + seconds, totals[2] + len(queries)]
            print(
                columns.format(
                    name, rows, events, f"{seconds:.2f}", f"{rows / seconds:.0f}", len(queries), f"{peak:.1f}"
                )
            )
        seconds = totals[1]
        print(
            columns.format(
                "all files", totals[0], "", f"{seconds:.2f}", f"{totals[0] / seconds:.0f}", totals[2], ""
            )
        )
        print(
            f"Stored: {Inspection.objects.count()} events, {Judgement.objects.count()} judgements, "
            f"{Source.objects.count()} sources."
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
