"""Reading files from disk for the command line and the benchmark: no database, no web, no Django."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .councils import Gazetteer
from .errors import ReadingError
from .reader import read
from .text import extract


def read_file(path: str | Path, gazetteer: Gazetteer) -> dict[str, Any]:
    """The expected-shape reading of one file, or {"file", "error", "message"} when it cannot be read."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return {
            "file": str(path),
            "error": "not_found",
            "message": f"The file cannot be opened: {exc.strerror}.",
        }
    try:
        reading = read(extract(data, path.name), gazetteer)
    except ReadingError as error:
        return {"file": str(path), "error": error.code, "message": error.message}
    return {"file": str(path), **reading.to_expected_shape()}


def read_files(paths: list[str | Path], gazetteer: Gazetteer) -> list[dict[str, Any]]:
    return [read_file(path, gazetteer) for path in paths]


def summary(result: dict[str, Any]) -> str:
    """One line per file for people: what it is, whose, and what was found."""
    if "error" in result:
        return f"{result['file']}: ERROR {result['error']}: {result['message']}"
    parts = [f"{result['file']}: {result['document_kind']}", f"council {result['authority'] or '?'}"]
    if result["authority_code"]:
        parts[-1] += f" ({result['authority_code']})"
    for event in result["events"]:
        when = event["start"] or event["month"] or event["season"] or event["year"] or "undated"
        grades = ", ".join(f"{j['theme']}={j['grade']}" for j in event["judgements"])
        recs = event.get("recommendations", {}).get("count")
        text = f"{event['role']} {event['kind']} {when}"
        if grades:
            text += f" [{grades}]"
        if recs:
            text += f" {recs} recommendation(s)"
        parts.append(text)
    for problem in result["errors"]:
        parts.append(f"problem {problem['code']}: {problem['message']}")
    return "; ".join(parts)
