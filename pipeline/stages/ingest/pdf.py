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
    (:mod:`baocao.pipeline.stages.ingest.pdf_annots`), or a number and day drawn
    after the body (:mod:`baocao.pipeline.stages.ingest.pdf_late`), inserted
    where it stands."""
    import pypdfium2.raw as pdfium_c

    from baocao.pipeline.stages.ingest import pdf_late as late_fill
    from baocao.pipeline.stages.ingest.pdf_annots import _chars, annotation_rects, merge, read_annotations
    from baocao.pipeline.stages.ingest.pdf_tables import MIN_PATHS, may_have_table

    page = pdf[index]
    chars = None
    try:
        tp = page.get_textpage()
        try:
            has_annots = bool(annotation_rects(page))
            late_notes: list[str] = []
            if has_annots:
                chars = _chars(tp)
                text = tp.get_text_range()
            else:
                text = tp.get_text_bounded()
                if late_fill.GATE.search(text):   # a blank number or day: filled in after the body?
                    filled, late_notes = late_fill.insert_late_values(tp.get_text_range(), _chars(tp))
                    if late_notes:
                        text = filled
        finally:
            tp.close()
        n_images, n_paths = object_census(page)
        has_images = n_images > 0
        cover = 0.0
        if has_images:
            images = list(page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2))
            cover = _image_cover(page, images)
        table = n_paths >= MIN_PATHS and bool(text.strip()) and may_have_table(page)
    finally:
        page.close()
    pt = PageText(text, has_images, table, cover, notes=late_notes)
    if has_annots:
        annots = read_annotations(pdf, index, chars or [])
        if annots:
            pt.text, pt.stamps, pt.notes = merge(text, chars or [], annots, index + 1)
    # pdfium marks a hyphen that ended a line (its line break dropped) with
    # \x02: in these reports that is nearly always a symbol ("NĐ-\nCP"), so
    # it goes back to a plain hyphen.
    pt.text = pt.text.replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
    return pt


def object_census(page) -> tuple[int, int]:
    """(image objects, path objects) of the page and of the form XObjects it
    draws (one level down, as ``get_objects(max_depth=2)`` sees them), counted
    through pdfium's C calls: pypdfium2's ``get_objects`` wraps every object of
    the page in a Python object (a text PDF's page has ~70 of them) only to
    filter them, which cost a third of a text page's ingest."""
    import pypdfium2.raw as pdfium_c

    image, path, form = pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
    get_type = pdfium_c.FPDFPageObj_GetType
    n_images = n_paths = 0
    raw = page.raw
    for i in range(pdfium_c.FPDFPage_CountObjects(raw)):
        obj = pdfium_c.FPDFPage_GetObject(raw, i)
        kind = get_type(obj)
        if kind == image:
            n_images += 1
        elif kind == path:
            n_paths += 1
        elif kind == form:
            for k in range(pdfium_c.FPDFFormObj_CountObjects(obj)):
                sub = get_type(pdfium_c.FPDFFormObj_GetObject(obj, k))
                n_images += sub == image
                n_paths += sub == path
    return n_images, n_paths


def _image_cover(page, images) -> float:
    """Share of the page area covered by its largest image object (its
    bounds: ``get_bounds`` in pypdfium2 5, ``get_pos`` before; an object whose
    bounds pdfium cannot give counts 0)."""
    w, h = page.get_size()
    best = 0.0
    for im in images:
        bounds = getattr(im, "get_bounds", None) or getattr(im, "get_pos", None)
        try:
            l, b, r, t = bounds()
        except Exception:
            continue
        best = max(best, max(0.0, min(r, w) - max(l, 0)) * max(0.0, min(t, h) - max(b, 0)) / max(w * h, 1.0))
    return best


BLANK_DPI = 24
BLANK_LEVEL = 200       # a page whose darkest pixel at BLANK_DPI is lighter than this has no ink
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
    return lo > BLANK_LEVEL


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
            notes = list(pt.notes)
            if pt.table:
                from baocao.pipeline.stages.ingest import pdf_tables as tables

                def search():
                    nonlocal plumber
                    plumber = plumber or tables.open_plumber(path)
                    return tables.page_text_with_tables(plumber, i)

                try:
                    rebuilt = tables.tables_within(search, tables.TABLE_CPU_SECONDS)
                except tables.TableSearchStopped:  # never silent: a page note and the document's warning
                    rebuilt = None
                    notes.append(f"{tables.STOPPED} after {tables.TABLE_CPU_SECONDS:g} s CPU "
                                 "(text as the text layer reads it)")
                    if plumber is not None:   # cut short mid-page: its state is not trusted further
                        plumber.close()
                        plumber = None
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
            if ocr_mode == "always":
                page.needs_ocr = "--ocr always"
            else:
                problem = text_layer_problem(text, pt.has_images)
                if problem and stamps and page.image_page:
                    problem = "signature stamp over a page image"
                # a page that is one big image is checked for ink by its OCR task, on
                # the page it renders anyway (stages/ocr.py): here the check decoded
                # every scan's image a second time, serially before any OCR began
                # (50 ms a 300 dpi page: 1.2 s of a 24-page scan's run)
                deferred = page.image_page and ocr_mode == "auto"
                if problem == "no text layer" and not deferred and is_blank(pdf, i):
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
