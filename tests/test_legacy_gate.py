"""The gated legacy detection (issue 15) decides what the ungated one decides.

:func:`detect_legacy` looks only at the encodings that can gain two syllables
(:func:`legacy._views`: a word that a conversion cannot change, or that stays
no syllable, is no evidence), cuts the :data:`legacy._WORD` words once for
every view (:func:`legacy._joined_counts` for the words a quote or dash joins
in VPS, VISCII and TCVN3-mac) and tries, for those three, only the runs
holding a character they change first (:func:`legacy._run_gainers`).
:func:`legacy.detect_legacy_reference` cuts every view whole, as before.
Both are compared here on realistic blocks and on random mixtures of the
characters the gate could get wrong.
"""
from __future__ import annotations

import random
import unicodedata

import pytest

from baocao.normalizers import legacy as L
from baocao.normalizers.legacy import (_decode_8bit, detect_legacy, detect_legacy_reference, to_tcvn3,
                                       to_tcvn3_mac, to_viscii, to_vni, to_vps)

CLEAN = ("Thực hiện Quyết định số 12/QĐ-UBND ngày 05/3/2024 của UBND huyện và Nghị quyết của HĐND tỉnh, "
         "Ban Thường trực UBMTTQ xã đã tổ chức “Ngày hội Đại đoàn kết toàn dân tộc” – giai đoạn 2021–2025; "
         "theo Nghị định 59/2023/NĐ-CP, ‘chuyển đổi số’ là nhiệm vụ trọng tâm…")
PHRASE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập, tự do, hạnh phúc. Ủy ban nhân dân tỉnh báo cáo kết quả"
# English-mode OCR of a Vietnamese report (marks lost, letters misread): no legacy encoding, yet
# TCVN3 turns some of its words into syllables (quéc -> quộc)
STRIPPED = ("Nhirng viéc Nhén déan giam sat da tirng budc phat huy dugc hiéu qua thong qua\n"
            "hoat dong cua dai biéu HDND, Mt tran T quéc, cac to chuc chinh tri - x4 hoi, Ban\n"
            "8. Pay manh cic phong trao thi dua yéu nudc, trong d6 phong trao thi dua\n"
            "“dan van khéo” gan vdi viéc “hoc tap va lam theo tim guong, dao duc Ho Chi Minh”")
# the same, where TCVN3 does make two syllables (dé -> độ, véi -> vội): scored, and it does not fire
STRIPPED_GAIN = ("- Ban Chi dao thuc hién Quy ché dan chii ¢3 tham muu cap uy, chinh quyén\n"
                 "t6 chuc hop dan dé ban bac, théng nhat mirc dong gbdp, phuong phap t6 chire thuc\n"
                 "hién, chinh sach mién giam ddi voi cac ho ngheo, gia dinh chinh sach bao dam dan\n"
                 "chu, cong khai, phtt hop véi ngudn luc va nguyén vong ctia Nhan dan.")


def shown(code: str) -> str:
    """Legacy bytes as a cp1252 reader shows them (VISCII Ộ 0x93 as “)."""
    return _decode_8bit(code.encode("latin-1"))


