"""Shared paths and loaders for the reader's tests (no Django: the councils file is parsed by
authorities.reference, the one parser of it, which is plain Python)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from inspections.gazetteer import reference_gazetteer
from inspections.reading.councils import Gazetteer
from inspections.reading.reader import read
from inspections.reading.text import ExtractedText, extract

HERE = Path(__file__).resolve().parent
# The corpus lives beside the project checkout, never inside it.
SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
CORPUS = SHARED / "corpus"
SEEDS = CORPUS / "seeds"
EXPECTED = CORPUS / "expected"
PDFS = CORPUS / "pdf"
FIXTURE_GAZETTEER = HERE / "councils_fixture.csv"


@cache
def gazetteer() -> Gazetteer:
    return reference_gazetteer(FIXTURE_GAZETTEER)[0]


def seed_text(name: str) -> str:
    return (SEEDS / f"{name}.txt").read_text(encoding="utf-8")


def expected(name: str) -> dict:
    return json.loads((EXPECTED / f"{name}.json").read_text(encoding="utf-8"))


def seed_names() -> list[str]:
    return sorted(path.stem for path in EXPECTED.glob("*.json"))


def read_text(text: str):
    return read(ExtractedText.from_string(text), gazetteer())


@cache
def read_pdf_file(name: str):
    path = PDFS / f"{name}.pdf"
    return read(extract(path.read_bytes(), path.name), gazetteer())


def pdf_cases() -> list[str]:
    return sorted(path.stem for path in PDFS.glob("*.json"))


def pdf_expected(name: str) -> dict:
    return json.loads((PDFS / f"{name}.json").read_text(encoding="utf-8"))


def judgement_key(judgement: dict) -> tuple:
    return (
        judgement.get("section") or "",
        judgement["theme"],
        judgement.get("parent_theme") or "",
        judgement["label"],
        judgement["grade"],
        judgement["value"],
    )


# The corpus writes the SLAC unannounced inspection as 'unannounced_inspection'; the vocabulary says
# 'unannounced'.
KIND_ALIASES = {"unannounced_inspection": "unannounced"}
