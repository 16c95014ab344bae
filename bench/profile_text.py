"""Where one text document's CPU goes, on one core (issue 15's profile).

    .venv/bin/python bench/profile_text.py [--docs 40] [--repeat 4]

``baocao.extract`` of ``--docs`` bench texts (``bench/run.py``'s
``varied_text``: 25 KB reports), then normalisation and each extractor on its
own copy of the normalised text (so each folds and views it itself: their sum
is above the whole), min of ``--repeat``.  To compare two checkouts, run it
from each (``cd OTHER && PYTHONPATH=$PWD python bench/profile_text.py``):
the code imported is the checkout's.

``--stages``: CPU seconds (``time.process_time``, so a shared machine's load
moves them less than wall time) of each stage of ``finish_document`` as
``baocao.extract`` runs it (each extractor on the text it is given there,
normalisation, units, page quality, ...), per document, min over
``--repeat`` rounds; ``--top N``: the N functions of most own time in a
``cProfile`` of ``extract()`` over the same texts (after a warm-up over all
of them, so one-time loading is not counted).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def best_ms(fn, xs, repeat: int) -> float:
    b = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        for x in xs:
            fn(x)
        b = min(b, time.perf_counter() - t)
    return b / len(xs) * 1000


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=4)
    ap.add_argument("--stages", action="store_true", help="CPU ms/doc per stage of finish_document")
    ap.add_argument("--top", type=int, default=0, help="the N functions of most own time (cProfile)")
    a = ap.parse_args(argv)
    import run as bench  # bench/run.py

    import baocao
    from baocao.extractors.citations import extract_citations
    from baocao.extractors.dates import extract_dates
    from baocao.extractors.header import extract_header
    from baocao.extractors.statistics import extract_statistics
    from baocao.normalizers.normalize import normalize_text

    texts = bench.source_texts()
    docs = [bench.varied_text(texts, i) for i in range(a.docs)]
    for d in docs[:3]:
        baocao.extract(d)   # warm: tables loaded, regexes compiled
    size = sum(map(len, docs)) / len(docs)
    whole = best_ms(baocao.extract, docs, a.repeat)
    print(f"{baocao.__file__}: {len(docs)} texts of {size / 1000:.0f} KB")
    print(f"extract() whole   {whole:6.1f} ms/doc  ({size / whole / 1000:.2f} MB/s on one core)")
    body = [normalize_text(d).text for d in docs]
    print(f"normalise         {best_ms(normalize_text, docs, a.repeat):6.1f}")
    for name, fn in (("header", extract_header), ("citations", extract_citations), ("dates", extract_dates),
                     ("statistics", extract_statistics)):
        print(f"{name:<17} {best_ms(lambda t, fn=fn: fn(t + ' '), body, a.repeat):6.1f}")
    if a.stages:
        stage_split(docs, a.repeat)
    if a.top:
        top_functions(docs, a.top)
    return 0


STAGES = ("normalise_pages", "_without_stamp", "diacritic_stats", "detect_diacritics", "_unit", "_respell",
          "page_quality", "document_review", "scale_confidence", "document_row", "document_starts",
          "document_result", "summarise")
EXTRACT_STAGES = ("_rows", "PageIndex", "_without_stamps", "_document_only")


def stage_split(docs: list, repeat: int) -> None:
    """CPU ms/doc of each stage of ``finish_document`` (wrapped in place for the
    measure, restored after); ``(rest)`` is the total less the stages."""
    import collections

    import baocao
    from baocao.pipeline.stages import extract as E
    from baocao.pipeline.stages import process as P

    acc: collections.Counter = collections.Counter()

    def timed(fn, label):
        def w(*args, **kw):
            t = time.process_time()
            try:
                return fn(*args, **kw)
            finally:
                acc[label] += time.process_time() - t
        return w

    saved = [(P, n, getattr(P, n)) for n in STAGES if hasattr(P, n)]
    saved += [(E, n, getattr(E, n)) for n in EXTRACT_STAGES if hasattr(E, n)]
    extractors = dict(E.EXTRACTORS)
    try:
        for mod, n, fn in saved:
            setattr(mod, n, timed(fn, n))
        for k, fn in extractors.items():
            E.EXTRACTORS[k] = timed(fn, k)
        for d in docs:
            baocao.extract(d)
        best: dict = {}
        for _ in range(repeat):
            acc.clear()
            t = time.process_time()
            for d in docs:
                baocao.extract(d)
            snap = dict(acc, TOTAL=time.process_time() - t)
            best = snap if not best else {k: min(best.get(k, snap[k]), snap[k]) for k in snap}
    finally:
        for mod, n, fn in saved:
            setattr(mod, n, fn)
        E.EXTRACTORS.update(extractors)
    n = len(docs)
    print(f"\nCPU ms/doc per stage of finish_document (process_time, min of {repeat}):")
    print(f"{'extract() CPU':<22} {best['TOTAL'] / n * 1000:6.2f}")
    rest = best["TOTAL"] - sum(v for k, v in best.items() if k != "TOTAL")
    for k, v in sorted(best.items(), key=lambda kv: -kv[1]):
        if k != "TOTAL" and v / n >= 5e-6:
            print(f"  {k:<20} {v / n * 1000:6.2f}")
    print(f"  {'(rest)':<20} {rest / n * 1000:6.2f}")


def top_functions(docs: list, n: int) -> None:
    """The ``n`` functions of most own time in a cProfile of ``extract()``."""
    import cProfile
    import pstats

    import baocao

    for d in docs:
        baocao.extract(d)
    pr = cProfile.Profile()
    pr.enable()
    for d in docs:
        baocao.extract(d)
    pr.disable()
    print(f"\ntop {n} by own time (cProfile of extract() over {len(docs)} texts; times inflated by the profiler):")
    pstats.Stats(pr).sort_stats("tottime").print_stats(n)


if __name__ == "__main__":
    raise SystemExit(main())
