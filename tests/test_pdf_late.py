"""A number and day an e-office system drew into a flattened page after its body
(pipeline/stages/ingest/pdf_late.py): pdfium reads them last, they go back into
their blanks.  Every PDF is drawn here with reportlab."""
from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

import baocao
from baocao.pipeline.stages.ingest.pdf import open_pdf, page_text
from synth.render import find_font

W, H = A4
BODY = ["Thực hiện Kế hoạch số 125/KH-UBND ngày 15 tháng 01 năm 2024 của Ủy ban nhân dân tỉnh,",
        "các cơ quan, đơn vị triển khai thực hiện các nội dung sau đây."]


def _pdf(path, *, number="542", day="06", blank_number=True, blank_day=True, late_page_number=False):
    if "VN" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("VN", find_font()))
    c = canvas.Canvas(str(path), pagesize=A4)
    c.setFont("VN", 12)
    c.drawCentredString(160, 790, "ỦY BAN NHÂN DÂN")
    c.drawCentredString(160, 775, "TỈNH QUẢNG NGÃI")
    c.drawCentredString(420, 790, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    c.drawCentredString(420, 775, "Độc lập - Tự do - Hạnh phúc")
    left = "Số:          /TB-UBND" if blank_number else f"Số: {number}/TB-UBND"
    c.drawString(100, 745, left)
    right = "Quảng Ngãi, ngày       tháng 11 năm 2024" if blank_day else f"Quảng Ngãi, ngày {day} tháng 11 năm 2024"
    c.drawString(310, 745, right)
    c.drawCentredString(W / 2, 710, "THÔNG BÁO")
    c.drawCentredString(W / 2, 694, "Kết luận của Chủ tịch tại cuộc họp giao ban")
    for k, line in enumerate(BODY):
        c.drawString(85, 660 - 18 * k, line)
    c.drawString(85, 600, "Nơi nhận:")
    c.drawString(400, 600, "CHỦ TỊCH")
    c.drawString(395, 540, "Đặng Văn Minh")
    # drawn last: the e-office fill (and, on request, a page number at the top)
    if blank_number:
        c.drawString(100 + pdfmetrics.stringWidth("Số: ", "VN", 12) + 6, 745, number)
    if blank_day:
        c.drawString(310 + pdfmetrics.stringWidth("Quảng Ngãi, ngày ", "VN", 12) + 4, 745, day)
    if late_page_number:
        c.drawCentredString(W / 2, 815, "2")
    c.save()


def _text(path) -> tuple[str, list]:
    pdf = open_pdf(path)
    try:
        pt = page_text(pdf, 0)
    finally:
        pdf.close()
    return pt.text, pt.notes


def test_the_late_number_and_day_go_into_their_blanks(tmp_path):
    p = tmp_path / "tb.pdf"
    _pdf(p)
    raw = pdfium.PdfDocument(str(p))[0].get_textpage().get_text_range()
    assert raw.split()[-2:] == ["542", "06"]     # pdfium reads them last, after the signer
    text, notes = _text(p)
    assert "Số: 542/TB-UBND" in text
    assert "ngày 06 tháng 11 năm 2024" in text
    assert not text.rstrip().endswith(("542", "06"))
    assert notes == ["late fill text inserted (2)"]


def test_end_to_end_the_header_reads_them(tmp_path):
    arch = tmp_path / "arch"
    arch.mkdir()
    _pdf(arch / "tb.pdf", number="1187", day="21")
    out = tmp_path / "out"
    baocao.run(arch, out)
    doc = baocao.load(out)["documents"].iloc[0]
    assert (doc.doc_number, doc.issue_date) == ("1187/TB-UBND", "2024-11-21")
    assert "late fill text inserted (2)" in baocao.load(out)["pages"].note.iloc[0]


@pytest.mark.parametrize("kw, number_line, day_line", [
    # only the day was left blank
    ({"blank_number": False}, "Số: 542/TB-UBND", "ngày 06 tháng 11"),
    # nothing blank: nothing moves (the gate)
    ({"blank_number": False, "blank_day": False}, "Số: 542/TB-UBND", "ngày 06 tháng 11"),
])
def test_partial_or_no_blank(tmp_path, kw, number_line, day_line):
    p = tmp_path / "tb.pdf"
    _pdf(p, **kw)
    text, notes = _text(p)
    assert number_line in text and day_line in text
    assert notes == (["late fill text inserted (1)"] if kw.get("blank_day", True) else [])


def test_a_late_value_with_no_blank_stays_where_it_was_drawn(tmp_path):
    p = tmp_path / "tb.pdf"
    _pdf(p, late_page_number=True)
    text, notes = _text(p)
    assert "Số: 542/TB-UBND" in text and "ngày 06 tháng" in text
    assert text.rstrip().endswith("2")           # the page number: no blank on its line
    assert notes == ["late fill text inserted (2)"]
