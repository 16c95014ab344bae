"""Names a scan's OCR misread, respelled from the tables (extractors/spelling.py),
and the header classes of scanned pages found with two-column layout PDFs
scanned with a red seal and a mail-register stamp (session 2026-12-03c): the
stamp's label is no title, V/v as OCR misreads it, an agency head whose marks
OCR misread, a name the text holds only in its header capitals.  Every text is
written for the test."""
from __future__ import annotations

import pytest

import baocao
from baocao.extractors.header import extract_header
from baocao.extractors.spelling import respell_place, respell_signer
from baocao.extractors.units import SPELLING, resolve_unit, resolve_unit_spelled

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def _letter(org: str, place_line: str, signer: str = "Nguyễn Văn An") -> str:
    return (f"{org}\nSố: 215/UBND-VP\nV/v triển khai công tác tiếp công dân\n{MOTTO}{place_line}\n\n"
            "Kính gửi: Các phòng, ban chuyên môn\n\nThực hiện chỉ đạo của cấp trên, đề nghị các đơn vị triển khai.\n\n"
            f"Nơi nhận:\n- Như trên;\n- Lưu: VT.\nCHỦ TỊCH\n\n{signer}\n")


@pytest.mark.parametrize("org, place_line, issuer, location, note", [
    # OCR read the capitals' marks wrong; the unit list knows the name
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CÂN THƠ", "Cân Thơ, ngày 12 tháng 3 năm 2024",
     "UBND thành phố Cần Thơ", "Cần Thơ", "issuer place 'Cân Thơ' → 'Cần Thơ' (unit list)"),
    ("UBND HUYỆN CAM LÂM\nỦY BAN NHÂN DÂN\nXÃ CAM HAI TÂY", "Cam Hai Tây, ngày 12 tháng 3 năm 2024",
     "UBND xã Cam Hải Tây", "Cam Hải Tây", "issuer place 'Cam Hai Tây' → 'Cam Hải Tây' (unit list)"),
    # the issuer right, the date line's place misread
    ("ỦY BAN NHÂN DÂN\nHUYỆN ĐỨC TRỌNG", "Đúc Trọng, ngày 12 tháng 3 năm 2024",
     "UBND huyện Đức Trọng", "Đức Trọng", "place 'Đúc Trọng' → 'Đức Trọng' (unit list)"),
    # spelt as the list spells it: nothing to do
    ("ỦY BAN NHÂN DÂN\nTỈNH LÂM ĐỒNG", "Lâm Đồng, ngày 12 tháng 3 năm 2024", "UBND tỉnh Lâm Đồng", "Lâm Đồng", None),
])
def test_a_misread_place_takes_the_unit_lists_spelling(org, place_line, issuer, location, note):
    doc = baocao.extract(_letter(org, place_line)).document
    assert (doc["issuer"], doc["location"]) == (issuer, location)
    if note:
        assert note in (doc["spelling_note"] or "")
    else:
        assert doc["spelling_note"] is None


@pytest.mark.parametrize("written, official, changed", [
    ("Cân Thơ", "Cần Thơ", "Cần Thơ"),
    ("CÂN THƠ", "Cần Thơ", "CẦN THƠ"),        # the case of the line is kept
    ("Đăk Mil", "Đắk Mil", None),             # Đăk is how other units are spelt: a variant, not a misreading
    ("Cañ Thơ", "Cần Thơ", None),             # ñ is no Vietnamese letter: a misread letter, not marks
    ("Cần Thơ", "Cần Thơ", None),
    ("Lâm Đông", "Lâm Đồng", "Lâm Đồng"),    # Đông is a word of many names, but not of this one
])
def test_respell_place_rules(written, official, changed):
    header = {"issuer": f"UBND thành phố {written}", "location": None}
    notes = respell_place(header, {SPELLING: (written, official)})
    assert header["issuer"] == f"UBND thành phố {changed or written}"
    assert bool(notes) == bool(changed)


