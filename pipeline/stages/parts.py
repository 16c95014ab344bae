"""Two documents in one file: a later page that starts a new document.

A page (after the first) starts a new document when, within its first
``TOP_LINES`` non-empty lines, it carries the national motto (``CỘNG HÒA XÃ
HỘI CHỦ NGHĨA VIỆT NAM``, matched on the folded, upper-cased view, spaces
free), a number line (``Số: ...``/``Số ...`` followed by a digit or ``/``)
and a date line (``ngày .. tháng .. năm``).  All three: an appendix headed
only by the motto, or a page that cites ``số 12/KH-UBND ngày ...`` in prose,
does not count.  Scanned numbers and days are often handwritten, so the
number line needs only ``Số:`` and the date line only ``tháng`` + ``năm``.
"""
from __future__ import annotations

import re

from baocao.normalizers.fold import fold

TOP_LINES = 14
_MOTTO = re.compile(r"CONG\s*HOA\s*XA\s*HOI\s*CHU\s*NGHIA\s*VIET\s*NAM")
_NUMBER = re.compile(r"^\W{0,3}SO\s*[:.]\s*\S|^\W{0,3}SO\s+\d", re.M)
_DATE = re.compile(r"NGAY\b.{0,12}\bTHANG\b.{0,12}\bNAM\s*\d{4}|THANG\s*\S{1,3}\s*NAM\s*\d{4}")


def starts_document(page_text: str) -> bool:
    lines = [ln for ln in page_text.split("\n") if ln.strip()][:TOP_LINES]
    top = fold("\n".join(lines)).upper()
    return bool(_MOTTO.search(top) and _NUMBER.search(top) and _DATE.search(top))


def document_starts(page_texts: list[str]) -> list[int]:
    """1-based numbers of the pages after the first that start a new document."""
    return [i + 1 for i, t in enumerate(page_texts) if i > 0 and starts_document(t)]
