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
def test_whole_document_fold_matches_the_reference(text):
    """Texts of a document's length go through the array table
    (normalizers/fold._ArrayTable), not the dict one: each sample repeated
    past DocumentMemo.MIN_LEN, with characters beyond the BMP and a lone
    surrogate (a file decoded with surrogateescape)."""
    from baocao.normalizers.fold import DocumentMemo

    long = (text + "\n") * (DocumentMemo.MIN_LEN // (len(text) + 1) + 1) + "𝐀𝟏 \U0001F600 \udc80x"
    assert len(long) >= DocumentMemo.MIN_LEN
    assert fold(long) == fold_reference(long)
    assert fold_lower(long) == fold_lower_reference(long)
    assert len(fold(long)) == len(long)


@pytest.mark.parametrize("text", SAMPLES)
def test_diacritic_stats_match_the_character_loop(text):
    fast, ref = diacritic_stats(text), diacritic_stats_reference(text)
    assert {k: fast[k] for k in ref} == ref


@pytest.mark.parametrize("text", SAMPLES)
def test_page_stats_of_a_whole_page_match_the_character_loop(text):
    """A page's length takes the array count (diacritics.char_counts), as above with the
    samples repeated, a character beyond the BMP and a lone surrogate."""
    from collections import Counter

    from baocao.normalizers.diacritics import char_counts

    long = (text + "\n") * (600 // (len(text) + 1) + 1) + "𝐀 \U0001F600 \udc80x"
    assert sorted(char_counts(long)) == sorted(Counter(long).items())
    fast, ref = diacritic_stats(long), diacritic_stats_reference(long)
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


# --------------------------------------------------------------------------- statistics (issue 15, session `stats`)
# Inputs written for these tests: report sentences as Vietnamese commune reports word them,
# the same without marks, with OCR slips (l/1/i, o/0, "€" for "ệ", words run together,
# line breaks and odd spaces inside cues), tables flattened into lines, and seeded random
# mixtures of cue words and separators.

_PROSE = [
    "Trong kỳ, Bộ phận một cửa tiếp nhận 152 hồ sơ (trực tuyến 120 hồ sơ, trực tiếp 32 hồ sơ), "
    "đã giải quyết đúng hạn 148 hồ sơ, trễ hạn 4 hồ sơ; đang giải quyết 6 hồ sơ, trong thời hạn.",
    "Tiếp công dân 12 lượt; tổng số lượt tiếp dân định kỳ 4 lượt. Nhận được 5 đơn khiếu nại, 2 đơn tố cáo, "
    "3 đơn kiến nghị, phản ánh; đã giải quyết, trả lời 9/10 đơn, thư. Tổ chức 3 hội nghị tiếp xúc, đối thoại.",
    "Tỷ lệ thanh toán trực tuyến đạt 45%; hồ sơ nộp qua dịch vụ công trực tuyến toàn trình 80 hồ sơ; "
    "số hóa 70 hồ sơ; chỉ số CCHC đạt 80,43/100 điểm; tỷ lệ hồ nghèo 2,1%; số hộ cận nghèo 31 hộ.",
    "Không có hồ sơ trễ hạn. Không phát sinh đơn khiếu nại, tố cáo. Khiếu nại: không; Tố cáo: 0.",
    "tiep nhan 15 ho so, tiepnhan 3 ho so, tiep\nnhan 4 ho so, tiep\u2028nhan 2 ho so, tiep \t nhan 1 ho so",
    "tra 1oi 4 don, tra l0i 2 don, tlep cong dan 5 luot, giai quyet dut diem 3 vu viec, don,thu 7 don",
    "tong so don thu tiep nhan 9 don; don , thu tiep nhan 2 don; ho so ... truc tuyen 5 ho so",
    "\x1ctiep nhan 3 ho so\x1d giai\x1equyet 2 ho so\x1f; dang\x85xu ly 1 ho so; qua\u00a0han 2 ho so",
]
_DAMAGED = [
    "Tiép nhan 152 hé so, da giai quyét 148 hé so; tré han 4 hé so. Tiép cong dan 12 luyt.",
    "Nhan duyc 5 d€n khi€u nai, 2 d€n té cao; d€n ki€n nghi 3. Hoi nghi d€i thoai 2 cu€c.",
    "t1ep nhan 3 ho s0, g1ai quyet 2 h0 so; kh1eu nai 1 don; €tiep nhan 2 ho so; x€giai quyet 1 ho so",
    "Tong s6 h6 s0 tiep nhan: 88; Dung han 80, Tr€ han 8; dang xu1y 2; ch€m tre 1 ho so",
]


def _random_cue_texts(seed: int, n: int, loose: bool) -> list[str]:
    import random

    from baocao.extractors.metrics_vocab import metrics

    rng = random.Random(seed)
    cues = sorted({c for m in metrics() for c in m.cues})
    words = sorted({w for c in cues for w in c.split()})
    seps = [" ", "  ", "", "\n", ", ", " , ", "\t", "\u2028", "\x1c", ": ", ". ", " 12 ", "(", "-", "€", " ... "]
    slips = {"i": "l1", "o": "0e", "l": "1i", "e": "€", "a": "i", "u": "y", "d": "p"}
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randrange(20, 60)):
            # a whole cue (its words kept together) or a lone word of one
            for w in (rng.choice(cues).split() if rng.random() < 0.5 else [rng.choice(words)]):
                if rng.random() < (0.3 if loose else 0.1):
                    k = rng.randrange(len(w))
                    if w[k] in slips:
                        w = w[:k] + rng.choice(slips[w[k]]) + w[k + 1:]
                parts.append(w)
                parts.append(rng.choice(seps) if rng.random() < 0.3 else " ")
            parts.append(rng.choice(seps))
        out.append("".join(parts))
    return out


def _cue_texts(loose: bool) -> list[str]:
    texts = _PROSE + _DAMAGED + _random_cue_texts(15 + loose, 60, loose)
    return [st.views(t)[2] for t in texts] + texts


@pytest.mark.parametrize("loose", [False, True])
def test_cue_spans_are_what_finditer_gives_for_every_pattern(loose):
    from baocao.extractors.metrics_vocab import cue_index

    idx = cue_index(loose)
    found = 0
    for cv in _cue_texts(loose):
        spans = st._cue_spans(cv, loose)
        for pid, rx in enumerate(idx.patterns):
            ref = [(m.start(), m.end()) for m in rx.finditer(cv) if m.end() > m.start()]
            assert spans[pid] == ref, (rx.pattern, cv[:80])
            found += len(ref)
    assert found > 500   # the texts hold cues: not vacuous


@pytest.mark.parametrize("loose", [False, True])
def test_cue_hits_match_the_reference(loose):
    for cv in _cue_texts(loose):
        fast = [(h.start, h.end, h.m.metric) for h in st._cue_hits(cv, loose)]
        ref = [(h.start, h.end, h.m.metric) for h in st._cue_hits_reference(cv, loose)]
        assert fast == ref, cv[:80]


def test_regex_whitespace_is_within_re_whitespace():
    """The cue keys are found with ``re``'s ``\\s``: it must hold every character of
    ``regex``'s ``\\s`` (the cue patterns' own), so no match is missed."""
    import re
    import sys

    import regex

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert set(regex.findall(r"\s", every)) <= set(re.findall(r"\s", every))


def test_ignorecase_classes_are_regex_classes():
    """numbers._OCR_DIGITISH_RE spells out the classes regex.I gives: every code point."""
    import re
    import sys

    import regex

    from baocao.extractors import numbers as nb

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    for cls in ("a-z0-9", "0-9" + nb._DL + ".,"):
        assert re.findall(nb._ignorecase_class(cls), every) == regex.findall("[" + cls + "]", every, flags=regex.I)


_VIEW_SAMPLES = SAMPLES + _PROSE + _DAMAGED + [
    "Số 1O2 hồ sơ, l5 đơn, 2O24, O,5%, 1.2OO.OOO đồng, İ1 ſ2 K3 ı4, 10i s6 m2 20ha 3km 5kg x1y2 a1 1a",
    "**Tổng số** 12 hồ sơ<sup>1</sup>\n## Mục 2\n# 3 hồ sơ", "abc123def 1O 0l lO Il 1I 1,O 1.O",
]


@pytest.mark.parametrize("text", _VIEW_SAMPLES)
def test_views_match_the_reference(text):
    from baocao.extractors import numbers as nb
    from baocao.extractors import views as vw

    base = nb.base_view(text)
    md = nb._MD.sub(lambda m: " " * len(m.group()), nb.fold_lower(text).replace("\f", "\n").replace("\u0000", " "))
    assert base == md
    assert nb.number_view(text, base) == nb.number_view_reference(text, base)
    assert vw.cue_view(base) == vw.cue_view_reference(base)
    assert vw.cue_view(text) == vw.cue_view_reference(text)
    assert [m.span() for m in nb._WORD_TOKEN.finditer(base)] == [
        m.span() for m in nb._WORD_TOKEN_REFERENCE.finditer(base)]


def test_views_match_the_reference_on_every_code_point():
    import sys

    from baocao.extractors import numbers as nb
    from baocao.extractors import views as vw

    every = "".join(chr(c) for c in range(0x3400) if not 0xD800 <= c < 0xE000)
    mixed = "".join(every[i:i + 7] + " 1O" + every[i + 7:i + 9] + "2l " for i in range(0, len(every), 9))
    for text in (every, mixed, mixed.lower(), "".join(chr(c) for c in range(sys.maxunicode - 5, sys.maxunicode))):
        base = nb.base_view(text)
        assert nb.number_view(text, base) == nb.number_view_reference(text, base)
        assert vw.cue_view(base) == vw.cue_view_reference(base)
        assert [m.span() for m in nb._WORD_TOKEN.finditer(base)] == [
            m.span() for m in nb._WORD_TOKEN_REFERENCE.finditer(base)]


def test_text_quality_matches_the_word_loop():
    import random

    texts = _VIEW_SAMPLES + _random_cue_texts(7, 20, True) + ["", "a", "ab cd", "x1 y_2 z3", "e\u0301 o\u0302 a"]
    rng = random.Random(5)
    for t in list(texts):
        for _ in range(4):
            i = rng.randrange(len(t) + 1)
            texts.append(t[i:i + rng.randrange(1, 120)])
    qualities = set()
    for t in texts:
        assert st.text_quality(t) == st.text_quality_reference(t), t[:60]
        qualities.add(st.text_quality(t))
    assert qualities == {"full", "stripped", "damaged"}


_TABLE = """BIỂU TỔNG HỢP KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH
STT | Lĩnh vực | Số hồ sơ nhận giải quyết | Trong đó | Số hồ sơ đã giải quyết | Trễ hạn
| | | Trực tuyến | Trực tiếp | Tổng | Sớm hạn | Đúng hạn | Trễ hạn
1 Bảo trợ xã hội 72 72 0 72 72 0 0
Chứng thực
2 602 602 0 602 600 0 2
3 Hộ tịch\t120\t\t118\t2\t0
Đất đai, tài nguyên môi trường và xây dựng cơ bản của xã
45 40 5 45 40 5 0

* Tổng số 966 966 0 966 964 0 2
Tỷ lệ 100% 98% 2%
2 Chứng thực 300 290 10 1
Tổng cộng 465 448 15 1
Hộ tịch 1.120 118 12 0
""" + "Dòng rất dài " * 20 + "1 2 3\n12 13 14\n"


def _random_rows(seed: int, n: int) -> str:
    """Table-like lines: a label or not, then numbers of 1 to 5 digits, separators, % now and then."""
    import random

    rng = random.Random(seed)
    lines = []
    for _ in range(n):
        cells = [str(rng.randrange(10 ** rng.randrange(1, 6))) for _ in range(rng.randrange(1, 9))]
        label = rng.choice(["", "Hộ tịch ", "1 Chứng thực ", "* Tổng số ", "Đất đai\t", "- "])
        sep = rng.choice([" ", "  ", " | ", "\t", " : "])
        line = label + sep.join(cells) + rng.choice(["", "", " %", ".", " ghi chú"])
        lines.append(line if rng.random() < 0.9 else line.replace(" ", ""))
        if rng.random() < 0.2:
            lines.append(rng.choice(["", "Chứng thực", "Tổng cộng"]))
    return "Số hồ sơ tiếp nhận, giải quyết\n" + "\n".join(lines) + "\n"


def test_table_rows_match_the_line_by_line_definition():
    from baocao.extractors import stat_tables as tb

    texts = [_TABLE, _TABLE.replace("\n", "\n\n"), _TABLE.lower(), "\n" + _TABLE + "\n", _TABLE[:200]]
    texts += [_TABLE.replace("Chứng thực", "Chứng thực 2024"), "1 2 3\n4 5 6", "Hộ tịch\n1 2 3\n"] + _PROSE
    texts += [_random_rows(seed, 80) for seed in range(5)]
    texts += ["Hồ sơ TTHC\n| Lĩnh vực | Tiếp nhận | Đã giải quyết |\n| Hộ tịch | 300 | 298 |\n   | Đất đai | 2 | 1 |\n"
              "| Chứng thực | 210 |\n| 1 | 2 |\n Hộ tịch | 3 | 4\n"]
    rows = 0
    for t in texts:
        _, nv, cv = st.views(t)
        fast = tb._find_rows(t, nv, cv)
        assert fast == tb._find_rows_reference(t, nv, cv), t[:60]
        rows += len(fast)
    assert rows > 100


# -- citations, units and stamps (issue 15, session `cites`) -----------------------
#
# Each scan below was made faster by saying first what its match must start
# with (a digit, a label's first letter), by leaving out of a pattern the
# alternatives a text cannot match, or by finding the numbers that follow kind
# words before running the pattern near them.  The texts are made from pieces
# (fixed seeds) that put the shapes next to each other in every order, so a
# match the fast scan misses, adds or cuts differently shows as a difference.

import random as _random

_CITE_PIECES = [
    "Nghị quyết số ", "Quyết định ", "Công văn số", "Kế hoạch ", "Chỉ thị ", "CHỈ THỊ SỐ ", "Thông tư liên tịch số ",
    "Kết luận số ", "Báo cáo số: ", "Nghị định", "số", "s6 ", "So ", "66.4/2025/NQ-CP", "3176B/QĐ-SYT",
    "07/2016/TTLT-BYT-BTC-BLĐTBXH", "72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN", "131/CĐ-TTg", "16/CGC.BT",
    "3980/C04-P6", "3380/QĐ- TTPVHCC", "2769/UBND-\nNCKSTTHC", "21-KL/IW", "55/2005/QHI1", "l5/2024/NĐ-CP",
    "120-KL/TW", "59/2023/NĐ-CP", "1515/UBND-NV", "30", " 04", "2024", " 6 tháng", " 02 lần", " này",
    "12", "/", "-", " - ", ".", ",", ":", " ", "  ", "\n", "\f", "Trang 2\n", "- 3 -\n", "**", "<sup>2</sup>",
    "__", "# ", "ngày 14/8/2023", " của Chính phủ", " của Ban Bí thư", " của UBND tỉnh", "(khoá XI)",
    "tháng 5/2024", "Luật Đất đai", " đạt 66.4/100", "I", "l", "O", "x", "A", "lô 12/AB-CD",
    "   hội  nghị", "  nội   dung", " văn bản", " hồ sơ", "%", "Quy định 3  ",
]


def _pieced(seed: int, n: int = 40) -> str:
    rng = _random.Random(seed)
    return "".join(rng.choice(_CITE_PIECES) for _ in range(n))


_CITE_TEXTS = [_pieced(i) for i in range(300)] + [
    "Thực hiện Chỉ thị số 30-CT/TW ngày 18/02/1998 của Bộ Chính trị; Chỉ thị 30 đã được quán triệt.",
    "Nghị quyết năm 2024, Kế hoạch 6 tháng, Báo cáo 02 lần, Nghị định này; Chỉ thị Chỉ thị 5 và Nghị định 04",
    "Công văn số 2769/UBND-\fNCKSTTHC ngày 4/4/2024\f- 2 -\nQuyết định số 12/QĐ-UBND",
]


def test_citation_candidates_match_the_reference_scan():
    from baocao.extractors import citations as ct

    n = 0
    for text in _CITE_TEXTS:
        m = ct.mask(fold(text))
        fast = [(x.span(), x.groupdict()) for x in ct._patterns().cand.finditer(m)]
        assert fast == [(x.span(), x.groupdict()) for x in ct._patterns().cand_reference.finditer(m)], text
        n += len(fast)
    assert n > 300  # the texts are full of numbers: the comparison is not vacuous


def test_mask_leaves_out_only_alternatives_that_cannot_match():
    from baocao.extractors.citations import mask, mask_reference

    changed = 0
    for text in _CITE_TEXTS + [t.replace("\f", "") for t in _CITE_TEXTS[:50]] + ["", "không có gì", "\f", "**\f12\n"]:
        f = fold(text)
        assert mask(f) == mask_reference(f), text
        changed += mask(f) != f
    assert changed > 100


def test_short_forms_found_near_numbers_match_the_whole_scan():
    from baocao.extractors.citations import mask
    from baocao.extractors.resolve import _short_matches, _short_re

    n = 0
    for text in _CITE_TEXTS:
        m = mask(fold(text))
        fast = [(x.span(), x.groupdict()) for x in _short_matches(m)]
        assert fast == [(x.span(), x.groupdict()) for x in _short_re().finditer(m)], text
        n += len(fast)
    assert n > 30


def test_cached_canonical_keys_are_the_computed_ones():
    from baocao.extractors import canonical as cn

    for sym in ("66.4/2025/NQ-CP", "3176b/QĐ-SYT", "2769/UBND-\nNCKSTTHC", "3380/QĐ- TTPVHCC", "21-KL/IW",
                "55/2005/QHI1", "01/HLV", "12/QD-UBND", "NĐCP", "990/1004"):
        for bare in (False, True):
            first = cn.canonicalize(sym, bare=bare)
            assert cn.canonicalize(sym, bare=bare) == first == cn._canonicalize.__wrapped__(sym, bare)
    assert cn.canonicalize(["not", "a", "string"]) == (None, False)   # unhashable: no cache, no error


_STAMP_PIECES = ["Ký bởi: ", "KÝ BỞI : ", "Người ký:", "Cơ quan: ", "các cơ quan: ", "Thời gian ký: ", "Ngày ký:",
                 "Signed by:", "SIGNING TIME :", "ky boi:", "Nguyễn Văn A", "Sở Nội vụ", "24.01.2025 10:15:00 +07:00",
                 "17/06/2022 10:56:26", "+07:00", "a@b.gov.vn", "\n", " ", ":", "K\u212a", "\u017figned by:", "x"]


def test_stamp_labels_match_the_reference_scan():
    from baocao.pipeline.stages.signatures import _LABEL, _LABEL_REFERENCE

    n = 0
    for seed in range(300):
        rng = _random.Random(seed)
        text = "".join(rng.choice(_STAMP_PIECES) for _ in range(30))
        fast = [(x.span(), x.group("label")) for x in _LABEL.finditer(text)]
        assert fast == [(x.span(), x.group("label")) for x in _LABEL_REFERENCE.finditer(text)], text
        n += len(fast)
    assert n > 1000


def test_stamp_gates_never_miss_a_label_or_a_timestamp():
    """split_stamp's colon-first gates (signatures._LABEL_END_REVERSED,
    _CLOCK) find something in every text where the label or timestamp
    pattern matches: the gates only skip texts those patterns cannot match."""
    from baocao.pipeline.stages.signatures import _CLOCK, _LABEL, _LABEL_END_REVERSED, _TIME

    pieces = _STAMP_PIECES + ["\u212aý bởi :", "signing\u00a0time\t:", "KÝ\n\nBỞI\n:", "THỜI GIAN KÝ :",
                              "Nơi nhận:", "như sau:", "05/3/2024 8:05", "1.2.2024T10:15", "10 : 15", "\udc80"]
    hits = 0
    for seed in range(400):
        rng = _random.Random(seed)
        text = "".join(rng.choice(pieces) for _ in range(12))
        if _LABEL.search(text):
            hits += 1
            assert _LABEL_END_REVERSED.search(text[::-1]), text
        if _TIME.search(text):
            hits += 1
            assert _CLOCK.search(text), text
    assert hits > 300


def test_level_words_match_the_reference_scan():
    from baocao.extractors import units as un

    pieces = ["xã ", "Xã", "phường ", "P.", "p.4", "thị trấn", "thi tran ", "TP.", "tp", "huyện ", "quận ", "tỉnh ",
              "thành phố ", "thị xã", "đặc khu ", "Song Vân", "Tân Yên", "4", " ", "\n", ".", "a", "1", "tinhx"]
    n = 0
    for seed in range(200):
        rng = _random.Random(seed)
        f = fold("".join(rng.choice(pieces) for _ in range(30))).lower()
        fast = [x.span(1) for x in un._level_re().finditer(f)]
        assert fast == [x.span(1) for x in un._level_re_reference().finditer(f)], f
        n += len(fast)
    assert n > 1000


def test_cached_unit_keys_are_the_computed_ones():
    from baocao.extractors import admin_units as au

    for name in ("Phường 04", "SONG VÂN", "Song Van", None, "", "Thị trấn  Đông-Hà", "P.4"):
        assert au.key(name) == au.key.__wrapped__(name)
    assert au.key("Phường 04") == "phuong4"


def test_syllable_counts_per_token_match_the_word_loop_on_mixed_texts():
    from baocao.normalizers.vnscore import syllable_counts, syllable_counts_reference

    pieces = ["Cộng", " hòa", "xã", "\u00a0", "\u2028", "\u3000", "\t", "\n", "dân,", "(UBND)", "nhàt", "TTr", "a",
              "Nguyễn", "ngu\u0301", "x²", "\u200b", "ƣu", "Ðà", "—", "1.234", "hồ sơ.", "İ", "ﬁ", "Ⅻ", " "]
    for seed in range(200):
        rng = _random.Random(seed)
        text = "".join(rng.choice(pieces) for _ in range(60))
        assert syllable_counts(text) == syllable_counts_reference(text), text
    for text in _CITE_TEXTS[:50]:
        assert syllable_counts(text) == syllable_counts_reference(text)
    assert syllable_counts("Cộng hòa xã hội chủ nghĩa, UBND, nhàt") == (6, 7)


def test_shared_token_counts_are_the_counts_of_the_text_or_its_prefix():
    """normalizers/tokens.token_counts: ``Counter(text[:limit].split())``, and the
    whole text's counts derived from a prefix's when the prefix was counted first
    (a token running across the cut, a blank on either side of it, Unicode
    blanks, a text of blanks)."""
    from collections import Counter

    from baocao.normalizers import tokens

    pieces = ["Cộng", " hòa", "xã", "\u00a0", "\u2028", "\x1c", "\u3000", "\t", "\n", "dân,", "(UBND)", "12",
              "hồ sơ.", "ngu\u0301", " ", "  ", "x"]
    for seed in range(300):
        rng = _random.Random(seed)
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(200, 400)))
        text = (text * 3)[:tokens.MIN_LEN + rng.randrange(300)]
        if seed % 7 == 0:
            text = " " * len(text)
        assert len(text) >= tokens.MIN_LEN
        limit = rng.randrange(1, len(text) + 40)
        order = [limit, None] if seed % 2 else [None, limit]
        for lim in order + order:
            got = tokens.token_counts(text, lim)
            want = Counter(text[:lim].split())
            assert +got == want, (seed, lim)
    short = "Tiếp nhận 12 hồ sơ"
    assert tokens.token_counts(short, 9) == Counter(short[:9].split())


