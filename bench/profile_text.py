"""Where one text document's CPU goes, on one core (issue 15's profile).

    .venv/bin/python bench/profile_text.py [--docs 40] [--repeat 4]

``baocao.extract`` of ``--docs`` bench texts (``bench/run.py``'s
``varied_text``: 25 KB reports), then normalisation and each extractor on its
own copy of the normalised text (so each folds and views it itself: their sum
is above the whole), min of ``--repeat``.  To compare two checkouts, run it
from each (``cd OTHER && PYTHONPATH=$PWD python bench/profile_text.py``):
the code imported is the checkout's.
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
