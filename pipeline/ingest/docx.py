"""DOCX: paragraphs and table cells in reading order (one page)."""
from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import DocumentError
from . import Ingested, Page


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
            table = Table(child, doc)
            for row in table.rows:
                cells = []
                last = None
                for cell in row.cells:
                    if cell._tc is last:  # merged cells repeat
                        continue
                    last = cell._tc
                    cells.append(" ".join(cell.text.split()))
                lines.append("\t".join(cells))
            lines.append("")
    return lines


def ingest_docx(path: Path) -> Ingested:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover
        raise DocumentError("python-docx is not installed") from exc
    if not zipfile.is_zipfile(path):
        raise DocumentError("not a DOCX file (not a zip archive)")
    try:
        doc = docx.Document(str(path))
    except Exception as exc:
        raise DocumentError(f"corrupt DOCX: {type(exc).__name__}") from None
    text = "\n".join(_iter_block_text(doc))
    return Ingested(file_type="docx", pages=[Page(number=1, text=text, source="text")])
