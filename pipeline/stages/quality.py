"""Trust signals: a grade for every page, a review flag for every document.

Page grade = the worst of these checks (``good`` > ``fair`` > ``poor``):

==========================  ===============  ===============  ============
check                       good             fair             poor
==========================  ===============  ===============  ============
OCR mean word confidence    >= 90            75 – 90          < 75
diacritic density [1]       >= 0.20          0.12 – 0.20      < 0.12
foreign characters [2]      <= 1 %           1 – 3 %          > 3 %
text on a non-blank page    >= 20 chars      –                < 20 chars
reads as Vietnamese [3]     >= 0.75          0.50 – 0.75      < 0.50
==========================  ===============  ===============  ============

[1] share of letters carrying a Vietnamese mark (``normalizers.diacritics``);
    normal Vietnamese prose measures 0.28–0.31, text that lost its marks
    (English-mode OCR, ASCII filters) below 0.06.  Judged only on pages with
    at least ``MIN_LETTERS`` letters.
[2] share of non-space characters outside the Vietnamese alphabet, ASCII and
    punctuation: OCR debris and unconverted legacy encodings.

[3] ``vn_score`` (``normalizers.vnscore``): share of words that are valid
    Vietnamese syllables × mark factor × foreign factor; recorded on every
    page, judged when the page has enough words and its marks are not
    already judged stripped (that reason says it).

A blank page (no ink) is ``good``: there is nothing on it to misread.

A document ``needs_review`` when any of: a ``poor`` page; its diacritics are
stripped (reason ``diacritics stripped``); a header field (type, number, date)
is not found (``header field missing: ...``); table figures do not add up
(``check = mismatch``); a citation key whose *type* code is unknown
(:func:`unknown_type_codes`).

Not reasons to review:

* unit and issuer codes (``KSTTHC``, ``KGVX``, ``STTTT``, ``SNV``, ``C04``):
  they are open-ended, every office coins its own;
* what the document itself leaves blank (a draft, or a number/day written by
  hand after printing): ``Số: /UBND-NC`` and ``ngày   tháng 12 năm 2025`` are
  read as printed (``/UBND-NC``, ``2025-12``; ``ngày  tháng  năm 2025`` gives
  no issue date, not a missing one).  ``review_reason`` still says
  so (``draft: number left blank``, ``draft: day left blank``, ``draft: day and month left blank``; on OCR'd
  pages ``handwritten: number not read``) while ``needs_review`` stays false, so a reader knows the blank is the document's,
  not a miss.

Row ``confidence`` (0–1) comes from the extractors (how the match was made,
see ``extractors/citations.py`` and ``extractors/statistics.py``) and is then
scaled by the page it sits on: × 0.9 on an OCR'd page, × 0.75 on a poor page.
"""
from __future__ import annotations

import re
import statistics as stats_mod

from baocao.normalizers.diacritics import diacritic_stats
from baocao.normalizers.vnscore import BAD as VN_BAD, GOOD as VN_GOOD, vn_score

GRADES = ("good", "fair", "poor")
MIN_LETTERS = 200
OCR_GOOD, OCR_FAIR = 90.0, 75.0
DIA_GOOD, DIA_FAIR = 0.20, 0.12
FOREIGN_GOOD, FOREIGN_FAIR = 0.01, 0.03
MIN_PAGE_CHARS = 20
OCR_FACTOR, POOR_FACTOR = 0.9, 0.75


def _worse(a: str, b: str) -> str:
    return a if GRADES.index(a) >= GRADES.index(b) else b


