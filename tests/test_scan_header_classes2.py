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


SIGN = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "XÃ HÒA NINH Độc lập - Tự do - Hạnh phúc\n"
        "Số: 88/BC-UBND Hòa Ninh, ngày 09 tháng 5 năm 2024\n\nBÁO CÁO\nKết quả thu ngân sách quý I\n\n"
        "UBND xã Hòa Ninh báo cáo kết quả thu ngân sách quý I như sau: đạt 31% dự toán năm.\n\n"
        "Nơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; CHỦ TỊCH\n- Lưu: VT.\n\n{name}\n")


@pytest.mark.parametrize("name_line, signer", [
    # the seal's ink over the name line, as OCR prints it
    ("Nguyễn 7hị Lan Anh", "Nguyễn Thị Lan Anh"),        # a digit for the T opening a word
    ("Nguyễn-Thị Lan Anh", "Nguyễn Thị Lan Anh"),        # a dash for the blank after the family name
    ("“›Trần Quốc Toản", "Trần Quốc Toản"),              # the seal's edge before the name
    # a digit that opens no word of small letters, a dash after no family name: no name
    ("Nguyễn 7HỊ LAN", None),
    ("Xyz-Thị Lan Anh", None),
])
def test_signer_under_a_seal(name_line, signer):
    assert extract_header(SIGN.format(name=name_line)).signer == signer


@pytest.mark.parametrize("read, ocr, respelled", [
    ("Chân Văn Lộc", True, "Châu Văn Lộc"),      # n for u in the family name
    ("Nguyễu Văn Tâm", True, "Nguyễn Văn Tâm"),  # u for n
    ("Châu Van Lộc", True, "Châu Văn Lộc"),      # the middle word's marks lost (Văn/Vân: the middle row)
    ("Nguyễn Phị Lệ Thu", True, "Nguyễn Thị Lệ Thu"),
    # a typed text is left as typed; a given name (the last word) is not a middle one;
    # a word the table lists stays; a Khmer name without marks stays
    ("Chân Văn Lộc", False, "Chân Văn Lộc"),
    ("Nguyễn Văn Van", True, "Nguyễn Văn Van"),
    ("Nguyễn Phi Hùng", True, "Nguyễn Phi Hùng"),
    ("Chau Van Sa", True, "Chau Van Sa"),
])
def test_signer_letters_a_seal_changed(read, ocr, respelled):
    from baocao.extractors.spelling import respell_signer

    h = {"signer": read}
    notes = respell_signer(h, ocr)
    assert h["signer"] == respelled
    assert bool(notes) == (read != respelled)


CODES = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
         "TỈNH PHÚ YÊN Độc lập - Tự do - Hạnh phúc\n"
         "Số: {number} Phú Yên, ngày 11 tháng 4 năm 2025\n{title}\n"
         "Kết luận của Thường trực tại buổi làm việc ngày 17 tháng 4\n\n"
         "Căn cứ Kế hoạch số 241/KH-UBND ngày 7 tháng 12 năm 2024;\n")


@pytest.mark.parametrize("number, title, key", [
    # the stamp's ink changed a letter of a code, or put one in: the title and the
    # header's body witness the code
    ("756/TB-PBND", "THÔNG BÁO", "756/TB-UBND"),
    ("621/TPB-UBND", "THÔNG BÁO", "621/TB-UBND"),
    ("621/TPB-PBND", "THÔNG BÁO", "621/TB-UBND"),
    # the title's type after the stamp's empty forwarding line, on its line
    ("756/TB-PBND", "Chuyển: ...... THÔNG BÁO", "756/TB-UBND"),
    # codes the tables know stay, and so does a code two letters off the witness
    ("756/TB-UBND", "THÔNG BÁO", "756/TB-UBND"),
    ("756/KH-UBND", "THÔNG BÁO", "756/KH-UBND"),
    ("756/TB-PBMD", "THÔNG BÁO", "756/TB-PBMD"),
])
def test_codes_a_stamp_changed(number, title, key):
    text = CODES.format(number=number, title=title)
    h = extract_header(text)
    assert h.doc_number == key
    assert text[h.number_start:h.number_end] == number
    assert h.doc_type == "TB"   # the title's
