"""Snapshot of what ``baocao.extract`` gives, to prove a speed change keeps
the outputs identical (issue 15: "keep the outputs byte-identical").

    python scripts/snapshot.py write OUT.json.gz [--variants N]
    python scripts/snapshot.py compare A.json.gz B.json.gz

Inputs, in order: ``data/raw/*.txt`` (the sample archive's texts), then N
bench variants of them (``bench/run.py``'s ``varied_text``: numbers changed,
lines dropped and moved), then the same variants damaged the ways a run
repairs: marks stripped (``synth.damage.strip_diacritics``), TCVN3 and VNI
(``baocao.normalizers.legacy.to_tcvn3`` / ``to_vni``), OCR-like noise.  Each
entry holds every row of the document and its normalised text; ``compare``
prints the first differing entry and field and exits 1 when anything differs.
The committed ``tests/data/snapshot_raw.json.gz`` is ``write --variants 0``
and is checked by ``tests/test_output_snapshot.py``; regenerate it (and say
why in the commit) when an extractor change is meant to change outputs.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def inputs(variants: int) -> list[tuple[str, str]]:
    out = [(p.name, p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]
    if variants:
        sys.path.insert(0, str(ROOT / "bench"))
        import run as bench  # noqa: E402  (bench/run.py)
        from baocao.normalizers.legacy import to_tcvn3, to_vni
        from synth.damage import ocr_like_noise, strip_diacritics
        texts = bench.source_texts()
        for i in range(variants):
            t = bench.varied_text(texts, i)
            out.append((f"variant{i}", t))
            kind = i % 4
            if kind == 0:
                out.append((f"variant{i}:stripped", strip_diacritics(t)))
            elif kind == 1:
                out.append((f"variant{i}:tcvn3", to_tcvn3(t)))
            elif kind == 2:
                out.append((f"variant{i}:vni", to_vni(t)))
            else:
                out.append((f"variant{i}:noise", ocr_like_noise(t, seed=i)))
    return out


def snapshot(variants: int) -> list[dict]:
    import baocao
    rows = []
    for name, text in inputs(variants):
        r = baocao.extract(text)
        rows.append({"name": name, "document": r.document, "text": r.text, "citations": r.citations,
                     "dates": r.dates, "statistics": r.statistics, "pages": r.pages})
    # through JSON so that what is compared is what a file holds
    return json.loads(json.dumps(rows, ensure_ascii=False, default=str))


def write(path: Path, variants: int) -> None:
    data = json.dumps(snapshot(variants), ensure_ascii=False, sort_keys=True, indent=0)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(data)


def read(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return json.load(f)


def first_difference(a: list[dict], b: list[dict]) -> str | None:
    """None when equal, else a one-line description of the first difference."""
    if [x["name"] for x in a] != [x["name"] for x in b]:
        return "the inputs differ (names)"
    for x, y in zip(a, b):
        for key in x:
            if x[key] != y.get(key):
                if isinstance(x[key], list):
                    for i, (u, v) in enumerate(zip(x[key], y[key])):
                        if u != v:
                            fields = [k for k in u if u.get(k) != v.get(k)] if isinstance(u, dict) else []
                            return f"{x['name']}: {key}[{i}] differs in {fields}: {u!r} != {v!r}"
                    return f"{x['name']}: {key} has {len(x[key])} rows != {len(y[key])}"
                if isinstance(x[key], dict):
                    fields = [k for k in x[key] if x[key].get(k) != y[key].get(k)]
                    return f"{x['name']}: {key} differs in {fields}: " + "; ".join(
                        f"{k}: {x[key].get(k)!r} != {y[key].get(k)!r}" for k in fields[:3])
                return f"{x['name']}: {key} differs"
    return None


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    w.add_argument("--variants", type=int, default=40)
    c = sub.add_parser("compare")
    c.add_argument("a", type=Path)
    c.add_argument("b", type=Path)
    a = ap.parse_args(argv)
    if a.cmd == "write":
        write(a.out, a.variants)
        print(f"wrote {a.out}")
        return 0
    diff = first_difference(read(a.a), read(a.b))
    print(diff or "identical")
    return 1 if diff else 0


if __name__ == "__main__":
    sys.exit(main())
