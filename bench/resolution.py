"""Bench part ``resolution``: at which resolution should a scanned page be OCR'd?

    .venv/bin/python bench/run.py --only resolution [--pages N]    # N pages per case (at most 3, the default)
    BENCH_RESOLUTION_CASES=gray-100,gray-150,real .venv/bin/python bench/run.py --only resolution   # some cases

For each source resolution it OCRs the same pages through baocao's own
``pipeline.stages.ocr.ocr_page`` (page image, repairs, tesseract ``vie``) in
every way the pipeline could read them, and reports:

- **synthetic scans** (the truth is known): pages of the report texts of
  ``data/raw/*.txt`` set with ``synth.render.text_to_pdf``, rasterised at
  100, 150, 200, 250, 300 and 400 dpi as ``text_to_scan_pdf`` does (gray, light
  noise, 0.4° rotation, JPEG 75), plus a bilevel 200 dpi scan (the gray page
  thresholded, stored CCITT G4 like a fax or an office scanner's 1-bit
  mode) and two phone photos (below).  Each page is OCR'd *native* (the
  embedded image decoded as it is) and *rendered* at 300 dpi by pdfium as the
  pipeline renders (and at 400 for 150 dpi; for 400 dpi that is a
  downscale), and for 100 and 150 dpi also *upscaled* (the native image
  enlarged ×3 / ×2 with Lanczos).  Character error rate (CER) is the
  Levenshtein distance between the OCR text and the page's own text (the text
  layer of the text PDF the scan was rasterised from), whitespace runs
  folded to one space, over the length of the page's text.
- **phone photos** (simulated: the 300 dpi page under a keystone perspective
  on a dark desk, light falling off across the page, a slight blur and
  noise, JPEG 80, tagged 72 dpi as phones do), at 1600 px (a photo sent
  through a messaging app, the page ~115 dpi) and 3264 px (an 8 Mpx camera,
  the page ~235 dpi) on the long side: read as they are (image files are
  never resampled by the pipeline) against upscaled ×2 / ×1.5 (Lanczos).
- **real scans** (../shared/real, MANIFEST kinds ``pdf_scan``,
  ``pdf_broken_text`` and ``image``: no truth, so mean word confidence and
  time): each page that is one full-page image, native against rendered at
  300 dpi; the image's resolution is its pixel width over the width it is
  placed at on the page.

Per case and way: CER (mean over pages, and the worst page), mean word
confidence, words read, and seconds per page: wall and CPU (this process plus
the tesseract children, from ``getrusage``: on a shared machine the CPU
seconds are the comparable figure).  One OCR at a time, ``OMP_THREAD_LIMIT=1``.
"""
from __future__ import annotations

import csv
import io
import os
import resource
import statistics
import time
import unicodedata
from pathlib import Path

import numpy as np

# case -> ways to read it: None = native, an int = the page rendered at that dpi (pdfium, as the
# pipeline renders), a float = the native image upscaled that many times (Lanczos)
SCAN_CASES = {
    "gray-100": (100, [None, 300, 3.0]),
    "gray-150": (150, [None, 300, 400, 2.0]),
    "gray-200": (200, [None, 300]),
    "gray-250": (250, [None, 300]),
    "gray-300": (300, [None]),
    "gray-400": (400, [None, 300]),
    "bilevel-200": (200, [None, 300]),
}
PHOTO_CASES = {"photo-1600": (1600, [None, 2.0]), "photo-3264": (3264, [None, 1.5])}
REAL_KINDS = ("pdf_scan", "pdf_broken_text", "image")
MAX_PAGES = 3


# -- measures -------------------------------------------------------------------------------

def levenshtein(a: str, b: str) -> int:
    """Edit distance (insertions, deletions, substitutions), one numpy row per character
    of the longer string: the insertions along a row are a running minimum."""
    if len(a) < len(b):
        a, b = b, a
    if not b:
        return len(a)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(b) + 1, dtype=np.int64)
    prev = idx.copy()
    t = np.empty_like(prev)
    for i, ch in enumerate(a, 1):
        t[0] = i
        np.minimum(prev[:-1] + (bb != ord(ch)), prev[1:] + 1, out=t[1:])
        prev = np.minimum.accumulate(t - idx) + idx
    return int(prev[-1])


