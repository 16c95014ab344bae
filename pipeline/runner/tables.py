"""Schemas of the output tables (contract columns first, extras after)."""
from __future__ import annotations

import pyarrow as pa

S, I, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("doc_id", S), ("source_path", S), ("file_type", S), ("text_source", S), ("pages", I),
        ("diacritics", S), ("doc_type", S), ("doc_number", S), ("issue_date", S), ("issuer", S),
        ("location", S), ("period", S), ("signer", S), ("n_chars", I), ("error", S),
        # extras
        ("title", S), ("subject", S), ("ocr_pages", I), ("encoding", S), ("repairs", S), ("size_bytes", I),
        ("duplicate_of", S), ("n_citations", I), ("n_dates", I), ("n_statistics", I),
        ("worst_grade", S), ("median_grade", S), ("needs_review", B), ("review_reason", S),
        ("warnings", S),
        # the administrative unit (extractors/units.py)
        ("province", S), ("district", S), ("commune", S), ("unit_level", S), ("unit_code", S),
        ("province_2025", S), ("commune_2025", S), ("unit_code_2025", S), ("unit_match", S),
        ("unit_evidence", S), ("unit_candidates", S),
        ("signed_by", S), ("signed_org", S), ("signed_at", S), ("signatures", S), ("parts", I),
        ("number_note", S),   # a repair made to read the own number (extractors/header.py)
        ("spelling_note", S),   # marks a scan misread in the issuer, place or signer, respelled (extractors/spelling.py)
        ("cited_by", I),   # documents of the archive that cite this one (runner/links.py)
    ]),
    "citations": pa.schema([
        ("doc_id", S), ("key", S), ("kind", S), ("title", S), ("issuer", S), ("date", S),
        ("raw", S), ("page", I), ("char_start", I), ("char_end", I),
        ("form", S), ("confidence", F),
        ("cited_doc_id", S),   # the archive's document with that number, when it holds it (runner/links.py)
        ("resolved_by", S), ("learned_from", S),   # how a law's version was chosen (extractors/laws.py, links.py)
        ("note", S),   # a repair made to read the mention (extractors/citations.py: a lost slash restored)
    ]),
    "dates": pa.schema([
        ("doc_id", S), ("raw", S), ("page", I), ("char_start", I), ("char_end", I), ("date", S),
        ("confidence", F),
    ]),
    "statistics": pa.schema([
        ("doc_id", S), ("raw", S), ("page", I), ("char_start", I), ("char_end", I),
        ("metric", S), ("value", F), ("unit", S), ("scope", S),
        ("confidence", F), ("check", S),
    ]),
    "pages": pa.schema([
        ("doc_id", S), ("page", I), ("text_source", S), ("n_chars", I), ("ocr_confidence", F),
        ("diacritic_density", F), ("foreign_share", F), ("repairs", S), ("grade", S), ("grade_reason", S),
        ("note", S),
        ("vn_score", F), ("layer_score", F), ("ocr_score", F), ("kept", S),
    ]),
    # one row per (citing document, cited key, cited document): the archive's citation graph
    "links": pa.schema([
        ("doc_id", S), ("key", S), ("cited_doc_id", S), ("kind", S), ("mentions", I), ("first_page", I),
        ("basis", S),
    ]),
}

TABLES = tuple(SCHEMAS)


# publish.TABLE_NAMES (the published names, known without importing pyarrow) must
# equal TABLES: tests/test_layout.py checks it (an import here would be a circle).
ROW_TABLES = ("citations", "dates", "statistics", "pages", "links")


def conform(table: str, rows: list[dict]) -> pa.Table:
    """Rows → an Arrow table with exactly the schema's columns and types."""
    schema = SCHEMAS[table]
    cols = {}
    for f in schema:
        vals = [r.get(f.name) for r in rows]
        if pa.types.is_floating(f.type):
            vals = [None if v is None else float(v) for v in vals]
        elif pa.types.is_integer(f.type):
            vals = [None if v is None else int(v) for v in vals]
        elif pa.types.is_boolean(f.type):
            vals = [None if v is None else bool(v) for v in vals]
        elif pa.types.is_string(f.type):
            vals = [None if v is None else str(v) for v in vals]
        cols[f.name] = pa.array(vals, type=f.type)
    return pa.table(cols, schema=schema)
