"""Legacy Vietnamese encodings (TCVN3, VNI, UTF-8 read as cp1252) and bytes."""
from __future__ import annotations

import unicodedata

import pytest

from conftest import corpus_text
from baocao.normalizers.diacritics import LOWER_MARKED, UPPER_MARKED, VIETNAMESE_MARKED
from baocao.normalizers.legacy import (
    _tables,
    decode_bytes,
    detect_legacy,
    from_tcvn3,
    from_vni,
    repair_legacy,
    to_cp1258,
    to_tcvn3,
    to_vni,
)
from baocao.normalizers.normalize import normalize_text

CLEAN = ["000", "001", "002", "003"]


def paragraphs(stem: str) -> list[str]:
    t = unicodedata.normalize("NFC", corpus_text(stem))
    return [p for p in t.split("\n\n") if sum(c in VIETNAMESE_MARKED for c in p) >= 3]


def as_cp1252_mojibake(text: str) -> str:
    """UTF-8 bytes shown as cp1252 (bytes cp1252 lacks shown as Latin-1)."""
    out = []
    for b in text.encode("utf-8"):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return "".join(out)


# --------------------------------------------------------------------------
# tables

def test_alphabet_has_134_letters():
    assert len(LOWER_MARKED) == 67 and len(UPPER_MARKED) == 67
    assert len(VIETNAMESE_MARKED) == 134


@pytest.mark.parametrize("name", ["tcvn3.tsv", "vni.tsv"])
def test_tables_cover_every_letter(name):
    t = _tables(name)
    assert set(t.encode) == VIETNAMESE_MARKED


def test_tcvn3_codes_are_single_bytes_and_distinct_for_lower_case():
    t = _tables("tcvn3.tsv")
    lower = [t.encode[c] for c in LOWER_MARKED]
    assert all(len(c) == 1 and 0xA0 < ord(c) <= 0xFF for c in lower)
    assert len(set(lower)) == 67
    # the seven capitals with codes of their own
    own = {c: t.encode[c] for c in "ĂÂÊÔƠƯĐ"}
    assert own == {"Ă": "\xa1", "Â": "\xa2", "Ê": "\xa3", "Ô": "\xa4", "Ơ": "\xa5", "Ư": "\xa6", "Đ": "\xa7"}
    # toned capitals share the lower-case byte (.VnTimeH)
    assert t.encode["Ộ"] == t.encode["ộ"] == "\xe9"


def test_vni_codes_are_distinct_and_case_paired():
    t = _tables("vni.tsv")
    codes = [t.encode[c] for c in LOWER_MARKED + UPPER_MARKED]
    assert len(set(codes)) == 134
    for lo, up in zip(LOWER_MARKED, UPPER_MARKED):
        assert t.encode[up] == t.encode[lo].upper()


@pytest.mark.parametrize("mojibake, clean", [
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"),
    ("Uû ban nh©n d©n", "Uỷ ban nhân dân"),
    ("§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"),
    ("ng­êi d©n", "người dân"),                     # 0xAD (soft hyphen) is ư
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Uû BAN NH¢N D¢N", "UỶ BAN NHÂN DÂN"),
    ("Sè: 04/BC-UBND", "Số: 04/BC-UBND"),            # a colon is not a neighbour in capitals
    ("QCDC ë c¬ së", "QCDC ở cơ sở"),                # a lower-case neighbour wins
])
def test_from_tcvn3(mojibake, clean):
    assert from_tcvn3(mojibake) == clean


