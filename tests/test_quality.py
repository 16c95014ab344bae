"""Trust signals: page grades, review flags, confidence, the text-layer check."""
from __future__ import annotations

import pandas as pd
import pytest
from unidecode import unidecode

from conftest import corpus_text
from baocao.pipeline.stages.quality import (document_review, page_quality, scale_confidence, unknown_codes,
                                           unknown_type_codes)
from baocao.pipeline.runner.run import Options, run
from baocao.pipeline.stages.textlayer import text_layer_problem

CLEAN = corpus_text("000")[1500:4500]


@pytest.mark.parametrize("conf,grade", [(95.6, "good"), (90.0, "good"), (82.0, "fair"), (75.0, "fair"),
                                        (60.0, "poor"), (10.0, "poor")])
def test_ocr_confidence_thresholds(conf, grade):
    assert page_quality(CLEAN, "ocr", conf, None)["grade"] == grade


def test_diacritic_density_thresholds():
    assert page_quality(CLEAN, "text", None, None)["grade"] == "good"
    stripped = page_quality(unidecode(CLEAN), "text", None, None)
    assert stripped["grade"] == "poor" and "diacritics stripped" in stripped["grade_reason"]
    # half the paragraphs stripped: between the bands
    half = "\n".join(p if i % 2 else unidecode(p) for i, p in enumerate(CLEAN.split("\n")))
    q = page_quality(half, "text", None, None)
    assert 0.12 <= q["diacritic_density"] < 0.2 and q["grade"] == "fair"


def test_foreign_characters_and_empty_pages():
    junk = CLEAN + " ¤¦§¨©ª«¬®¯°±" * 40
    assert page_quality(junk, "pdf_text", None, None)["grade"] == "poor"
    assert "garbled" in page_quality(junk, "pdf_text", None, None)["grade_reason"]
    assert page_quality("  3 ", "ocr", None, None)["grade"] == "poor"
    assert page_quality("", "pdf_text", None, "blank page")["grade"] == "good"
    short = page_quality("CHỦ TỊCH\nPhạm Quang Hùng", "pdf_text", None, None)
    assert short["grade"] == "good"  # too short to judge diacritics, not empty


def _page(n, grade, source="text", reason=None):
    return {"page": n, "grade": grade, "text_source": source, "grade_reason": reason}


def test_review_reasons_each():
    base = {"doc_type": "BC", "doc_number": "04/BC-UBND", "issue_date": "2024-01-11", "diacritics": "full"}
    ok = document_review(base, [_page(1, "good"), _page(2, "good")], [{"key": "59/2023/NĐ-CP"}], [])
    assert ok == {"worst_grade": "good", "median_grade": "good", "needs_review": False, "review_reason": None}
    r = document_review(base, [_page(1, "good"), _page(2, "poor", "ocr", "OCR confidence 40")], [], [])
    assert r["needs_review"] and "poor page 2" in r["review_reason"] and "OCR confidence 40" in r["review_reason"]
    assert r["worst_grade"] == "poor" and r["median_grade"] == "good"
    r = document_review({**base, "issue_date": None}, [_page(1, "good")], [], [])
    assert r["review_reason"] == "header field missing: issue_date"
    r = document_review(base, [_page(1, "good")], [], [{"check": "mismatch"}, {"check": "ok"}])
    assert r["review_reason"] == "table figures do not add up"
    r = document_review(base, [_page(1, "good")], [{"key": "12/2024/XYZW-UBND"}], [])
    assert r["review_reason"] == "unknown type code in citation key: XYZW"
    r = document_review({**base, "diacritics": "stripped"}, [_page(1, "good")], [], [])
    assert r["review_reason"] == "diacritics stripped"
    # the document's own number: a type code by its shape that the table does not know
    r = document_review({**base, "doc_number": "12/2024/XYZW-UBND"}, [_page(1, "good")], [], [])
    assert (r["needs_review"], r["review_reason"]) == (True, "unknown type code in own number: XYZW")
    r = document_review({**base, "doc_number": "45-ZZ/TU"}, [_page(1, "good")], [], [])
    assert r["review_reason"] == "unknown type code in own number: ZZ"
    # known type codes, open-ended unit codes and a draft's blank number are not reasons
    for own in ("542/TB-UBND", "4532/UBND-KSTTHC", "10/2022/QH15", "120-KL/TW", "/UBND-NC"):
        r = document_review({**base, "doc_number": own}, [_page(1, "good")], [], [])
        assert "own number" not in (r["review_reason"] or ""), own


