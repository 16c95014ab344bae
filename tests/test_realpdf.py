"""Real-PDF layers: form-field values, signatures, how Vietnamese a reading is,
re-OCR of bad layers, two documents in one file.  Every input is built here."""
from __future__ import annotations

import datetime as dt
import io
import json

import pandas as pd
import pytest
from unidecode import unidecode

import baocao
from baocao.normalizers.vnscore import BAD, GOOD, vn_score
from baocao.pipeline.runner.run import Options, run
from baocao.pipeline.stages.signatures import parse_time, split_stamp
from baocao.pipeline.stages.textlayer import text_layer_problem
from synth.render import find_font

PROSE = (
    "Thực hiện Kế hoạch số 166/KH-UBND ngày 20 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh về "
    "công tác cải cách hành chính, các sở, ban, ngành và địa phương đã tổ chức tiếp nhận, giải "
    "quyết hồ sơ đúng hạn; tiếp công dân thường xuyên, giải quyết kịp thời đơn thư khiếu nại, "
    "tố cáo của người dân theo quy định của pháp luật."
)
HEADER = [
    "ỦY BAN NHÂN DÂN                   CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "TỈNH HÀ NAM                             Độc lập - Tự do - Hạnh phúc",
]


def _font(c, size=11):
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "VN" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("VN", find_font()))
    c.setFont("VN", size)


def _lines(c, lines, y=800, x=50, step=16, mode=0, size=11):
    t = c.beginText(x, y)
    t.setFont("VN", size)
    t.setTextRenderMode(mode)
    for ln in lines:
        t.textLine(ln)
    c.drawText(t)


def _wrap(text, n=80):
    out, cur = [], ""
    for w in text.split():
        if len(cur) + len(w) + 1 > n:
            out.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    return out + [cur]


def _run(arch, out, ocr="auto"):
    run(Options(archive=arch, out=out, workers=1, ocr=ocr, progress=False))
    docs = pd.read_parquet(out / "documents.parquet").set_index("source_path")
    pages = pd.read_parquet(out / "pages.parquet")
    return docs, pages


# -- (e) the syllable scorer --------------------------------------------------

@pytest.mark.parametrize("name,text,lo,hi", [
    ("good prose", PROSE, GOOD, 1.0),
    ("caps header", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập Tự do Hạnh phúc QUYẾT ĐỊNH về việc "
                    "thành lập Hội đồng sáng kiến cấp cơ sở năm 2017", GOOD, 1.0),
    ("stripped prose", unidecode(PROSE), 0.0, 0.05),
    ("English-mode OCR", "UBND TINH KIEN GIANG CQNG HOA XA HO! CHU NGHIA VT NAM SO Y TE Dc lp - Tr do - "
                         "Hnh phñc S:3I/QD-SYT Kiên Giang,ngày 4C) tháng 10 nám 2017 QUYET DNH Ye vic "
                         "thãnh lip Hi ding Sang kiên clip co' sO' näm 2017 Can cir Quyt djnh st cüa", 0.0, BAD),
    ("custom-font mojibake", "BØ CÔNG AN CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM HiÇn nay, ng°Ýi dân và các "
                             "c¬ quan ®· thùc hiÖn nhiÖm vô theo quy ®Þnh cña ph¸p luËt", 0.0, BAD),
    ("wrong tone on a checked syllable", "nhàt càc mồt bằt " * 6, 0.0, BAD),
])
def test_vn_score(name, text, lo, hi):
    s = vn_score(text)
    assert s is not None and lo <= s <= hi, (name, s)


def test_vn_score_needs_enough_words():
    assert vn_score("CHỦ TỊCH Phạm Hùng") is None


# -- (c) a garbage custom-font-like layer -------------------------------------

# a custom font's private encoding (no TCVN3/VNI table converts it)
MOJIBAKE = ["BØ CÔNG AN", "HiÇn nay, ng°Ýi dÅn vÄ cÃc cÖ quan ÇÕ thÞc hiÇn nhiÇm vÛ",
            "theo quy ÇÎnh cØa phÃp luÆt vË cÙng tÃc cÀi cÃch hÄnh chÐnh nÂm 2024."] * 3


