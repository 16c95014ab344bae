"""Mixed lines (Unicode Vietnamese and TCVN3/VNI bytes on one line) are
converted span by span, and every row of data/legacy_glyphs.tsv is exercised
in such a line and in a whole legacy line (no row left untested)."""
from __future__ import annotations

import pytest

from baocao.normalizers.legacy import _substitutes, from_tcvn3, from_vni, to_tcvn3, to_vni
from baocao.normalizers.normalize import normalize_text

# a phrase per legacy byte a "word" substitute stands for (every such row needs one)
PHRASE = {"\xad": "Thủ tướng được hưởng", "\xb7": "bảo lãnh xã hội", "\xb5": "và ngày này là"}

UNICODE_PART = "Ủy ban nhân dân tỉnh Lâm Đồng đề nghị:"   # holds Unicode-only letters (ỷ ỉ ồ ề ị)


def _rows():
    return [pytest.param(ch, sub, id=f"U+{ord(ch):04X}") for ch, sub in sorted(_substitutes().items())]


def test_every_word_substitute_has_a_phrase():
    missing = [f"U+{ord(ch):04X}" for ch, sub in _substitutes().items()
               if sub.word_only and "tcvn3" in sub.encodings and sub.byte_char not in PHRASE]
    assert not missing


@pytest.mark.parametrize("glyph, sub", _rows())
def test_each_substitute_in_a_mixed_line(glyph, sub):
    """The TCVN3/VNI part of a line converts with the substitute in it; the Unicode part stays."""
    for enc, encode, decode in (("tcvn3", to_tcvn3, from_tcvn3), ("vni", to_vni, from_vni)):
        if enc not in sub.encodings:
            continue
        if sub.word_only:
            clean = PHRASE[sub.byte_char] + " cho doanh nghiệp"
            legacy = encode(clean).replace(sub.byte_char, glyph)
        else:
            # a symbol-font layer: every byte private-use, this one standing alone between words
            pua = lambda s: "".join(chr(0xF000 + ord(c)) for c in s)  # noqa: E731
            legacy = pua(encode("của Thủ tướng Chính phủ ")) + glyph + pua(encode(" cho doanh nghiệp"))
            clean = "của Thủ tướng Chính phủ " + decode(sub.byte_char) + " cho doanh nghiệp"
        assert glyph in legacy
        line = f"{UNICODE_PART} {legacy}"
        n = normalize_text(line)
        # as the clean line would come out (later steps: no-break space, soft hyphen, eth)
        assert n.text == normalize_text(f"{UNICODE_PART} {clean}").text, (enc, line)
        assert f"legacy:{enc}" in n.repairs
        assert len(n.offsets) == len(n.text) + 1


@pytest.mark.parametrize("raw, clean", [
    # Unicode first, TCVN3 after (a pasted .VnTime phrase)
    ("Ủy ban nhân dân tỉnh Lâm Đồng: Céng hoµ x· héi chñ nghÜa ViÖt Nam",
     "Ủy ban nhân dân tỉnh Lâm Đồng: Céng hoà xã hội chủ nghĩa Việt Nam"),
    # TCVN3 first (its ambiguous first word converts too: nothing Unicode before it)
    ("Céng hoµ x· héi chñ nghÜa ViÖt Nam - Độc lập - Tự do - Hạnh phúc",
     "Cộng hoà xã hội chủ nghĩa Việt Nam - Độc lập - Tự do - Hạnh phúc"),
    # legacy in the middle, with the glyph substitutes of a PDF text layer
    ("Căn cứ Quyết định số 115/2004/QĐ-TTg cña Thñ t−íng ChÝnh phñ về quỹ bảo l∙nh tín dụng",
     "Căn cứ Quyết định số 115/2004/QĐ-TTg của Thủ tướng Chính phủ về quỹ bảo lãnh tín dụng"),
    # a code of the legacy part converts with it (Q§ = QĐ), the Unicode code stays
    ("Thực hiện Công văn số 45/UBND-VX ngày 3/2/2024 vµ QuyÕt ®Þnh sè 12/Q§-UB cña UBND tØnh",
     "Thực hiện Công văn số 45/UBND-VX ngày 3/2/2024 và Quyết định số 12/QĐ-UB của UBND tỉnh"),
    # VNI beside Unicode
    ("Ủy ban nhân dân xã Hòa Bình: UÛy ban nhaân daân tænh Laâm Ñoàng",
     "Ủy ban nhân dân xã Hòa Bình: Ủy ban nhân dân tỉnh Lâm Đồng"),
    # two legacy runs cut by a Unicode word
    ("Sè liÖu của phòng Tµi chÝnh", "Số liệu của phòng Tài chính"),
])
def test_mixed_lines_convert_only_the_legacy_runs(raw, clean):
    n = normalize_text(raw)
    assert n.text == clean
    assert any(r.startswith("legacy:") for r in n.repairs)
    assert len(n.offsets) == len(n.text) + 1