def test_text_quality_and_syllable_counts_on_one_shared_count():
    """A page's ``vn_score`` and ``text_quality`` of the same text read one token count
    (normalizers/tokens): each still what its word loop gives, on texts longer than
    text_quality's 30 000 characters, cut inside a word and at a blank."""
    from baocao.normalizers.vnscore import syllable_counts, syllable_counts_reference

    unit = "Tiếp nhận 12 hồ sơ, đã giải quyết UBND nhàt Nguyễn; thuc hien nhiem vu. "
    for extra in ("", "x", " ", "ab cd"):
        text = unit * (30000 // len(unit)) + extra + unit * 3
        for k in (0, 1, 2, 5):
            t = text[k:]
            assert len(t) > 30000
            assert st.text_quality(t) == st.text_quality_reference(t)
            assert syllable_counts(t) == syllable_counts_reference(t)


def _normalize_reference(raw: str):
    """normalize_text's chain with every step's offset map built and composed
    (the definition its identity shortcut is checked against)."""
    from baocao.normalizers.normalize import STEPS, apply_pieces

    text, offsets, repairs = raw, list(range(len(raw) + 1)), []
    for _, step in STEPS:
        res = step(text)
        if res is None:
            continue
        new, local = apply_pieces(text, res[0])
        if new == text:
            continue
        offsets = [offsets[i] for i in local]
        text = new
        repairs += [n for n in res[1] if n not in repairs]
    return text, repairs, offsets


@pytest.mark.parametrize("raw", [
    "UỶ BAN NHÂN DÂN\nC NG H A X  H I CH  NGH A VI T NAM\nĐộc lập",          # caps: same length
    "ƣu tiên Ðà Nẵng\u00a0x \u200bzero-width\u00ad soft",                     # glyphs: some deleted
    unicodedata.normalize("NFD", "Cộng hòa xã hội") + " a\u0301\u0302",     # nfc: shorter
    "UBND PHƯỜNG BÉÊN THÀNH, GIÁAM ĐỐC SỞ",                                 # doubled vowels: shorter
    "Céng hoµ x· héi chñ nghÜa ViÖt Nam\nUû ban nh©n d©n",                   # TCVN3
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam\nUÛy ban nhaân daân",          # VNI
    "Số 12 ƣu\u00a0tiên\nC NG H A X  H I CH  NGH A\nBÉÊN " + unicodedata.normalize("NFD", "hội"),
    "plain ASCII text, nothing to repair",
    "",
])
def test_normalize_offsets_match_the_composed_maps(raw):
    from baocao.normalizers.normalize import normalize_text

    n = normalize_text(raw)
    assert (n.text, n.repairs, n.offsets) == _normalize_reference(raw)


_REPAIR_PIECES = ["BÉÊN", "GIÁAM", "TÏỈNH", "lưu", "cứu", "viée", "aaa", "AaAa", "ooo ", "Iı", "İi", "iİ",
                  "ıI", "ſ", "\u212a", "uU", "yY", "  ", " ", "\n", "\t", "CH  NG", "A B", "aA B", "Đ Ư", "Σ Ж",
                  "𝐀 𝐁", "x\udc80", "Cộng hòa", "NGHĨA", "1.234", "ee", "E", "e", "\u00a0", "ỦY BAN", "é"]


def _repair_texts(n: int, seed: int, length: int = 200):
    rng = _random.Random(seed)
    return ["".join(rng.choice(_REPAIR_PIECES) for _ in range(length)) for _ in range(n)]


def test_doubled_vowel_cues_are_what_finditer_gives():
    """normalizers.repair._double_cue_starts: str.find on the lower-cased fold, or the
    pattern when a character regex.I relates to an ASCII letter is there."""
    from baocao.normalizers import repair
    from baocao.normalizers.fold import fold

    texts = _repair_texts(300, 11, 60) + ["aaaa", "AAA", "aAaA", "ıIii", "", "a", "İİ", "yyyyy"]
    for t in texts + [fold(t) for t in texts if "\udc80" not in t]:
        assert repair._double_cue_starts(t) == [m.start() for m in repair._DOUBLE_CUE.finditer(t)], t


def test_doubled_vowel_cue_characters_over_every_code_point():
    """What _double_cue_starts relies on: regex.I's [aeiouy] is the ASCII vowels and
    characters of _CASE_RELATED; only U+0130 lower-cases to more than one character;
    only ASCII vowels lower-case to one; and an ASCII vowel's backreference is the
    same letter or a character of _CASE_RELATED (here over the first 0x3000 code
    points and the Kelvin sign; every code point in the slow lane)."""
    import sys

    import regex

    from baocao.normalizers import repair

    every = [chr(c) for c in range(sys.maxunicode + 1)]
    cls = set(regex.findall(r"[aeiouy]", "".join(every), flags=regex.I))
    assert cls - set("aeiouyAEIOUY") <= set(repair._CASE_RELATED)
    assert [c for c in every if len(c.lower()) != 1] == ["\u0130"]
    assert {c for c in every if c.lower() in set("aeiouy")} == set("aeiouyAEIOUY")
    _check_vowel_backreferences(every[:0x3000] + ["\u212a"])


def _check_vowel_backreferences(chars):
    from baocao.normalizers import repair

    for v in "aeiouyAEIOUY":
        s = "\n".join(v + c for c in chars)
        got = {m.group()[1] for m in repair._DOUBLE_CUE.finditer(s)}
        assert got - {v.lower(), v.upper()} <= set(repair._CASE_RELATED), v


@pytest.mark.slow
def test_doubled_vowel_backreferences_over_every_code_point():
    import sys

    _check_vowel_backreferences([chr(c) for c in range(sys.maxunicode + 1)])


def test_caps_cue_lines_are_those_finditer_gives():
    """normalizers.repair._caps_cue_starts: every start of _CAPS_CUE's finditer, only
    places where the pattern matches, in order, so repair_caps looks at the same
    lines (capitals of other scripts and beyond the BMP, a letter before, a
    lone surrogate, tabs, line starts)."""
    from baocao.normalizers import repair

    def lines(starts, t):
        out = []
        for p in starts:
            s = t.rfind("\n", 0, p) + 1
            if not out or out[-1] != s:
                out.append(s)
        return out

    texts = _repair_texts(120, 12, 300) + ["A B" * 300, " " * 600, "A" + " B" * 400, "aA B" * 200]
    for t in texts:
        assert len(t) >= 512
        got = repair._caps_cue_starts(t)
        want = [m.start() for m in repair._CAPS_CUE.finditer(t)]
        assert set(want) <= set(got) and got == sorted(got)
        assert all(repair._CAPS_CUE.match(t, p) for p in got)
        assert lines(got, t) == lines(want, t)


def test_repairs_through_the_cue_shortcuts_give_what_the_scans_give(monkeypatch):
    """repair_doubled_vowels and repair_caps with the cue shortcuts and with the
    plain scans (the definitions), on texts that need them (BÉÊN, GIÁAM, dropped
    capitals) and texts that do not."""
    from baocao.normalizers import repair

    texts = _repair_texts(80, 13) + [
        ("UBND PHƯỜNG BÉÊN THÀNH\nCỘNG HÒA XÃ HỘI CH  NG Ĩ  VIỆT NAM\nKT. CH  TỊCH GIÁAM ĐỐC " * 20),
        ("Nghiên cứu, lưu trữ hồ sơ; viée thuc hién nhiém vu. " * 20)]
    fast = [(repair.repair_doubled_vowels(t), repair.repair_caps(t)) for t in texts]
    monkeypatch.setattr(repair, "_double_cue_starts",
                        lambda f: [m.start() for m in repair._DOUBLE_CUE.finditer(f)])
    monkeypatch.setattr(repair, "_caps_cue_starts", lambda t: [m.start() for m in repair._CAPS_CUE.finditer(t)])
    slow = [(repair.repair_doubled_vowels(t), repair.repair_caps(t)) for t in texts]
    assert fast == slow
    assert any(f[0] for f in fast) and any(f[1] for f in fast) and any(f == (None, None) for f in fast)


def test_number_words_are_the_reference_matches():
    """numbers._WORD_TOKEN (each word's look-behind after its first letter) finds what
    the plain pattern finds: number words alone, at the text's start, after a letter
    or a digit (khai, thai, 2hai), inside longer words, before a blank and a letter
    or %, or not."""
    from baocao.extractors import numbers as nb

    words = list(nb.WORD_NUMBERS) + ["k", "t", "2", "x", "c", "bayy", "muo", "chinh"]
    gaps = [" ", "  ", "\t", "\n", "", ",", " %", " 5", "-", "\n\n"]
    texts = ["hai hồ sơ", "khai báo ba đơn", "2hai lần", "ba\tđơn", "muoi %", "bay\n\nngày"]
    for seed in range(200):
        rng = _random.Random(seed)
        texts.append("".join(rng.choice(words) + rng.choice(gaps) for _ in range(30)))
    found = 0
    for t in texts:
        base = st.views(t)[0] if t else t
        for v in (t, base):
            got = [m.span() for m in nb._WORD_TOKEN.finditer(v)]
            assert got == [m.span() for m in nb._WORD_TOKEN_REFERENCE.finditer(v)], v
            found += len(got)
    assert found > 100


def test_unit_mentions_on_fold_lower_are_those_on_the_lowered_fold(monkeypatch):
    """units.mentions reads fold_lower(text) (shared with the statistics views) where it
    read fold(text).lower(): the same mentions, on texts with the characters the two
    could differ by (a final sigma, İ, ı, capitals of other scripts) next to level words."""
    from baocao.extractors import units
    from baocao.normalizers import fold as fd

    pieces = ["huyện", "Huyện", "tỉnh", "Tỉnh", "thành phố", "TP.", "quận", "Q.", "xã", "phường", "thị trấn",
              "Thanh Miện", "Hải Dương", "Hà Nội", "Đà Nẵng", "4", "ΟΔΟΣ", "Σ", "İ", "ı", "Σ ", "ς", "\n", " ",
              ", ", "Ủy ban", "KİM", "Ninh Bình", "Gia Lâm", "Bình Dương"]
    texts = []
    for seed in range(60):
        rng = _random.Random(seed)
        texts.append(" ".join(rng.choice(pieces) for _ in range(rng.choice([20, 300]))))
    fast = [units.mentions(t, known=units._known_keys(), levels=units._CONTEXT_LEVELS) for t in texts]
    fast += [units.mentions(t) for t in texts[:20]]
    monkeypatch.setattr(units, "fold_lower", lambda t: fd.fold(t).lower())
    slow = [units.mentions(t, known=units._known_keys(), levels=units._CONTEXT_LEVELS) for t in texts]
    slow += [units.mentions(t) for t in texts[:20]]
    assert fast == slow and sum(map(len, fast)) > 50
    _check_fold_lower_is_lowered_fold("".join(chr(c) for c in range(0x3000)))


def _check_fold_lower_is_lowered_fold(chars: str):
    """No character folds to Σ (whose lower case looks at its neighbours) or İ (whose
    lower case is two characters): fold_lower is fold(...).lower(), character for character."""
    from baocao.normalizers import fold as fd

    f = fd.fold(chars)
    assert "\u03a3" not in f and "\u0130" not in f
    assert fd.fold_lower(chars) == f.lower()


@pytest.mark.slow
def test_fold_lower_is_the_lowered_fold_on_every_code_point():
    import sys

    _check_fold_lower_is_lowered_fold("".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000))


