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
