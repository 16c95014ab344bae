"""Headers as real documents write them (issue 14): a table-driven battery.

Every case is a small document built here by a factory from parts written
for the test (no text copied from shared documents): an issuer block (one or
two lines: province, Sở under a province, centre under a city, commune, ward,
ministry, the Government and its Office), a number line, a date line, a type
word and title, a short body and a signature block; and a *form* that lays
them out the way conversions and scans deliver them:

* ``stacked``  — a PDF text layer: the left column's lines, then the right one's;
* ``tabs``     — a DOCX table read row by row, cells separated by tabs;
* ``md_br``    — a Markdown layout table, each column one cell joined by ``<br>``,
  bold/italic markers around the runs;
* ``md_rows``  — a Markdown layout table, one row per printed line, the date
  line wrapped inside its cell (``*Cần Thơ, ngày 21`` / ``tháng 11 năm 2025 *``);
* ``ocr_flat`` — OCR of a scan: both columns on one line, wide gaps.

The classes (one test function each, several variants each): the header
fields in every form; the place name whole (``Hà Tĩnh``, ``Lâm Đồng``, never
its first syllable); the issuer of a two-line header (the lower line, with the
upper line's place) and of central bodies (place Hà Nội); the signer of every
signature-block shape, never a title; OCR damage (glued words, text without
marks, ``S6:``/``S:`` for ``Số:``); the canonical number; drafts (number and
day left blank); review reasons (an unknown unit code is no reason).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

import pytest
from unidecode import unidecode

import baocao
from baocao.extractors.header import extract_header
from baocao.normalizers.fold import fold
from baocao.normalizers.normalize import normalize_text

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO2 = "Độc lập - Tự do - Hạnh phúc"


# --------------------------------------------------------------------------
# the parts of a document

@dataclass(frozen=True)
class Issuer:
    lines: tuple[str, ...]          # the issuer block, top to bottom, in capitals
    issuer: str                     # documents.issuer expected
    place: str                      # the date line's place (documents.location)
    code: str                       # the issuer code of its numbers (UBND, SNV, BNV, TTg)


PROVINCE = Issuer(("ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"), "UBND tỉnh Hà Tĩnh", "Hà Tĩnh", "UBND")
PROVINCE_LD = Issuer(("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"), "UBND tỉnh Lâm Đồng", "Lâm Đồng", "UBND")
CITY = Issuer(("ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ"), "UBND thành phố Cần Thơ", "Cần Thơ", "UBND")
COUNCIL = Issuer(("HỘI ĐỒNG NHÂN DÂN", "TỈNH PHÚ THỌ"), "HĐND tỉnh Phú Thọ", "Phú Thọ", "HĐND")
COMMUNE = Issuer(("ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"), "UBND xã Tân Phú", "Tân Phú", "UBND")
WARD = Issuer(("ỦY BAN NHÂN DÂN", "PHƯỜNG HẢI CHÂU"), "UBND phường Hải Châu", "Hải Châu", "UBND")
SO = Issuer(("UBND TỈNH BÌNH THUẬN", "SỞ NỘI VỤ"), "Sở Nội vụ tỉnh Bình Thuận", "Bình Thuận", "SNV")
SO_LONG = Issuer(("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "SỞ Y TẾ"), "Sở Y tế tỉnh Quảng Ngãi", "Quảng Ngãi", "SYT")
SO_TTTT = Issuer(("UBND TỈNH PHÚ THỌ", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG"),
                 "Sở Thông tin và Truyền thông tỉnh Phú Thọ", "Phú Thọ", "STTTT")
CENTRE = Issuer(("UBND THÀNH PHỐ HÀ NỘI", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"),
                "Trung tâm Phục vụ hành chính công thành phố Hà Nội", "Hà Nội", "TTPVHCC")
MINISTRY = Issuer(("BỘ NỘI VỤ",), "Bộ Nội vụ", "Hà Nội", "BNV")
MINISTRY_LONG = Issuer(("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG",), "Bộ Tài nguyên và Môi trường", "Hà Nội", "BTNMT")
PRIME_MINISTER = Issuer(("THỦ TƯỚNG CHÍNH PHỦ",), "Thủ tướng Chính phủ", "Hà Nội", "TTg")
GOVERNMENT = Issuer(("CHÍNH PHỦ",), "Chính phủ", "Hà Nội", "CP")
GOV_OFFICE = Issuer(("VĂN PHÒNG CHÍNH PHỦ",), "Văn phòng Chính phủ", "Hà Nội", "VPCP")
GOV_DEPT = Issuer(("VĂN PHÒNG CHÍNH PHỦ", "CỤC KIỂM SOÁT THỦ TỤC HÀNH CHÍNH"),
                  "Cục Kiểm soát thủ tục hành chính", "Hà Nội", "KSTT")

ISSUERS = {i.issuer: i for i in (PROVINCE, PROVINCE_LD, CITY, COUNCIL, COMMUNE, WARD, SO, SO_LONG, SO_TTTT,
                                 CENTRE, MINISTRY, MINISTRY_LONG, PRIME_MINISTER, GOVERNMENT, GOV_OFFICE,
                                 GOV_DEPT)}


@dataclass(frozen=True)
class Kind:
    word: Optional[str]             # the type word in capitals (None: an official letter, V/v line)
    code: str                       # its type code in the number ("" for a công văn)
    doc_type: str
    title: str


REPORT = Kind("BÁO CÁO", "BC", "BC", "Kết quả công tác cải cách hành chính năm 2024")
PLAN = Kind("KẾ HOẠCH", "KH", "KH", "Triển khai công tác tiếp công dân năm 2025")
DECISION = Kind("QUYẾT ĐỊNH", "QĐ", "QĐ", "Về việc ban hành Quy chế làm việc")
SUBMISSION = Kind("TỜ TRÌNH", "TTr", "TTr", "Về việc đề nghị phê duyệt danh sách")
TELEGRAM = Kind("CÔNG ĐIỆN", "CĐ", "CĐ", "Về việc tập trung ứng phó với bão")
NOTICE = Kind("THÔNG BÁO", "TB", "TB", "Kết luận của Chủ tịch tại cuộc họp")
RESOLUTION = Kind("NGHỊ QUYẾT", "NQ", "NQ", "Về phiên họp thường kỳ tháng 10")
LETTER = Kind(None, "", "CV", "V/v góp ý dự thảo Kế hoạch")


@dataclass(frozen=True)
class Doc:
    issuer: Issuer
    kind: Kind
    number: str = "125"             # the printed number ("" for a draft)
    day: str = "05"
    month: str = "3"
    year: str = "2024"
    sig: tuple[str, ...] = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An")
    number_cue: str = "Số:"
    rule: str = ""                  # a rule printed under the issuer block ("-------", "___")
    body: str = ""                  # the body (default BODY)

    @property
    def symbol(self) -> str:
        code = self.issuer.code
        return f"{self.number}/{self.kind.code}-{code}" if self.kind.code else f"{self.number}/{code}-VP"

    @property
    def number_line(self) -> str:
        return f"{self.number_cue} {self.symbol}"

    @property
    def date_line(self) -> str:
        return f"{self.issuer.place}, ngày {self.day} tháng {self.month} năm {self.year}"

    @property
    def title_lines(self) -> list[str]:
        if self.kind.word is None:
            return []
        return [self.kind.word, self.kind.title]

    def expected_number(self) -> str:
        # the canonical key (shared/reference/numbering.md): letters upper case
        return self.symbol.upper().replace("QĐI", "QĐi")

    def expected_date(self) -> Optional[str]:
        if not self.day.strip().isdigit():
            return f"{self.year}-{int(self.month):02d}"
        return f"{self.year}-{int(self.month):02d}-{int(self.day):02d}"


BODY = ("Thực hiện Kế hoạch số 12/KH-UBND ngày 10/01/2024 của Ủy ban nhân dân, cơ quan báo cáo kết quả "
        "thực hiện nhiệm vụ trong kỳ như sau:\n\n1. Kết quả đạt được\n\nĐã tiếp nhận 120 hồ sơ, giải quyết đúng "
        "hạn 118 hồ sơ.\n\n2. Nhiệm vụ thời gian tới\n\nTiếp tục triển khai các nhiệm vụ được giao.\n")
RECIPIENTS = ["Nơi nhận:", "- Như trên;", "- Lưu: VT, NC."]


def _left(d: Doc) -> list[str]:
    out = list(d.issuer.lines) + ([d.rule] if d.rule else []) + [d.number_line]
    if d.kind.word is None:
        out.append(d.kind.title)
    return out


def _right(d: Doc) -> list[str]:
    return [MOTTO, MOTTO2, d.date_line]


def _tail_stacked(d: Doc) -> str:
    # the signature column after "Nơi nhận:" (a PDF text layer reads the left column first)
    return "\n".join(RECIPIENTS + [""] + list(d.sig)) + "\n"


def _tail_sig_first(d: Doc) -> str:
    return "\n".join(list(d.sig) + [""] + RECIPIENTS) + "\n"


def _tail_tabs(d: Doc) -> str:
    rows = []
    for k in range(max(len(RECIPIENTS), len(d.sig))):
        a = RECIPIENTS[k] if k < len(RECIPIENTS) else ""
        b = d.sig[k] if k < len(d.sig) else ""
        rows.append(f"{a}\t{b}")
    return "\n".join(rows) + "\n"


def _md_cell(lines: list[str], bold: bool = True) -> str:
    out = []
    for s in lines:
        if not s:
            out.append("")
        elif s.startswith("("):
            out.append(f"*{s}*")
        else:
            out.append(f"**{s}**" if bold else s)
    return "<br>".join(out)


def _tail_md_br(d: Doc) -> str:
    left = "**Nơi nhận:**<br>" + "<br>".join(RECIPIENTS[1:])
    return f"| {left} | {_md_cell(list(d.sig))} |\n|---|---|\n"


def _tail_md_rows(d: Doc) -> str:
    rows = ["|  |  |", "|---|---|"]
    for k in range(max(len(RECIPIENTS), len(d.sig))):
        a = RECIPIENTS[k] if k < len(RECIPIENTS) else ""
        a = f"**{a}**" if a.endswith(":") else a
        b = d.sig[k] if k < len(d.sig) else ""
        b = (f"*{b}*" if b.startswith("(") else f"**{b}**") if b else ""
        rows.append(f"| {a} | {b} |")
    return "\n".join(rows) + "\n"


def build(d: Doc, form: str) -> str:
    left, right = _left(d), _right(d)
    title = d.title_lines
    if form == "stacked":
        head = "\n".join(left + right + [""] + title)
        tail = _tail_stacked(d)
    elif form == "sig_first":
        head = "\n".join(left + right + [""] + title)
        tail = _tail_sig_first(d)
    elif form == "tabs":
        n = max(len(left), len(right))
        rows = [f"{left[k] if k < len(left) else ''}\t{right[k] if k < len(right) else ''}" for k in range(n)]
        head = "\n".join(rows + [""] + title)
        tail = _tail_tabs(d)
    elif form == "md_br":
        lcell = "<br>".join(f"**{s}**" for s in d.issuer.lines) + (f"<br>{d.rule}" if d.rule else "") \
            + "<br>" + d.number_line
        if d.kind.word is None:
            lcell += "<br>*" + d.kind.title + "*"
        rcell = f"**{MOTTO}**<br>**{MOTTO2}**<br><br>*{d.date_line}*"
        head = f"| {lcell} | {rcell} |\n|---|---|\n\n" + "\n\n".join(f"**{t}**" for t in title)
        tail = _tail_md_br(d)
    elif form == "md_rows":
        # the date line wrapped inside its cell: "*Cần Thơ, ngày 21" / "tháng 11 năm 2025 *"
        cut = d.date_line.index(" tháng")
        lcol = [f"**{s}**" for s in d.issuer.lines] + ([d.rule] if d.rule else []) + [d.number_line]
        if d.kind.word is None:
            lcol.append(f"*{d.kind.title}*")
        rcol = [f"**{MOTTO}**", f"**{MOTTO2}**", f"*{d.date_line[:cut]}", f"{d.date_line[cut + 1:]} *"]
        n = max(len(lcol), len(rcol))
        rows = [f"| {lcol[k] if k < len(lcol) else ''} | {rcol[k] if k < len(rcol) else ''} |" for k in range(n)]
        rows.insert(1, "|---|---|")
        head = "\n".join(rows) + "\n\n" + "\n\n".join(f"**{t}**" for t in title)
        tail = _tail_md_rows(d)
    elif form == "md_sig_first":
        # a layout table whose signature cell stands above the "Nơi nhận:" row
        lcell = "<br>".join(f"**{s}**" for s in d.issuer.lines) + "<br>" + d.number_line
        if d.kind.word is None:
            lcell += "<br>*" + d.kind.title + "*"
        rcell = f"**{MOTTO}**<br>**{MOTTO2}**<br>*{d.date_line}*"
        head = f"| {lcell} | {rcell} |\n|---|---|\n\n" + "\n\n".join(f"**{t}**" for t in title)
        tail = (f"|  | {_md_cell(list(d.sig))} |\n|---|---|\n"
                "| **Nơi nhận:**<br>- Như trên;<br>- Lưu: VT. |  |\n")
    elif form == "ocr_flat":
        # a scan OCR'd line by line: both columns on one line, a wide gap between them
        n = max(len(left), len(right))
        rows = [f"{left[k] if k < len(left) else ''}      {right[k] if k < len(right) else ''}".strip()
                for k in range(n)]
        head = "\n".join(rows + [""] + title)
        tail = _tail_stacked(d)
    else:
        raise ValueError(form)
    opening = "Kính gửi: Ủy ban nhân dân các huyện\n\n" if d.kind.word is None else ""
    return head + "\n\n" + opening + (d.body or BODY) + "\n" + tail


FORMS = ("stacked", "sig_first", "tabs", "md_br", "md_rows", "md_sig_first", "ocr_flat")


def header(text: str):
    return extract_header(normalize_text(text).text)


def fields(h) -> dict:
    return dict(doc_type=h.doc_type, doc_number=h.doc_number, issue_date=h.issue_date, issuer=h.issuer,
                location=h.location, signer=h.signer)


def expected(d: Doc, signer: Optional[str] = "Nguyễn Văn An") -> dict:
    return dict(doc_type=d.kind.doc_type, doc_number=d.expected_number(), issue_date=d.expected_date(),
                issuer=d.issuer.issuer, location=d.issuer.place, signer=signer)


# --------------------------------------------------------------------------
# class 1: every field of every body's header, in every layout form

DOCS = [
    Doc(PROVINCE, REPORT),
    Doc(PROVINCE_LD, PLAN, number="07", day="01", month="12", year="2025"),
    Doc(CITY, DECISION, number="2874", day="21", month="11", year="2025"),
    Doc(COUNCIL, RESOLUTION, number="45", day="18", month="10", year="2023"),
    Doc(COMMUNE, REPORT, number="04", day="11", month="01", year="2024"),
    Doc(WARD, NOTICE, number="38", day="9", month="9", year="2025"),
    Doc(SO, SUBMISSION, number="3367", day="28", month="11", year="2024"),
    Doc(SO_LONG, REPORT, number="1983", day="05", month="10", year="2017"),
    Doc(SO_TTTT, LETTER, number="275", day="27", month="12", year="2011"),
    Doc(CENTRE, NOTICE, number="118", day="03", month="10", year="2025"),
    Doc(MINISTRY, LETTER, number="2345", day="16", month="4", year="2024"),
    Doc(MINISTRY_LONG, DECISION, number="1520", day="30", month="6", year="2022"),
    Doc(PRIME_MINISTER, TELEGRAM, number="95", day="09", month="9", year="2024",
        sig=("THỦ TƯỚNG", "", "Phạm Văn Hưng")),
    Doc(GOVERNMENT, RESOLUTION, number="66", day="14", month="3", year="2025",
        sig=("TM. CHÍNH PHỦ", "KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "", "Trần Quốc Bảo")),
    Doc(GOV_OFFICE, LETTER, number="1234", day="02", month="02", year="2023",
        sig=("KT. BỘ TRƯỞNG, CHỦ NHIỆM", "PHÓ CHỦ NHIỆM", "", "Lê Hồng Sơn")),
    Doc(GOV_DEPT, REPORT, number="56", day="20", month="5", year="2021",
        sig=("CỤC TRƯỞNG", "", "Ngô Hải Phong")),
]


def _doc_id(d: Doc) -> str:
    return unidecode(d.issuer.issuer).replace(" ", "_") + "-" + d.kind.doc_type


def _sig_name(d: Doc) -> str:
    return d.sig[-1]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("d", DOCS, ids=_doc_id)
def test_header_fields_in_every_form(d, form):
    h = header(build(d, form))
    assert fields(h) == expected(d, _sig_name(d))


@pytest.mark.parametrize("d", DOCS, ids=_doc_id)
def test_number_span_is_the_printed_symbol(d):
    text = normalize_text(build(d, "md_rows")).text
    h = extract_header(text)
    assert text[h.number_start:h.number_end] == d.symbol
    assert text[h.day_start:h.day_end] == d.day


DECISION_BODY = ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n\nCăn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 02 "
                 "năm 2025;\n\nTheo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày 02/3/2024.\n\n"
                 "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.\n\nĐiều 2. Quyết định "
                 "này có hiệu lực kể từ ngày ký.\n\nĐiều 3. Chánh Văn phòng, Giám đốc các sở chịu trách nhiệm thi "
                 "hành Quyết định này./.\n")
TELEGRAM_BODY = ("THỦ TƯỚNG CHÍNH PHỦ điện:\n\n- Chủ tịch Ủy ban nhân dân các tỉnh, thành phố;\n- Bộ trưởng các Bộ: "
                 "Quốc phòng, Công an.\n\nTheo thông tin của cơ quan khí tượng, bão số 3 đang di chuyển nhanh.\n\n"
                 "1. Các địa phương chủ động sơ tán dân.\n\n2. Văn phòng Chính phủ theo dõi, đôn đốc./.\n")
PROVINCIAL_TELEGRAM_BODY = ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH điện:\n\n- Giám đốc các sở, ngành;\n- Chủ tịch UBND các "
                            "xã, phường.\n\nĐể chủ động ứng phó với mưa lớn, yêu cầu các đơn vị thực hiện.\n")


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("d", [
    # a rule printed under the issuer block
    Doc(SO, SUBMISSION, rule="-------"),
    Doc(COMMUNE, REPORT, rule="______"),
    Doc(MINISTRY, LETTER, rule="---------------"),
    # a decision's authority line and articles; a telegram's "điện:" line
    Doc(PROVINCE, DECISION, body=DECISION_BODY, sig=("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "",
                                                     "Nguyễn Văn An")),
    Doc(PRIME_MINISTER, TELEGRAM, number="95", body=TELEGRAM_BODY, sig=("THỦ TƯỚNG", "", "Phạm Văn Hưng")),
    Doc(PROVINCE_LD, TELEGRAM, number="03", body=PROVINCIAL_TELEGRAM_BODY,
        sig=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Nguyễn Văn An")),
], ids=lambda d: _doc_id(d) + ("-rule" if d.rule else "") + ("-body" if d.body else ""))
def test_header_fields_with_rules_and_real_bodies(d, form):
    h = header(build(d, form))
    assert fields(h) == expected(d, _sig_name(d))


# --------------------------------------------------------------------------
# class 2: the place name whole, never its first syllable

PLACES = [
    # (the issuer block, the date line's place, issuer expected)
    (("ỦY BAN NHÂN DÂN", "TỈNH HÀ TĨNH"), "Hà Tĩnh", "UBND tỉnh Hà Tĩnh"),
    (("ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG"), "Lâm Đồng", "UBND tỉnh Lâm Đồng"),
    (("ỦY BAN NHÂN DÂN", "TỈNH HÀ GIANG"), "Hà Giang", "UBND tỉnh Hà Giang"),
    (("ỦY BAN NHÂN DÂN", "TỈNH ĐẮK LẮK"), "Đắk Lắk", "UBND tỉnh Đắk Lắk"),
    (("ỦY BAN NHÂN DÂN", "TỈNH THỪA THIÊN HUẾ"), "Thừa Thiên Huế", "UBND tỉnh Thừa Thiên Huế"),
    (("ỦY BAN NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"), "Hồ Chí Minh", "UBND thành phố Hồ Chí Minh"),
    (("UBND TỈNH HÀ TĨNH", "SỞ TƯ PHÁP"), "Hà Tĩnh", "Sở Tư pháp tỉnh Hà Tĩnh"),
    (("UBND TỈNH LÂM ĐỒNG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), "Lâm Đồng", "Sở Giáo dục và Đào tạo tỉnh Lâm Đồng"),
    (("ỦY BAN NHÂN DÂN", "XÃ HÀ LAM"), "Hà Lam", "UBND xã Hà Lam"),
    # two names joined by a dash
    (("ỦY BAN NHÂN DÂN", "TỈNH BÀ RỊA - VŨNG TÀU"), "Bà Rịa - Vũng Tàu", "UBND tỉnh Bà Rịa - Vũng Tàu"),
    (("UBND TỈNH BÀ RỊA - VŨNG TÀU", "SỞ NỘI VỤ"), "Bà Rịa - Vũng Tàu", "Sở Nội vụ tỉnh Bà Rịa - Vũng Tàu"),
    (("ỦY BAN NHÂN DÂN", "THÀNH PHỐ PHAN RANG - THÁP CHÀM"), "Phan Rang - Tháp Chàm",
     "UBND thành phố Phan Rang - Tháp Chàm"),
]


@pytest.mark.parametrize("form", ("stacked", "tabs", "md_br", "md_rows", "ocr_flat"))
@pytest.mark.parametrize("lines, place, issuer", PLACES, ids=[p[1] for p in PLACES])
def test_place_name_is_whole(lines, place, issuer, form):
    d = Doc(Issuer(lines, issuer, place, "UBND"), REPORT)
    h = header(build(d, form))
    assert (h.location, h.issuer) == (place, issuer)


@pytest.mark.parametrize("date_line", [
    "Hà Tĩnh, ngày 05 tháng 3 năm 2024",
    "*Hà Tĩnh, ngày 05 tháng 3 năm 2024*",
    "_Hà Tĩnh, ngày 05 tháng 3 năm 2024_",
    "*Hà Tĩnh*, *ngày 05 tháng 3 năm 2024*",
    "Hà Tĩnh , ngày 05 tháng 3 năm 2024",
    "Hà  Tĩnh, ngày 05 tháng 3 năm 2024",
    "Hà Tĩnh, ngày 05 tháng 03 năm 2024",
    "Hà Tĩnh, ngày 5 tháng 3 năm 2024",
    "Hà Tĩnh,ngày 05 tháng 3 năm 2024",             # OCR lost the space after the comma
    "Hà Tĩnh. ngày 05 tháng 3 năm 2024",            # ... or read the comma as a dot
    "Hà Tĩnh ngày 05 tháng 3 năm 2024",             # ... or lost it
    "Hà Tĩnh, ngay 05 thang 3 nam 2024",            # ... or the marks of the date words
    "Hà Tĩnh, ngày 05 tháng 3 năm 2024.",
    "**Hà Tĩnh, ngày 05 tháng 3 năm 2024**",
])
def test_date_line_place_whole_in_its_spellings(date_line):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 12/BC-UBND\n{MOTTO}\n{MOTTO2}\n{date_line}\n\n"
            f"BÁO CÁO\nKết quả năm 2024\n\n{BODY}")
    h = header(text)
    assert (h.location, h.issue_date, h.issuer) == ("Hà Tĩnh", "2024-03-05", "UBND tỉnh Hà Tĩnh")


@pytest.mark.parametrize("number_and_date", [
    "Số: 125/BC-UBNDHà Tĩnh, ngày 05 tháng 3 năm 2024",     # OCR lost the gap between the cells
    "Số: 125/BC-UBND Hà Tĩnh, ngày 05 tháng 3 năm 2024",
    "Số: 125/BC- UBND      Hà Tĩnh, ngày 05 tháng 3 năm 2024",
])
def test_number_line_run_into_the_date_line(number_and_date):
    text = (f"ỦY BAN NHÂN DÂN      {MOTTO}\nTỈNH HÀ TĨNH      {MOTTO2}\n{number_and_date}\n\nBÁO CÁO\n"
            f"Kết quả năm 2024\n\n{BODY}")
    h = header(text)
    assert (h.doc_number, h.issue_date, h.location, h.issuer) == ("125/BC-UBND", "2024-03-05", "Hà Tĩnh",
                                                                  "UBND tỉnh Hà Tĩnh")


# --------------------------------------------------------------------------
# class 3: the issuer of a two-line header and of central bodies

TWO_LINE = [
    (("UBND TỈNH BÌNH THUẬN", "SỞ NỘI VỤ"), "Bình Thuận", "Sở Nội vụ tỉnh Bình Thuận"),
    (("ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG", "SỞ Y TẾ"), "Kiên Giang", "Sở Y tế tỉnh Kiên Giang"),
    (("UBND TỈNH NGHỆ AN", "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH"), "Nghệ An",
     "Sở Văn hóa, Thể thao và Du lịch tỉnh Nghệ An"),
    (("UBND THÀNH PHỐ HÀ NỘI", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG"), "Hà Nội",
     "Trung tâm Phục vụ hành chính công thành phố Hà Nội"),
    (("UBND THÀNH PHỐ ĐÀ NẴNG", "BAN QUẢN LÝ CÁC KHU CÔNG NGHIỆP"), "Đà Nẵng",
     "Ban Quản lý các khu công nghiệp thành phố Đà Nẵng"),
    (("UBND HUYỆN TÂN YÊN", "PHÒNG NỘI VỤ"), "Tân Yên", "Phòng Nội vụ huyện Tân Yên"),
    (("UBND TỈNH QUẢNG NINH", "VĂN PHÒNG"), "Quảng Ninh", "Văn phòng UBND tỉnh Quảng Ninh"),
    (("UBND TỈNH QUẢNG NINH", "THANH TRA"), "Quảng Ninh", "Thanh tra tỉnh Quảng Ninh"),
    (("UBND TỈNH ĐIỆN BIÊN", "BỘ CHỈ HUY QUÂN SỰ"), "Điện Biên", "Bộ Chỉ huy Quân sự tỉnh Điện Biên"),
    # the lower line closes with a unit: the upper line's place
    (("UBND TỈNH HÀ TĨNH", "CÔNG AN TỈNH"), "Hà Tĩnh", "Công an tỉnh Hà Tĩnh"),
    (("UBND THÀNH PHỐ ĐÀ NẴNG", "CÔNG AN THÀNH PHỐ"), "Đà Nẵng", "Công an thành phố Đà Nẵng"),
    (("UBND TỈNH HÀ TĨNH", "THANH TRA TỈNH"), "Hà Tĩnh", "Thanh tra tỉnh Hà Tĩnh"),
    (("UBND THỊ XÃ KỲ ANH", "PHÒNG NỘI VỤ"), "Kỳ Anh", "Phòng Nội vụ thị xã Kỳ Anh"),
    # the lower line names its own place: it is the issuer as it stands
    (("BẢO HIỂM XÃ HỘI VIỆT NAM", "BẢO HIỂM XÃ HỘI TỈNH HÀ TĨNH"), "Hà Tĩnh", "Bảo hiểm xã hội tỉnh Hà Tĩnh"),
    (("SỞ Y TẾ THÀNH PHỐ HÀ NỘI",), "Hà Nội", "Sở Y tế thành phố Hà Nội"),
    (("CÔNG AN THÀNH PHỐ ĐÀ NẴNG",), "Đà Nẵng", "Công an thành phố Đà Nẵng"),
    (("TỈNH ỦY HÀ TĨNH",), "Hà Tĩnh", "Tỉnh ủy Hà Tĩnh"),
    (("UBND HUYỆN THANH MIỆN", "UBND THỊ TRẤN THANH MIỆN"), "Thanh Miện", "UBND thị trấn Thanh Miện"),
    (("ỦY BAN NHÂN DÂN", "TỈNH ĐỒNG NAI"), "Đồng Nai", "UBND tỉnh Đồng Nai"),
    # central bodies: one line, place Hà Nội
    (("BỘ Y TẾ",), "Hà Nội", "Bộ Y tế"),
    (("BỘ KẾ HOẠCH VÀ ĐẦU TƯ",), "Hà Nội", "Bộ Kế hoạch và Đầu tư"),
    (("BỘ LAO ĐỘNG - THƯƠNG BINH", "VÀ XÃ HỘI"), "Hà Nội", "Bộ Lao động - Thương binh và Xã hội"),
    (("THỦ TƯỚNG CHÍNH PHỦ",), "Hà Nội", "Thủ tướng Chính phủ"),
    (("CHÍNH PHỦ",), "Hà Nội", "Chính phủ"),
    (("VĂN PHÒNG CHÍNH PHỦ",), "Hà Nội", "Văn phòng Chính phủ"),
    (("BỘ NỘI VỤ", "VỤ CẢI CÁCH HÀNH CHÍNH"), "Hà Nội", "Vụ Cải cách hành chính"),
]


@pytest.mark.parametrize("form", ("stacked", "tabs", "md_br", "md_rows", "ocr_flat"))
@pytest.mark.parametrize("lines, place, issuer", TWO_LINE, ids=[t[2] for t in TWO_LINE])
def test_issuer_of_the_header_block(lines, place, issuer, form):
    d = Doc(Issuer(lines, issuer, place, "X"), DECISION)
    h = header(build(d, form))
    assert (h.issuer, h.location) == (issuer, place)


# --------------------------------------------------------------------------
# class 4: the signer of every signature block shape; a title is never a signer

SIGNATURES = [
    (("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "Nguyễn Văn An"), "Nguyễn Văn An"),
    (("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "", "Trần Thị Bích Hạnh"), "Trần Thị Bích Hạnh"),
    (("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Võ Minh Tâm"), "Võ Minh Tâm"),
    (("Q. GIÁM ĐỐC", "", "Lê Hoàng Nam"), "Lê Hoàng Nam"),
    (("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Đã ký)", "Đặng Thu Hà"), "Đặng Thu Hà"),
    (("TL. BỘ TRƯỞNG", "VỤ TRƯỞNG VỤ TỔ CHỨC CÁN BỘ", "", "Phạm Minh Đức"), "Phạm Minh Đức"),
    (("TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "", "Hồ Văn Mười"), "Hồ Văn Mười"),
    (("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "Đỗ Thanh Bình"), "Đỗ Thanh Bình"),
    (("KT. THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "", "Lương Quốc Toản"), "Lương Quốc Toản"),
    (("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH", "", "Y Thị Bình"), "Y Thị Bình"),
    (("GIÁM ĐỐC", "", "NGUYỄN THỊ LAN ANH"), "Nguyễn Thị Lan Anh"),
    (("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)", "", "Bùi Đức Long"), "Bùi Đức Long"),
    # a title written where the name goes is not a signer
    (("KT. BỘ TRƯỞNG", "THỨ TRƯỞNG", "", "Thứ Trưởng"), None),
    (("TM. ỦY BAN", "CHỦ NHIỆM", "", "Chủ nhiệm"), None),
    (("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Đã ký)"), None),
    (("GIÁM ĐỐC", "", "Giám Đốc Sở"), None),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("sig, signer", SIGNATURES, ids=[str(s[-1]) for s in SIGNATURES])
def test_signer_of_the_signature_block(sig, signer, form):
    d = Doc(PROVINCE, REPORT, sig=sig)
    assert header(build(d, form)).signer == signer


# --------------------------------------------------------------------------
# class 5: OCR'd headers

OCR_CASES = [
    # words run together: the issuer keeps its place
    ("UBNDTỈNH PHÚ THỌ\nSố: 4532/UBND-KSTTHC\nV/v rà soát thủ tục", "UBND tỉnh Phú Thọ", "4532/UBND-KSTTHC"),
    ("UBND TỈNHPHÚ THỌ\nSố: 4532/UBND-KSTTHC\nV/v rà soát thủ tục", "UBND tỉnh Phú Thọ", "4532/UBND-KSTTHC"),
    ("ỦY BAN NHÂN DÂNTỈNH PHÚ THỌ\nSố: 4532/UBND-KSTTHC\nV/v rà soát thủ tục", "UBND tỉnh Phú Thọ",
     "4532/UBND-KSTTHC"),
    ("UBNDTỈNH PHÚ THỌ\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nSố: 275/STTTT-CNTT\nV/v triển khai phần mềm",
     "Sở Thông tin và Truyền thông tỉnh Phú Thọ", "275/STTTT-CNTT"),
    ("UBND TỈNH PHÚ THỌ\nSỞTHÔNG TIN VÀ TRUYỀN THÔNG\nSố: 275/STTTT-CNTT\nV/v triển khai phần mềm",
     "Sở Thông tin và Truyền thông tỉnh Phú Thọ", "275/STTTT-CNTT"),
    # the number cue misread
    ("UBND TỈNH PHÚ THỌ\nS6: 4532/UBND-KSTTHC\nV/v rà soát thủ tục", "UBND tỉnh Phú Thọ", "4532/UBND-KSTTHC"),
    ("UBND TỈNH PHÚ THỌ\nS: 4532/UBND-KSTTHC\nV/v rà soát thủ tục", "UBND tỉnh Phú Thọ", "4532/UBND-KSTTHC"),
    ("UBND TỈNH PHÚ THỌ\nSô: 4532/UBND-KSTTHC\nV/v rà soát thủ tục", "UBND tỉnh Phú Thọ", "4532/UBND-KSTTHC"),
    ("UBND TỈNH PHÚ THỌ\nSố 4532/UBND-KSTTHC\nV/v rà soát thủ tục", "UBND tỉnh Phú Thọ", "4532/UBND-KSTTHC"),
    ("UBND TỈNH PHÚ THỌ\nSỐ: 4532/UBND-KSTTHC\nV/v rà soát thủ tục", "UBND tỉnh Phú Thọ", "4532/UBND-KSTTHC"),
    ("UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\nS6: 1983/BC-SYT\nBÁO CÁO\nKết quả", "Sở Y tế tỉnh Kiên Giang",
     "1983/BC-SYT"),
    ("UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\nSố: 1983 /BC-SYT\nBÁO CÁO\nKết quả", "Sở Y tế tỉnh Kiên Giang",
     "1983/BC-SYT"),
]


@pytest.mark.parametrize("head, issuer, number", OCR_CASES, ids=[c[0].split("\n")[0] + "|" + c[0].split("\n")[-3]
                                                                  for c in OCR_CASES])
def test_ocr_damaged_header(head, issuer, number):
    lines = head.split("\n")
    # the motto and date line stand beside (OCR'd line by line, wide gaps)
    right = [MOTTO, MOTTO2, "Phú Thọ, ngày 27 tháng 12 năm 2011" if "PHÚ THỌ" in head
             else "Kiên Giang, ngày 05 tháng 10 năm 2017"]
    rows = [f"{lines[k]}      {right[k]}" if k < len(right) else lines[k] for k in range(len(lines))]
    text = "\n".join(rows) + "\n\nKính gửi: các cơ quan\n\n" + BODY + "\n" + _tail_stacked(Doc(PROVINCE, REPORT))
    h = header(text)
    assert (h.issuer, h.doc_number) == (issuer, number)
    assert h.location in ("Phú Thọ", "Kiên Giang")
    assert h.signer == "Nguyễn Văn An"


@pytest.mark.parametrize("d", [
    Doc(PROVINCE, REPORT), Doc(COMMUNE, PLAN), Doc(SO, SUBMISSION), Doc(CENTRE, NOTICE),
    Doc(MINISTRY, LETTER), Doc(PRIME_MINISTER, TELEGRAM, sig=("THỦ TƯỚNG", "", "Phạm Văn Hưng")),
    Doc(SO_TTTT, LETTER),
], ids=_doc_id)
@pytest.mark.parametrize("form", ("stacked", "tabs", "ocr_flat"))
def test_header_without_marks(d, form):
    """OCR without the Vietnamese model, or a copy stripped of its marks
    (``UY BAN NHAN DAN``, ``So: 12/BC-UBND``): the same fields, without marks."""
    h = header(unidecode(build(d, form)))
    got = fields(h)
    want = expected(d, _sig_name(d))
    for f in ("doc_type", "doc_number", "issue_date"):
        assert fold(got[f] or "") == fold(want[f]), f
    for f in ("issuer", "location", "signer"):
        assert got[f] is not None and fold(got[f]).lower() == fold(want[f]).lower(), f


# --------------------------------------------------------------------------
# class 6: the canonical number (shared/reference/numbering.md: letters upper
# case but the i of QĐi; the date keeps what is printed)

@pytest.mark.parametrize("printed, key, doc_type", [
    ("95/CĐ-TTg", "95/CĐ-TTG", "CĐ"),
    ("3367/TTr-SNV", "3367/TTR-SNV", "TTr"),
    ("12/QĐ-UBND", "12/QĐ-UBND", "QĐ"),
    ("12/QD-UBND", "12/QĐ-UBND", "QĐ"),
    ("05/CTr-UBND", "05/CTR-UBND", "CTr"),
    ("08/QyĐ-UBND", "08/QYĐ-UBND", "QyĐ"),
    ("25/2024/QĐ-UBND", "25/2024/QĐ-UBND", "QĐ"),
    ("115/2004/QĐ-TTg", "115/2004/QĐ-TTG", "QĐ"),
    ("07/CT-UBND", "07/CT-UBND", "CT"),
    ("3176B/QĐ-SYT", "3176B/QĐ-SYT", "QĐ"),
    ("1515/UBND-NV", "1515/UBND-NV", "CV"),
    ("9086/BNV-CTTN&BĐG", "9086/BNV-CTTN&BĐG", "CV"),
    ("45-BC/ĐU", "45-BC/ĐU", "BC"),
    ("11-QĐi/TW", "11-QĐi/TW", "QĐi"),     # the party code of a Quy định
])
def test_canonical_number(printed, key, doc_type):
    text = (f"ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: {printed}\n{MOTTO}\nHà Tĩnh, ngày 05 tháng 3 năm 2024\n\n"
            f"Kính gửi: các sở\n\n{BODY}")
    h = header(text)
    assert h.doc_number == key
    assert h.doc_type == doc_type
    assert text[h.number_start:h.number_end] == printed


# --------------------------------------------------------------------------
# class 7: drafts: the number and the day left blank

@pytest.mark.parametrize("number_line, number", [
    ("Số: /UBND-NC", "/UBND-NC"),
    ("Số:      /BC-UBND", "/BC-UBND"),
    ("Số: …/KH-UBND", "/KH-UBND"),
    ("Số: ....../QĐ-UBND", "/QĐ-UBND"),
    ("Số:   /TTr-SNV", "/TTR-SNV"),
    ("Số: ___/TB-UBND", "/TB-UBND"),
])
@pytest.mark.parametrize("date_line, iso", [
    ("Lâm Đồng, ngày tháng 12 năm 2025", "2025-12"),
    ("Lâm Đồng, ngày    tháng 12 năm 2025", "2025-12"),
    ("Lâm Đồng, ngày … tháng 12 năm 2025", "2025-12"),
    ("Lâm Đồng, ngày ... tháng 12 năm 2025", "2025-12"),
    ("*Lâm Đồng, ngày      tháng 12 năm 2025*", "2025-12"),
    ("Lâm Đồng, ngày 03 tháng 12 năm 2025", "2025-12-03"),
])
def test_draft_number_and_day_left_blank(number_line, number, date_line, iso):
    text = (f"ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG\t{MOTTO2}\n"
            f"{number_line}\t{date_line}\n\nKính gửi: Công an tỉnh\n\n{BODY}")
    r = baocao.extract(text)
    doc = r.document
    assert (doc["doc_number"], doc["issue_date"], doc["issuer"], doc["location"]) == (
        number, iso, "UBND tỉnh Lâm Đồng", "Lâm Đồng")
    reasons = (doc["review_reason"] or "").split("; ")
    assert "draft: number left blank" in reasons
    assert ("draft: day left blank" in reasons) == (len(iso) == 7)
    assert not doc["needs_review"]  # a draft's blanks are said, not flagged


@pytest.mark.parametrize("form", ("stacked", "tabs", "md_br", "md_rows"))
def test_draft_in_every_form(form):
    d = Doc(PROVINCE_LD, LETTER, number="", day="", month="12", year="2025", sig=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"))
    r = baocao.extract(build(d, form))
    doc = r.document
    assert (doc["doc_type"], doc["doc_number"], doc["issue_date"], doc["issuer"], doc["location"]) == (
        "CV", "/UBND-VP", "2025-12", "UBND tỉnh Lâm Đồng", "Lâm Đồng")
    assert "draft: number left blank" in doc["review_reason"]


# --------------------------------------------------------------------------
# class 8: review flags: an unknown unit code is no reason to review, an
# unknown type code of a cited key is

@pytest.mark.parametrize("own, cited, flagged", [
    ("12/UBND-XYZQW", "", False),                             # the own letter's unit code unknown
    ("12/BC-UBND", "Thực hiện Công văn số 15/SXD-QLCLXD ngày 02/12/2025 của Sở Xây dựng.", False),
    ("12/BC-UBND", "Thực hiện Công văn số 88/UBND-KSTTHCNC ngày 02/12/2025.", False),
    ("12/BC-SNV", "Căn cứ Thông báo số 7/TB-TTPVHCC ngày 02/12/2025.", False),
    ("12/BC-UBND", "Căn cứ Quyết định số 12/2024/QĐX-UBND ngày 02/12/2024.", True),   # an unknown type code
])
def test_review_reasons_of_codes(own, cited, flagged):
    text = (f"ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH LÂM ĐỒNG\t{MOTTO2}\n"
            f"Số: {own}\tLâm Đồng, ngày 03 tháng 12 năm 2025\n\nKính gửi: các sở\n\n{cited}\n\n{BODY}")
    doc = baocao.extract(text).document
    assert doc["doc_number"] == own
    assert doc["needs_review"] is flagged, doc["review_reason"]
    if flagged:
        assert "unknown type code" in doc["review_reason"]


# --------------------------------------------------------------------------
# class 5b: the upper line of a two-line header damaged by OCR (rules and
# leader dots around it, words run together, a letter doubled): the lower
# body keeps the upper line's place; the body's OCR'd spelling of a unit word
# ("tính" for "tỉnh") never replaces the table's

@pytest.mark.parametrize("upper, lower, issuer", [
    ("—— UBNDTÏỈNH YÊN BÁI..........", "SỞ TƯ PHÁP", "Sở Tư pháp tỉnh Yên Bái"),
    ("UBNDTỈNHH YÊN BÁI", "SỞ Y TẾ", "Sở Y tế tỉnh Yên Bái"),
    ("___ UBND TỈNH YÊN BÁI ___", "SỞ NỘI VỤ", "Sở Nội vụ tỉnh Yên Bái"),
    ("~ UBND TỈNH YÊN BÁI", "SỞTÀI CHÍNH", "Sở Tài chính tỉnh Yên Bái"),
    ("UY BAN NHAN DANTINH YEN BAI", "SO NOI VU", "So Noi vu tinh Yen Bai"),   # compared without marks
])
def test_ocr_damaged_upper_line(upper, lower, issuer):
    place = "Yen Bai" if "YEN" in upper else "Yên Bái"
    text = (f"{upper}      {MOTTO}\n{lower}      {MOTTO2}\n\n\nSố: 12/SNV-VP      {place}, ngày 3 tháng 12 năm 2011\n\n"
            f"V/v rà soát hồ sơ\n\nKính gửi: các phòng\n\nThực hiện Kế hoạch của UBND tính Yên Bái, đơn vị "
            f"báo cáo.\n\n" + _tail_stacked(Doc(PROVINCE, REPORT)))
    h = header(text)
    if fold(issuer) == issuer:
        assert (fold(h.issuer), h.location) == (issuer, place)
    else:
        assert (h.issuer, h.location) == (issuer, place)


# --------------------------------------------------------------------------
# class 3b: a central body's document without a date line is placed at the seat

@pytest.mark.parametrize("text, issuer", [
    ("BỘ Y TẾ\nSố: 12/BYT-KCB\nV/v tăng cường khám bệnh\n\nKính gửi: các bệnh viện\n\nNội dung.\n", "Bộ Y tế"),
    ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 15/CT-TTg\n\nCHỈ THỊ\nVề việc tăng cường kỷ cương\n\nTrong thời gian qua.\n",
     "Thủ tướng Chính phủ"),
    ("Nghị định\ncủa Chính phủ số 20/2008/NĐ-CP\nngày 14 tháng 02 năm 2008 về tiếp nhận phản ánh\n\nChính phủ\n"
     "Căn cứ Luật Tổ chức Chính phủ;\n", "Chính phủ"),
    ("VĂN PHÒNG CHÍNH PHỦ\nSố: 88/VPCP-KSTT\nV/v rà soát thủ tục\n\nKính gửi: các Bộ\n\nNội dung.\n",
     "Văn phòng Chính phủ"),
])
def test_central_body_without_date_line_is_at_the_seat(text, issuer):
    h = header(text)
    assert (h.issuer, h.location) == (issuer, "Hà Nội")


def test_local_body_without_date_line_is_not_at_the_seat():
    h = header("UBND TỈNH YÊN BÁI\nSỞ Y TẾ\nSố: 12/SYT-VP\nV/v họp\n\nKính gửi: các phòng\n\nNội dung.\n")
    assert h.location != "Hà Nội"


# --------------------------------------------------------------------------
# class 4b: the signer when OCR made debris of the signature title: the name
# standing alone near "Nơi nhận:"

@pytest.mark.parametrize("tail, signer", [
    ("Nơi nhận: : GIÁM bóc Jx%\n- Như trên;\n- Lưu: VT.\n\n\nTrần Minh Khoa\n", "Trần Minh Khoa"),
    ("Noi nhận:\n- Như trên;\n- Lưu: VT, KHTC.\n\nCHU TJCH\n\nLÊ THỊ HỒNG\n", "Lê Thị Hồng"),
    ("Trần Minh Khoa\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n", "Trần Minh Khoa"),
    # no name: no signer; the recipients are never the signer
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐÓC\nz | / l\n", None),
    ("Nơi nhận:\n- Ông Nguyễn Văn Toàn;\n- Bà Lê Thị Hoa;\n- Lưu: VT.\n", None),
])
def test_signer_when_the_title_is_unreadable(tail, signer):
    text = "UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\nSố: 12/BC-SYT\nBÁO CÁO\nKết quả tháng 10\n\n" + BODY + "\n" + tail
    assert header(text).signer == signer
