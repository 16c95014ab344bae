"""Issue 14, citations round 5: the classes fixed in this round, each table-driven
on small examples written for the test.

* symbols out of their codes' case, lower or mixed ("12/Qđ-ubnd", "45/Ubnd-VP",
  "3/Kh-UBND"): one path (``_CASE_CAND``), only after kind words, only when each
  code printed out of case is a code of the tables; read at RESPELLED_CONF with
  a note; prose ratios untouched;
* joint documents of the pre-2009 style (``01/2004/TTLT/BVHTT-BYT``) and the
  current one: one row, key as printed, kind from the type code, issuers from
  the codes;
* dotted codes (``12/CĐ.UBND``, ``318/STC.QLNS``, ``16/CGC.BT``): each part
  looked up as a code; a sentence's full stop is not a dot of a code;
* a law split into several successor laws: each its own span when a plural
  anchor's list names each, one shared span with a note when one printed
  name stands for all.
"""
import pytest

from baocao.extractors.canonical import canonical_key
from baocao.extractors.citations import RESPELLED_CONF, extract_citations


def _full(text, doc_date=None):
    got = extract_citations(text, doc_date=doc_date)
    for c in got:
        assert text[c.start:c.end] == c.raw
    return [c for c in got if c.key]


# --- 1. symbols out of their codes' case --------------------------------------

@pytest.mark.parametrize("text,key,kind,raw", [
    ("Căn cứ Quyết định số 12/Qđ-ubnd ngày 05/01/2024 của UBND tỉnh", "12/QĐ-UBND", "Quyết định",
     "Quyết định số 12/Qđ-ubnd"),
    ("Thực hiện Công văn số 45/Ubnd-VP ngày 03/02/2024", "45/UBND-VP", "Công văn", "Công văn số 45/Ubnd-VP"),
    ("theo Kế hoạch số 3/Kh-UBND của UBND huyện", "3/KH-UBND", "Kế hoạch", "Kế hoạch số 3/Kh-UBND"),
    ("Quyết định số 07/2024/Qđ-Ubnd quy định", "07/2024/QĐ-UBND", "Quyết định", "Quyết định số 07/2024/Qđ-Ubnd"),
    ("thực hiện Nghị quyết số 15-Nq/Tu của Tỉnh ủy", "15-NQ/TU", "Nghị quyết", "Nghị quyết số 15-Nq/Tu"),
    ("Chỉ thị số 08/Ct-TTg về", "08/CT-TTG", "Chỉ thị", "Chỉ thị số 08/Ct-TTg"),
    # a code in capitals beside it may be an open-ended unit code
    ("Công văn số 91/Ubnd-KGVX ngày 2/4/2024", "91/UBND-KGVX", "Công văn", "Công văn số 91/Ubnd-KGVX"),
    # a full stop after it is no part of it
    ("theo Công văn số 45/Ubnd.Tiếp theo", "45/UBND", "Công văn", "Công văn số 45/Ubnd"),
    ("Công điện số 6/Cđ.Ubnd ngày 1/3/2024", "6/CĐ.UBND", "Công điện", "Công điện số 6/Cđ.Ubnd"),
])
def test_mixed_case_after_kind_words(text, key, kind, raw):
    got = _full(text)
    assert [(c.key, c.kind, c.raw) for c in got] == [(key, kind, raw)]
    assert got[0].confidence == RESPELLED_CONF
    assert got[0].note.startswith("letter case respelled")


@pytest.mark.parametrize("text", [
    "gửi 3/Kh-UBND ngày 02/3/2024",           # no kind words
    "đã nhận 45/Ubnd-VP trong tháng",
    "tốc độ 40 km/h, năng suất 62 tạ/ha",     # prose ratios
    "Quyết định số 40 km/h",
    "Quyết định số 120/ha",
    "Kế hoạch số 3/Kh-Abcd",                  # a code out of case the tables do not know
    "Công văn số 2/tp",                       # a unit code alone
])
def test_mixed_case_elsewhere_cites_nothing(text):
    assert _full(text) == []


