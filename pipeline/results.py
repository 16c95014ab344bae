"""The shape of one document's result (shared by workers and the writer)."""
from __future__ import annotations

HEADER_FIELDS = ("doc_type", "doc_number", "issue_date", "issuer", "location", "period", "signer")


def error_result(doc_id: str | None, file_type: str, error: str, pages: int = 0) -> dict:
    doc = {
        "doc_id": doc_id,
        "file_type": file_type,
        "text_source": None,
        "pages": pages,
        "ocr_pages": 0,
        "diacritics": None,
        **{f: None for f in HEADER_FIELDS},
        "title": None,
        "n_chars": 0,
        "encoding": None,
        "repairs": None,
        "error": error,
        "worst_grade": None,
        "median_grade": None,
        "needs_review": True,
        "review_reason": "not processed: " + error,
    }
    return {"document": doc, "text": None, "pages": [], "citations": [], "dates": [], "statistics": []}
