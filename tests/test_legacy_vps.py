"""VPS and VISCII (data/vps.tsv, data/viscii.tsv), TCVN3 bytes a PDF shows
through Mac OS Roman (a .VnTime font declared ``MacRomanEncoding``), the glyph substitutes their
fonts' bytes show as in PDF text layers, detection among all the legacy
encodings (a confusion test), and the cheap signature gate in front of it.

Inputs are sentences written for these tests; "as a PDF/DOCX gives it" means
the encoded bytes decoded as cp1252 (Latin-1 for the five bytes cp1252 leaves
undefined), which is what text layers and Word show for a legacy font."""
from __future__ import annotations

import unicodedata

import pytest

from baocao.normalizers import legacy as L
from baocao.normalizers.diacritics import LOWER_MARKED, UPPER_MARKED, VIETNAMESE_MARKED
from baocao.normalizers.legacy import (_decode_8bit, _substitutes, _tables, decode_bytes, detect_legacy,
                                       from_tcvn3_mac, from_viscii, from_vps, prepare, repair_legacy,
                                       to_tcvn3, to_tcvn3_mac, to_viscii, to_vni, to_vps)
from baocao.normalizers.normalize import normalize_text

ENCODERS = {"vps": (to_vps, from_vps), "viscii": (to_viscii, from_viscii)}


def as_shown(code: str) -> str:
    """Legacy code (bytes as Latin-1 characters) as a PDF/DOCX text gives it: cp1252."""
    return _decode_8bit(code.encode("latin-1"))


def as_utf8_mojibake(text: str) -> str:
    return _decode_8bit(text.encode("utf-8"))


# --------------------------------------------------------------------------
# tables

@pytest.mark.parametrize("name", ["vps.tsv", "viscii.tsv"])
def test_tables_cover_every_letter_with_distinct_single_bytes(name):
    t = _tables(name)
    assert set(t.encode) == VIETNAMESE_MARKED
    codes = [t.encode[c] for c in LOWER_MARKED + UPPER_MARKED]
    assert all(len(c) == 1 for c in codes)
    assert len(set(codes)) == 134          # the encoder writes every capital with its own code


def test_vps_and_viscii_keep_the_latin1_letters_where_latin1_has_them():
    # what makes them hard to tell from clean text: à á â ã è é ê ì í ò ó ô õ ù ú are themselves
    # (VISCII's ý too; VPS moved ý to 0x9A and put Ỷ at 0xFD)
    for name, same in (("vps.tsv", "àáâãèéêìíòóôõùú"), ("viscii.tsv", "àáâãèéêìíòóôõùúý")):
        t = _tables(name)
        for c in same:
            assert t.encode[c] == c, (name, c)
    assert _tables("vps.tsv").encode["ý"] == "\x9a"


def test_vps_c0_capitals_and_unikey_lower_case_bytes():
    t = _tables("vps.tsv")
    assert t.encode["Ạ"] == "\x02" and t.decode["\x02"] == "Ạ"
    assert t.encode["Ữ"] == "\x1d" and t.decode["\x1d"] == "Ữ"
    # UniKey writes Ạ with ạ's byte 0xE5: decoded ạ, a capital when its word is in capitals
    assert "\xe5" in t.shared
    assert from_vps("H\xe5NH PH\xdaC") == "HẠNH PHÚC"
    assert from_vps("h\xe5nh ph\xfac") == "hạnh phúc"


@pytest.mark.parametrize("enc", ["vps", "viscii"])
@pytest.mark.parametrize("letter", LOWER_MARKED + UPPER_MARKED)
def test_each_letter_round_trips_as_pdfs_show_it(enc, letter):
    to, back = ENCODERS[enc]
    shown = as_shown(to(letter))
    assert len(shown) == 1
    assert back(shown) == letter


# TCVN3 through Mac OS Roman: every lower-case letter and the seven capitals VN3 has a code for
@pytest.mark.parametrize("letter", LOWER_MARKED + tuple("ĂÂÊÔƠƯĐ"))
def test_each_tcvn3_letter_round_trips_through_mac_roman(letter):
    shown = to_tcvn3_mac(letter)
    assert len(shown) == 1
    assert from_tcvn3_mac(shown) == letter


def test_tcvn3_through_mac_roman_examples():
    assert to_tcvn3_mac("Cộng hòa xã hội") == "CÈng hﬂa x∑ hÈi"
    assert from_tcvn3_mac("CÈNG HﬂA") == "CỘNG HÒA"      # toned capitals: lower-case bytes, the word decides


# --------------------------------------------------------------------------
# glyph substitutes of VPS/VISCII font bytes (the rows of legacy_glyphs.tsv apply to every font family)

# a word per (encoding, byte) whose letter has a word-context substitute: the letter inside a syllable
SUBSTITUTE_WORDS = {
    ("vps", "\xad"): "CỨNG", ("vps", "\xaf"): "TỪ", ("vps", "\xb5"): "KÌ", ("vps", "\xb7"): "TỈNH",
    ("viscii", "\xad"): "nhiễu", ("viscii", "\xaf"): "số", ("viscii", "\xb5"): "hội", ("viscii", "\xb7"): "sở",
}


