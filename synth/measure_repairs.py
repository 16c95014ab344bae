"""Measure what each scan repair does to OCR: mean word confidence and CER.

    nice .venv/bin/python -m synth.measure_repairs [--pages 3] [--dpi 300]

Renders the pages of :data:`synth.scan_pages.PAGES`, damages them
(:mod:`synth.paper`: show-through of the next page, a phone photo, both; and
the clean render as a control), and OCRs each through
:func:`baocao.pipeline.stages.repairs.repair_page` with all repairs and with
each of ``flatten``, ``show-through`` and ``sheet`` (the perspective:
``--kinds photo-tilted``) left out.  A variant whose repaired
image is the same as one already read is not OCR'd again.  One tesseract at a
time (the machine is shared).
"""
from __future__ import annotations

import argparse
import hashlib
import time

from synth.paper import phone_photo, render_page, show_through
from synth.scan_pages import PAGES, cer

VARIANTS = {
    "all": (),
    "-flatten": ("flatten",),
    "-show-through": ("show-through",),
    "none": ("flatten", "show-through"),
    "-sheet": ("sheet",),
}


def damaged(i: int, kind: str, dpi: int):
    front = render_page(PAGES[i], dpi=dpi)
    if kind == "clean":
        return front
    back = render_page(PAGES[(i + 1) % len(PAGES)], dpi=dpi)
    if kind == "show-through":
        return show_through(front, back, strength=0.45)
    if kind == "photo":
        return phone_photo(front, seed=i, light=0.6)
    if kind == "photo-tilted":   # held at an angle: the corners move up to 6 % of the page
        return phone_photo(front, seed=i, light=0.45, tilt=0.06, margin=0.06)
    if kind == "photo+show-through":
        return phone_photo(show_through(front, back, strength=0.45), seed=i, light=0.6)
    raise ValueError(kind)


def main(argv=None) -> int:
    from baocao.pipeline.stages import repairs
    from baocao.pipeline.stages.tesseract import ocr_image

    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--dpi", type=int, default=300)
    ap.add_argument("--kinds", default="clean,show-through,photo,photo+show-through")
    args = ap.parse_args(argv)
    full = repairs.STEPS
    rows = []
    for kind in args.kinds.split(","):
        for i in range(args.pages):
            img = damaged(i, kind, args.dpi)
            seen: dict[str, tuple] = {}
            for name, off in VARIANTS.items():
                repairs.STEPS = tuple(s for s in full if s not in off)
                try:
                    t = time.time()
                    out, notes = repairs.repair_page(img.copy())
                    rt = time.time() - t
                finally:
                    repairs.STEPS = full
                key = hashlib.sha1(out.tobytes()).hexdigest()
                if key not in seen:
                    r = ocr_image(out)
                    seen[key] = (r.confidence, cer(r.text, PAGES[i]))
                conf, err = seen[key]
                rows.append((kind, i, name, conf, err, ",".join(notes), rt))
                print(f"{kind:20s} page {i} {name:14s} conf {conf:6.2f}  CER {err:.4f}  "
                      f"repairs {','.join(notes) or '-'}  ({rt:.2f} s)", flush=True)
    print("\nmeans over pages")
    for kind in args.kinds.split(","):
        for name in VARIANTS:
            sel = [r for r in rows if r[0] == kind and r[2] == name]
            if sel:
                print(f"{kind:20s} {name:14s} conf {sum(r[3] or 0 for r in sel) / len(sel):6.2f}  "
                      f"CER {sum(r[4] for r in sel) / len(sel):.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
