"""The header on office layouts: text PDFs, flattened e-office fills, scans with
seals and mail stamps, DOCX tables (``synth/layouts.py``), scored field by field.

    .venv/bin/python bench/header_layouts.py [--docs 24] [--only pdf,late,scan,harsh,docx] [--out F]

Builds the documents in a temporary folder, runs ``baocao.run`` on each set
(``--ocr auto``), and prints per set the wrong fields of doc_type, doc_number,
issue_date, issuer, location and signer (``subject`` apart: it is not scored
by ``../shared/eval/score.py``), the documents with a wrong field and the
flagged ones; ``--out`` writes them as JSON (and every miss).  Compared as the
scorer does: keys upper-cased and without blanks, names NFC/lower case.
Scans OCR every page: ``scan`` and ``harsh`` take about 2 s a page per core.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIELDS = ("doc_type", "doc_number", "issue_date", "issuer", "location", "signer")
SETS = ("pdf", "late", "scan", "harsh", "docx")


def _norm(field: str, v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    v = unicodedata.normalize("NFC", str(v))
    if field == "doc_number":
        return "".join(v.split()).upper()
    return " ".join(v.lower().split())


def build(kind: str, folder: Path, n: int) -> dict:
    from synth import layouts

    folder.mkdir(parents=True, exist_ok=True)
    expected = {}
    for i in range(n):
        if kind == "docx":
            name = f"d{i:03d}.docx"
            expected[name] = layouts.docx_draft(i, folder / name)
        elif kind == "late":
            name = f"late{i:03d}.pdf"
            expected[name] = layouts.late_fill_pdf(i, folder / name)
        else:
            name = f"doc{i:03d}.pdf"
            k = i + (n if kind == "harsh" else 0)   # the harsh scans are of other documents
            exp = layouts.layout_pdf(k, folder / name)
            if kind in ("scan", "harsh"):
                text_pdf = folder / f"_{name}"
                (folder / name).rename(text_pdf)
                layouts.scan_pdf(text_pdf, folder / name, k, harsh=kind == "harsh")
                text_pdf.unlink()
            expected[name] = exp
    return expected


def score(out: Path, expected: dict) -> dict:
    import pandas as pd

    docs = pd.read_parquet(out / "documents.parquet")
    wrong = total = bad_docs = flagged = 0
    misses = []
    for _, row in docs.iterrows():
        name = Path(row.source_path).name
        exp = expected.get(name)
        if exp is None:
            continue
        miss = {f: (row[f] if not pd.isna(row[f]) else None, exp[f]) for f in FIELDS
                if _norm(f, row[f]) != _norm(f, exp[f])}
        total += len(FIELDS)
        wrong += len(miss)
        bad_docs += bool(miss)
        flagged += bool(row.needs_review)
        if miss:
            misses.append({"file": name, **{f: {"got": g, "want": w} for f, (g, w) in miss.items()}})
    return {"documents": len(expected), "fields": total, "wrong_fields": wrong, "documents_wrong": bad_docs,
            "flagged": flagged, "misses": misses}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=24)
    ap.add_argument("--only", default=",".join(SETS))
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    import baocao

    results = {}
    with tempfile.TemporaryDirectory(prefix="baocao-layouts-") as tmp:
        for kind in a.only.split(","):
            expected = build(kind, Path(tmp) / kind, a.docs)
            t = time.perf_counter()
            baocao.run(Path(tmp) / kind, Path(tmp) / f"{kind}-out", ocr="auto")
            r = score(Path(tmp) / f"{kind}-out", expected)
            r["seconds"] = round(time.perf_counter() - t, 1)
            results[kind] = r
            print(f"{kind:<6} wrong fields {r['wrong_fields']:>3}/{r['fields']:<4} documents with a wrong field "
                  f"{r['documents_wrong']}/{r['documents']}  flagged {r['flagged']}  ({r['seconds']} s)", flush=True)
    if a.out:
        Path(a.out).write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
