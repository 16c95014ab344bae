"""The rows ``baocao.extract`` gives for the sample archive's texts are the
ones recorded in ``tests/data/snapshot_raw.json.gz`` (issue 15: speed work
keeps the outputs byte-identical).

The snapshot is written by ``scripts/snapshot.py write
tests/data/snapshot_raw.json.gz --variants 0`` from ``data/raw/*.txt`` (the
sample archive, made from ../shared/corpus by scripts/make_sample.py).  An
extractor change that is *meant* to change outputs regenerates it in the same
commit and says why; any other difference is a regression this test shows,
naming the first differing document, table, row and field.
"""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("snapshot", ROOT / "scripts" / "snapshot.py")
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)


def test_sample_archive_rows_are_the_recorded_ones():
    recorded = snapshot.read(ROOT / "tests" / "data" / "snapshot_raw.json.gz")
    assert len(recorded) == len(list((ROOT / "data" / "raw").glob("*.txt"))) >= 5
    assert snapshot.first_difference(recorded, snapshot.snapshot(0)) is None


def test_a_changed_row_is_reported_with_its_field():
    recorded = snapshot.read(ROOT / "tests" / "data" / "snapshot_raw.json.gz")
    changed = [dict(x) for x in recorded]
    first = changed[0]
    first["citations"] = [dict(c) for c in first["citations"]]
    first["citations"][0]["char_end"] += 1
    diff = snapshot.first_difference(recorded, changed)
    assert diff is not None and "citations[0]" in diff and "char_end" in diff