@pytest.mark.slow
def test_custom_font_layer_is_garbage_and_flagged_under_never(tmp_path):
    assert text_layer_problem("\n".join(MOJIBAKE), has_images=False).startswith("garbage text layer")
    assert text_layer_problem("\n".join(_wrap(PROSE)), has_images=False) is None
    from reportlab.pdfgen import canvas

    arch = tmp_path / "a"
    arch.mkdir()
    c = canvas.Canvas(str(arch / "font.pdf"))
    _font(c)
    _lines(c, MOJIBAKE)
    c.showPage()
    c.save()
    docs, pages = _run(arch, tmp_path / "o", ocr="never")
    d = docs.loc["font.pdf"]
    p = pages[pages.doc_id == d["doc_id"]].iloc[0]
    assert p["text_source"] == "pdf_text" and p["grade"] == "poor"
    assert p["vn_score"] < BAD and "kept: --ocr never" in p["note"]
    assert "text layer reads badly, kept (--ocr never): page 1" in d["review_reason"]


# -- (a) form-field values are page text ---------------------------------------

def _form_pdf(path, *, sign_line=False):
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path))
    _font(c)
    _lines(c, HEADER)
    y = 760
    c.drawString(50, y, "Số:         /TB-UBND")
    c.drawString(300, y, "Hà Nam, ngày        tháng 11 năm 2024")
    _lines(c, ["THÔNG BÁO", "Kết luận của Chủ tịch Ủy ban nhân dân tỉnh"] + _wrap(PROSE), y=720)
    if sign_line:
        _lines(c, ["Ký bởi: Văn phòng Ủy ban nhân dân tỉnh Hà Nam",
                   "Thời gian ký: 07.11.2024 09:30:00 +07:00"], y=200, x=330, size=8)
    form = c.acroForm
    w = c.stringWidth("Số: ", "VN", 11)
    form.textfield(name="so", value="542", x=50 + w, y=y - 3, width=30, height=14, borderWidth=0,
                   fontName="Helvetica", fontSize=11, fillColor=None, borderColor=None)
    w2 = c.stringWidth("Hà Nam, ngày ", "VN", 11)
    form.textfield(name="ngay", value="06", x=300 + w2, y=y - 3, width=18, height=14, borderWidth=0,
                   fontName="Helvetica", fontSize=11, fillColor=None, borderColor=None)
    c.showPage()
    c.save()


@pytest.mark.slow
def test_form_field_number_and_day_go_into_the_header(tmp_path):
    arch = tmp_path / "a"
    arch.mkdir()
    _form_pdf(arch / "form.pdf")
    docs, pages = _run(arch, tmp_path / "o")
    d = docs.loc["form.pdf"]
    assert d["doc_number"] == "542/TB-UBND"
    assert d["issue_date"] == "2024-11-06"
    text = (tmp_path / "o" / "text" / f"{d['doc_id']}.txt").read_text(encoding="utf-8")
    assert "Số: 542/TB-UBND" in text and "ngày 06 tháng 11" in text
    assert "form field text inserted (2)" in pages.iloc[0]["note"]
    assert int(d["ocr_pages"]) == 0


# -- (d) a PDF signed here with pyHanko; its stamp text ------------------------

def _self_signed(tmp_path):
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Nguyễn Văn An"),
                      x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ỦY BAN NHÂN DÂN TỈNH HÀ NAM"),
                      x509.NameAttribute(NameOID.COUNTRY_NAME, "VN")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + dt.timedelta(days=30))
            .add_extension(x509.KeyUsage(True, True, False, False, False, False, False, False, False), True)
            .sign(key, hashes.SHA256()))
    kp, cp = tmp_path / "k.pem", tmp_path / "c.pem"
    kp.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption()))
    cp.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return kp, cp