BLOCKS = [
    # (id, block, the decision)
    ("clean-abbrev-quotes", CLEAN, None),
    ("clean-heading", "UỶ BAN NHÂN DÂN TỈNH\nSố: 12/BC-UBND\n“V/v báo cáo”", None),
    ("clean-nfd", unicodedata.normalize("NFD", CLEAN), None),
    ("stripped-ocr", STRIPPED, None),
    ("stripped-gain", STRIPPED_GAIN, None),
    ("stripped-no-quotes", unicodedata.normalize("NFC", STRIPPED.replace("“", "").replace("”", "")), None),
    ("english-french", "The café “où” we met – très agréable – naïve résumé, Zürich & Ærø…", None),
    ("tcvn3", to_tcvn3(PHRASE), "tcvn3"),
    ("tcvn3-quotes-abbrev", to_tcvn3(CLEAN), "tcvn3"),
    ("tcvn3-pdf-minus", "Thñ t−íng ChÝnh phñ ®· ký QuyÕt ®Þnh vÒ b¶o l∙nh tÝn dông cho doanh nghiÖp", "tcvn3"),
    ("tcvn3-hyphen", to_tcvn3("Chủ tịch nói như sau: người dân được hưởng").replace("\xad", "-"), "tcvn3"),
    ("vni", to_vni(PHRASE), "vni"),
    ("vni-quotes-abbrev", to_vni(CLEAN), "vni"),
    ("utf8", shown(PHRASE.encode("utf-8").decode("latin-1")), "utf8"),
    ("vps", shown(to_vps(PHRASE)), "vps"),
    ("viscii", shown(to_viscii(PHRASE)), "viscii"),
    ("viscii-capitals", shown(to_viscii("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM ĐỘC LẬP TỰ DO")), "viscii"),
    ("tcvn3-mac", to_tcvn3_mac(PHRASE), "tcvn3-mac"),
    # a pasted TCVN3 line under a Unicode line: the block holds Unicode-only letters
    ("mixed-lines", CLEAN + "\n" + to_tcvn3(PHRASE), None),
    ("mixed-lines-mostly-tcvn3", "Báo cáo\n" + to_tcvn3(PHRASE + " " + PHRASE), "tcvn3"),
    # a run of word characters longer than a word (cut every 40 characters), joined by a quote
    ("long-run", "“" + "x" * 45 + "é" * 3 + "” " + to_tcvn3("chủ nghĩa xã hội"), "tcvn3"),
]


@pytest.mark.parametrize("block, decision", [pytest.param(b, d, id=i) for i, b, d in BLOCKS])
def test_gated_detection_is_the_ungated_one(block, decision):
    assert detect_legacy_reference(block) == decision
    assert detect_legacy(block) == decision


def _same_views(text: str) -> None:
    """Every encoding the gate keeps has the counts of the ungated view, and
    every encoding it leaves out cannot fire there."""
    gated = {enc: counts for enc, counts in (L._views(text) or [])}
    ref = {enc: counts for enc, counts in (L._views_reference(text) or [])}
    for enc, counts in gated.items():
        assert dict(counts) == dict(ref[enc]), (enc, text)
    for enc, counts in ref.items():
        if enc not in gated:
            s = L._score_counts(counts, enc)
            assert s.gain < 2 and not L._fires(s), (enc, text)


@pytest.mark.parametrize("block", [pytest.param(b, id=i) for i, b, _ in BLOCKS])
def test_gated_views_keep_the_counts(block):
    _same_views(block)


def test_the_gate_leaves_out_the_clean_blocks():
    """What the gate is for: Đ-abbreviations, curly quotes and OCR words are
    two "bad" words for the ungated shortcut, no evidence for the gate."""
    assert L._views_reference(CLEAN) is not None
    assert L._views(CLEAN) is None
    assert L._views(STRIPPED) is None
    assert [enc for enc, _ in L._views_reference(STRIPPED)] == list(L._DECODERS)
    assert [enc for enc, _ in L._views(STRIPPED_GAIN)] == ["tcvn3"]
    assert "viscii" in [enc for enc, _ in L._views(shown(to_viscii(PHRASE)))]


# pieces the gate could get wrong: letters each encoding changes or keeps, the quotes, dashes and
# no-break space VPS/VISCII/TCVN3-mac count as letters, glyph substitutes, combining marks, Hangul
# jamo (NFC), Đ-abbreviations, digits, punctuation, long words
_PIECES = ([w for t in (PHRASE, CLEAN, STRIPPED) for w in t.split()]
           + to_tcvn3(PHRASE).split() + to_vni(PHRASE).split() + shown(to_viscii(PHRASE)).split()
           + shown(to_vps(PHRASE)).split() + to_tcvn3_mac(PHRASE).split()
           + list("“”‘’–—…•\xa0\x85-−∙·\u02c9\uf041\uf0b8\u0301\u0309\u0323\u1100\u1161\u11a8ĐđÐ")
           + ["QĐ", "HĐND", "NĐ-CP", "UBMTTQ", "x" * 47, "é" * 43, "12/2024", " ", " ", "\n", ", ", ". "])


