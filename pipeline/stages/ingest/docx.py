"""DOCX: paragraphs and table cells in reading order (one page)."""
from __future__ import annotations

import zipfile
from pathlib import Path

from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest import Ingested, Page


def _is_layout_table(table) -> bool:
    """A table used for page layout (the header's two columns, the signature
    block), not for data: at most two columns and some cell holds several
    lines (paragraphs or line breaks).  Data tables have more columns and one
    value per cell."""
    rows = list(table.rows)
    if not rows or max(len(r.cells) for r in rows) > 2:
        return False
    return any(len([ln for ln in c.text.splitlines() if ln.strip()]) > 1 for r in rows for c in r.cells)


def _table_lines(table) -> list[str]:
    lines: list[str] = []
    layout = _is_layout_table(table)
    for row in table.rows:
        cells = []
        last = None
        for cell in row.cells:
            if cell._tc is last:  # merged cells repeat
                continue
            last = cell._tc
            cells.append(cell)
        if layout:  # cell by cell, paragraph by paragraph, as a PDF would read it
            for cell in cells:
                lines.extend(ln for ln in cell.text.splitlines() if ln.strip())
        else:       # one line per row, cells separated by tabs (read by extractors.stat_tables)
            lines.append("\t".join(" ".join(c.text.split()) for c in cells))
    lines.append("")
    return lines


def _iter_block_text(doc) -> list[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    body = doc.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, doc)))
    return lines


MAX_UNPACKED = 256 << 20    # all parts together, uncompressed
MAX_RATIO = 200             # uncompressed / compressed, for any part over 1 MB


def check_zip(path: Path) -> None:
    """Refuse a zip bomb before reading any part: sizes come from the zip directory."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"corrupt DOCX: {type(exc).__name__}") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise DocumentError(f"DOCX unpacks to {total >> 20} MB (limit {MAX_UNPACKED >> 20} MB: zip bomb?)")
    for i in infos:
        if i.file_size > 1 << 20 and i.file_size > MAX_RATIO * max(1, i.compress_size):
            raise DocumentError(f"DOCX part {i.filename[:60]} compressed {i.file_size // max(1, i.compress_size)}:1 "
                                f"(limit {MAX_RATIO}:1: zip bomb?)")


def ingest_docx(path: Path) -> Ingested:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover
        raise DocumentError("python-docx is not installed") from exc
    if not zipfile.is_zipfile(path):
        raise DocumentError("not a DOCX file (not a zip archive)")
    check_zip(path)
    try:
        doc = docx.Document(str(path))
    except Exception as exc:
        raise DocumentError(f"corrupt DOCX: {type(exc).__name__}") from None
    text = "\n".join(_iter_block_text(doc))
    return Ingested(file_type="docx", pages=[Page(number=1, text=text, source="text")])