def test_fix_digits_per_run_matches_the_whole_text_pattern():
    """header._fix_digits runs its pattern only over the runs of digits and
    misread digits that mix both kinds; the whole-text pattern is the reference."""
    import random

    from baocao.extractors.header import _fix_digits, _fix_digits_reference

    texts = ["ngay 2o tháng O1 năm 2O24, so 1l/BC", "l1 Il 1I oo 0o O 10lO1 a1o b2O2 2024a o2024 12345o",
             "Q1O Số: 0l/QĐ-UBND\n2o24-", "", "1", "o", "ab1o", "1oa"]
    rnd = random.Random(15)
    alphabet = "0123456789OolIaAx .-/\n"
    texts += ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 24))) for _ in range(20000)]
    for t in texts:
        assert _fix_digits(t) == _fix_digits_reference(t), t


def test_agency_heads_by_first_word_match_the_linear_scan():
    """header._agency_head tries only the heads whose first word opens the line;
    the scan of the whole list (longest first) is the reference."""
    from baocao.extractors import header as h
    from baocao.normalizers.fold import fold

    def reference(line):
        c = h.cues()
        up = " " + " ".join(line.upper().split()) + " "
        plain = not h._marked(up)
        exact = None
        for phrase, shown, place in c.agency:
            if up.startswith(" " + (fold(phrase).upper() if plain else phrase) + " "):
                exact = phrase, shown, place
                break
        if not plain and h._mostly_caps(line):
            fup = fold(up).upper()
            for phrase, shown, place in c.agency:
                if exact and len(phrase) <= len(exact[0]):
                    break
                if " " not in phrase and phrase not in c.agency_fold:
                    continue
                if fup.startswith(" " + fold(phrase).upper() + " "):
                    return phrase, shown, place
        return exact

    lines = ["", "  ", "SƠ GIÁO DỤC VÀ ĐÀO TẠO", "BAN QUẦN LÝ DỰ ÁN", "ĐẠI HỘI ĐẠI BIỂU", "Sở Tài chính"]
    for phrase, _, _ in h.cues().agency:
        words = phrase.split()
        lines += [phrase, phrase + " TỈNH LÂM ĐỒNG", fold(phrase), fold(phrase) + " X", phrase.title(),
                  "  " + "  ".join(words) + "  ", " ".join(words[:-1]), phrase.replace("Ở", "Ơ") + " Y TẾ",
                  "**" + phrase + "**"]
    for line in lines:
        assert h._agency_head(line) == reference(line), line


