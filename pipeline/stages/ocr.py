"""Per-page OCR task: get the page image (PDF page or image frame), then tesseract.

Pages are OCR'd at about ``DPI`` (300 dpi).  For a scanned PDF page that is
one full-page image already near that resolution (the usual scan), the
embedded image is decoded directly instead of rendering the page: the same
pixels at a fraction of the cost.  Anything else (text drawn over images,
rotated or partial images, images well below or above 300 dpi) is rendered
at ``DPI``.
"""
from __future__ import annotations

from pathlib import Path

from baocao.pipeline.stages import tesseract
from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest.image import oversized_image, render_scale

DPI = 300
NATIVE_DPI = (250, 400)  # embedded scans in this range are used as they are
MIN_COVER = 0.9          # share of the page the image must cover


def _embedded_scan(page):
    """The page's single full-page image as a grayscale PIL image, or None."""
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
    if not NATIVE_DPI[0] <= px_w / ((right - left) / 72) <= NATIVE_DPI[1]:
        return None
    try:
        img = obj.get_bitmap(render=False).to_pil()
    except Exception:
        return None
    return img.convert("L")


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
                img = page.render(scale=render_scale(page, dpi), grayscale=True).to_pil()
        finally:
            page.close()
    finally:
        pdf.close()
    return img


def image_frame(path: Path, index: int):
    from baocao.pipeline.stages.ingest.image import open_image

    img = open_image(path)
    try:
        if index:
            img.seek(index)
        frame = img.convert("L")
    finally:
        img.close()
    return frame


def ocr_page(path: Path, file_type: str, index: int, dpi: int = DPI, timeout: float = 0) -> tesseract.OcrResult:
    """OCR page ``index`` (0-based) of a PDF or image file."""
    if file_type == "pdf":
        img = render_pdf_page(path, index, dpi)
    elif file_type == "image":
        img = image_frame(path, index)
    else:
        raise DocumentError(f"cannot OCR a {file_type} file")
    return tesseract.ocr_page_image(img, timeout=timeout)
