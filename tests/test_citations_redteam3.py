"""Red-team round 3 on citations, laws and dates (issue 14): one table per
failure class found on passages written the way offices write them (căn cứ
lists, "thực hiện Công văn số ... ngày ... của ...", party documents, PDF and
OCR damage).  Every case is written for the test; numbers are invented where
the number is not the point."""
import pytest

from baocao.extractors.canonical import canonicalize
from baocao.extractors.citations import extract_citations
from baocao.extractors.dates import extract_dates


def _full(text, **kw):
    return [c for c in extract_citations(text, **kw) if c.form == "full"]


# -- OCR read the leading zero of a number as the letter O -------------------------------

@pytest.mark.parametrize("text, key", [
    ("Thực hiện Chỉ thị số O5-CT/TW ngày 15/5/2016 của Bộ Chính trị", "05-CT/TW"),
    ("theo Kế hoạch số O3/KH-UBND ngày 10/01/2024 của UBND xã", "03/KH-UBND"),
    ("Căn cứ Nghị định số O4/2015/NĐ-CP của Chính phủ", "04/2015/NĐ-CP"),
])
def test_leading_o_for_zero(text, key):
    cs = _full(text)
    assert [(c.key, c.confidence) for c in cs] == [(key, 0.8)], [(c.key, c.raw) for c in cs]
    assert cs[0].raw.split(" ")[-1].startswith("O")


@pytest.mark.parametrize("text", [
    "khí thải CO2/năm",          # a letter before the O
    "mã O/KH-UBND",              # no digit after the O
])
def test_a_letter_o_alone_is_no_number(text):
    assert _full(text) == []


# -- "TƯ" typed for the TW closing a central party body's code -----------------------------

@pytest.mark.parametrize("symbol, key", [
    ("36-HD/BTGTƯ", "36-HD/BTGTW"),
    ("05-KH/BDVTƯ", "05-KH/BDVTW"),
    ("02-HD/UBKTT.Ư", "02-HD/UBKTTW"),
    ("05-KH/ABCTƯ", "05-KH/ABCTƯ"),     # no such body in the table: kept as printed
])
def test_tu_with_horn_in_central_body_codes(symbol, key):
    assert canonicalize(symbol)[0] == key


def test_tu_body_code_in_a_passage():
    text = "Thực hiện Hướng dẫn số 36-HD/BTGTƯ ngày 20/4/2021 của Ban Tuyên giáo Trung ương,"
    assert [(c.key, c.date) for c in _full(text)] == [("36-HD/BTGTW", "2021-04-20")]


# -- a numeric date broken after its second slash (a PDF line ending in "24/7/") --------------

@pytest.mark.parametrize("text, expect", [
    ("theo Công văn số 1520/UBND-NC ngày 24/7/\n2024 của UBND huyện", ["2024-07-24"]),
    ("từ ngày 15/12/2023 đến ngày 14/6/\n2024.", ["2023-12-15", "2024-06-14"]),
    ("đạt 12/15/\n2024 chỉ tiêu", []),              # no month 15
])
def test_date_broken_after_second_slash(text, expect):
    assert [d.date for d in extract_dates(text)] == expect


def test_citation_keeps_a_date_broken_over_a_line():
    cs = _full("Thực hiện Công văn số 1520/UBND-NC ngày 24/7/\n2024 của UBND huyện về việc")
    assert [(c.key, c.date, c.issuer) for c in cs] == [("1520/UBND-NC", "2024-07-24", "UBND huyện")]


# -- a word of prose glued to the symbol (a PDF text layer that lost its blanks) ----------