def _laws_reference():
    """``laws.laws()`` as built on every call before it was kept per reading of the table."""
    from baocao.extractors import laws as lw

    out = []
    for r in lw.LAWS_TABLE.rows():
        def g(k):
            return (r.get(k) or "").strip() or None
        out.append((lw.Law(g("number"), g("kind") or "Luật", g("name") or "", g("adopted"), g("effective"),
                           lw._split(g("replaces")), lw._split(g("amends")), g("source")),
                    lw._split(g("aliases"))))
    return tuple(out)


def test_laws_are_built_once_per_reading_and_equal_the_reference():
    from baocao.extractors import laws as lw

    first = lw.laws()
    assert first == _laws_reference()
    assert lw.laws() is first          # not rebuilt per call (successors asks per mention)
    lw._LAWS_BUILT[0] = None           # as after an edit of the table: built again
    assert lw.laws() == first and lw.laws() is not first


def test_replacing_index_is_the_scan_it_replaced():
    from baocao.extractors import laws as lw

    rows = [v for v, _ in lw.laws()]
    keys = {k for v in rows for k in v.replaces} | {v.key for v in rows if v.key} | {"1/2099/QH99"}
    index = lw._replacing()
    assert any(len(v) >= 2 for v in index.values())   # a law replaced by several (split in 2011)
    for k in keys:
        assert index.get(k, []) == [v for v in rows if k in v.replaces]


COMPOUND_SAMPLES = [
    "đã tiếp nhận hai mươi lăm hồ sơ, mười hai đơn và ba mươi  vụ việc",
    "mười năm qua; bảy mươi\tsáu hộ; chín mươi % số xã",
    "tiếp nhận 25 hồ sơ, giải quyết 20 hồ sơ (đạt 80%)",     # no compound word: the scan is skipped
    "hai mươi",                                              # at the end: no word after it
    "",
]


@pytest.mark.parametrize("text", COMPOUND_SAMPLES)
def test_number_words_without_muoi_skip_the_compound_scan(text, monkeypatch):
    """``numbers.find_numbers`` looks for compound number words only in a view
    holding ``muoi``; the same tokens as the scan of every view (witness "")."""
    from baocao.extractors import numbers as nb

    view = st.views(text)[1]
    fast = nb.find_numbers(view, original=text)
    assert all("muoi" in m.group() for m in nb._WORD_COMPOUND.finditer(view))
    monkeypatch.setattr(nb, "_COMPOUND_WITNESS", "")
    assert nb.find_numbers(view, original=text) == fast
