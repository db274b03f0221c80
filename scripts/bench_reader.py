"""Benchmark the document reader on a folder: python scripts/bench_reader.py FOLDER [--councils CSV]

Prints documents per second, the time spent extracting text against the time spent reading it, and counts.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from inspections.gazetteer import reference_gazetteer  # noqa: E402
from inspections.reading.errors import ReadingError  # noqa: E402
from inspections.reading.reader import read  # noqa: E402
from inspections.reading.text import extract  # noqa: E402

SUFFIXES = {".pdf", ".docx", ".html", ".htm", ".txt"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument(
        "--councils",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "authorities" / "data" / "councils.csv",
    )
    args = parser.parse_args()
    if not args.folder.is_dir():
        parser.error(f"{args.folder} is not a folder")
    gazetteer, problems = reference_gazetteer(args.councils)
    for problem in problems:
        print(f"{args.councils}: {problem}", file=sys.stderr)
    files = sorted(p for p in args.folder.iterdir() if p.suffix.lower() in SUFFIXES)
    extract_seconds = read_seconds = 0.0
    pages = judgements = failures = 0
    started = time.perf_counter()
    for path in files:
        data = path.read_bytes()
        t0 = time.perf_counter()
        try:
            extracted = extract(data, path.name)
        except ReadingError as error:
            failures += 1
            extract_seconds += time.perf_counter() - t0
            print(f"  {path.name}: {error.code}", file=sys.stderr)
            continue
        t1 = time.perf_counter()
        reading = read(extracted, gazetteer)
        t2 = time.perf_counter()
        extract_seconds += t1 - t0
        read_seconds += t2 - t1
        pages += extracted.page_count
        judgements += len(reading.judgements())
    total = time.perf_counter() - started
    print(f"files: {len(files)}  pages: {pages}  judgements: {judgements}  failures: {failures}")
    print(f"total: {total:.2f} s  documents per second: {len(files) / total if total else 0:.1f}")
    print(
        f"text extraction: {extract_seconds:.2f} s  reading: {read_seconds:.2f} s  "
        f"reading / extraction: {read_seconds / extract_seconds if extract_seconds else 0:.2f}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
