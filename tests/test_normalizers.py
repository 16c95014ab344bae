"""Glyph repair, NFC, capitals with dropped letters, diacritics detection, and
the normalisation chain with its offsets."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from unidecode import unidecode

from conftest import corpus_text
from baocao.normalizers.diacritics import (
    MIN_LETTERS,
    STRIPPED_BELOW,
    detect_diacritics,
    diacritic_stats,
    is_vietnamese_syllable,
    looks_like_syllable,
)
from baocao.normalizers.legacy import from_vni, to_vni
from baocao.normalizers.normalize import Normalized, normalize_text


def check_offsets(raw: str, n: Normalized) -> None:
    assert len(n.offsets) == len(n.text) + 1
    assert n.offsets[-1] == len(raw)
    assert all(0 <= a <= b <= len(raw) for a, b in zip(n.offsets, n.offsets[1:]))
    if n.text:
        assert n.offsets[0] == 0 or not raw[:n.offsets[0]].strip("\u200b\u200c\u200d\u2060\ufeff\u00ad")


# --------------------------------------------------------------------------
# syllables

@pytest.mark.parametrize("word, ok", [
    ("Cộng", True), ("NGHĨA", True), ("người", True), ("ý", True), ("khuya", True),
    ("nghiêng", True), ("giữa", True), ("Phường", True), ("UỶ", True), ("xoong", True),
    ("hoà", True), ("hóa", True),
    ("hoµ", False), ("chaøo", False), ("caùc", False), ("nhaân", False),  # mojibake
    ("ộtộ", False), ("franỗais", False), ("Strength", False), ("hoÀ", False),
    ("hốá", False),  # two tones
])
def test_is_vietnamese_syllable(word, ok):
    assert is_vietnamese_syllable(word) is ok


@pytest.mark.parametrize("word, ok", [
    ("Nguyen", True), ("Phuong", True), ("Hoang", True), ("Giap", True),
    ("Nguy;n", False), ("h1", False), ("Phwong", False), ("Strength", False),
])
def test_looks_like_syllable_accepts_stripped_words(word, ok):
    assert looks_like_syllable(word) is ok


# --------------------------------------------------------------------------
# glyph map

@pytest.mark.parametrize("raw, text, repairs", [
    ("phƣơng hƣớng", "phương hướng", ["glyph_map"]),
    ("V- P ƢƠNG", "V- P ƯƠNG", ["glyph_map"]),
    ("Ðảng ủy xã", "Đảng ủy xã", ["glyph_map"]),
    ("ðiều 1", "điều 1", ["glyph_map"]),
    ("a\u00a0b", "a b", ["spaces"]),
    ("Vi\u200bệt", "Việt", ["zero_width"]),
    ("\ufeffBÁO CÁO", "BÁO CÁO", ["zero_width"]),
    ("Það er gott, við förum", "Það er gott, við förum", []),   # Icelandic eth stays
    ("Ðorđe", "Ðorđe", []),
])
def test_glyph_map(raw, text, repairs):
    n = normalize_text(raw)
    assert n.text == text
    assert n.repairs == repairs
    check_offsets(raw, n)


def test_eth_in_a_code_is_fixed_in_vietnamese_text():
    raw = "Căn cứ Nghị định số 59/2023/NÐ-CP của Chính phủ về thực hiện dân chủ ở cơ sở"
    assert "59/2023/NĐ-CP" in normalize_text(raw).text


def test_deleted_zero_width_keeps_offsets_straight():
    raw = "ab\u200bcd"
    n = normalize_text(raw)
    assert n.text == "abcd"
    assert n.offsets == [0, 1, 3, 4, 5]


# --------------------------------------------------------------------------
# NFC

@pytest.mark.parametrize("raw, text", [
    ("Vie\u0323\u0302t Nam", "Việt Nam"),
    ("nghi\u0303a", "nghĩa"),
    ("a\u0301\u0302", "ấ"),          # tone typed before the circumflex
    ("o\u0301\u031b", "ớ"),          # tone before the horn
    ("u\u031b\u0300", "ừ"),
    ("\u00e1\u0302", "ấ"),           # precomposed á plus a circumflex
    ("e\u0301", "é"),
])
def test_nfc_with_vietnamese_mark_order(raw, text):
    n = normalize_text(raw)
    assert n.text == text
    assert "nfc" in n.repairs
    check_offsets(raw, n)


def test_nfc_offsets_map_each_letter_to_its_base():
    raw = "Vie\u0323\u0302t"
    n = normalize_text(raw)
    assert n.text == "Việt"
    assert n.offsets == [0, 1, 2, 5, 6]
    s, e = n.raw_span(2, 3)
    assert raw[s:e] == "e\u0323\u0302"


def test_nfc_keeps_non_vietnamese_mark_order():
    raw = "n\u0303\u0301"  # not a Vietnamese vowel: plain NFC only
    assert normalize_text(raw).text == unicodedata.normalize("NFC", raw)


# --------------------------------------------------------------------------
# capitals with dropped letters

@pytest.mark.parametrize("raw, text", [
    ("CỘNG HÒA XÃ HỘI CH  NG Ĩ  VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("II - CÔNG TÁC LÃNH ĐẠO, C Ỉ ĐẠO TRIỂN KHAI", "II - CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO TRIỂN KHAI"),
    ("VI - KIẾN NG Ị, ĐỀ  UẤT", "VI - KIẾN NGHỊ, ĐỀ XUẤT"),
    ("KT. CH  TỊCH", "KT. CHỦ TỊCH"),
    ("PHÓ CH  TỊCH", "PHÓ CHỦ TỊCH"),
    ("IV- ĐÁN  GIÁ CHUNG", "IV- ĐÁNH GIÁ CHUNG"),
    ("V- P ƯƠNG  ƯỚNG, N IỆM V  NĂM 2024", "V- PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2024"),
    ("III- KẾT QUẢ T ỰC  IỆN PHÁP LUẬT", "III- KẾT QUẢ THỰC HIỆN PHÁP LUẬT"),
])
def test_caps_restored(raw, text):
    n = normalize_text(raw)
    assert n.text == text
    assert n.repairs == ["caps_restored"]
    assert n.offsets == list(range(len(raw) + 1))


@pytest.mark.parametrize("raw", [
    "CÔNG  TÁC LÃNH ĐẠO",             # intact phrase, double space
    "chủ  tịch ch  tịch",             # not capitals
    "C   S  VÀ T  A",                 # too little left to be sure
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐỀ  ÁN",                         # ĐỀ + space is not ĐỀ XUẤT
    "CH  T",
])
def test_caps_left_alone(raw):
    n = normalize_text(raw)
    assert n.text == raw
    assert "caps_restored" not in n.repairs


# --------------------------------------------------------------------------
# corpus

@pytest.mark.parametrize("stem", ["000", "001", "003", "004"])
def test_clean_corpus_needs_no_repair(stem):
    raw = corpus_text(stem)
    n = normalize_text(raw)
    assert n.text == raw
    assert n.repairs == []


def test_corpus_002_font_damage_repaired():
    raw = corpus_text("002")
    n = normalize_text(raw)
    assert n.repairs == ["glyph_map", "caps_restored"]
    assert "ƣ" not in n.text and "Ƣ" not in n.text
    for phrase in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "CHỈ ĐẠO TRIỂN KHAI", "KIẾN NGHỊ, ĐỀ XUẤT",
                   "PHÓ CHỦ TỊCH", "phương hướng"):
        assert phrase in n.text
    # one to one: every character comes from the same place, changed only where repaired
    assert len(n.text) == len(raw)
    changed = [i for i, (a, b) in enumerate(zip(raw, n.text)) if a != b]
    assert all(raw[i] in "ƣƢ " for i in changed)
    check_offsets(raw, n)


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
@pytest.mark.parametrize("damage, undo", [
    (lambda t: t, lambda s: s),
    (to_vni, from_vni),
    (lambda t: unicodedata.normalize("NFD", t), lambda s: unicodedata.normalize("NFC", s)),
])
def test_offsets_on_corpus_and_damaged_copies(stem, damage, undo):
    raw = damage(corpus_text(stem))
    n = normalize_text(raw)
    check_offsets(raw, n)
    # a character that consumed raw text is that raw text, repaired
    for i in range(len(n.text)):
        s, e = n.offsets[i], n.offsets[i + 1]
        if e > s and n.text[i].isalpha():
            # (ƣ is repaired to ư; a space is a capital restored by caps_restored)
            assert undo(raw[s:e]) in (n.text[i], n.text[i].lower()) or raw[s:e] in ("ƣ", "Ƣ", " "), i


def test_decomposed_corpus_comes_back_composed():
    raw = corpus_text("000")
    n = normalize_text(unicodedata.normalize("NFD", raw))
    assert n.text == raw
    assert n.repairs == ["nfc"]


# --------------------------------------------------------------------------
# diacritics

@pytest.mark.parametrize("stem, expected", [
    ("000", "full"), ("001", "full"), ("002", "full"), ("003", "full"), ("004", "stripped"),
])
def test_detect_diacritics_on_corpus(stem, expected):
    assert detect_diacritics(corpus_text(stem)) == expected


@pytest.mark.parametrize("stem", ["000", "001", "002", "003"])
def test_unidecoded_corpus_is_stripped(stem):
    assert detect_diacritics(unidecode(corpus_text(stem))) == "stripped"


def test_diacritic_stats_measures():
    s = diacritic_stats(corpus_text("000"))
    assert 0.25 < s["marked_share"] < 0.35
    assert s["foreign_share"] < 0.001
    assert s["beyond_latin1"] > 1000
    o = diacritic_stats(corpus_text("004"))
    assert o["marked_share"] < STRIPPED_BELOW
    assert o["foreign_share"] > s["foreign_share"]


@pytest.mark.parametrize("text, expected", [
    ("BÁO CÁO", "full"),                      # too short to judge
    ("Bao cao", "full"),
    ("", "full"),
    ("Bao cao ket qua thuc hien quy che dan chu o co so 6 thang dau nam 2024 cua UBND", "stripped"),
    ("Báo cáo kết quả thực hiện quy chế dân chủ ở cơ sở 6 tháng đầu năm 2024 của UBND", "full"),
    ("The quick brown fox jumps over the lazy dog and runs into the forest again", "stripped"),
])
def test_detect_diacritics_examples(text, expected):
    assert detect_diacritics(text) == expected
    assert (sum(c.isalpha() for c in text) < MIN_LETTERS) == (text in ("BÁO CÁO", "Bao cao", ""))


# --------------------------------------------------------------------------
# never raises

_ALPHABET = st.sampled_from(
    list("aăâeêioôơuưyAĂÂEÊIOÔƠUƯYđĐbcdghklmnpqrstvx ,.:/-\n\t\f")
    + list("ạộẫỮỷÁàÔ")
    + ["\u0300", "\u0301", "\u0302", "\u0303", "\u0306", "\u0309", "\u031b", "\u0323"]
    + list("µ¶·¸¹¨©ª«¬®§¢£¤¥¦\u00adøùûõïâáàåãäêéèúüëñöôîÑÖÔ")
    + list("ƣƢðÐ\u00a0\u200b\ufeff€™»Ã")
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(_ALPHABET, max_size=200))
def test_normalize_never_raises_and_offsets_hold(raw):
    n = normalize_text(raw)
    check_offsets(raw, n)
    assert unicodedata.is_normalized("NFC", n.text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_normalize_never_raises_on_any_unicode(raw):
    n = normalize_text(raw)
    check_offsets(raw, n)


def test_normalize_is_quick_on_long_odd_lines():
    import time
    raw = ("ABC" + " " * 20000 + "\n") * 3 + "ạ" * 20000 + "µ" * 20000 + "a\u0301" * 10000
    t0 = time.perf_counter()
    n = normalize_text(raw)
    assert time.perf_counter() - t0 < 2.0
    check_offsets(raw, n)


@pytest.mark.parametrize("raw, fixed", [
    ("UBND PHƯỜNG BÉÊN THÀNH", "UBND PHƯỜNG BẾN THÀNH"),     # acute + circumflex: one Ế
    ("KT. GIÁAM ĐỐC", "KT. GIÁM ĐỐC"),                       # a bare copy of the vowel
    ("UBND TÏỈNH PHÚ THỌ", "UBND TỈNH PHÚ THỌ"),             # a mark outside Vietnamese's dropped
    ("BAN QUÁẢN LÝ", "BAN QUÁẢN LÝ"),                         # two tones: no single reading
    ("lưu trữ, ưu tiên, cứu hộ, hưu trí", "lưu trữ, ưu tiên, cứu hộ, hưu trí"),   # syllables already
    ("Nguyen Vaan An", "Nguyen Vaan An"),                     # no mark on either: not this repair
])
def test_doubled_vowel_repair(raw, fixed):
    from baocao.normalizers.normalize import normalize_text

    n = normalize_text(raw)
    assert n.text == fixed
    assert ("ocr_doubled_vowel" in n.repairs) == (raw != fixed)
    assert len(n.offsets) == len(n.text) + 1 and n.offsets[-1] == len(raw)


@pytest.mark.parametrize("raw", ["các Iĩnh vực", "v1ée thuc hién", "ÉE"])
def test_doubled_vowel_repair_leaves_ocr_noise(raw):
    from baocao.normalizers.normalize import normalize_text

    assert normalize_text(raw).text == raw