@pytest.mark.parametrize("mojibake, clean", [
    ("Xin chaøo caùc baïn", "Xin chào các bạn"),
    ("UÛy ban nhaân daân", "Ủy ban nhân dân"),
    ("ngöôøi daân ñöôïc höôûng", "người dân được hưởng"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
    ("Ñaûng uûy", "Đảng ủy"),
    ("kyø hoïp", "kỳ họp"),
])
def test_from_vni(mojibake, clean):
    assert from_vni(mojibake) == clean


@pytest.mark.parametrize("clean, code", [
    ("Cộng hoà", "Céng hoµ"),
    ("Đảng", "§¶ng"),
    ("Xin chào các bạn", None),
])
def test_to_tcvn3(clean, code):
    if code is not None:
        assert to_tcvn3(clean) == code
    assert to_vni("Xin chào các bạn") == "Xin chaøo caùc baïn"


# --------------------------------------------------------------------------
# round trips on the corpus

@pytest.mark.parametrize("stem", CLEAN)
def test_vni_round_trip_is_exact_on_corpus_paragraphs(stem):
    paras = paragraphs(stem)
    assert len(paras) > 10
    for p in paras:
        assert from_vni(to_vni(p)) == p


@pytest.mark.parametrize("stem", CLEAN)
def test_tcvn3_round_trip_loses_only_case_of_toned_capitals(stem):
    shared = _tables("tcvn3.tsv").shared
    paras = paragraphs(stem)
    exact = 0
    for p in paras:
        back = from_tcvn3(to_tcvn3(p))
        assert len(back) == len(p)
        diffs = [i for i, (a, b) in enumerate(zip(p, back)) if a != b]
        for i in diffs:
            # only the case of a letter VN3 writes with the lower-case byte
            assert back[i].lower() == p[i].lower() and to_tcvn3(p[i]) in shared, (p[i], back[i])
        exact += not diffs
    assert exact >= 0.8 * len(paras)


@pytest.mark.parametrize("stem", CLEAN)
@pytest.mark.parametrize("encode, name", [(to_vni, "legacy:vni"), (to_tcvn3, "legacy:tcvn3"),
                                          (as_cp1252_mojibake, "legacy:utf8")])
def test_normalize_detects_and_converts_whole_documents(stem, encode, name):
    clean = normalize_text(corpus_text(stem))
    damaged = normalize_text(encode(corpus_text(stem)))
    assert name in damaged.repairs
    assert len(damaged.text) == len(clean.text)
    same = sum(a == b for a, b in zip(damaged.text, clean.text))
    if name == "legacy:tcvn3":
        # case of toned capitals in mixed-case words is what VN3 cannot keep
        same_ci = sum(a.lower() == b.lower() for a, b in zip(damaged.text, clean.text))
        assert same_ci == len(clean.text)
        assert same >= len(clean.text) - 30
    else:
        assert same == len(clean.text)


def test_pasted_tcvn3_paragraph_in_unicode_report_is_converted_alone():
    clean = corpus_text("000")
    paras = clean.split("\n\n")
    k = max(range(len(paras)), key=lambda i: len(paras[i]))
    target = paras[k]
    paras[k] = to_tcvn3(target)
    n = normalize_text("\n\n".join(paras))
    assert "legacy:tcvn3" in n.repairs
    out = n.text.split("\n\n")
    assert out[k].lower() == target.lower()
    assert out[:k] == [unicodedata.normalize("NFC", p) for p in paras[:k]]


# --------------------------------------------------------------------------
# conservative detection

@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_detection_never_fires_on_clean_corpus(stem):
    t = corpus_text(stem)
    assert detect_legacy(t) is None
    assert repair_legacy(t) is None
    for p in t.split("\n\n"):
        assert detect_legacy(p) is None, p[:80]


@pytest.mark.parametrize("text", [
    "Les élèves étaient à l'école, où le garçon français lisait « Noël » à sa sœur.",
    "Müller und Söhne: für die Straße, schön und grün.",
    "El señor comió piñata en la montaña; ¿qué año?",
    "Café naïve déjà vu, résumé, façade, coöperation.",
    "The quick brown fox jumps over the lazy dog. © 2024 — all rights reserved.",
    "Cong hoa xa hoi chu nghia Viet Nam, Uy ban nhan dan xa Song Van",
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Các bạn có khỏe không?",
    "Cá chép, cá mè, có lá, là, à, ò ó o",
])
def test_detection_leaves_other_text_alone(text):
    assert detect_legacy(text) is None
    n = normalize_text(text)
    assert not any(r.startswith("legacy:") for r in n.repairs)


@pytest.mark.parametrize("text, enc", [
    ("Uû ban nh©n d©n x· Song V©n", "tcvn3"),
    ("Xin chaøo caùc baïn", "vni"),
    ("Cá»™ng hÃ²a xÃ£ há»™i chá»§ nghÄ©a", "utf8"),
])
def test_detect_legacy_names_the_encoding(text, enc):
    assert detect_legacy(text) == enc


def test_vni_offsets_point_at_the_base_letter():
    raw = "Xin chaøo caùc baïn"
    n = normalize_text(raw)
    assert n.text == "Xin chào các bạn"
    i = n.text.index("à")
    assert raw[n.offsets[i]] == "a"
    assert n.offsets[-1] == len(raw)
    s, e = n.raw_span(n.text.index("chào"), n.text.index("chào") + 4)
    assert raw[s:e] == "chaøo"


# --------------------------------------------------------------------------
# bytes

SAMPLE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Ủy ban nhân dân phường, người dân được hưởng."


@pytest.mark.parametrize("data, text, name", [
    (SAMPLE.encode("utf-8"), SAMPLE, "utf-8"),
    (b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"), SAMPLE, "utf-8-sig"),
    (SAMPLE.encode("utf-16"), SAMPLE, "utf-16"),
    (SAMPLE.encode("utf-16-le"), SAMPLE, "utf-16-le"),
    (SAMPLE.encode("utf-16-be"), SAMPLE, "utf-16-be"),
    (to_cp1258(SAMPLE), SAMPLE, "cp1258"),
    (to_vni(SAMPLE).encode("latin-1"), SAMPLE, "vni"),
    (to_tcvn3(SAMPLE).encode("latin-1"), SAMPLE.replace("Ủy", "ủy"), "tcvn3"),
    ("Les élèves à l'école, où l'on lit.".encode("cp1252"), "Les élèves à l'école, où l'on lit.", "cp1252"),
    (b"plain ascii", "plain ascii", "utf-8"),
])
def test_decode_bytes(data, text, name):
    assert decode_bytes(data) == (text, name)


@pytest.mark.slow
@pytest.mark.parametrize("stem", CLEAN)
def test_decode_bytes_on_corpus_in_legacy_encodings(stem):
    t = unicodedata.normalize("NFC", corpus_text(stem)).replace("ƣ", "ư").replace("Ƣ", "Ư")
    assert decode_bytes(to_vni(t).encode("cp1252")) == (t, "vni")
    assert decode_bytes(to_cp1258(t)) == (t, "cp1258")
    text, name = decode_bytes(to_tcvn3(t).encode("cp1252"))
    assert name == "tcvn3" and text.lower() == t.lower()


@pytest.mark.parametrize("data", [
    bytes(range(256)) * 8,
    b"\x00\x01\x02\x03" * 100,
    b"PK\x03\x04" + bytes(200),
])
def test_decode_bytes_rejects_binary(data):
    with pytest.raises(ValueError, match="undecodable text"):
        decode_bytes(data)
