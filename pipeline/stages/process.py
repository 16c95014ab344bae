"""Turn one document's pages into its result: normalise, extract, describe.

``finish_document`` is *the* text → records function: a run (any engine),
``baocao.extract`` and the spaCy component all go through it, so they give
the same rows for the same text.  It is a pure function of the ingested
pages, so it can run in any worker and its output can be cached by content.
"""
from __future__ import annotations

import dataclasses

from baocao.datatables import DataTableError
from baocao.normalizers.diacritics import detect_diacritics, diacritic_stats, merge_stats
from baocao.normalizers.normalize import normalize_text
from baocao.pipeline.errors import one_line
from baocao.pipeline.results import HEADER_FIELDS, UNIT_FIELDS, document_result, document_row
from baocao.pipeline.stages.extract import run_extractors
from baocao.pipeline.stages.handwriting import document_low_words, unread_parts
from baocao.pipeline.stages.ingest import Page
from baocao.pipeline.stages.parts import document_starts
from baocao.pipeline.stages.signatures import split_stamp, summarise
from baocao.pipeline.stages.ingest.pdf_tables import STOPPED as TABLE_STOPPED
from baocao.pipeline.stages.quality import document_review, page_quality, scale_confidence


def _ordinal(n: int) -> str:
    return {2: "second", 3: "third", 4: "fourth"}.get(n, f"{n}th")


def _without_stamp(p: Page, known: list) -> Page:
    """The page with its signature-stamp lines taken out (stamps go to ``known``)."""
    body, found = split_stamp(p.text, p.number)
    if not found:
        return p
    if not any(s.get("page") == p.number and s.get("source") == "stamp" for s in known):
        known.extend(found)   # (an OCR'd page's stamp the layer had already given is not repeated)
    return dataclasses.replace(p, text=body)


def text_source_of(pages: list[Page], file_type: str) -> str:
    kinds = {p.source for p in pages}
    if file_type in ("txt", "docx", "doc"):
        return "text"
    if kinds == {"ocr"}:
        return "ocr"
    if "ocr" in kinds:
        return "mixed"
    return "pdf_text"


def normalise_pages(pages: list[Page], offsets: list | None = None) -> tuple[str, list[str], list[list[str]], list[str]]:
    """Normalise page by page; join with form feeds.

    Returns (text, the document's repairs, each page's repairs, warnings);
    ``offsets``, when given, gets each page's offset map (normalised index →
    index in the page's text, :class:`baocao.normalizers.normalize.Normalized`)."""
    texts: list[str] = []
    repairs: list[str] = []
    per_page: list[list[str]] = []
    warnings: list[str] = []
    for p in pages:
        norm = normalize_text(p.text.replace("\f", "\n"))
        texts.append(norm.text.replace("\f", "\n"))
        if offsets is not None:
            offsets.append(norm.offsets)
        per_page.append(list(norm.repairs))
        for r in norm.repairs:
            if r not in repairs:
                repairs.append(r)
        for w in norm.warnings:
            if w not in warnings:
                warnings.append(w)
    return "\f".join(texts), repairs, per_page, warnings


def _unit(header: dict, text: str, warnings: list[str], resolver=None) -> dict:
    """The document's administrative unit (``extractors/units.py``), per
    document.  The unit lists load on the first call in a process (~0.3 s),
    not at worker start.  A failure is a warning (``extractor units failed:
    ...``, so the row is flagged for review) and ``unit_match`` stays null."""
    if resolver is None:
        from baocao.extractors.units import resolve_unit_spelled as resolver
    try:
        return resolver(header.get("issuer"), header.get("location"), header.get("issue_date"), text)
    except DataTableError:
        raise  # a broken data table stops the caller (see run_extractors)
    except Exception as exc:  # the stage boundary, as in run_extractors
        warnings.append(f"extractor units failed: {one_line(exc)}")
        return {}


def _respell(header: dict, unit: dict, ocr: bool) -> list[str]:
    """Marks a scan misread in the issuer, place and signer, respelled from the
    tables (``extractors/spelling.py``; loaded with the unit lists, on first use)."""
    from baocao.extractors.spelling import respell_place, respell_signer

    return respell_place(header, unit) + respell_signer(header, ocr)


