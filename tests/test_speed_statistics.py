"""The statistics extractor's fast scans (issue 15, session `stats`) give what their
reference definitions give.

Each scan below was made faster without changing what it finds: the line-start
patterns of the exclusions and the Markdown heading marks found as a line break
then the pattern, the cue keys found in one zero-width ``re`` pass over a tree
of their letters, the period phrases read by ``re`` with ``regex``'s ``\\d`` and
``\\s`` spelled out, OCR words found from their digits, the number view left as
it is when no digit-like letter touches a digit, and the words of the text
quality counted once per distinct token.  Each is compared with its reference
on the sample archive's report texts, on hand-written report lines, and on
seeded mixtures of the characters each fast path could get wrong (line breaks of
every kind, ``O``/``o``/``l``/``I`` next to digits, Markdown marks, ``€``).
"""
from __future__ import annotations

import random
import re
import sys
from pathlib import Path

import pytest
import regex

from baocao.extractors import numbers as nb
from baocao.extractors import statistics as st
from baocao.extractors import views as vw

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))] + [
    (ROOT / "tests" / "data" / "bao_cao_xa_dai_thanh.txt").read_text(encoding="utf-8")]
EVERY = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)

_LINES = [
    "1. Kết quả tiếp nhận hồ sơ\n1.2. Trong đó: 12 hồ sơ\n  2) đã giải quyết 10 hồ sơ\n(3) trễ hạn 2 hồ sơ",
    "- 1.2.3.4. mục\n> 3. trích dẫn\n* 4) gạch\n12, tổ dân phố\n 7, thôn 3\n1.\n2)\t\n3.x",
    "Ngày 14/8/2023, từ 02/8 đến 10/11, tháng 12/2024, 20-24/5/2024, 05.03.2024, 1 - 2 / 3 / 2024",
    "Nghị định 59/2023/NĐ-CP, Kế hoạch 166/KH-UBND, 78 /BC-UBND, 30-CT/TW, 218- -QD/TW, 39-\nNQ/TW, 12/2024/",
    "Cột (1) (2) (3)\t(4); (5)(6) số (7)",
    "## Mục 2\n# 3 hồ sơ\n  ### Tiêu đề\n####### bảy\n#không\n**Tổng số** 12 hồ sơ<sup>1</sup> <sup>**</sup>\n**#",
]
_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x85", "\u2028", "\u2029", " ", "\t", ""]
_PIECES = ["1.", "1.2.", "2)", "(1)", "(2) ", "12,", " 7, thôn", "- ", "> ", "* ", "14/8/2023", "12/2024", "ngày 16/5",
           "59/2023/ND-CP", "166/KH-UBND", "30-CT/TW", "78 /BC", "3.84", "1.234", "22/31", "# ", "## ", "**", "*",
           "<sup>2</sup>", "<sup>", "quý II/2024", "6 tháng đầu năm 2024", "năm 2023", "tháng 5/2024", "từ đầu năm",
           "Quý 3 năm 2024", "9 tháng cuối năm", "năm\u00a02024", "năm\x1c2024", "năm 2024-2025", "tu dau nam den nay",
           "co6", "so145/20", "O,5", "1O2", "l5", "2O24", "1.2OO", "10i", "s6", "x1y2", "Il", "1I", "1Ox", "2lx", "3.Ix", "İ1", "ı4", "ſ2",
           "tra 1oi", "tiep nhan", "giai quyet", "€", "đơn", "hồ sơ", "12", "٣", "𝟐", "a", "x",
           "trong đó:", "trong do", "trong d6", "bao gồm:", "gồm", "gom;", "agom", "cụ thể là:", "cu the",
           ";", ".", ",", ":", "!", "?", "a)", "+", "•", "- 1.2)"]


def _mixtures(seed: int, n: int, length: int = 60) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(length):
            parts.append(rng.choice(_PIECES))
            parts.append(rng.choice(_BREAKS) if rng.random() < 0.4 else " ")
        out.append("".join(parts))
    return out


TEXTS = REPORTS + _LINES + _mixtures(1, 150)
TEXTS += [t.upper() for t in _LINES] + [t.replace("\n", "\r\n") for t in REPORTS[:2]]


def test_the_texts_have_what_the_fast_paths_look_for():
    joined = "".join(TEXTS)
    for piece in ("\n1.", "\n#", "**", "<sup>", "\u2028", "\x85", "1O", "co6", "năm 2024"):
        assert piece in joined, piece
    assert len(REPORTS) >= 5