@pytest.mark.slow
def test_signed_pdf_fills_signature_columns_not_issue_date(tmp_path):
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    arch = tmp_path / "a"
    arch.mkdir()
    plain = tmp_path / "plain.pdf"
    _form_pdf(plain, sign_line=True)
    kp, cp = _self_signed(tmp_path)
    signer = signers.SimpleSigner.load(str(kp), str(cp))
    with open(plain, "rb") as fh:
        w = IncrementalPdfFileWriter(fh)
        out = io.BytesIO()
        signers.sign_pdf(w, signers.PdfSignatureMetadata(field_name="Signature1"), signer=signer, output=out)
    (arch / "signed.pdf").write_bytes(out.getvalue())
    docs, _ = _run(arch, tmp_path / "o")
    d = docs.loc["signed.pdf"]
    assert d["signed_by"] == "Nguyễn Văn An"
    assert d["signed_org"] == "ỦY BAN NHÂN DÂN TỈNH HÀ NAM"
    assert d["signed_at"][:10] == dt.datetime.now(dt.timezone.utc).date().isoformat()[:10] or \
        abs((dt.date.fromisoformat(d["signed_at"][:10]) - dt.date.today()).days) <= 1
    assert d["issue_date"] == "2024-11-06" and d["doc_number"] == "542/TB-UBND"
    sigs = json.loads(d["signatures"])
    assert [s["source"] for s in sigs] == ["pdf", "stamp"]
    assert sigs[1]["name"] == "Văn phòng Ủy ban nhân dân tỉnh Hà Nam"
    assert sigs[1]["time"] == "2024-11-07T09:30:00+07:00"
    text = (tmp_path / "o" / "text" / f"{d['doc_id']}.txt").read_text(encoding="utf-8")
    assert "Ký bởi" not in text and "09:30:00" not in text
    dates = pd.read_parquet(tmp_path / "o" / "dates.parquet")
    assert "2024-11-07" not in set(dates.loc[dates.doc_id == d["doc_id"], "date"])


@pytest.mark.parametrize("text,body_has,stamp", [
    ("Ký bởi: Sở Nội vụ\nCơ quan: Tỉnh Bình Thuận\nThời gian ký: 24.01.2025 10:15:00 +07:00\nNội dung",
     "Nội dung", {"name": "Sở Nội vụ", "org": "Tỉnh Bình Thuận", "time": "2025-01-24T10:15:00+07:00"}),
    ("TRUNG TÂM CÔNG BÁO\nvp@hanam.gov.vn\n18.11.2024 07:25:14\n+07:00",
     "TRUNG TÂM CÔNG BÁO", {"email": "vp@hanam.gov.vn", "time": "2024-11-18T07:25:14+07:00"}),
    # OCR of a scanned e-gazette stamp: the seal's edge read as marks around the time
    ("Văn phòng Ủy ban Nhân dân,\nTỉnh Quảng Ngãi\n17.06.2022 13:54:54+07:00 `\n\nỦY BAN NHÂN DÂN",
     "ỦY BAN NHÂN DÂN", {"time": "2022-06-17T13:54:54+07:00"}),
    ("| 05.03.2024 08:12:40 +07:00 |\nNội dung", "Nội dung", {"time": "2024-03-05T08:12:40+07:00"}),
    # a clock time in prose, or a date with words around it, is not a stamp
    ("Cuộc họp lúc 08:00:00 ngày 05.03.2024 tại hội trường", "08:00:00", None),
    ("Cơ quan: Sở Tài chính chủ trì, ngày 24/7/2024", "Cơ quan: Sở Tài chính", None),
    ("Gửi các cơ quan: Sở A; Thời gian ký: 01/02/2025 08:00:00", "Gửi các cơ quan: Sở A;",
     {"time": "2025-02-01T08:00:00"}),
])
def test_split_stamp(text, body_has, stamp):
    body, stamps = split_stamp(text, 1)
    assert body_has in body
    if stamp is None:
        assert stamps == [] and body == text
    else:
        assert len(stamps) == 1 and all(stamps[0].get(k) == v for k, v in stamp.items())
        assert "Thời gian ký" not in body and ":00" not in body


def test_parse_time_pdf_date():
    assert parse_time("D:20241118072514+07'00'") == "2024-11-18T07:25:14+07:00"
    assert parse_time("D:20241118072514Z") == "2024-11-18T07:25:14+00:00"


# -- (f) two documents in one file ----------------------------------------------

def _doc(num, day, title):
    return "\n".join(HEADER + [f"Số: {num}/KH-UBND                  Hà Nam, ngày {day} tháng 5 năm 2024", "",
                               "KẾ HOẠCH", title, PROSE])


