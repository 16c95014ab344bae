"""One-page scans of headers (issue 13): issuers of several kinds (UBND xã,
huyện, tỉnh; Sở; party committees; HĐND), the number, the date line, a title,
2-4 body lines citing documents with their dates and a signature block; a red
seal over the signer and an incoming ``ĐẾN`` stamp (Số / Ngày / Chuyển) over
the header corner; rendered in turn as a 200 dpi colour scan, a phone photo
(``synth/paper.py``) and a 1-bit scan.  Written for this (helper-e, round 6):
no real document is copied; deterministic in ``i``.

    .venv/bin/python bench/scan_headers.py build DIR [--docs 20]   # DIR/in/*.pdf, DIR/truth.json
    .venv/bin/python -m baocao run DIR/in --out DIR/out            # OCR once (~1 s a page here)
    .venv/bin/python bench/scan_headers.py cache DIR               # DIR/<case>.txt from DIR/out/text
    .venv/bin/python bench/scan_headers.py score DIR [-v]          # the cached texts, re-extracted

``score`` runs each cached OCR text through ``finish_document(normalised=True)``
(the pipeline's path after OCR and normalisation), so extractor changes are
measured without OCR again: header fields right (the scorer's comparison), and
citations/dates F1 against the truth (the issue date counts as a date; a law
cited by its name counts by its number).
"""
import argparse
import json
import random
import sys
import unicodedata
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import numpy as np
from PIL import Image, ImageDraw, ImageFont, ImageFilter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas
from synth.layouts import _fonts, centred, wrap, seal, _bold_font, W, H, LM, RM
from synth.render import pdf_to_images, images_to_pdf, find_font, degrade
from synth.paper import phone_photo

