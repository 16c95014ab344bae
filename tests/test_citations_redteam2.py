"""Red-team round 2 on citations, laws and dates: one table per failure class
found, each case written for the test (realistic wording, invented numbers
where the number is not the point)."""
import pytest

from baocao.extractors.canonical import canonical_key
from baocao.extractors.citations import extract_citations
from baocao.extractors.dates import extract_dates

# -- laws named inside an amending law's name: the version that law amends ------------
# (the registry's ``amends`` cell, else the latest version adopted by then — a law is
# amended before it takes effect, so the version in force that day is the wrong one)


@pytest.mark.parametrize("text, doc_date, expect", [
    ("Căn cứ Luật số 43/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, "
     "Luật Kinh doanh bất động sản và Luật Các tổ chức tín dụng;", "2024-09-20",
     {"43/2024/QH15", "31/2024/QH15", "27/2023/QH15", "29/2023/QH15", "32/2024/QH15"}),
    ("Căn cứ Luật số 97/2025/QH15 sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc Việt Nam, "
     "Luật Công đoàn, Luật Thanh niên và Luật Thực hiện dân chủ ở cơ sở;", "2025-08-15",
     {"97/2025/QH15", "75/2015/QH13", "50/2024/QH15", "57/2020/QH14", "10/2022/QH15"}),
    # by its full name: its registry row says what it amends
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, Luật Kinh doanh bất "
     "động sản và Luật Các tổ chức tín dụng ngày 29 tháng 6 năm 2024;", "2024-10-01",
     {"43/2024/QH15", "31/2024/QH15", "27/2023/QH15", "29/2023/QH15", "32/2024/QH15"}),
])
def test_amended_laws_are_the_versions_amended(text, doc_date, expect):
    cs = extract_citations(text, doc_date=doc_date)
    assert {c.key for c in cs} == expect, [(c.key, c.raw, c.resolved_by) for c in cs]


# -- laws the registry lacked ------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Căn cứ Luật Đấu giá tài sản năm 2016;", "01/2016/QH14"),
    ("Thực hiện Pháp lệnh Chi phí tố tụng năm 2012, Tòa án đã", "02/2012/UBTVQH13"),
])
def test_named_laws_added_to_the_registry(text, key):
    cs = extract_citations(text, doc_date="2022-07-14")
    assert [c.key for c in cs] == [key], [(c.key, c.raw) for c in cs]


# -- unit codes that keep the small r of "Tr" (Trung học, Thanh tra) -------------------

@pytest.mark.parametrize("symbol, key", [
    ("5511/BGDĐT-GDTrH", "5511/BGDĐT-GDTRH"),
    ("1234/SGDĐT-GDTrH", "1234/SGDĐT-GDTRH"),
    ("88/UBND-TTrH", "88/UBND-TTRH"),
    ("12/UBND-Trong", None),            # a word of prose, not a unit code
])
def test_unit_codes_with_tr(symbol, key):
    assert canonical_key(symbol) == key


def test_a_ministry_letter_with_a_trung_hoc_unit_is_cited():
    cs = extract_citations("Thực hiện Công văn số 5511/BGDĐT-GDTrH ngày 17/9/2024 của Bộ Giáo dục và Đào tạo,")
    assert [(c.key, c.date) for c in cs] == [("5511/BGDĐT-GDTRH", "2024-09-17")]


# -- dates: a table cell's <br>, anniversaries before 1945 --------------------------------

@pytest.mark.parametrize("text, expect", [
    ("| 245/KH-UBND | ngày 15 tháng 3<br>năm 2024 | Kế hoạch |", ["2024-03-15"]),
    ("| 12 | ngày 02 tháng 8<br/>năm 2023 |", ["2023-08-02"]),
    ("Kỷ niệm 95 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2025)",
     ["1930-02-03", "2025-02-03"]),
    ("nhân kỷ niệm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2025)", ["1890-05-19", "2025-05-19"]),
    ("Ngày thành lập Đoàn TNCS Hồ Chí Minh 26/3/1931", ["1931-03-26"]),
    ("số liệu 12/1899/30 của tháng", []),          # no such year of a mention
])
def test_dates_in_cells_and_anniversaries(text, expect):
    assert [d.date for d in extract_dates(text) if len(d.date) == 10] == expect


