"""Tests for the synthetic document generators (synth.render, synth.damage).

Fast: low dpi everywhere, no OCR.
"""
from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path

import docx
import numpy as np
import pdfplumber
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from synth import damage, render

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "data" / "raw"   # the corpus reports NNN_<hash>.txt (make_sample reads only those)

DECREE_LINE = "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết"
LONG_LINE = (
    "Ủy ban nhân dân thị trấn đã tiếp nhận và giải quyết đơn thư khiếu nại, tố cáo, "
    "kiến nghị, phản ánh của công dân đúng quy định, không để tồn đọng kéo dài, "
    "đồng thời tổ chức đối thoại trực tiếp với Nhân dân theo Quy định số 11-QĐi/TW "
    "ngày 18/02/2019 của Ban Chấp hành Trung ương về trách nhiệm người đứng đầu."
)
PAGE2 = "Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị (khóa XI)."


def _pdf_texts(path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


def _words(s: str) -> list[str]:
    return s.split()


# ----------------------------------------------------------------------------- text PDF


def test_text_pdf_round_trip_keeps_diacritics_and_keys(tmp_path):
    p = tmp_path / "a.pdf"
    n = render.text_to_pdf("BÁO CÁO\n\n" + DECREE_LINE + "\n" + LONG_LINE + "\f" + PAGE2, p)
    pages = _pdf_texts(p)
    assert n == len(pages) == 2
    assert "Nghị định số 59/2023/NĐ-CP" in pages[0]
    # the long line is re-wrapped, but every word (with its diacritics) survives, in order
    assert _words(LONG_LINE) == _words(pages[0])[-len(_words(LONG_LINE)) :]
    assert "120-KL/TW" in pages[1] and "Bộ Chính trị" in pages[1]
    assert "120-KL/TW" not in pages[0]


def test_text_pdf_wraps_inside_margins_and_breaks_pages(tmp_path):
    p = tmp_path / "long.pdf"
    body = "\n".join([LONG_LINE] * 40)  # far more than one A4 page
    n = render.text_to_pdf(body, p, font_size=12)
    assert n >= 3
    margin = 20 * 72 / 25.4
    with pdfplumber.open(p) as pdf:
        assert len(pdf.pages) == n
        for page in pdf.pages:
            assert page.chars
            assert max(c["x1"] for c in page.chars) <= page.width - margin + 0.5
            assert min(c["x0"] for c in page.chars) >= margin - 0.5
            assert min(c["top"] for c in page.chars) >= margin - 1
            assert max(c["bottom"] for c in page.chars) <= page.height - margin + 16


def test_text_pdf_splits_overlong_word(tmp_path):
    p = tmp_path / "w.pdf"
    render.text_to_pdf("x" * 400, p)
    text = "".join(_pdf_texts(p)).replace("\n", "")
    assert text == "x" * 400


def test_text_pdf_is_deterministic(tmp_path):
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    render.text_to_pdf(DECREE_LINE, a)
    render.text_to_pdf(DECREE_LINE, b)
    assert a.read_bytes() == b.read_bytes()


def test_find_font_missing_family_raises_clear_error():
    with pytest.raises(render.FontNotFoundError, match="SYNTH_FONT"):
        render.find_font("No Such Font Family Xyz")
    assert render.find_font().endswith((".ttf", ".otf"))


# ----------------------------------------------------------------------------- raster / scans


def test_pdf_to_images_size_follows_dpi(tmp_path):
    p = tmp_path / "a.pdf"
    render.text_to_pdf(DECREE_LINE, p)
    (img,) = render.pdf_to_images(p, dpi=50)
    assert abs(img.width - round(render.A4[0] * 50 / 72)) <= 1
    assert abs(img.height - round(render.A4[1] * 50 / 72)) <= 1
    assert np.asarray(img.convert("L")).min() < 100  # something dark was drawn


def test_scan_pdf_has_no_text_layer_and_right_page_count(tmp_path):
    p = tmp_path / "s.pdf"
    text = "\f".join([DECREE_LINE, LONG_LINE, PAGE2])
    n = render.text_to_scan_pdf(text, p, dpi=60, max_pages=2)
    assert n == 2
    with pdfplumber.open(p) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert (page.extract_text() or "").strip() == ""
            assert len(page.images) == 1
            assert abs(page.width - render.A4[0]) < 2
    assert b"/DCTDecode" in p.read_bytes()


def test_mixed_pdf_has_text_and_image_pages(tmp_path):
    p = tmp_path / "m.pdf"
    kinds = render.make_mixed_pdf([DECREE_LINE], [PAGE2], p, order="ts", dpi=60)
    assert kinds == ["text", "scan"]
    with pdfplumber.open(p) as pdf:
        t0, t1 = (pg.extract_text() or "" for pg in pdf.pages)
        assert "59/2023/NĐ-CP" in t0 and not pdf.pages[0].images
        assert t1.strip() == "" and len(pdf.pages[1].images) == 1


def test_mixed_pdf_default_order_and_validation(tmp_path):
    kinds = render.make_mixed_pdf(["a", "b"], ["c"], tmp_path / "m.pdf", dpi=40)
    assert kinds == ["text", "text", "scan"]
    with pytest.raises(ValueError):
        render.make_mixed_pdf(["a"], ["c"], tmp_path / "x.pdf", order="tt")
    with pytest.raises(ValueError):
        render.make_mixed_pdf(["a"], [], tmp_path / "x.pdf", order="q")


def test_tiff_is_multipage(tmp_path):
    p = tmp_path / "a.tiff"
    written = render.text_to_image("\f".join([DECREE_LINE, LONG_LINE, PAGE2]), p, dpi=50, noise=0.02)
    assert written == [p]
    with Image.open(p) as im:
        assert im.n_frames == 3
        assert im.mode == "L"


def test_png_pages_go_to_numbered_files(tmp_path):
    p = tmp_path / "a.png"
    written = render.text_to_image(DECREE_LINE + "\f" + PAGE2, p, dpi=40)
    assert written == [p, tmp_path / "a-p2.png"]
    assert all(w.is_file() for w in written)
    with pytest.raises(ValueError):
        render.text_to_image("x", tmp_path / "a.bmp")


def _page_image() -> Image.Image:
    img = Image.new("L", (300, 200), 255)
    img.paste(0, (50, 50, 250, 150))
    return img


def test_degrade_is_deterministic_for_a_seed():
    img = _page_image()
    kw = dict(rotate_deg=0.8, noise=0.05, blur=0.5, jpeg_quality=70)
    a = render.degrade(img, seed=7, **kw)
    b = render.degrade(img, seed=7, **kw)
    c = render.degrade(img, seed=8, **kw)
    assert a.mode == "L" and a.size == img.size
    assert a.tobytes() == b.tobytes()
    assert a.tobytes() != c.tobytes()
    assert render.degrade(img).tobytes() == img.tobytes()  # no damage asked, none done


def test_degrade_rotation_fills_white():
    black = Image.new("L", (200, 200), 0)
    rot = np.asarray(render.degrade(black, rotate_deg=5))
    assert rot[0, 0] == 255 and rot[-1, -1] == 255  # corners uncovered by the page
    assert rot[100, 100] == 0


# ----------------------------------------------------------------------------- docx


def test_docx_paragraphs_markdown_and_table(tmp_path):
    p = tmp_path / "a.docx"
    text = "## **I. KHÁI QUÁT**\n\n**BÁO CÁO** số liệu<sup>1</sup>\n" + DECREE_LINE + "\n"
    n = render.text_to_docx(text, p, table_rows=[["Lĩnh vực", "Tiếp nhận"], ["Hộ tịch", "120"]], table_after=1)
    d = docx.Document(str(p))
    assert n == 3
    assert [x.text for x in d.paragraphs] == ["I. KHÁI QUÁT", "BÁO CÁO số liệu1", DECREE_LINE]
    assert d.paragraphs[0].style.name == "Heading 2"
    runs = d.paragraphs[1].runs
    assert runs[0].text == "BÁO CÁO" and runs[0].bold
    assert runs[-1].text == "1" and runs[-1].font.superscript
    assert [[c.text for c in r.cells] for r in d.tables[0].rows] == [["Lĩnh vực", "Tiếp nhận"], ["Hộ tịch", "120"]]
    body = [el.tag.rsplit("}", 1)[1] for el in d.element.body]
    assert body[:4] == ["p", "p", "tbl", "p"]  # table after paragraph index 1


def test_docx_blocks_mode_and_reproducible_bytes(tmp_path):
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    text = "dòng một\ndòng hai\n\nkhối hai"
    assert render.text_to_docx(text, a, paragraphs="blocks") == 2
    render.text_to_docx(text, b, paragraphs="blocks")
    assert [x.text for x in docx.Document(str(a)).paragraphs] == ["dòng một dòng hai", "khối hai"]
    assert a.read_bytes() == b.read_bytes()
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zipfile.ZipFile(a).infolist())