@pytest.mark.parametrize("text,key,conf,note", [
    # the case of the tables: not a respelling
    ("Quyết định số 12/QĐ-TTg ngày 3/1/2024", "12/QĐ-TTG", 0.98, None),
    ("Công văn số 12/SGDĐT-GDTrH ngày 3/1/2024", "12/SGDĐT-GDTRH", 0.98, None),
    ("Quy định số 11-QĐi/TW", "11-QĐi/TW", 0.98, None),
])
def test_codes_in_table_case_are_clean(text, key, conf, note):
    got = _full(text)
    assert [(c.key, c.confidence, c.note) for c in got] == [(key, conf, note)]


@pytest.mark.parametrize("text,key,note", [
    # an OCR confusion in a small letter (QB is no code) is no change of case:
    # read as the OCR readings read it, without kind words too, no case note
    ("theo 217-Qb/TW ngày 12/12/2013", "217-QĐ/TW", None),
    ("Quyết định số 217-Qb/TW", "217-QĐ/TW", None),
    # a lost Đ and a change of case: a repair
    ("Quyết định số 12/Qd-ubnd", "12/QĐ-UBND", None),
])
def test_ocr_small_letters_are_not_a_case_respelling(text, key, note):
    got = _full(text)
    assert [(c.key, c.note) for c in got] == [(key, note)]
    assert got[0].confidence < RESPELLED_CONF


# --- 2. joint documents ------------------------------------------------------------

@pytest.mark.parametrize("text,key,issuer", [
    ("Thông tư liên tịch số 01/2004/TTLT/BVHTT-BYT ngày 05/02/2004", "01/2004/TTLT/BVHTT-BYT",
     "Bộ Văn hóa - Thông tin; Bộ Y tế"),
    ("theo 02/2008/TTLT/BTP-BNV hướng dẫn", "02/2008/TTLT/BTP-BNV", "Bộ Tư pháp; Bộ Nội vụ"),
    ("Thông tư liên tịch số 03/2006/TTLT/BTM-BTC-BCN", "03/2006/TTLT/BTM-BTC-BCN",
     "Bộ Thương mại; Bộ Tài chính; Bộ Công nghiệp"),
    ("Thông tư liên tịch số 04/2005/TTLT/BGD&ĐT-BNV", "04/2005/TTLT/BGD&ĐT-BNV",
     "Bộ Giáo dục và Đào tạo; Bộ Nội vụ"),
    ("Thông tư liên tịch số 01/2004/TTLT/ BVHTT – BYT", "01/2004/TTLT/BVHTT-BYT",
     "Bộ Văn hóa - Thông tin; Bộ Y tế"),
    # the current style, issuers after the type
    ("Thông tư liên tịch số 09/2016/TTLT-BYT-BTC", "09/2016/TTLT-BYT-BTC", "Bộ Y tế; Bộ Tài chính"),
    # a printed issuer wins; an issuer code naming no one body gives none
    ("Thông tư liên tịch số 02/2008/TTLT/BTP-BNV của Bộ Tư pháp", "02/2008/TTLT/BTP-BNV", "Bộ Tư pháp"),
    ("Thông tư liên tịch số 05/2019/TTLT-BNV-UBND", "05/2019/TTLT-BNV-UBND", None),
])
def test_joint_documents(text, key, issuer):
    got = _full(text)
    assert [(c.key, c.kind, c.issuer) for c in got] == [(key, "Thông tư liên tịch", issuer)]


@pytest.mark.parametrize("printed,key", [
    ("01/2004/TTLT/BVHTT-BYT", "01/2004/TTLT/BVHTT-BYT"),
    ("01 / 2004 / TTLT / BVHTT - BYT", "01/2004/TTLT/BVHTT-BYT"),
    ("12/2024/QĐ/BVHTT-BYT", None),       # a second slash only after a …LT type
])
def test_joint_canonical_key(printed, key):
    assert canonical_key(printed) == key


# --- 3. dotted codes ---------------------------------------------------------------

