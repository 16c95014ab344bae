#!/usr/bin/env python3
"""baocao benchmark: every figure a ratio against a baseline measured in the same run.

    .venv/bin/python bench/run.py                     # everything (make bench)
    .venv/bin/python bench/run.py --quick             # smoke test, tiny sizes
    .venv/bin/python bench/run.py --only text,rerun   # some parts
    .venv/bin/python bench/run.py --compare old.json  # run, then gains/losses per figure against old.json
    .venv/bin/python bench/run.py --compare old.json --no-run   # compare bench/out/results.json with old.json

Parts (each timing is repeated ``--repeat`` times, >= 3; min and median are kept):

text    MB/s of whole ``baocao run --ocr never --workers 2`` runs (every stage: discover, hash,
        normalise, extract, cache, publish) over an archive of several hundred unique report
        texts made from data/raw (or ../shared/corpus) with variations.  Baseline: the same
        run's machine calibration (a fixed pure-Python text workload on one core), so a later
        run on a busier machine can be compared by the ratio.
rerun   an unchanged re-run against the first run of the same archive (target <= 0.01).
memory  peak RSS of the whole process tree at 16x the archive size against 1x (target <= 1.2).
pdf     pages/s of a whole ``baocao run --ocr never`` over text PDFs against raw pypdfium2
        ``get_text_bounded`` of the same pages in one process (target >= 0.8); the same for the
        real text PDFs of ../shared/real (pdf_text in MANIFEST.tsv) when that folder exists.
ocr     pages/s of a whole ``baocao run --ocr auto`` and of its OCR stage against the ceiling:
        raw ``tesseract IMG OUT -l vie`` on the same pages pre-rendered as uncompressed PGM
        (tesseract's fastest input), OMP_THREAD_LIMIT=1, as many processes as cores (target >= 0.97).
resolution  CER, confidence and seconds per page of scans at 150-400 dpi and phone photos read native
        against re-rendered, and of the real scans (bench/resolution.py; --pages N per case, at most 3).

The machine is shared: absolute timings are noisy, ratios against a baseline measured in the
same run are what to compare.  Results go to bench/out/results.json (or --out).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REAL = SHARED / "real"
sys.path.insert(0, str(REPO))

BAOCAO = [sys.executable, "-m", "baocao", "run"]


def source_texts() -> list[str]:
    """The report texts the inputs are made from: data/raw/*.txt (the sample archive's
    truths), else ../shared/corpus."""
    for folder in (REPO / "data" / "raw", SHARED / "corpus"):
        files = sorted(folder.glob("*.txt"))
        if files:
            return [p.read_text(encoding="utf-8") for p in files]
    raise SystemExit("no source texts in data/raw or ../shared/corpus")


def cores() -> int:
    return len(os.sched_getaffinity(0))


# -- measuring ------------------------------------------------------------------------

class Figures:
    """Every figure: value, its baseline from the same run, ratio, what is better."""

    def __init__(self):
        self.figures: dict[str, dict] = {}

    def add(self, name: str, *, value: float, unit: str, better: str, baseline: float | None = None,
            ratio: float | None = None, target: str | None = None, runs: list[float] | None = None,
            note: str | None = None, **extra) -> dict:
        fig = {"value": round(value, 4), "unit": unit, "better": better}
        if baseline is not None:
            fig["baseline"] = round(baseline, 4)
        if ratio is not None:
            fig["ratio"] = round(ratio, 4)
        if target:
            fig["target"] = target
            fig["met"] = _met(ratio if ratio is not None else value, target)
        if runs:
            fig["runs"] = [round(r, 4) for r in runs]
            fig["min"] = round(min(runs), 4)
            fig["median"] = round(statistics.median(runs), 4)
        if note:
            fig["note"] = note
        fig.update(extra)
        self.figures[name] = fig
        shown = f"{value:.4g} {unit}"
        if ratio is not None:
            shown += f"  ratio {ratio:.3f}" + (f" (target {target}, {'met' if fig['met'] else 'NOT met'})"
                                               if target else "")
        if runs:
            shown += f"  [min {min(runs):.4g}, median {statistics.median(runs):.4g} of {len(runs)} runs]"
        print(f"  {name:<34} {shown}", flush=True)
        return fig


def _met(x: float, target: str) -> bool:
    op, num = target.split()
    return x >= float(num) if op == ">=" else x <= float(num)


def timed(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def run_baocao(archive: Path, out: Path, *extra: str, fresh: bool = True) -> tuple[float, float | None]:
    """(wall seconds of a whole run, seconds of its OCR stage from the summary line)."""
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
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
            total = 0
            for q in [proc] + proc.children(recursive=True):
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


def calibration_mb_s(texts: list[str], repeat: int) -> float:
    """A fixed pure-Python text workload on one core (MB/s): what this machine, as loaded
    now, gives.  The text figure's baseline (same run, same load)."""
    import unicodedata

    word = re.compile(r"\w+")
    data = "\n".join(texts)
    size = len(data.encode("utf-8"))

    def work():
        n = 0
        for line in data.splitlines():
            n += len(word.findall(unicodedata.normalize("NFD", line).lower()))
            n += sum(1 for c in line if c.isdigit())
        return n

    return size / 1e6 / min(timed(work, repeat))


# -- inputs ---------------------------------------------------------------------------

_DIGITS = re.compile(r"\d+")


def varied_text(texts: list[str], i: int) -> str:
    """Report text number ``i``: one of the source texts with its numbers changed, some
    lines dropped, some lines of another text put in, a few paragraphs moved: several
    hundred of these are all different (nothing is de-duplicated or cached) yet read like
    the reports they come from."""
    rng = random.Random(i)
    base = texts[i % len(texts)].splitlines()
    other = texts[(i + 1 + rng.randrange(len(texts) - 1 or 1)) % len(texts)].splitlines()
    head, body = base[:24], base[24:]

    def digits(m: re.Match) -> str:
        s = m.group(0)
        if rng.random() < 0.35:
            return "".join(rng.choice("123456789" if k == 0 else "0123456789") for k in range(len(s)))
        return s

    out = list(head)
    for line in body:
        r = rng.random()
        if r < 0.03:
            continue
        out.append(_DIGITS.sub(digits, line))
        if r > 0.96 and other:
            out.append(_DIGITS.sub(digits, rng.choice(other)))
    if len(out) > 60 and rng.random() < 0.5:   # move a block of lines
        a = rng.randrange(24, len(out) - 20)
        block = out[a:a + 10]
        del out[a:a + 10]
        b = rng.randrange(24, len(out))
        out[b:b] = block
    out.append(f"Bản số {i}.")
    return "\n".join(out) + "\n"


def make_text_archive(dest: Path, n: int, texts: list[str]) -> int:
    """``n`` varied report texts in ``dest``; returns their total bytes."""
    dest.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        data = varied_text(texts, i).encode("utf-8")
        (dest / f"r{i:05d}.txt").write_bytes(data)
        size += len(data)
    return size


# -- parts ----------------------------------------------------------------------------

def bench_text(f: Figures, work: Path, a) -> None:
    texts = source_texts()
    arch = work / "text_arch"
    size = make_text_archive(arch, a.docs, texts)
    runs, cals, ratios = [], [], []
    for _ in range(a.repeat):
        # the load of a shared machine swings within minutes: calibrate right before and after each run
        before = calibration_mb_s(texts, 1)
        mb_s = size / 1e6 / run_baocao(arch, work / "text_out", "--ocr", "never", "--workers", "2")[0]
        cal = (before + calibration_mb_s(texts, 1)) / 2
        runs.append(mb_s)
        cals.append(cal)
        ratios.append(mb_s / cal)
    f.add("calibration_mb_s", value=statistics.median(cals), unit="MB/s", better="higher", runs=cals,
          note="fixed pure-Python text workload, one core, before and after each text run: the machine's "
               "speed under its load then")
    best = max(runs)
    f.add("text_mb_s", value=best, unit="MB/s", better="higher", baseline=statistics.median(cals),
          ratio=statistics.median(ratios), runs=runs, ratios=[round(r, 4) for r in ratios], documents=a.docs,
          megabytes=round(size / 1e6, 2),
          note="whole `baocao run --ocr never --workers 2` (fresh output each run); value = best run; "
               "ratio = median over runs of MB/s against the calibration around that run")
    f.add("text_mb_s_vs_target", value=best, unit="MB/s", better="higher", baseline=10.0, ratio=best / 10.0,
          target=">= 1.0", note="best run against the 10 MB/s target")


def bench_rerun(f: Figures, work: Path, a) -> None:
    texts = source_texts()
    arch = work / "rerun_arch"
    # the text figure's archive size (--docs): an unchanged re-run costs Python's start-up and one
    # stat per file, a first run the whole pipeline per file, so the ratio is only meaningful for
    # an archive of the size the text figure measures (it was capped at 160 on the loaded machine)
    n = a.docs
    make_text_archive(arch, n, texts)
    out = work / "rerun_out"
    firsts, seconds = [], []
    for _ in range(a.repeat):
        firsts.append(run_baocao(arch, out, "--ocr", "never")[0])
        seconds.append(run_baocao(arch, out, "--ocr", "never", fresh=False)[0])
    ratios = [s / t for s, t in zip(seconds, firsts)]
    f.add("rerun_unchanged_ratio", value=statistics.median(seconds), unit="s", better="lower",
          baseline=statistics.median(firsts), ratio=statistics.median(ratios), target="<= 0.01",
          runs=ratios, documents=n, note="unchanged re-run seconds against the first run's (median of pairs)")


def bench_memory(f: Figures, work: Path, a) -> None:
    texts = source_texts()
    base = max(5, a.docs // 16)
    peaks = {}
    for k in (1, 16):
        arch = work / f"mem_arch_{k}"
        make_text_archive(arch, base * k, texts)
        ps = []
        for _ in range(a.repeat):
            shutil.rmtree(work / f"mem_out_{k}", ignore_errors=True)
            ps.append(peak_rss_of(BAOCAO + [str(arch), "--out", str(work / f"mem_out_{k}"), "--no-progress",
                                            "--ocr", "never"])[1] / 2**20)
        peaks[k] = ps
    m1, m16 = statistics.median(peaks[1]), statistics.median(peaks[16])
    f.add("memory_16x_over_1x", value=m16, unit="MB", better="lower", baseline=m1, ratio=m16 / m1,
          target="<= 1.2", runs=peaks[16], documents_1x=base, runs_1x=[round(x, 1) for x in peaks[1]],
          note="peak summed RSS of main + workers, median of runs")


def _raw_pdfium_pages_per_s(pdfs: list[Path], repeat: int) -> tuple[float, int, list[float]]:
    import pypdfium2 as pdfium

    n_pages = 0

    def raw():
        nonlocal n_pages
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

    secs = timed(raw, repeat)
    return n_pages / min(secs), n_pages, [n_pages / s for s in secs]


def _pdf_figure(f: Figures, name: str, pdfs: list[Path], arch: Path, out: Path, repeat: int, note: str) -> None:
    raw, n_pages, _ = _raw_pdfium_pages_per_s(pdfs, repeat)
    runs = [n_pages / run_baocao(arch, out, "--ocr", "never")[0] for _ in range(repeat)]
    best = max(runs)
    f.add(name, value=best, unit="pages/s", better="higher", baseline=raw, ratio=best / raw, target=">= 0.8",
          runs=runs, pages=n_pages, files=len(pdfs), note=note)


def bench_pdf(f: Figures, work: Path, a) -> None:
    from synth.render import text_to_pdf

    texts = source_texts()
    arch = work / "pdf_arch"
    arch.mkdir()
    for i in range(a.pdfs):
        text_to_pdf(varied_text(texts, i), arch / f"doc{i:03d}.pdf")
    pdfs = sorted(arch.glob("*.pdf"))
    _pdf_figure(f, "pdf_text_whole_run_vs_pypdfium2", pdfs, arch, work / "pdf_out", a.repeat,
                "whole `baocao run --ocr never` (2 workers) pages/s against raw pypdfium2 get_text_bounded "
                "over the same pages (one process, best of runs)")
    manifest = REAL / "MANIFEST.tsv"
    if manifest.is_file():
        import csv

        with open(manifest, encoding="utf-8") as fh:
            stems = [r["stem"] for r in csv.DictReader(fh, delimiter="\t") if r["kind"] == "pdf_text"]
        real = [p for s in stems for p in REAL.glob(f"{s}*.pdf")]
        if real:
            rarch = work / "pdf_real"
            rarch.mkdir()
            for p in real:
                shutil.copy(p, rarch / p.name)
            _pdf_figure(f, "pdf_real_whole_run_vs_pypdfium2", sorted(rarch.glob("*.pdf")), rarch,
                        work / "pdf_real_out", a.repeat,
                        "the real text PDFs of ../shared/real (pdf_text), as above")


def bench_ocr(f: Figures, work: Path, a) -> None:
    from synth.render import pdf_to_images, text_to_scan_pdf

    text = "\f".join(source_texts())
    arch = work / "ocr_arch"
    arch.mkdir()
    scan = arch / "scan.pdf"
    text_to_scan_pdf(text, scan, dpi=300, max_pages=a.pages, noise=0.02, rotate_deg=0.4)
    imgs_dir = work / "ocr_imgs"
    imgs_dir.mkdir()
    images = []
    for i, img in enumerate(pdf_to_images(scan, dpi=300, grayscale=True)):
        path = imgs_dir / f"p{i:03d}.pgm"   # uncompressed: tesseract reads it fastest
        img.save(path)
        images.append(path)
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(path: Path):
        subprocess.run(["tesseract", str(path), str(path.with_suffix("")), "-l", "vie"], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)

    def ceiling_run():
        with ThreadPoolExecutor(cores()) as pool:
            list(pool.map(one, images))

    n = len(images)
    ceil_runs, whole_runs, stage_runs = [], [], []
    for _ in range(a.repeat):   # interleaved, so the load is the same for both
        ceil_runs.append(n / timed(ceiling_run, 1)[0])
        whole, stage = run_baocao(arch, work / "ocr_out", "--ocr", "auto")
        whole_runs.append(n / whole)
        stage_runs.append(n / stage if stage else float("nan"))
    ceil = max(ceil_runs)
    f.add("ocr_ceiling_pages_per_s", value=ceil, unit="pages/s", better="higher", runs=ceil_runs, pages=n,
          note="raw tesseract CLI on PGM, one thread each, as many processes as cores")
    f.add("ocr_whole_run_vs_ceiling", value=max(whole_runs), unit="pages/s", better="higher", baseline=ceil,
          ratio=max(whole_runs) / ceil, target=">= 0.97", runs=whole_runs, pages=n,
          note="whole `baocao run --ocr auto` incl. start-up and publish")
    f.add("ocr_stage_vs_ceiling", value=max(stage_runs), unit="pages/s", better="higher", baseline=ceil,
          ratio=max(stage_runs) / ceil, runs=stage_runs, pages=n,
          note="the run's OCR stage (first page task started to last page done)")


from bench.resolution import bench_resolution  # noqa: E402  (native vs re-rendered scans: bench/resolution.py)

PARTS = {"text": bench_text, "rerun": bench_rerun, "memory": bench_memory, "pdf": bench_pdf, "ocr": bench_ocr,
         "resolution": bench_resolution}


# -- comparing ------------------------------------------------------------------------

def compare(old: dict, new: dict) -> None:
    """Gains and losses per figure: the ratio when the figure has one (its baseline was
    measured in the same run, so the machine's load cancels), else the value."""
    of, nf = old.get("figures", {}), new.get("figures", {})
    print(f"\n{'figure':<34} {'old':>10} {'new':>10} {'change':>8}  verdict")
    for name in sorted(set(of) | set(nf)):
        o, n = of.get(name), nf.get(name)
        if o is None or n is None:
            print(f"{name:<34} {'—' if o is None else _shown(o):>10} {'—' if n is None else _shown(n):>10}")
            continue
        key = "ratio" if "ratio" in o and "ratio" in n else "value"
        ov, nv = o[key], n[key]
        change = (nv - ov) / ov if ov else float("inf")
        better = n.get("better", "higher")
        if key == "ratio" and better == "lower":
            good = change < 0
        elif key == "ratio":
            good = change > 0
        else:
            good = change > 0 if better == "higher" else change < 0
        verdict = "≈ same" if abs(change) < 0.05 else ("gain" if good else "LOSS")
        print(f"{name:<34} {ov:>10.4g} {nv:>10.4g} {change:>+7.1%}  {verdict} ({key})")


def _shown(fig: dict) -> str:
    return f"{fig.get('ratio', fig['value']):.4g}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=400, help="report texts in the text archive")
    ap.add_argument("--pdfs", type=int, default=40, help="generated text PDFs")
    ap.add_argument("--pages", type=int, default=12, help="scanned pages for the OCR part")
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing (>= 3 unless --quick)")
    ap.add_argument("--quick", action="store_true", help="tiny sizes, one run each (smoke test)")
    ap.add_argument("--only", default=",".join(PARTS), help="parts to run: " + ",".join(PARTS))
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "results.json")
    ap.add_argument("--compare", type=Path, help="a results JSON of an earlier run: print gains/losses")
    ap.add_argument("--no-run", action="store_true", help="with --compare: compare --out without running")
    a = ap.parse_args()
    if a.quick:
        a.docs, a.pdfs, a.pages, a.repeat = 32, 3, 1, 1
    elif a.repeat < 3:
        ap.error("--repeat must be >= 3 (min/median of at least 3 runs)")
    only = [p.strip() for p in a.only.split(",") if p.strip()]
    unknown = set(only) - set(PARTS)
    if unknown:
        ap.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if a.no_run:
        if not a.compare:
            ap.error("--no-run needs --compare")
        compare(json.loads(a.compare.read_text()), json.loads(a.out.read_text()))
        return
    results = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": {"platform": platform.platform(), "python": platform.python_version(), "cores": cores(),
                    "load_average": os.getloadavg(),
                    "tesseract": (subprocess.run(["tesseract", "--version"], capture_output=True, text=True)
                                  .stdout.splitlines() or ["?"])[0]},
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(a).items()},
        "figures": {},
    }
    f = Figures()
    work = Path(tempfile.mkdtemp(prefix="baocao-bench-"))
    try:
        for name in only:
            print(f"… {name}", flush=True)
            PARTS[name](f, work, a)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["figures"] = f.figures
    results["machine"]["load_average_after"] = os.getloadavg()
    a.out.parent.mkdir(parents=True, exist_ok=True)
    tmp = a.out.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False))
    os.replace(tmp, a.out)
    print(f"written {a.out}")
    if a.compare:
        compare(json.loads(a.compare.read_text()), results)


if __name__ == "__main__":
    main()