def test_multiline_start_is_only_after_a_line_feed():
    """``regex``'s ``(?m)^`` (no WORD flag) matches at the start and after "\\n" only: the
    fast exclusion and heading scans look only there."""
    text = "".join("x" + c + "1" for c in EVERY)
    starts = [m.start() for m in regex.finditer(r"(?m)^1", text)]
    assert starts == [m.start() + 1 for m in re.finditer("\n1", text)]


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_exclusion_spans_are_every_patterns_finditer(i):
    nv = st.views(TEXTS[i])[1]
    assert nb.exclusion_spans(nv) == nb.exclusion_spans_reference(nv)


def test_exclusion_spans_are_not_vacuous():
    kinds = {k for t in TEXTS for _, _, k in nb.exclusion_spans(st.views(t)[1])}
    assert kinds == {"date", "docnum", "list"}
    lists = sum(k == "list" for t in TEXTS for _, _, k in nb.exclusion_spans(st.views(t)[1]))
    assert lists > 100


@pytest.mark.parametrize("i", range(len(TEXTS)))
def test_views_are_their_references(i):
    text = TEXTS[i]
    base = nb.base_view(text)
    assert base == nb.base_view_reference(text)
    assert nb.number_view(text, base) == nb.number_view_reference(text, base)
    assert nb._repairs_somewhere(base) == (nb.number_view_reference(text, base) != base)
    assert vw.cue_view(base) == vw.cue_view_reference(base)


def test_view_fast_paths_are_taken_and_not_taken():
    """Both sides of each shortcut occur: texts whose number view is the base view
    as it is (no digit-like letter touches a digit), and texts where it is not."""
    same = changed = marked = 0
    for text in TEXTS:
        base = nb.base_view(text)
        nv = nb.number_view(text, base)
        same += nv is base
        changed += nv != base
        marked += base != nb.fold_lower(text)
    assert same > 3 and changed > 50 and marked > 50


def test_regex_digit_and_space_classes_on_every_code_point():
    assert re.findall(st._REGEX_DIGIT, EVERY) == regex.findall(r"\d", EVERY)
    assert re.findall(st._REGEX_SPACE, EVERY) == regex.findall(r"\s", EVERY)


def test_periods_are_what_regex_finds():
    n = 0
    for text in TEXTS:
        base = st.views(text)[0]
        fast = [m.span() for m in st._PERIOD_RE.finditer(base)]
        assert fast == [m.span() for m in st._PERIOD.finditer(base)], text[:80]
        n += len(fast)
    assert n > 100


def test_text_quality_counts_per_token_are_the_word_loop():
    assert not any(st._CHAR_KINDS[ord(c)] != " " for c in EVERY if c.isspace())   # a blank is no word character
    texts = TEXTS + [t[:200] for t in TEXTS] + [st.views(t)[0] for t in REPORTS]
    seen = set()
    for _ in range(2):          # counts computed, then counts kept
        for t in texts:
            q = st.text_quality(t)
            assert q == st.text_quality_reference(t), t[:60]
            seen.add(q)
    assert seen == {"full", "stripped", "damaged"}


@pytest.mark.parametrize("loose", [False, True])
def test_cue_key_scan_gives_the_longest_first_word_at_each_start(loose):
    """The zero-width key scan finds the word starts where a key matches, and there
    the longest first word (what the flat longest-first alternation gives)."""
    from baocao.extractors.metrics_vocab import cue_index

    found = 0
    for reads, scan, by_anchor in cue_index(loose).keyed:
        coarse = ("\u20ac", "E") in reads      # the loose view: its "E" letter class is [.E]
        firsts = sorted(by_anchor, key=lambda a: (-len(a), a))
        flat = re.compile(r"(?<![a-z0-9])(?:" + "|".join(
            a.replace(st._E_LETTER, "[" + st._E_LETTER + "E]") if coarse else a for a in firsts) + ")")
        for text in TEXTS[:40] + _mixtures(7, 30):
            view = st.views(text)[2]
            for a, b in reads:
                view = view.replace(a, b)
            got = [(m.start(), m.group(1)) for m in scan.finditer(view)]
            want = []
            for p in range(len(view) + 1):
                m = flat.match(view, p)
                if m is not None and by_anchor[m.group().replace("E", st._E_LETTER)][0].match(view, p):
                    want.append((p, m.group()))
            assert got == want, text[:80]
            found += len(got)
    assert found > 200


def test_clause_bounds_are_what_the_boundary_pattern_finds():
    words = 0
    for text in TEXTS:
        cv = st.views(text)[2]
        assert st._boundary_ends(cv) == st._boundary_ends_reference(cv), text[:80]
        words += len(st._BOUNDARY_WORDS.findall(cv))
    assert words > 100


def test_headings_are_what_the_heading_pattern_finds():
    n = 0
    for text in TEXTS:
        base = st.views(text)[0]
        fast = st._heading_spans(base)
        assert fast == [m.span() for m in st._HEADING.finditer(base)], text[:80]
        n += len(fast)
    assert n > 100
