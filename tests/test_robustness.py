"""Bad input, crashes and interruptions: the run goes on and loses nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from conftest import corpus_text
from baocao.pipeline.stages.discover import discover
from baocao.pipeline.runner.run import Options, Scheduler, _Doc, _Progress, run
from baocao.pipeline.runner.cache import Cache
from baocao.pipeline.runner.tasks import task_ingest

pytestmark = [pytest.mark.xdist_group("robust"), pytest.mark.slow]   # whole runs, crashes, kills

TABLES = ("documents", "citations", "dates", "statistics", "pages")


def _pdf_with_pages(path: Path, n_blank: int, text: str | None = None, encrypt=None):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=encrypt, invariant=1)
    if text:
        from synth.render import find_font
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        pdfmetrics.registerFont(TTFont("DejaVu", find_font()))
        c.setFont("DejaVu", 11)
        y = 800
        for line in text.splitlines()[:60]:
            c.drawString(40, y, line[:110])
            y -= 13
        c.showPage()
    for _ in range(n_blank):
        c.showPage()
    c.save()


def build_bad_archive(root: Path) -> dict[str, str | None]:
    """Files of every awkward kind; value = expected error substring (None = processed)."""
    from PIL import Image
    from reportlab.lib import pdfencrypt

    good = corpus_text("000")
    exp: dict[str, str | None] = {}

    def put(name: str, data: bytes, expect):
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        exp[name] = expect

    put("good.txt", good.encode("utf-8"), None)
    put("empty.txt", b"", "empty")
    put("empty.pdf", b"", "not a PDF")
    put("empty.png", b"", "not a readable image")
    put("junk.txt", os.urandom(4096) + b"\x00" * 200, "undecodable")
    put("junk.pdf", b"\x00\xff junk " * 300, "not a PDF")
    put("fake-header.pdf", b"%PDF-1.7\n" + os.urandom(3000), "PDF")
    put("junk.docx", b"PK\x03\x04" + os.urandom(500), "DOCX")
    put("notes.odt", b"whatever", "unsupported")
    # truncated copy of a real PDF
    _pdf_with_pages(root / "full.pdf", 0, text=good)
    exp["full.pdf"] = None
    put("truncated.pdf", (root / "full.pdf").read_bytes()[:1500], "PDF")
    # encryption: empty user password opens, a real one is an error
    _pdf_with_pages(root / "enc-empty.pdf", 0, text=good,
                    encrypt=pdfencrypt.StandardEncryption("", ownerPassword="o"))
    exp["enc-empty.pdf"] = None
    _pdf_with_pages(root / "enc-secret.pdf", 0, text=good,
                    encrypt=pdfencrypt.StandardEncryption("secret", ownerPassword="o"))
    exp["enc-secret.pdf"] = "encrypted PDF"
    # thousands of pages: one text page then blank ones (nothing to OCR)
    _pdf_with_pages(root / "thousands.pdf", 2500, text=good)
    exp["thousands.pdf"] = None
    # images: a decompression bomb, a one-pixel image
    Image.new("1", (16000, 16000), 1).save(root / "bomb.png", optimize=True)
    exp["bomb.png"] = "too large"
    Image.new("L", (1, 1), 255).save(root / "pixel.png")
    exp["pixel.png"] = "too small"
    # text in an unknown 8-bit encoding (Shift-JIS): processed as text or a clear error, never a crash
    put("shift-jis.txt", ("報告書 " * 300).encode("shift_jis"), "?")
    # odd names, deep trees
    put("Báo cáo số 1 (bản sao).txt", good.encode("utf-8"), None)
    put("line\nbreak.txt", good.encode("utf-8"), None)
    deep = "/".join(f"d{i}" for i in range(120))
    put(f"{deep}/deep.txt", corpus_text("003").encode("utf-8"), None)
    bad_name = os.fsdecode(b"bad\xffname.txt")
    (root / bad_name).write_bytes(corpus_text("002").encode("utf-8"))
    exp["bad\\xffname.txt"] = None
    # links: loop, dangling, folder loop
    os.symlink(root / "self.txt", root / "self.txt")
    exp["self.txt"] = "symbolic link loop"
    os.symlink(root / "nowhere.pdf", root / "dangling.pdf")
    exp["dangling.pdf"] = "broken symbolic link"
    (root / "loopdir").mkdir()
    os.symlink(root / "loopdir", root / "loopdir" / "again")
    os.mkfifo(root / "pipe.txt")
    exp["pipe.txt"] = "not a regular file"
    return exp


@pytest.fixture(scope="module")
def bad_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    exp = build_bad_archive(root)
    out = tmp_path_factory.mktemp("out")
    t0 = time.monotonic()
    r = subprocess.run([sys.executable, "-m", "baocao", "run", str(root), "--out", str(out), "--workers", "2"],
                       capture_output=True, text=True, timeout=600)
    docs = pd.read_parquet(out / "documents.parquet") if (out / "documents.parquet").exists() else None
    return {"root": root, "exp": exp, "out": out, "r": r, "docs": docs, "secs": time.monotonic() - t0}


def test_bad_archive_completes_with_one_row_per_file(bad_run):
    r = bad_run["r"]
    assert r.returncode == 0, r.stderr[-2000:]
    docs = bad_run["docs"].set_index("source_path")
    assert docs.index.is_unique
    assert set(bad_run["exp"]) <= set(docs.index), set(bad_run["exp"]) - set(docs.index)


def test_errors_where_expected_and_results_elsewhere(bad_run):
    docs = bad_run["docs"].set_index("source_path")
    cit = pd.read_parquet(bad_run["out"] / "citations.parquet")
    for name, expect in bad_run["exp"].items():
        err = docs.loc[name, "error"]
        err = None if pd.isna(err) else err
        if expect is None:
            assert err is None, (name, err)
            assert (cit.doc_id == docs.loc[name, "doc_id"]).sum() > 0, f"{name}: no citations"
        elif expect == "?":
            assert err is None or ("\n" not in err and len(err) < 300), (name, err)
        else:
            assert err and expect.lower() in err.lower(), (name, err)
            assert "\n" not in err and "Traceback" not in err


def test_thousand_page_pdf_is_read_without_ocr(bad_run):
    docs = bad_run["docs"].set_index("source_path")
    assert docs.loc["thousands.pdf", "pages"] == 2501
    assert docs.loc["thousands.pdf", "text_source"] == "pdf_text"


def test_vanished_file_is_a_transient_error(tmp_path):
    out = task_ingest(str(tmp_path / "gone.pdf"), "pdf", "auto")
    assert out == {"error": "file vanished during the run", "transient": True}


# -- crashes and hangs, through the real scheduler and process pool -----------

def crash_or_ingest(path, file_type, ocr_mode):
    if "crash" in os.path.basename(path):
        os.kill(os.getpid(), signal.SIGKILL)
    return task_ingest(path, file_type, ocr_mode)


def hang_or_ingest(path, file_type, ocr_mode):
    if "hang" in os.path.basename(path):
        time.sleep(600)
    return task_ingest(path, file_type, ocr_mode)


@pytest.mark.parametrize("fn,bad,expect", [
    (crash_or_ingest, "crash.txt", "worker crashed"),
    (hang_or_ingest, "hang.txt", "timeout after 10 s in reading"),
])
def test_crash_or_hang_costs_only_its_document(tmp_path, fn, bad, expect):
    from baocao.pipeline.runner.engines import LocalEngine

    arch = tmp_path / "a"
    arch.mkdir()
    for name in ("a.txt", bad, "b.txt", "c.txt"):
        (arch / name).write_text(corpus_text("003") + name, encoding="utf-8")
    out = tmp_path / "o"
    out.mkdir()
    opts = Options(archive=arch, out=out, workers=2, timeout=10, progress=False)  # margin for a loaded machine (8 people on 2 cores)
    cache = Cache(out, "auto")
    engine = LocalEngine(2)
    sched = Scheduler(engine, opts, cache, _Progress(False, 0))
    docs = {}
    try:
        for src in discover(arch):
            doc = _Doc(cache.doc_id(src.path), src)
            docs[src.rel] = doc
            sched.push("ingest", doc, None, fn, str(src.path), src.file_type, "auto")
        t0 = time.monotonic()
        sched.run()
        assert time.monotonic() - t0 < 60
    finally:
        engine.close()
    bad_key = docs[bad].key
    err = sched.transient.get(bad_key) or (cache.get(bad_key) or {}).get("document", {}).get("error")
    assert err and expect in err
    for name in ("a.txt", "b.txt", "c.txt"):
        res = cache.get(docs[name].key)
        assert res and res["document"]["error"] is None and res["citations"], name


# -- interruption -------------------------------------------------------------

def _interrupt_archive(root: Path) -> None:
    texts = [corpus_text(s) for s in ("000", "001", "002", "003", "004")]
    for i in range(40):
        (root / f"r{i:02d}.txt").write_text(texts[i % 5] + f"\nBản số {i}.\n", encoding="utf-8")


def test_kill_9_then_rerun_gives_identical_tables(tmp_path):
    arch = tmp_path / "arch"
    arch.mkdir()
    _interrupt_archive(arch)
    ref = tmp_path / "ref"
    run(Options(archive=arch, out=ref, workers=2, progress=False))
    cmd = [sys.executable, "-m", "baocao", "run", str(arch), "--workers", "2"]
    for attempt, delay in enumerate((0.4, 1.2, 2.0, 3.0)):
        out = tmp_path / f"out{attempt}"
        p = subprocess.Popen(cmd + ["--out", str(out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             start_new_session=True)
        time.sleep(delay)
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        # whatever is visible is whole: every table present opens
        for t in TABLES:
            f = out / f"{t}.parquet"
            if f.exists():
                pd.read_parquet(f)
        assert not list(out.glob("*.tmp")) and not list(out.glob("*.parquet.*"))
        r = subprocess.run(cmd + ["--out", str(out), "--no-progress"], capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr[-2000:]
        for t in TABLES:
            assert (out / f"{t}.parquet").read_bytes() == (ref / f"{t}.parquet").read_bytes(), (delay, t)
        assert not [p for p in out.iterdir() if p.name.startswith(".staging")]
