"""Per-page OCR task: get the page image (PDF page or image frame), then tesseract.

Pages are OCR'd at about ``DPI`` (300 dpi).  For a scanned PDF page that is
one full-page image already near that resolution (the usual scan), the
embedded image is decoded directly instead of rendering the page: the same
pixels at a fraction of the cost.  Anything else (text drawn over images,
rotated or partial images, images well below or above 300 dpi) is rendered
at ``DPI``.  A bilevel (1-bit, usually CCITT) scan is used at its own
resolution whatever it is (``BILEVEL_DPI``): resampling it to 300 dpi would
blur its edges into gray for nothing.

A colour scan keeps its colours until :func:`baocao.pipeline.stages.repairs.repair_page`
has taken the red and blue ink out; the repairs done are the page's
``repairs`` (``red-ink``, ``deskew:1.8``, ``turned:90``, ``bilevel:200dpi``).
"""
from __future__ import annotations

from pathlib import Path

from baocao.pipeline.stages import tesseract
from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest.image import oversized_image, render_scale

DPI = 300
NATIVE_DPI = (250, 400)  # embedded scans in this range are used as they are
BILEVEL_DPI = (100, 1200)  # bilevel scans in this range too (never resampled)
COLOUR_RENDER_MAX = 40_000_000  # pixels: larger renders are grayscale (memory)
MIN_COVER = 0.9          # share of the page the image must cover


def _embedded_scan(page):
    """The page's single full-page image as a PIL image (``RGB`` when in colour,
    ``L`` otherwise, 0/255 only for a bilevel one; ``info["dpi"]`` set), or None."""
    import pypdfium2.raw as pdfium_c

    objs = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=1))
    if len(objs) != 1:
        return None
    obj = objs[0]
    a, b, c, d, _, _ = obj.get_matrix().get()
    if b or c or a <= 0 or d <= 0:  # rotated, skewed or flipped placement
        return None
    w_pt, h_pt = page.get_size()
    left, bottom, right, top = obj.get_bounds()
    if (right - left) * (top - bottom) < MIN_COVER * w_pt * h_pt:
        return None
    px_w, px_h = obj.get_px_size()
    from baocao.pipeline.stages.ingest.image import MAX_PIXELS
    if px_w * px_h > MAX_PIXELS:
        return None
    dpi = px_w / ((right - left) / 72)
    try:
        bilevel = obj.get_metadata().bits_per_pixel == 1
    except Exception:  # noqa: BLE001
        bilevel = False
    lo, hi = BILEVEL_DPI if bilevel else NATIVE_DPI
    if not lo <= dpi <= hi:
        return None
    try:
        img = obj.get_bitmap(render=False).to_pil()
    except Exception:
        return None
    if bilevel:
        img = img.convert("L").point(lambda v: 255 if v >= 128 else 0)
    elif img.mode not in ("L", "RGB"):
        img = img.convert("RGB") if img.mode in ("RGBA", "RGBX", "BGRA", "BGRX", "BGR", "CMYK", "P") else img.convert("L")
    img.info["dpi"] = (round(dpi), round(dpi))
    return img


def render_pdf_page(path: Path, index: int, dpi: int = DPI):
    """The page image for OCR; a page whose images exceed the pixel limit is an error,
    a huge page is rendered at a lower resolution (at most 120 Mpx)."""
    from baocao.pipeline.stages.ingest.pdf import open_pdf

    pdf = open_pdf(path)
    try:
        page = pdf[index]
        try:
            too_big = oversized_image(page)
            if too_big:
                raise DocumentError(f"page {index + 1}: {too_big}")
            img = _embedded_scan(page)
            if img is None:
                scale = render_scale(page, dpi)
                w_pt, h_pt = page.get_size()
                colour = w_pt * h_pt * scale * scale <= COLOUR_RENDER_MAX
                img = page.render(scale=scale, grayscale=not colour).to_pil()
                if img.mode not in ("L", "RGB"):
                    img = img.convert("RGB" if colour else "L")
                img.info["dpi"] = (round(scale * 72), round(scale * 72))
        finally:
            page.close()
    finally:
        pdf.close()
    return img


def image_frame(path: Path, index: int):
    """Frame ``index`` upright per its EXIF orientation (phone photos), as ``1``/``L``
    (kept as stored: a 1-bit TIFF stays 1-bit) or ``RGB`` (transparency on white)."""
    from PIL import Image

    from baocao.pipeline.stages.ingest.image import open_image

    img = open_image(path)
    try:
        if index:
            img.seek(index)
        dpi = img.info.get("dpi")
        if img.mode in ("1", "L", "RGB"):
            frame = img.copy()
        elif img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            rgba = img.convert("RGBA")
            frame = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
        elif img.mode in ("P", "CMYK", "YCbCr", "LAB", "HSV"):
            frame = img.convert("RGB")
        else:   # I;16, I, F: gray levels of other depths
            frame = img.convert("L")
        try:
            orientation = int(img.getexif().get(0x0112, 1) or 1)
        except Exception:  # noqa: BLE001 - a broken EXIF block: the frame as stored
            orientation = 1
    finally:
        img.close()
    if dpi:
        frame.info["dpi"] = dpi
    if orientation != 1:
        frame.info["orientation"] = orientation   # applied by repairs.exif_upright
    return frame


def ocr_page(path: Path, file_type: str, index: int, dpi: int = DPI, timeout: float = 0) -> tesseract.OcrResult:
    """OCR page ``index`` (0-based) of a PDF or image file."""
    if file_type == "pdf":
        img = render_pdf_page(path, index, dpi)
    elif file_type == "image":
        img = image_frame(path, index)
    else:
        raise DocumentError(f"cannot OCR a {file_type} file")
    from baocao.pipeline.stages.repairs import repair_page

    img, notes = repair_page(img, timeout=timeout)
    result = tesseract.ocr_page_image(img, timeout=timeout)
    if result.rotation:   # the retry after a bad read turned it
        notes.append(f"turned:{result.rotation}")
    else:
        result.rotation = next((int(n.split(":")[1]) for n in notes if n.startswith("turned:")), 0)
    result.repairs = notes
    return result
