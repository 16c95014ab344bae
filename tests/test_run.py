"""Run-level behaviour on small text archives: incremental runs, lock, errors."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from conftest import corpus_text
from baocao.pipeline.errors import ExitCode
from baocao.pipeline.runner.run import OutputLock, Options, RunError, run


def _archive(tmp_path):
    arch = tmp_path / "arch"
    arch.mkdir()
    (arch / "a.txt").write_text(corpus_text("000"), encoding="utf-8")
    (arch / "b.txt").write_text(corpus_text("003"), encoding="utf-8")
    return arch


def _run(arch, out, **kw):
    return run(Options(archive=arch, out=out, workers=kw.pop("workers", 1), progress=False, **kw))


@pytest.mark.slow
def test_incremental_changed_added_removed(tmp_path):
    arch, out = _archive(tmp_path), tmp_path / "out"
    s1 = _run(arch, out)
    assert (s1.documents, s1.processed, s1.errors) == (2, 2, 0)
    s2 = _run(arch, out)
    assert (s2.processed, s2.reused) == (0, 2)
    # change one file, add one, remove one
    (arch / "a.txt").write_text(corpus_text("000") + "\nThêm Nghị định số 30/2021/NĐ-CP.\n", encoding="utf-8")
    (arch / "c.txt").write_text(corpus_text("002"), encoding="utf-8")
    old_b = pd.read_parquet(out / "documents.parquet").set_index("source_path").loc["b.txt", "doc_id"]
    (arch / "b.txt").unlink()
    s3 = _run(arch, out)
    assert (s3.documents, s3.processed, s3.reused) == (2, 2, 0)
    docs = pd.read_parquet(out / "documents.parquet")
    assert sorted(docs.source_path) == ["a.txt", "c.txt"]
    cit = pd.read_parquet(out / "citations.parquet")
    assert old_b not in set(cit.doc_id)
    assert not (out / "text" / f"{old_b}.txt").exists()
    a_id = docs.set_index("source_path").loc["a.txt", "doc_id"]
    assert "30/2021/NĐ-CP" in set(cit.loc[cit.doc_id == a_id, "key"])


@pytest.mark.slow
def test_same_tables_whatever_the_worker_count(tmp_path):
    arch = _archive(tmp_path)
    (arch / "c.txt").write_text(corpus_text("001"), encoding="utf-8")
    _run(arch, tmp_path / "o1", workers=1)
    _run(arch, tmp_path / "o2", workers=2)
    for t in ("documents", "citations", "dates", "statistics", "pages"):
        assert (tmp_path / "o1" / f"{t}.parquet").read_bytes() == (tmp_path / "o2" / f"{t}.parquet").read_bytes(), t


@pytest.mark.slow
def test_duplicate_files_share_rows_once(tmp_path):
    arch = _archive(tmp_path)
    shutil.copy(arch / "a.txt", arch / "a-copy.txt")
    out = tmp_path / "out"
    _run(arch, out)
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert docs.loc["a-copy.txt", "doc_id"] == docs.loc["a.txt", "doc_id"]
    assert docs.loc["a.txt", "duplicate_of"] == "a-copy.txt"  # sorted first: "a-copy.txt" < "a.txt"
    assert pd.isna(docs.loc["a-copy.txt", "duplicate_of"])
    cit = pd.read_parquet(out / "citations.parquet")
    per_doc = cit[cit.doc_id == docs.loc["a.txt", "doc_id"]]
    assert not per_doc.duplicated(["char_start", "char_end", "key"]).any()


@pytest.mark.slow
def test_missing_archive_and_unwritable_output(tmp_path):
    with pytest.raises(RunError) as e:
        _run(tmp_path / "nope", tmp_path / "out")
    assert e.value.code == ExitCode.NO_INPUT
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RunError) as e:
        _run(_archive(tmp_path), blocker / "out")
    assert e.value.code == ExitCode.OUTPUT_NOT_WRITABLE


@pytest.mark.slow
def test_concurrent_run_is_refused(tmp_path):
    arch, out = _archive(tmp_path), tmp_path / "out"
    out.mkdir()
    with OutputLock(out):
        with pytest.raises(RunError) as e:
            _run(arch, out)
    assert e.value.code == ExitCode.LOCKED
    assert "another baocao run" in str(e.value)


def test_own_number_repeated_in_running_headers_is_not_a_citation():
    from baocao.pipeline.stages.extract import run_extractors

    body = corpus_text("002")
    header_line = "Báo cáo số 04/BC-UBND ngày 11/01/2024 của UBND xã Song Vân\n"
    text = body[:3000] + "\f" + header_line + body[3000:6000] + "\f" + header_line + body[6000:]
    ex = run_extractors(text)
    assert ex.header["doc_number"] == "04/BC-UBND"
    assert "04/BC-UBND" not in {c["key"] for c in ex.citations}
    # the same administrative number from another year is another document
    ex2 = run_extractors(body + "\nTheo Báo cáo số 04/BC-UBND ngày 09/01/2023 của UBND xã.\n")
    assert ("04/BC-UBND", "2023-01-09") in {(c["key"], c["date"]) for c in ex2.citations}
