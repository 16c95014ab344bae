"""A hostile archive and a careless user: every promise of README "Reliability".

Each test builds its own small inputs (no shared files) and asserts the
promise, not just "no crash": the input is unchanged, the previous dataset
stays intact and complete, a bad file is one row with a clear error, and no
process or temporary file is left behind.
"""
from __future__ import annotations

import errno
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from baocao.pipeline.errors import ExitCode, RunError
from baocao.pipeline.runner.run import Options, run

pytestmark = pytest.mark.xdist_group("adversarial")

TABLES = ("documents", "citations", "dates", "statistics", "pages")

REPORT = """ỦY BAN NHÂN DÂN
XÃ HÒA BÌNH
Số: {n}/BC-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Hòa Bình, ngày 15 tháng 3 năm 2024

BÁO CÁO
Kết quả thực hiện Quy chế dân chủ ở cơ sở quý I năm 2024

Thực hiện Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ và Kế hoạch
số 12/KH-UBND ngày 05/01/2024 của UBND huyện, UBND xã báo cáo như sau:
Trong quý, xã tiếp nhận 125 hồ sơ thủ tục hành chính, đã giải quyết 120 hồ sơ.
Tổ chức 4 cuộc đối thoại với Nhân dân.

TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn An
"""


def report_text(n: int = 7) -> str:
    return REPORT.format(n=n)


def make_archive(root: Path, n: int = 3) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (root / f"r{i}.txt").write_text(report_text(i + 1), encoding="utf-8")
    return root


