"""Classes of header misses on scanned documents read by OCR (issue 13): a mail
register's ``ĐẾN`` stamp over the header corner, a red seal over the signer,
200 dpi, 1-bit and phone-photo renderings.  Each row is a small OCR-like text
written for the test (no OCR here); found in session 2026-12-04 (helper-e, round 6)
on one-page scans made with ``synth/layouts.py`` seals and stamps."""
from __future__ import annotations

import pytest

from baocao.extractors.header import extract_header

ISSUER = "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nHUYỆN HÒA VANG Độc lập - Tự do - Hạnh phúc\n"
TITLE = "BÁO CÁO\nKết quả kiểm tra công tác văn thư năm 2024\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n"


@pytest.mark.parametrize("number_line, number", [
    # the stamp printed over "Số:": OCR reads debris where the cue was; the number keeps
    # its place on the left of the date line
    ("SểkoBn k 215/BC-UBND Hòa Vang, ngày 14 tháng 3 năm 2024", "215/BC-UBND"),
    ("ĐÊ§&ỹB: 37/BC-UBND Hòa Vang, ngày 14 tháng 3 năm 2024", "37/BC-UBND"),
    ("Chuyển k 1204/UBND-VP Hòa Vang, ngày 14 tháng 3 năm 2024", "1204/UBND-VP"),
    ("ốr67/BC-UBND Hòa Vang, ngày 14 tháng 3 năm 2024", "67/BC-UBND"),     # the debris glued to the digits
    ("Số67/BC-UBND Hòa Vang, ngày 14 tháng 3 năm 2024", "67/BC-UBND"),
    ("ĐẾN „ 12-BC/HU Hòa Vang, ngày 14 tháng 3 năm 2024", "12-BC/HU"),
    # the cue's vowel read as another one of its marks (ố → ấ)
    ("Sấ: 215/BC-UBND Hòa Vang, ngày 14 tháng 3 năm 2024", "215/BC-UBND"),
    # a symbol the table does not know, or a mention ("số ... ngày"), is no own number
    ("ĐÊ§&ỹB: 215/XYZW Hòa Vang, ngày 14 tháng 3 năm 2024", None),
    ("theo Kế hoạch số 215/KH-UBND ngày 14 tháng 3 năm 2024", None),
])
def test_number_whose_cue_a_stamp_covered(number_line, number):
    h = extract_header(ISSUER + number_line + "\n" + TITLE)
    assert h.doc_number == number
    if number:
        text = ISSUER + number_line + "\n" + TITLE
        assert text[h.number_start:h.number_end].replace(" ", "") == number
        assert h.issue_date == "2024-03-14"


def _dates(text):
    from baocao.pipeline.stages.extract import run_extractors
    return sorted(r["date"] for r in run_extractors(text).dates)


HEAD = ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "XÃ HÒA NINH Độc lập - Tự do - Hạnh phúc\n{stamp}"
        "Số: 88/BC-UBND Hòa Ninh, ngày 09 tháng 5 năm 2024\n{stamp2}"
        "BÁO CÁO\nKết quả thu ngân sách quý I\n\n"
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2024 của UBND huyện;\n")


@pytest.mark.parametrize("stamp, stamp2, dates", [
    # the register's number and day of a ĐẾN stamp over the header corner are not the document's
    ("ĐẾN „ l ` : :\n", "Ngày: 13/5/2024 ˆ „\nChuyển: ......\n", ["2024-01-02", "2024-05-09"]),
    ("", "Số: 699\nNgày: 14/5/2024\n", ["2024-01-02", "2024-05-09"]),      # the stamp's first line lost
    ("CÔNG VĂN ĐẾN\nSố: 1204\n", "Ngay; 15/5/2024\n", ["2024-01-02", "2024-05-09"]),
    ("", "Ngày: 7/5/2024 Kết quả\nChuyển;\n", ["2024-01-02", "2024-05-09"]),
    # a "Ngày:" line with no other line of a stamp near it stays a date
    ("", "Ngày: 13/5/2024\n", ["2024-01-02", "2024-05-09", "2024-05-13"]),
])
def test_mail_stamp_day_is_no_document_date(stamp, stamp2, dates):
    assert _dates(HEAD.format(stamp=stamp, stamp2=stamp2)) == dates


def test_stamp_lines_in_the_body_stay():
    body = ("\nBiên bản giao nhận hồ sơ:\nSố: 699\nNgày: 14/5/2024\nChuyển: phòng Tài chính\n")
    assert _dates(HEAD.format(stamp="", stamp2="") + body) == ["2024-01-02", "2024-05-09", "2024-05-14"]


SIGNATURE = ("BÁO CÁO\nKết quả tiếp công dân\n\nCăn cứ Luật Tiếp công dân;\n"
             "UBND xã báo cáo như sau.\n\nNơi nhận: TM. ỦY BAN NHÂN DÂN\n- Như trên; CHỦ TỊCH\n- Lưu: VT.\n\n{name}\n")


