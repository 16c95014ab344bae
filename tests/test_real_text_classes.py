"""Classes of errors found on real government documents (decisions, plans, official
letters, directives of provinces, ministries and the Government, 2009-2026, as web
pages and text layers store them), each with small examples written for the test in
the style of those documents.
"""
import pytest

from baocao.extractors.citations import extract_citations


def _keys(text, doc_date="2024-06-01", form=None):
    return [c.key for c in extract_citations(text, doc_date=doc_date) if form is None or c.form == form]


# -- a qualified kind with a code of its own (type_codes.tsv) --------------------------------------
# "Báo cáo thẩm định số 18/BCTĐ-STP": the kind words are qualified ("thẩm định") and the
# code is the qualified kind's; without the code the number was dropped, and BCTT was
# respelled into Bộ Công Thương's code (12/BCT-HĐND).

@pytest.mark.parametrize("text, key, kind", [
    ("Theo đề nghị của Sở Nội vụ và Báo cáo thẩm định số 27/BCTĐ-STP ngày 14 tháng 3 năm 2019 của Sở Tư pháp.",
     "27/BCTĐ-STP", "Báo cáo thẩm định"),
    ("Xét Tờ trình của UBND tỉnh, Báo cáo thẩm tra số 41/BCTT-HĐND ngày 02/12/2022 của Ban Pháp chế;",
     "41/BCTT-HĐND", "Báo cáo thẩm tra"),
    # the qualified kind words over a plain code: the citation, kind as printed
    ("ý kiến tại Báo cáo thẩm định số 105/BC-STP ngày 20/7/2021",
     "105/BC-STP", "Báo cáo thẩm định"),
])
def test_qualified_kind_codes(text, key, kind):
    cs = [c for c in extract_citations(text, doc_date="2024-06-01") if c.form == "full"]
    assert [(c.key, c.kind) for c in cs] == [(key, kind)]
    c = cs[0]
    assert text[c.start:c.end] == c.raw and c.raw.startswith(kind + " số")


# -- a law's name whose comma between two bodies is printed "và" (laws.py _phrase) -----------------
# The registry names 31/2004/QH11 "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân
# dân, Ủy ban nhân dân"; decisions print "... của Hội đồng nhân dân và Ủy ban nhân dân": read as
# the general law of that name, the in-force version (17/2008/QH12) was a wrong key.

@pytest.mark.parametrize("text, doc_date, keys", [
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân "
     "ngày 03 tháng 12 năm 2004;", "2012-03-01", ["31/2004/QH11"]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân, "
     "ngày 03/12/2004;", "2013-05-20", ["31/2004/QH11"]),
    # as the registry spells it, and with the comma left out: unchanged
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân năm 2004;",
     "2012-03-01", ["31/2004/QH11"]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân Ủy ban nhân dân năm 2004;",
     "2012-03-01", ["31/2004/QH11"]),
    # a name that holds "và" itself is still that law
    ("Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
     "2012-03-01", ["11/2003/QH11"]),
])
def test_law_name_comma_printed_as_va(text, doc_date, keys):
    assert _keys(text, doc_date, form="named") == keys


# -- laws the registry lacked, cited by name in real decisions (laws.tsv) --------------------------

@pytest.mark.parametrize("text, keys", [
    ("Căn cứ Luật Phòng, chống khủng bố ngày 12 tháng 6 năm 2013;", ["28/2013/QH13"]),
    ("theo quy định của Luật Phòng, chống khủng bố năm 2013", ["28/2013/QH13"]),
])
def test_registry_rows_added(text, keys):
    assert _keys(text, "2020-01-01", form="named") == keys


# -- headers of web copies with hard-wrapped short lines (header.py) -------------------------------
# A legal-library page keeps the print's line breaks inside table cells: the place of the
# date line wraps ("*Điện\nBiên, ngày …", "Quảng Trị,\nngày …"), so do the body's name
# ("**ỦY\nBAN NHÂN DÂN**", "UỶ BAN NHÂN\nDÂN") and the motto ("CỘNG HÒA XÃ\nHỘI CHỦ NGHĨA
# VIỆT NAM"); the place was cut to its last syllable or lost, the issuer read off the
# motto's second line, a unit's name cut at its line break ("TỈNH THỪA\nTHIÊN HUẾ",
# "HUYỆN\nKIM THÀNH").  A letter's subject on one long line ("V/v …", 150 characters)
# ended the header before the date line under it.

from baocao.extractors.header import extract_header