# (header lines, issuer, place, sfx-of-number fn, seal text, signer titles, motto) -- written for this
ISS = [
 ([("UBND HUYỆN THANH OAI",0),("ỦY BAN NHÂN DÂN",1),("XÃ BÍCH HÒA",1)], "UBND xã Bích Hòa", "Bích Hòa", "UBND", "ỦY BAN NHÂN DÂN * XÃ BÍCH HÒA", "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH", 0),
 ([("ỦY BAN NHÂN DÂN",1),("HUYỆN NGHĨA HÀNH",1)], "UBND huyện Nghĩa Hành", "Nghĩa Hành", "UBND", "ỦY BAN NHÂN DÂN * HUYỆN NGHĨA HÀNH", "TM. ỦY BAN NHÂN DÂN|KT. CHỦ TỊCH|PHÓ CHỦ TỊCH", 0),
 ([("ỦY BAN NHÂN DÂN",1),("TỈNH PHÚ YÊN",1)], "UBND tỉnh Phú Yên", "Phú Yên", "UBND", "ỦY BAN NHÂN DÂN * TỈNH PHÚ YÊN", "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH", 0),
 ([("UBND TỈNH KON TUM",0),("SỞ NÔNG NGHIỆP VÀ",1),("PHÁT TRIỂN NÔNG THÔN",1)], "Sở Nông nghiệp và Phát triển nông thôn tỉnh Kon Tum", "Kon Tum", "SNN", "SỞ NÔNG NGHIỆP VÀ PTNT * KON TUM", "KT. GIÁM ĐỐC|PHÓ GIÁM ĐỐC", 0),
 ([("ĐẢNG BỘ TỈNH BÌNH ĐỊNH",0),("HUYỆN ỦY TÂY SƠN",1),("*",0)], "Huyện ủy Tây Sơn", "Tây Sơn", "HU", "HUYỆN ỦY TÂY SƠN * BÌNH ĐỊNH", "T/M BAN THƯỜNG VỤ|PHÓ BÍ THƯ", 1),
 ([("HỘI ĐỒNG NHÂN DÂN",1),("HUYỆN KRÔNG PẮC",1)], "HĐND huyện Krông Pắc", "Krông Pắc", "HĐND", "HỘI ĐỒNG NHÂN DÂN * HUYỆN KRÔNG PẮC", "CHỦ TỊCH", 0),
 ([("UBND TỈNH SÓC TRĂNG",0),("SỞ TƯ PHÁP",1)], "Sở Tư pháp tỉnh Sóc Trăng", "Sóc Trăng", "STP", "SỞ TƯ PHÁP * TỈNH SÓC TRĂNG", "GIÁM ĐỐC", 0),
 ([("ĐẢNG BỘ HUYỆN ĐIỆN BÀN",0),("ĐẢNG ỦY XÃ ĐIỆN PHƯỚC",1),("*",0)], "Đảng ủy xã Điện Phước", "Điện Phước", "ĐU", "ĐẢNG ỦY XÃ ĐIỆN PHƯỚC * ĐIỆN BÀN", "T/M ĐẢNG ỦY|BÍ THƯ", 1),
 ([("ỦY BAN NHÂN DÂN",1),("XÃ TÂN LẬP",1)], "UBND xã Tân Lập", "Tân Lập", "UBND", "ỦY BAN NHÂN DÂN * XÃ TÂN LẬP", "TM. ỦY BAN NHÂN DÂN|PHÓ CHỦ TỊCH", 0),
 ([("HỘI ĐỒNG NHÂN DÂN",1),("TỈNH ĐẮK NÔNG",1)], "HĐND tỉnh Đắk Nông", "Đắk Nông", "HĐND", "HỘI ĐỒNG NHÂN DÂN * TỈNH ĐẮK NÔNG", "TM. THƯỜNG TRỰC HĐND|PHÓ CHỦ TỊCH", 0),
]
KINDS = [("BC","BÁO CÁO","Tình hình thực hiện nhiệm vụ phòng, chống thiên tai 6 tháng đầu năm {y}"),
         ("KH","KẾ HOẠCH","Tổ chức kiểm tra việc quản lý, sử dụng đất công ích năm {y}"),
         ("CV",None,"V/v đề nghị hỗ trợ kinh phí sửa chữa trường học sau bão"),
         ("QĐ","QUYẾT ĐỊNH","Về việc thành lập Tổ công tác rà soát hộ nghèo năm {y}"),
         ("TB","THÔNG BÁO","Kết luận của Thường trực tại buổi làm việc ngày {d} tháng {m}"),
         ("NQ","NGHỊ QUYẾT","Về dự toán thu, chi ngân sách địa phương năm {y}")]
NAMES = ["Nguyễn Thị Lệ Thu","Trần Văn Khánh","Lê Hữu Phước","Phạm Thị Mỹ Dung","Đinh Công Sơn","Hà Văn Tới",
         "Ngô Thị Bích Liên","Lương Quốc Bảo","Châu Văn Lộc","Vũ Thị Hồng Nhung"]
CITES = [("Luật", "Luật Phòng, chống thiên tai ngày 19 tháng 6 năm 2013", "33/2013/QH13", "2013-06-19"),
         ("ND", "Nghị định số 66/2021/NĐ-CP ngày 06 tháng 7 năm 2021 của Chính phủ", "66/2021/NĐ-CP", "2021-07-06"),
         ("CV", "Công văn số {n1}/UBND-KT ngày {d1}/{m1}/{y} của Ủy ban nhân dân tỉnh", "{n1}/UBND-KT", "{y}-{m1:02d}-{d1:02d}"),
         ("KH", "Kế hoạch số {n2}/KH-UBND ngày {d2} tháng {m2} năm {y}", "{n2}/KH-UBND", "{y}-{m2:02d}-{d2:02d}"),
         ("NQ", "Nghị quyết số 08-NQ/TU ngày 12/01/{y} của Ban Chấp hành Đảng bộ tỉnh", "08-NQ/TU", "{y}-01-12"),
         ("QD", "Quyết định số 1523/QĐ-UBND ngày 28/3/{y} của Chủ tịch UBND tỉnh", "1523/QĐ-UBND", "{y}-03-28"),
         ("TT", "Thông tư số 02/2023/TT-BNNPTNT ngày 15 tháng 3 năm 2023 của Bộ Nông nghiệp", "02/2023/TT-BNNPTNT", "2023-03-15")]