@pytest.mark.parametrize("name, signer", [
    # the seal's ink over the name's first letter: OCR reads it in lower case
    ("trần Văn Khánh", "Trần Văn Khánh"),
    ("đặng Thị Thu Hà", "Đặng Thị Thu Hà"),
    ("  ‘nguyễn Hữu Lộc", "Nguyễn Hữu Lộc"),
    # a lower-case word that is no family name as spelt, or prose, is no name
    ("trong Văn Khánh", None),
    ("trần thị xã", None),
])
def test_signer_whose_first_letter_ocr_read_small(name, signer):
    assert extract_header(SIGNATURE.format(name=name)).signer == signer


LETTER = ("UBND TỈNH TRÀ VINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSỞ TƯ PHÁP Độc lập - Tự do - Hạnh phúc\n\n"
          "Số: 312/STP-VP Trà Vinh, ngày 04 tháng 9 năm 2024\n\n{vv}\n\nKính gửi: Ủy ban nhân dân tỉnh\n\n"
          "Căn cứ Luật Hộ tịch;\n")


@pytest.mark.parametrize("vv, doc_type, subject", [
    # what the seal's or the stamp's edge leaves before V/v: still the letter's subject line
    ("“”V/v đề nghị cấp kinh phí", "CV", "V/v đề nghị cấp kinh phí"),
    ("„ V/v đề nghị cấp kinh phí", "CV", "V/v đề nghị cấp kinh phí"),
    ("'.V/v đề nghị cấp kinh phí", "CV", "V/v đề nghị cấp kinh phí"),
    ("V/v đề nghị cấp kinh phí", "CV", "V/v đề nghị cấp kinh phí"),
])
def test_letter_subject_after_scan_debris(vv, doc_type, subject):
    h = extract_header(LETTER.format(vv=vv))
    assert (h.doc_type, h.subject) == (doc_type, subject)


@pytest.mark.parametrize("number_line, number, location", [
    # a blank OCR put inside the issuer code: its rest joins it when the joined code is one
    # of the table and the code as read is none; the rest is no part of the place
    ("Sổ: 215/BC-UBN D Hòa Vang, ngày 14 tháng 3 năm 2024", "215/BC-UBND", "Hòa Vang"),
    ("Số: 215/BC-UB ND Hòa Vang, ngày 14 tháng 3 năm 2024", "215/BC-UBND", "Hòa Vang"),
    ("Số: 215/UBND-V P Hòa Vang, ngày 14 tháng 3 năm 2024", "215/UBND-VP", "Hòa Vang"),
    # a whole code, or a rest that makes no code: the place keeps its words (xã Y Tý)
    ("Số: 215/BC-UBND Y Tý, ngày 14 tháng 3 năm 2024", "215/BC-UBND", "Y Tý"),
    ("Số: 215/BC-UBN Y Tý, ngày 14 tháng 3 năm 2024", "215/BC-UBN", "Y Tý"),
])
def test_issuer_code_split_by_a_blank(number_line, number, location):
    from baocao.pipeline.stages.extract import run_extractors
    ex = run_extractors(ISSUER + number_line + "\n" + TITLE)
    assert (ex.header["doc_number"], ex.header["location"]) == (number, location)
    assert not [c for c in ex.citations if c["key"].startswith("215")]   # the own number is no citation


@pytest.mark.parametrize("stamp_line, issuer", [
    # the stamp's label line under the issuer's column is no word of the issuer
    ("ĐẾN", "Sở Tư pháp tỉnh Trà Vinh"),
    ("ĐỀN", "Sở Tư pháp tỉnh Trà Vinh"),        # its mark misread
    ("CÔNG VĂN ĐẾN", "Sở Tư pháp tỉnh Trà Vinh"),
])
def test_stamp_label_line_is_no_issuer_line(stamp_line, issuer):
    text = ("UBND TỈNH TRÀ VINH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nSỞ TƯ PHÁP Độc lập - Tự do - Hạnh phúc\n"
            f"{stamp_line}\n\nSố: 312/BC-STP Trà Vinh, ngày 04 tháng 9 năm 2024\n\n"
            "BÁO CÁO\nKết quả công tác hộ tịch\n\nCăn cứ Luật Hộ tịch;\n")
    assert extract_header(text).issuer == issuer


@pytest.mark.parametrize("text, dates", [
    # the stamp over the title: its day below the title, before the first body line
    ("ỦY BAN NHÂN DÂN\nXÃ HÒA NINH\nSố: 88/NQ-HĐND Hòa Ninh, ngày 09 tháng 5 năm 2024\n\nĐỀN\n\nSố 1521\n\n"
     "NGHỊ QUYẾT\nVề dự toán ngân sách năm 2024\n\nNgầy: 19/6/2024\n\nChuyển,\n"
     "Căn cứ Nghị quyết số 12/NQ-HĐND ngày 02/01/2024;\n", ["2024-01-02", "2024-05-09"]),
    # OCR's blank lines between the stamp's lines
    ("ỦY BAN NHÂN DÂN\nXÃ HÒA NINH\nĐEN”: 88/TB-UBND Hòa Ninh, ngày 09 tháng 5 năm 2024\n\nS0:;d Bi.\n\n"
     "Ngày: 22/5/2024 THÔNG BÁO\nKết luận của Chủ tịch\n\nThực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2024;\n",
     ["2024-01-02", "2024-05-09"]),
])
def test_mail_stamp_over_the_title(text, dates):
    assert _dates(text) == dates
