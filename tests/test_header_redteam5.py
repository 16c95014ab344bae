"""Header classes a fifth red-team pass measured on real texts (issue 14, header
part): joint issuers, the standing committees of councils, the signer of a short
official letter, OCR that loses the horn of ``Ư``.  One test per class, several
variants each, in the renderings the earlier passes use (a PDF's text layer, a
legal site's page saved as text, a Markdown layout table); every document here
is written for the test.

* joint issuers printed on one line (``BỘ TÀI CHÍNH - BỘ NỘI VỤ``) or on two
  lines of the left column (``BỘ Y TẾ`` / ``BỘ TÀI CHÍNH``) of a joint circular:
  the issuer names both bodies, joined by `` - `` (``Bộ Tài chính - Bộ Nội
  vụ``), place Hà Nội; a single body whose name holds a dash (``PHÒNG TÀI CHÍNH
  - KẾ HOẠCH``, ``SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI``) stays one body;
* the standing committee of a council (``THƯỜNG TRỰC HĐND TỈNH QUẢNG NAM``,
  ``THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN`` / ``HUYỆN ...``) and the joint council and
  committee (``HĐND - UBND TỈNH ...``);
* the signer of a short official letter without ``Kính gửi:`` (``TL. GIÁM ĐỐC``
  / ``CHÁNH VĂN PHÒNG`` / name; ``TM. ỦY BAN NHÂN DÂN`` / ``KT. CHỦ TỊCH`` /
  ``PHÓ CHỦ TỊCH`` / ``(Đã ký)`` / name); a title is never a signer;
* OCR that reads ``Ư`` as ``U`` in a central party body (``BAN CHẤP HÀNH TRUNG
  UONG``).
"""
from __future__ import annotations

import textwrap

import pytest

import baocao
from header_forms import MOTTO, TAIL, forms, header  # tests/header_forms.py

BODY = ("Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;",
        "Điều 1. Hướng dẫn việc quản lý và sử dụng kinh phí thực hiện nhiệm vụ năm 2024.")
stacked, legal_site, markdown_rows = forms(BODY)
FORMS = [stacked, legal_site, markdown_rows]

JOINT_SIG = ("KT. BỘ TRƯỞNG BỘ NỘI VỤ", "THỨ TRƯỞNG", "", "Nguyễn Duy Thăng")


# --------------------------------------------------------------------------
# joint issuers of a joint circular or resolution