assert levenshtein("kitten", "sitting") == 3 and levenshtein("", "abc") == 3 and levenshtein("ab", "ba") == 2


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def cer(ocr: str, truth: str) -> float:
    t = _fold(truth)
    return levenshtein(_fold(ocr), t) / max(1, len(t))


def _cpu() -> float:
    s, c = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime


def _ocr(path: Path, kind: str, index: int, way) -> dict:
    """One page through the pipeline's own ocr_page; ``way`` None = native, int = rendered dpi,
    float = the native image upscaled (Lanczos), handed over as an image file."""
    from baocao.pipeline.stages.ocr import DPI, ocr_page, render_pdf_page

    t0, c0 = time.perf_counter(), _cpu()
    if kind == "pdf" and isinstance(way, float):
        from PIL import Image

        img = render_pdf_page(path, index, native=True)
        dpi = img.info["dpi"][0]
        img = img.resize((round(img.width * way), round(img.height * way)), Image.LANCZOS)
        path = path.with_suffix(f".x{way:g}.png")
        img.save(path, format="PNG", dpi=(round(dpi * way),) * 2, compress_level=1)
        r = ocr_page(path, "image", 0)
    elif kind == "pdf":
        r = ocr_page(path, "pdf", index, dpi=way or DPI, native=way is None)
    else:
        r = ocr_page(path, "image", index)
    return {"text": r.text, "conf": r.confidence or 0.0, "words": r.words, "repairs": list(r.repairs),
            "wall": time.perf_counter() - t0, "cpu": _cpu() - c0}


# -- inputs ---------------------------------------------------------------------------------

def _pages(texts: list[str], n: int) -> list[tuple[str, int, str]]:
    """``n`` (report text, page index, that page's text as set) from different reports;
    body pages (the second) where a report has one, else its first."""
    import pypdfium2 as pdfium

    from synth.render import _text_pdf_bytes

    out = []
    for text in texts:
        if len(out) >= n:
            break
        pdf = pdfium.PdfDocument(_text_pdf_bytes(text))
        try:
            k = 1 if len(pdf) > 1 and len(out) % 2 else 0
            page = pdf[k]
            tp = page.get_textpage()
            truth = tp.get_text_range()
            tp.close()
            page.close()
        finally:
            pdf.close()
        if len(_fold(truth)) >= 800:   # a page of running text, not a signature stub
            out.append((text, k, truth))
    return out


def _scan_pdf(text: str, k: int, dpi: int, out: Path, bilevel: bool) -> None:
    """Page ``k`` of ``text`` as a one-page scanned PDF at ``dpi``: gray JPEG as the
    ocr bench's scans, or 1-bit CCITT G4 (the same gray page thresholded)."""
    from synth.render import _scan_images, images_to_pdf

    img = _scan_images(text, dpi=dpi, rotate_deg=0.4, noise=0.02, blur=0.0, seed=k, max_pages=k + 1,
                       jitter=0.0, pdf_kwargs={})[k]
    if bilevel:
        img.point(lambda v: 255 if v > 150 else 0).convert("1").save(out, format="PDF", resolution=dpi)
    else:
        images_to_pdf([img], out, dpi=dpi, jpeg_quality=75)


