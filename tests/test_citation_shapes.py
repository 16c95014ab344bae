"""Symbol shapes real documents print (issue 14): one table row per shape,
each asserting the canonical key and the exact span of the mention."""
from __future__ import annotations

import pytest

from baocao.extractors.canonical import canonical_key, canonicalize, loose_key
from baocao.extractors.citations import extract_citations
from baocao.pipeline.stages.extract import _is_own_number, run_extractors


def _full(text):
    return [c for c in extract_citations(text) if c.form == "full"]


# (text, key, raw): raw is the mention as the row must carry it
SHAPES = [
    # a decimal point in the number
    ("căn cứ Nghị quyết số 12.3/2024/NQ-CP ngày 02/02/2024 của Chính phủ",
     "12.3/2024/NQ-CP", "Nghị quyết số 12.3/2024/NQ-CP"),
    # letter suffixes
    ("theo Quyết định số 815A/QĐ-SYT ngày 03/4/2019", "815A/QĐ-SYT", "Quyết định số 815A/QĐ-SYT"),
    ("thực hiện Nghị quyết 41D/NQ-CP của Chính phủ", "41D/NQ-CP", "Nghị quyết 41D/NQ-CP"),
    ("thực hiện Nghị quyết số 41d/NQ-CP của Chính phủ", "41D/NQ-CP", "Nghị quyết số 41d/NQ-CP"),
    # joint documents, issuers after a dash or after a second slash
    ("Thông tư liên tịch số 05/2019/TTLT-BNV-BTC hướng dẫn", "05/2019/TTLT-BNV-BTC",
     "Thông tư liên tịch số 05/2019/TTLT-BNV-BTC"),
    ("Nghị quyết liên tịch số 09/2023/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 01/3/2023",
     "09/2023/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN",
     "Nghị quyết liên tịch số 09/2023/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN"),
    # telegrams: the issuer after a line-end dash or a spaced dash is kept
    ("Công điện số 95/CĐ-\nTTg ngày 9/9/2024", "95/CĐ-TTG", "Công điện số 95/CĐ-\nTTg"),
    ("Công điện số 95/CĐ- TTg ngày 9/9/2024", "95/CĐ-TTG", "Công điện số 95/CĐ- TTg"),
    ("Công điện số 95/CĐ-TTg ngày 9/9/2024", "95/CĐ-TTG", "Công điện số 95/CĐ-TTg"),
    # dotted unit codes
    ("Hội có Văn bản số 07/HCCB.TH ngày 12/3/2024", "07/HCCB.TH", "Văn bản số 07/HCCB.TH"),
    # unit codes that start with a letter-digit or a digit
    ("Công văn số 1207/C06-P4 ngày 2/5/2024 của Cục", "1207/C06-P4", "Công văn số 1207/C06-P4"),
    ("Công văn số 88/UBND-2VP ngày 2/5/2024", "88/UBND-2VP", "Công văn số 88/UBND-2VP"),
    # a space after a dash
    ("Quyết định số 512/QĐ- TTHCC ngày 5/6/2024", "512/QĐ-TTHCC", "Quyết định số 512/QĐ- TTHCC"),
    # broken at a line-end hyphen (PDF)
    ("Công văn số 1448/UBND-\nKSTTHC ngày 4/4/2024", "1448/UBND-KSTTHC", "Công văn số 1448/UBND-\nKSTTHC"),
    # OCR letter/digit swaps inside codes, read back from the code tables
    ("Kết luận số 21-KL/IW ngày 25/10/2021", "21-KL/TW", "Kết luận số 21-KL/IW"),
    ("Luật số 55/2005/QHI1 ngày 29/11/2005", "55/2005/QH11", "Luật số 55/2005/QHI1"),
    ("Chỉ thị số 05-CI/TW ngày 15/5/2016", "05-CT/TW", "Chỉ thị số 05-CI/TW"),
    # a symbol of one unknown segment, introduced by kind words
    ("Hội Nông dân có Văn bản số 03/HND ngày 1/7/2024", "03/HND", "Văn bản số 03/HND"),
]


@pytest.mark.parametrize("text, key, raw", SHAPES)
def test_symbol_shape_key_and_span(text, key, raw):
    cs = _full(text)
    assert [c.key for c in cs] == [key]
    c = cs[0]
    assert c.raw == raw
    assert text[c.start:c.end] == raw


