"""What a user sees after changing the code or data: an edited data table
changes the next run's rows (the cache is keyed by the code fingerprint,
``pipeline/runner/fingerprint.py``), and a failing extractor is a warning and
a review reason on its document, never a silently empty table.

Edits are made to a copy of the checkout in ``tmp_path``; ``python -m
baocao`` is run with that copy first on the path (and as the working
folder), so the real tree is never changed and parallel tests do not see it.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import copy_checkout

REPORT = """ỦY BAN NHÂN DÂN
XÃ ĐẠI THÀNH
Số: 152/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đại Thành, ngày 18 tháng 6 năm 2024

BÁO CÁO
Kết quả công tác quân sự, quốc phòng địa phương 6 tháng đầu năm 2024

Thực hiện Luật Bảo vệ rạn san hô năm 2019, Luật Tiếp công dân năm 2013 và Kế hoạch số 166/KH-UBND
ngày 20/3/2024 của UBND huyện, UBND xã báo cáo kết quả như sau:
Trong kỳ, bộ phận một cửa tiếp nhận 215 hồ sơ, đã giải quyết 210 hồ sơ; tiếp 14 lượt công dân.

                                                        CHỦ TỊCH
                                                        Nguyễn Văn An
"""
# A law the registry does not hold (an example written for this test).
NEW_LAW = "99/2019/QH14\tLuật\tLuật Bảo vệ rạn san hô\t2019-11-22\t\t\t\thttps://example.org/99-2019\t\n"


def _env(root: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


def _python(root: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=root, env=_env(root), capture_output=True, text=True,
                          timeout=timeout)


def _run(root: Path, archive: Path, out: Path) -> str:
    r = _python(root, "-m", "baocao", "run", str(archive), "--out", str(out), "--workers", "1",
                "--no-progress", "--ocr", "never")
    assert r.returncode == 0, r.stdout + r.stderr
    return r.stdout


def _where_and_fingerprint(root: Path) -> tuple[str, str]:
    r = _python(root, "-c", "import baocao.extractors.laws as m, baocao.pipeline.runner.fingerprint as f; "
                            "print(m.__file__); print(f.code_fingerprint())")
    assert r.returncode == 0, r.stderr
    where, fp = r.stdout.split()
    return where, fp


@pytest.fixture
def checkout(tmp_path):
    root = copy_checkout(tmp_path / "repo")
    archive = tmp_path / "archive"
    archive.mkdir()
    (archive / "bao_cao_quan_su.txt").write_text(REPORT, encoding="utf-8")
    return root, archive, tmp_path / "out"


@pytest.mark.slow
def test_editing_the_laws_table_changes_the_next_run(checkout):
    root, archive, out = checkout
    where, fp_before = _where_and_fingerprint(root)
    assert Path(where).is_relative_to(root), where        # the copy is what runs
    first = _run(root, archive, out)
    assert "1 processed, 0 reused" in first
    cit = pd.read_parquet(out / "citations.parquet")
    assert "42/2013/QH13" in set(cit.key) and "99/2019/QH14" not in set(cit.key)
    again = _run(root, archive, out)
    assert "0 processed, 1 reused" in again                # nothing changed: the cache is used

    laws = root / "extractors" / "data" / "laws.tsv"
    laws.write_text(laws.read_text(encoding="utf-8") + NEW_LAW, encoding="utf-8")
    _, fp_after = _where_and_fingerprint(root)
    assert fp_after != fp_before
    third = _run(root, archive, out)
    assert "1 processed, 0 reused" in third, third          # the edit re-processes the document
    cit = pd.read_parquet(out / "citations.parquet")
    row = cit.loc[cit.key == "99/2019/QH14"]
    assert len(row) == 1, cit[["key", "raw"]]
    row = row.iloc[0]
    assert (row.form, row.title, row.raw) == ("named", "Luật Bảo vệ rạn san hô", "Luật Bảo vệ rạn san hô năm 2019")
    assert "42/2013/QH13" in set(cit.key)                  # the rest is as before


@pytest.mark.slow
def test_a_broken_extractor_is_a_warning_and_a_review_reason_in_the_tables(checkout):
    """A bug injected into the copy's statistics extractor: the run finishes,
    the document keeps its other rows and says what failed."""
    root, archive, out = checkout
    stats = root / "extractors" / "statistics.py"
    stats.write_text(stats.read_text(encoding="utf-8")
                     + "\n\ndef extract_statistics(text):\n"
                       "    raise KeyError('metric row 7 has no unit')\n", encoding="utf-8")
    summary = _run(root, archive, out)
    assert "0 errors" in summary
    docs = pd.read_parquet(out / "documents.parquet")
    assert len(docs) == 1
    doc = docs.iloc[0]
    assert doc.error is None or pd.isna(doc.error)
    assert doc.warnings == "extractor statistics failed: KeyError: 'metric row 7 has no unit'"
    assert bool(doc.needs_review)
    assert "extractor statistics failed: KeyError: 'metric row 7 has no unit'" in doc.review_reason
    assert doc.doc_number == "152/BC-UBND"
    assert len(pd.read_parquet(out / "statistics.parquet")) == 0
    assert {"42/2013/QH13", "166/KH-UBND"} <= set(pd.read_parquet(out / "citations.parquet").key)
    assert "2024-03-20" in set(pd.read_parquet(out / "dates.parquet").date)


def _broken(*args, **kwargs):
    raise ValueError("unbalanced pattern at position 12\n  in cue 'hồ sơ'")


@pytest.mark.parametrize("name", ["header", "dates", "citations", "statistics"])
def test_run_extractors_turns_an_exception_into_one_warning(name):
    from baocao.pipeline.stages.extract import run_extractors

    ex = run_extractors(REPORT, {name: _broken})
    assert ex.warnings == [f"extractor {name} failed: ValueError: unbalanced pattern at position 12 in cue 'hồ sơ'"]
    kept = {"header": bool(ex.header), "dates": bool(ex.dates), "citations": bool(ex.citations),
            "statistics": bool(ex.statistics)}
    assert kept.pop(name) is False                          # the failed extractor's rows only are lost
    assert all(kept.values()), kept


def test_a_failing_extractor_shows_in_the_documents_row():
    from baocao.pipeline.stages.ingest import Page
    from baocao.pipeline.stages.process import finish_document

    r = finish_document("d1", "txt", [Page(number=1, text=REPORT, source="text")], extractors={"citations": _broken})
    doc = r["document"]
    assert doc["warnings"].startswith("extractor citations failed: ValueError: unbalanced pattern")
    assert doc["needs_review"] is True
    assert re.search(r"(^|; )extractor citations failed: ValueError: unbalanced pattern", doc["review_reason"])
    assert r["citations"] == [] and r["statistics"] and r["dates"]
    assert doc["doc_number"] == "152/BC-UBND"
    json.dumps(doc, default=str)                             # a plain row the writer can take
