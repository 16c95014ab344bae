"""Legacy Word ``.doc`` (Word 97–2003, also Word 6/95): text through catdoc
(:mod:`pipeline.stages.catdoc`), one page.

The text then goes through the same normalisation as every other text, so a
``.doc`` typed in TCVN3 or VNI fonts is converted by ``normalizers.legacy``
(``repairs`` = ``legacy:tcvn3``).  A ``.doc`` that is really a DOCX (a zip)
is read as a DOCX; RTF or HTML saved under ``.doc`` and anything without the
OLE signature is an error row, as is a file catdoc cannot read.
"""
from __future__ import annotations

from pathlib import Path

from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest import Ingested, Page


def ingest_doc(path: Path) -> Ingested:
    from baocao.pipeline.stages import catdoc

    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise DocumentError(f"cannot read .doc: {exc.strerror or exc}") from None
    if head.startswith(b"PK\x03\x04"):
        from baocao.pipeline.stages.ingest.docx import ingest_docx
        return ingest_docx(path)
    if head != catdoc.OLE_SIGNATURE:
        kind = "RTF" if head.startswith(b"{\\rtf") else "HTML" if head.lstrip().lower().startswith(b"<") else None
        raise DocumentError(f"not a Word 97-2003 file ({kind} saved as .doc)" if kind else
                            "not a Word 97-2003 file (no OLE signature)")
    text = catdoc.doc_text(path)
    # catdoc ends a table cell with a tab and a row with a newline; form feeds are page breaks
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    text = "\n".join(ln.rstrip() for ln in text.split("\n"))
    return Ingested(file_type="doc", pages=[Page(number=1, text=text.strip("\n"), source="text")])
