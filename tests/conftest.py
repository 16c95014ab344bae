"""Shared fixtures: paths to the shared corpus/gold and small helpers."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def corpus_text(stem_prefix: str) -> str:
    matches = sorted(CORPUS.glob(f"{stem_prefix}*.txt"))
    assert matches, f"corpus file {stem_prefix}* missing in {CORPUS}"
    return matches[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    assert CORPUS.is_dir(), f"shared corpus not found at {CORPUS}"
    return CORPUS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    assert GOLD.is_dir(), f"shared gold not found at {GOLD}"
    return GOLD
