"""Scan repairs before OCR (pipeline/stages/repairs.py) on pages rendered here:
a red seal stamped over the signer block, a blue incoming-mail stamp, a 2°
skew, a 1-bit (CCITT G4) scan, a page stored landscape and a phone photo with
an EXIF orientation tag.  Each repair must be detected and recorded in
``pages.repairs``; the OCR tests check the repaired page reads the words under
the seal better than the unrepaired one."""
from __future__ import annotations

import io
import math
import re

import numpy as np
import pandas as pd
import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFont

from baocao.pipeline.stages import repairs
from baocao.pipeline.stages.ocr import image_frame, render_pdf_page

FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF")

LINES = [
    "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ",
    "Số: 125/BC-UBND ngày 14 tháng 3 năm 2024",
    "BÁO CÁO",
    "Kết quả thực hiện cải cách hành chính quý I",
    "Thực hiện Kế hoạch số 36/KH-UBND của huyện,",
    "Ủy ban nhân dân xã đã tiếp nhận hồ sơ đúng hạn,",
    "giải quyết kịp thời kiến nghị của người dân.",
    "Nơi nhận: Văn phòng huyện; Lưu trữ.",
    "TM. ỦY BAN NHÂN DÂN",
    "CHỦ TỊCH",
    "Nguyễn Thị Hồng Nhung",
    "Đặng Quốc Khánh phụ trách tổng hợp",
]
SEAL_LINES = (8, 9, 10, 11)   # the lines the seal is stamped over


def _font(size: int):
    for d in FONT_DIRS:
        try:
            return ImageFont.truetype(f"{d}/DejaVuSerif.ttf", size)
        except OSError:
            continue
    raise AssertionError("DejaVu fonts missing (Debian: fonts-dejavu-core)")


def _page(scale: float = 1.0):
    """A white RGB page of Vietnamese text (about 200 dpi: 11 pt is 32 px) and the
    boxes of its words, per line."""
    font = _font(round(32 * scale))
    w, h = round(1400 * scale), round(1150 * scale)
    img = Image.new("RGB", (w, h), (250, 250, 247))
    draw = ImageDraw.Draw(img)
    boxes: list[list[tuple[str, tuple[int, int, int, int]]]] = []
    y = round(60 * scale)
    for line in LINES:
        x = round(90 * scale)
        words = []
        for word in line.split():
            l, t, r, b = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill=(20, 20, 20))
            words.append((word, (l, t, r, b)))
            x = r + round(14 * scale)
        boxes.append(words)
        y += round(82 * scale)
    return img, boxes