def _samples(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        k = rng.randrange(1, 30)
        glue = rng.choice(["", " ", " ", "“", "–"])
        out.append(glue.join(rng.choice(_PIECES) for _ in range(k)))
    return out


@pytest.mark.parametrize("seed", range(4))
def test_gated_detection_on_random_mixtures(seed):
    for text in _samples(600, seed):
        assert detect_legacy(text) == detect_legacy_reference(text), text
        if not text.isascii() and L._beyond_gate(text) and L._latin1_legacy_gate(text):
            _same_views(text)


@pytest.mark.parametrize("seed", range(2))
def test_joined_counts_and_run_gainers_match_the_whole_view(seed):
    """The two exact shortcuts, compared with the view cut whole (every sample, gate or not)."""
    from collections import Counter
    for text in _samples(500, 100 + seed):
        plain = Counter(w for w in L._WORD.findall(text) if not w.isascii())
        for enc in L._LATIN1_SHARING:
            if L.prepare(text, enc) != text:
                continue
            whole = L._view_counts(text, enc)
            assert dict(L._joined_counts(text, enc, plain)) == dict(whole), (enc, text)
            if unicodedata.is_normalized("NFC", text):
                assert min(L._run_gainers(text, enc), 2) == min(L._gainers(whole.items(), enc), 2), (enc, text)


def test_substrings_of_nfc_text_are_nfc():
    """What :func:`legacy._run_gainers` relies on: a word of an NFC view is NFC,
    so a word without a character the decoder changes comes out unchanged."""
    rng = random.Random(7)
    pool = ([chr(c) for c in range(0x41, 0x250)] + [chr(c) for c in range(0x300, 0x370)]
            + [chr(c) for c in range(0x1100, 0x1200)] + [chr(c) for c in range(0xAC00, 0xAC20)]
            + [chr(c) for c in range(0xB00, 0xB80)] + [chr(c) for c in range(0x1EA0, 0x1EFA)]
            + list("\u0344\u0f73\u212b\u2126\u0958\u3099\u309a\u304b\u0653\u0627\u05b0\u05b8"))
    for _ in range(20000):
        s = unicodedata.normalize("NFC", "".join(rng.choice(pool) for _ in range(rng.randrange(1, 10))))
        i = rng.randrange(len(s))
        j = rng.randrange(i, len(s)) + 1
        assert unicodedata.is_normalized("NFC", s[i:j]), [hex(ord(c)) for c in s]


def _documents(n: int, seed: int) -> list[str]:
    """Reports of several paragraphs: Unicode, stripped OCR, legacy, mixed, random."""
    rng = random.Random(seed)
    paras = [b for _, b, _ in BLOCKS] + _samples(40, seed)
    seps = ["\n", "\n\n", "\n \n", "\n\n\n"]
    return ["".join(rng.choice(paras) + rng.choice(seps) for _ in range(rng.randrange(1, 8))) for _ in range(n)]


@pytest.mark.parametrize("seed", range(2))
def test_paragraphs_give_the_words_and_prepare_of_the_text(seed):
    """:class:`legacy._Paragraphs`: what :func:`repair_legacy` decides the whole text with."""
    for text in _documents(150, 300 + seed):
        paras = L._Paragraphs(text)
        assert dict(paras.whole_plain()) == dict(L._plain_counts(text))
        for enc in L._DECODERS:
            assert paras.whole_same(enc) == (L.prepare(text, enc) == text), (enc, text)


def test_repair_is_the_ungated_repair(monkeypatch):
    """The pieces and repair names of whole reports, gated and shared, against
    every decision made by :func:`legacy._views_reference`."""
    docs = _documents(120, 400)
    gated = [L.repair_legacy(t) for t in docs]
    monkeypatch.setattr(L, "_views", lambda text, *shared: L._views_reference(text))
    assert gated == [L.repair_legacy(t) for t in docs]
    assert any(g is not None for g in gated) and any(g is None for g in gated)
