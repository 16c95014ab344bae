"""The own number as a scan's OCR misreads it, round 3 (found on
``synth/layouts.py`` scans with seals and stamps, ``bench/header_layouts.py``):

* a digit for the type code's first letter (``2335/3C-BYT``: the B lost its
  left stroke; ``8C``): the symbol is read, and the ``code`` rows of
  ``ocr_confusions.tsv`` give the code back when the table knows the result;
* a dash read as a colon glued between two codes (``4224/BC:SGDĐT``).

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