# ----------------------------------------------------------------------------- damage


@pytest.mark.parametrize(
    "src, ascii_only, want",
    [
        ("Nghị định số 59/2023/NĐ-CP", True, "Nghi dinh so 59/2023/ND-CP"),
        ("Quy định số 11-QĐi/TW “Dân vận khéo”…", True, 'Quy dinh so 11-QDi/TW "Dan van kheo"...'),
        ("Quy định “Dân vận”", False, "Quy dinh “Dan van”"),
        ("CỘNG HOÀ XÃ HỘI\nĐộc lập\fhết", True, "CONG HOA XA HOI\nDoc lap\fhet"),
        ("thƣờng xuyên", True, "thuong xuyen"),  # broken-font ư
    ],
)
def test_strip_diacritics(src, ascii_only, want):
    assert damage.strip_diacritics(src, ascii_only=ascii_only) == want


def test_ocr_like_noise_is_deterministic_and_damages():
    text = "Quyết định số 1015/QĐ-UBND ngày 10/01/2024 của UBND tỉnh Hải Dương về kinh tế -\nxã hội\n" * 20
    a = damage.ocr_like_noise(text, seed=1, rate=0.05)
    assert a == damage.ocr_like_noise(text, seed=1, rate=0.05)
    assert a != damage.ocr_like_noise(text, seed=2, rate=0.05)
    assert a != text
    assert damage.ocr_like_noise(text, seed=1, rate=0) == text
    assert a.count("\n") == text.count("\n")


