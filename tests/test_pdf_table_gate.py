"""The geometric gate before pdfplumber's table finder, and the CPU bound on it
(``pipeline/stages/ingest/pdf_tables.py``).

Inputs are drawn here with reportlab: a ruled table (reportlab's GRID, and one
drawn Word-style, each cell border its own segment) against pages with many
ruled lines that are no table (underlined form lines, a boxed heading, a
one-column stack of boxes like a cover page's framed fields).  For each page
the gate's answer is checked against what pdfplumber itself keeps (a table of
>= 2 rows with a row of >= 2 cells): a page the gate refuses must be one where
the finder keeps nothing."""
from __future__ import annotations

import time

import pypdfium2 as pdfium
import pytest

from baocao.pipeline.stages.ingest import pdf_tables
from baocao.pipeline.stages.ingest.pdf import ingest_pdf
from baocao.pipeline.stages.ingest.pdf_tables import (TableSearchStopped, may_have_table, open_plumber,
                                                     page_text_with_tables, tables_within)
from baocao.pipeline.stages.process import finish_document

HEAD = ["STT", "Lĩnh vực", "Tiếp nhận", "Đã giải quyết"]
ROWS = [["1", "Hộ tịch", "120", "118"], ["2", "Chứng thực", "300", "300"], ["3", "Đất đai", "45", "40"],
        ["", "Tổng cộng", "465", "458"]]
INTRO = "BÁO CÁO kết quả giải quyết thủ tục hành chính năm 2024 như sau:"


def _canvas(path):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from synth.render import find_font

    pdfmetrics.registerFont(TTFont("DejaVuG", find_font()))
    c = canvas.Canvas(str(path), invariant=1)
    c.setFont("DejaVuG", 10)
    return c


def grid_table_pdf(path):
    """reportlab's Table with a GRID: the ruling as a PDF writer draws it."""
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from synth.render import find_font

    pdfmetrics.registerFont(TTFont("DejaVuG", find_font()))
    st = getSampleStyleSheet()["Normal"]
    st.fontName = "DejaVuG"
    t = Table([[Paragraph(c, st) for c in r] for r in [HEAD] + ROWS])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path), invariant=1).build([Paragraph(INTRO, st), t])


def word_style_table_pdf(path):
    """A table whose every cell border is its own short segment (as Word exports)."""
    c = _canvas(path)
    c.drawString(60, 780, INTRO)
    xs, top, h = [60, 100, 260, 360, 480], 760, 20
    for r, row in enumerate([HEAD] + ROWS):
        y = top - r * h
        for k, cell in enumerate(row):
            x0, x1 = xs[k], xs[k + 1]
            c.line(x0, y, x1, y)            # top
            c.line(x0, y - h, x1, y - h)    # bottom
            c.line(x0, y, x0, y - h)        # left
            c.line(x1, y, x1, y - h)        # right
            c.drawString(x0 + 3, y - 14, cell)
    c.save()


