"""Ruled tables in text PDFs, via pdfplumber's table finder.

A PDF's text layer reads a ruled table cell by cell, with wrapped headers and
labels broken over lines ("Tổng số\\nhồ sơ\\ntiếp\\nnhận"), which no row parser
can put back together.  For a page whose drawing holds enough line segments to
be a grid, pdfplumber finds the tables; the page text is then rebuilt in
reading order: the text above, between and below the tables as pdfplumber
extracts it, and each table as one line per row with cells separated by tabs
(the same shape as DOCX tables), which ``extractors.stat_tables`` reads.
"""
from __future__ import annotations

from pathlib import Path

MIN_PATHS = 8          # fewer line/rect objects than this: no grid, no table search
MIN_ROWS, MIN_COLS = 2, 2


def may_have_table(page) -> bool:
    """Cheap pypdfium2 pre-check: enough path objects to draw a grid."""
    import pypdfium2.raw as pdfium_c

    n = 0
    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        n += 1
        if n >= MIN_PATHS:
            return True
    return False


def _cell(c) -> str:
    return " ".join((c or "").split())


def page_text_with_tables(plumber_pdf, index: int) -> str | None:
    """The page's text with its tables as tab-separated rows, or None (no table)."""
    page = plumber_pdf.pages[index]
    tables = [t for t in page.find_tables()
              if len(t.rows) >= MIN_ROWS and max((len(r.cells) for r in t.rows), default=0) >= MIN_COLS]
    if not tables:
        return None
    tables.sort(key=lambda t: t.bbox[1])
    parts: list[str] = []
    top = 0.0
    x0, _, x1, bottom_edge = page.bbox
    for t in tables:
        tx0, ttop, tx1, tbottom = t.bbox
        if ttop > top:
            parts.append(page.crop((x0, top, x1, ttop)).extract_text() or "")
        rows = t.extract()
        parts.append("\n".join("\t".join(_cell(c) for c in row) for row in rows if any(_cell(c) for c in row)))
        top = max(top, tbottom)
    if top < bottom_edge:
        parts.append(page.crop((x0, top, x1, bottom_edge)).extract_text() or "")
    return "\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"


def open_plumber(path: Path):
    import pdfplumber

    return pdfplumber.open(str(path))