@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("issuer, number, expected", [
    (("BỘ TÀI CHÍNH - BỘ NỘI VỤ",), "12/2024/TTLT-BTC-BNV", "Bộ Tài chính - Bộ Nội vụ"),
    (("BỘ Y TẾ - BỘ TÀI CHÍNH",), "07/2016/TTLT-BYT-BTC", "Bộ Y tế - Bộ Tài chính"),
    (("BỘ Y TẾ", "BỘ TÀI CHÍNH"), "07/2016/TTLT-BYT-BTC", "Bộ Y tế - Bộ Tài chính"),
    (("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI - BỘ TÀI CHÍNH",), "21/2015/TTLT-BLĐTBXH-BTC",
     "Bộ Lao động - Thương binh và Xã hội - Bộ Tài chính"),
    (("BỘ TÀI CHÍNH", "BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"), "21/2015/TTLT-BTC-BLĐTBXH",
     "Bộ Tài chính - Bộ Lao động - Thương binh và Xã hội"),
    (("BỘ TƯ PHÁP - BỘ CÔNG AN -", "TÒA ÁN NHÂN DÂN TỐI CAO"), "01/2017/TTLT-BTP-BCA-TANDTC",
     "Bộ Tư pháp - Bộ Công an - Tòa án nhân dân tối cao"),
])
def test_joint_issuers(form, issuer, number, expected):
    text = form(issuer, number, "Hà Nội, ngày 14 tháng 5 năm 2024",
                ("THÔNG TƯ LIÊN TỊCH", "Hướng dẫn quản lý kinh phí"), sig=JOINT_SIG)
    h = header(text)
    assert (h.issuer, h.location) == (expected, "Hà Nội")
    assert (h.doc_number, h.doc_type, h.issue_date) == (number.upper(), "TTLT", "2024-05-14")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("issuer, expected", [
    # a province's bodies jointly, under the committee's line: its unit and place once
    (("UBND TỈNH HÀ TĨNH", "SỞ TÀI CHÍNH - SỞ NỘI VỤ"), "Sở Tài chính - Sở Nội vụ tỉnh Hà Tĩnh"),
    (("UBND TỈNH HÀ TĨNH", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI -", "SỞ TÀI CHÍNH"),
     "Sở Lao động - Thương binh và Xã hội - Sở Tài chính tỉnh Hà Tĩnh"),
    (("ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH", "SỞ Y TẾ", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), "Sở Y tế - Sở Giáo dục và Đào tạo tỉnh Hà Tĩnh"),
])
def test_joint_local_bodies(form, issuer, expected):
    text = form(issuer, "05/HDLN-STC-SNV", "Hà Tĩnh, ngày 5 tháng 3 năm 2024", ("HƯỚNG DẪN LIÊN NGÀNH", "Quản lý kinh phí"),
                sig=("KT. GIÁM ĐỐC SỞ NỘI VỤ", "PHÓ GIÁM ĐỐC", "", "Lê Văn Hòa"))
    h = header(text)
    assert (h.issuer, h.location) == (expected, "Hà Tĩnh")


@pytest.mark.parametrize("issuer, expected", [
    # a single body whose name holds a dash stays one body, and keeps its place
    (("UBND HUYỆN ĐỊNH QUÁN", "PHÒNG TÀI CHÍNH - KẾ HOẠCH"), "Phòng Tài chính - Kế hoạch huyện Định Quán"),
    (("UBND TỈNH HÀ TĨNH", "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"),
     "Sở Lao động - Thương binh và Xã hội tỉnh Hà Tĩnh"),
    (("BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",), "Bộ Lao động - Thương binh và Xã hội"),
    (("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",), "Bộ Văn hóa, Thể thao và Du lịch"),
    (("BỘ Y TẾ", "VỤ KẾ HOẠCH - TÀI CHÍNH"), "Vụ Kế hoạch - Tài chính"),
    (("ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU"), "UBND tỉnh Bà Rịa - Vũng Tàu"),
    # a ministry above a command or body of its own is no joint header (not_joint rows)
    (("BỘ QUỐC PHÒNG", "BỘ TỔNG THAM MƯU"), "Bộ Tổng tham mưu"),
    (("BỘ CÔNG AN", "BỘ TƯ LỆNH CẢNH SÁT CƠ ĐỘNG"), "Bộ Tư lệnh cảnh sát cơ động"),
    (("BỘ Y TẾ", "CỤC QUẢN LÝ DƯỢC"), "Cục Quản lý dược"),
    (("QUỐC HỘI", "ỦY BAN THƯỜNG VỤ QUỐC HỘI"), "Ủy ban Thường vụ Quốc hội"),
    (("BỘ TÀI CHÍNH", "BỘ TÀI CHÍNH"), "Bộ Tài chính"),   # a cell printed twice
])
@pytest.mark.parametrize("form", FORMS)
def test_dash_inside_single_issuer_unchanged(form, issuer, expected):
    text = form(issuer, "88/BC-SLĐTBXH", "Hà Tĩnh, ngày 5 tháng 3 năm 2024", ("BÁO CÁO", "Kết quả công tác"))
    assert header(text).issuer == expected


# --------------------------------------------------------------------------
# the standing committee of a council; the council and committee jointly

@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("issuer, number, place, expected", [
    (("THƯỜNG TRỰC HĐND TỈNH QUẢNG NAM",), "45/TB-HĐND", "Quảng Nam", "Thường trực HĐND tỉnh Quảng Nam"),
    (("HĐND TỈNH QUẢNG NAM", "THƯỜNG TRỰC"), "45/TB-HĐND", "Quảng Nam", "Thường trực HĐND tỉnh Quảng Nam"),
    (("THƯỜNG TRỰC", "HỘI ĐỒNG NHÂN DÂN", "HUYỆN ĐIỆN BÀN"), "12/TB-HĐND", "Điện Bàn",
     "Thường trực HĐND huyện Điện Bàn"),
    (("THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", "HUYỆN ĐIỆN BÀN"), "12/TB-HĐND", "Điện Bàn",
     "Thường trực HĐND huyện Điện Bàn"),
    (("HĐND - UBND TỈNH HÀ TĨNH",), "06/QC-TT.HĐND-UBND", "Hà Tĩnh", "HĐND - UBND tỉnh Hà Tĩnh"),
    (("HĐND - UBND", "XÃ CẨM XUYÊN"), "03/KH-HĐND-UBND", "Cẩm Xuyên", "HĐND - UBND xã Cẩm Xuyên"),
])
def test_council_standing_committee(form, issuer, number, place, expected):
    text = form(issuer, number, f"{place}, ngày 5 tháng 3 năm 2024", ("THÔNG BÁO", "Kết luận phiên họp"),
                sig=("TM. THƯỜNG TRỰC HĐND", "PHÓ CHỦ TỊCH", "", "Lê Văn Hòa"))
    h = header(text)
    assert (h.issuer, h.location, h.doc_number) == (expected, place, number.upper())
    assert h.signer == "Lê Văn Hòa"


@pytest.mark.parametrize("issuer, expected", [
    (("HỘI ĐỒNG NHÂN DÂN", "TỈNH QUẢNG NAM"), "HĐND tỉnh Quảng Nam"),
    (("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NAM"), "UBND tỉnh Quảng Nam"),
    (("ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "TỈNH QUẢNG NAM", "BAN THƯỜNG TRỰC"),
     "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Nam"),
])
def test_council_and_committee_alone_unchanged(issuer, expected):
    text = stacked(issuer, "45/TB-HĐND", "Quảng Nam, ngày 5 tháng 3 năm 2024", ("THÔNG BÁO", "Kết luận"))
    assert header(text).issuer == expected


# --------------------------------------------------------------------------
# the signer of a short official letter (no "Kính gửi:" line)

LETTER_SIGS = [
    (("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "", "Phan Thị Thu"), "Phan Thị Thu"),
    (("TL. GIÁM ĐỐC", "CHÁNH VĂN PHÒNG", "(Đã ký)", "Phan Thị Thu"), "Phan Thị Thu"),
    (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Võ Trọng Hải"), "Võ Trọng Hải"),
    (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "", "Võ Trọng Hải"), "Võ Trọng Hải"),
    (("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Nguyễn Hồng Lĩnh"), "Nguyễn Hồng Lĩnh"),
    (("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "(Đã ký)"), None),       # a title is never a signer
    (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), None),
]

LETTER_BODY = ("Sở Tài chính đề nghị các đơn vị rà soát, tổng hợp số liệu và gửi về Sở trước ngày "
               "15 tháng 3 năm 2024 để tổng hợp báo cáo Ủy ban nhân dân tỉnh.")


# a PDF's text layer wraps the body at the page's width: short lines, none opening
# with a `body` word (the body region was not found: the signature was searched after it)
WRAPPED_BODY = "\n".join(textwrap.wrap(LETTER_BODY + " " + LETTER_BODY.replace("15 tháng 3", "20 tháng 3"), 85))


def letter(sig: tuple[str, ...], layout: str, body: str = LETTER_BODY) -> str:
    head = ("UBND TỈNH HÀ TĨNH", "SỞ TÀI CHÍNH", "-------", *MOTTO, "---------------",
            "Số: 12/STC-VP", "Hà Tĩnh, ngày 5 tháng 3 năm 2024", "V/v rà soát số liệu kinh phí")
    if layout == "stacked":
        return "\n".join((*head, "", body, "", *TAIL, *sig)) + "\n"
    if layout == "sig_first":
        # a signature table read row by row: the signature cell before "Nơi nhận:"
        return "\n".join((*head, "", body, "", *sig, "", *TAIL)) + "\n"
    if layout == "tabs":
        # the two cells of the closing table on one line each, tab between them
        rows = [f"{t}\t{s}" for t, s in zip(TAIL + ("",) * len(sig), sig)]
        return "\n".join((*head, "", body, "", *rows)) + "\n"
    if layout == "markdown":
        cells = "<br>".join(sig)
        return "\n".join((*head, "", body, "", "| " + "<br>".join(TAIL) + " | " + cells + " |",
                          "|---|---|")) + "\n"
    raise AssertionError(layout)


@pytest.mark.parametrize("body", [LETTER_BODY, WRAPPED_BODY], ids=["one_line", "wrapped"])
@pytest.mark.parametrize("layout", ["stacked", "sig_first", "tabs", "markdown"])
@pytest.mark.parametrize("sig, expected", LETTER_SIGS)
def test_letter_signer(sig, expected, layout, body):
    h = header(letter(sig, layout, body))
    assert h.signer == expected
    assert (h.doc_number, h.issuer) == ("12/STC-VP", "Sở Tài chính tỉnh Hà Tĩnh")


@pytest.mark.parametrize("body", [LETTER_BODY, WRAPPED_BODY], ids=["one_line", "wrapped"])
def test_letter_signer_through_extract(body):
    d = baocao.extract(letter(LETTER_SIGS[2][0], "stacked", body)).document
    assert (d["signer"], d["doc_type"], d["doc_number"]) == ("Võ Trọng Hải", "CV", "12/STC-VP")


# --------------------------------------------------------------------------
# OCR that loses the horn: TRUNG ƯƠNG read TRUNG UONG

PARTY_MOTTO = "ĐẢNG CỘNG SẢN VIỆT NAM"


@pytest.mark.parametrize("lines, expected", [
    (("BAN CHẤP HÀNH TRUNG UONG",), "Ban Chấp hành Trung ương"),
    (("BAN CHẤP HÀNH TRUNG ƯƠNG",), "Ban Chấp hành Trung ương"),
    (("BAN CHẤP HÀNH TRUNG UONG", "BAN TUYÊN GIÁO"), "Ban Tuyên giáo Trung ương"),
    (("VĂN PHÒNG TRUNG UONG ĐẢNG",), "Văn phòng Trung ương Đảng"),
    # a proper phrase inside an agency's field, its marks lost the same way
    (("BAN TUYÊN GIÁO TRUNG UONG",), "Ban Tuyên giáo Trung ương"),
    (("BAN TỔ CHỨC TRUNG ƯƠNG",), "Ban Tổ chức Trung ương"),
    (("BAN DÂN VẬN TRUNG UONG",), "Ban Dân vận Trung ương"),
])
def test_party_body_without_horn(lines, expected):
    text = "\n".join((*lines, "*", "Số 45-HD/TW", PARTY_MOTTO, "Hà Nội, ngày 12 tháng 3 năm 2024", "",
                      "HƯỚNG DẪN", "Thực hiện công tác cán bộ", "",
                      "Thực hiện Quy định của Bộ Chính trị, hướng dẫn các cấp ủy triển khai thực hiện.", "",
                      "Nơi nhận:", "- Như trên,", "- Lưu Văn phòng.", "T/M BAN BÍ THƯ", "", "Trần Cẩm Tú")) + "\n"
    h = header(text)
    assert (h.issuer, h.location) == (expected, "Hà Nội")
