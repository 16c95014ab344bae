"""Per-page OCR task: render (PDF page or image frame) then tesseract."""
from __future__ import annotations

from pathlib import Path

from . import tesseract
from .errors import DocumentError

DPI = 300


def render_pdf_page(path: Path, index: int, dpi: int = DPI):
    from .ingest.pdf import open_pdf

    pdf = open_pdf(path)
    try:
        page = pdf[index]
        try:
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            img = bitmap.to_pil()
        finally:
            page.close()
    finally:
        pdf.close()
    return img


def image_frame(path: Path, index: int):
    from .ingest.image import open_image

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
    return tesseract.ocr_image(img, timeout=timeout)