def test_two_documents_in_one_file():
    r = baocao.extract(_doc(12, 3, "Cải cách hành chính") + "\f" + PROSE + "\f" + _doc(15, 9, "Tiếp công dân"))
    assert r.document["parts"] == 2
    assert "second document starts on page 3" in r.document["review_reason"]
    assert r.header["doc_number"] == "12/KH-UBND" and r.header["issue_date"] == "2024-05-03"
    single = baocao.extract(_doc(12, 3, "Cải cách hành chính") + "\f" + PROSE)
    assert single.document["parts"] == 1 and "document starts" not in (single.document["review_reason"] or "")


# -- a signed scan: the only text layer is the signature stamp over the page image --

def _stamp_over_scan(path, image_share=1.0):
    """A page image (``image_share`` of the page's width and height) with the
    e-office stamp's text as the page's only text."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (1240, 1754), 250)
    d = ImageDraw.Draw(img)
    for y in range(200, 1500, 40):
        d.rectangle((150, y, 1100, y + 12), fill=30)   # lines of print
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    buf.seek(0)
    c = canvas.Canvas(str(path), pagesize=(595, 842))
    _font(c, 8)
    c.drawImage(ImageReader(buf), 0, 0, width=595 * image_share, height=842 * image_share)
    _lines(c, ["Ký bởi: Sở Nội vụ", "Cơ quan: Tỉnh Bình Thuận", "Thời gian ký: 24.01.2025 10:15:00 +07:00"],
           y=820, x=400, step=10, size=8)
    c.showPage()
    c.save()


@pytest.mark.parametrize("share, image_page", [(1.0, True), (0.5, False)])
def test_stamp_only_layer_over_a_page_image_is_no_text(tmp_path, share, image_page):
    from baocao.pipeline.stages.ingest.pdf import ingest_pdf

    _stamp_over_scan(tmp_path / "signed-scan.pdf", share)
    for mode in ("auto", "never"):
        page = ingest_pdf(tmp_path / "signed-scan.pdf", ocr_mode=mode).pages[0]
        assert page.image_page is image_page
        assert "Ký bởi" not in page.text and "10:15:00" not in page.text   # the stamp is not body text
        assert [s.get("name") for s in page.signatures] == ["Sở Nội vụ"]
        assert page.signatures[0]["time"] == "2025-01-24T10:15:00+07:00"
        if image_page:
            assert page.note.startswith("signature stamp over a page image"), page.note
        if mode == "auto":
            assert page.needs_ocr       # a page image with no text of its own is OCR'd
        else:
            assert "kept: --ocr never" in page.note


# -- (b) an English-mode OCR layer over a page image: re-OCR'd, better kept -----

@pytest.mark.slow
@pytest.mark.ocr
def test_english_ocr_layer_over_scan_is_reocred(tmp_path):
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    from synth.render import _text_pdf_bytes, pdf_to_images

    body = "\n".join(HEADER + ["Số: 31/QĐ-SYT                 Hà Nam, ngày 10 tháng 10 năm 2017", "",
                               "QUYẾT ĐỊNH"] + _wrap(PROSE, 70))
    img = pdf_to_images(_text_pdf_bytes(body), dpi=200, pages=range(1), grayscale=True)[0]
    arch = tmp_path / "a"
    arch.mkdir()
    c = canvas.Canvas(str(arch / "scan.pdf"))
    _font(c)
    buf = io.BytesIO()
    img.convert("L").save(buf, format="PNG")
    buf.seek(0)
    w, h = img.width * 72 / 200, img.height * 72 / 200
    c.setPageSize((w, h))
    c.drawImage(ImageReader(buf), 0, 0, width=w, height=h)
    english = unidecode(body).replace("CONG", "CQNG").replace("So:", "S:").replace("ngay", "ngày")
    _lines(c, english.split("\n"), y=h - 60, mode=3)   # invisible, as scanners write their OCR layer
    c.showPage()
    c.save()
    docs, pages = _run(arch, tmp_path / "o")
    p = pages.iloc[0]
    assert p["text_source"] == "ocr" and p["kept"] == "ocr"
    assert p["layer_score"] < BAD <= GOOD <= p["ocr_score"]
    assert "text layer without diacritics" in p["note"] and "kept OCR" in p["note"]
    assert docs.loc["scan.pdf", "diacritics"] == "full"
