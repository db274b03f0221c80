"""Benchmark: documents per minute from `manage.py ingest` to "needs review", with 1 and then 2 workers.

    .venv/bin/python scripts/bench_ingest.py ../shared/corpus/pdf --workers 1 2 --copies 2

For each worker count: a fresh database (BENCH_DATABASE_NAME, default bench_jt_ingest, on the server that
DATABASE_URL or the embedded PostgreSQL points at) with the councils; N real Celery workers (solo pool, one
process each) on a queue of their own; then the ingest command on the folder, timed from its start until no
document is queued or being read. `--copies K` brings each file in K times with a distinct trailing comment
(after the PDF's %%EOF, which readers ignore) so that a small corpus makes a bigger batch that is not all
duplicates. Prints documents, seconds for the command alone, seconds to the last reading, documents per
minute, and the speed-up of 2 workers over 1.
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("SECRET_KEY", "benchmark-only")
os.environ["TEST_DATABASE_NAME"] = os.environ.get("BENCH_DATABASE_NAME", "bench_jt_ingest")
MEDIA = Path(tempfile.mkdtemp(prefix="bench-ingest-media-"))
os.environ["MEDIA_ROOT"] = str(MEDIA)
QUEUE = f"bench-ingest-{uuid.uuid4().hex[:8]}"
os.environ["CELERY_QUEUE"] = QUEUE

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment, teardown_test_environment  # noqa: E402

from inspections.documents import intake  # noqa: E402
from inspections.models import Document  # noqa: E402


def _copies(source: Path, copies: int) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="bench-ingest-files-"))
    for path in sorted(p for p in source.rglob("*") if p.is_file() and intake.allowed(p.name)):
        data = path.read_bytes()
        for n in range(copies):
            target = folder / f"{path.stem}-{n}{path.suffix}"
            target.write_bytes(data + (f"\n% copy {n}\n".encode() if n else b""))
    return folder


def _workers(count: int, log_dir: Path) -> list[subprocess.Popen]:
    env = {**os.environ, "DATABASE_NAME": connection.settings_dict["NAME"]}
    processes = []
    for n in range(count):
        log = open(log_dir / f"worker-{n}.log", "w")  # noqa: SIM115 - closed with the process
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "celery",
                    "-A",
                    "config",
                    "worker",
                    "--pool=solo",
                    "--loglevel=WARNING",
                    "--without-gossip",
                    "--without-mingle",
                    "--without-heartbeat",
                    "-Q",
                    QUEUE,
                    "-n",
                    f"bench{n}@%h",
                ],
                cwd=PROJECT_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        )
    time.sleep(6)  # each worker imports Django and connects to Redis before it takes a task
    return processes


def _stop(processes):
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def run(folder: Path, workers: int, log_dir: Path) -> dict:
    Document.objects.all().delete()
    processes = _workers(workers, log_dir)
    try:
        started = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            call_command("ingest", str(folder), "--no-progress", stdout=quiet, stderr=quiet)
        command_seconds = time.perf_counter() - started
        active = (Document.State.QUEUED, Document.State.READING)
        while Document.objects.filter(state__in=active).exists():
            if any(p.poll() is not None for p in processes):
                raise SystemExit(f"A worker stopped; see {log_dir}")
            time.sleep(0.25)
        seconds = time.perf_counter() - started
    finally:
        _stop(processes)
    counts = {state: Document.objects.filter(state=state).count() for state in Document.State.values}
    total = sum(counts.values())
    return {
        "workers": workers,
        "documents": total,
        "command_s": command_seconds,
        "total_s": seconds,
        "per_minute": 60 * total / seconds,
        "needs_review": counts["needs_review"],
        "failed": counts["failed"],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--copies", type=int, default=1)
    args = parser.parse_args()
    folder = _copies(args.folder, args.copies)
    log_dir = Path(tempfile.mkdtemp(prefix="bench-ingest-logs-"))
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        call_command("load_councils", verbosity=0)
        columns = "{:>7} {:>9} {:>10} {:>10} {:>8} {:>12} {:>6}"
        print(
            columns.format(
                "workers", "documents", "command s", "to review s", "docs/min", "needs review", "failed"
            )
        )
        results = []
        for workers in args.workers:
            r = run(folder, workers, log_dir)
            results.append(r)
            print(
                columns.format(
                    r["workers"],
                    r["documents"],
                    f"{r['command_s']:.1f}",
                    f"{r['total_s']:.1f}",
                    f"{r['per_minute']:.0f}",
                    r["needs_review"],
                    r["failed"],
                )  # fmt: skip
            )
        if len(results) > 1:
            print(f"speed-up of {results[-1]['workers']} workers over {results[0]['workers']}: "
                  f"{results[-1]['per_minute'] / results[0]['per_minute']:.2f}x")  # fmt: skip
        print(
            f"(machine: {os.cpu_count()} CPU cores; the workers share them with the database and this script)"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()
        shutil.rmtree(folder, ignore_errors=True)
        shutil.rmtree(MEDIA, ignore_errors=True)


if __name__ == "__main__":
    main()