@pytest.mark.parametrize("text, key, raw, date", [
    ("Căn cứ Nghị định số 59/2023/NĐ-CPngày 14/8/2023 của Chính phủ;", "59/2023/NĐ-CP",
     "Nghị định số 59/2023/NĐ-CP", "2023-08-14"),
    ("Thực hiện Kế hoạch số 45/KH-UBNDngày 12/3/2024 của UBND huyện", "45/KH-UBND",
     "Kế hoạch số 45/KH-UBND", "2024-03-12"),
    ("theo Công điện số 131/CĐ-TTgngày 16/12/2023", "131/CĐ-TTG", "Công điện số 131/CĐ-TTg", "2023-12-16"),
    ("Quyết định số 12/QĐ-UBNDcủa Chủ tịch UBND xã", "12/QĐ-UBND", "Quyết định số 12/QĐ-UBND", None),
])
def test_glued_word_after_a_symbol(text, key, raw, date):
    cs = _full(text)
    assert [(c.key, c.raw, c.date) for c in cs] == [(key, raw, date)]
    assert text[cs[0].start:cs[0].end] == raw


def test_a_code_that_reads_whole_is_not_cut():
    # "QĐi" and "TTg" end in small letters of their own
    assert [c.key for c in _full("Quy định số 11-QĐi/TW và Chỉ thị số 33/CT-TTg")] == ["11-QĐi/TW", "33/CT-TTG"]


# -- numbers listed before one printed in full share its symbol ----------------------------

@pytest.mark.parametrize("text, expect", [
    ("Thực hiện các Quyết định số 1587, 1588/QĐ-UBND ngày 20/7/2024 của UBND tỉnh về việc công bố",
     [("1587/QĐ-UBND", "2024-07-20", "Quyết định số 1587"), ("1588/QĐ-UBND", "2024-07-20", "1588/QĐ-UBND")]),
    ("theo Công văn số 245 và 246/UBND-VP của UBND huyện",
     [("245/UBND-VP", None, "Công văn số 245"), ("246/UBND-VP", None, "246/UBND-VP")]),
    ("Triển khai Nghị quyết số 18, 19-NQ/TW ngày 25/10/2017 của Hội nghị Trung ương 6",
     [("18-NQ/TW", "2017-10-25", "Nghị quyết số 18"), ("19-NQ/TW", "2017-10-25", "19-NQ/TW")]),
    ("các Nghị định số 01, 02, 03/2021/NĐ-CP của Chính phủ",
     [("01/2021/NĐ-CP", None, "Nghị định số 01"), ("02/2021/NĐ-CP", None, "02"),
      ("03/2021/NĐ-CP", None, "03/2021/NĐ-CP")]),
])
def test_listed_numbers_share_the_symbol(text, expect):
    cs = _full(text)
    assert [(c.key, c.date, c.raw) for c in cs] == expect
    for c in cs:
        assert text[c.start:c.end] == c.raw
    assert all(c.note == f"symbol shared with {expect[-1][0]}" for c in cs[:-1])
    assert len({c.kind for c in cs}) == 1 and cs[0].kind is not None


@pytest.mark.parametrize("text, keys", [
    ("tại Điều 5, 6/QĐ-UBND", ["6/QĐ-UBND"]),                    # no kind words before the list
    ("đạt 12, 15/KH-UBND", ["15/KH-UBND"]),
    ("các ngày 15, 16/9/2023", []),                               # a list of days, not of numbers
    ("Kế hoạch số 12/KH-UBND, 13/KH-UBND", ["12/KH-UBND", "13/KH-UBND"]),   # each printed in full
])
def test_no_shared_symbol_without_kind_words(text, keys):
    assert [c.key for c in _full(text)] == keys


# -- a month and year joined by a dot ---------------------------------------------------------

@pytest.mark.parametrize("text, expect", [
    ("Số liệu tính từ tháng 12.2023 đến hết tháng 01.2024;", ["2023-12", "2024-01"]),
    ("lũy kế tháng 12.5 triệu đồng", []),          # a decimal, not a year
    ("ngày 11.01.2024", ["2024-01-11"]),            # still a full date
])
def test_month_year_with_a_dot(text, expect):
    assert [d.date for d in extract_dates(text)] == expect


