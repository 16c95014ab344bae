"""extract_dates: every date mention, on clean, stripped and OCR'd text."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from unidecode import unidecode

from conftest import corpus_file, corpus_text, f1, gold_docs
from baocao.extractors.dates import _extract as extract_dates_unguarded
from baocao.extractors.dates import extract_dates


def dates_of(text):
    return [d.date for d in extract_dates(text)]


@pytest.mark.parametrize("text, expected", [
    # numeric
    ("ngày 31/5/2024 của UBND", ["2024-05-31"]),
    ("ngày 09/01/2015", ["2015-01-09"]),
    ("ngày 1/6/2020", ["2020-06-01"]),
    ("ngày 15-12-2023", ["2023-12-15"]),
    ("ngày 11.01.2024", ["2024-01-11"]),
    ("Báo cáo số 18/BC-UBND 08/01/2024", ["2024-01-08"]),
    ("ngay13/3/2024 ve", ["2024-03-13"]),
    # written out, stripped, glued, spaced
    ("Song Vân, ngày 11 tháng 01 năm 2024", ["2024-01-11"]),
    ("Song Vân, ngày  11 tháng 01 năm 2024", ["2024-01-11"]),
    ("Binh Duong, ngay24 thang 6 nam 2024", ["2024-06-24"]),
    ("Ha Noi, ngay 5 thang 9 nam 2023", ["2023-09-05"]),
    # lists and ranges sharing month and year
    ("(ngày 16/5 và 22/5/2024)", ["2024-05-16", "2024-05-22"]),
    ("các ngày 16, 22/5/2024", ["2024-05-16", "2024-05-22"]),
    ("từ ngày 20-24/5/2024", ["2024-05-20", "2024-05-24"]),
    ("từ ngày 20 đến 24/5/2024", ["2024-05-20", "2024-05-24"]),
    ("ngày 16/5, 17/5 và 22/5/2024", ["2024-05-16", "2024-05-17", "2024-05-22"]),
    ("ngày 30/4 và 02/5/2024", ["2024-04-30", "2024-05-02"]),
    ("ngày 20 và 21 tháng 5 năm 2024", ["2024-05-20", "2024-05-21"]),
    ("(15/12/2023 - 10/11/2024)", ["2023-12-15", "2024-11-10"]),
    ("từ 10/12/2023 đến 09/5/2024", ["2023-12-10", "2024-05-09"]),
    # month-year
    ("Tháng 5/2024, UBND thị trấn", ["2024-05"]),
    ("dự kiến ban hành đầu tháng 12/2024", ["2024-12"]),
    ("trong tháng 11 năm 2024", ["2024-11"]),
    ("từ 05/2024 đến nay", ["2024-05"]),
    # header date with the day left blank
    ("Phường 4, ngày     tháng 11 năm 2024", ["2024-11"]),
    ("Phường 4, ngày tháng 11 năm 2024", ["2024-11"]),
    ("Phường 4, ngày ... tháng 11 năm 2024", ["2024-11"]),
])
def test_dates(text, expected):
    assert dates_of(text) == expected


@pytest.mark.parametrize("text", [
    "ngày 31/02/2024",                # no such day
    "ngày 12/13/2024",                # no month 13
    "ngày 10/10/1800",                # year out of range
    "Nghị định số 59/2023/NĐ-CP",     # document number
    "Quyết định số 01/2024/QĐ-UBND",  # document number with a month-like number
    "đạt 990/1004 hồ sơ",             # fraction
    "đạt 80,43/100 điểm",             # score
    "giải quyết 22/31 vụ việc",
    "trả lời 04/04 đơn",
    "giải quyết 12/2024 hồ sơ",       # a fraction, not a month
    "nhiệm kỳ 2021-2026",
    "6 tháng đầu năm 2024",
    "ngày 1.234.567 đồng",
    "ngày 05/6, Tháng hành động",     # day and month without year: not a full date
    "Khu 3, 15 hộ",
])
def test_not_dates(text):
    assert dates_of(text) == []


def test_bare_day_needs_ngay_before_the_list():
    # "Khu 3, 22/5/2024": 3 is a place number, not a day of the list
    assert dates_of("Khu 3, 22/5/2024") == ["2024-05-22"]


@pytest.mark.parametrize("text, date", [
    ("ngày 2O/5/2024", "2024-05-20"),
    ("ngày l5/5/2024", "2024-05-15"),
    ("ngay 24 thang 6 nim 2024", "2024-06-24"),
])
def test_ocr_confusions_lower_confidence(text, date):
    ds = extract_dates(text)
    assert [d.date for d in ds] == [date]
    assert ds[0].confidence < 0.9


def test_clean_dates_have_full_confidence():
    ds = extract_dates("ngày 16/5 và 22/5/2024")
    assert ds[1].confidence == 1.0 and 0.8 <= ds[0].confidence < 1.0


def test_spans_and_raw():
    text = "Kế hoạch số 166/KH-UBND ngày 20/3/2024; Song Vân, ngày 11 tháng 01 năm 2024"
    ds = extract_dates(text)
    assert [d.raw for d in ds] == ["20/3/2024", "ngày 11 tháng 01 năm 2024"]
    for d in ds:
        assert text[d.start:d.end] == d.raw


# -- corpus ----------------------------------------------------------------



@pytest.mark.parametrize("variant", ["txt", "ascii"])
def test_corpus_full_dates_match_gold(variant):
    golds = gold_docs()
    assert len(golds) >= 2
    for g in golds:
        text = corpus_file(g["source"]).read_text(encoding="utf-8")
        if variant == "ascii":
            text = unidecode(text)
        pred = {d.date for d in extract_dates(text) if len(d.date) == 10}
        gold = set(g["dates"])
        assert f1(pred, gold) >= 0.98, (g["source"], sorted(pred - gold), sorted(gold - pred))


def test_corpus_header_dates():
    corpus = corpus_text
    assert "2024-11" in dates_of(corpus("001"))        # "ngày tháng 11 năm 2024"
    assert "2024-01-11" in dates_of(corpus("002"))     # "ngày  11 tháng 01 năm 2024"
    assert "2024-06-24" in dates_of(corpus("004"))     # OCR "ngay24 thang 6 nam 2024"


# -- robustness -------------------------------------------------------------

_ALPHABET = list("0123456789/.-, \n\fngaytháàăâmđĐOlI()") + ["ngày ", "tháng ", "năm ", "2024", "/5/", " và "]


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=60).map("".join))
def test_never_raises_spans_in_bounds(text):
    # the unguarded body: the public function's safety net must never be needed
    for d in (extract_dates_unguarded(text) if text else []):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start:d.end] == d.raw
        assert len(d.date) in (7, 10)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_never_raises_on_any_text(text):
    for d in (extract_dates_unguarded(text) if text else []):
        assert text[d.start:d.end] == d.raw