@pytest.mark.parametrize("text", [
    "đạt 66.4/100 điểm",                    # a decimal number over a count
    "theo 03/HND ngày 1/7/2024",             # one unknown segment without kind words
    "Kế hoạch số 12/KH-UBND-\nTrong năm",    # a prose word after a line-end dash
    "tỷ lệ 12.5/KH",                         # not a code after a decimal
])
def test_shapes_that_are_not_extended(text):
    keys = [c.key for c in _full(text)]
    assert "03/HND" not in keys and not any("TRONG" in k for k in keys)
    assert not any(k.startswith("66.4") or k.startswith("12.5") for k in keys)


@pytest.mark.parametrize("printed, key, repaired", [
    ("22/2008/QHI2", "22/2008/QH12", True),     # I read for 1 in the term
    ("12-KL/IW", "12-KL/TW", True),             # I read for T
    ("12/UBND-IW", "12/UBND-IW", False),        # a unit position: unit codes are open-ended
    ("31/2024/QH1S", "31/2024/QH15", True),     # S read for 5
])
def test_ocr_swaps_restored_only_to_known_codes(printed, key, repaired):
    assert canonicalize(printed) == (key, repaired)


def test_bare_symbol_needs_the_flag():
    assert canonical_key("01/HLV") is None
    assert canonicalize("01/HLV", bare=True)[0] == "01/HLV"
    assert canonicalize("01/Hội", bare=True)[0] is None


def test_joint_second_slash_only_after_a_joint_type():
    assert canonical_key("09/2023/NQLT/UBTVQH15-CP") == "09/2023/NQLT/UBTVQH15-CP"
    assert canonical_key("09/2023/NQ/UBTVQH15-CP") is None


# -- the document's own number -------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("04/BC-UBND", "4/BC-UBND"), ("O4/BC-UBND", "04/BC-UBND"), ("12/QD-UBND", "12/QĐ-UBND"),
    ("l2/QĐ-UBND", "12/QĐ-UBND"),
])
def test_loose_key_equal(a, b):
    assert loose_key(a) == loose_key(b)


def test_loose_key_differs():
    assert loose_key("12/QĐ-UBND") != loose_key("13/QĐ-UBND")
    assert loose_key("12/QĐ-UBND") != loose_key("12/KH-UBND")


class _C:
    def __init__(self, key, date=None):
        self.key, self.date = key, date


@pytest.mark.parametrize("key, date, own", [
    ("1205/QĐ-UBND", None, True),
    ("1205/QD-UBND", None, True),            # Đ lost in the repeat
    ("O1205/QĐ-UBND", None, True),           # OCR'd leading zero
    ("1205/QĐ-UBND", "2024-06-03", True),    # the repeat with the document's date
    ("1205/QĐ-UBND", "2023-02-01", False),   # an earlier document with the same number
    ("1206/QĐ-UBND", None, False),
])
def test_is_own_number(key, date, own):
    head = {"doc_number": "1205/QĐ-UBND", "issue_date": "2024-06-03"}
    assert _is_own_number(_C(key, date), head) is own


def test_own_number_repeated_in_annex_and_footer_is_not_a_citation():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 1205/QĐ-UBND\nĐồng Tháp, ngày 03 tháng 6 năm 2024\n\n"
        "QUYẾT ĐỊNH\nBan hành Quy chế phối hợp\n\n"
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n"
        "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.\n\f"
        "QUY CHẾ\n(Ban hành kèm theo Quyết định số 1205/QĐ-UBND ngày 03/6/2024 của UBND tỉnh)\n"
        "Quyết định số 1205/QD-UBND - trang 2\n"
    )
    ex = run_extractors(text)
    assert ex.header.get("doc_number") == "1205/QĐ-UBND"
    assert [c["key"] for c in ex.citations] == ["30/2020/NĐ-CP"]


# -- shapes of issue 14 not covered above ----------------------------------------