def _substitute_rows():
    rows = []
    for ch, sub in sorted(_substitutes().items()):
        for enc in ("vps", "viscii"):
            word = SUBSTITUTE_WORDS.get((enc, sub.byte_char))
            if enc in sub.encodings and sub.word_only:
                rows.append(pytest.param(enc, ch, sub.byte_char, word, id=f"{enc}-U+{ord(ch):04X}"))
    return rows


@pytest.mark.parametrize("enc, glyph, byte, word", _substitute_rows())
def test_each_word_substitute_converts_inside_words(enc, glyph, byte, word):
    to, back = ENCODERS[enc]
    assert word is not None, "a word substitute of a VPS/VISCII letter has no test word"
    code = to(word)
    assert byte in code
    damaged = code.replace(byte, glyph)
    assert back(damaged) == word


@pytest.mark.parametrize("enc", ["vps", "viscii"])
def test_always_substitutes_map_to_their_byte(enc):
    for ch, sub in _substitutes().items():
        if not sub.word_only:
            assert enc in sub.encodings
            assert prepare("x" + ch + "y", enc) == "x" + sub.byte_char + "y"


def test_viscii_sentence_with_minus_for_its_byte_is_detected_and_converted():
    clean = "Báo cáo kết quả thực hiện nhiệm vụ, hạn chế nhiễu thông tin ở cơ sở trong năm qua"
    damaged = as_shown(to_viscii(clean)).replace("\xad", "\u2212")
    assert "\u2212" in damaged
    n = normalize_text(damaged)
    assert n.text == clean and n.repairs[:1] == ["legacy:viscii"]


# --------------------------------------------------------------------------
# detection: a confusion test over every encoding, and clean text

# written for the test: report prose without toned capitals in mixed-case words (TCVN3 cannot
# hold those), capitals in a heading line
CONFUSION_TEXT = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "Báo cáo kết quả thực hiện quy chế dân chủ ở cơ sở của xã trong năm qua. "
                  "Người dân được tham gia ý kiến vào các việc của thôn, "
                  "số hộ gia đình được hưởng lợi tăng, những hạn chế đã được khắc phục kịp thời.")

CONFUSION = {
    "tcvn3": lambda t: as_shown(to_tcvn3(t)),
    "vni": lambda t: as_shown(to_vni(t)),
    "vps": lambda t: as_shown(to_vps(t)),
    "viscii": lambda t: as_shown(to_viscii(t)),
    "utf8": as_utf8_mojibake,
    "tcvn3-mac": to_tcvn3_mac,
}


@pytest.mark.parametrize("enc", sorted(CONFUSION))
def test_each_encoding_is_detected_as_itself_and_converted_back(enc):
    damaged = CONFUSION[enc](CONFUSION_TEXT)
    assert damaged != CONFUSION_TEXT
    assert detect_legacy(damaged) == enc
    for other, make in CONFUSION.items():   # and the others' mojibake is not taken for this one
        if other != enc:
            assert detect_legacy(make(CONFUSION_TEXT)) != enc, other
    n = normalize_text(damaged)
    assert n.text == CONFUSION_TEXT
    assert n.repairs[:1] == [f"legacy:{enc}"]


@pytest.mark.parametrize("text", [
    CONFUSION_TEXT,
    unicodedata.normalize("NFD", CONFUSION_TEXT),
    "Số: 12/BC-UBND\nHà Nội, ngày 5 tháng 3 năm 2024",
    "Giá trị “đạt” – vượt kế hoạch… • Đoàn kết — thống nhất",
    "Le système où l'élève étudie à l'école; Grüße für München, señor.",
])
def test_clean_text_is_detected_as_nothing(text):
    assert detect_legacy(text) is None
    assert repair_legacy(unicodedata.normalize("NFC", text)) is None


@pytest.mark.parametrize("enc", ["vps", "viscii"])
def test_vps_viscii_text_files_decode_and_normalise(enc):
    to, _ = ENCODERS[enc]
    data = to(CONFUSION_TEXT).encode("latin-1")
    text, name = decode_bytes(data)
    assert name in ("cp1252", "latin-1")
    n = normalize_text(text)
    assert n.text == CONFUSION_TEXT and f"legacy:{enc}" in n.repairs


# --------------------------------------------------------------------------
# the cheap signature gate (issue 15): clean Unicode never reaches the word scoring

def test_clean_unicode_paragraphs_never_reach_the_scoring(monkeypatch):
    def boom(*a, **k):
        raise AssertionError("scored a clean Unicode paragraph")
    monkeypatch.setattr(L, "_score_counts", boom)
    text = "\n\n".join([CONFUSION_TEXT, "Số: 12/BC-UBND", "Hà Nội, ngày 5 tháng 3 năm 2024",
                        "Ủy ban nhân dân tỉnh đề nghị các sở, ngành triển khai kế hoạch số 166/KH-UBND."])
    assert normalize_text(text).text == text


@pytest.mark.parametrize("text", [
    "Số 5", "Céng hoµ x· héi", "ab ạ", "Ủy ban nhân dân " * 3, "Cộng hòa xã hội chủ nghĩa",
    unicodedata.normalize("NFD", "Cộng hòa xã hội"), "ăn ở", "x" * 200 + "ạ" * 5,
])
def test_cheap_half_of_the_gate_never_rejects_what_the_full_gate_passes(text):
    # _beyond_gate says no only where _latin1_legacy_gate says no: the shortcut changes no decision
    if not L._beyond_gate(text):
        assert not L._latin1_legacy_gate(text)