def stamp_den(w, h, colour, n, day, mon, y):
    im = Image.new("RGBA", (w, h), (0,0,0,0)); d = ImageDraw.Draw(im)
    d.rectangle([2,2,w-3,h-3], outline=colour, width=max(3, w//90))
    f = ImageFont.truetype(_bold_font(), h//6); fs = ImageFont.truetype(find_font(), h//8)
    d.text((w*.3, h*.04), "ĐẾN", fill=colour, font=f)
    d.text((w*.06, h*.32), f"Số: {n}", fill=colour, font=fs)
    d.text((w*.06, h*.52), f"Ngày: {day}/{mon}/{y}", fill=colour, font=fs)
    d.text((w*.06, h*.72), "Chuyển: ......", fill=colour, font=fs)
    return im

def make(i, folder, harsh=False):
    """Document ``i`` as a one-page scan in ``folder``; ``harsh``: 150 dpi scans, a blurrier photo."""
    _fonts(); r = random.Random(600 + i)
    lines, issuer, place, sfx, sealtxt, titles, party = ISS[i % len(ISS)]
    code, kw, subj = KINDS[(i * 7 // 3) % len(KINDS)]
    if party and code in ("NQ",): code, kw, subj = KINDS[0]
    if sfx == "HĐND" and code not in ("NQ", "BC", "TB"): code, kw, subj = KINDS[5] if i % 2 else KINDS[0]
    y = r.choice([2022, 2023, 2024, 2025]); m = r.randint(2, 12); d = r.randint(1, 28)
    subj = subj.format(y=y, d=r.randint(1, 28), m=m)
    num = r.randint(3, 899)
    if party: number = f"{num}-{code if code != 'CV' else 'CV'}/{sfx}"
    elif code == "CV": number = f"{num}/{sfx}-{r.choice(['VP','KT','TCKH'])}"
    else: number = f"{num}/{code}-{sfx}"
    name = NAMES[r.randrange(len(NAMES))]
    c = canvas.Canvas(str(folder / "_t.pdf"), pagesize=A4)
    lx, rx = LM + 95, LM + 190 + (W - RM - LM - 190) / 2; yy = H - 57; ly = yy
    for t, b in lines: centred(c, t, lx, ly, "B" if b else "R", 12.5); ly -= 15
    if party:
        centred(c, "ĐẢNG CỘNG SẢN VIỆT NAM", rx, yy, "B", 13); c.line(rx-80, yy-6, rx+80, yy-6); ny = ly - 6; dy = yy - 30
    else:
        centred(c, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", rx, yy, "B", 12)
        centred(c, "Độc lập - Tự do - Hạnh phúc", rx, yy - 15, "B", 13); c.line(rx-80, yy-20, rx+80, yy-20)
        ny = min(ly - 8, yy - 40); dy = ny
    centred(c, f"Số: {number}", lx, ny, "R", 13)
    day = f"{d:02d}" if r.random() < .5 else str(d)
    centred(c, f"{place}, ngày {day} tháng {m} năm {y}", rx, dy, "I", 13)
    cy = min(ny, dy) - 22
    if code == "CV":
        for t in wrap(subj, "R", 12, 180): centred(c, t, lx, cy, "R", 12); cy -= 14
        cy -= 16; centred(c, "Kính gửi: Ủy ban nhân dân tỉnh", W/2, cy, "R", 13); cy -= 28
    else:
        cy -= 16; centred(c, kw, W/2, cy, "B", 14); cy -= 18
        for t in wrap(subj, "B", 14, 380): centred(c, t, W/2, cy, "B", 14); cy -= 17
        cy -= 22
    picks = r.sample(range(len(CITES)), r.randint(2, 4))
    cites, dates = [], []
    n1, n2 = r.randint(100, 3999), r.randint(10, 299); d1, m1, d2, m2 = r.randint(1, 28), r.randint(1, 12), r.randint(1, 28), r.randint(1, 12)
    fm = dict(n1=n1, n2=n2, d1=d1, m1=m1, d2=d2, m2=m2, y=y - 1 if m1 >= m or m2 >= m else y)
    lead = ["Căn cứ", "Thực hiện", "Căn cứ", "Theo"]
    for k, p in enumerate(picks):
        _, txt, num_, dt = CITES[p]
        t = f"{lead[k]} {txt.format(**fm)};"
        if num_: cites.append(num_.format(**fm))
        dates.append(dt.format(**fm))
        for j, tt in enumerate(wrap(t, "R", 13, W - LM - RM - 10)):
            c.setFont("R", 13); c.drawString(LM + (28 if j == 0 else 0), cy, tt); cy -= 18
    for tt in wrap(f"{issuer} báo cáo kết quả như sau: đã tổ chức {r.randint(3,40)} cuộc kiểm tra, xử lý {r.randint(2,30)} trường hợp vi phạm, đạt {r.randint(60,99)}% kế hoạch.", "R", 13, W-LM-RM-10):
        c.setFont("R", 13); c.drawString(LM, cy, tt); cy -= 18
    cy -= 14; sy = cy
    c.setFont("BI", 12); c.drawString(LM, sy, "Nơi nhận:"); sy -= 14; c.setFont("R", 11)
    for t in ["- Như trên;", "- Lưu: VT."]: c.drawString(LM, sy, t); sy -= 13
    tx = W - RM - 110; ty = cy
    for t in titles.split("|"): centred(c, t, tx, ty, "B", 13); ty -= 16
    centred(c, name, tx, ty - 70, "B", 13)
    c.save()
    rendering = ["scan200", "phone", "bw"][i % 3]
    dpi = (150 if harsh else 200) if rendering != "phone" else (200 if harsh else 250)
    im = pdf_to_images(folder / "_t.pdf", dpi=dpi)[0].convert("RGBA"); s = dpi / 72
    w, h = im.size
    # seal over the signer titles / name
    size = int(105 * s); cx = int(tx * s - r.uniform(20, 40) * s); cyy = int((H - (ty - 30)) * s)
    sl = seal(size, sealtxt, (205, 25, 35, r.randint(160, 215))).rotate(r.uniform(-30, 30))
    im.alpha_composite(sl, (cx - size // 2, cyy - size // 2))
    # ĐẾN stamp over the header corner (over the issuer/number column, top-left)
    sw, sh = int(135 * s), int(72 * s)
    st = stamp_den(sw, sh, (40, 50, 170, r.randint(150, 210)), r.randint(50, 2999), r.randint(1, 28), r.randint(1, 12), y).rotate(r.uniform(-8, 8), expand=True)
    im.alpha_composite(st, (int(r.uniform(10, 70) * s), int(r.uniform(70, 110) * s)))
    im = im.convert("RGB")
    if rendering == "scan200":
        im = im.rotate(r.uniform(-1.2, 1.2), resample=Image.BICUBIC, fillcolor=(255,255,255)).filter(ImageFilter.GaussianBlur(0.4))
        images_to_pdf([im], folder / f"e{i:02d}.pdf", dpi=dpi, grayscale=False, jpeg_quality=70)
    elif rendering == "phone":
        im = phone_photo(im, seed=i, blur=1.1 if harsh else 0.8)
        images_to_pdf([im], folder / f"e{i:02d}.pdf", dpi=dpi, grayscale=False, jpeg_quality=80)
    else:
        g = im.convert("L").rotate(r.uniform(-1, 1), resample=Image.BICUBIC, fillcolor=255)
        g = g.point(lambda v: 255 if v > 150 else 0).convert("L")
        images_to_pdf([g], folder / f"e{i:02d}.pdf", dpi=dpi, grayscale=True, jpeg_quality=90)
    (folder / "_t.pdf").unlink()
    return {"doc_type": code, "doc_number": number, "issue_date": f"{y}-{m:02d}-{d:02d}", "issuer": issuer,
            "location": place, "signer": name, "rendering": rendering, "citations": cites, "dates": dates}



FIELDS = ("doc_type", "doc_number", "issue_date", "issuer", "location", "signer")


def build(folder: Path, n: int, harsh: bool = False) -> None:
    (folder / "in").mkdir(parents=True, exist_ok=True)
    first = n if harsh else 0   # the harsh set is of other documents
    truth = {f"e{i:02d}.pdf": make(i, folder / "in", harsh) for i in range(first, first + n)}
    (folder / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")


def cache(folder: Path) -> None:
    import pandas as pd
    docs = pd.read_parquet(folder / "out" / "documents.parquet")
    for _, r in docs.iterrows():
        (folder / f"{Path(r.source_path).stem}.txt").write_text(
            (folder / "out" / "text" / f"{r.doc_id}.txt").read_text(encoding="utf-8"), encoding="utf-8")


def _norm(f, v):
    if v is None or (isinstance(v, float) and v != v):
        return None
    v = unicodedata.normalize("NFC", str(v))
    return "".join(v.split()).upper() if f in ("doc_number", "cite") else " ".join(v.lower().split())


def _f1(c):
    return 2 * c["tp"] / max(1, 2 * c["tp"] + c["fp"] + c["fn"])


def score(folder: Path, verbose: bool) -> dict:
    from baocao.pipeline.stages.ingest import Page
    from baocao.pipeline.stages.process import finish_document
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    wrong, ct, dt = Counter(), Counter(), Counter()
    for name, exp in sorted(truth.items()):
        case = name[:-4]
        text = (folder / f"{case}.txt").read_text(encoding="utf-8")
        pages = [Page(number=k + 1, text=t, source="ocr") for k, t in enumerate(text.split("\f"))]
        res = finish_document(case, "pdf", pages, normalised=True)
        doc = res["document"]
        miss = {f: (doc.get(f), exp[f]) for f in FIELDS if _norm(f, doc.get(f)) != _norm(f, exp[f])}
        wrong.update(miss.keys())
        got_c = Counter(_norm("cite", c["key"]) for c in res["citations"])
        want_c = Counter(_norm("cite", c) for c in exp["citations"])
        got_d = Counter(str(d["date"]) for d in res["dates"])
        want_d = Counter(exp["dates"] + [exp["issue_date"]])
        for cnt, g, w in ((ct, got_c, want_c), (dt, got_d, want_d)):
            cnt["tp"] += sum((g & w).values()); cnt["fp"] += sum((g - w).values()); cnt["fn"] += sum((w - g).values())
        if verbose and (miss or got_c != want_c or got_d != want_d):
            print(case, exp["rendering"], {f: f"{g!r} want {w!r}" for f, (g, w) in miss.items()})
            if got_c != want_c:
                print("   citations +", dict(got_c - want_c), "-", dict(want_c - got_c))
            if got_d != want_d:
                print("   dates +", dict(got_d - want_d), "-", dict(want_d - got_d))
    n = len(truth)
    r = {"fields_right": {f: n - wrong[f] for f in FIELDS}, "documents": n,
         "type_number_date": 3 * n - wrong["doc_type"] - wrong["doc_number"] - wrong["issue_date"],
         "citations_f1": round(_f1(ct), 3), "dates_f1": round(_f1(dt), 3), "citations": dict(ct), "dates": dict(dt)}
    print(json.dumps(r, ensure_ascii=False))
    return r


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("what", choices=("build", "cache", "score"))
    ap.add_argument("dir")
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("-v", action="store_true")
    ap.add_argument("--harsh", action="store_true", help="build: 150 dpi scans, blurrier photos")
    a = ap.parse_args(argv)
    folder = Path(a.dir)
    if a.what == "build":
        build(folder, a.docs, a.harsh)
    elif a.what == "cache":
        cache(folder)
    else:
        score(folder, a.v)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