def snapshot(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` (links not followed) → sha256 of its bytes (or link target)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        if p.is_symlink():
            out[rel] = "link:" + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def dataset(out: Path) -> dict[str, pd.DataFrame]:
    """The published tables, read through pandas and through every DuckDB view."""
    frames = {t: pd.read_parquet(out / f"{t}.parquet") for t in TABLES}
    con = duckdb.connect(str(out / "baocao.duckdb"), read_only=True)
    try:
        for t in TABLES:
            assert con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] == len(frames[t]), t
    finally:
        con.close()
    return frames


def _run(arch, out, **kw):
    return run(Options(archive=arch, out=out, workers=kw.pop("workers", 1), progress=False, **kw))


def cli(*args, timeout=120, **kw):
    return subprocess.run([sys.executable, "-m", "baocao", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, **kw)


# -- 1. overlap of archive and output: refused before anything is touched ------

@pytest.mark.parametrize("layout", ["out inside archive", "archive inside out", "same folder", "via a link"])
def test_overlapping_archive_and_output_are_refused_untouched(tmp_path, layout):
    base = tmp_path / "x"
    if layout == "out inside archive":
        arch, out = make_archive(base / "arch"), base / "arch" / "out"
    elif layout == "archive inside out":
        arch, out = make_archive(base / "text"), base
    elif layout == "same folder":
        arch = out = make_archive(base / "arch")
    else:
        arch = make_archive(base / "arch")
        os.symlink(arch, tmp_path / "alias")
        out = tmp_path / "alias" / "sub"
    before = snapshot(tmp_path)
    r = cli("run", arch, "--out", out, "--no-progress")
    assert r.returncode == ExitCode.BAD_ARGS, r.stderr
    assert "overlap" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert snapshot(tmp_path) == before          # not even an empty text/ folder


def test_report_never_writes_into_the_archive_or_over_foreign_files(tmp_path):
    arch = make_archive(tmp_path / "arch")
    out = tmp_path / "out"
    _run(arch, out)
    # a user's own folder at OUT/report is not a report: refused, kept
    (out / "report").mkdir()
    (out / "report" / "mine.txt").write_text("keep me")
    before = snapshot(tmp_path)
    r = cli("report", "--out", out)
    assert r.returncode == ExitCode.BAD_ARGS and "refusing" in r.stderr, r.stderr
    assert snapshot(tmp_path) == before
    # the run's archive (from the manifest) at OUT/report: refused
    import json
    man = out / ".cache" / "manifest.json"
    data = json.loads(man.read_text())
    data["archive"] = str((out / "report").resolve())
    man.write_text(json.dumps(data))
    before = snapshot(tmp_path)
    r = cli("report", "--out", out)
    assert r.returncode == ExitCode.BAD_ARGS and "overlap" in r.stderr
    assert snapshot(tmp_path) == before


def test_output_with_foreign_tables_is_refused(tmp_path):
    arch = make_archive(tmp_path / "arch")
    out = tmp_path / "out"
    out.mkdir()
    (out / "documents.parquet").write_text("a user's own file")
    before = snapshot(tmp_path)
    with pytest.raises(RunError) as e:
        _run(arch, out)
    assert e.value.code == ExitCode.BAD_ARGS and "documents.parquet" in str(e.value)
    assert snapshot(tmp_path) == before


def test_text_cleanup_removes_only_its_own_files(tmp_path):
    arch = make_archive(tmp_path / "arch")
    out = tmp_path / "out"
    _run(arch, out)
    (out / "text" / "notes.txt").write_text("mine")
    (out / "text" / "README").write_text("mine")
    (arch / "r0.txt").unlink()
    _run(arch, out)
    assert (out / "text" / "notes.txt").read_text() == "mine" and (out / "text" / "README").exists()
    ids = set(pd.read_parquet(out / "documents.parquet").doc_id)
    assert {p.stem for p in (out / "text").glob("*.txt")} - {"notes"} == ids


# -- 2. the dataset is published as one unit -----------------------------------

def _change(arch: Path) -> None:
    (arch / "r1.txt").write_text(report_text(1) + "\nThực hiện Kết luận số 120-KL/TW.\n", encoding="utf-8")
    (arch / "new.txt").write_text(report_text(42), encoding="utf-8")


@pytest.mark.parametrize("step", ["writer.close", "write_duckdb", "verify", "switch"])
def test_failure_at_any_publish_step_keeps_the_previous_dataset(tmp_path, monkeypatch, step):
    from baocao.pipeline.runner import publish, write

    arch = make_archive(tmp_path / "arch")
    out = tmp_path / "out"
    _run(arch, out)
    before = {t: df.copy() for t, df in dataset(out).items()}
    published = snapshot(out / ".current")
    _change(arch)

    def fail(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    if step == "writer.close":
        monkeypatch.setattr(write.TableWriter, "close", fail)
    elif step == "write_duckdb":
        real = publish.write_duckdb

        def half(version):  # a database with no views: what a full disk used to publish
            import duckdb as d
            d.connect(str(version / "baocao.duckdb")).close()
        monkeypatch.setattr(publish, "write_duckdb", half)
    elif step == "verify":
        monkeypatch.setattr(publish, "verify", lambda v, c: (_ for _ in ()).throw(
            RunError(ExitCode.OUTPUT_NOT_WRITABLE, "the new dataset failed verification (test)")))
    else:
        monkeypatch.setattr(publish, "_symlink_over", fail)
    with pytest.raises(RunError) as e:
        _run(arch, out)
    assert e.value.code == ExitCode.OUTPUT_NOT_WRITABLE
    assert "\n" not in str(e.value)
    after = dataset(out)
    for t in TABLES:
        pd.testing.assert_frame_equal(after[t], before[t])
    assert snapshot(out / ".current") == published
    assert [p.name for p in (out / ".versions").iterdir()] == [os.readlink(out / ".current").split("/")[-1]]
    # the next run (disk freed) publishes the new dataset whole
    monkeypatch.undo()
    _run(arch, out)
    assert "new.txt" in set(dataset(out)["documents"].source_path)


def test_verification_catches_a_database_without_views(tmp_path):
    from baocao.pipeline.runner import publish
    from baocao.pipeline.runner.write import TableWriter

    v = tmp_path / "v"
    w = TableWriter(v)
    w.add({"doc_id": "a" * 16, "source_path": "a.txt"}, {})
    w.close()
    duckdb.connect(str(v / "baocao.duckdb")).close()
    with pytest.raises(RunError) as e:
        publish.verify(v, w.counts)
    assert e.value.code == ExitCode.OUTPUT_NOT_WRITABLE and "verification" in str(e.value)


def test_stale_wal_of_an_unclosed_connection_cannot_break_the_next_database(tmp_path):
    arch = make_archive(tmp_path / "arch")
    out = tmp_path / "out"
    _run(arch, out)
    # a reader that wrote to the database and died without closing it
    code = ("import duckdb, os, sys; c = duckdb.connect(sys.argv[1]); "
            "c.execute('CREATE TABLE mine AS SELECT 1 AS x'); c.execute('INSERT INTO mine VALUES (2)'); os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(out / "baocao.duckdb")], check=True)
    # and a WAL at the stable name (an older layout where baocao.duckdb was a plain file)
    (out / "baocao.duckdb.wal").write_bytes(os.urandom(4096))
    _change(arch)
    _run(arch, out)
    assert "new.txt" in set(dataset(out)["documents"].source_path)
    assert not (out / "baocao.duckdb.wal").exists()
    assert list((out / ".cache" / "stale-wal").iterdir())      # set aside, not deleted
    con = duckdb.connect(str(out / "baocao.duckdb"))           # read-write opens too
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 4
    con.close()


def test_old_one_file_per_table_layout_is_migrated(tmp_path):
    import shutil

    arch = make_archive(tmp_path / "arch")
    out = tmp_path / "out"
    _run(arch, out)
    # turn it into the layout of earlier versions: plain files, no .versions
    cur = out / ".current"
    for t in TABLES:
        p = out / f"{t}.parquet"
        data = p.read_bytes()
        p.unlink()
        p.write_bytes(data)
    (out / "baocao.duckdb").unlink()
    shutil.rmtree(out / ".versions")
    cur.unlink()
    _change(arch)
    _run(arch, out)
    assert (out / "documents.parquet").is_symlink()
    assert "new.txt" in set(dataset(out)["documents"].source_path)
