"""Load benchmark: the public mix under N concurrent users against gunicorn with production settings, side by
side with /healthz under the same load in the same run (the ratio is what holds from machine to machine).

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/jt_dash REDIS_URL=redis://127.0.0.1:6379/6 \\
        python scripts/bench_load.py --database-name jt_synthetic_10 --users 50 --seconds 60 --port 8430

It starts gunicorn (DEBUG=0, --workers, the deployment's config/gunicorn.conf.py when there is one) on a
loopback port against the named database (filled by generate_synthetic) and the Redis of REDIS_URL, then runs
locust headless three times for --seconds each with --users users asking without pause: /healthz alone; the
public mix (scripts/load_mix.py, scripts/load_paths.py) just after a change of the data (a no-op commit: every
cached page and figure is then out of date, as after a publish or an import, and workers precompute the new
version's figures only if --worker starts one); then, every page of the mix having been asked for once, the
same mix again (the steady state of a day without changes). Loopback only, bounded in time. --change-every S
also commits a change every S seconds during the mixes. Prints requests per second, median, 95th and 99th
percentiles and errors of each, and each mix's throughput as a share of /healthz's.
"""

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


def _wait_until_up(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {seconds} s")


def _slugs(database_name: str, count: int) -> list[str]:
    import psycopg

    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + database_name
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT slug FROM authorities_authority WHERE active_to IS NULL ORDER BY id LIMIT %s", [count]
        ).fetchall()
    return [row[0] for row in rows]


def _change(database_name: str) -> None:
    """A commit that changes nothing but bumps the data version, as a publish or an import would."""
    import psycopg

    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + database_name
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "UPDATE authorities_authority SET name = name "
            "WHERE id = (SELECT MIN(id) FROM authorities_authority)"
        )


def _changer(database_name: str, every: float, stop: threading.Event) -> None:
    while not stop.wait(every):
        _change(database_name)


def _locust(host: str, users: int, seconds: int, env: dict, prefix: str) -> dict:
    subprocess.run(
        [str(VENV_BIN / "locust"), "-f", str(ROOT / "scripts" / "load_mix.py"), "--headless", "--host", host,
         "-u", str(users), "-r", str(users), "-t", f"{seconds}s", "--csv", prefix, "--only-summary",
         "--loglevel", "WARNING", "--stop-timeout", "5"],
        env={**env, "LOAD_CACHE_FILE": f"{prefix}_cache.json"}, check=False,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as handle:
        rows = {row["Name"]: row for row in csv.DictReader(handle)}
    with open(f"{prefix}_cache.json") as handle:
        rows["cache"] = json.load(handle)
    return rows


def _warm(host: str, slugs: list[str], threads: int) -> int:
    """Ask for every page of the mix once (a day's first visitors), `threads` at a time."""
    from concurrent.futures import ThreadPoolExecutor

    sys.path.insert(0, str(ROOT / "scripts"))
    from load_paths import public_mix

    paths = sorted({path for _, _, path in public_mix(slugs)})

    def fetch(path):
        with urllib.request.urlopen(host + path, timeout=120) as response:
            response.read()

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(fetch, paths))
    return len(paths)


def _line(label: str, row: dict) -> str:
    errors = int(row["Failure Count"])
    return (
        f"{label:28} {float(row['Requests/s']):9.1f} {float(row['50%']):8.0f} {float(row['95%']):8.0f} "
        f"{float(row['99%']):8.0f} {int(row['Request Count']):9d} {errors:7d}"
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-name", required=True, help="A database filled by generate_synthetic.")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn worker processes")
    parser.add_argument("--port", type=int, default=8430)
    parser.add_argument("--councils", type=int, default=150, help="How many councils the visitors ask for.")
    parser.add_argument("--change-every", type=float, default=0, help="Commit a change every S seconds.")
    parser.add_argument("--worker", action="store_true", help="Run a Celery worker (it precomputes figures).")
    args = parser.parse_args()
    random.seed(2009)

    host = f"http://127.0.0.1:{args.port}"
    env = {
        **os.environ,
        "DEBUG": "0",
        "DATABASE_NAME": args.database_name,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PUBLIC_PAGE_RATE": "100000000/m",  # one client (this script) is everyone here: no per-client limit
        "LOG_LEVEL": "WARNING",
    }
    gunicorn = [str(VENV_BIN / "gunicorn"), "config.wsgi", "--workers", str(args.workers), "--bind",
                f"127.0.0.1:{args.port}", "--log-level", "warning"]  # fmt: skip
    config = ROOT / "config" / "gunicorn.conf.py"
    if config.exists():
        gunicorn[1:1] = ["-c", str(config)]
    server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    worker = None
    if args.worker:
        worker = subprocess.Popen(
            [str(VENV_BIN / "celery"), "-A", "config.celery_app", "worker", "--concurrency", "1",
             "--loglevel", "WARNING", "--queues", f"bench-load-{args.port}"],
            cwd=ROOT, env={**env, "CELERY_QUEUE": f"bench-load-{args.port}"}, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        env["CELERY_QUEUE"] = f"bench-load-{args.port}"
    try:
        _wait_until_up(f"{host}/healthz")
        slugs = _slugs(args.database_name, args.councils)
        load_env = {**env, "LOAD_SLUGS": ",".join(slugs)}
        print(
            f"{args.database_name}: {args.users} users for {args.seconds} s each, gunicorn {args.workers} "
            f"workers, DEBUG=0, {len(slugs)} councils asked for"
            + (f", a change committed every {args.change_every:g} s" if args.change_every else "")
        )
        print(f"{'':28} {'req/s':>9} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'requests':>9} {'errors':>7}")
        with tempfile.TemporaryDirectory() as folder:
            health = _locust(
                host, args.users, args.seconds, {**load_env, "LOAD_ONLY": "/healthz"}, f"{folder}/h"
            )
            print(_line("/healthz", health["Aggregated"]))
            stop = threading.Event()
            _change(args.database_name)
            if args.change_every:
                threading.Thread(
                    target=_changer, args=(args.database_name, args.change_every, stop), daemon=True
                ).start()
            mixes = [
                (
                    "mix, just after a change",
                    _locust(host, args.users, args.seconds, load_env, f"{folder}/m0"),
                )
            ]
            warmed = _warm(host, slugs, args.workers)
            print(f"(then {warmed} pages of the mix asked for once each, as a day's first visitors would)")
            mixes.append(("mix, steady", _locust(host, args.users, args.seconds, load_env, f"{folder}/m1")))
            stop.set()
        for label, mix in mixes:
            for name, row in sorted(mix.items()):
                if name not in ("Aggregated", "cache"):
                    print(_line(f"  {name}", row))
            print(_line(label, mix["Aggregated"]))
            answers = mix["cache"]
            print(f"{'':28} from the cache: {answers.get('hit', 0)}, rendered: {answers.get('miss', 0)}")
        for label, mix in mixes:
            ratio = float(mix["Aggregated"]["Requests/s"]) / max(
                float(health["Aggregated"]["Requests/s"]), 1e-9
            )
            print(f"{label}: {ratio:.3f} of /healthz's throughput (1/{1 / max(ratio, 1e-9):.1f})")
    finally:
        for process in (server, worker):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


if __name__ == "__main__":
    main()