def test_month_year_mentions_keep_the_1945_floor():
    assert [d.date for d in extract_dates("từ tháng 8/1930 đến nay")] == []


# -- a number set apart digit by digit (letter-spaced PDF text, OCR) ------------------

@pytest.mark.parametrize("text, expect", [
    ("Quyết định số 1 4 2/QĐ-TTg ngày 20/01/2021 của Thủ tướng Chính phủ", [("142/QĐ-TTG", "2021-01-20")]),
    ("theo Quyết định số 2 6 3 1/QĐ-UBND ngày 29/12/2020", [("2631/QĐ-UBND", "2020-12-29")]),
    # no kind words before the digits: a count, then a number of its own
    ("gồm 3 4/QĐ-UBND", [("4/QĐ-UBND", None)]),
])
def test_spaced_digits_of_a_number(text, expect):
    cs = [c for c in extract_citations(text) if c.form == "full"]
    assert [(c.key.upper(), c.date) for c in cs] == expect, [(c.key, c.raw) for c in cs]
    for c in cs:
        assert text[c.start:c.end] == c.raw
        assert c.raw.startswith("Quyết định") or c.raw == "4/QĐ-UBND"


# -- a blank at a slash of a numeric date (typed or OCR'd) ------------------------------

@pytest.mark.parametrize("text, expect", [
    ("Ngày 15 /3/2024, UBND xã tổ chức hội nghị", ["2024-03-15"]),
    ("tiếp nhận hồ sơ từ ngày 15/ 3/ 2024 đến ngày 20/3/ 2024", ["2024-03-15", "2024-03-20"]),
    ("Quyết định số 12 /2024/QĐ-UBND ngày 05/02/2024", ["2024-02-05"]),   # a number, not a date
])
def test_numeric_dates_with_a_blank_at_a_slash(text, expect):
    assert [d.date for d in extract_dates(text)] == expect


# -- the party body "TƯ" (Trung ương) typed for TW ---------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Thực hiện Nghị quyết số 18-NQ/TƯ ngày 25/10/2017 của Hội nghị Trung ương 6", "18-NQ/TW"),
    ("theo Chỉ thị số 05-CT/T.Ư của Bộ Chính trị", "05-CT/TW"),
    ("Kế hoạch số 26-KH/TU của Tỉnh ủy", "26-KH/TU"),       # TU stays the provincial committee
])
def test_party_body_tu_with_horn_is_tw(text, key):
    cs = extract_citations(text)
    assert [c.key for c in cs] == [key], [(c.key, c.raw) for c in cs]


# -- the number of a certified copy's stamp is the copy's own ----------------------------

_BODY = ("ỦY BAN NHÂN DÂN\nTỈNH KHÁNH HÒA\nSố: 3456/QĐ-UBND\nKhánh Hòa, ngày 14 tháng 12 năm 2023\n\n"
         "QUYẾT ĐỊNH\nCăn cứ Quyết định số 1847/QĐ-TTg ngày 27/12/2018 của Thủ tướng Chính phủ;\n"
         + "Điều 1. Phê duyệt Đề án văn hóa công vụ của các cơ quan, đơn vị trên địa bàn tỉnh.\n" * 8)


@pytest.mark.parametrize("stamp, expect", [
    ("SAO Y BẢN CHÍNH\nSố: 210/SY-VP\nKhánh Hòa, ngày 15 tháng 12 năm 2023\n", []),
    ("TRÍCH SAO\nSố: 12/TrS-UBND\n", []),
    ("SAO LỤC\nSố 05/SL-VPCP\n", []),
    # introduced by kind words, a copy is cited
    ("Đính kèm Bản sao y số 12/SY-UBND ngày 15/12/2023.\n", ["12/SY-UBND"]),
])
def test_copy_stamp_numbers_are_not_citations(stamp, expect):
    cs = extract_citations(_BODY + stamp)
    assert [c.key for c in cs] == ["1847/QĐ-TTG"] + expect, [(c.key, c.raw) for c in cs]
