"""Load test: 50 concurrent visitors on a realistic mix against gunicorn in production mode, loopback only.

    SECRET_KEY=x DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python scripts/load.py --database-name jt_synthetic_10 --users 50 --seconds 60

Starts gunicorn (DEBUG=0, the deployment's gunicorn settings) on a free port of 127.0.0.1 against the named
database (fill it first with `manage.py generate_synthetic --scale 10`), adds a sign-in account for the run,
and drives it with locust (a well-kept load tool) for a bounded time and a bounded number of requests. Prints
each request type's count, errors, median and 95th percentile, and the 95th percentile as a multiple of
/healthz's under the same load. Exits 1 if any request failed.

The per-client rate limit of the expensive pages would throttle 50 visitors who all come from 127.0.0.1, so
this run sets PUBLIC_PAGE_RATE far above them: it measures the pages, not the limit.
"""

import argparse
import csv
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent


def free_port(low=8300, high=8399) -> int:
    for port in range(low, high + 1):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"No free port in {low}-{high}.")


def manage(env, code) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=PROJECT_DIR, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return result.stdout.strip().splitlines()[-1]


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-name", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--max-requests", type=int, default=20000, help="stop once this many were made")
    args = parser.parse_args()

    password = secrets.token_urlsafe(24)
    env = {
        **os.environ,
        "DATABASE_NAME": args.database_name,
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "PUBLIC_PAGE_RATE": "1000000/m",
        "WEB_CONCURRENCY": str(args.workers),
        "LOG_LEVEL": "WARNING",
    }
    slugs = manage(
        env,
        "import json; from authorities.models import Authority; "
        "slugs = Authority.objects.current().order_by('slug').values_list('slug', flat=True)[:60]; "
        "print(json.dumps(list(slugs)))",
    )
    manage(
        env,
        "from django.contrib.auth.models import Group, User; "
        "u, _ = User.objects.get_or_create(username='load-tester'); "
        f"u.set_password({password!r}); u.save(); u.groups.add(Group.objects.get(name='viewer'))",
    )
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    work = Path(tempfile.mkdtemp(prefix="jt-load-"))
    server_log = open(work / "gunicorn.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=PROJECT_DIR, env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=server_log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(f"{host}/healthz", timeout=2)  # noqa: S310 (our own loopback server)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit(f"gunicorn did not start; see {work / 'gunicorn.log'}") from None
                time.sleep(0.3)
        locust_env = {
            **os.environ,
            "LOAD_SLUGS": ",".join(json.loads(slugs)),
            "LOAD_USERNAME": "load-tester",
            "LOAD_PASSWORD": password,
        }
        subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(PROJECT_DIR / "scripts" / "locustfile.py"),
             "--headless", "--host", host, "-u", str(args.users), "-r", str(max(1, args.users // 5)),
             "--run-time", f"{args.seconds}s", "--stop-timeout", "10", "--csv", str(work / "load"),
             "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0"],
            env=locust_env, cwd=work, check=True, timeout=args.seconds + 120,
        )  # fmt: skip
    finally:
        server.terminate()
        server.wait(timeout=30)
        server_log.close()
    report(work / "load_stats.csv", args)


def report(path: Path, args) -> None:
    with open(path) as handle:
        rows = list(csv.DictReader(handle))
    by_name = {row["Name"]: row for row in rows}
    health = float(by_name["/healthz"]["95%"]) or 1.0
    total = by_name["Aggregated"]
    print(
        f"\n{args.users} users for {args.seconds} s, {args.workers} gunicorn workers, "
        f"database {args.database_name}"
    )
    print(f"{'request':34} {'count':>7} {'errors':>7} {'p50 ms':>8} {'p95 ms':>8} {'p95/healthz':>12}")
    for row in rows:
        p95 = float(row["95%"])
        print(
            f"{row['Name']:34} {row['Request Count']:>7} {row['Failure Count']:>7} "
            f"{float(row['50%']):>8.0f} {p95:>8.0f} {p95 / health:>12.1f}"
        )
    failures = int(total["Failure Count"])
    print(
        f"\n{total['Request Count']} requests, {failures} errors, {float(total['Requests/s']):.1f} requests/s"
    )
    if int(total["Request Count"]) > args.max_requests:
        print(f"(more than --max-requests={args.max_requests}: lower --users or --seconds)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