_WRAPPED = {
    "place-wrapped-in-bold-cell": (
        "**ỦY\nBAN NHÂN DÂN**\n**TỈNH ĐIỆN BIÊN**\n--------\n|\n**CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\n|\nSố: 21/2024/QĐ-UBND\n|\n*Điện\n"
        "Biên, ngày 09 tháng 5 năm 2024*\n|\n**QUYẾT ĐỊNH**\nBAN HÀNH QUY ĐỊNH VỀ QUẢN LÝ CHỢ\n"
        "*Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;*\n",
        ("UBND tỉnh Điện Biên", "Điện Biên", "2024-05-09")),
    "place-wrapped-before-ngay": (
        "UỶ BAN NHÂN\nDÂN\nTỈNH QUẢNG TRỊ\n--------\n|\nCỘNG HÒA XÃ\nHỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố: 12/CT-UBND\n|\nQuảng Trị,\n"
        "ngày 14 tháng 3 năm 2016\n|\nCHỈ THỊ\nVỀ VIỆC TĂNG CƯỜNG CÔNG TÁC PHÒNG CHÁY\n"
        "Thời gian qua, công tác phòng cháy trên địa bàn tỉnh có nhiều chuyển biến.\n",
        ("UBND tỉnh Quảng Trị", "Quảng Trị", "2016-03-14")),
    "second-syllable-on-date-line": (
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\n--------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n---------------\n|\nSố:\n3307/QĐ-UBND\n|\nHà\n"
        "Tĩnh, ngày 11 tháng 10 năm 2019\n|\nQUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT ĐỀ ÁN\n",
        ("UBND tỉnh Hà Tĩnh", "Hà Tĩnh", "2019-10-11")),
    "subject-on-one-long-line": (
        "BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 2410/BNNMT-KHTC\nV/v đề nghị bổ sung kế hoạch vốn đầu tư công năm 2025 cho các dự án thủy lợi "
        "phòng, chống hạn hán, xâm nhập mặn vùng Đồng bằng sông Cửu Long\n\n"
        "Hà Nội, ngày 15 tháng 5 năm 2025\n\nKính gửi: Bộ Tài chính.\n\n"
        "Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ, Bộ Nông nghiệp và Môi trường đề nghị như sau:\n",
        ("Bộ Nông nghiệp và Môi trường", "Hà Nội", "2025-05-15")),
    "unit-name-wrapped": (
        "**ỦY BAN NHÂN DÂN**\n**TỈNH THỪA\nTHIÊN HUẾ**\n--------\n|\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 204/KH-UBND\n|\n*Thừa Thiên Huế, ngày 06 tháng 9 năm 2022*\n|\n"
        "**KẾ HOẠCH**\nTRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n",
        ("UBND tỉnh Thừa Thiên Huế", "Thừa Thiên Huế", "2022-09-06")),
    "unit-word-alone-on-its-line": (
        "ỦY BAN NHÂN DÂN\nHUYỆN\nKIM THÀNH\n--------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 77/BC-UBND\n|\nKim Thành, ngày 20 tháng 6 năm 2023\n|\n"
        "BÁO CÁO\nKẾT QUẢ CÔNG TÁC TIẾP CÔNG DÂN 6 THÁNG ĐẦU NĂM 2023\n",
        ("UBND huyện Kim Thành", "Kim Thành", "2023-06-20")),
    "place-of-two-names-wrapped": (
        "ỦY BAN NHÂN DÂN\nTỈNH BÀ RỊA - VŨNG TÀU\n--------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n|\nSố: 95/KH-UBND\n|\nBà Rịa - Vũng\nTàu, ngày 11 tháng 5 năm 2021\n|\n"
        "KẾ HOẠCH\nPHÒNG, CHỐNG THIÊN TAI\n",
        ("UBND tỉnh Bà Rịa - Vũng Tàu", "Bà Rịa - Vũng Tàu", "2021-05-11")),
    # guards: a place on the date line, a place on a line of its own above a line of the
    # number, a subject of two short lines
    "place-over-its-date-line": (
        "Ủy ban nhân dân\nThị trấn Phú Thái\n\nCộng hòa xã hội chủ nghĩa Việt Nam\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 88/BC-UBND\nPhú Thái\nPhú Thái, ngày 02 tháng 7 năm 2023\n\nBÁO CÁO\nSơ kết 6 tháng đầu năm 2023\n",
        (None, "Phú Thái", "2023-07-02")),
    "place-on-date-line": (
        "ỦY BAN NHÂN DÂN\nXÃ SONG VÂN\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Số: 45/BC-UBND\n\nSong Vân, ngày 12 tháng 6 năm 2024\n\nBÁO CÁO\nKết quả thực hiện dân chủ ở cơ sở\n",
        ("UBND xã Song Vân", "Song Vân", "2024-06-12")),
}


@pytest.mark.parametrize("name", list(_WRAPPED))
def test_hard_wrapped_headers(name):
    text, (issuer, location, date) = _WRAPPED[name]
    h = extract_header(text)
    assert (h.location, h.issue_date) == (location, date)
    if issuer is not None:
        assert h.issuer == issuer