def test_ocr_like_noise_kinds():
    full = damage.ocr_like_noise("kinh tế - xã -\nhội", seed=0, rate=1.0, confusions={})
    first = full.split("\n")[0]
    assert first.count("-") == 1 and not first.rstrip().endswith("-")  # only the line-end hyphen is lost
    digits = damage.ocr_like_noise("O0l1I", seed=3, rate=1.0, confusions={"O": ("0",), "l": ("1",)})
    assert digits == "001" + "1I"
    spaced = damage.ocr_like_noise("a b c d e f g h i j k " * 30, seed=5, rate=0.5, confusions={})
    assert re.search(r"[a-k]{2}", spaced) and "  " in spaced


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăâđêôơưO0l1I -\n\f.,ạệƯĐ“”")), max_size=200), st.integers(0, 50))
def test_damage_keeps_line_structure(text, seed):
    for out in (
        damage.strip_diacritics(text),
        damage.strip_diacritics(text, ascii_only=False),
        damage.ocr_like_noise(text, seed=seed, rate=0.3),
    ):
        assert re.sub(r"[^\n\f]", "", out) == re.sub(r"[^\n\f]", "", text)


# ----------------------------------------------------------------------------- sample archive


@pytest.mark.slow
def test_make_sample_builds_small_deterministic_archive(tmp_path):
    spec = importlib.util.spec_from_file_location("make_sample", REPO / "scripts" / "make_sample.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    res = mod.build(tmp_path, CORPUS)
    names = sorted(p.name for p, *_ in res)
    assert names == sorted(
        [p.name for p in CORPUS.glob("[0-9][0-9][0-9]_*.txt")]
        + ["000_e3f78c0371c4d00c.pdf", "003_318e51082e090e4d.scan.pdf", "001_7fb30065e5d117f4.docx"]
    )
    assert sum(size for _, size, *_ in res) < 1_500_000
    pdf_text = "\n".join(_pdf_texts(tmp_path / "000_e3f78c0371c4d00c.pdf"))
    assert "1515/UBND-NV" in pdf_text
    scan = _pdf_texts(tmp_path / "003_318e51082e090e4d.scan.pdf")
    assert len(scan) == 2 and not "".join(scan).strip()
    d = docx.Document(str(tmp_path / "001_7fb30065e5d117f4.docx"))
    assert any("65/KH" in x.text for x in d.paragraphs)
    again = mod.build(tmp_path, CORPUS)  # idempotent: nothing rewritten
    assert {status for _, _, status, _ in again} == {"unchanged"}