# -- laws by name: a name's comma left out, "Việt Nam" left off -------------------------------

def _named(text, doc_date="2024-05-01"):
    return [(c.key, c.title, c.resolved_by) for c in extract_citations(text, doc_date=doc_date)
            if c.form == "named"]


@pytest.mark.parametrize("text, key, title", [
    ("Căn cứ Luật Phòng chống tham nhũng năm 2018;", "36/2018/QH14", "Luật Phòng, chống tham nhũng"),
    ("theo Luật Thi đua khen thưởng năm 2022,", "06/2022/QH15", "Luật Thi đua, khen thưởng"),
    # the longer name wins over "Luật Khiếu nại" once its comma is optional
    ("Luật Khiếu nại tố cáo năm 1998", "09/1998/QH10", "Luật Khiếu nại, tố cáo"),
    ("Căn cứ Luật Mặt trận Tổ quốc năm 2015;", "75/2015/QH13", "Luật Mặt trận Tổ quốc Việt Nam"),
    ("Căn cứ Luật Biên phòng năm 2020;", "66/2020/QH14", "Luật Biên phòng Việt Nam"),
    ("Luật Quốc tịch năm 2008", "24/2008/QH12", "Luật Quốc tịch Việt Nam"),
])
def test_law_names_as_typed(text, key, title):
    assert _named(text) == [(key, title, "printed-year")]


def test_comma_free_names_match_exactly():
    c = [c for c in extract_citations("Luật Cán bộ công chức năm 2008") if c.form == "named"][0]
    assert (c.key, c.confidence) == ("22/2008/QH12", 0.85)     # not a fuzzy match


# -- one anchor, several names: "các Luật: Đất đai, Nhà ở và ..." ------------------------------

@pytest.mark.parametrize("text, doc_date, expect", [
    ("Căn cứ các Luật: Đất đai năm 2024, Nhà ở năm 2023 và Kinh doanh bất động sản năm 2023;", "2024-09-01",
     [("31/2024/QH15", "printed-year"), ("27/2023/QH15", "printed-year"), ("29/2023/QH15", "printed-year")]),
    ("tuyên truyền các Luật Đất đai, Nhà ở, Kinh doanh bất động sản đến Nhân dân", "2024-09-01",
     [("31/2024/QH15", "in-force-on-doc-date"), ("27/2023/QH15", "in-force-on-doc-date"),
      ("29/2023/QH15", "in-force-on-doc-date")]),
    ("phổ biến các Luật Tiếp công dân, Tố cáo và Thanh tra", "2024-09-01",
     [("42/2013/QH13", "in-force-on-doc-date"), ("25/2018/QH14", "in-force-on-doc-date"),
      ("11/2022/QH15", "in-force-on-doc-date")]),
    # one name, no plural: what follows the comma is not a law
    ("Luật Đất đai, Nhà ở", "2024-09-01", [("31/2024/QH15", "in-force-on-doc-date")]),
])
def test_plural_anchor_lists(text, doc_date, expect):
    cs = [c for c in extract_citations(text, doc_date=doc_date) if c.form == "named"]
    assert [(c.key, c.resolved_by) for c in cs] == expect
    for c in cs:
        assert text[c.start:c.end] == c.raw


# -- a Đ put in where a code's D belongs (legacy conversion, OCR) ------------------------------

@pytest.mark.parametrize("symbol, key", [
    ("12/QĐ-UBNĐ", "12/QĐ-UBND"),
    ("05/NQ-HĐNĐ", "05/NQ-HĐND"),
    ("12/ĐA-UBND", "12/ĐA-UBND"),       # Đề án and Dự án are codes of their own: never rewritten
    ("12/DA-UBND", "12/DA-UBND"),
    ("12/KH-ĐUBND", "12/KH-ĐUBND"),     # no code of the table spells so without its Đ
])
def test_d_put_in_for_a_codes_d(symbol, key):
    assert canonicalize(symbol)[0] == key


