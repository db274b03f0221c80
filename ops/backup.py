"""A backup is a folder: the database (pg_dump's custom format), the uploaded files (a tar of MEDIA_ROOT)
and a manifest with the SHA-256 of each. pg_dump, pg_restore and tar are the well-kept tools for this; the
code here only runs them in the right order and checks what comes back.

Consistency: the database is dumped first, in one snapshot; the files are copied after it. Uploaded files are
written before the row that names them and never changed afterwards, so every file the dump names is in the
copy (a file uploaded in between is copied too, and is harmless).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connection

MANIFEST = "manifest.json"
DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar"


class BackupError(Exception):
    pass


def _pg_tool(name: str) -> str:
    """The newest pg_dump / pg_restore to hand: PG_BIN_DIR's, the embedded server's, or the PATH's."""
    candidates = []
    if os.environ.get("PG_BIN_DIR"):
        candidates.append(Path(os.environ["PG_BIN_DIR"]) / name)
    if not settings.DATABASE_URL:
        import pgserver

        candidates.append(Path(pgserver.__file__).parent / "pginstall" / "bin" / name)
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    for candidate in candidates:
        if candidate.exists():
            return str(candidate)
    raise BackupError(f"{name} was not found: install PostgreSQL's client tools or set PG_BIN_DIR.")


def _connection_env() -> tuple[list[str], dict]:
    connection.ensure_connection()
    params = connection.get_connection_params()
    args = ["--host", str(params.get("host") or "127.0.0.1"), "--port", str(params.get("port") or 5432)]
    args += ["--username", params.get("user") or "postgres", "--dbname", params["dbname"]]
    env = {**os.environ}
    if params.get("password"):
        env["PGPASSWORD"] = params["password"]
    return args, env


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _media_files(root: Path) -> dict[str, dict]:
    files = {}
    if root.exists():
        for path in sorted(root.rglob("*")):
            if path.is_file():
                files[path.relative_to(root).as_posix()] = {
                    "sha256": _sha256(path),
                    "bytes": path.stat().st_size,
                }
    return files


def backup(destination: Path) -> Path:
    """Write a backup folder under `destination`; returns it."""
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    folder = destination / f"judgement-tracker-{stamp}"
    folder.mkdir(parents=True, exist_ok=False)
    args, env = _connection_env()
    dump = folder / DATABASE_FILE
    subprocess.run(
        [_pg_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges", "--file", str(dump)],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    media_root = Path(settings.MEDIA_ROOT)
    files = _media_files(media_root)
    with tarfile.open(folder / MEDIA_FILE, "w") as tar:
        for name in files:
            tar.add(media_root / name, arcname=name, recursive=False)
    manifest = {
        "created_at": stamp,
        "database": {"file": DATABASE_FILE, "sha256": _sha256(dump)},
        "media": {"file": MEDIA_FILE, "files": files},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1))
    return folder


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
        return cursor.fetchone()[0] == 0


def restore(folder: Path) -> dict:
    """Restore a backup folder into an empty database and an empty MEDIA_ROOT; every file is checked against
    the manifest. Refuses, changing nothing, when either is not empty or the backup is damaged."""
    manifest_path = folder / MANIFEST
    if not manifest_path.exists():
        raise BackupError(f"{folder} has no {MANIFEST}: it is not a backup made by `manage.py backup`.")
    manifest = json.loads(manifest_path.read_text())
    dump = folder / manifest["database"]["file"]
    if _sha256(dump) != manifest["database"]["sha256"]:
        raise BackupError(f"{dump} does not match its checksum in the manifest: the backup is damaged.")
    if not _database_is_empty():
        raise BackupError("The database is not empty: restore into a new, empty database.")
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.iterdir()):
        raise BackupError(f"MEDIA_ROOT ({media_root}) is not empty: restore into an empty folder.")
    args, env = _connection_env()
    connection.close()
    result = subprocess.run(
        [_pg_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error", str(dump)],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed:\n{result.stderr}")
    media_root.mkdir(parents=True, exist_ok=True)
    expected = manifest["media"]["files"]
    with tarfile.open(folder / manifest["media"]["file"]) as tar:
        tar.extractall(media_root, filter="data")  # the 'data' filter refuses absolute paths and links out
    restored = _media_files(media_root)
    wrong = sorted(
        name for name, info in expected.items() if restored.get(name, {}).get("sha256") != info["sha256"]
    )
    if wrong:
        raise BackupError(f"{len(wrong)} restored files do not match the manifest, e.g. {wrong[:3]}.")
    if settings.DATABASE_APP_ROLE:
        from config.dbroles import grant_app_role

        grant_app_role(settings.DATABASE_APP_ROLE)
    return {"files": len(restored)}
