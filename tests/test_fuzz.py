"""Property-based tests: extractors never crash and spans stay inside the text.

10,000 examples per extractor (random Unicode, Vietnamese-flavoured tokens,
mutated corpus text, very long lines).  Runs in CI; the example count can be
lowered locally with BAOCAO_FUZZ_EXAMPLES.
"""
from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import corpus_text
from baocao.extractors.citations import extract_citations
from baocao.extractors.dates import extract_dates
from baocao.extractors.header import extract_header
from baocao.extractors.statistics import extract_statistics
from baocao.normalizers.normalize import normalize_text

pytestmark = [pytest.mark.xdist_group("fuzz"), pytest.mark.slow]   # 10,000 examples per extractor

N = int(os.environ.get("BAOCAO_FUZZ_EXAMPLES", "10000"))
FUZZ = settings(max_examples=N, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)

CORPUS = "\n".join(corpus_text(s) for s in ("000", "001", "002", "003", "004"))
TOKENS = [
    "Nghị định", "số", "59/2023/NĐ-CP", "NĐ-", "CP", "-KL/TW", "120", "/", "-", "–", " ", "\n", "\f",
    "ngày", "tháng", "năm", "2024", "31/02/2024", "16/5 và 22/5/2024", "từ ngày 20-24/5/2024",
    "hồ sơ", "đơn", "2.948", "98,61%", "990/1004", "không có", "trễ hạn", "Số:", "/BC-UBND",
    "**", "<sup>1</sup>", "Luật", "Hiến pháp năm 2013", "Chỉ thị 30", "ƣ", "Ð", "\u0301", "0" * 30,
    "QĐi", "UBND", "xã", "Khiếu nại:", "Tố cáo:", "lượt", "Tổng", "(", ")", ";", ",", ".",
]

vi_text = st.lists(st.sampled_from(TOKENS), max_size=60).map(" ".join)
random_text = st.text(max_size=400)


@st.composite
def mutated_corpus(draw):
    start = draw(st.integers(0, len(CORPUS) - 1))
    length = draw(st.integers(0, 1500))
    piece = list(CORPUS[start:start + length])
    for _ in range(draw(st.integers(0, 20))):
        if not piece:
            break
        i = draw(st.integers(0, len(piece) - 1))
        op = draw(st.sampled_from(["del", "ins", "swap", "dup"]))
        if op == "del":
            del piece[i]
        elif op == "ins":
            piece.insert(i, draw(st.sampled_from(list("\n\f -–/.,0123456789ĐđƣŨ\u0301*<>"))))
        elif op == "swap" and i + 1 < len(piece):
            piece[i], piece[i + 1] = piece[i + 1], piece[i]
        else:
            piece.insert(i, piece[i])
    return "".join(piece)


long_line = st.integers(1, 40).map(lambda k: ("Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 2.948 hồ sơ " * k * 25))

TEXTS = st.one_of(random_text, vi_text, mutated_corpus(), long_line)


def _check_spans(text, records):
    for r in records:
        assert 0 <= r.start <= r.end <= len(text)
        assert r.raw == text[r.start:r.end]


@FUZZ
@given(TEXTS)
def test_citations_never_crash(text):
    _check_spans(text, extract_citations(text))


@FUZZ
@given(TEXTS)
def test_dates_never_crash(text):
    recs = extract_dates(text)
    _check_spans(text, recs)
    for r in recs:
        assert len(r.date) in (7, 10)


@FUZZ
@given(TEXTS)
def test_statistics_never_crash(text):
    recs = extract_statistics(text)
    _check_spans(text, recs)
    for r in recs:
        assert r.value == r.value  # not NaN


@FUZZ
@given(TEXTS)
def test_header_never_crashes(text):
    h = extract_header(text)
    if h.number_start is not None:
        assert 0 <= h.number_start <= h.number_end <= len(text)


@FUZZ
@given(TEXTS)
def test_normalize_never_crashes(text):
    n = normalize_text(text)
    assert len(n.offsets) == len(n.text) + 1
    assert all(a <= b for a, b in zip(n.offsets, n.offsets[1:]))
