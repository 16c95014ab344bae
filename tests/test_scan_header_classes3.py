"""The own number as a scan's OCR misreads it, round 3 (found on
``synth/layouts.py`` scans with seals and stamps, ``bench/header_layouts.py``):

* a digit for the type code's first letter (``2335/3C-BYT``: the B lost its
  left stroke; ``8C``): the symbol is read, and the ``code`` rows of
  ``ocr_confusions.tsv`` give the code back when the table knows the result;
* a dash read as a colon glued between two codes (``4224/BC:SGDĐT``);
* a title OCR made debris of: a letter's number (issuer and unit codes, no
  type code) and a ``Kính gửi:`` line make it a công văn;
* a header body's words run together (``BỘYTẾ``);
* the number line whose cue a stamp garbled still closes the issuer block;
* an issuer code whose digit the code table read as another body (``8NV`` →
  ``BNV``, the Bộ) under a Sở: the Sở's initials (``SNV``).

Small examples written for the test, every other header field fixed.
"""
import pytest

from baocao.extractors.header import extract_header

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def _header(number):
    return extract_header(f"BỘ Y TẾ\n{MOTTO}Số: {number} Hà Nội, ngày 01 tháng 1 năm 2019\n\nBÁO CÁO\n"
                          "Kết quả thực hiện Quy chế dân chủ\n\nCăn cứ Luật Tổ chức Chính phủ;\n")


@pytest.mark.parametrize("number, key", [
    ("2335/3C-BYT", "2335/BC-BYT"),
    ("2335/8C-BYT", "2335/BC-BYT"),
    ("12/2019/3C-BYT", "12/2019/BC-BYT"),
    ("12/3A-BYT", None),              # no reading the tables know: no number, never a guess
    ("2335/BC-BYT", "2335/BC-BYT"),
])
def test_a_digit_for_the_type_codes_first_letter(number, key):
    assert _header(number).doc_number == key


@pytest.mark.parametrize("number, key", [
    ("4224/BC:SGDĐT", "4224/BC-SGDĐT"),
    ("4224/BC:SGDĐT._ .", "4224/BC-SGDĐT"),   # and the stamp's specks after it
    ("4224/BC: Hà", "4224/BC"),              # a colon then a blank: the symbol ends there
    ("4224/BC-SGDĐT", "4224/BC-SGDĐT"),
])
def test_a_dash_read_as_a_colon_between_codes(number, key):
    assert _header(number).doc_number == key


def _letter(head, number, after="Kính gửi: Các sở, ban, ngành tỉnh"):
    return extract_header(f"{head}\n{MOTTO}{number} Lâm Đồng, ngày 21 tháng 2 năm 2016\n\n"
                          f"CÔNG 1VAMWw Đđojéáo kết quả\n\n{after}\n\nCăn cứ Luật Tổ chức Chính phủ;\n")


@pytest.mark.parametrize("number, after, doc_type", [
    ("Số: 3769/BQLKCN-VP", "Kính gửi: Các sở, ban, ngành tỉnh", "CV"),
    ("Số: 3769/BQLKCN-VP", "“Kinh gửi: Các sở, ban, ngành tỉnh", "CV"),   # OCR's marks and quote
    ("Số: 3769/BQLKCN-VP", "Các sở, ban, ngành tỉnh báo cáo.", None),     # no addressee line: not told
    ("Số: 3769/BC-BQLKCN", "Kính gửi: Các sở, ban, ngành tỉnh", "BC"),    # a type code: its type
])
def test_a_letter_whose_title_ocr_garbled(number, after, doc_type):
    h = _letter("UBND TỈNH LÂM ĐỒNG\nBAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", number, after)
    assert h.doc_type == doc_type


@pytest.mark.parametrize("line, issuer", [
    ("BỘYTẾ", "Bộ Y tế"),
    ("__ —_ BỘYTẾ", "Bộ Y tế"),
    ("BỘTƯPHÁP", "Bộ Tư pháp"),
    ("BỘ Y TẾ", "Bộ Y tế"),
])
def test_a_header_body_run_together(line, issuer):
    h = extract_header(f"{line}\n{MOTTO}Số: 1955/CT-BYT Hà Nội, ngày 03 tháng 3 năm 2023\n\nCHỈ THỊ\n"
                       "Về tăng cường kỷ luật\n\nCăn cứ Luật Tổ chức Chính phủ;\n")
    assert h.issuer == issuer


@pytest.mark.parametrize("number, key, issuer", [
    # the cue garbled (ISđ:), the stamp's debris under the number line in capitals
    ("ISđ:4963/8NV-VP", "4963/SNV-VP", "Sở Nội vụ thành phố Hà Nội"),
    ("Số: 4963/SNV-VP", "4963/SNV-VP", "Sở Nội vụ thành phố Hà Nội"),
    ("Số: 4963/BNV-VP", "4963/BNV-VP", "Sở Nội vụ thành phố Hà Nội"),   # printed so: as printed
])
def test_the_number_line_closes_the_issuer_block_and_names_its_code(number, key, issuer):
    h = extract_header(f"UBND THÀNH PHỐ HÀ NỘI\nSỞ NỘI VỤ\n{MOTTO}{number} Hà Nội, ngày 19 tháng 6 năm 2013\n"
                       "E2 R\n- CÀN HN h\n\n\nV/v tổ chức tác văn thư\n\nKính gửi: Các sở, ban, ngành\n\n"
                       "Căn cứ Luật Tổ chức Chính phủ;\n")
    assert (h.doc_number, h.issuer) == (key, issuer)


@pytest.mark.parametrize("text, keys", [
    # a province department's code (issuer_codes.tsv, S + its field's initials) is a code we
    # know: its symbol is read without kind words, its name is the issuer printed after it
    ("theo 318/STC-QLNS ngày 05/3/2024 của Sở Tài chính", [("318/STC-QLNS", "Sở Tài chính")]),
    ("đã có ý kiến (3367/SNV-TCBC ngày 02/10/2024)", [("3367/SNV-TCBC", None)]),
    ("lô 12/AB-CD", []),                      # codes no table knows, no kind words: nothing
    # a department is no ministry: its code names a Sở, whose place the text gives
    ("Công văn số 2575/SNV-TCCC ngày 24/9/2024 của Sở Nội vụ", [("2575/SNV-TCCC", "Sở Nội vụ")]),
    ("Công văn số 2575/SNV-TCCC ngày 24/9/2024", [("2575/SNV-TCCC", None)]),
    ("Công văn số 12/BNV-TCCC ngày 24/9/2024", [("12/BNV-TCCC", "Bộ Nội vụ")]),
    ("Công văn số 3332/SGDDT-TCCB ngày 25/10/2024", [("3332/SGDDT-TCCB", None)]),   # D for Đ: as printed
])
def test_a_province_departments_code_is_known(text, keys):
    from baocao.extractors.citations import extract_citations

    assert [(c.key, c.issuer) for c in extract_citations(text)] == keys


def test_a_departments_number_under_a_garbled_title_is_a_letter():
    h = _letter("UBND TỈNH BÌNH THUẬN\nSỞ NỘI VỤ", "Số: 3367/SNV-TCBC", "Các sở, ban, ngành tỉnh báo cáo.")
    assert (h.doc_type, h.doc_number) == ("CV", "3367/SNV-TCBC")
