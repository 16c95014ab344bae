"""Fixtures: the corpus (``data/raw/``), the gold annotations (``tests/data/gold/``)
and small helpers.  Everything a test reads is in the repository."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "raw"            # the five corpus reports as text (and the sample's other files)
GOLD = REPO / "tests" / "data" / "gold"    # hand-checked annotations of reports 000 and 001
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def corpus_text(stem_prefix: str) -> str:
    """The text of the corpus report whose name starts with ``stem_prefix``."""
    matches = sorted(CORPUS.glob(f"{stem_prefix}*.txt"))
    assert matches, f"corpus file {stem_prefix}* missing in {CORPUS}"
    return matches[0].read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    assert CORPUS.is_dir(), f"corpus not found at {CORPUS}"
    return CORPUS


@pytest.fixture(scope="session")
def gold_dir() -> Path:
    assert GOLD.is_dir(), f"gold annotations not found at {GOLD}"
    return GOLD


def gold_docs() -> list[dict]:
    """Every gold annotation in tests/data/gold (fails loudly when missing)."""
    import json

    files = sorted(GOLD.glob("*.json"))
    assert len(files) >= 2, f"gold annotations missing in {GOLD}"
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def corpus_file(name: str) -> Path:
    """A corpus report by its file name (a gold annotation's ``source``)."""
    path = CORPUS / name
    assert path.is_file(), f"corpus file {name} missing in {CORPUS}"
    return path


_COPY_IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "artifacts", ".hypothesis", "*.egg-info", "build")


def copy_checkout(dest: Path, folders=("baocao", "pipeline", "extractors", "normalizers")) -> Path:
    """A copy of this checkout's package sources (and ``folders``) at ``dest``,
    for tests that edit code or data tables or build the wheel: the real tree
    is never changed."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, dest / name)
    for folder in folders:
        shutil.copytree(REPO / folder, dest / folder, ignore=_COPY_IGNORE)
    return dest


# F1 of two sets with the shared scorer's rules (an empty side scores 1).
from baocao.pipeline.surfaces.scoring import f1  # noqa: E402,F401