# -- the Front's Presidium in joint resolutions, its Đ lost -----------------------------------

def test_joint_resolution_issuer_with_a_lost_d():
    text = ("Can cu Nghi quyet lien tich so 403/2017/NQLT-UBTVQH14-CP-DCTUBTWMTTQVN ngay 15/6/2017 "
            "va Thong tu lien tich so 07/2016/TTLT-BYT-BTC-BLDTBXH ngay 15/4/2016;")
    assert [(c.key, c.date) for c in _full(text)] == [
        ("403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", "2017-06-15"), ("07/2016/TTLT-BYT-BTC-BLĐTBXH", "2016-04-15")]


# -- a footnote mark a PDF layer flattened onto the end of a symbol -------------------------

@pytest.mark.parametrize("text, key, raw, date", [
    ("Thực hiện Kế hoạch số 12/KH-UBND1 ngày 05/01/2024 của UBND tỉnh,", "12/KH-UBND",
     "Kế hoạch số 12/KH-UBND", "2024-01-05"),
    ("theo Nghị định số 59/2023/NĐ-CP2 của Chính phủ", "59/2023/NĐ-CP", "Nghị định số 59/2023/NĐ-CP", None),
    ("Kết luận số 21-KL/TW3 ngày 25/10/2021", "21-KL/TW", "Kết luận số 21-KL/TW", "2021-10-25"),
])
def test_footnote_mark_after_a_symbol(text, key, raw, date):
    cs = _full(text)
    assert [(c.key, c.raw, c.date) for c in cs] == [(key, raw, date)]
    assert cs[0].note.startswith("footnote mark ") and cs[0].confidence == 0.8


@pytest.mark.parametrize("text, key", [
    ("Luật số 10/2022/QH15", "10/2022/QH15"),            # a term number
    ("Công văn số 1207/C06-P4", "1207/C06-P4"),          # unit codes keep their digits
    ("Công văn số 12/UBND-VP1", "12/UBND-VP1"),
])
def test_digits_that_belong_to_the_code(text, key):
    assert [c.key for c in _full(text)] == [key]


# -- laws the registry lacked ------------------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Triển khai Luật Phòng thủ dân sự năm 2023 đến cán bộ,", "18/2023/QH15"),
    ("tuyên truyền Luật Nhà giáo năm 2025 đến giáo viên", "73/2025/QH15"),
])
def test_laws_added(text, key):
    assert [c.key for c in extract_citations(text, doc_date="2025-09-01") if c.form == "named"] == [key]


# -- a code split by a blank (OCR, letter-spaced text) -----------------------------------------

@pytest.mark.parametrize("text, key, raw, date", [
    ("Kết luận số 120-KL/T W ngày 07/01/2016 của Bộ Chính trị", "120-KL/TW", "Kết luận số 120-KL/T W", "2016-01-07"),
    ("Quyết định số 12/QĐ-UB ND ngày 2/1/2024", "12/QĐ-UBND", "Quyết định số 12/QĐ-UB ND", "2024-01-02"),
    ("Nghị định số 59/2023/N Đ-CP ngày 14/8/2023", "59/2023/NĐ-CP", "Nghị định số 59/2023/N Đ-CP", "2023-08-14"),
    ("Nghi dinh so 59/2023/N D-CP ngay 14/8/2023", "59/2023/NĐ-CP", "Nghi dinh so 59/2023/N D-CP", "2023-08-14"),
    ("Công văn số 12/UBND-V P ngày 3/1/2024", "12/UBND-VP", "Công văn số 12/UBND-V P", "2024-01-03"),
])
def test_code_split_by_a_blank(text, key, raw, date):
    cs = _full(text)
    assert [(c.key, c.raw, c.date, c.confidence) for c in cs] == [(key, raw, date, 0.8)]


