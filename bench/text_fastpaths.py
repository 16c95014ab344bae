"""Old against new, in one process: the text extractors with their issue-15 fast
scans and with the reference definitions those replaced.

    .venv/bin/python bench/text_fastpaths.py [--docs 40] [--repeat 5]

``--docs`` bench texts (``bench/run.py``'s ``varied_text``, normalised as
``bench/profile_text.py`` does), each extractor timed with the fast scans
(``dates._scans``, ``laws._anchors``, ``citations._exact_kind``,
``resolve._short_matches``) and with their ``*_reference`` definitions put in
their place, the two interleaved, min of ``--repeat``; ms per document and the
ratio.  Each call gets a fresh copy of the text (so each folds it, as in
``profile_text``); ``citations (dates given)`` is the call of the extract
stage, which hands the dates over (one fold of the text, about 2.4 ms, is in
every figure).
"""
from __future__ import annotations

import argparse
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


@contextmanager
def references():
    """The reference definitions in place of the fast scans."""
    from baocao.extractors import citations, dates, laws, resolve

    swaps = [(dates, "_scans", dates._scans_reference), (laws, "_anchors", laws._anchors_reference),
             (citations, "_exact_kind", citations._exact_kind_reference),
             (resolve, "_short_matches", resolve._short_matches_reference)]
    saved = [(mod, name, getattr(mod, name)) for mod, name, _ in swaps]
    for mod, name, ref in swaps:
        setattr(mod, name, ref)
    try:
        yield
    finally:
        for mod, name, fn in saved:
            setattr(mod, name, fn)


def _once(fn, xs) -> float:
    t = time.perf_counter()
    for x in xs:
        fn(x)
    return time.perf_counter() - t


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    import run as bench  # bench/run.py

    from baocao.extractors.citations import extract_citations
    from baocao.extractors.dates import extract_dates
    from baocao.normalizers.normalize import normalize_text

    texts = bench.source_texts()
    body = [normalize_text(bench.varied_text(texts, i)).text for i in range(a.docs)]
    given = [(t, extract_dates(t)) for t in body]
    cases = {
        "dates": (lambda t: extract_dates(t + " "), body),
        "citations": (lambda t: extract_citations(t + " "), body),
        "citations (dates given)": (lambda td: extract_citations(td[0], dates=td[1]), given),
    }
    for fn, xs in cases.values():   # warm: tables, patterns, caches
        _once(fn, xs)
        with references():
            _once(fn, xs)
    for name, (fn, xs) in cases.items():
        new = old = float("inf")
        for _ in range(a.repeat):
            new = min(new, _once(fn, xs))
            with references():
                old = min(old, _once(fn, xs))
        n = len(xs)
        print(f"{name:<24} old {old / n * 1000:6.2f}  new {new / n * 1000:6.2f} ms/doc  ratio {old / new:4.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
