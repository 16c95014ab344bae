"""PDFs: the text layer per page (pypdfium2), pages without one marked for OCR."""
from __future__ import annotations

from pathlib import Path

from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.textlayer import text_layer_problem
from baocao.pipeline.stages.ingest import Ingested, Page

MAX_PAGES = 20000


def open_pdf(path: Path):
    import pypdfium2 as pdfium

    with open(path, "rb") as fh:
        head = fh.read(1024)
    if b"%PDF" not in head:
        raise DocumentError("not a PDF (no %PDF header)")
    try:
        return pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        msg = str(exc).lower()
        if "password" in msg:
            raise DocumentError("encrypted PDF (password required)") from None
        raise DocumentError(f"corrupt PDF ({str(exc).splitlines()[0][:80]})") from None


def page_text(pdf, index: int) -> tuple[str, bool, bool]:
    """(text layer of the page, whether it holds images, whether it may hold a ruled table)."""
    import pypdfium2.raw as pdfium_c

    from baocao.pipeline.stages.ingest.pdf_tables import may_have_table

    page = pdf[index]
    try:
        tp = page.get_textpage()
        try:
            text = tp.get_text_bounded()
        finally:
            tp.close()
        has_images = any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        table = bool(text.strip()) and may_have_table(page)
    finally:
        page.close()
    # pdfium marks a hyphen that ended a line (its line break dropped) with
    # \x02: in these reports that is nearly always a symbol ("NĐ-\nCP"), so
    # it goes back to a plain hyphen.
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    return text, has_images, table


BLANK_DPI = 24


def is_blank(pdf, index: int) -> bool:
    """True when a low-resolution rendering of the page has no ink at all."""
    page = pdf[index]
    try:
        img = page.render(scale=BLANK_DPI / 72, grayscale=True).to_pil()
    finally:
        page.close()
    lo, _ = img.convert("L").getextrema()
    return lo > 200


def ingest_pdf(path: Path, ocr_mode: str = "auto") -> Ingested:
    pdf = open_pdf(path)
    try:
        n = len(pdf)
        if n == 0:
            raise DocumentError("PDF has no pages")
        if n > MAX_PAGES:
            raise DocumentError(f"PDF has {n} pages (limit {MAX_PAGES})")
        pages: list[Page] = []
        plumber = None
        for i in range(n):
            text, has_images, table = ("", True, False) if ocr_mode == "always" else page_text(pdf, i)
            if table:
                from baocao.pipeline.stages.ingest.pdf_tables import open_plumber, page_text_with_tables

                try:
                    plumber = plumber or open_plumber(path)
                    rebuilt = page_text_with_tables(plumber, i)
                except Exception:  # pdfplumber choking on a page: keep the pdfium text
                    rebuilt = None
                if rebuilt:
                    text = rebuilt
            page = Page(number=i + 1, text=text, source="pdf_text")
            if ocr_mode == "always":
                page.needs_ocr = "--ocr always"
            else:
                problem = text_layer_problem(text, has_images)
                if problem == "no text layer" and is_blank(pdf, i):
                    page.note = "blank page"  # nothing to OCR (and thousands of them cost nothing)
                elif problem:
                    page.note = problem
                    if ocr_mode == "auto":
                        page.needs_ocr = problem
            pages.append(page)
        if plumber is not None:
            plumber.close()
        return Ingested(file_type="pdf", pages=pages)
    finally:
        pdf.close()
