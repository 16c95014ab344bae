"""More classes of header misses on scanned documents read by OCR (issue 13),
second round: what a mail register's ``ĐẾN`` stamp and a red seal do to the
lines tesseract reads under them.  Each row is a small OCR-like text written for
the test (no OCR here), shaped like the misreadings of the one-page scans of
``bench/scan_headers.py`` (session 2026-12-06, helper-scan-4); no document is
copied."""
from __future__ import annotations

import pytest

from baocao.extractors.citations import extract_citations
from baocao.extractors.header import extract_header

HEAD = ("HỘI ĐỒNG NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "HUYỆN ĐỊNH QUÁN Độc lập - Tự do - Hạnh phúc\n\n"
        "{number} Định Quán, ngày 14 tháng 3 năm 2024\n\n")
BODY = ("\n\nVề dự toán ngân sách địa phương năm 2024\n\n"
        "Căn cứ Nghị định số 31/2021/NĐ-CP ngày 26 tháng 3 năm 2021 của Chính phủ;\n")


@pytest.mark.parametrize("title_line, doc_type", [
    # the stamp's day, left of the title, read into the title's line
    ("Ngày: 16/2/2024 NGHỊ QUYẾT", "NQ"),
    ("Ngay: 2/3/2024 THÔNG BÁO", "TB"),
    ("Ngày; 2/3 KẾ HOẠCH", "KH"),
    # not a stamp's day: words of the body, or a title that goes on after the type word
    ("Ngày 16/2/2024 NGHỊ QUYẾT", None),
    ("Ngày: 16/2/2024 NGHỊ QUYẾT của Hội đồng", None),
])
def test_title_after_a_stamp_day(title_line, doc_type):
    h = extract_header(HEAD.format(number="ĐẾN „ k") + title_line + BODY)
    assert h.doc_type == doc_type


@pytest.mark.parametrize("line, keys", [
    # digits glued to a stamp's or seal's debris are no number: no citation
    ("ĐẾN SỐ: 6B04#7NQ-HĐND Định Quán, ngày 14 tháng 3 năm 2024", []),
    ("Số: 3a&12QĐ-UBND Định Quán, ngày 14 tháng 3 năm 2024", []),
    # a number whose slash was lost, standing as its own token, still reads
    ("Theo Quyết định 175QĐ-SYT ngày 02/01/2024;", ["175/QĐ-SYT"]),
    ("Theo Quyết định (175QĐ-SYT) ngày 02/01/2024;", ["175/QĐ-SYT"]),
])
def test_glued_number_after_debris(line, keys):
    assert [c.key for c in extract_citations(line + "\n")] == keys
