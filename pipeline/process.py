"""Turn one document's pages into its result: normalise, extract, describe.

``finish_document`` is a pure function of the ingested pages, so it can run
in any worker (local pool or Dask) and its output can be cached by content.
"""
from __future__ import annotations

from normalizers.diacritics import detect_diacritics
from normalizers.normalize import normalize_text

from .extract import run_extractors
from .ingest import Page
from .quality import document_review, page_quality, scale_confidence
from .results import HEADER_FIELDS



def text_source_of(pages: list[Page], file_type: str) -> str:
    kinds = {p.source for p in pages}
    if file_type in ("txt", "docx"):
        return "text"
    if kinds == {"ocr"}:
        return "ocr"
    if "ocr" in kinds:
        return "mixed"
    return "pdf_text"


def normalise_pages(pages: list[Page]) -> tuple[str, list[str], list[list[str]]]:
    """Normalise page by page; join with form feeds.

    Returns (text, the document's repairs, each page's repairs)."""
    texts: list[str] = []
    repairs: list[str] = []
    per_page: list[list[str]] = []
    for p in pages:
        norm = normalize_text(p.text.replace("\f", "\n"))
        texts.append(norm.text.replace("\f", "\n"))
        per_page.append(list(norm.repairs))
        for r in norm.repairs:
            if r not in repairs:
                repairs.append(r)
    return "\f".join(texts), repairs, per_page


def finish_document(doc_id: str, file_type: str, pages: list[Page], encoding: str | None = None) -> dict:
    text, repairs, page_repairs = normalise_pages(pages)
    if encoding in ("tcvn3", "vni", "cp1258") and f"legacy:{encoding}" not in repairs:
        repairs.insert(0, f"legacy:{encoding}")  # converted while decoding the file's bytes
    diacritics = detect_diacritics(text)
    if diacritics == "stripped" and "diacritics_stripped" not in repairs:
        repairs.append("diacritics_stripped")
    ex = run_extractors(text)
    doc = {
        "doc_id": doc_id,
        "file_type": file_type,
        "text_source": text_source_of(pages, file_type),
        "pages": len(pages),
        "ocr_pages": sum(1 for p in pages if p.source == "ocr"),
        "diacritics": diacritics,
        **{f: ex.header.get(f) for f in HEADER_FIELDS},
        "title": ex.header.get("title"),
        "n_chars": len(text),
        "encoding": encoding,
        "repairs": ",".join(repairs) or None,
        "error": "; ".join(ex.problems) or None,
    }
    page_rows = []
    for p, ptext, prep in zip(pages, text.split("\f"), page_repairs):
        page_rows.append({
            "doc_id": doc_id,
            "page": p.number,
            "text_source": p.source,
            "n_chars": len(ptext),
            "ocr_confidence": p.ocr_confidence,
            "note": p.note,
            "repairs": ",".join(prep) or None,
            **page_quality(ptext, p.source, p.ocr_confidence, p.note),
        })
    for t in (ex.citations, ex.dates, ex.statistics):
        scale_confidence(t, page_rows)
    doc.update(document_review(doc, page_rows, ex.citations, ex.statistics))
    return {
        "document": doc,
        "text": text,
        "pages": page_rows,
        "citations": [{"doc_id": doc_id, **r} for r in ex.citations],
        "dates": [{"doc_id": doc_id, **r} for r in ex.dates],
        "statistics": [{"doc_id": doc_id, **r} for r in ex.statistics],
    }