@pytest.mark.parametrize("text,keys", [
    # after kind words, every dotted shape
    ("Công điện số 12/CĐ.UBND ngày 5/5/2024", [("12/CĐ.UBND", "Công điện")]),
    ("Công văn số 318/STC.QLNS ngày 5/5/2024", [("318/STC.QLNS", "Công văn")]),
    ("Công văn số 16/CGC.BT ngày 5/5/2024", [("16/CGC.BT", "Công văn")]),
    ("Kế hoạch số 45/KH-BCĐ.ATTP", [("45/KH-BCĐ.ATTP", "Kế hoạch")]),
    # without kind words: read when its parts are codes of the tables, as the
    # same symbol with a dash is
    ("gửi 12/CĐ.UBND ngày 5/5/2024", [("12/CĐ.UBND", "Công điện")]),
    ("gửi 12/CĐ-UBND ngày 5/5/2024", [("12/CĐ-UBND", "Công điện")]),
    ("theo 45/UBND.VP ngày 5/5/2024", [("45/UBND.VP", "Công văn")]),
    ("gửi 16/CGC.BT ngày 5/5/2024", []),      # no code the tables know
    # a sentence's full stop
    ("theo Công văn số 45/UBND. Tiếp theo", [("45/UBND", "Công văn")]),
    ("theo Công văn số 45/UBND.Tiếp theo", [("45/UBND", "Công văn")]),
    ("theo Công văn số 45/UBND-VP.Sau đó", [("45/UBND-VP", "Công văn")]),
    ("Công văn số 318/STC.QLNS. Tiếp theo", [("318/STC.QLNS", "Công văn")]),
])
def test_dotted_codes(text, keys):
    assert [(c.key, c.kind) for c in _full(text)] == keys


def test_dotted_telegram_of_an_implied_issuer():
    got = _full("Công điện số 5/CĐ.TTg")
    assert [(c.key, c.issuer) for c in got] == [("5/CĐ.TTG", "Thủ tướng Chính phủ")]


# --- 4. a law split into successor laws ----------------------------------------

@pytest.mark.parametrize("text,rows", [
    # a plural anchor's list names each successor: each its own span
    ("thực hiện các Luật Khiếu nại, Tố cáo;",
     [("02/2011/QH13", "Luật Khiếu nại"), ("25/2018/QH14", "Tố cáo")]),
    ("các Luật: Khiếu nại, Tố cáo và Tiếp công dân",
     [("02/2011/QH13", "Luật: Khiếu nại"), ("25/2018/QH14", "Tố cáo"), ("42/2013/QH13", "Tiếp công dân")]),
    ("các Luật Tiếp công dân, Khiếu nại và Tố cáo",
     [("42/2013/QH13", "Luật Tiếp công dân"), ("02/2011/QH13", "Khiếu nại"), ("25/2018/QH14", "Tố cáo")]),
    # each name printed with its own anchor: as before
    ("theo Luật Khiếu nại, Luật Tố cáo", [("02/2011/QH13", "Luật Khiếu nại"), ("25/2018/QH14", "Luật Tố cáo")]),
    # one printed name (the old law's) for both: the span shared
    ("thực hiện Luật Khiếu nại, Tố cáo trong năm",
     [("02/2011/QH13", "Luật Khiếu nại, Tố cáo"), ("25/2018/QH14", "Luật Khiếu nại, Tố cáo")]),
])
def test_successor_spans(text, rows):
    got = _full(text, "2024-05-01")
    assert [(c.key, c.raw) for c in got] == rows


@pytest.mark.parametrize("text,shared", [
    ("thực hiện các Luật Khiếu nại, Tố cáo", False),
    ("thực hiện Luật Khiếu nại, Tố cáo", True),
])
def test_successor_notes_say_why(text, shared):
    got = [c for c in _full(text, "2024-05-01") if c.note]
    assert len(got) == 2
    for c in got:
        assert "09/1998/QH10" in c.note and "02/2011/QH13, 25/2018/QH14" in c.note
        assert ("span shared" in c.note) is shared
        assert ("each is named" in c.note) is not shared
