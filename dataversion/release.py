"""Which release of the code is running: part of every cache key beside the data version.

The data version says when the data changed; a deployment changes how the same data are drawn (a template, a
query, a chart). Without this, pages and figures kept for the current data version would outlive the code
that made them until the next publish. RELEASE (set by the deployment, e.g. the image's git commit) names it;
without it, a digest of the code's files (their names, sizes and modification times) does, taken once per
process: a few hundred stat calls at start-up.
"""

import hashlib
from functools import cache
from pathlib import Path

from django.conf import settings

from config.env import env_str

_SOURCES = ("*.py", "*.html", "*.js", "*.css", "*.json")


@cache
def release() -> str:
    named = env_str("RELEASE")
    if named:
        return named
    digest = hashlib.sha256()
    base = Path(settings.BASE_DIR)
    for folder in sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if folder.name in {"tests", "node_modules", "media", "staticfiles", "frontend", "data"}:
            continue
        for pattern in _SOURCES:
            for path in sorted(folder.rglob(pattern)):
                stat = path.stat()
                digest.update(f"{path.relative_to(base)}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]
