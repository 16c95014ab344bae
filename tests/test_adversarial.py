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
import select
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

pytestmark = [pytest.mark.xdist_group("adversarial"), pytest.mark.slow]   # whole runs on hostile inputs

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


# -- hostile files: one row each, a clear error, nothing opened outside --------

def _tiny_pdf(page_w: float, page_h: float, image: tuple[int, int] | None = None) -> bytes:
    """A minimal PDF by hand: one page of the given size, optionally drawing a
    JPEG XObject that *declares* ``image`` pixels (its data is a few bytes)."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"]
    res = b"/Resources << /XObject << /Im0 5 0 R >> >>" if image else b""
    objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] %s /Contents 4 0 R >>" % (page_w, page_h, res))
    content = b"q %d 0 0 %d 0 0 cm /Im0 Do Q" % (page_w, page_h) if image else b""
    objs.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
    if image:
        data = b"\xff\xd8\xff\xd9"
        objs.append(b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray "
                    b"/BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream"
                    % (image[0], image[1], len(data), data))
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (i, o)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out


def _zip_bomb_docx(path: Path) -> None:
    import zipfile
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"<w:document>" + b" " * (300 << 20) + b"</w:document>")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    arch = make_archive(base / "arch", n=1)
    secret = base / "secret.txt"
    secret.write_text("SECRET-OUTSIDE-THE-ARCHIVE " + report_text(9), encoding="utf-8")
    os.symlink(secret, arch / "link-out.txt")
    os.symlink(base, arch / "dir-out")
    os.symlink("/proc/self/pagemap", arch / "pagemap.txt")
    os.symlink(arch / "r0.txt", arch / "link-in.txt")        # inside the archive: followed
    (arch / "x[").mkdir()                                    # the path x[/]y... is rich markup
    (arch / "x[" / "]y [bold]z.txt").write_text(report_text(5), encoding="utf-8")
    (arch / "huge-page.pdf").write_bytes(_tiny_pdf(20000, 20000))
    (arch / "jpeg-60000.pdf").write_bytes(_tiny_pdf(595, 842, image=(60000, 60000)))
    _zip_bomb_docx(arch / "bomb.docx")
    with open(arch / "huge.txt", "wb") as fh:               # 65 MB (sparse): refused unread
        fh.truncate(65 << 20)
    (arch / "esc\x1b[31m.txt").write_text(report_text(6) + "\n\x1b]0;pwned\x07 Nghị định số 01/2024/NĐ-CP\n",
                                         encoding="utf-8")
    before = snapshot(arch)
    out = base / "out"
    t0 = time.monotonic()
    r = cli("run", arch, "--out", out, "--workers", "2", "--max-memory", "1G", "--progress", timeout=300)
    return {"arch": arch, "out": out, "r": r, "before": before, "secs": time.monotonic() - t0}


def test_hostile_archive_one_row_each_with_a_clear_error(hostile):
    r = hostile["r"]
    assert r.returncode == 0, r.stderr[-2000:]
    assert "Traceback" not in r.stderr
    docs = pd.read_parquet(hostile["out"] / "documents.parquet").set_index("source_path")
    err = docs["error"].fillna("")
    assert "symbolic link out of the archive" in err["link-out.txt"]
    assert "symbolic link out of the archive" in err["dir-out"]
    assert "symbolic link out of the archive" in err["pagemap.txt"]
    assert err["link-in.txt"] == "" and err["x[/]y [bold]z.txt"] == ""
    assert "embedded image too large" in err["jpeg-60000.pdf"]
    assert "zip bomb" in err["bomb.docx"]
    assert "text file too large (over 64 MB)" in err["huge.txt"]
    assert docs.loc["huge-page.pdf", "pages"] == 1     # rendered within the pixel limit, not 6.7 GB
    assert snapshot(hostile["arch"]) == hostile["before"]
    assert hostile["secs"] < 120


def test_nothing_from_outside_the_archive_is_read(hostile):
    out = hostile["out"]
    for p in (out / "text").glob("*.txt"):
        assert "SECRET-OUTSIDE" not in p.read_text(encoding="utf-8")


def test_terminal_and_csv_output_are_inert(hostile):
    out = hostile["out"]
    r = cli("cites", "01/2024/NĐ-CP", "--out", out)
    assert r.returncode == 0 and "\x1b" not in r.stdout and "\x07" not in r.stdout
    assert "esc.txt" in r.stdout
    docs = pd.read_parquet(out / "documents.parquet")
    doc_id = docs.loc[docs.source_path.str.startswith("esc"), "doc_id"].iloc[0]
    r = cli("show", doc_id, "--out", out)
    assert r.returncode == 0 and "\x1b" not in r.stdout
    r = cli("cites", "01/2024/NĐ-CP", "--out", out, "--format", "json")
    assert "\x1b" not in r.stdout and "\\u001b" in r.stdout


def test_csv_cells_that_start_a_formula_are_neutralised():
    import csv
    import io

    from baocao.pipeline.surfaces.query import CITES_COLUMNS, format_cites

    evil = ["=HYPERLINK(\"http://x\",\"y\")", "@SUM(A1)", "-1+1", "+1", "\x1b[2Jplain"]
    rows = [{c: None for c in CITES_COLUMNS} | {"source_path": e, "sentence": e, "page": 1} for e in evil]
    got = list(csv.DictReader(io.StringIO(format_cites(rows, "csv"))))
    for e, row in zip(evil, got):
        assert not row["source_path"].startswith(("=", "+", "-", "@")), row
        assert "\x1b" not in row["sentence"]
    assert got[0]["source_path"] == "'" + evil[0] and got[-1]["source_path"] == "plain"


@pytest.mark.parametrize("value", ["0", "-1", "nan", "inf", "-inf", "abc"])
def test_bad_timeout_values_are_refused(tmp_path, value):
    arch = make_archive(tmp_path / "arch", n=1)
    r = cli("run", arch, "--out", tmp_path / "out", "--timeout", value)
    assert r.returncode == ExitCode.BAD_ARGS and "--timeout" in r.stderr
    assert not (tmp_path / "out").exists()
    with pytest.raises(RunError) as e:
        _run(arch, tmp_path / "out2", timeout=float(value) if value != "abc" else value)
    assert e.value.code == ExitCode.BAD_ARGS and not (tmp_path / "out2").exists()


def test_workers_are_capped(tmp_path):
    from baocao.pipeline.runner.engines import capped_workers, cores

    n, msg = capped_workers(1000)
    assert n == 4 * cores() and "capped" in msg
    assert capped_workers(1) == (1, None)


def test_timeout_fires_within_a_second(tmp_path):
    from test_robustness import hang_or_ingest  # a task that sleeps when its file is named hang*
    from baocao.pipeline.runner.cache import Cache
    from baocao.pipeline.runner.engines import LocalEngine
    from baocao.pipeline.runner.run import Scheduler, _Doc, _Progress
    from baocao.pipeline.stages.discover import discover

    arch = tmp_path / "a"
    arch.mkdir()
    (arch / "hang.txt").write_text(report_text(), encoding="utf-8")
    out = tmp_path / "o"
    out.mkdir()
    opts = Options(archive=arch, out=out, workers=1, timeout=1.5, progress=False)
    cache = Cache(out, "auto")
    engine = LocalEngine(1)
    try:
        engine.submit(abs, 1).result(timeout=60)   # the pool is up: time only the task
        sched = Scheduler(engine, opts, cache, _Progress(False, 0))
        for src in discover(arch):
            sched.push("ingest", _Doc(cache.doc_id(src.path), src), None, hang_or_ingest, str(src.path), "txt", "auto")
        t0 = time.monotonic()
        sched.run()
        took = time.monotonic() - t0
    finally:
        engine.close()
    assert len(sched.late) == 1 and 0 <= sched.late[0] < 1.0, sched.late   # fired within a second of S
    assert 1.5 <= took < 30, took                  # (killing the hung worker and restarting the pool follow)
    assert list(sched.transient.values()) == ["timeout after 1.5 s in reading"]


def test_crash_results_are_not_cached(tmp_path):
    from test_robustness import crash_or_ingest
    from baocao.pipeline.runner.cache import Cache
    from baocao.pipeline.runner.engines import LocalEngine
    from baocao.pipeline.runner.run import Scheduler, _Doc, _Progress
    from baocao.pipeline.stages.discover import discover

    arch = tmp_path / "a"
    arch.mkdir()
    (arch / "crash.txt").write_text(report_text(), encoding="utf-8")
    out = tmp_path / "o"
    out.mkdir()
    cache = Cache(out, "auto")
    engine = LocalEngine(1)
    try:
        sched = Scheduler(engine, Options(archive=arch, out=out, workers=1, progress=False), cache, _Progress(False, 0))
        docs = []
        for src in discover(arch):
            docs.append(_Doc(cache.doc_id(src.path), src))
            sched.push("ingest", docs[-1], None, crash_or_ingest, str(src.path), "txt", "auto")
        sched.run()
    finally:
        engine.close()
    assert "worker crashed" in sched.transient[docs[0].key]
    assert not cache.has(docs[0].key)


def test_a_file_changed_during_the_run_is_not_cached_under_the_old_hash(tmp_path, monkeypatch):
    from baocao.pipeline.runner import run as runmod

    arch = make_archive(tmp_path / "arch", n=2)
    out = tmp_path / "out"
    monkeypatch.setattr(runmod, "_changed_since_discovery", lambda src: src.rel == "r1.txt")
    s = _run(arch, out)
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    assert "file changed during the run" in docs.loc["r1.txt", "error"]
    monkeypatch.undo()
    s = _run(arch, out)                       # retried, not served from a poisoned cache
    assert s.processed == 1
    assert pd.isna(pd.read_parquet(out / "documents.parquet").set_index("source_path").loc["r1.txt", "error"])


@pytest.mark.parametrize("target", ["text", "cache", "lock"])
def test_write_failures_exit_4_with_one_line(tmp_path, monkeypatch, target):
    arch = make_archive(tmp_path / "arch", n=2)
    out = tmp_path / "out"
    _run(arch, out)
    before = {t: df.copy() for t, df in dataset(out).items()}
    _change(arch)
    import builtins
    from baocao.pipeline.runner import cache as cachemod

    if target == "lock":
        real_open = builtins.open

        def no_lock(p, *a, **k):
            if str(p).endswith(".baocao.lock"):
                raise PermissionError(errno.EACCES, "Permission denied", str(p))
            return real_open(p, *a, **k)
        monkeypatch.setattr(builtins, "open", no_lock)
    else:
        real = cachemod.tempfile.mkstemp

        def full(*a, dir=None, **k):
            if (target == "text") == (Path(dir).name == "text"):
                raise OSError(errno.ENOSPC, "No space left on device", str(dir))
            return real(*a, dir=dir, **k)
        monkeypatch.setattr(cachemod.tempfile, "mkstemp", full)
    from baocao.pipeline.surfaces.cli import main
    code = main(["run", str(arch), "--out", str(out), "--workers", "1", "--no-progress"])
    assert code == ExitCode.OUTPUT_NOT_WRITABLE
    monkeypatch.undo()
    after = dataset(out)
    for t in TABLES:
        pd.testing.assert_frame_equal(after[t], before[t])


def _children_of(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        p = todo.pop()
        for d in Path("/proc").iterdir():
            if d.name.isdigit():
                try:
                    stat = (d / "stat").read_text()
                except OSError:
                    continue
                if int(stat.rsplit(")", 1)[1].split()[1]) == p and int(d.name) not in found:
                    found.add(int(d.name))
                    todo.append(int(d.name))
    return found


def _holders(pipe: str) -> list[str]:
    """The processes (pid and command line) holding ``pipe`` (``pipe:[inode]``) open."""
    found = []
    for d in Path("/proc").iterdir():
        if not d.name.isdigit() or int(d.name) == os.getpid():
            continue
        try:
            if any(os.readlink(f) == pipe for f in (d / "fd").iterdir()):
                cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                status = dict(line.split(":", 1) for line in (d / "status").read_text().splitlines() if ":" in line)
                found.append(f"{d.name} (ppid {status['PPid'].strip()}, {status['State'].strip()}, "
                             f"caught {status['SigCgt'].strip()}): {cmd[:120]}")
        except OSError:
            continue
    return found


@pytest.mark.slow
@pytest.mark.parametrize("sig,code", [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, ExitCode.TERMINATED),
                                      (signal.SIGINT, ExitCode.INTERRUPTED)])
def test_killing_the_main_process_leaves_no_child_and_no_temp_files(tmp_path, sig, code):
    from baocao.pipeline.runner.children import tmp_root

    arch = tmp_path / "arch"
    arch.mkdir()
    big = report_text() * 4000                         # seconds of extraction per file
    for i in range(4):
        (arch / f"big{i}.txt").write_text(big + str(i), encoding="utf-8")
    r_fd, w_fd = os.pipe()
    p = subprocess.Popen([sys.executable, "-m", "baocao", "run", str(arch), "--out", str(tmp_path / "out"),
                          "--workers", "2", "--no-progress"], stdout=w_fd, stderr=w_fd)
    w_pipe = os.readlink(f"/proc/self/fd/{w_fd}")
    os.close(w_fd)
    deadline = time.monotonic() + 60
    kids, run_dirs = set(), set()
    # forkserver + workers (+ resource tracker), and the run's temp folder: the
    # forkserver is warmed while the archive is listed, so the workers can be up
    # before the folder is made (on a loaded machine by seconds): wait for both
    while time.monotonic() < deadline and (len(kids) < 3 or not run_dirs):
        time.sleep(0.2)
        kids = _children_of(p.pid)
        run_dirs = set(tmp_root().glob(f"{p.pid}-*"))
    assert len(kids) >= 3, kids
    assert run_dirs
    os.kill(p.pid, sig)
    returncode = p.wait(timeout=30)
    t0 = time.monotonic()
    os.set_blocking(r_fd, False)
    said = b""
    while True:                                          # a pipe reader sees EOF: no one holds it
        assert time.monotonic() - t0 < 20, f"still holding the run's output pipe: {_holders(w_pipe)}"
        ready, _, _ = select.select([r_fd], [], [], 0.5)
        if ready:
            chunk = os.read(r_fd, 65536)
            if not chunk:
                break
            said += chunk
    os.close(r_fd)
    assert returncode == code, said.decode(errors="replace")[-3000:]
    time.sleep(0.5)
    alive = [k for k in kids if Path(f"/proc/{k}").exists()
             and "Z" not in (Path(f"/proc/{k}/stat").read_text().rsplit(")", 1)[1].split()[0])]
    assert not alive, alive
    assert not any(d.exists() for d in run_dirs)


# -- a late page that hangs or crashes: the pages before it are kept -------------

SLOW_FROM_PAGE = 6   # the injected slow/crashing step hits this page and every later one


def _late_page_ingest(path, file_type, ocr_mode, action):
    """The real ingest task with an injected step (tests only, no hook in the
    package): reading page SLOW_FROM_PAGE (or N of ``slow-from-N.pdf``) onward
    of a file named ``slow*`` hangs or kills the worker, as a huge late page would."""
    from baocao.pipeline.runner.tasks import task_ingest
    from baocao.pipeline.stages.ingest import pdf

    real = pdf.page_text
    name = os.path.basename(path)
    first = int(name.split("-from-")[1].split(".")[0]) if "-from-" in name else SLOW_FROM_PAGE

    def page_text(doc, index):
        if index + 1 >= first and name.startswith("slow"):
            action()
        return real(doc, index)

    pdf.page_text = page_text
    try:
        return task_ingest(path, file_type, ocr_mode)
    finally:
        pdf.page_text = real


def hanging_late_pages_ingest(path, file_type, ocr_mode):
    return _late_page_ingest(path, file_type, ocr_mode, lambda: time.sleep(600))


def crashing_late_pages_ingest(path, file_type, ocr_mode):
    return _late_page_ingest(path, file_type, ocr_mode, lambda: os.kill(os.getpid(), signal.SIGKILL))


def crashing_second_page_ocr(path, file_type, index, timeout):
    """The real OCR task; OCR of page 2 kills its worker (tests only)."""
    from baocao.pipeline.runner.tasks import task_ocr

    if index == 1:
        os.kill(os.getpid(), signal.SIGKILL)
    return task_ocr(path, file_type, index, timeout)


def page_section(k: int) -> str:
    return (f"Phần {k}. Thực hiện Nghị định số 10{k}/2023/NĐ-CP ngày 14/8/2023 của Chính phủ,\n"
            f"xã đã giải quyết {100 + k} hồ sơ thủ tục hành chính trong tháng {k}.\n")


def _text_pdf(path: Path, pages: list[str]) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from synth.render import find_font

    pdfmetrics.registerFont(TTFont("DejaVu", find_font()))
    c = canvas.Canvas(str(path), invariant=1)
    for text in pages:
        c.setFont("DejaVu", 11)
        y = 800
        for line in text.splitlines():
            c.drawString(40, y, line)
            y -= 14
        c.showPage()
    c.save()


def _doc_rows(out: Path, name: str):
    frames = dataset(out)
    d = frames["documents"].set_index("source_path").loc[name]
    of = {t: frames[t][frames[t].doc_id == d.doc_id] for t in ("pages", "citations")}
    return d, of["pages"], of["citations"]


def test_checkpoint_records_survive_a_kill_mid_write(tmp_path, monkeypatch):
    from baocao.pipeline.runner import children
    from baocao.pipeline.stages.ingest import Page

    monkeypatch.setattr(children, "_RUN_DIR", str(tmp_path))
    monkeypatch.setattr(children, "_SEQ", 7)
    with children.checkpoint() as put:
        put(3)
        put(Page(1, "Trang một"))
        put(Page(2, "Trang hai"))
    path = tmp_path / "pages-7"
    path.write_bytes(path.read_bytes()[:-5])          # the last record cut, as a kill mid-write leaves it
    got = children.read_checkpoint(tmp_path, 7)
    assert got == [3, Page(1, "Trang một")] and not path.exists()
    monkeypatch.setattr(children, "_SEQ", None)       # outside a task: nothing is written
    with children.checkpoint() as put:
        put(Page(1, "x"))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["timeout", "crash"])
def test_a_late_page_that_hangs_or_crashes_keeps_the_pages_before_it(tmp_path, monkeypatch, mode):
    from baocao.pipeline.runner import tasks

    arch = make_archive(tmp_path / "arch", n=1)
    _text_pdf(arch / "slow.pdf", [report_text(3) + page_section(1)] + [page_section(k) for k in range(2, 9)])
    out = tmp_path / "out"
    monkeypatch.setattr(tasks, "task_ingest",
                        hanging_late_pages_ingest if mode == "timeout" else crashing_late_pages_ingest)
    limit = 12 if mode == "timeout" else 120   # margin for the other steps on a loaded machine
    t0 = time.monotonic()
    s = _run(arch, out, timeout=limit)
    assert time.monotonic() - t0 < 150
    d, pages, cites = _doc_rows(out, "slow.pdf")
    how = f"timed out after {limit} s" if mode == "timeout" else "worker crashed"
    assert pd.isna(d.error) and d.needs_review
    assert d.review_reason.startswith(f"{how} at page 6 of 8: pages 6..8 not read"), d.review_reason
    assert d.pages == 5 and sorted(pages.page) == [1, 2, 3, 4, 5]
    keys = set(cites.key)
    assert {f"10{k}/2023/NĐ-CP" for k in range(1, 6)} <= keys, keys
    assert not {f"10{k}/2023/NĐ-CP" for k in range(6, 9)} & keys
    text = (out / "text" / f"{d.doc_id}.txt").read_text(encoding="utf-8")
    assert "Phần 5." in text and "Phần 6." not in text
    assert s.incomplete == 1 and "1 incomplete" in s.line(out) and s.errors == 0
    assert pd.isna(_doc_rows(out, "r0.txt")[0].error)
    # never cached: the next run reads the whole file
    monkeypatch.undo()
    s = _run(arch, out, timeout=120)
    assert s.processed == 1 and s.incomplete == 0
    d, pages, _ = _doc_rows(out, "slow.pdf")
    assert d.pages == 8 and sorted(pages.page) == list(range(1, 9))
    assert pd.isna(d.review_reason) or "not read" not in d.review_reason


@pytest.mark.slow
def test_a_hang_on_the_first_page_is_still_an_error_row(tmp_path, monkeypatch):
    from baocao.pipeline.runner import tasks

    arch = tmp_path / "arch"
    arch.mkdir()
    _text_pdf(arch / "slow-from-1.pdf", [page_section(k) for k in range(1, 4)])
    monkeypatch.setattr(tasks, "task_ingest", hanging_late_pages_ingest)
    s = _run(arch, tmp_path / "out", timeout=3)
    d = dataset(tmp_path / "out")["documents"].iloc[0]
    assert d.error == "timeout after 3 s in reading" and s.errors == 1 and s.incomplete == 0


@pytest.mark.ocr
@pytest.mark.slow
def test_a_lost_ocr_page_leaves_only_that_page_unread(tmp_path, monkeypatch):
    from synth.render import text_to_scan_pdf
    from baocao.pipeline.runner import tasks

    arch = tmp_path / "arch"
    arch.mkdir()
    text = "\f".join(report_text(k) for k in (1, 2, 3))
    text_to_scan_pdf(text, arch / "scan.pdf", dpi=150, rotate_deg=0, noise=0)
    monkeypatch.setattr(tasks, "task_ocr", crashing_second_page_ocr)
    s = _run(arch, tmp_path / "out", timeout=120)
    d, pages, _ = _doc_rows(tmp_path / "out", "scan.pdf")
    assert pd.isna(d.error) and d.needs_review and s.incomplete == 1
    assert "page 2: OCR crashed its worker: not read" in d.review_reason
    p = pages.set_index("page")
    assert p.loc[1, "text_source"] == "ocr" and p.loc[3, "text_source"] == "ocr"
    assert "OCR crashed its worker: not read" in p.loc[2, "note"] and p.loc[2, "n_chars"] == 0


# -- hashing is bounded by a timer ---------------------------------------------

@pytest.mark.slow
def test_hashing_a_blocking_source_becomes_an_error_row(tmp_path, monkeypatch):
    from baocao.pipeline.runner import cache as cachemod

    arch = make_archive(tmp_path / "arch", n=2)
    r_fd, w_fd = os.pipe()          # a source whose read blocks: nobody writes the pipe
    real = cachemod._open_for_hash

    def opener(path):               # the injected slow reader (tests only)
        return os.fdopen(os.dup(r_fd), "rb") if Path(path).name == "r1.txt" else real(path)

    monkeypatch.setattr(cachemod, "_open_for_hash", opener)
    try:
        t0 = time.monotonic()
        with pytest.raises(OSError) as e:
            cachemod.sha256_file(arch / "r1.txt", seconds=1)
        assert e.value.errno == errno.ETIMEDOUT and 1 <= time.monotonic() - t0 < 3
        t0 = time.monotonic()
        s = _run(arch, tmp_path / "out", timeout=10)   # (the other files' steps need margin on a loaded machine)
        assert time.monotonic() - t0 < 90
    finally:
        os.close(w_fd)              # the stuck readers see end of file and stop
        os.close(r_fd)
    docs = dataset(tmp_path / "out")["documents"].set_index("source_path")
    assert "hashing took over 10 s" in docs.loc["r1.txt", "error"]
    assert pd.isna(docs.loc["r0.txt", "error"]) and s.errors == 1


# -- resources: the memory budget is enforced, stale temp folders go -------------

def allocate(n_bytes: int):
    import resource

    soft = resource.getrlimit(resource.RLIMIT_AS)[0]
    try:
        b = bytearray(n_bytes)
        return soft, f"allocated {len(b)}"
    except MemoryError:
        return soft, "MemoryError"


def test_worker_memory_budget_is_enforced():
    from baocao.pipeline.runner.engines import LocalEngine

    engine = LocalEngine(1, memory_bytes=1 << 30)
    try:
        soft, what = engine.submit(allocate, 2 << 30).result(timeout=60)
        small = engine.submit(allocate, 64 << 20).result(timeout=60)[1]
    finally:
        engine.close()
    assert soft == 1 << 30 and what == "MemoryError" and small == f"allocated {64 << 20}"


def test_a_baocao_started_by_a_program_that_ran_a_pool_is_not_a_forkserver():
    """The forkserver's guard (SIGTERM → remove the run's folders, exit) is for the
    forkserver only: a command started by a process that ran a pool inherits the
    guard's variable with a matching parent pid, and once took itself for one
    (SIGTERM gave a silent exit 1 instead of 143)."""
    from baocao.pipeline.runner.children import GUARD_ENV
    from baocao.pipeline.runner.engines import LocalEngine

    engine = LocalEngine(1)
    try:
        engine.submit(abs, 1).result(timeout=60)
        assert os.environ[GUARD_ENV] == str(os.getpid())
        r = subprocess.run([sys.executable, "-c", "import signal, baocao.pipeline.runner.children; "
                            "print(signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)"],
                           capture_output=True, text=True, timeout=60)
    finally:
        engine.close()
    assert r.stdout.strip() == "True", r.stderr


def test_a_worker_whose_forkserver_died_before_it_started_exits(tmp_path):
    """A run killed while the forkserver was forking a worker: the worker's death
    signal is set after its parent died, so none comes; it must not go on to
    take a task and then block for ever writing the result (holding the caller's pipe)."""
    from baocao.pipeline.runner.children import FORKSERVER_ENV

    code = ("import sys; from baocao.pipeline.runner.children import worker_init; "
            "worker_init(sys.argv[1], None); print('went on')")
    env = dict(os.environ, **{FORKSERVER_ENV: "999999999"})     # not this process's parent
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                       timeout=60, env=env)
    assert r.returncode == 1 and "went on" not in r.stdout, (r.returncode, r.stdout, r.stderr)
    env[FORKSERVER_ENV] = str(os.getpid())                        # its parent is alive: it goes on
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True,
                       timeout=60, env=env)
    assert r.returncode == 0 and "went on" in r.stdout, r.stderr