def phone_photo(page, long_side: int, seed: int):
    """A phone photo of a 300 dpi page image: the page on a dark desk under a keystone
    perspective, the light falling off across it, a slight blur and sensor noise, JPEG 80
    tagged 72 dpi; the frame's long side ``long_side`` px.  Returns JPEG bytes."""
    from PIL import Image, ImageFilter

    rng = np.random.default_rng(seed)
    g = page.convert("L")
    w, h = g.size
    # the page fills ~85 % of the frame's height, a little narrower at the top (tilted phone)
    fw, fh = round(h * 0.75 / 0.85), round(h / 0.85)
    frame = Image.new("L", (fw, fh), 60)
    x0, y0 = (fw - w) // 2, (fh - h) // 2
    frame.paste(g, (x0, y0))
    inset = 0.04 * w
    src = [(x0 - inset, y0), (x0 + w + inset, y0), (x0 + w, y0 + h), (x0, y0 + h)]   # quad seen as the page
    dst = [(x0, y0), (x0 + w, y0), (x0 + w, y0 + h), (x0, y0 + h)]
    from baocao.pipeline.stages.repairs import perspective_coeffs

    frame = frame.transform(frame.size, Image.PERSPECTIVE, perspective_coeffs(src, dst), Image.BICUBIC, fillcolor=60)
    a = np.asarray(frame, dtype=np.float32)
    yy, xx = np.mgrid[0:fh, 0:fw].astype(np.float32)
    light = 1.0 - 0.28 * (xx / fw) - 0.12 * ((yy - fh * 0.3) / fh) ** 2   # darker to the right and bottom
    a = a * light + rng.normal(0, 4.0, a.shape).astype(np.float32)
    img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8), mode="L").filter(ImageFilter.GaussianBlur(1.2))
    k = long_side / max(img.size)
    img = img.resize((round(img.width * k), round(img.height * k)), Image.LANCZOS).convert("RGB")
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=80, dpi=(72, 72))
    return buf.getvalue()


def _upscaled(jpeg: bytes, factor: float, out: Path) -> None:
    from PIL import Image

    img = Image.open(io.BytesIO(jpeg))
    img = img.resize((round(img.width * factor), round(img.height * factor)), Image.LANCZOS)
    img.save(out, format="PNG", dpi=(round(72 * factor),) * 2, compress_level=1)


# -- the part ---------------------------------------------------------------------------------

def _way_name(way) -> str:
    if way is None:
        return "native"
    if isinstance(way, float):
        return f"upscaled x{way:g}"
    return f"rendered {way}"


def _summary(f, name: str, rows: list[dict], **extra) -> dict:
    cers = [r["cer"] for r in rows if "cer" in r]
    fig = {"pages": len(rows), "conf": statistics.mean(r["conf"] for r in rows),
           "words": statistics.mean(r["words"] for r in rows),
           "wall_s": statistics.mean(r["wall"] for r in rows), "cpu_s": statistics.mean(r["cpu"] for r in rows)}
    if cers:
        fig["cer"] = statistics.mean(cers)
        fig["cer_worst"] = max(cers)
    f.add(name, value=fig.get("cer", fig["conf"]), unit="CER" if cers else "confidence",
          better="lower" if cers else "higher",
          note=", ".join(f"{k} {v:.4g}" for k, v in fig.items()), **{k: round(v, 4) for k, v in fig.items()},
          repairs=sorted({x for r in rows for x in r["repairs"]}), **extra)
    return fig


