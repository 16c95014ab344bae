"""Ingest: one module per input kind, each returning text per page.

A page either has text already (``source`` = ``text``/``pdf_text``) or needs
OCR (``needs_ocr`` set, with the reason).  OCR itself runs as separate
per-page tasks (see :mod:`pipeline.ocr`), so a long scan spreads over all
workers.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional


@dataclass
class Page:
    number: int                   # 1-based
    text: str = ""
    source: str = "text"          # text | pdf_text | ocr
    needs_ocr: Optional[str] = None  # reason when the page must be OCR'd
    ocr_confidence: Optional[float] = None  # mean word confidence 0-100
    note: Optional[str] = None    # why a text layer was rejected, ...
    signatures: list = field(default_factory=list)  # signature records found on the page (stages/signatures.py)
    layer_text: Optional[str] = None  # the text layer, kept when the page is OCR'd to choose the better reading
    image_page: bool = False      # the page is one big image (a scan): a stamp-only layer is no text
    layer_score: Optional[float] = None  # vn_score of the text layer (when it was judged against OCR)
    ocr_score: Optional[float] = None    # vn_score of the OCR reading
    kept: Optional[str] = None    # layer | ocr: which reading the page kept, when both existed
    image_repairs: list = field(default_factory=list)  # repairs of the page image before OCR (stages/repairs.py)
    ocr_low: list = field(default_factory=list)  # OCR words read below tesseract.LOW_CONFIDENCE: (start, end, confidence) in text


@dataclass
class Ingested:
    file_type: str
    pages: list[Page] = field(default_factory=list)
    encoding: Optional[str] = None   # for text files
    tables: list = field(default_factory=list)


def ingest(path: Path, file_type: str, ocr_mode: str = "auto", on_page=None) -> Ingested:
    """Text per page for one file; raises DocumentError with a one-line reason.
    ``on_page``: see :func:`baocao.pipeline.stages.ingest.pdf.ingest_pdf` (PDFs
    are the files whose pages take long to read)."""
    from baocao.pipeline.errors import DocumentError

    if file_type == "txt":
        from baocao.pipeline.stages.ingest.text import ingest_text
        return ingest_text(path)
    if file_type == "pdf":
        from baocao.pipeline.stages.ingest.pdf import ingest_pdf
        return ingest_pdf(path, ocr_mode, on_page)
    if file_type == "image":
        from baocao.pipeline.stages.ingest.image import ingest_image
        return ingest_image(path, ocr_mode)
    if file_type == "docx":
        from baocao.pipeline.stages.ingest.docx import ingest_docx
        return ingest_docx(path)
    if file_type == "doc":
        from baocao.pipeline.stages.ingest.doc import ingest_doc
        return ingest_doc(path)
    raise DocumentError(f"unsupported file type ({file_type.split('.', 1)[-1] or 'no extension'})")