@pytest.mark.parametrize("signer, fixed", [
    ("Đáng Văn Lưu", "Đặng Văn Lưu"),        # no family name; folds like Đặng alone
    ("Lý Thi Kim Oanh", "Lý Thị Kim Oanh"),  # the middle Thi of a woman's name
    ("TRẦN THI HÀ", "TRẦN THỊ HÀ"),
    ("Phạñ Đức Thắng", None),                 # a misread letter (m → ñ): left alone
    ("Dương Văn Hùng", None),                 # a family name already
    ("Đuong Văn Hùng", None),                 # folds like Dương and Đường: no choice
    ("Nguyen Van An", None),                  # a copy without marks: not a misreading
    ("Lê Văn Thi", None),                     # Thi as the given name
    # a family name whose fold another shares (Dương/Đường) still opens the name
    ("Dương Thi Hoa", "Dương Thị Hoa"),
    ("ĐƯỜNG THI MAI", "ĐƯỜNG THỊ MAI"),
    ("Dương Thí Kim Liên", "Dương Thị Kim Liên"),
])
def test_respell_signer_rules(signer, fixed):
    header = {"signer": signer}
    notes = respell_signer(header)
    assert header["signer"] == (fixed or signer)
    assert notes == ([f"signer {signer!r} → {fixed!r} (surname table)"] if fixed else [])


def test_resolve_unit_keeps_its_columns_and_the_spelled_one_adds_the_spelling():
    row = resolve_unit("UBND thành phố Cân Thơ", "Cân Thơ", "2024-03-12")
    spelled = resolve_unit_spelled("UBND thành phố Cân Thơ", "Cân Thơ", "2024-03-12")
    assert SPELLING not in row and spelled.pop(SPELLING) == ("Cân Thơ", "Cần Thơ")
    assert spelled == row


# -- header classes of scanned pages ------------------------------------------

def _decision(left: str, between: str = "") -> str:
    return (f"{left}\n{MOTTO}Số: 301/CT-UBND\n{between}Cam Hải Tây, ngày 17 tháng 01 năm 2016\n\nCHỈ THỊ\n"
            "Về tăng cường kỷ luật, kỷ cương hành chính\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 "
            "tháng 6 năm 2015;\n")


@pytest.mark.parametrize("stamp", ["CÔNG VĂN ĐẾN\nSố: 1126\nNgày: 18/5", "CÔNG VĂN ĐÈN", "Công văn đến\nSố: 77"])
def test_a_mail_register_stamp_is_not_the_title(stamp):
    h = extract_header(_decision("ỦY BAN NHÂN DÂN\nXÃ CAM HẢI TÂY", stamp + "\n"))
    assert (h.doc_type, h.doc_number, h.issue_date) == ("CT", "301/CT-UBND", "2016-01-17")
    assert h.subject == "Về tăng cường kỷ luật, kỷ cương hành chính"


@pytest.mark.parametrize("vv", ["V/v", "V#w", "V/w", "V/y", "Vlv"])
def test_v_v_as_ocr_misreads_it_makes_an_official_letter(vv):
    text = (f"BỘ Y TẾ\n{MOTTO}Số: 3958/BYT-QLNS Hà Nội, ngày 14 tháng 1 năm 2023\n{vv} báo cáo kết quả giải "
            "quyết thủ tục hành chính\n\nKính gửi: Các sở, ban, ngành\n\nBộ Y tế đề nghị các đơn vị báo cáo.\n")
    h = extract_header(text)
    assert h.doc_type == "CV"
    assert h.subject == f"{vv} báo cáo kết quả giải quyết thủ tục hành chính"


def test_a_word_that_only_looks_like_v_v_is_no_subject():
    text = (f"BỘ Y TẾ\n{MOTTO}Số: 3958/BYT-QLNS Hà Nội, ngày 14 tháng 1 năm 2023\nVlvx báo cáo\n\n"
            "Kính gửi: Các sở, ban, ngành\n\nBộ Y tế đề nghị.\n")
    assert extract_header(text).subject is None


