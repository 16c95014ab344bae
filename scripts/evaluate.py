#!/usr/bin/env python3
"""Score the pipeline on the shared gold in every input variant.

    .venv/bin/python scripts/evaluate.py [--variants txt,ascii,pdf,scan] [--keep DIR]

Builds, for each gold report, the variants the shared scorer knows (corpus
text, a diacritic-stripped copy ``.ascii.txt``, a text PDF, a noisy rotated
scan ``.scan.pdf``), runs ``baocao run`` on them and prints
``../shared/eval/score.py``'s lines.  Scans are OCR'd for real: a few minutes.

Needs the shared material beside the checkout (``../shared/gold``,
``../shared/corpus``, ``../shared/eval/score.py``); without it, it says so in
one line and exits 2.  ``make test`` does not need it: the tests score with
``baocao.pipeline.surfaces.scoring`` on ``tests/data/gold``.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--variants", default="txt,ascii,pdf,scan")
    ap.add_argument("--keep", type=Path, default=None, help="keep archive and output here")
    a = ap.parse_args()
    needed = [SHARED / "gold", SHARED / "corpus", SHARED / "eval" / "score.py"]
    absent = [str(p) for p in needed if not p.exists()]
    if absent:
        print(f"evaluate: shared material not found ({', '.join(absent)}); "
              "it is needed only for this evaluation, not for make test", file=sys.stderr)
        return 2
    from synth.damage import strip_diacritics
    from synth.render import text_to_pdf, text_to_scan_pdf

    work = a.keep or Path(tempfile.mkdtemp(prefix="baocao-eval-"))
    arch, out = work / "archive", work / "out"
    shutil.rmtree(arch, ignore_errors=True)
    arch.mkdir(parents=True)
    variants = set(a.variants.split(","))
    for g in sorted((SHARED / "gold").glob("*.json")):
        src = SHARED / "corpus" / f"{g.stem}.txt"
        text = src.read_text(encoding="utf-8")
        if "txt" in variants:
            shutil.copy(src, arch / src.name)
        if "ascii" in variants:
            (arch / f"{g.stem}.ascii.txt").write_text(strip_diacritics(text), encoding="utf-8")
        if "pdf" in variants:
            text_to_pdf(text, arch / f"{g.stem}.pdf")
        if "scan" in variants:
            text_to_scan_pdf(text, arch / f"{g.stem}.scan.pdf", dpi=300, rotate_deg=0.6, noise=0.03, seed=7)
    subprocess.run([sys.executable, "-m", "pipeline", "run", str(arch), "--out", str(out), "--no-progress"],
                   check=True)
    r = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), str(SHARED / "gold"), str(out)])
    if a.keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return r.returncode


if __name__ == "__main__":
    raise SystemExit(main())
