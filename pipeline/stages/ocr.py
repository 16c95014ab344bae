"""Per-page OCR task: get the page image (PDF page or image frame), then tesseract.

A scanned PDF page that is one full-page image is OCR'd from that image as
it is (decoded, not rendered) when it is 100-350 dpi (``NATIVE_DPI``), and
a bilevel (1-bit, usually CCITT) one at whatever resolution it has
(``BILEVEL_DPI``); a finer scan is rendered at ``DPI`` (300 dpi).  Measured
(bench/resolution.py, table in bench/README.md "OCR resolution"): re-rendering
a 150 or 200 dpi scan at 300 dpi made tesseract read it worse (character
error rate 1.64 % and 0.49 % against 0.23 % and 0.26 % native) and cost more
CPU; a 400 dpi scan reads the same at 300 dpi for 14 % less CPU.  Anything
else (text drawn over images, rotated or partial images) is rendered at
``DPI``.  Image files are read as they are (:func:`image_frame`).  The
choice is :func:`scan_resolution`, recorded in ``pages.repairs``
(``native:200dpi``, ``rendered:400>300dpi``; a bilevel page says
``bilevel:200dpi``).

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
NATIVE_DPI = (100, 350)  # embedded scans in this range are used as they are (bench/resolution.py)
BILEVEL_DPI = (100, 1200)  # bilevel scans in this range too (never resampled)
COLOUR_RENDER_MAX = 40_000_000  # pixels: larger renders are grayscale (memory)
MIN_COVER = 0.9          # share of the page the image must cover


def scan_resolution(dpi: float, bilevel: bool) -> int | None:
    """The resolution a page that is one full-page scanned image is OCR'd at:
    ``None`` for the image as it is (native), else the dpi the page is rendered at.

    Chosen by measurement (bench/resolution.py, table in bench/README.md,
    "OCR resolution", synthetic scans of report text, CER against the text):
    as it is from 100 to 350 dpi (150 dpi: 0.23 % native, 1.64 % rendered at
    300, 1.62 % at 400; 200 dpi: 0.26 % against 0.49 %, and 30 % less CPU;
    100 dpi: 0.75 % against 0.90 %; a Lanczos upscale of the image itself
    read about as native, 0.70 %, for more CPU); a 400 dpi scan rendered at
    300 (0.23 % against 0.25 % native, 14 % less CPU); a bilevel scan as it
    is (200 dpi: the same reading, 0.26 % / 0.18 % CER, real pages 93.8 / 93.9
    confidence, 22 % less CPU).  Below 100 dpi (not measured): rendered at 300."""
    lo, hi = BILEVEL_DPI if bilevel else NATIVE_DPI
    return None if lo <= round(dpi) <= hi else DPI


def _full_page_image(page):
    """``(image object, dpi, bilevel)`` of the page's single full-page image, or None
    (no image, several, a rotated or partial one, one over the pixel limit)."""
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
    return obj, dpi, bilevel


def _decode(obj, dpi: float, bilevel: bool):
    """The image object's pixels as a PIL image (``RGB`` when in colour, ``L``
    otherwise, 0/255 only for a bilevel one; ``info["dpi"]`` set), or None."""
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


def render_pdf_page(path: Path, index: int, dpi: int = DPI, native: bool | None = None):
    """The page image for OCR; a page whose images exceed the pixel limit is an error,
    a huge page is rendered at a lower resolution (at most 120 Mpx).

    A page that is one full-page scanned image is decoded as it is or rendered,
    as :func:`scan_resolution` chooses (``native=True``/``False`` forces either:
    the bench compares them); ``info["resolution"]`` then says which
    (``native:200dpi``, ``rendered:150>300dpi``) for ``pages.repairs``."""
    from baocao.pipeline.stages.ingest.pdf import open_pdf

    pdf = open_pdf(path)
    try:
        page = pdf[index]
        try:
            too_big = oversized_image(page)
            if too_big:
                raise DocumentError(f"page {index + 1}: {too_big}")
            img, note = None, None
            scan = _full_page_image(page)
            if scan is not None:
                obj, scan_dpi, bilevel = scan
                target = scan_resolution(scan_dpi, bilevel) if native is None else (None if native else dpi)
                if target is None:
                    img = _decode(obj, scan_dpi, bilevel)
                    note = f"native:{round(scan_dpi)}dpi" if img is not None else None
                else:
                    dpi, note = target, f"rendered:{round(scan_dpi)}>{target}dpi"
            if img is None:
                scale = render_scale(page, dpi)
                w_pt, h_pt = page.get_size()
                colour = w_pt * h_pt * scale * scale <= COLOUR_RENDER_MAX
                img = page.render(scale=scale, grayscale=not colour).to_pil()
                if img.mode not in ("L", "RGB"):
                    img = img.convert("RGB" if colour else "L")
                img.info["dpi"] = (round(scale * 72), round(scale * 72))
            if note and not (scan[2] and note.startswith("native")):   # a bilevel page's note is repairs' own
                img.info["resolution"] = note
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


def is_blank_image(img) -> bool:
    """No ink on the rendered page, by :func:`ingest.pdf.is_blank`'s rule: its
    darkest pixel, averaged down to ``BLANK_DPI``, lighter than ``BLANK_LEVEL``."""
    from baocao.pipeline.stages.ingest.pdf import BLANK_DPI, BLANK_LEVEL

    dpi = (img.info.get("dpi") or (DPI,))[0] or DPI
    gray = img if img.mode == "L" else img.convert("L")
    k = max(1, round(dpi / BLANK_DPI))
    small = gray.reduce(k) if k > 1 else gray
    return small.getextrema()[0] > BLANK_LEVEL


def ocr_page(path: Path, file_type: str, index: int, dpi: int = DPI, timeout: float = 0,
             native: bool | None = None) -> tesseract.OcrResult:
    """OCR page ``index`` (0-based) of a PDF or image file (``native``: see
    :func:`render_pdf_page`)."""
    if file_type == "pdf":
        img = render_pdf_page(path, index, dpi, native=native)
    elif file_type == "image":
        img = image_frame(path, index)
    else:
        raise DocumentError(f"cannot OCR a {file_type} file")
    from baocao.pipeline.stages.repairs import repair_page

    if file_type == "pdf" and is_blank_image(img):
        return tesseract.OcrResult(text="", confidence=None, words=0, blank=True)
    resolution = img.info.get("resolution")
    img, notes = repair_page(img, timeout=timeout)
    if resolution:
        notes.append(resolution)
    result = tesseract.ocr_page_image(img, timeout=timeout)
    if result.rotation:   # the retry after a bad read turned it
        notes.append(f"turned:{result.rotation}")
    else:
        result.rotation = next((int(n.split(":")[1]) for n in notes if n.startswith("turned:")), 0)
    result.repairs = notes
    return result