@pytest.mark.parametrize("text, key", [
    ("Kế hoạch số 12/KH-UBND UBND huyện chủ trì", "12/KH-UBND"),     # a whole code, then a word
    ("Quyết định số 12/QĐ-UBND KH năm 2024", "12/QĐ-UBND"),
])
def test_whole_codes_are_not_joined_to_the_next_word(text, key):
    assert [(c.key, c.confidence) for c in _full(text)] == [(key, 0.98)]


# -- a date glued to the time word before it (a text layer that lost its blanks) -------------

@pytest.mark.parametrize("text, expect", [
    ("hạn chót đến15/3/2024 và trước20/3/2024", ["2024-03-15", "2024-03-20"]),
    ("từ15/3/2024 đến20/3/2024", ["2024-03-15", "2024-03-20"]),
    ("mã hàng ABCtu15/3/2024", []),          # "tu" inside a word is no time word
])
def test_date_glued_to_a_time_word(text, expect):
    assert [d.date for d in extract_dates(text)] == expect


# -- "(sửa đổi, bổ sung năm 2019)" / "(sửa đổi) năm 2022" after a law's name -------------------

@pytest.mark.parametrize("text, doc_date, expect", [
    # the years of amendments: the version they amended, not the one in force today
    ("Căn cứ Luật Tổ chức chính quyền địa phương (sửa đổi, bổ sung năm 2019);", "2025-04-01",
     [("77/2015/QH13", "amended-law")]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật (sửa đổi, bổ sung năm 2020);", "2025-06-01",
     [("80/2015/QH13", "amended-law")]),
    # the qualifier of a list is each name's
    ("Căn cứ Luật Cán bộ, công chức và Luật Viên chức (sửa đổi, bổ sung năm 2019);", "2025-09-01",
     [("22/2008/QH12", "amended-law"), ("58/2010/QH12", "amended-law")]),
    # "(sửa đổi)" then a year: the revised law of that year, before it takes effect too
    ("Tuyên truyền Luật Thanh tra (sửa đổi) năm 2022 đến cán bộ", "2023-03-01", [("11/2022/QH15", "printed-year")]),
    ("phổ biến Luật Đất đai (sửa đổi) năm 2024", "2024-03-01", [("31/2024/QH15", "printed-year")]),
    # a year printed with the name wins over the qualifier
    ("Luật Tổ chức chính quyền địa phương năm 2015 (sửa đổi, bổ sung năm 2017, 2019)", "2025-09-01",
     [("77/2015/QH13", "printed-year")]),
])
def test_amendment_qualifiers(text, doc_date, expect):
    cs = [c for c in extract_citations(text, doc_date=doc_date) if c.form == "named"]
    assert [(c.key, c.resolved_by) for c in cs] == expect, [(c.key, c.raw) for c in cs]
    for c in cs:
        assert text[c.start:c.end] == c.raw


# -- joint and coordination documents of local bodies -------------------------------------

@pytest.mark.parametrize("text, key, kind", [
    ("Thực hiện Hướng dẫn liên ngành số 01/HDLN-SNV-STC ngày 05/3/2024 của Sở Nội vụ và Sở Tài chính,",
     "01/HDLN-SNV-STC", "Hướng dẫn liên ngành"),
    ("Kế hoạch liên tịch số 12/KHLT-HND-NHCSXH ngày 5/2/2024 giữa Hội Nông dân và Ngân hàng Chính sách xã hội",
     "12/KHLT-HND-NHCSXH", "Kế hoạch liên tịch"),
    ("theo Quy chế phối hợp số 01/QCPH-UBND-UBMTTQ ngày 10/01/2024", "01/QCPH-UBND-UBMTTQ", "Quy chế phối hợp"),
    ("Chương trình phối hợp số 05/CTrPH-MTTQ-UBND ngày 3/1/2024", "05/CTRPH-MTTQ-UBND", "Chương trình phối hợp"),
    # a compound name over a symbol of its head kind: no penalty
    ("Ban hành Quy chế phối hợp số 05/QC-UBND ngày 3/1/2024", "05/QC-UBND", "Quy chế phối hợp"),
])
def test_joint_local_documents(text, key, kind):
    cs = _full(text)
    assert [(c.key, c.kind) for c in cs] == [(key, kind)]
    assert cs[0].raw.startswith(kind.split()[0]) and cs[0].confidence == 0.98