def finish_document(doc_id: str, file_type: str, pages: list[Page], encoding: str | None = None,
                    *, normalised: bool = False, extractors: dict | None = None) -> dict:
    """The result of one document (see :mod:`baocao.pipeline.results`).

    ``normalised``: the page texts are already normalised (the text of a run's
    ``text/<doc_id>.txt``): spans index into them as they are.
    ``extractors``: replaces some extractors (tests inject a failing one)."""
    stamps: list[dict] = []
    for p in pages:
        stamps += getattr(p, "signatures", None) or []
    raw_texts = [p.text for p in pages]
    if not normalised:  # the signature stamp is not body text (stages/signatures.py)
        pages = [_without_stamp(p, stamps) for p in pages]
    offsets: list = []
    # the offset maps are read only for a page with words OCR read as a guess (below)
    low_pages = any(getattr(p, "ocr_low", None) for p in pages)
    if normalised:
        text = "\f".join(p.text for p in pages)
        repairs, page_repairs, warnings = [], [[] for _ in pages], []
    else:
        text, repairs, page_repairs, warnings = normalise_pages(pages, offsets if low_pages else None)
    if encoding in ("tcvn3", "vni", "cp1258") and f"legacy:{encoding}" not in repairs:
        repairs.insert(0, f"legacy:{encoding}")  # converted while decoding the file's bytes
    page_texts = text.split("\f")
    page_stats = [diacritic_stats(t) for t in page_texts]   # once per page; the document's is their sum
    diacritics = detect_diacritics(text, merge_stats(page_stats))
    if diacritics == "stripped" and "diacritics_stripped" not in repairs:
        repairs.append("diacritics_stripped")
    ex = run_extractors(text, extractors)
    warnings += ex.warnings
    stopped = [p.number for p in pages if TABLE_STOPPED in (p.note or "")]
    if stopped:   # the page's table was not searched to the end: its rows may read as loose cells
        warnings.append(f"{TABLE_STOPPED} (CPU bound): page" + ("s " if len(stopped) > 1 else " ")
                        + ", ".join(map(str, stopped[:10])))
    unread: dict = {}
    if offsets and low_pages:   # handwritten number or day read as a guess
        low = document_low_words(raw_texts, [p.text for p in pages], offsets,
                                 [getattr(p, "ocr_low", None) or [] for p in pages], page_texts)
        unread = unread_parts(ex.header, text, low)
    unit = _unit(ex.header, text, warnings, (extractors or {}).get("units"))
    spelling = _respell(ex.header, unit, any(p.source == "ocr" for p in pages))
    doc = document_row(
        doc_id, file_type,
        text_source=text_source_of(pages, file_type),
        pages=len(pages),
        ocr_pages=sum(1 for p in pages if p.source == "ocr"),
        diacritics=diacritics,
        **{f: ex.header.get(f) for f in HEADER_FIELDS},
        **{f: unit.get(f) for f in UNIT_FIELDS},
        title=ex.header.get("title"),
        subject=ex.header.get("subject"),
        number_note=ex.header.get("number_note"),
        spelling_note="; ".join(spelling) or None,
        n_chars=len(text),
        encoding=encoding,
        repairs=",".join(repairs) or None,
        warnings="; ".join(warnings) or None,
        **summarise(stamps),
    )
    starts = document_starts(text.split("\f"))
    doc["parts"] = 1 + len(starts)
    page_rows = []
    for p, ptext, prep, pstats in zip(pages, page_texts, page_repairs, page_stats):
        page_rows.append({
            "doc_id": doc_id,
            "page": p.number,
            "text_source": p.source,
            "n_chars": len(ptext),
            "ocr_confidence": p.ocr_confidence,
            "note": p.note,
            "repairs": ",".join((getattr(p, "image_repairs", None) or []) + prep) or None,
            "layer_score": getattr(p, "layer_score", None),
            "ocr_score": getattr(p, "ocr_score", None),
            "kept": getattr(p, "kept", None),
            **page_quality(ptext, p.source, p.ocr_confidence, p.note, pstats),
        })
    for t in (ex.citations, ex.dates, ex.statistics):
        scale_confidence(t, page_rows)
    doc.update(document_review(doc, page_rows, ex.citations, ex.statistics, unread,
                               month_blank=bool(ex.header.get("month_blank"))))
    extra = [f"{_ordinal(k + 2)} document starts on page {n}" for k, n in enumerate(starts)]
    never = [r["page"] for r in page_rows if "kept: --ocr never" in (r.get("note") or "")]
    if never:
        extra.append("text layer reads badly, kept (--ocr never): page" + ("s " if len(never) > 1 else " ")
                     + ", ".join(map(str, never[:10])))
    if extra:
        doc["needs_review"] = True
        doc["review_reason"] = "; ".join(([doc["review_reason"]] if doc.get("review_reason") else []) + extra)
    return document_result(
        doc, text,
        pages=page_rows,
        citations=[{"doc_id": doc_id, **r} for r in ex.citations],
        dates=[{"doc_id": doc_id, **r} for r in ex.dates],
        statistics=[{"doc_id": doc_id, **r} for r in ex.statistics],
    )