def page_quality(text: str, source: str, ocr_confidence: float | None, note: str | None,
                 stats: dict | None = None) -> dict:
    """Measures and grade of one page's normalised text (``stats``: its
    :func:`~baocao.normalizers.diacritics.diacritic_stats`, when already computed)."""
    s = stats if stats is not None else diacritic_stats(text)
    grade, reasons = "good", []

    def judge(level: str, reason: str):
        nonlocal grade
        if level != "good":
            grade = _worse(grade, level)
            reasons.append(reason)

    blank = "blank page" in (note or "")
    if source == "ocr" and ocr_confidence is not None:
        c = ocr_confidence
        judge("good" if c >= OCR_GOOD else "fair" if c >= OCR_FAIR else "poor", f"OCR confidence {c:.0f}")
    if not blank and len(text.strip()) < MIN_PAGE_CHARS:
        judge("poor", "almost no text")
    if s["letters"] >= MIN_LETTERS:
        d = s["marked_share"]
        judge("good" if d >= DIA_GOOD else "fair" if d >= DIA_FAIR else "poor",
              "diacritics stripped" if d < DIA_FAIR else f"few diacritics ({d:.2f})")
    vn = vn_score(text, s)
    if vn is not None and not (s["letters"] >= MIN_LETTERS and s["marked_share"] < DIA_FAIR):
        judge("good" if vn >= VN_GOOD else "fair" if vn >= VN_BAD else "poor",
              f"does not read as Vietnamese (vn_score {vn:.2f})")
    f = s["foreign_share"]
    if s["letters"] >= 20:
        judge("good" if f <= FOREIGN_GOOD else "fair" if f <= FOREIGN_FAIR else "poor",
              f"garbled characters ({f:.1%})")
    return {
        "diacritic_density": round(s["marked_share"], 4),
        "vn_score": vn,
        "foreign_share": round(f, 4),
        "grade": grade,
        "grade_reason": "; ".join(reasons) or None,
    }


_SEG = re.compile(r"[A-Za-zĐđ&]+\d*")


def unknown_codes(key: str | None) -> list[str]:
    """Letter segments of a canonical key that neither code table knows."""
    if not key:
        return []
    from baocao.extractors.codes import issuer_code, type_code

    out = []
    for seg in _SEG.findall(key):
        if not (type_code(seg) or issuer_code(seg)):
            out.append(seg)
    return out


_YEAR = re.compile(r"(?:19|20)\d\d$")
_NOT_LETTER = re.compile(r"[^A-Za-zĐđ]")


def unknown_type_codes(key: str | None) -> list[str]:
    """Type codes of a canonical key that the type table does not know, where
    the shape says the segment *is* a type code:

    * ``NUMBER/YEAR/X-...`` (normative): X is a type code or an issuer with a
      term (``10/2022/QH15``, ``351/2017/UBTVQH14``);
    * ``NUMBER-X/BODY`` (party): X is a type code;
    * ``NUMBER/X-...`` (administrative or công văn): X may be a type code or
      the issuer of a công văn, and issuers are open-ended (``STTTT``), so X is
      judged only when it is not even a plausible code: longer than 8 letters.
    Unit codes (after the first dash) are never judged."""
    if not key or "/" not in key:
        return []
    from baocao.extractors.codes import issuer_code, type_code

    head, _, tail = key.partition("/")
    if "-" in head and not head.replace("-", "").replace(".", "").isdigit():  # party
        seg = head.split("-", 1)[1]
        return [] if type_code(seg) else [seg]
    parts = tail.split("/")
    if len(parts) > 1 and _YEAR.match(parts[0]):
        seg = parts[1].split("-")[0]
        if not seg:
            return []
        return [] if (type_code(seg) or issuer_code(seg)) else [seg]
    seg = parts[0].split("-")[0]
    letters = _NOT_LETTER.sub("", seg)
    if len(letters) > 8 and not (type_code(seg) or issuer_code(seg)):
        return [seg]
    return []