# -- consolidated texts and court judgments --------------------------------------------------

@pytest.mark.parametrize("text, key, kind, issuer", [
    ("Căn cứ Văn bản hợp nhất số 04/VBHN-VPQH ngày 15/7/2020 của Văn phòng Quốc hội", "04/VBHN-VPQH",
     "Văn bản hợp nhất", "Văn phòng Quốc hội"),
    ("theo Văn bản hợp nhất số 12/VBHN-BNV của Bộ Nội vụ", "12/VBHN-BNV", "Văn bản hợp nhất", "Bộ Nội vụ"),
    ("thi hành Bản án số 05/2023/DS-PT ngày 12/6/2023 của Tòa án nhân dân tỉnh", "05/2023/DS-PT", "Bản án",
     "Tòa án nhân dân tỉnh"),
])
def test_consolidated_texts_and_judgments(text, key, kind, issuer):
    assert [(c.key, c.kind, c.issuer) for c in _full(text)] == [(key, kind, issuer)]


def test_a_judgment_symbol_needs_its_kind_words():
    assert _full("và 05/2023/DS-PT") == []


# -- a table of documents: the date in the next cell -----------------------------------------

@pytest.mark.parametrize("text, expect", [
    ("| 1 | 12/KH-UBND | 05/01/2024 | Kế hoạch cải cách hành chính |", [("12/KH-UBND", "2024-01-05")]),
    ("| 4 | 05-CT/ĐU | 20/3/2024 | Chỉ thị của Đảng ủy |", [("05-CT/ĐU", "2024-03-20")]),
    ("| 12/KH-UBND | Kế hoạch | 05/01/2024 |", [("12/KH-UBND", None)]),     # not the next cell
])
def test_date_in_the_next_table_cell(text, expect):
    assert [(c.key, c.date) for c in _full(text)] == expect


# -- a line-end hyphen the text layer dropped ----------------------------------------------

@pytest.mark.parametrize("text, key, date", [
    ("Kế hoạch số 88/KH\nUBND ngày 15/01/2024 của UBND huyện", "88/KH-UBND", "2024-01-15"),
    ("Căn cứ Quyết định số 1847/QĐ\nTTg ngày 27/12/2018 của Thủ tướng", "1847/QĐ-TTG", "2018-12-27"),
    ("Nghị định số 107/2021/NĐ\nCP ngày 06/12/2021 sửa đổi", "107/2021/NĐ-CP", "2021-12-06"),
    ("Công văn số 12/UBND\nVP ngày 3/1/2024", "12/UBND-VP", "2024-01-03"),
])
def test_dropped_line_end_hyphen(text, key, date):
    cs = _full(text)
    assert [(c.key, c.date, c.confidence) for c in cs] == [(key, date, 0.8)]
    assert text[cs[0].start:cs[0].end] == cs[0].raw and "\n" in cs[0].raw


@pytest.mark.parametrize("text, key", [
    ("theo Kế hoạch số 88/KH-UBND\nUBND huyện chủ trì", "88/KH-UBND"),      # a whole symbol, then prose
    ("Quyết định số 12/QĐ-UBND\nVP tham mưu", "12/QĐ-UBND"),
    ("Công văn số 12/UBND\nTP. Hồ Chí Minh", "12/UBND"),
])
def test_next_line_is_prose(text, key):
    assert [c.key for c in _full(text)] == [key]


# -- more OCR and stripped spellings ----------------------------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Liên đoàn Lao động tỉnh có Công văn số 112/LDLD-TC ngày 08-3-2024", "112/LĐLĐ-TC"),   # Đ lost
])
def test_more_ocr_spellings(text, key):
    assert [c.key for c in _full(text)] == [key]