@pytest.mark.parametrize("line, body, issuer", [
    # OCR misread the head's marks in bold capitals: the cue table spells the head
    ("SƠ NỘI VỤ", "Các đơn vị báo cáo.", "Sở Nội vụ tỉnh Thanh Hóa"),
    ("BAN QUẦN LÝ CÁC KHU CÔNG NGHIỆP", "Ban Quản lý đề nghị.", "Ban Quản lý các khu công nghiệp tỉnh Thanh Hóa"),
    # ... and the body's spelling is not overruled by the header's own capitals
    ("BAN QUẦN LÝ CÁC KHU CÔNG NGHIỆP", "Các đơn vị báo cáo.", "Ban Quản lý các khu công nghiệp tỉnh Thanh Hóa"),
    # spelt right: as before
    ("SỞ NỘI VỤ", "Sở Nội vụ đề nghị.", "Sở Nội vụ tỉnh Thanh Hóa"),
])
def test_an_agency_head_ocr_misread_in_capitals(line, body, issuer):
    text = (f"UBND TỈNH THANH HÓA\n{line}\n{MOTTO}Số: 3819/SNV-VP Thanh Hóa, ngày 28 tháng 9 năm 2021\n"
            f"V/v báo cáo kết quả\n\nKính gửi: Các sở\n\n{body}\n")
    assert extract_header(text).issuer == issuer


@pytest.mark.parametrize("name_line", ["`Đỗ Xuân Trường", "Đỗ Xuân Trường ’", "“Đỗ Xuân Trường”", "• Đỗ Xuân Trường"])
def test_a_signer_line_with_ocr_specks_around_the_name(name_line):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n{MOTTO}Số: 12/BC-UBND\nBắc Ninh, ngày 05 tháng 3 năm 2024\n\nBÁO CÁO\n"
            "Kết quả công tác\n\nTrong kỳ, các đơn vị đã hoàn thành nhiệm vụ.\n\nNơi nhận:\n- Như trên;\n"
            f"- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\n\n{name_line}\n")
    assert extract_header(text).signer == "Đỗ Xuân Trường"


@pytest.mark.parametrize("number_line, key", [
    ("ố: 4475/NQ-UBND", "4475/NQ-UBND"),        # the S lost to a stamp's edge
    ("o: 12/KH-UBND", "12/KH-UBND"),
    ("o: 12 hồ sơ", None),                      # no symbol: no number
    ("ố: 12/XYZW-UBND", None),                  # a type code the table does not know
])
def test_a_number_line_whose_s_a_scan_lost(number_line, key):
    text = (f"ỦY BAN NHÂN DÂN\nXÃ CAM HẢI TÂY\n{MOTTO}{number_line}\nCam Hải Tây, ngày 5 tháng 12 năm 2023\n\n"
            "NGHỊ QUYẾT\nVề nhiệm vụ năm 2024\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    assert extract_header(text).doc_number == key


@pytest.mark.parametrize("line, code", [
    ("ặ : CHỈ THỊ", "CT"),            # specks before the type word
    ("| . KẾ HOẠCH", "KH"),
    ("MBÊ hư THÔNG BÁO", "TB"),        # a stamp's debris: a token no syllable, twelve characters at most
    ("MBÊ» hư THÔNG BÁO", "TB"),
    ("CHỈ ĐẠO THÔNG BÁO", None),       # words before it: not a heading
    ("xin THÔNG BÁO", None),
    ("UBND TỈNH QUẢNG NAM KẾ HOẠCH", None),   # more than twelve characters
    ("Số 12 THÔNG BÁO", None),         # a digit: a number, not debris
    ("PHÒNG TC - KẾ HOẠCH", None),     # an abbreviation in capitals: a header's line, not debris
    ("UBND HUYỆN KẾ HOẠCH", None),
    ("ặ : CHỈ THỊ số 05", None),       # the type word does not end the line
])
def test_a_heading_after_ocr_specks(line, code):
    text = (f"THỦ TƯỚNG CHÍNH PHỦ\n{MOTTO}Hà Nội, ngày 20 tháng 5 năm 2023\n\n{line}\n"
            "Về tăng cường kỷ luật, kỷ cương hành chính\n\nCăn cứ Luật Tổ chức chính phủ;\n")
    assert extract_header(text).doc_type == code


@pytest.mark.parametrize("signer, ocr, fixed", [
    ("Phạm Đúc Thắng", True, "Phạm Đức Thắng"),          # Đức alone folds so in the name table
    ("Đỗ Xuấn Trường", True, "Đỗ Xuân Trường"),
    ("Phạm Đúc Thắng", False, None),                     # typed: a name stays as typed
    ("Nguyễn Thanh Hà", True, None),                     # listed words stay
    ("Trần Thành Hạ", True, None),                       # listed too (Thanh/Thành share a fold)
    ("Nguyễn Thị Thu Hà", True, None),                   # Thị and Thi share a fold: Thị stays
    ("Y Thanh Hà Niê Kđăm", True, None),                 # a Central Highlands name
    ("Dương Đúc Thắng", True, "Dương Đức Thắng"),        # a family name whose fold Đường shares
    ("Đường Xuấn Thịnh", True, "Đường Xuân Thịnh"),
    # a letter no Vietnamese word has (ñ), read the other way by the name rows of ocr_confusions.tsv
    ("Phạñ Đúc Thắng", True, "Phạm Đức Thắng"),
    ("Nguyễn Văn Tuấñ", True, "Nguyễn Văn Tuấn"),
    ("Phạñ Đúc Thắng", False, None),                     # typed: as typed
])
def test_respell_signer_name_words_on_ocr(signer, ocr, fixed):
    header = {"signer": signer}
    respell_signer(header, ocr=ocr)
    assert header["signer"] == (fixed or signer)


@pytest.mark.parametrize("name_line, signer", [
    ("Tây Lê Quang Minh", "Lê Quang Minh"),      # a word the signature's ink left of the name
    ("ĐÃ Lê Quang Minh", "Lê Quang Minh"),
    ("Nguyễn Lê Quang Minh", "Nguyễn Lê Quang Minh"),   # a family name first: the whole is the name
    ("Tây Lê Minh", None),                       # two words after it: too little to tell from prose
    ("Phường Lê Quang Minh", None),              # more than four letters: a word, not a speck
])
def test_a_signer_after_a_speck_word(name_line, signer):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n{MOTTO}Số: 12/BC-UBND\nBắc Ninh, ngày 05 tháng 3 năm 2024\n\nBÁO CÁO\n"
            "Kết quả công tác\n\nTrong kỳ, các đơn vị đã hoàn thành nhiệm vụ.\n\nNơi nhận:\n- Như trên;\n"
            f"- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\n\n{name_line}\n")
    assert extract_header(text).signer == signer