def draft_blanks(doc: dict, unread: dict | None = None, month_blank: bool = False) -> list[str]:
    """What the document's header leaves blank as printed (not a miss).  In a
    file made from text (a DOCX, a text file, a PDF's text layer) the blank is
    a draft's (``draft: number left blank``); on a scan or photo (OCR'd text)
    of a signed paper the office wrote the number or day by hand after
    printing, which OCR does not read (``handwritten: number not read``).
    ``unread``: the parts OCR read as low-confidence digits and the header
    left blank (:mod:`baocao.pipeline.stages.handwriting`), with their
    confidence: ``handwritten: number not read (OCR confidence 53)``."""
    out = []
    unread = unread or {}
    why = "handwritten: {} not read" if doc.get("text_source") in ("ocr", "mixed") else "draft: {} left blank"

    def note(part: str) -> str:
        c = unread.get(part)
        return why.format(part) + (f" (OCR confidence {c:.0f})" if c is not None else "")

    num = doc.get("doc_number")
    if isinstance(num, str) and num.startswith("/"):
        out.append(note("number"))
    date = doc.get("issue_date")
    if isinstance(date, str) and len(date) == 7:
        out.append(note("day"))
    elif not date and month_blank:  # "ngày  tháng  năm 2025": no ISO date to write
        out.append(note("day and month"))
    return out


def median_grade(grades: list[str]) -> str | None:
    if not grades:
        return None
    idx = sorted(GRADES.index(g) for g in grades)
    return GRADES[int(stats_mod.median_low(idx))]


def document_review(doc: dict, pages: list[dict], citations: list[dict], statistics: list[dict],
                    unread: dict | None = None, month_blank: bool = False) -> dict:
    """Grades and the review flag (module docstring).  ``month_blank``: the
    header's date line leaves its month blank as printed (a draft's ``ngày
    tháng  năm 2025``): the missing issue date is the document's, a note."""
    grades = [p["grade"] for p in pages]
    worst = None
    for g in grades:
        worst = g if worst is None else _worse(worst, g)
    reasons: list[str] = []
    if doc.get("warnings"):  # an extractor or normalizer failed: its rows are missing
        reasons.extend(w for w in doc["warnings"].split("; ") if w)
    if doc.get("diacritics") == "stripped":
        reasons.append("diacritics stripped")
    poor = [p for p in pages if p["grade"] == "poor"]
    if poor:
        nums = ", ".join(str(p["page"]) for p in poor[:10]) + (" ..." if len(poor) > 10 else "")
        why = sorted({r for p in poor for r in (p.get("grade_reason") or "").split("; ") if r}
                     - {"diacritics stripped"})
        reasons.append(f"poor page{'s' if len(poor) > 1 else ''} {nums}" + (f" ({'; '.join(why)})" if why else ""))
    missing = [f for f in ("doc_type", "doc_number", "issue_date") if not doc.get(f)
               and not (f == "issue_date" and month_blank)]
    if missing:
        reasons.append("header field missing: " + ", ".join(missing))
    if any(s.get("check") == "mismatch" for s in statistics):
        reasons.append("table figures do not add up")
    unknown = sorted({seg for c in citations for seg in unknown_type_codes(c.get("key"))})
    if unknown:
        reasons.append("unknown type code in citation key: " + ", ".join(unknown[:5]))
    # the document's own number is judged like a citation key: a type code the
    # table does not know (``12/XYZW-UBND`` read from a garbled layer, or a kind
    # of document baocao does not know) is a reason; a blank number is a draft's
    own = doc.get("doc_number")
    own_unknown = unknown_type_codes(own.replace(" ", "").upper()) if isinstance(own, str) else []
    if own_unknown:
        reasons.append("unknown type code in own number: " + ", ".join(own_unknown))
    notes = draft_blanks(doc, unread, month_blank)
    return {
        "worst_grade": worst,
        "median_grade": median_grade(grades),
        "needs_review": bool(reasons),
        "review_reason": "; ".join(reasons + notes) or None,
    }


def scale_confidence(rows: list[dict], pages: list[dict]) -> None:
    """Lower each row's confidence by the quality of the page it sits on."""
    by_page = {p["page"]: p for p in pages}
    for r in rows:
        p = by_page.get(r.get("page"))
        c = r.get("confidence")
        if p is None or c is None:
            continue
        if p["text_source"] == "ocr":
            c *= OCR_FACTOR
        if p["grade"] == "poor":
            c *= POOR_FACTOR
        r["confidence"] = round(c, 3)