@pytest.mark.parametrize("text, key, raw", [
    # a joint circular of three ministries, one of them with a Đ in its code
    ("theo Thông tư liên tịch số 11/2018/TTLT-BYT-BTC-BLĐTBXH ngày 3/5/2018", "11/2018/TTLT-BYT-BTC-BLĐTBXH",
     "Thông tư liên tịch số 11/2018/TTLT-BYT-BTC-BLĐTBXH"),
    # a decimal number and a letter suffix in lower-case prose around them
    ("và Nghị quyết 58.2/2025/NQ-CP của Chính phủ", "58.2/2025/NQ-CP", "Nghị quyết 58.2/2025/NQ-CP"),
    ("Quyết định số 2291C/QĐ-UBND ngày 5/6/2024", "2291C/QĐ-UBND", "Quyết định số 2291C/QĐ-UBND"),
])
def test_more_symbol_shapes(text, key, raw):
    cs = _full(text)
    assert [c.key for c in cs] == [key]
    assert cs[0].raw == raw and text[cs[0].start:cs[0].end] == raw


def test_line_end_hyphen_break_in_a_pdf_text_layer(tmp_path):
    """A number whose symbol a PDF line ends inside, after its hyphen (written
    for this test: one line ends ``...4127/UBND-``, the next starts
    ``NCKSTTHC ...``).  pdfium's text joins a line that ends with a hyphen to
    the next, so the row is one whole symbol, dated."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from baocao.pipeline.stages.ingest.pdf import ingest_pdf
    from baocao.pipeline.stages.process import finish_document
    from synth.render import find_font

    if "VNshape" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("VNshape", find_font()))
    path = tmp_path / "hyphen.pdf"
    c = canvas.Canvas(str(path))
    t = c.beginText(50, 780)
    t.setFont("VNshape", 11)
    for line in ["ỦY BAN NHÂN DÂN TỈNH HÀ NAM", "Số: 88/BC-UBND", "BÁO CÁO",
                 "Thực hiện Công văn số 4127/UBND-",
                 "NCKSTTHC ngày 12/3/2024 của Ủy ban nhân dân tỉnh về rà soát thủ tục hành chính,",
                 "các sở, ban, ngành đã tổ chức tiếp nhận và giải quyết hồ sơ đúng hạn."]:
        t.textLine(line)
    c.drawText(t)
    c.showPage()
    c.save()
    ing = ingest_pdf(path, "never")
    res = finish_document("d", "pdf", ing.pages)
    cits = [c for c in res["citations"] if c["key"] == "4127/UBND-NCKSTTHC"]
    assert len(cits) == 1 and cits[0]["date"] == "2024-03-12"
    assert " ".join(cits[0]["raw"].split()) in ("Công văn số 4127/UBND-NCKSTTHC", "Công văn số 4127/UBND- NCKSTTHC")


# a slash lost between the number and a type code the table knows (a scanner's
# OCR, a hurried typist): restored, at a lower confidence, with a note
@pytest.mark.parametrize("text, key, raw", [
    ("Căn cứ Quyết định số 175QĐ-SYT ngày 05/10/2017 của Sở Y tế;", "175/QĐ-SYT", "Quyết định số 175QĐ-SYT"),
    ("Thực hiện Kế hoạch 12KH-UBND ngày 3/1/2024 của UBND xã", "12/KH-UBND", "Kế hoạch 12KH-UBND"),
    ("Quyết định số 175 QĐ-SYT ngày 5/10/2017", "175/QĐ-SYT", "Quyết định số 175 QĐ-SYT"),   # a blank for it
    ("theo Quyet dinh so 88QD-UBND ngay 2/5/2024", "88/QĐ-UBND", "Quyet dinh so 88QD-UBND"),  # marks lost too
    ("đã gửi 04BC-UBND cho Huyện ủy", "04/BC-UBND", "04BC-UBND"),   # no kind words: an issuer code after the dash
])
def test_lost_slash_is_restored(text, key, raw):
    cs = _full(text)
    assert [(c.key, c.raw, c.confidence) for c in cs] == [(key, raw, 0.75)]
    assert text[cs[0].start:cs[0].end] == raw
    assert cs[0].note.startswith("slash restored: ") and cs[0].note.endswith(f" read as {key}")


@pytest.mark.parametrize("text", [
    "hệ thống 3CT-A và lô hàng 12BC-XK",       # a type code glued, but no kind words and no issuer after it
    "tổng 175 QĐ-SYT",                          # a blank for the slash only after kind words
    "mã 20UBND-VP của phòng",                   # an issuer glued to digits is not a type code's shape
    "Quyết định số 12AB-UBND",                  # AB is no type code
])
def test_lost_slash_is_not_guessed(text):
    assert _full(text) == []
