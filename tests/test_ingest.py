import pytest

from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest import ingest
from baocao.pipeline.stages.textlayer import text_layer_problem

VI = "Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết.\n"


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b"\xff\xfe"),
])
def test_text_encodings(tmp_path, encoding, prefix):
    p = tmp_path / "a.txt"
    p.write_bytes(prefix + (VI * 3).encode(encoding))
    got = ingest(p, "txt")
    assert len(got.pages) == 1
    assert "Nghị định số 59/2023/NĐ-CP" in got.pages[0].text
    assert not got.pages[0].text.startswith("\ufeff")


def test_text_form_feeds_are_pages(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text("trang một\ftrang hai\f", encoding="utf-8")
    got = ingest(p, "txt")
    assert [pg.text for pg in got.pages] == ["trang một", "trang hai"]


@pytest.mark.parametrize("data", [b"", b"   \n", bytes(range(256)) * 20, b"\x00\x01\x02\xff" * 500])
def test_empty_or_binary_text_is_an_error(tmp_path, data):
    p = tmp_path / "junk.txt"
    p.write_bytes(data)
    with pytest.raises(DocumentError) as e:
        ingest(p, "txt")
    assert "\n" not in str(e.value) and str(e.value)


def test_not_a_pdf(tmp_path):
    p = tmp_path / "x.pdf"
    p.write_bytes(b"hello, I am not a pdf" * 10)
    with pytest.raises(DocumentError, match="not a PDF"):
        ingest(p, "pdf")


def test_truncated_pdf(tmp_path):
    from synth.render import text_to_pdf

    good = tmp_path / "g.pdf"
    text_to_pdf(VI * 40, good)
    bad = tmp_path / "t.pdf"
    bad.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    try:
        got = ingest(bad, "pdf")
    except DocumentError as e:
        assert "PDF" in str(e)
    else:  # pdfium may recover some pages; it must not invent text
        assert len(got.pages) >= 1


def test_text_pdf_pages(tmp_path):
    from synth.render import text_to_pdf

    p = tmp_path / "a.pdf"
    n = text_to_pdf(VI * 5 + "\f" + "Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị.\n" * 5, p)
    got = ingest(p, "pdf", "auto")
    assert len(got.pages) == n == 2
    assert all(pg.source == "pdf_text" and pg.needs_ocr is None for pg in got.pages)
    assert "59/2023/NĐ-CP" in got.pages[0].text
    assert "120-KL/TW" in got.pages[1].text


def test_scanned_pdf_pages_need_ocr(tmp_path):
    from synth.render import text_to_scan_pdf

    p = tmp_path / "s.pdf"
    text_to_scan_pdf(VI * 5, p, dpi=100)
    got = ingest(p, "pdf", "auto")
    assert got.pages and all(pg.needs_ocr == "no text layer" for pg in got.pages)
    never = ingest(p, "pdf", "never")
    assert all(pg.needs_ocr is None for pg in never.pages)


def test_docx_paragraphs_and_tables_in_order(tmp_path):
    from synth.render import text_to_docx

    p = tmp_path / "a.docx"
    text_to_docx("BÁO CÁO\n\n" + VI, p, table_rows=[["Lĩnh vực", "Tiếp nhận"], ["Hộ tịch", "120"]])
    got = ingest(p, "docx")
    text = got.pages[0].text
    assert text.index("BÁO CÁO") < text.index("59/2023/NĐ-CP")
    assert "Hộ tịch\t120" in text


def test_docx_junk(tmp_path):
    p = tmp_path / "a.docx"
    p.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DocumentError):
        ingest(p, "docx")


def test_images(tmp_path):
    from PIL import Image

    multi = tmp_path / "m.tif"
    frames = [Image.new("L", (200, 100), 255) for _ in range(3)]
    frames[0].save(multi, save_all=True, append_images=frames[1:])
    got = ingest(multi, "image")
    assert [pg.needs_ocr for pg in got.pages] == ["image"] * 3
    tiny = tmp_path / "t.png"
    Image.new("L", (1, 1), 255).save(tiny)
    with pytest.raises(DocumentError, match="too small"):
        ingest(tiny, "image")
    junk = tmp_path / "j.png"
    junk.write_bytes(b"\x89PNG not really")
    with pytest.raises(DocumentError, match="not a readable image"):
        ingest(junk, "image")


@pytest.mark.parametrize("text,problem", [
    ("", "no text layer"),
    ("   \n  ", "no text layer"),
    ("   \n  12 ", "too little text for the page's ink"),
    ("(cid:12)(cid:13)(cid:14) " * 20, "garbage text layer"),
    ("\ufffd" * 30 + "abc" * 10, "garbage text layer"),
    (VI * 2, None),
])
def test_text_layer_check(text, problem):
    assert text_layer_problem(text) == problem


def test_short_page_without_images_is_trusted():
    assert text_layer_problem("CHỦ TỊCH\nPhạm Quang Hùng", has_images=False) is None
    assert text_layer_problem("CHỦ TỊCH\nPhạm Quang Hùng", has_images=True) == "too little text for the page's ink"


def test_docx_layout_tables_read_cell_by_cell(tmp_path):
    import docx

    d = docx.Document()
    head = d.add_table(rows=2, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nXÃ ĐẠI THÀNH"
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    head.cell(1, 0).text = "Số: 45/BC-UBND"
    head.cell(1, 1).text = "Đại Thành, ngày 15 tháng 6 năm 2024"
    d.add_paragraph("BÁO CÁO")
    sig = d.add_table(rows=1, cols=2)
    sig.cell(0, 0).text = "Nơi nhận:\n- UBND huyện;\n- Lưu: VT."
    sig.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An"
    d.save(tmp_path / "h.docx")
    lines = ingest(tmp_path / "h.docx", "docx").pages[0].text.splitlines()
    assert lines[:6] == ["ỦY BAN NHÂN DÂN", "XÃ ĐẠI THÀNH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Số: 45/BC-UBND", "Đại Thành, ngày 15 tháng 6 năm 2024"]
    assert lines[-3:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]
