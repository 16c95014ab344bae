"""Issue 14, citations round 4: the classes fixed in this round, each table-driven
on small examples written for the test.

* lower-case symbols after kind words ("Kế hoạch số 34/kh-ubnd"), never without;
* a type code alone (``130/KH``) only after kind words;
* a law's kind word in lower case ("thực hiện luật đất đai") cites nothing;
* a law the registry shows split into several laws before the citing document's
  date ("Luật Khiếu nại, Tố cáo" in 2024) is each of those laws, in force that day;
* compound kind words: Thông báo kết luận (TBKL), court judgments and decisions;
* one rule for a code a blank split (``codes.joins_code``), used by the header's
  own number and by citations.
"""
import pytest

from baocao.extractors import codes
from baocao.extractors.citations import extract_citations
from baocao.extractors.header import _joins_code


def _keys(text, doc_date=None):
    got = extract_citations(text, doc_date=doc_date)
    for c in got:
        assert text[c.start:c.end] == c.raw
    return sorted(c.key for c in got if c.key)


@pytest.mark.parametrize("text,keys", [
    ("theo Kế hoạch số 34/kh-ubnd ngày 05/01/2024 của UBND huyện", ["34/KH-UBND"]),
    ("Quyết định số 12/2024/qđ-ubnd quy định giá đất", ["12/2024/QĐ-UBND"]),
    ("thực hiện Nghị quyết số 05-nq/tu của Tỉnh ủy", ["05-NQ/TU"]),
    ("Báo cáo số 7/bc-ubnd và Công văn số 88/ubnd-vp", ["7/BC-UBND", "88/UBND-VP"]),
    # no kind words: lower case after a slash is a ratio or a unit
    ("tốc độ 40 km/h, năng suất 62 tạ/ha, 12/kh-ubnd ghi nhầm", []),
    # kind words but codes the tables do not know
    ("Kế hoạch số 3/ab-cd", []),
])
def test_lower_case_symbols(text, keys):
    assert _keys(text) == keys


@pytest.mark.parametrize("text,keys", [
    ("đã cấp 120, 130/KH hộ nghèo giấy chứng nhận", []),
    ("xếp loại 15/TB đạt yêu cầu", []),
    ("theo Kế hoạch 130/KH ngày 02/3/2024", ["130/KH"]),
    ("theo 130/KH-UBND ngày 02/3/2024", ["130/KH-UBND"]),
    ("theo 10/2022/QH15 và 07/2024/NQ-HĐND", ["07/2024/NQ-HĐND", "10/2022/QH15"]),
])
def test_type_code_alone_needs_kind_words(text, keys):
    assert _keys(text) == keys


@pytest.mark.parametrize("text,keys", [
    ("hướng dẫn thực hiện luật đất đai trên địa bàn", []),
    ("triển khai các luật mới được thông qua", []),
    ("theo Luật Đất đai năm 2013", ["45/2013/QH13"]),
    ("áp dụng Bộ luật Hình sự năm 2015", ["100/2015/QH13"]),
    ("LUẬT ĐẤT ĐAI năm 2013", ["45/2013/QH13"]),
])
def test_law_kind_word_in_lower_case_cites_nothing(text, keys):
    assert _keys(text, "2024-03-01") == keys


@pytest.mark.parametrize("text,doc_date,keys", [
    # the 1998 law was replaced in 2012 by the Luật Khiếu nại and the Luật Tố cáo;
    # the Luật Tố cáo of 2011 by that of 2018
    ("thực hiện các Luật Khiếu nại, Tố cáo", "2024-05-01", ["02/2011/QH13", "25/2018/QH14"]),
    ("thực hiện Luật Khiếu nại, Tố cáo", "2016-05-01", ["02/2011/QH13", "03/2011/QH13"]),
    ("theo Luật Khiếu nại, Luật Tố cáo", "2024-05-01", ["02/2011/QH13", "25/2018/QH14"]),
    ("các Luật Tiếp công dân, Khiếu nại, Tố cáo", "2024-05-01",
     ["02/2011/QH13", "25/2018/QH14", "42/2013/QH13"]),
    # before the split, or with the old law's year printed: the 1998 law
    ("thực hiện Luật Khiếu nại, Tố cáo", "2005-05-01", ["09/1998/QH10"]),
    ("theo Luật Khiếu nại, tố cáo năm 1998", "2024-05-01", ["09/1998/QH10"]),
])
def test_split_law_is_its_successors(text, doc_date, keys):
    assert _keys(text, doc_date) == keys


@pytest.mark.parametrize("text,key,kind,raw", [
    ("Thông báo kết luận số 12/TBKL-UBND ngày 3/4/2024", "12/TBKL-UBND", "Thông báo",
     "Thông báo kết luận số 12/TBKL-UBND"),
    ("theo 12/TBKL-UBND", "12/TBKL-UBND", "Thông báo", "12/TBKL-UBND"),
    ("Bản án hình sự phúc thẩm số 12/2023/HS-PT ngày 5/6/2023", "12/2023/HS-PT", "Bản án",
     "Bản án hình sự phúc thẩm số 12/2023/HS-PT"),
    ("Bản án dân sự sơ thẩm số 07/2024/DS-ST", "07/2024/DS-ST", "Bản án", "Bản án dân sự sơ thẩm số 07/2024/DS-ST"),
    ("Quyết định giám đốc thẩm số 05/2022/DS-GĐT ngày 2/3/2022", "05/2022/DS-GĐT", "Quyết định",
     "Quyết định giám đốc thẩm số 05/2022/DS-GĐT"),
    ("Quyết định xử phạt vi phạm hành chính số 125/QĐ-XPVPHC", "125/QĐ-XPVPHC", "Quyết định",
     "Quyết định xử phạt vi phạm hành chính số 125/QĐ-XPVPHC"),
])
def test_compound_kind_words(text, key, kind, raw):
    got = [c for c in extract_citations(text) if c.key]
    assert [(c.key, c.kind, c.raw) for c in got] == [(key, kind, raw)]


def test_court_symbol_needs_kind_words():
    assert _keys("mã vụ 05/2022/DS-GĐT trong sổ") == []


@pytest.mark.parametrize("last,rest,joins", [
    ("UBN", "D", True),      # UBND
    ("UB", "ND", True),
    ("T", "W", True),        # TW
    ("N", "Đ", True),        # NĐ
    ("UBND", "T", False),    # already a code
    ("KH", "UBND", False),
    ("XY", "Z", False),      # joined, no code
    ("C0", "4", False),      # digits: an open-ended unit code
    ("", "D", False),
])
def test_one_split_code_rule(last, rest, joins):
    assert codes.joins_code(last, rest) is joins
    assert _joins_code("215/BC-" + last, rest) is joins


@pytest.mark.parametrize("text,key", [
    ("Quyết định số 12/QĐ-UB ND ngày 2/1/2024", "12/QĐ-UBND"),
    ("Kết luận số 120-KL/T W ngày 07/01/2016", "120-KL/TW"),
])
def test_split_code_in_citations(text, key):
    assert _keys(text) == [key]
