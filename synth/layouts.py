"""Documents in the layout offices print (Nghị định 30/2020/NĐ-CP, Phụ lục I),
with the header fields they must give: for measuring the header on layouts
the corpus renderings do not have (``bench/header_layouts.py``).

- :func:`layout_pdf`: a text PDF: the issuer and ``Số:`` in the left column,
  the motto and the date line in the right, the title centred, the body, then
  ``Nơi nhận:`` left and the signature right (title lines, ``(Đã ký)``, the
  name); fonts DejaVu Serif Condensed (a Times-like width).
- :func:`late_fill_pdf`: the same with the number and the day left blank and
  drawn after the body, as a flattened e-office fill is.
- :func:`scan_pdf`: a scan of such a PDF with a round red seal over the
  signature (ring text, star) and a blue ``CÔNG VĂN ĐẾN`` stamp in the header.
- :func:`docx_draft`: a DOCX whose header and signature are two-column tables.

Issuers, kinds and names are drawn from the small tables below (written for
this: no real document is copied); everything is deterministic in ``i``.
Written in session 2026-12-03c; ``/work`` measurements in ``bench/README.md``.
"""
from __future__ import annotations

import math
import random
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from synth.render import degrade, find_font, images_to_pdf, pdf_to_images

ISSUERS = [  # (header lines [(text, bold)], issuer, place, type-suffix, seal, signer titles)
    ([("ỦY BAN NHÂN DÂN", True), ("TỈNH QUẢNG NAM", True)], "UBND tỉnh Quảng Nam", "Quảng Nam", "UBND", "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH"),
    ([("UBND TỈNH BẮC NINH", False), ("SỞ TÀI CHÍNH", True)], "Sở Tài chính tỉnh Bắc Ninh", "Bắc Ninh", "STC", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"),
    ([("UBND HUYỆN CAM LÂM", False), ("ỦY BAN NHÂN DÂN", True), ("XÃ CAM HẢI TÂY", True)], "UBND xã Cam Hải Tây", "Cam Hải Tây", "UBND", "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH"),
    ([("BỘ NỘI VỤ", True)], "Bộ Nội vụ", "Hà Nội", "BNV", "KT. BỘ TRƯỞNG|THỨ TRƯỞNG"),
    ([("THỦ TƯỚNG CHÍNH PHỦ", True)], "Thủ tướng Chính phủ", "Hà Nội", "TTg", "KT. THỦ TƯỚNG|PHÓ THỦ TƯỚNG"),
    ([("UBND THÀNH PHỐ HÀ NỘI", False), ("SỞ NỘI VỤ", True)], "Sở Nội vụ thành phố Hà Nội", "Hà Nội", "SNV", "GIÁM ĐỐC"),
    ([("ỦY BAN NHÂN DÂN", True), ("THÀNH PHỐ CẦN THƠ", True)], "UBND thành phố Cần Thơ", "Cần Thơ", "UBND", "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH"),
    ([("UBND TỈNH LÂM ĐỒNG", False), ("BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP", True)], "Ban Quản lý các khu công nghiệp tỉnh Lâm Đồng", "Lâm Đồng", "BQLKCN", "TRƯỞNG BAN"),
    ([("ỦY BAN NHÂN DÂN", True), ("HUYỆN ĐỨC TRỌNG", True)], "UBND huyện Đức Trọng", "Đức Trọng", "UBND", "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH"),
    ([("HỘI ĐỒNG NHÂN DÂN", True), ("TỈNH HÀ TĨNH", True)], "HĐND tỉnh Hà Tĩnh", "Hà Tĩnh", "HĐND", "CHỦ TỊCH"),
    ([("BỘ Y TẾ", True)], "Bộ Y tế", "Hà Nội", "BYT", "KT. BỘ TRƯỞNG|THỨ TRƯỞNG"),
    ([("UBND TỈNH THANH HÓA", False), ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", True)], "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa", "Thanh Hóa", "SGDĐT", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC"),
    ([("ỦY BAN NHÂN DÂN", True), ("PHƯỜNG BẾN THÀNH", True)], "UBND phường Bến Thành", "Bến Thành", "UBND", "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH"),
]
KINDS = [("QĐ", "QUYẾT ĐỊNH", "Về việc ban hành Kế hoạch cải cách hành chính năm {y}"),
         ("KH", "KẾ HOẠCH", "Thực hiện công tác tiếp công dân, giải quyết khiếu nại, tố cáo năm {y}"),
         ("BC", "BÁO CÁO", "Kết quả thực hiện Quy chế dân chủ ở cơ sở năm {y}"),
         ("TB", "THÔNG BÁO", "Kết luận của Chủ tịch tại cuộc họp giao ban tháng {m} năm {y}"),
         ("CV", None, "V/v triển khai thực hiện Nghị định số 30/2020/NĐ-CP về công tác văn thư"),
         ("CV", None, "V/v báo cáo kết quả giải quyết thủ tục hành chính quý {q} năm {y}"),
         ("NQ", "NGHỊ QUYẾT", "Về nhiệm vụ phát triển kinh tế - xã hội năm {y}"),
         ("CT", "CHỈ THỊ", "Về tăng cường kỷ luật, kỷ cương hành chính trong các cơ quan nhà nước")]
NAMES = ["Nguyễn Văn Hùng", "Trần Thị Thu Hà", "Lê Quang Minh", "Phạm Đức Thắng", "Võ Thị Ngọc Ánh", "Đặng Văn Lưu",
         "Huỳnh Tấn Phát", "Bùi Thị Hạnh", "Hoàng Minh Tuấn", "Đỗ Xuân Trường", "Y Thanh Hà Niê Kđăm", "Lý Thị Kim Oanh"]
BODY = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Căn cứ Nghị định số 61/2018/NĐ-CP "
        "ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết "
        "thủ tục hành chính; Thực hiện Kế hoạch số 125/KH-UBND ngày 15 tháng 01 năm {y} của Ủy ban nhân dân tỉnh, "
        "cơ quan triển khai thực hiện các nội dung sau đây nhằm nâng cao chất lượng phục vụ người dân và doanh nghiệp. "
        "Trong kỳ đã tiếp nhận 1.254 hồ sơ, giải quyết đúng hạn 1.198 hồ sơ, đạt tỷ lệ 95,5%; tiếp 45 lượt công dân "
        "đến kiến nghị, phản ánh; tiếp nhận 12 đơn khiếu nại, 3 đơn tố cáo thuộc thẩm quyền.")

W, H = A4
LM, RM = 85, 57


DEJAVU = "/usr/share/fonts/truetype/dejavu/"


@lru_cache(maxsize=1)
def _fonts() -> None:
    """R, B, I, BI: DejaVu Serif Condensed (a Times-like width) when installed,
    else the Vietnamese font :func:`synth.render.find_font` gives (regular/bold)."""
    import os

    for name, file, bold in (("R", "DejaVuSerifCondensed.ttf", False), ("B", "DejaVuSerifCondensed-Bold.ttf", True),
                             ("I", "DejaVuSerifCondensed-Italic.ttf", False),
                             ("BI", "DejaVuSerifCondensed-BoldItalic.ttf", True)):
        path = DEJAVU + file if os.path.exists(DEJAVU + file) else find_font(bold=bold)
        pdfmetrics.registerFont(TTFont(name, path))


def _bold_font() -> str:
    return find_font(bold=True)


def centred(c, text, cx, y, font, size):
    c.setFont(font, size); c.drawCentredString(cx, y, text)

def wrap(text, font, size, width):
    out, cur = [], ""
    for w in text.split():
        t = f"{cur} {w}".strip()
        if stringWidth(t, font, size) > width and cur:
            out.append(cur); cur = w
        else:
            cur = t
    return out + [cur]

def layout_pdf(i: int, path) -> dict:
    """Document ``i`` as a text PDF in the two-column layout; returns its expected header fields."""
    _fonts()
    r = random.Random(i)
    lines, issuer, place, sfx, titles = ISSUERS[i % len(ISSUERS)]
    code, kind_word, subj = KINDS[(i // 2) % len(KINDS)]
    y = r.choice([2013, 2016, 2019, 2021, 2023, 2024, 2025]); m = r.randint(1, 12); d = r.randint(1, 28)
    q = ["I", "II", "III", "IV"][(m - 1) // 3]
    subj = subj.format(y=y, m=m, q=q)
    num = r.randint(5, 4999)
    if sfx == "TTg": number = f"{num}/{y}/{code if code != 'CV' else 'TTg'}-TTg" if code == "QĐ" else f"{num}/TTg-KGVX"
    elif code == "CV": number = f"{num}/{sfx}-{r.choice(['VP', 'KSTTHC', 'NC', 'TCCB'])}" if sfx == "UBND" else f"{num}/{sfx}-{r.choice(['VP', 'TCHC', 'QLNS'])}"
    else: number = f"{num}/{code}-{sfx}"
    if sfx == "TTg" and code != "QĐ" and code != "CV":
        number = f"{num}/{code}-TTg"
    name = NAMES[r.randrange(len(NAMES))]
    c = canvas.Canvas(str(path), pagesize=A4)
    lx, rx = LM + 95, LM + 190 + (W - RM - LM - 190) / 2
    yy = H - 57
    # left column
    ly = yy
    for t, b in lines:
        centred(c, t, lx, ly, "B" if b else "R", 12.5); ly -= 15
    c.line(lx - 35, ly + 10, lx + 35, ly + 10)
    # right column
    centred(c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rx, yy, "B", 12)
    centred(c, "Độc lập - Tự do - Hạnh phúc", rx, yy - 15, "B", 13)
    c.line(rx - 80, yy - 20, rx + 80, yy - 20)
    ny = min(ly - 8, yy - 40)
    centred(c, f"Số: {number}", lx, ny, "R", 13)
    day = f"{d:02d}" if r.random() < .6 else str(d)
    mon = f"{m:02d}" if (m < 3 and r.random() < .5) else str(m)
    centred(c, f"{place}, ngày {day} tháng {mon} năm {y}", rx, ny, "I", 13)
    cy = ny - 22
    if code == "CV":
        for t in wrap(subj, "R", 12, 180):
            centred(c, t, lx, cy, "R", 12); cy -= 14
        cy -= 20
        c.setFont("R", 13); c.drawCentredString(W / 2, cy, "Kính gửi: Các sở, ban, ngành tỉnh"); cy -= 30
    else:
        cy -= 20
        centred(c, kind_word, W / 2, cy, "B", 14); cy -= 18
        for t in wrap(subj, "B", 14, 380):
            centred(c, t, W / 2, cy, "B", 14); cy -= 17
        c.line(W / 2 - 50, cy + 10, W / 2 + 50, cy + 10); cy -= 20
    body = BODY.format(y=y)
    for para in [body, body.replace("Căn cứ", "Thực hiện", 1)]:
        for k, t in enumerate(wrap(para, "R", 13, W - LM - RM - (30 if False else 0))):
            c.setFont("R", 13); c.drawString(LM + (28 if k == 0 else 0), cy, t); cy -= 18
            if cy < 80:
                c.showPage(); cy = H - 57; centred(c, "2", W / 2, H - 35, "R", 12)
        cy -= 6
    if cy < 230:
        c.showPage(); cy = H - 70
    cy -= 10
    sy = cy
    c.setFont("BI", 12); c.drawString(LM, sy, "Nơi nhận:"); sy -= 14
    c.setFont("R", 11)
    for t in ["- Như trên;", "- Thường trực Tỉnh ủy;", "- Chủ tịch, các PCT UBND tỉnh;", "- Lưu: VT, TH."]:
        c.drawString(LM, sy, t); sy -= 13
    tx = W - RM - 110
    ty = cy
    for t in titles.split("|"):
        centred(c, t, tx, ty, "B", 13); ty -= 16
    if r.random() < 0.3:
        centred(c, "(Đã ký)", tx, ty - 20, "I", 13)
    centred(c, name, tx, ty - 75, "B", 13)
    c.save()
    return {"doc_type": code, "doc_number": number, "issue_date": f"{y}-{m:02d}-{d:02d}", "issuer": issuer,
            "location": place, "signer": name, "subject": subj}


def late_fill_pdf(i: int, path) -> dict:
    """A text PDF whose number and day are left blank and drawn after the body
    (a flattened e-office fill); returns its expected header fields."""
    _fonts()
    r = random.Random(100 + i)
    lines, issuer, place, sfx, titles = ISSUERS[i % len(ISSUERS)]
    code, kind_word, subj = KINDS[(i // 2) % len(KINDS)]
    if code == "CV": code, kind_word, subj = "TB", "THÔNG BÁO", "Kết luận của Chủ tịch tại cuộc họp giao ban"
    y = 2024; m = r.randint(1, 12); d = r.randint(1, 28); num = r.randint(100, 999)
    c = canvas.Canvas(str(path), pagesize=A4)
    lx, rx = LM + 95, LM + 190 + (W - RM - LM - 190) / 2
    yy = H - 57; ly = yy
    for t, b in lines:
        centred(c, t, lx, ly, "B" if b else "R", 12.5); ly -= 15
    centred(c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rx, yy, "B", 12)
    centred(c, "Độc lập - Tự do - Hạnh phúc", rx, yy - 15, "B", 13)
    ny = min(ly - 8, yy - 40)
    sym = f"/{code}-{sfx}"
    left = "Số:           " + sym
    c.setFont("R", 13); x0 = lx - stringWidth(left, "R", 13) / 2; c.drawString(x0, ny, left)
    num_x = x0 + stringWidth("Số: ", "R", 13)
    dl = f"{place}, ngày       tháng {m} năm {y}"
    c.setFont("I", 13); dx0 = rx - stringWidth(dl, "I", 13) / 2; c.drawString(dx0, ny, dl)
    day_x = dx0 + stringWidth(f"{place}, ngày ", "I", 13)
    cy = ny - 40
    centred(c, kind_word, W / 2, cy, "B", 14); cy -= 18
    centred(c, subj.format(y=y, m=m, q="I"), W / 2, cy, "B", 14); cy -= 30
    for k, t in enumerate(wrap(BODY.format(y=y), "R", 13, W - LM - RM)):
        c.setFont("R", 13); c.drawString(LM, cy, t); cy -= 18
    tx = W - RM - 110; ty = cy - 20
    c.setFont("BI", 12); c.drawString(LM, ty, "Nơi nhận:"); c.setFont("R", 11); c.drawString(LM, ty - 14, "- Lưu: VT.")
    for t in titles.split("|"):
        centred(c, t, tx, ty, "B", 13); ty -= 16
    name = NAMES[r.randrange(len(NAMES))]
    centred(c, name, tx, ty - 60, "B", 13)
    # the e-office fill, drawn last, in another font size
    c.setFont("R", 12.5); c.drawString(num_x + 4, ny, str(num))
    c.setFont("I", 12.5); c.drawString(day_x + 4, ny, f"{d:02d}")
    c.save()
    return {"doc_type": code, "doc_number": f"{num}{sym}", "issue_date": f"{y}-{m:02d}-{d:02d}", "issuer": issuer,
            "location": place, "signer": name}


def seal(size, text, colour):
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0)); d = ImageDraw.Draw(im)
    R = size // 2
    d.ellipse([4, 4, size - 4, size - 4], outline=colour, width=max(3, size // 45))
    d.ellipse([size * .2, size * .2, size * .8, size * .8], outline=colour, width=max(2, size // 80))
    f = ImageFont.truetype(_bold_font(), max(10, size // 13))
    n = len(text)
    for k, ch in enumerate(text):
        a = math.pi * (1.0 + 1.6 * k / max(1, n - 1)) - 0.3 * math.pi
        g = Image.new("RGBA", (size // 8, size // 8), (0, 0, 0, 0))
        ImageDraw.Draw(g).text((2, 0), ch, fill=colour, font=f)
        g = g.rotate(-math.degrees(a) - 90, expand=True)
        x = R + (R * .78) * math.cos(a) - g.width / 2; y = R + (R * .78) * math.sin(a) - g.height / 2
        im.alpha_composite(g, (int(x), int(y)))
    s = size * .12   # star
    pts = [(R + (s if i % 2 == 0 else s * .4) * math.cos(math.pi / 2 + i * math.pi / 5),
            R - (s if i % 2 == 0 else s * .4) * math.sin(math.pi / 2 + i * math.pi / 5)) for i in range(10)]
    d.polygon(pts, fill=colour)
    return im

def stamp(w, h, colour, day):
    im = Image.new("RGBA", (w, h), (0, 0, 0, 0)); d = ImageDraw.Draw(im)
    d.rectangle([2, 2, w - 3, h - 3], outline=colour, width=max(3, w // 90))
    f = ImageFont.truetype(_bold_font(), h // 6)
    d.text((w * .08, h * .07), "CÔNG VĂN ĐẾN", fill=colour, font=f)
    fs = ImageFont.truetype(find_font(), h // 7)
    d.text((w * .08, h * .38), f"Số: {1000 + day * 7}", fill=colour, font=fs)
    d.text((w * .08, h * .62), f"Ngày: {day}/5", fill=colour, font=fs)
    return im


def scan_pdf(src, dst, i: int, *, harsh: bool = False) -> None:
    """``src`` scanned to ``dst``: a red seal over the signature, on 60 % of
    pages a blue CÔNG VĂN ĐẾN stamp in the header, skew and noise; even ``i``
    in colour, odd in gray; 200/300 dpi, JPEG 75 (``harsh``: 150/200 dpi,
    JPEG 45, skew up to 2.5 degrees)."""
    r = random.Random(i)
    dpi = r.choice([150, 200] if harsh else [200, 300]); colour = i % 2 == 0
    s = dpi / 72
    imgs = pdf_to_images(src, dpi=dpi)
    out = []
    for k, im in enumerate(imgs):
        im = im.convert("RGBA")
        w, h = im.size
        if k == len(imgs) - 1:
            g = np.asarray(im.convert("L")) < 128
            rows = np.where(g[:, w // 2:].any(axis=1))[0]
            name_y = rows[-1] if len(rows) else h // 2          # the name: last dark row on the right
            size = int(110 * s)
            cx = int(w - 57 * s - 110 * s - r.uniform(20, 60) * s)
            cy = int(name_y - r.uniform(35, 55) * s)
            sl = seal(size, "ỦY BAN NHÂN DÂN * " + r.choice(["TỈNH", "HUYỆN", "BỘ"]), (205, 25, 35, r.randint(150, 210)))
            sl = sl.rotate(r.uniform(-30, 30))
            im.alpha_composite(sl, (cx - size // 2, cy - size // 2))
        if k == 0 and r.random() < 0.6:
            sw, sh = int(150 * s), int(80 * s)
            x0 = int(r.uniform(20, 120) * s); y0 = int(r.uniform(40, 140) * s)
            st = stamp(sw, sh, (40, 50, 170, r.randint(140, 200)), r.randint(1, 28)).rotate(r.uniform(-6, 6), expand=True)
            im.alpha_composite(st, (x0, y0))
        im = im.convert("RGB")
        ang = r.uniform(-2.5, 2.5) if harsh else r.uniform(-1.2, 1.2)
        if colour:
            im = im.rotate(ang, resample=Image.BICUBIC, fillcolor=(255, 255, 255)).filter(ImageFilter.GaussianBlur(0.3))
            a = np.asarray(im).astype(np.float32) + np.random.default_rng(i).normal(0, 6, (h, w, 1)).astype(np.float32)
            im = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
        else:
            im = degrade(im, rotate_deg=ang, noise=0.02, blur=0.3, seed=i)
        out.append(im)
    images_to_pdf(out, dst, dpi=dpi, grayscale=not colour, jpeg_quality=45 if harsh else 75)


def _cell_lines(cell, lines):
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    cell.paragraphs[0].text = ""
    for k, (t, bold, italic) in enumerate(lines):
        p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        r = p.add_run(t); r.bold = bold; r.italic = italic


def docx_draft(i: int, path) -> dict:
    """A DOCX in the layout (header and signature as two-column tables); every
    fifth a draft with its number and day blank; returns its expected fields."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    r = random.Random(500 + i)
    lines, issuer, place, sfx, titles = ISSUERS[i % len(ISSUERS)]
    code, kind_word, subj = KINDS[(i // 2) % len(KINDS)]
    y = r.choice([2019, 2023, 2024, 2025]); m = r.randint(1, 12); d = r.randint(1, 28); q = ["I","II","III","IV"][(m-1)//3]
    subj = subj.format(y=y, m=m, q=q)
    num = r.randint(5, 4999)
    number = f"{num}/{sfx}-VP" if code == "CV" else f"{num}/{code}-{sfx}"
    draft = i % 5 == 4
    name = NAMES[r.randrange(len(NAMES))]
    doc = Document()
    t = doc.add_table(rows=1, cols=2)
    left = [(a, b, False) for a, b in lines] + [("Số: " + ("     /" + number.split("/", 1)[1] if draft else number), False, False)]
    if code == "CV":
        left.append((subj, False, False))
    day = "    " if draft else f"{d:02d}"
    _cell_lines(t.cell(0, 0), left)
    _cell_lines(t.cell(0, 1), [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", True, False), ("Độc lập - Tự do - Hạnh phúc", True, False),
                              (f"{place}, ngày {day} tháng {m} năm {y}", False, True)])
    if code != "CV":
        p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER; p.add_run(kind_word).bold = True
        p = doc.add_paragraph(); p.alignment = WD_ALIGN_PARAGRAPH.CENTER; p.add_run(subj).bold = True
    else:
        doc.add_paragraph("Kính gửi: Các sở, ban, ngành tỉnh")
    for para in BODY.format(y=y).split("; "):
        doc.add_paragraph(para + ";")
    s = doc.add_table(rows=1, cols=2)
    _cell_lines(s.cell(0, 0), [("Nơi nhận:", True, True), ("- Như trên;", False, False), ("- Lưu: VT.", False, False)])
    sig = [(x, True, False) for x in titles.split("|")] + [("", False, False), ("(Đã ký)" if i % 3 == 0 else "", False, True), ("", False, False), (name, True, False)]
    _cell_lines(s.cell(0, 1), sig)
    doc.save(str(path))
    return {"doc_type": code, "doc_number": ("/" + number.split("/", 1)[1]) if draft else number,
                   "issue_date": f"{y}-{m:02d}" if draft else f"{y}-{m:02d}-{d:02d}", "issuer": issuer, "location": place,
                   "signer": name, "subject": subj}