def ruled_form_pdf(path):
    """Many ruled lines, no table: a boxed heading, underlined form lines to fill
    in, signature rules, and a one-column stack of framed fields."""
    c = _canvas(path)
    c.rect(150, 770, 300, 40)                        # the boxed motto
    c.drawString(160, 785, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    for k in range(14):                              # form lines: label, then a rule to write on
        y = 740 - k * 22
        c.drawString(60, y + 2, f"Mục {k + 1}:")
        c.line(120, y, 530, y)
    for k in range(6):                               # framed fields, one column (two verticals only)
        y = 400 - k * 24
        c.rect(60, y - 18, 470, 20)
        c.drawString(66, y - 12, f"Trường {k + 1}")
    c.line(350, 180, 530, 180)                       # signature rules
    c.line(60, 180, 240, 180)
    c.save()


PROSE = ["Để đẩy nhanh tiến độ thực hiện các chương trình mục tiêu quốc gia trên địa bàn,",
         "yêu cầu Thủ trưởng các sở, ban, ngành và Chủ tịch UBND các huyện tập trung",
         "b) Thường xuyên phối hợp với các cơ quan, đơn vị để kịp thời hướng dẫn thực hiện."]


def hidden_layout_pdf(path, colour=(1, 1, 1), fill_boxes=True):
    """A body laid out in a Word table whose borders were hidden: each paragraph
    framed by a grid of rules drawn in ``colour`` (white: invisible on paper) and,
    as Word also does, white-filled boxes behind the cells; a border runs through
    the word "Thường" (x=72), as hidden cell borders cross the text they hold."""
    c = _canvas(path)
    xs = [60, 72, 300, 540]
    c.setStrokeColorRGB(*colour)
    c.setFillColorRGB(1, 1, 1)
    for r, line in enumerate(PROSE * 3):
        y = 760 - r * 24
        if fill_boxes:
            c.rect(60, y - 20, 480, 22, stroke=0, fill=1)
        for x0, x1 in zip(xs, xs[1:]):
            c.line(x0, y + 2, x1, y + 2)
            c.line(x0, y - 20, x1, y - 20)
            c.line(x0, y + 2, x0, y - 20)
            c.line(x1, y + 2, x1, y - 20)
    c.setFillColorRGB(0, 0, 0)
    for r, line in enumerate(PROSE * 3):
        c.drawString(62, 760 - r * 24 - 12, line)
    c.save()


def test_rules_drawn_in_white_are_no_table(tmp_path, monkeypatch):
    path = tmp_path / "hidden.pdf"
    hidden_layout_pdf(path)
    assert not _gate(path)
    assert not _kept_by_finder(path)      # pdfplumber, told the same, keeps nothing either
    calls = []
    real = pdf_tables.page_text_with_tables
    monkeypatch.setattr(pdf_tables, "page_text_with_tables", lambda *a: calls.append(a) or real(*a))
    text = ingest_pdf(path, "never").pages[0].text
    assert calls == []                    # not searched at all
    assert "\t" not in text and "b) Thường xuyên phối hợp" in text   # the prose reads as prose


def test_the_same_rules_in_ink_are_still_a_table(tmp_path):
    path = tmp_path / "inked.pdf"
    hidden_layout_pdf(path, colour=(0, 0, 0))   # the control: white was the only difference
    assert _gate(path)
    assert _kept_by_finder(path)


@pytest.mark.parametrize("colour, white", [
    (1, True), (1.0, True), (0.98, True), (0.9, False), (0, False),            # gray
    ((1, 1, 1), True), ((0.97, 0.99, 1.0), True), ((1, 0, 0), False),         # RGB: red is ink
    ((0, 0, 0, 0), True), ((0, 0, 0, 1), False), ((0.1, 0, 0, 0), False),     # CMYK: cyan is ink
    (None, False), ("P0", False), ((), False),                                # unknown: taken as ink
])
def test_paper_white_in_pdfplumbers_colour_values(colour, white):
    assert pdf_tables._white_plumber(colour) is white


def _kept_by_finder(path, index=0) -> bool:
    pl = open_plumber(path)
    try:
        return page_text_with_tables(pl, index) is not None
    finally:
        pl.close()


def _gate(path, index=0) -> bool:
    pdf = pdfium.PdfDocument(str(path))
    try:
        page = pdf[index]
        try:
            return may_have_table(page)
        finally:
            page.close()
    finally:
        pdf.close()


@pytest.mark.parametrize("make", [grid_table_pdf, word_style_table_pdf])
def test_a_ruled_table_passes_the_gate_and_is_read_as_rows(tmp_path, make):
    path = tmp_path / "t.pdf"
    make(path)
    assert _gate(path)
    ing = ingest_pdf(path, "never")
    text = ing.pages[0].text
    assert "Hộ tịch\t120\t118" in text.replace("1\tHộ tịch", "Hộ tịch")
    assert "Tổng cộng\t465\t458" in text


def test_many_ruled_lines_that_are_no_table_are_not_searched(tmp_path, monkeypatch):
    path = tmp_path / "form.pdf"
    ruled_form_pdf(path)
    pdf = pdfium.PdfDocument(str(path))
    n_paths = sum(1 for o in pdf[0].get_objects() if o.type == pdfium.raw.FPDF_PAGEOBJ_PATH)
    pdf.close()
    assert n_paths >= 20                  # the old test (>= 8 path objects) searched this page
    assert not _gate(path)
    assert not _kept_by_finder(path)      # and the finder, run anyway, keeps nothing: the gate lost nothing
    calls = []
    real = pdf_tables.page_text_with_tables
    monkeypatch.setattr(pdf_tables, "page_text_with_tables", lambda *a: calls.append(a) or real(*a))
    ing = ingest_pdf(path, "never")
    assert calls == []
    assert "Trường 6" in ing.pages[0].text


def test_the_gate_passes_exactly_the_pages_where_the_finder_keeps_a_table(tmp_path):
    for make in (grid_table_pdf, word_style_table_pdf, ruled_form_pdf):
        path = tmp_path / f"{make.__name__}.pdf"
        make(path)
        assert _gate(path) == _kept_by_finder(path), make.__name__


def test_the_gate_is_cheap(tmp_path):
    path = tmp_path / "t.pdf"
    word_style_table_pdf(path)
    pdf = pdfium.PdfDocument(str(path))
    page = pdf[0]
    t0 = time.process_time()
    for _ in range(20):
        may_have_table(page)
    per_page = (time.process_time() - t0) / 20
    page.close()
    pdf.close()
    assert per_page < 0.05   # ~160 segments: a few ms (pdfplumber's finder: 0.1-2 s a page)


def _burn():
    x = 0
    while True:
        x += 1


def test_the_cpu_bound_stops_a_search_and_says_so():
    t0 = time.process_time()
    with pytest.raises(TableSearchStopped):
        tables_within(_burn, 0.2)
    assert time.process_time() - t0 < 5
    assert tables_within(lambda: 42, 0.2) == 42    # a search within the bound returns its value
    time.sleep(0.3)                                # and the timer is off afterwards: nothing fires


def test_a_page_whose_table_search_runs_out_of_time_keeps_its_text_and_is_flagged(tmp_path, monkeypatch):
    path = tmp_path / "t.pdf"
    word_style_table_pdf(path)
    real = pdf_tables.page_text_with_tables

    def slow(pl, index):
        t0 = time.process_time()
        while time.process_time() - t0 < 2:   # a finder lost in a page's ruling
            pass
        return real(pl, index)

    monkeypatch.setattr(pdf_tables, "page_text_with_tables", slow)
    monkeypatch.setattr(pdf_tables, "TABLE_CPU_SECONDS", 0.3)
    ing = ingest_pdf(path, "never")
    page = ing.pages[0]
    assert "table search stopped after 0.3 s CPU" in page.note
    assert "Hộ tịch" in page.text and "Tổng cộng" in page.text   # the text layer's reading, kept
    assert "\t" not in page.text
    doc = finish_document("d" * 16, "pdf", ing.pages, None)["document"]
    assert doc["needs_review"]
    assert "table search stopped (CPU bound): page 1" in doc["review_reason"]
