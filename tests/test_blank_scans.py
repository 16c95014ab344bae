"""A blank sheet in a scanned PDF (the back of a page, a separator): found by
its OCR task on the page it renders, never OCR'd, noted ``blank page`` as the
ingest notes a blank page without images (stages/ocr.py, runner/run.py)."""
from __future__ import annotations

import io

import pandas as pd
import pytest
from PIL import Image, ImageDraw

from baocao.pipeline.runner.run import Options, run
from baocao.pipeline.stages.ocr import is_blank_image


def _scan_pdf(path, pages):
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    for img in pages:
        buf = io.BytesIO()
        img.save(buf, format="PNG")
        buf.seek(0)
        c.drawImage(ImageReader(buf), 0, 0, width=595, height=842)
        c.showPage()
    c.save()


def _sheet(ink=None, paper=250):
    img = Image.new("L", (1240, 1754), paper)
    if ink:
        ImageDraw.Draw(img).rectangle(ink, fill=20)
    img.info["dpi"] = (150, 150)
    return img


@pytest.mark.parametrize("img, blank", [
    (_sheet(), True),
    (_sheet(paper=215), True),                       # grayish paper, no ink
    (_sheet(ink=(600, 800, 660, 812)), False),      # one short stroke of print
    (_sheet(ink=(100, 100, 1100, 1600)), False),
])
def test_blank_image(img, blank):
    assert is_blank_image(img) is blank
    assert is_blank_image(img.convert("RGB")) is blank


def test_blank_scanned_page_is_noted_and_not_ocred(tmp_path, monkeypatch):
    from baocao.pipeline.stages import tesseract

    def no_ocr(*a, **k):
        raise AssertionError("a blank page went to tesseract")

    monkeypatch.setattr(tesseract, "ocr_page_image", no_ocr)
    arch = tmp_path / "a"
    arch.mkdir()
    _scan_pdf(arch / "blank-scan.pdf", [_sheet(), _sheet(paper=230)])
    out = tmp_path / "o"
    run(Options(archive=arch, out=out, workers=1, progress=False))
    pages = pd.read_parquet(out / "pages.parquet")
    assert list(pages.note) == ["blank page", "blank page"]
    assert list(pages.grade) == ["good", "good"]
    assert pages.ocr_confidence.isna().all()
    docs = pd.read_parquet(out / "documents.parquet")
    assert docs.error.isna().all() and int(docs.ocr_pages.iloc[0]) == 0