@pytest.mark.slow
def test_a_killed_runs_temp_folder_is_removed_by_the_next_run(tmp_path):
    from baocao.pipeline.runner.children import tmp_root

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait(timeout=30)                         # its pid no longer runs
    stale = tmp_root() / f"{gone.pid}-test"
    stale.mkdir(parents=True)
    (stale / "page-1.png").write_bytes(b"\0" * 4096)
    _run(make_archive(tmp_path / "arch", n=1), tmp_path / "out")
    assert not stale.exists()


# -- every documented exit code, one line each ----------------------------------

def _readme_exit_codes() -> dict[int, str]:
    """README's exit-code table: code → the ``ExitCode`` member it names."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    table = section.split("Exit codes", 1)[1]
    codes = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0][:1].isdigit():
            for c, name in zip(cells[0].split("/"), cells[1].split("/")):
                codes[int(c)] = name.strip().strip("`")
    return codes


@pytest.mark.slow
def test_every_documented_exit_code_is_the_enum_and_happens_with_one_line(tmp_path, monkeypatch):
    from baocao.pipeline.runner.run import OutputLock

    assert _readme_exit_codes() == {int(c): c.name for c in ExitCode}
    arch = make_archive(tmp_path / "arch", n=1)
    out = tmp_path / "out"
    (tmp_path / "file").write_text("x")
    (tmp_path / "empty").mkdir()
    assert cli("run", arch, "--out", out, "--no-progress").returncode == ExitCode.OK
    cases = {
        ExitCode.BAD_ARGS: ["run", arch, "--out", tmp_path / "o2", "--workers", "0"],
        ExitCode.NO_INPUT: ["run", tmp_path / "nope", "--out", tmp_path / "o3"],
        ExitCode.OUTPUT_NOT_WRITABLE: ["run", arch, "--out", tmp_path / "file" / "sub", "--no-progress"],
        ExitCode.NOT_FOUND: ["show", "ffffffffffff", "--out", out],
    }
    for code, args in cases.items():
        r = cli(*args)
        assert r.returncode == code, (code, r.stderr)
        assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr, r.stderr
    r = cli("cites", "01/2024/NĐ-CP", "--out", tmp_path / "empty")
    assert r.returncode == ExitCode.NO_INPUT and len(r.stderr.strip().splitlines()) == 1, r.stderr
    with OutputLock(out):
        r = cli("run", arch, "--out", out, "--no-progress")
    assert r.returncode == ExitCode.LOCKED and len(r.stderr.strip().splitlines()) == 1, r.stderr
    # an unexpected internal error: one line, the traceback only with BAOCAO_DEBUG=1
    from baocao.pipeline.surfaces import cli as climod

    monkeypatch.delenv("BAOCAO_DEBUG", raising=False)
    monkeypatch.setattr(climod, "cmd_show", lambda a: 1 / 0)
    import contextlib
    import io
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert climod.main(["show", "x", "--out", str(out)]) == ExitCode.FAILED
    assert err.getvalue().count("\n") == 1 and "internal error: ZeroDivisionError" in err.getvalue()