@pytest.mark.parametrize("key,unknown", [
    ("59/2023/NĐ-CP", []), ("120-KL/TW", []), ("11-QĐi/TW", []), ("1515/UBND-NV", []),
    ("10/2022/QH15", []), ("34/2007/PL-UBTVQH11", []), ("7/ABCD-UBND", ["ABCD"]), (None, []),
])
def test_unknown_codes(key, unknown):
    assert unknown_codes(key) == unknown


@pytest.mark.parametrize("key,unknown", [
    # unit and issuer codes are open-ended: never a reason
    ("4532/UBND-KSTTHC", []), ("275/STTTT-CNTT", []), ("565/TB-UBND-KGVX", []), ("5689/BCA-C04", []),
    ("3367/TTR-SNV", []), ("16/CGC.BT", []), ("12/CAT-PV01", []), ("10/2022/QH15", []),
    ("351/2017/UBTVQH14", []), ("59/2023/NĐ-CP", []), ("120-KL/TW", []), ("11-QĐi/TW", []),
    # the segment is a type code by its shape and the table does not know it
    ("12/2024/XYZW-UBND", ["XYZW"]), ("45-ZZ/TU", ["ZZ"]), ("7/ABCDEFGHIJ-UBND", ["ABCDEFGHIJ"]),
    (None, []), ("no slash", []),
])
def test_unknown_type_codes(key, unknown):
    assert unknown_type_codes(key) == unknown


@pytest.mark.parametrize("doc, flagged, reason", [
    # a draft leaves its number and day blank: said, not flagged
    (dict(doc_number="/UBND-NC", issue_date="2025-12"), False, "draft: number left blank; draft: day left blank"),
    (dict(doc_number="/TB-UBND", issue_date="2024-11-12"), False, "draft: number left blank"),
    (dict(doc_number="12/TB-UBND", issue_date="2024-11"), False, "draft: day left blank"),
    # not found is a miss: flagged
    (dict(doc_number=None, issue_date="2025-12"), True, "header field missing: doc_number; draft: day left blank"),
    (dict(doc_number="/UBND-NC", issue_date=None), True, "header field missing: issue_date; draft: number left blank"),
    # on a scan of a signed paper the number and day were written by hand: said, not flagged
    (dict(doc_number="/STTTT-CNTT", issue_date="2011-12", text_source="ocr"), False,
     "handwritten: number not read; handwritten: day not read"),
    (dict(doc_number="/QĐ-SYT", issue_date="2017-10-05", text_source="mixed"), False,
     "handwritten: number not read"),
    (dict(doc_number="/UBND-NC", issue_date="2025-12", text_source="text"), False,
     "draft: number left blank; draft: day left blank"),
])
def test_draft_blanks_are_not_misses(doc, flagged, reason):
    r = document_review({"doc_type": "CV", "diacritics": "full", **doc}, [_page(1, "good")],
                        [{"key": "5689/BCA-C04"}, {"key": "2769/UBND-NCKSTTHC"}], [])
    assert (r["needs_review"], r["review_reason"]) == (flagged, reason)


def test_handwritten_parts_read_as_low_confidence_digits_say_their_confidence():
    doc = dict(doc_type="BC", diacritics="full", doc_number="/BC-SYT", issue_date="2017-10", text_source="ocr")
    r = document_review(doc, [_page(1, "good", "ocr")], [], [], {"number": 53.0})
    assert (r["needs_review"], r["review_reason"]) == (
        False, "handwritten: number not read (OCR confidence 53); handwritten: day not read")


