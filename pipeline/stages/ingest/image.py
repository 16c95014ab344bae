"""Images (.png .jpg .tif, multi-page TIFF): every frame is a page to OCR."""
from __future__ import annotations

import warnings
from pathlib import Path

from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest import Ingested, Page

# Larger than any page scanned at 600 dpi (A3 at 600 dpi ≈ 70 Mpx).
MAX_PIXELS = 120_000_000
MIN_SIDE = 16


# PDF pages (pypdfium2 objects): the pixel limit before anything is decoded or rendered

def oversized_image(page) -> str | None:
    """A description of an image on the page larger than the pixel limit (decoding it
    would take gigabytes), or None.  Sizes come from the PDF, nothing is decoded."""
    import pypdfium2.raw as pdfium_c

    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2):
        try:
            w, h = obj.get_px_size()
        except Exception:  # noqa: BLE001
            continue
        if w * h > MAX_PIXELS:
            return f"embedded image too large ({w}x{h} px, limit {MAX_PIXELS // 1_000_000} Mpx)"
    return None


def render_scale(page, dpi: int) -> float:
    """``dpi / 72``, lowered so the rendered page stays within the pixel limit."""
    w_pt, h_pt = page.get_size()
    scale = dpi / 72
    area = max(1.0, w_pt * h_pt)
    if area * scale * scale > MAX_PIXELS:
        scale = (MAX_PIXELS / area) ** 0.5
    return scale


def open_image(path: Path):
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(path)
            img.size  # noqa: B018 - forces header parse
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise DocumentError(f"image too large (over {MAX_PIXELS // 1_000_000} Mpx: decompression bomb?)") from None
    except Exception as exc:
        raise DocumentError(f"not a readable image ({type(exc).__name__})") from None
    w, h = img.size
    if w * h > MAX_PIXELS:
        raise DocumentError(f"image too large ({w}x{h} px)")
    return img


def ingest_image(path: Path, ocr_mode: str = "auto") -> Ingested:
    img = open_image(path)
    try:
        n = getattr(img, "n_frames", 1) or 1
        w, h = img.size
    finally:
        img.close()
    if min(w, h) < MIN_SIDE:
        raise DocumentError(f"image too small to hold text ({w}x{h} px)")
    if ocr_mode == "never":
        raise DocumentError("image needs OCR but --ocr never was given")
    pages = [Page(number=i + 1, source="ocr", needs_ocr="image") for i in range(n)]
    return Ingested(file_type="image", pages=pages)