def test_mixed_lines_in_a_unicode_document():
    """A Unicode report with one mixed line and one whole TCVN3 line: only those convert."""
    doc = ("ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG\n"
           "Số: 45/BC-UBND\n"
           "Trong tháng, Ủy ban nhân dân huyện đã tiếp nhận 152 hồ sơ, giải quyết đúng hạn 148 hồ sơ.\n"
           "Theo Kế hoạch số 12/KH-UBND, UBND x· §µ Loan ®· tæ chøc kiÓm tra.\n"
           "Uû ban nh©n d©n tØnh giao c¸c së, ngµnh thùc hiÖn\n"
           "Báo cáo có ý kiến của các phòng, ban.")
    want = ("ỦY BAN NHÂN DÂN HUYỆN ĐỨC TRỌNG\n"
            "Số: 45/BC-UBND\n"
            "Trong tháng, Ủy ban nhân dân huyện đã tiếp nhận 152 hồ sơ, giải quyết đúng hạn 148 hồ sơ.\n"
            "Theo Kế hoạch số 12/KH-UBND, UBND xã Đà Loan đã tổ chức kiểm tra.\n"
            "Uỷ ban nhân dân tỉnh giao các sở, ngành thực hiện\n"
            "Báo cáo có ý kiến của các phòng, ban.")
    n = normalize_text(doc)
    assert n.text == want
    assert "legacy:tcvn3" in n.repairs


def test_mostly_tcvn3_text_keeps_its_unicode_line():
    """A TCVN3 text judged legacy as a whole: a Unicode line in it is not mangled (có stays có)."""
    body = to_tcvn3("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
                    "Xét đề nghị của Giám đốc Sở Tài chính tại Tờ trình số 45/TTr-STC,\n"
                    "Điều 1. Phê duyệt kế hoạch thực hiện các nhiệm vụ trong năm.\n")
    uni = "Ghi chú: có ý kiến của Sở Nội vụ."
    n = normalize_text(body + uni)
    assert n.text.endswith("\n" + uni)
    assert n.text.startswith("Căn cứ Luật Tổ chức chính quyền địa phương")


@pytest.mark.parametrize("text", [
    "Giảm 5−3 điểm; nhiệt độ −5 °C · mức μ = 0,5 − theo kế hoạch © 2024 § 3 «trích» ½",
    "Điều 5 § 2 × 3 ÷ 4 Ñ Ö ü ø 2024 – Müller, Ørsted, Jürgen, São Paulo, Köln, Straße",
    "Căn cứ Nghị định số 59/2023/NÐ-CP của Chính phủ về việc có ý kiến",
    # a bad OCR line of a Unicode report (its ¥ is a legacy mark, véi would become vội)
    "Các phòng, ban đã góp ý: gia gop ¥ kién véi tinh than x4y dung cao, xac véi tinh hinh thyuc té",
    # a scanner's English-mode OCR line (Latin-1 only): tháng must not become thỏng
    "Can ciii' Quy& djnh so I 09/QD-SYTngày 20 tháng 02 näm 2012 ve^ vic Thành lp",
    "Diu 1: Thành lp Hi dng Sang kin Cap CO' s näm 2017, gm ông/ bà:",
    "Xem báo cáo của Müller và Ørsted tại Köln năm 2024; ý kiến ñược ghi nhận",
])
def test_clean_or_foreign_lines_with_legacy_marks_stay(text):
    n = normalize_text(text)
    assert not any(r.startswith("legacy") for r in n.repairs), n.text