def bench_resolution(f, work: Path, a) -> None:
    from bench.run import source_texts   # the source texts of every bench part

    os.environ["OMP_THREAD_LIMIT"] = "1"
    n = 1 if a.quick else max(1, min(a.pages, MAX_PAGES))
    pages = _pages(source_texts(), n)
    table: list[tuple[str, str, dict]] = []
    folder = work / "resolution"
    folder.mkdir(parents=True, exist_ok=True)
    only = [c for c in os.environ.get("BENCH_RESOLUTION_CASES", "").split(",") if c]   # a subset, by name
    for case, (dpi, ways) in SCAN_CASES.items():
        if only and case not in only:
            continue
        pdfs = []
        for j, (text, k, truth) in enumerate(pages):
            p = folder / f"{case}-{j}.pdf"
            _scan_pdf(text, k, dpi, p, bilevel=case.startswith("bilevel"))
            pdfs.append((p, truth))
        for way in ways:
            rows = []
            for p, truth in pdfs:
                r = _ocr(p, "pdf", 0, way)
                r["cer"] = cer(r["text"], truth)
                rows.append(r)
            table.append((case, _way_name(way), _summary(f, f"res_{case}_{_way_name(way).replace(' ', '')}", rows,
                                                         source_dpi=dpi)))
    from synth.render import pdf_to_images

    for case, (side, ways) in PHOTO_CASES.items():
        if only and case not in only:
            continue
        files = []
        for j, (text, k, truth) in enumerate(pages):
            from synth.render import _text_pdf_bytes

            page = pdf_to_images(_text_pdf_bytes(text), dpi=300, pages=[k], grayscale=True)[0]
            jpeg = phone_photo(page, side, seed=j)
            files.append((jpeg, truth))
        for way in ways:
            rows = []
            for j, (jpeg, truth) in enumerate(files):
                p = folder / f"{case}-{j}" / ("photo.jpg" if way is None else "photo.png")
                p.parent.mkdir(exist_ok=True)
                if way is None:
                    p.write_bytes(jpeg)
                else:
                    _upscaled(jpeg, way, p)
                r = _ocr(p, "image", 0, None)
                r["cer"] = cer(r["text"], truth)
                rows.append(r)
            table.append((case, _way_name(way), _summary(f, f"res_{case}_{_way_name(way).replace(' ', '')}", rows,
                                                         long_side=side)))
    if not only or "real" in only:
        table += _real(f, work)
    _print_table(table)


def _real(f, work: Path) -> list:
    """Native against rendered at 300 dpi on the real scans' full-page images."""
    manifest = REAL_DIR / "MANIFEST.tsv"
    if not manifest.is_file():
        return []
    import pypdfium2 as pdfium

    from baocao.pipeline.stages.ocr import _full_page_image

    with open(manifest, encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t") if r["kind"] in REAL_KINDS]
    out = []
    for row in rows:
        for path in sorted(REAL_DIR.glob(row["stem"] + ".*")):
            if path.suffix.lower() != ".pdf":
                r = _ocr(path, "image", 0, None)
                out.append((f"real {path.stem[:8]} ({row['kind']})", "native",
                            _summary(f, f"res_real_{path.stem}_native", [r])))
                continue
            pdf = pdfium.PdfDocument(str(path))
            try:
                scans = []
                for i in range(len(pdf)):
                    page = pdf[i]
                    s = _full_page_image(page)
                    if s is not None:
                        scans.append((i, round(s[1]), s[2]))
                    page.close()
            finally:
                pdf.close()
            by_dpi: dict[tuple, list[int]] = {}
            for i, dpi, bilevel in scans:
                by_dpi.setdefault((dpi, bilevel), []).append(i)
            for (dpi, bilevel), idx in sorted(by_dpi.items()):
                ways = [None] if dpi == 300 else [None, 300]
                for way in ways:
                    res = [_ocr(path, "pdf", i, way) for i in idx]
                    label = f"real {path.stem[:8]} ({'bilevel ' if bilevel else ''}{dpi} dpi, {len(idx)} p.)"
                    out.append((label, _way_name(way),
                                _summary(f, f"res_real_{path.stem}_{dpi}_{_way_name(way).replace(' ', '')}", res,
                                         source_dpi=dpi, bilevel=bilevel)))
    return out


REAL_DIR = Path(__file__).resolve().parents[2] / "shared" / "real"


def _print_table(table) -> None:
    print("\n| case | read | pages | CER % (worst) | confidence | words | CPU s/page | wall s/page |")
    print("|---|---|---|---|---|---|---|---|")
    for case, way, fig in table:
        c = f"{100 * fig['cer']:.2f} ({100 * fig['cer_worst']:.2f})" if "cer" in fig else "—"
        print(f"| {case} | {way} | {fig['pages']} | {c} | {fig['conf']:.1f} | {fig['words']:.0f} | "
              f"{fig['cpu_s']:.2f} | {fig['wall_s']:.2f} |", flush=True)