def _stamp(page, ink, centre, radius, text, width=None):
    """Stamp a seal (rings, a star and text, in ``ink``) over ``page`` as ink does:
    multiplied with what is printed, so black text under it stays black."""
    seal = Image.new("RGB", page.size, (255, 255, 255))
    d = ImageDraw.Draw(seal)
    cx, cy = centre
    width = width or max(6, radius // 14)
    for r in (radius, radius - 3 * width):
        d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=ink, width=width)
    d.regular_polygon((cx, cy, radius // 5), 5, fill=ink)
    font = _font(max(14, radius // 5))
    for i, ch in enumerate(text):
        a = math.pi * (1.05 + 0.9 * i / max(1, len(text) - 1))
        d.text((cx + 0.78 * radius * math.cos(a), cy + 0.78 * radius * math.sin(a)), ch, font=font,
               fill=ink, anchor="mm")
    # the dense emblem inside the seal: strokes across the words
    for k in range(-radius // 2, radius // 2, max(8, radius // 12)):
        d.line((cx - radius // 2, cy + k, cx + radius // 2, cy + k + radius // 6), fill=ink, width=3)
    return ImageChops.multiply(page, seal)


def _sealed_page(scale: float = 1.0):
    page, boxes = _page(scale)
    y0 = boxes[SEAL_LINES[0]][0][1][1]
    y1 = boxes[SEAL_LINES[-1]][0][1][3]
    centre = (round(330 * scale), (y0 + y1) // 2)
    radius = (y1 - y0) // 2 + round(30 * scale)
    sealed = _stamp(page, (214, 34, 46), centre, radius, "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ")
    covered = [w for i in SEAL_LINES for w, (l, t, r, b) in boxes[i]
               if l < centre[0] + radius and r > centre[0] - radius]
    return page, sealed, covered


def _gray(img):
    return np.asarray(img.convert("L"), dtype=np.int16)


# -- colour ink ----------------------------------------------------------------------------------

def test_red_seal_is_lightened_and_black_text_under_it_kept():
    clean, sealed, covered = _sealed_page()
    assert len(covered) >= 6
    out, note = repairs.suppress_colour_ink(sealed)
    assert note == "red-ink"
    assert out.mode == "L"
    seal_px = (_gray(sealed) < 150) & (_gray(clean) > 200)      # ink of the seal only
    text_px = _gray(clean) < 80                                  # printed text (under the seal too)
    assert seal_px.sum() > 5000
    assert np.mean(_gray(out)[seal_px] > 200) > 0.97             # the seal is gone
    assert np.mean(_gray(out)[text_px] < 100) > 0.97             # the text stays black


def test_blue_stamp_is_lightened_and_named():
    page, _ = _page()
    stamped = _stamp(page, (40, 60, 190), (1000, 300), 150, "ĐẾN SỐ 512 NGÀY 15/3")
    out, note = repairs.suppress_colour_ink(stamped)
    assert note == "blue-ink"
    stamp_px = (_gray(stamped) < 150) & (_gray(page) > 200)
    assert np.mean(_gray(out)[stamp_px] > 200) > 0.97


def test_a_page_not_in_colour_is_only_turned_gray():
    page, _ = _page()
    for img in (page, page.convert("L"), page.convert("L").convert("RGB")):
        out, note = repairs.suppress_colour_ink(img)
        assert note is None
        assert np.array_equal(np.asarray(out), np.asarray(img.convert("L")))
    # a coloured paper (the whole page tinted) is no ink to take out
    tinted = ImageChops.multiply(page, Image.new("RGB", page.size, (255, 170, 170)))
    assert repairs.suppress_colour_ink(tinted)[1] is None


# -- skew ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("angle", [2.0, -1.2, 4.5])
def test_skewed_page_is_deskewed(angle):
    page, _ = _page()
    skewed = page.convert("L").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=250)
    out, note = repairs.deskew(skewed)
    assert note is not None and note.startswith("deskew:")
    assert abs(float(note.split(":")[1]) + angle) <= 0.25
    assert abs(repairs.estimate_skew(out)) <= 0.2


def test_straight_and_barely_skewed_pages_are_left_alone():
    page, _ = _page()
    gray = page.convert("L")
    for img in (gray, gray.rotate(0.15, resample=Image.BICUBIC, fillcolor=250)):
        out, note = repairs.deskew(img)
        assert note is None and out is img
    blank = Image.new("L", (800, 1000), 255)
    assert repairs.deskew(blank) == (blank, None)


# -- bilevel (CCITT) ------------------------------------------------------------------------------

def _ccitt_pdf(bilevel: Image.Image, dpi: int) -> bytes:
    """A one-page PDF holding ``bilevel`` as a CCITT G4 image (as scanners write them)."""
    buf = io.BytesIO()
    # Pillow writes 1-bit TIFF as min-is-black: white pixels would be CCITT "black"
    # runs; inverted, the G4 data reads as scanners write it (/BlackIs1 false)
    inverted = Image.eval(bilevel.convert("L"), lambda v: 255 - v).convert("1")
    inverted.save(buf, format="TIFF", compression="group4", tiffinfo={278: bilevel.height})
    tif = Image.open(io.BytesIO(buf.getvalue()))
    off, n = tif.tag_v2[273][0], tif.tag_v2[279][0]
    data = buf.getvalue()[off:off + n]
    w, h = bilevel.size
    pw, ph = w * 72 / dpi, h * 72 / dpi
    content = f"q {pw:.2f} 0 0 {ph:.2f} 0 0 cm /Im0 Do Q".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pw:.2f} {ph:.2f}] "
        f"/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>".encode(),
        f"<< /Type /XObject /Subtype /Image /Width {w} /Height {h} /ColorSpace /DeviceGray "
        f"/BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} /Rows {h} "
        f"/BlackIs1 false >> /Length {len(data)} >>\nstream\n".encode() + data + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for o in offsets:
        out.write(f"{o:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def test_ccitt_page_is_read_bilevel_at_its_own_resolution(tmp_path):
    page, _ = _page()
    bilevel = page.convert("L").point(lambda v: 255 if v > 140 else 0).convert("1")
    pdf = tmp_path / "ccitt.pdf"
    pdf.write_bytes(_ccitt_pdf(bilevel, dpi=200))
    img = render_pdf_page(pdf, 0)
    assert img.size == bilevel.size                     # not resampled to 300 dpi
    assert set(np.unique(np.asarray(img))) <= {0, 255}  # no gray: no interpolation
    assert np.array_equal(np.asarray(img) == 0, ~np.asarray(bilevel))
    out, notes = repairs.repair_page(img)
    assert notes == ["bilevel:200dpi"]
    assert out.size == bilevel.size and set(np.unique(np.asarray(out))) <= {0, 255}
    assert out.info["dpi"] == (200, 200)                 # tesseract is told the real resolution


@pytest.mark.parametrize("angle", [0.3, -0.4])
def test_slight_skew_is_left_to_tesseract(angle):
    page, _ = _page()
    skewed = page.convert("L").rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=250)
    out, note = repairs.deskew(skewed)
    assert note is None and out is skewed


def test_skewed_bilevel_page_is_deskewed():
    page, _ = _page()
    bilevel = page.convert("L").rotate(1.5, resample=Image.NEAREST, expand=True, fillcolor=255)
    bilevel = bilevel.point(lambda v: 255 if v > 140 else 0)
    out, notes = repairs.repair_page(bilevel)
    assert notes[0] == "bilevel" and notes[1].startswith("deskew:-1.")
    assert abs(repairs.estimate_skew(out)) <= 0.2


# -- orientation ----------------------------------------------------------------------------------

def test_phone_photo_is_turned_by_its_exif_tag(tmp_path):
    page, _ = _page()
    stored = page.transpose(Image.Transpose.ROTATE_90)   # the sensor's landscape frame
    exif = Image.Exif()
    exif[0x0112] = 6                                     # "rotate 90° clockwise to view"
    path = tmp_path / "photo.jpg"
    stored.save(path, quality=90, exif=exif.tobytes())
    frame = image_frame(path, 0)
    assert frame.size == stored.size and frame.mode == "RGB"
    out, notes = repairs.repair_page(frame)
    assert notes[0] == "exif:6"
    assert out.size == page.size
    assert abs(repairs.estimate_skew(out) or 0) <= 0.2


def test_a_portrait_page_is_not_checked_for_lying_on_its_side():
    page, _ = _page()
    portrait = page.convert("L").crop((0, 0, 1100, 1150))
    assert repairs.turn_sideways(portrait) == (portrait, None)   # no OSD call needed


@pytest.mark.ocr
@pytest.mark.parametrize("angle", [90, 270])
def test_landscape_stored_page_is_turned_upright(angle):
    page, _ = _page()
    gray = page.convert("L").crop((0, 0, 1400, 1150)).resize((1100, 1400))  # portrait
    stored = repairs.turn(gray, (360 - angle) % 360)     # lying on its side
    assert stored.width > stored.height
    out, note = repairs.turn_sideways(stored)
    assert note == f"turned:{angle}"
    assert np.array_equal(np.asarray(out), np.asarray(gray))


# -- OCR: the repaired page reads the words under the seal ---------------------------------------

def _read(words: list[str], text: str) -> int:
    found = set(re.findall(r"\w+", text))
    return sum(1 for w in words if re.sub(r"\W", "", w) in found)


@pytest.mark.ocr
def test_pipeline_records_repairs_and_reads_under_the_seal(tmp_path):
    from synth.render import images_to_pdf

    from baocao.pipeline.runner.run import Options, run
    from baocao.pipeline.stages.tesseract import ocr_image

    _, sealed, covered = _sealed_page(scale=1.5)          # 300 dpi
    skewed = sealed.rotate(2.0, resample=Image.BICUBIC, expand=True, fillcolor=(250, 250, 247))
    arch = tmp_path / "a"
    arch.mkdir()
    images_to_pdf([skewed], arch / "sealed.pdf", dpi=300, jpeg_quality=85, grayscale=False)
    out = tmp_path / "o"
    run(Options(archive=arch, out=out, workers=1, progress=False))
    pages = pd.read_parquet(out / "pages.parquet")
    assert pages.text_source.iloc[0] == "ocr"
    rep = pages.repairs.iloc[0].split(",")
    assert rep[0] == "red-ink", rep
    assert rep[1].startswith("deskew:") and abs(float(rep[1].split(":")[1]) + 2.0) <= 0.2, rep
    text = next((out / "text").glob("*.txt")).read_text(encoding="utf-8")
    repaired = _read(covered, text)
    plain = _read(covered, ocr_image(skewed.convert("L")).text)   # the same page without repairs
    assert repaired >= 0.8 * len(covered), (repaired, covered, text)
    assert repaired > plain, (repaired, plain)
    print(f"covered words read: repaired {repaired}/{len(covered)}, unrepaired {plain}/{len(covered)}")
