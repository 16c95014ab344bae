"""Text layer or OCR: when a page has both readings, keep the better one.

A page is OCR'd under ``--ocr auto`` when its text layer was rejected
(:mod:`baocao.pipeline.stages.textlayer`).  When that layer had text, the
two readings are scored by :func:`baocao.normalizers.vnscore.vn_score`
(the layer after the normalizers' repairs) and the OCR reading is kept
unless the layer scores at least ``MARGIN`` higher: the layer was rejected
for a reason, so a tie goes to OCR.  The page row records both scores
(``layer_score``, ``ocr_score``), ``kept`` (``ocr``/``layer``) and why in
``note`` (``kept OCR: vn_score 0.97 vs text layer 0.21``).
"""
from __future__ import annotations

MARGIN = 0.05


def take_ocr(page, text: str, confidence: float | None, low_words=None) -> None:
    """Apply one OCR result to ``page`` (an ``ingest.Page``); ``low_words``:
    the (start, end, confidence) of its words read below
    ``tesseract.LOW_CONFIDENCE``, kept with the OCR text only."""
    layer = page.layer_text
    page.ocr_confidence = confidence
    low = [tuple(w) for w in (low_words or [])]
    if not layer:
        page.text, page.source, page.ocr_low = text, "ocr", low
        return
    from baocao.normalizers.vnscore import vn_score
    from baocao.pipeline.stages.signatures import split_stamp
    from baocao.pipeline.stages.textlayer import layer_score

    ls = layer_score(layer)["vn_score"]
    os_ = vn_score(split_stamp(text)[0])
    page.layer_score, page.ocr_score = ls, os_
    if ls is not None and (os_ is None or ls >= os_ + MARGIN):
        page.text, page.source, page.kept = layer, "pdf_text", "layer"
        why = f"kept text layer: vn_score {ls:.2f} vs OCR {_f(os_)}"
    else:
        page.text, page.source, page.kept, page.ocr_low = text, "ocr", "ocr", low
        why = f"kept OCR: vn_score {_f(os_)} vs text layer {_f(ls)}"
    page.note = f"{page.note}; {why}" if page.note else why
    page.layer_text = None


def _f(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.2f}"
