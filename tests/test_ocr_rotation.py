"""A page scanned on its side or upside down is turned upright before OCR."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import corpus_text
from baocao.pipeline.runner.run import Options, run

pytestmark = [pytest.mark.xdist_group("ocr"), pytest.mark.slow, pytest.mark.ocr]


@pytest.mark.parametrize("angle", [90, 180])
def test_rotated_scan_is_read(tmp_path, angle):
    from synth.render import images_to_pdf, pdf_to_images, text_to_scan_pdf

    src = corpus_text("000")
    i = src.index("04/2015/NĐ-CP")
    excerpt = src[max(0, i - 600): i + 600]
    text_to_scan_pdf(excerpt, tmp_path / "upright.pdf", dpi=300, rotate_deg=0.3, noise=0.02, max_pages=1)
    page = pdf_to_images(tmp_path / "upright.pdf", dpi=300, grayscale=True)[0]
    arch = tmp_path / "a"
    arch.mkdir()
    images_to_pdf([page.rotate(angle, expand=True, fillcolor=255)], arch / "sideways.pdf", dpi=300)
    out = tmp_path / "o"
    run(Options(archive=arch, out=out, workers=1, progress=False))
    cit = pd.read_parquet(out / "citations.parquet")
    pages = pd.read_parquet(out / "pages.parquet")
    assert "04/2015/NĐ-CP" in set(cit.key)
    assert f"turned {angle}° before OCR" in pages.note.iloc[0]
    assert pages.grade.iloc[0] == "good"
