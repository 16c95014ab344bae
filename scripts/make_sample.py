#!/usr/bin/env python
"""Build the sample archive (data/raw) from the shared corpus.

Writes, from the five corpus reports ``NNN_<hash>.txt``:

- the five reports as ``.txt`` under their original names;
- ``000_<hash>.pdf``: report 000 as a PDF with a text layer;
- ``003_<hash>.scan.pdf``: the first 2 pages of report 003 rendered, rasterised
  at 200 dpi, rotated 0.5 degrees, lightly noised, stored as an image-only PDF;
- ``001_<hash>.docx``: the first 40 lines of report 001 as a DOCX
  (Markdown bold / headings / footnote superscripts become DOCX formatting).

Deterministic and idempotent: files whose bytes would not change are left
untouched. Usage::

    python scripts/make_sample.py [--out data/raw] [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from synth import render  # noqa: E402

SIZE_BUDGET = 1_500_000  # bytes for the whole archive

# Generation settings (kept here so the archive is reproducible and documented).
PDF_FONT_SIZE = 11  # keeps the corpus line breaks of 000 intact on A4 with 2 cm margins
SCAN = dict(dpi=200, rotate_deg=0.5, noise=0.02, seed=3, max_pages=2, jpeg_quality=70, font_size=11)
DOCX_LINES = 40


def _find(corpus: Path, prefix: str) -> Path:
    hits = sorted(corpus.glob(f"{prefix}_*.txt"))
    if not hits:
        raise SystemExit(f"error: no report {prefix}_*.txt in {corpus}")
    return hits[0]


def build(out: Path, corpus: Path) -> list[tuple[Path, int, str, str]]:
    """Build the archive into ``out``; return (path, size, status, sha256 prefix) per file."""
    if not corpus.is_dir():
        raise SystemExit(f"error: corpus directory not found: {corpus}")
    reports = sorted(corpus.glob("[0-9][0-9][0-9]_*.txt"))
    if not reports:
        raise SystemExit(f"error: no NNN_*.txt reports in {corpus}")
    out.mkdir(parents=True, exist_ok=True)
    results = []
    with tempfile.TemporaryDirectory(prefix="make_sample_") as tmp_s:
        tmp = Path(tmp_s)
        staged: list[Path] = []
        for src in reports:
            dst = tmp / src.name
            shutil.copyfile(src, dst)
            staged.append(dst)

        r000 = _find(corpus, "000")
        p = tmp / (r000.stem + ".pdf")
        render.text_to_pdf(r000.read_text(encoding="utf-8"), p, font_size=PDF_FONT_SIZE)
        staged.append(p)

        r003 = _find(corpus, "003")
        p = tmp / (r003.stem + ".scan.pdf")
        render.text_to_scan_pdf(r003.read_text(encoding="utf-8"), p, **SCAN)
        staged.append(p)

        r001 = _find(corpus, "001")
        lines = r001.read_text(encoding="utf-8").split("\n")[:DOCX_LINES]
        p = tmp / (r001.stem + ".docx")
        render.text_to_docx("\n".join(lines), p)
        staged.append(p)

        for f in staged:
            dst = out / f.name
            new = f.read_bytes()
            if dst.exists() and dst.read_bytes() == new:
                status = "unchanged"
            else:
                status = "written"
                dst.write_bytes(new)
            results.append((dst, len(new), status, hashlib.sha256(new).hexdigest()[:12]))
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "data" / "raw", help="output directory (default: data/raw)")
    ap.add_argument(
        "--corpus",
        type=Path,
        default=REPO.parent / "shared" / "corpus",
        help="corpus directory (default: ../shared/corpus next to the repo)",
    )
    args = ap.parse_args(argv)
    results = build(args.out, args.corpus)
    total = 0
    for path, size, status, digest in results:
        total += size
        try:
            shown = path.relative_to(Path.cwd())
        except ValueError:
            shown = path
        print(f"{status:9s} {size:9,d} B  sha256:{digest}  {shown}")
    print(f"total     {total:9,d} B in {len(results)} files")
    if total > SIZE_BUDGET:
        print(f"warning: sample archive exceeds the {SIZE_BUDGET:,d} B budget", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