@pytest.mark.parametrize("line, issuer", [
    # OCR lost one mark of the field's capitals, kept the others: the field's row spells it
    ("SỞ GIAO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa"),
    ("SỞ TAI CHÍNH", "Sở Tài chính tỉnh Thanh Hóa"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa"),
])
def test_a_field_that_lost_some_of_its_marks(line, issuer):
    text = (f"UBND TỈNH THANH HÓA\n{line}\n{MOTTO}Số: 3819/SGDĐT-VP Thanh Hóa, ngày 28 tháng 9 năm 2021\n"
            f"V/v báo cáo kết quả\n\nKính gửi: Các trường\n\nCác đơn vị báo cáo.\n")
    assert extract_header(text).issuer == issuer


@pytest.mark.parametrize("date_line, location", [
    ("Cam Hải Tây Yeisgosetpeeoptdhieeereeeeeeee, ngày 12 tháng 3 năm 2024", "Cam Hải Tây"),   # a photo's debris
    ("Buôn Ma Thuột, ngày 12 tháng 3 năm 2024", "Buôn Ma Thuột"),
    ("CAM HẢI TÂY YEISGOSETPEEOPTDHIEEE, ngày 12 tháng 3 năm 2024", "Cam Hải Tây"),
])
def test_ocr_debris_after_a_place_is_not_part_of_it(date_line, location):
    text = (f"ỦY BAN NHÂN DÂN\nXÃ CAM HẢI TÂY\n{MOTTO}Số: 12/BC-UBND\n{date_line}\n\nBÁO CÁO\nKết quả công tác\n\n"
            "Trong kỳ, các đơn vị đã hoàn thành nhiệm vụ.\n")
    assert extract_header(text).location == location


@pytest.mark.parametrize("line, head", [
    ("SƠ NỘI VỤ", "SỞ"),                 # listed one-word head, compared folded
    ("BAN QUẦN LÝ CÁC KHU CÔNG NGHIỆP", "BAN QUẢN LÝ"),   # a head of several words always
    ("ĐẠI HỘI ĐẢNG BỘ TỈNH", None),      # ĐÀI is not listed: ĐẠI HỘI is no broadcaster
    ("ĐẠI HỌC QUỐC GIA HÀ NỘI", None),
])
def test_which_agency_heads_are_compared_folded(line, head):
    from baocao.extractors.header import _agency_head

    got = _agency_head(line)
    assert (got[0] if got else None) == head