def test_a_small_o_glued_to_so_is_not_a_zero():
    # "số145" folds to "so145": the o is the word's, not a zero of the number
    assert [c.key for c in _full("Nghị định số145/2020/NĐ-CP")] == ["145/2020/NĐ-CP"]


# -- a law's name glued to its anchor or to its year (a text layer that lost blanks) -------------

@pytest.mark.parametrize("text, key", [
    ("Căn cứ LuậtXử lý vi phạm hành chính năm 2012;", "15/2012/QH13"),
    ("Căn cứ LUẬTTHỰC HIỆN DÂN CHỦ Ở CƠ SỞ năm2022;", "10/2022/QH15"),
    ("Căn cứ Luật Mặt trận Tổ quốcnăm 2015;", "75/2015/QH13"),
])
def test_law_names_glued(text, key):
    assert [c.key for c in extract_citations(text, doc_date="2024-03-01") if c.form == "named"] == [key]


@pytest.mark.parametrize("text", ["tra cứu trên LuatVietnam.vn", "kỷ luậtĐảng viên", "Luậtsư tư vấn"])
def test_glued_words_that_are_not_laws(text):
    assert [c for c in extract_citations(text) if c.form == "named"] == []


# -- a two-digit day OCR split with a blank ------------------------------------------------------

@pytest.mark.parametrize("text, expect", [
    ("Tính từ ngày 1 1/9/2017 đến ngày 13/10/2017", [("2017-09-11", "1 1/9/2017"), ("2017-10-13", "13/10/2017")]),
    ("ngày 2 1 tháng 9 năm 2017", [("2017-09-21", "2 1 tháng 9 năm 2017")]),
    ("ngày 3 1/9/2017", [("2017-09-01", "1/9/2017")]),        # no 31 September: the day as printed
    ("gồm 3 1/9/2017", [("2017-09-01", "1/9/2017")]),         # no "ngày": a count, then a date
])
def test_split_two_digit_day(text, expect):
    assert [(d.date, d.raw) for d in extract_dates(text)] == expect


# -- OCR read the T of a code as a 1 ----------------------------------------------------------

@pytest.mark.parametrize("symbol, key", [
    ("42-C1/TW", "42-CT/TW"),
    ("26-KH/1U", "26-KH/TU"),
    ("1207/C06-P4", "1207/C06-P4"),     # a unit code keeps its digits
    ("12/UBND-C1", "12/UBND-C1"),
])
def test_one_read_for_t_in_codes(symbol, key):
    assert canonicalize(symbol)[0] == key


def test_party_directive_with_an_ocr_one():
    cs = _full("về thực hiện Chỉ thị số 42-C1/TW ngày 24/3/2020 của Ban Bí thư Trung ương Đảng")
    assert [(c.key, c.kind, c.date, c.confidence) for c in cs] == [("42-CT/TW", "Chỉ thị", "2020-03-24", 0.8)]


# -- a law's date printed with dashes or dots ----------------------------------------------------

@pytest.mark.parametrize("text, doc_date, key", [
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19-6-2015;", "2025-09-01", "77/2015/QH13"),
    ("Căn cứ Luật Đất đai ngày 18.01.2024;", "2024-01-20", "31/2024/QH15"),
])
def test_law_date_with_dashes_or_dots(text, doc_date, key):
    cs = [c for c in extract_citations(text, doc_date=doc_date) if c.form == "named"]
    assert [(c.key, c.resolved_by) for c in cs] == [(key, "printed-date")]
    assert cs[0].raw.endswith(("2015", "2024"))


# -- the omnibus laws on planning, cited in many căn cứ lists -------------------------------------

