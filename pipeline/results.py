"""The one builder of a document's result, normal or error.

A result is what a worker returns and the cache stores: the ``documents``
row, the normalised text, and the rows of the other tables.  Both kinds of
result (``document_result`` after processing, ``error_result`` when a file
could not be processed) build their ``documents`` row through
``document_row``, so every row has every column the writer expects.
"""
from __future__ import annotations

HEADER_FIELDS = ("doc_type", "doc_number", "issue_date", "issuer", "location", "period", "signer")
UNIT_FIELDS = ("province", "district", "commune", "unit_level", "unit_code", "province_2025", "commune_2025",
               "unit_code_2025", "unit_match", "unit_evidence", "unit_candidates")  # extractors/units.py
ROW_TABLES = ("pages", "citations", "dates", "statistics")


def document_row(doc_id: str | None, file_type: str, **fields) -> dict:
    """A ``documents`` row with every result column (unknown ones null)."""
    doc = {
        "doc_id": doc_id,
        "file_type": file_type,
        "text_source": None,
        "pages": 0,
        "ocr_pages": 0,
        "diacritics": None,
        **{f: None for f in HEADER_FIELDS},
        **{f: None for f in UNIT_FIELDS},
        "title": None,
        "subject": None,
        "number_note": None,
        "spelling_note": None,
        "n_chars": 0,
        "encoding": None,
        "repairs": None,
        "error": None,
        "warnings": None,
        "worst_grade": None,
        "median_grade": None,
        "needs_review": False,
        "review_reason": None,
        "signed_by": None,
        "signed_org": None,
        "signed_at": None,
        "signatures": None,
        "parts": None,
    }
    unknown = set(fields) - set(doc)
    if unknown:
        raise TypeError(f"document_row: unknown fields {sorted(unknown)}")
    doc.update(fields)
    return doc


def document_result(document: dict, text: str | None, **rows: list[dict]) -> dict:
    unknown = set(rows) - set(ROW_TABLES)
    if unknown:
        raise TypeError(f"document_result: unknown tables {sorted(unknown)}")
    return {"document": document, "text": text, **{t: rows.get(t) or [] for t in ROW_TABLES}}


def error_result(doc_id: str | None, file_type: str, error: str, pages: int = 0) -> dict:
    doc = document_row(doc_id, file_type, pages=pages, error=error,
                       needs_review=True, review_reason="not processed: " + error)
    return document_result(doc, None)
