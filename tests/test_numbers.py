"""Vietnamese number reading (extractors.numbers)."""
from __future__ import annotations

import pytest

from baocao.extractors.numbers import (
    base_view, blocked_by_preceding_word, exclusion_spans, find_numbers, looks_like_year,
    number_view, parse_vn_number,
)


@pytest.mark.parametrize("raw, percent, value", [
    ("2.948", False, 2948),            # thousands dot
    ("534.214.000", False, 534214000),
    ("1.985", False, 1985),
    ("98,61", True, 98.61),            # decimal comma
    ("516,16", False, 516.16),
    ("94.28", True, 94.28),            # decimal dot in a percentage
    ("3.84", False, 3.84),             # dot not followed by a group of three: decimal
    ("0.7", True, 0.7),
    ("04", False, 4),                  # leading zero
    ("0", False, 0),
    ("1.234,5", False, 1234.5),        # both separators
    ("1,234,567", False, 1234567),     # English thousands (several commas)
])
def test_parse_vn_number(raw, percent, value):
    assert parse_vn_number(raw, percent=percent) == pytest.approx(value)


@pytest.mark.parametrize("raw", ["", "abc", "1.2.3.4.", ".5", "12a", "1.23.4"])
def test_parse_rejects_non_numbers(raw):
    assert parse_vn_number(raw) is None


def _numbers(text):
    nv = number_view(text)
    return [(t.text, t.value) for t in find_numbers(nv, original=text)]


@pytest.mark.parametrize("text, expected", [
    ("Đã tiếp nhận 2.948 hồ sơ", [("2.948", 2948)]),
    ("đạt 98,61% (990/1004 hồ sơ)", [("98,61", 98.61), ("990", 990)]),   # the whole is read by the caller
    ("đạt tỷ lệ 94.28% và giảm 0.7 %", [("94.28", 94.28), ("0.7", 0.7)]),
    ("diện tích 516,16ha", [("516,16", 516.16)]),                       # unit glued to the number
    ("trả 10i bằng văn bản", []),                                       # OCR "lời": not a number
    ("Nghị định số145/2020", []),                                       # glued to a word
    ("tổ chức hai buổi đối thoại", [("hai", 2)]),                       # number word (a candidate)
])
def test_find_numbers(text, expected):
    got = _numbers(text)
    assert [(a, pytest.approx(b)) for a, b in expected] == got


@pytest.mark.parametrize("text, value", [
    ("tiếp nhận 1O2 hồ sơ", 102),     # O for 0 inside a digit run
    ("tiếp nhận l5 hồ sơ", 15),       # l for 1
])
def test_ocr_digit_repair(text, value):
    toks = find_numbers(number_view(text), original=text)
    assert len(toks) == 1 and toks[0].value == value and toks[0].ocr_fixed


def test_number_view_keeps_length_and_blanks_markdown():
    text = "**Đã tiếp nhận** 2.948 hồ sơ<sup>1</sup>\n## Mục"
    v = base_view(text)
    assert len(v) == len(text)
    assert "**" not in v and "sup" not in v and "1" not in v[v.index("so"):]
    assert len(number_view(text)) == len(text)


def _excluded_values(text):
    nv = number_view(text)
    spans = exclusion_spans(nv)
    out = []
    for t in find_numbers(nv, words=False):
        if any(s < t.end and t.start < e for s, e, _ in spans):
            out.append(t.text)
    return out


@pytest.mark.parametrize("text, excluded, kind", [
    ("ngày 14/8/2023 của Chính phủ", ["14"], "date"),
    ("tháng 12/2024", ["12"], "date"),
    ("từ ngày 20-24/5/2024", ["20"], "date"),
    ("(ngày 16/5 và 22/5/2024)", ["16", "22"], "date"),
    ("Nghị định số 59/2023/NĐ-CP", ["59"], "docnum"),
    ("Kế hoạch 166/KH-UBND ngày", ["166"], "docnum"),
    ("Chỉ thị 30-CT/TW", ["30"], "docnum"),
    ("Quyết định số 99- QĐ/TW", ["99"], "docnum"),
    ("Sb: 78 /BC-UBND", ["78"], "docnum"),
    ("1. Công tác lãnh đạo", ["1"], "list"),
    ("1.2. Kết quả thực hiện", ["1.2"], "list"),
    ("(1) (2) (3) (4)", ["1", "2", "3", "4"], "list"),
])
def test_exclusions(text, excluded, kind):
    assert _excluded_values(text) == excluded


@pytest.mark.parametrize("text", [
    "đã giải quyết 22/31 vụ việc", "giải quyết, trả lời 04/04 đơn", "Tổng số: 31 đơn/31 vụ việc",
    "đạt 98,61% (990/1004 hồ sơ)",
])
def test_fractions_are_not_excluded(text):
    assert _excluded_values(text) == []


@pytest.mark.parametrize("text, blocked", [
    ("căn cứ khoản 2 Điều 11 Luật Khiếu nại", True),
    ("xếp hạng thứ 13/17 xã", True),
    ("trên địa bàn Phường 4", True),
    ("dịch vụ công mức độ 3", True),
    ("tiếp nhận 12 hồ sơ", False),
    ("tổng số 120 hồ sơ", False),
])
def test_blocking_words(text, blocked):
    cv = base_view(text)
    tok = [t for t in find_numbers(number_view(text), words=False)][0]
    assert blocked_by_preceding_word(cv, tok.start) is blocked


def test_years():
    toks = find_numbers(number_view("năm 2024 có 1004 hồ sơ"), words=False)
    assert [looks_like_year(t) for t in toks] == [True, False]
