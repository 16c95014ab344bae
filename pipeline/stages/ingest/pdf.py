"""PDFs: the text layer per page (pypdfium2), pages without one marked for OCR."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.signatures import pdf_signatures, split_stamp
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


@dataclass
class PageText:
    text: str
    has_images: bool
    table: bool
    image_cover: float = 0.0      # share of the page area covered by its largest image
    stamps: list = field(default_factory=list)   # signature stamps read from annotations
    notes: list = field(default_factory=list)


def page_text(pdf, index: int) -> PageText:
    """The page's text layer, with the text its form fields and annotations show
    (:mod:`baocao.pipeline.stages.ingest.pdf_annots`) inserted where it stands."""
    import pypdfium2.raw as pdfium_c

    from baocao.pipeline.stages.ingest.pdf_annots import _chars, annotation_rects, merge, read_annotations
    from baocao.pipeline.stages.ingest.pdf_tables import may_have_table

    page = pdf[index]
    chars = None
    try:
        tp = page.get_textpage()
        try:
            has_annots = bool(annotation_rects(page))
            if has_annots:
                chars = _chars(tp)
                text = tp.get_text_range()
            else:
                text = tp.get_text_bounded()
        finally:
            tp.close()
        images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
        has_images = bool(images)
        cover = _image_cover(page, images) if images else 0.0
        table = bool(text.strip()) and may_have_table(page)
    finally:
        page.close()
    pt = PageText(text, has_images, table, cover)
    if has_annots:
        annots = read_annotations(pdf, index, chars or [])
        if annots:
            pt.text, pt.stamps, pt.notes = merge(text, chars or [], annots, index + 1)
    # pdfium marks a hyphen that ended a line (its line break dropped) with
    # \x02: in these reports that is nearly always a symbol ("NĐ-\nCP"), so
    # it goes back to a plain hyphen.
    pt.text = pt.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    return pt


def _image_cover(page, images) -> float:
    """Share of the page area covered by its largest image object."""
    w, h = page.get_size()
    best = 0.0
    for im in images:
        try:
            l, b, r, t = im.get_pos()
        except Exception:
            continue
        best = max(best, max(0.0, min(r, w) - max(l, 0)) * max(0.0, min(t, h) - max(b, 0)) / max(w * h, 1.0))
    return best


BLANK_DPI = 24
FULL_PAGE_IMAGE = 0.6   # an image covering this share of the page makes it a scanned page


def is_blank(pdf, index: int) -> bool:
    """True when a low-resolution rendering of the page has no ink at all."""
    from baocao.pipeline.stages.ingest.image import oversized_image, render_scale

    page = pdf[index]
    try:
        if oversized_image(page):
            return False  # not decoded here; the OCR task reports it
        img = page.render(scale=render_scale(page, BLANK_DPI), grayscale=True).to_pil()
    finally:
        page.close()
    lo, _ = img.convert("L").getextrema()
    return lo > 200


def ingest_pdf(path: Path, ocr_mode: str = "auto", on_page=None) -> Ingested:
    """Every page's text layer, or the reason it must be OCR'd.

    ``on_page`` (optional) is called with the page count, then with each
    page as soon as it is read: a run checkpoints them, so a document whose
    late page hangs or crashes keeps the pages read before it."""
    pdf = open_pdf(path)
    try:
        n = len(pdf)
        if n == 0:
            raise DocumentError("PDF has no pages")
        if n > MAX_PAGES:
            raise DocumentError(f"PDF has {n} pages (limit {MAX_PAGES})")
        if on_page:
            on_page(n)
        pages: list[Page] = []
        plumber = None
        signatures = pdf_signatures(pdf)  # before reading annotations (flattening drops the fields)
        for i in range(n):
            pt = PageText("", True, False) if ocr_mode == "always" else page_text(pdf, i)
            text = pt.text
            if pt.table:
                from baocao.pipeline.stages.ingest.pdf_tables import open_plumber, page_text_with_tables

                try:
                    plumber = plumber or open_plumber(path)
                    rebuilt = page_text_with_tables(plumber, i)
                except Exception:  # pdfplumber choking on a page: keep the pdfium text
                    rebuilt = None
                if rebuilt and not pt.notes:  # (pdfplumber does not see form-field values)
                    text = rebuilt
            page = Page(number=i + 1, text=text, source="pdf_text",
                        signatures=(signatures if i == 0 else []) + list(pt.stamps),
                        image_page=pt.image_cover >= FULL_PAGE_IMAGE)
            body, stamps = split_stamp(text, i + 1)
            if stamps:
                page.text, text = body, body
                page.signatures += stamps
            notes = list(pt.notes)
            if ocr_mode == "always":
                page.needs_ocr = "--ocr always"
            else:
                problem = text_layer_problem(text, pt.has_images)
                if problem and stamps and page.image_page:
                    problem = "signature stamp over a page image"
                if problem == "no text layer" and is_blank(pdf, i):
                    notes.append("blank page")  # nothing to OCR (and thousands of them cost nothing)
                elif problem:
                    notes.append(problem)
                    if ocr_mode == "auto":
                        page.needs_ocr = problem
                        page.layer_text = text if text.strip() else None
                    else:
                        notes.append("kept: --ocr never")
            page.note = "; ".join(notes) or None
            pages.append(page)
            if on_page:
                on_page(page)
        if plumber is not None:
            plumber.close()
        return Ingested(file_type="pdf", pages=pages)
    finally:
        pdf.close()
