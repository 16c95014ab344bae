#!/usr/bin/env python3
"""baocao benchmark: one command, every figure measured against a baseline in the same run.

    .venv/bin/python bench/run.py [--pages 8] [--scale 40] [--quick]

(a) OCR stage pages/s vs the ceiling of raw `tesseract` CLI runs on the same
    page images (one thread each, as many processes as cores);
(b) text-PDF ingest pages/s vs raw pypdfium2 text extraction (one process);
(c) first run vs unchanged re-run;
(d) peak memory (whole process tree) at 1x, 4x and 16x the archive size.

Targets: (a) >= 0.9, (b) >= 0.5, (c) <= 0.05, (d) 16x peak <= 1.2 x 1x peak.
Results are printed and written to bench/out/results.json.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
if not CORPUS.is_dir():
    CORPUS = REPO / "data" / "raw"
sys.path.insert(0, str(REPO))

BAOCAO = [sys.executable, "-m", "pipeline", "run"]


def corpus_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("00[0-4]*.txt"))]


def cores() -> int:
    return len(os.sched_getaffinity(0))


def run_pipeline(archive: Path, out: Path, *extra: str) -> float:
    """Wall time of a whole run."""
    return run_pipeline_stages(archive, out, *extra)[0]


def run_pipeline_stages(archive: Path, out: Path, *extra: str) -> tuple[float, float | None]:
    """(wall time of the run, wall time of its OCR stage from the summary line)."""
    import re

    t0 = time.perf_counter()
    r = subprocess.run(BAOCAO + [str(archive), "--out", str(out), "--no-progress", *extra], check=True,
                       stdout=subprocess.PIPE, text=True)
    total = time.perf_counter() - t0
    m = re.search(r"\(OCR ([0-9.]+) s\)", r.stdout)
    return total, (float(m.group(1)) if m else None)


def peak_rss_of(cmd: list[str]) -> tuple[float, int]:
    """(seconds, peak summed RSS in bytes of the process tree) for a command."""
    import psutil

    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    proc = psutil.Process(p.pid)
    peak = 0
    while p.poll() is None:
        try:
            procs = [proc] + proc.children(recursive=True)
            total = 0
            for q in procs:
                try:
                    total += q.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.02)
    if p.returncode:
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return time.perf_counter() - t0, peak


# -- (a) OCR ------------------------------------------------------------------

def bench_ocr(work: Path, n_pages: int) -> dict:
    from synth.render import pdf_to_images, text_to_scan_pdf

    text = "\f".join(corpus_texts())
    arch = work / "ocr_arch"
    arch.mkdir()
    scan = arch / "scan.pdf"
    text_to_scan_pdf(text, scan, dpi=300, max_pages=n_pages, noise=0.02, rotate_deg=0.4)
    imgs_dir = work / "ocr_imgs"
    imgs_dir.mkdir()
    images = []
    for i, img in enumerate(pdf_to_images(scan, dpi=300, grayscale=True)):
        path = imgs_dir / f"p{i:03d}.png"
        img.save(path)
        images.append(path)

    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(path: Path):
        subprocess.run(["tesseract", str(path), str(path.with_suffix("")), "-l", "vie"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

    t0 = time.perf_counter()
    with ThreadPoolExecutor(cores()) as pool:
        list(pool.map(one, images))
    ceiling = len(images) / (time.perf_counter() - t0)
    whole, stage = run_pipeline_stages(arch, work / "ocr_out", "--ocr", "auto")
    ours = len(images) / stage
    return {"pages": len(images), "tesseract_ceiling_pages_per_s": round(ceiling, 3),
            "pipeline_ocr_stage_pages_per_s": round(ours, 3), "ratio": round(ours / ceiling, 3), "target": ">= 0.9",
            "whole_run_pages_per_s": round(len(images) / whole, 3),
            "note": "OCR stage = first page task started to last page done (render/decode + tesseract + text); "
                    "the ceiling OCRs pre-rendered PNGs"}


# -- (b) text-PDF ingest --------------------------------------------------------

def bench_pdf_text(work: Path, copies: int) -> dict:
    import pypdfium2 as pdfium

    from synth.render import text_to_pdf

    arch = work / "pdf_arch"
    arch.mkdir()
    texts = corpus_texts()
    for i in range(copies):
        text_to_pdf(texts[i % len(texts)] + f"\n\nBản {i}\n", arch / f"doc{i:03d}.pdf")
    pdfs = sorted(arch.glob("*.pdf"))
    t0 = time.perf_counter()
    n_pages = 0
    for p in pdfs:
        doc = pdfium.PdfDocument(str(p))
        for page in doc:
            tp = page.get_textpage()
            tp.get_text_bounded()
            tp.close()
            page.close()
            n_pages += 1
        doc.close()
    raw = n_pages / (time.perf_counter() - t0)
    from baocao.pipeline.stages.ingest.pdf import ingest_pdf

    t0 = time.perf_counter()
    for p in pdfs:
        ingest_pdf(p, "auto")
    ingest = n_pages / (time.perf_counter() - t0)
    secs = run_pipeline(arch, work / "pdf_out", "--ocr", "never")
    whole = n_pages / secs
    return {"pages": n_pages, "raw_pypdfium2_pages_per_s": round(raw, 1),
            "pipeline_ingest_pages_per_s": round(ingest, 1), "ratio": round(ingest / raw, 3), "target": ">= 0.5",
            "whole_run_pages_per_s": round(whole, 1),
            "note": "ingest and raw both single-process on the same files; whole run adds normalise, "
                    "extract and write on all workers"}


# -- (c) re-run ---------------------------------------------------------------------

def make_text_archive(dest: Path, n: int) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    texts = corpus_texts()
    for i in range(n):
        (dest / f"r{i:05d}.txt").write_text(texts[i % len(texts)] + f"\nBản số {i}.\n", encoding="utf-8")


def bench_rerun(work: Path, n: int) -> dict:
    arch = work / "rerun_arch"
    make_text_archive(arch, n)
    out = work / "rerun_out"
    first = run_pipeline(arch, out)
    second = run_pipeline(arch, out)
    return {"documents": n, "first_s": round(first, 2), "unchanged_rerun_s": round(second, 2),
            "ratio": round(second / first, 3), "target": "<= 0.05"}


# -- (d) memory ---------------------------------------------------------------------

def bench_memory(work: Path, base: int) -> dict:
    res = {}
    for k in (1, 4, 16):
        arch = work / f"mem_arch_{k}"
        make_text_archive(arch, base * k)
        secs, peak = peak_rss_of(BAOCAO + [str(arch), "--out", str(work / f"mem_out_{k}"), "--no-progress"])
        res[f"{k}x"] = {"documents": base * k, "seconds": round(secs, 1), "peak_rss_mb": round(peak / 2**20, 1)}
    res["ratio_16x_over_1x"] = round(res["16x"]["peak_rss_mb"] / res["1x"]["peak_rss_mb"], 3)
    res["target"] = "<= 1.2"
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=24, help="scanned pages for (a)")
    ap.add_argument("--pdfs", type=int, default=40, help="text PDFs for (b)")
    ap.add_argument("--scale", type=int, default=40, help="documents at 1x for (c) and (d)")
    ap.add_argument("--quick", action="store_true", help="tiny sizes (smoke test)")
    ap.add_argument("--only", default="a,b,c,d", help="which parts to run, e.g. a,d")
    a = ap.parse_args()
    if a.quick:
        a.pages, a.pdfs, a.scale = 2, 5, 5
    work = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    try:
        results = {
            "machine": {"platform": platform.platform(), "python": platform.python_version(), "cores": cores(),
                        "tesseract": subprocess.run(["tesseract", "--version"], capture_output=True,
                                                    text=True).stdout.splitlines()[0]},
        }
        for name, fn, arg in (("a_ocr", bench_ocr, a.pages), ("b_pdf_text", bench_pdf_text, a.pdfs),
                              ("c_rerun", bench_rerun, a.scale * 4), ("d_memory", bench_memory, a.scale)):
            if name[0] not in a.only.split(","):
                continue
            print(f"… {name}", file=sys.stderr, flush=True)
            results[name] = fn(work, arg)
            print(json.dumps({name: results[name]}, ensure_ascii=False), flush=True)
        outdir = REPO / "bench" / "out"
        outdir.mkdir(exist_ok=True)
        old = {}
        if (outdir / "results.json").exists():
            old = json.loads((outdir / "results.json").read_text())
        results = {**old, **results}
        (outdir / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False))
        print(f"written {outdir / 'results.json'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