@pytest.mark.parametrize("text, key", [
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của 37 Luật có liên quan đến quy hoạch ngày 20 tháng 11 năm 2018;",
     "35/2018/QH14"),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của 11 Luật có liên quan đến quy hoạch ngày 15 tháng 6 năm 2018;",
     "28/2018/QH14"),
])
def test_omnibus_planning_laws(text, key):
    cs = [c for c in extract_citations(text, doc_date="2024-01-01") if c.key]
    assert [(c.key, c.resolved_by) for c in cs] == [(key, "printed-date")]


@pytest.mark.parametrize("text, doc_date, keys", [
    ("Căn cứ Luật Giá năm 2012;", "2020-01-01", ["11/2012/QH13"]),
    ("thẩm định theo Luật Giá", "2020-01-01", ["11/2012/QH13"]),        # the 2023 law not yet adopted
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống thiên tai và Luật Đê điều ngày 17 tháng 6 "
     "năm 2020;", "2022-01-01", ["60/2020/QH14", "33/2013/QH13", "79/2006/QH11"]),
])
def test_more_registry_rows(text, doc_date, keys):
    assert [c.key for c in extract_citations(text, doc_date=doc_date) if c.form == "named"] == keys


# -- an amending law whose long name OCR or a text layer damaged ---------------------------------

@pytest.mark.parametrize("text, expect", [
    # a blank lost inside the name: the laws it names and its date tell which amending law it is
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền "
     "địaphương ngày 22 tháng 11 năm 2019;",
     [("47/2019/QH14", "printed-date", 0.7), ("76/2015/QH13", "amended-law", 0.85),
      ("77/2015/QH13", "amended-law", 0.7)]),
])
def test_amending_law_read_from_what_it_amends(text, expect):
    cs = [c for c in extract_citations(text, doc_date="2024-01-01") if c.form == "named"]
    assert [(c.key, c.resolved_by, c.confidence) for c in cs] == expect
    assert cs[0].raw.startswith("Luật sửa đổi") and text[cs[0].start:cs[0].end] == cs[0].raw


def test_amending_law_not_guessed_without_its_date():
    text = "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địaphương;"
    keys = [c.key for c in extract_citations(text, doc_date="2024-01-01") if c.form == "named"]
    assert "47/2019/QH14" not in keys


# -- a party number whose dash OCR read as a semicolon ----------------------------------

@pytest.mark.parametrize("symbol, key", [
    ("303;CV/HU", "303-CV/HU"),
    ("45;KH/TU", "45-KH/TU"),
    ("12;QD/TW", "12-QĐ/TW"),
    # not a party number: a list, an unknown body or type, a unit after the body
    ("12;13/QĐ-UBND", None),
    ("45;KH/ABC", None),
    ("45;XYZ/TU", None),
    ("45;KH/TU-VP", None),
])
def test_party_dash_read_as_semicolon(symbol, key):
    assert canonicalize(symbol)[0] == key


@pytest.mark.parametrize("text, expect", [
    ("Thực hiện Kế hoạch số 45;KH/TU ngày 10/3/2024 của Ban Thường vụ Tỉnh ủy", [("45-KH/TU", 0.8)]),
    ("theo Công văn số 303;CV/HU ngày 5/3/2024 của Huyện ủy", [("303-CV/HU", 0.8)]),
    # unchanged: numbers listed with a semicolon share the symbol after them
    ("Căn cứ các Quyết định số 21;22/QĐ-UBND của UBND tỉnh", [("21/QĐ-UBND", 0.8), ("22/QĐ-UBND", 0.98)]),
    ("Căn cứ Quyết định số 21; 22/QĐ-UBND của UBND tỉnh", [("21/QĐ-UBND", 0.8), ("22/QĐ-UBND", 0.98)]),
    ("Thực hiện Kế hoạch số 45;KH/ABC ngày 10/3/2024", []),
])
def test_party_dash_read_as_semicolon_in_a_passage(text, expect):
    assert [(c.key, c.confidence) for c in _full(text)] == expect