def test_confidence_scaled_by_page():
    rows = [{"page": 1, "confidence": 1.0}, {"page": 2, "confidence": 1.0}, {"page": 3, "confidence": 0.8}]
    scale_confidence(rows, [_page(1, "good"), _page(2, "good", "ocr"), _page(3, "poor", "ocr")])
    assert [r["confidence"] for r in rows] == [1.0, 0.9, 0.54]


def test_text_layer_mojibake_that_cannot_be_converted():
    from baocao.normalizers.legacy import to_tcvn3, to_vni

    assert text_layer_problem(CLEAN) is None
    assert text_layer_problem(to_tcvn3(CLEAN)) is None  # converted by the normalizers: trusted
    assert text_layer_problem(to_vni(CLEAN)) is None
    assert text_layer_problem("¤¦§ ¨©ª «¬® " * 30) == "garbage text layer (unconvertible characters)"


@pytest.mark.slow
def test_corpus_text_grades_good_and_english_ocr_flagged(tmp_path):
    arch = tmp_path / "a"
    arch.mkdir()
    for s in ("000", "001", "002", "003", "004"):
        (arch / f"{s}.txt").write_text(corpus_text(s), encoding="utf-8")
    run(Options(archive=arch, out=tmp_path / "o", workers=1, progress=False))
    docs = pd.read_parquet(tmp_path / "o" / "documents.parquet").set_index("source_path")
    pages = pd.read_parquet(tmp_path / "o" / "pages.parquet")
    clean_ids = docs.loc[["000.txt", "001.txt", "002.txt", "003.txt"], "doc_id"]
    assert (pages[pages.doc_id.isin(clean_ids)].grade == "good").all()
    assert docs.loc["004.txt", "needs_review"]
    assert "diacritics stripped" in docs.loc["004.txt", "review_reason"]
    assert docs.loc["004.txt", "worst_grade"] == "poor"
    assert not docs.loc["001.txt", "needs_review"]


@pytest.mark.slow
@pytest.mark.ocr
@pytest.mark.xdist_group("ocr")
def test_garbage_text_layer_is_ocred_and_noisy_scan_is_poor(tmp_path):
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from synth.render import _scan_images, find_font, text_to_scan_pdf

    src = corpus_text("001")
    i = src.index("Nghị định số 59/2023/NĐ-CP")
    excerpt = src[max(0, i - 300): i + 900]
    img = _scan_images(excerpt, dpi=200, rotate_deg=0.3, noise=0.02, blur=0, seed=1, max_pages=1,
                       jitter=0, pdf_kwargs={})[0]
    pdfmetrics.registerFont(TTFont("DejaVuQ", find_font()))
    arch = tmp_path / "a"
    arch.mkdir()
    c = canvas.Canvas(str(arch / "garbage-layer.pdf"), pagesize=A4, invariant=1)
    c.drawImage(ImageReader(img), 0, 0, width=A4[0], height=A4[1])
    t = c.beginText(40, 800)
    t.setFont("DejaVuQ", 10)
    t.setTextRenderMode(3)  # invisible, like a bad OCR layer
    for _ in range(40):
        t.textLine("¤¦§ ¨©ª «¬® ¯°± " * 5)
    c.drawText(t)
    c.showPage()
    c.save()
    text_to_scan_pdf(excerpt, arch / "noisy.pdf", dpi=100, noise=0.3, blur=1.0, max_pages=1)
    out = tmp_path / "o"
    run(Options(archive=arch, out=out, workers=2, progress=False))
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    pages = pd.read_parquet(out / "pages.parquet").set_index("doc_id")
    cit = pd.read_parquet(out / "citations.parquet")
    g = docs.loc["garbage-layer.pdf"]
    assert g["text_source"] == "ocr"
    assert pages.loc[g["doc_id"], "note"].startswith("garbage text layer (unconvertible characters); kept OCR: vn_score")
    assert pages.loc[g["doc_id"], "kept"] == "ocr"
    assert "59/2023/NĐ-CP" in set(cit.loc[cit.doc_id == g["doc_id"], "key"])
    n = docs.loc["noisy.pdf"]
    assert pages.loc[n["doc_id"], "grade"] == "poor"
    assert n["needs_review"] and "poor page 1" in n["review_reason"]
