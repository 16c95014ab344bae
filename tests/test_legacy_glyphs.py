"""Glyph substitutes of legacy font bytes in PDF text layers (data/legacy_glyphs.tsv)."""
from __future__ import annotations

import pytest

from baocao.normalizers.legacy import _substitutes, _tables, from_tcvn3, from_vni, prepare, to_tcvn3, to_vni
from baocao.normalizers.normalize import normalize_text

# a sentence per TCVN3 letter whose byte has a substitute: the letter sits inside real words
WORDS = {"\xad": "người dân được hưởng", "\xb7": "bảo lãnh xã hội", "\xb5": "và ngày này là",
         "\xaf": None}


def _word_rows():
    rows = []
    for ch, sub in sorted(_substitutes().items()):
        if sub.word_only and "tcvn3" in sub.encodings and WORDS.get(sub.byte_char):
            rows.append(pytest.param(ch, sub.byte_char, id=f"U+{ord(ch):04X}"))
    return rows


@pytest.mark.parametrize("glyph, byte", _word_rows())
def test_each_word_substitute_converts_inside_words(glyph, byte):
    clean = WORDS[byte]
    damaged = to_tcvn3(clean).replace(byte, glyph)
    assert glyph in damaged
    assert from_tcvn3(damaged) == clean
    n = normalize_text(damaged)
    assert n.text == clean and "legacy:tcvn3" in n.repairs
    assert len(n.offsets) == len(n.text) + 1


def _always_rows():
    return [pytest.param(ch, sub.byte_char, id=f"U+{ord(ch):04X}")
            for ch, sub in sorted(_substitutes().items()) if not sub.word_only]


@pytest.mark.parametrize("glyph, byte", _always_rows())
def test_each_always_substitute_maps_to_its_byte(glyph, byte):
    for enc in ("tcvn3", "vni"):
        assert prepare("x" + glyph + "y", enc) == "x" + byte + "y"


def test_symbol_font_private_use_text_converts():
    clean = "Uỷ ban nhân dân xã Song Vân"
    pua = "".join(chr(0xF000 + ord(c)) for c in to_tcvn3(clean))
    assert from_tcvn3(pua) == clean
    assert from_vni("".join(chr(0xF000 + ord(c)) for c in to_vni(clean))) == clean


@pytest.mark.parametrize("damaged, clean", [
    ("cña Thñ t−íng ChÝnh phñ sè 115/2004/Q§-TTg", "của Thủ tướng Chính phủ số 115/2004/QĐ-TTg"),
    ("Quü b¶o l∙nh tÝn dông cho doanh nghiÖp", "Quỹ bảo lãnh tín dụng cho doanh nghiệp"),
    ("thµnh phè trùc thuéc Trung −¬ng", "thành phố trực thuộc Trung ương"),
    ("Bé tr−ëng Bé Tµi chÝnh nh− sau", "Bộ trưởng Bộ Tài chính như sau"),
    # the ASCII hyphen stands for ư only inside a word that becomes a syllable
    # (at a word's end, "nh-", it is too ambiguous: "V- P" in broken capitals)
    ("Thñ t-íng ChÝnh phñ nh- sau: NghÞ ®Þnh 90/2001/N§-CP", "Thủ tướng Chính phủ nh- sau: Nghị định 90/2001/NĐ-CP"),
    # a real minus between digits and a dash between words stay
    ("ChØ tiªu gi¶m 5−3 ®iÓm − theo kÕ ho¹ch", "Chỉ tiêu giảm 5−3 điểm − theo kế hoạch"),
])
def test_real_substitutes_in_tcvn3_lines(damaged, clean):
    assert normalize_text(damaged).text == clean


@pytest.mark.parametrize("text", [
    "Giảm 5−3 điểm; nhiệt độ −5 °C · mức μ = 0,5 − theo kế hoạch",
    "Số: 115/2004/QĐ-TTg • Điều 1. Thủ tướng Chính phủ",
    "The value is x−y and a·b, μ-law − done.",
])
def test_clean_unicode_text_is_unchanged(text):
    n = normalize_text(text)
    assert n.text == text
    assert not any(r.startswith("legacy") for r in n.repairs)


def test_substitute_bytes_are_tcvn3_or_unused():
    t = _tables("tcvn3.tsv")
    for ch, sub in _substitutes().items():
        if sub.word_only:
            assert sub.byte_char in t.decode or sub.byte_char == "\xaf", hex(ord(ch))
