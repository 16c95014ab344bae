"""The fast paths (issue 15) give exactly what the reference definitions give.

``fold``/``fold_lower`` run through ``str.translate`` tables, ``diacritic_stats``
counts per distinct character, a document's stats are the sum of its pages',
and statistics cues whose required literals are absent are not run.  Each is
compared here with the slow definition it replaced, on small hand-written
texts that mix the characters the fast paths could get wrong.
"""
from __future__ import annotations

import unicodedata

import pytest

from baocao.extractors import statistics as st
from baocao.extractors.metrics_vocab import cue_literals, cue_patterns, fold_lower, fold_lower_reference
from baocao.normalizers.diacritics import diacritic_stats, diacritic_stats_reference, merge_stats
from baocao.normalizers.fold import fold, fold_reference

SAMPLES = [
    "UỶ BAN NHÂN DÂN XÃ HÒA BÌNH\nSố: 12/BC-UBND, ngày 05 tháng 3 năm 2024",
    "Tiếp nhận 1.234 hồ sơ, đã giải quyết 1.200 hồ sơ (đạt 97,2%); trễ hạn 3 hồ sơ.",
    unicodedata.normalize("NFD", "Cộng hòa xã hội chủ nghĩa Việt Nam — Độc lập"),
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam",          # TCVN3 read as Latin-1
    "ƣu tiên Ðà Nẵng\u00a0\u202f\u2009x²³ ½ Ⅻ İstanbul ß ﬁ emoji 🙂 \x1c\x1f\u2028",
    "Tra 10i đơn thư s6 lượng: 0; khong co don khieu nai, to cao",
    "",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_fold_views_match_the_reference(text):
    assert fold(text) == fold_reference(text)
    assert len(fold(text)) == len(text)
    assert fold_lower(text) == fold_lower_reference(text)


@pytest.mark.parametrize("text", SAMPLES)
def test_diacritic_stats_match_the_character_loop(text):
    fast, ref = diacritic_stats(text), diacritic_stats_reference(text)
    assert {k: fast[k] for k in ref} == ref


def test_document_stats_are_the_sum_of_page_stats():
    pages = SAMPLES[:5]
    assert merge_stats([diacritic_stats(p) for p in pages]) == diacritic_stats("\f".join(pages))


def _all_cue_hits(cv: str, loose: bool):
    return sorted((mm.start(), mm.end(), m.metric) for rx, m, _ in cue_patterns(loose) for mm in rx.finditer(cv))


@pytest.mark.parametrize("loose", [False, True])
def test_cue_prefilter_skips_only_cues_that_cannot_match(loose):
    text = ("Trong kỳ, Bộ phận một cửa tiếp nhận 152 hồ sơ (trực tuyến 120 hồ sơ), giải quyết đúng hạn "
            "148 hồ sơ, trễ hạn 4 hồ sơ. Tiếp công dân 12 lượt; nhận được 5 đơn khiếu nại, 2 đơn tố cáo, "
            "tổ chức 3 hội nghị đối thoại. Tỷ lệ thanh toán trực tuyến đạt 45%.")
    cv = st.views(text)[2]
    for (rx, _, phrase), lits in zip(cue_patterns(loose), cue_literals(loose)):
        if not all(lit in cv for lit in lits):
            assert rx.search(cv) is None, phrase
    kept = {(h.start, h.end, h.m.metric) for h in st._cue_hits(cv, loose)}
    assert kept <= set(_all_cue_hits(cv, loose))
    assert kept  # the text has cues: the test is not vacuous


@pytest.mark.parametrize("text", SAMPLES)
def test_syllable_counts_per_distinct_word_match_the_word_loop(text):
    from baocao.normalizers.vnscore import syllable_counts, syllable_counts_reference

    doubled = (text + "\n") * 3 + "UBND TTr nhàt Nguyễn"
    assert syllable_counts(doubled) == syllable_counts_reference(doubled)


def test_document_memo_gives_what_the_function_gives():
    """Long texts are folded once and shared; the memo never mixes two texts."""
    from baocao.normalizers.fold import DocumentMemo

    long_a = "Tiếp nhận 12 hồ sơ. " * 60
    long_b = long_a[:-1] + "!"
    assert len(long_a) >= DocumentMemo.MIN_LEN
    assert fold(long_a) == fold_reference(long_a) and fold(long_b) == fold_reference(long_b)
    assert fold_lower(long_b) == fold_lower_reference(long_b)
    assert fold(long_a) is fold(long_a)          # made once
    for i in range(10):                           # more texts than the memo keeps
        t = long_a + str(i)
        assert fold(t) == fold_reference(t)
    from baocao.extractors import views as vw

    assert vw.views(long_a) == vw._views(long_a) and vw.views(long_a) is vw.views(long_a)
    assert fold(long_a) == fold_reference(long_a)


def test_record_rows_are_what_asdict_gives():
    from dataclasses import asdict

    from baocao.extractors.models import Citation, DateMention, Statistic

    for r in (Citation(key="12/2024/NĐ-CP", kind="Nghị định", raw="Nghị định số 12/2024/NĐ-CP", start=3, end=29,
                       date="2024-02-01", confidence=0.98),
              DateMention(date="2024-03-05", raw="ngày 05 tháng 3 năm 2024", start=40, end=64),
              Statistic(metric="dossiers_received", value=152.0, raw="tiếp nhận 152 hồ sơ", start=70, end=89,
                        unit="hồ sơ", scope="6 tháng đầu năm 2024", confidence=0.9)):
        assert r.as_row() == asdict(r) and list(r.as_row()) == list(asdict(r))
