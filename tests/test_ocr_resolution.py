"""The resolution a scanned page is OCR'd at follows the measured table
(bench/README.md, "OCR resolution"; bench/resolution.py made it): a scan that is
one full-page image is read as it is from 100 to 350 dpi (re-rendering a 150 or
200 dpi scan at 300 dpi read worse and cost more), a finer one is rendered at
300 dpi (the same reading for less CPU), a bilevel one always as it is.  The
choice is recorded in ``pages.repairs`` (``native:200dpi``, ``rendered:400>300dpi``).

Inputs are written here: a few lines of a made-up commune report set on a
small page and rasterised at each resolution (``synth.render.text_to_scan_pdf``)."""
from __future__ import annotations

import pytest

from baocao.pipeline.stages.ocr import DPI, ocr_page, render_pdf_page, scan_resolution

LINES = (
    "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ\n"
    "Số: 125/BC-UBND ngày 14 tháng 3 năm 2024\n"
    "Tiếp nhận 214 hồ sơ, giải quyết đúng hạn 209 hồ sơ.\n"
    "Tổ chức 6 cuộc đối thoại với Nhân dân.\n"
)
SMALL_PAGE = (360.0, 160.0)   # points: a strip of a page, a few lines


# dpi, bilevel -> the dpi the page is rendered at (None: read as it is), per the table
TABLE = [
    (100, False, None),   # native 0.75 % CER, rendered at 300: 0.90 %
    (150, False, None),   # native 0.23 %, rendered at 300: 1.64 %, at 400: 1.62 %
    (200, False, None),   # native 0.26 %, rendered at 300: 0.49 % (the case)
    (250, False, None),
    (300, False, None),
    (400, False, DPI),    # native 0.25 % / 4.40 s CPU, rendered at 300: 0.23 % / 3.80 s
    (200, True, None),    # bilevel: the same reading, 22 % less CPU as it is
    (1200, True, None),
]


@pytest.mark.parametrize("dpi, bilevel, expected", TABLE)
def test_scan_resolution_follows_the_table(dpi, bilevel, expected):
    assert scan_resolution(dpi, bilevel) == expected


def _scan(tmp_path, dpi):
    from synth.render import text_to_scan_pdf

    pdf = tmp_path / f"scan{dpi}.pdf"
    text_to_scan_pdf(LINES, pdf, dpi=dpi, rotate_deg=0.0, noise=0.01, max_pages=1, page_size=SMALL_PAGE,
                     margins=16)
    return pdf


@pytest.mark.parametrize("dpi, read_at", [(150, 150), (200, 200), (300, 300), (400, 300)])
def test_page_image_is_taken_at_the_chosen_resolution(tmp_path, dpi, read_at):
    img = render_pdf_page(_scan(tmp_path, dpi), 0)
    assert img.info["dpi"] == (read_at, read_at)
    assert abs(img.width - SMALL_PAGE[0] / 72 * read_at) <= 2
    assert img.info["resolution"] == (f"native:{dpi}dpi" if read_at == dpi else f"rendered:{dpi}>{read_at}dpi")


@pytest.mark.ocr
def test_200_dpi_scan_is_read_natively_and_recorded(tmp_path):
    r = ocr_page(_scan(tmp_path, 200), "pdf", 0)
    assert "native:200dpi" in r.repairs
    for printed in ("125/BC-UBND", "214", "209", "đối thoại"):
        assert printed in r.text, (printed, r.text)
