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


def gold_docs() -> list[dict]:
    """Every gold annotation in ../shared/gold (fails loudly when missing)."""
    import json

    files = sorted(GOLD.glob("*.json"))
    assert len(files) >= 2, f"gold annotations missing in {GOLD}"
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def f1(pred: set, gold: set) -> float:
    """F1 of two sets, as ../shared/eval/score.py computes it (empty sides score 1)."""
    tp = len(pred & gold)
    p = tp / len(pred) if pred else 1.0
    r = tp / len(gold) if gold else 1.0
    return 2 * p * r / (p + r) if p + r else 0.0
