"""The document's own header: type, number, date, issuer, place, period, signer."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from unidecode import unidecode

from conftest import GOLD, corpus_text
from baocao.extractors.canonical import canonical_key
from baocao.extractors.header import extract_header
from baocao.normalizers.legacy import to_vni
from baocao.normalizers.normalize import normalize_text

FIELDS = ("doc_type", "doc_number", "issue_date", "issuer", "location", "period", "signer")


def header_of(stem: str, damage=lambda t: t):
    return extract_header(normalize_text(damage(corpus_text(stem))).text)


# --------------------------------------------------------------------------
# corpus

CORPUS_EXPECTED = {
    # 000: header block, blank number, no date line, place from the issuer
    "000": dict(doc_type="BC", doc_number="/BC-UBND", issue_date=None, issuer="UBND thị trấn Thanh Miện",
                location="Thanh Miện", period="6 tháng đầu năm 2024", signer="Phạm Quang Hùng"),
    # 001: no issuer lines, blank number and day, place from the date line
    "001": dict(doc_type="BC", doc_number="/BC-UBND", issue_date="2024-11", issuer="UBND Phường 4",
                location="Phường 4", period="năm 2024", signer="Nguyễn Tài Hoàng Na"),
    # 002: flattened number/date line, bare place line, unit from the body, KT. signature
    "002": dict(doc_type="BC", doc_number="04/BC-UBND", issue_date="2024-01-11", issuer="UBND xã Song Vân",
                location="Song Vân", period="năm 2023", signer="Giáp Quốc Mạnh"),
    # 003: no header at all: type from the title word, the rest null; issuer from signature + body
    "003": dict(doc_type="KH", doc_number=None, issue_date=None, issuer="UBND thị trấn Thanh Miện",
                location="Thanh Miện", period="năm 2024", signer="Phạm Quang Hùng"),
    # 004: English-mode OCR (Sb:, ngay24, nim); the signer's name is garbled: null
    "004": dict(doc_type="BC", doc_number="78/BC-UBND", issue_date="2024-06-24",
                issuer="UBND thị trấn Binh Duong", location="Binh Duong", period="6 tháng đầu năm 2024",
                signer=None),
}


@pytest.mark.parametrize("stem", sorted(CORPUS_EXPECTED))
def test_corpus_headers(stem):
    h = header_of(stem)
    assert {f: getattr(h, f) for f in FIELDS} == CORPUS_EXPECTED[stem]


@pytest.mark.parametrize("stem", ["000", "001"])
def test_gold_document_fields(stem):
    gold = json.loads(next(GOLD.glob(f"{stem}_*.json")).read_text(encoding="utf-8"))["document"]
    h = header_of(stem)
    for f in FIELDS:
        assert getattr(h, f) == gold[f], f


@pytest.mark.parametrize("stem", sorted(CORPUS_EXPECTED))
def test_number_span_is_the_symbol(stem):
    text = normalize_text(corpus_text(stem)).text
    h = extract_header(text)
    if h.doc_number is None:
        assert h.number_start is None and h.number_end is None
        return
    raw = text[h.number_start:h.number_end]
    assert canonical_key(raw) == h.doc_number
    assert raw[0] in "/0123456789" and raw[-1].isalnum()


@pytest.mark.parametrize("stem", sorted(CORPUS_EXPECTED))
def test_headers_survive_stripped_diacritics(stem):
    full = header_of(stem)
    ascii_ = header_of(stem, unidecode)
    for f in ("doc_type", "doc_number", "issue_date", "period"):
        assert getattr(ascii_, f) == getattr(full, f), f
    for f in ("issuer", "location", "signer"):
        assert (getattr(ascii_, f) is None) == (getattr(full, f) is None), f
        if getattr(full, f):
            assert unidecode(getattr(ascii_, f)).lower() == unidecode(getattr(full, f)).lower(), f


@pytest.mark.parametrize("stem", ["000", "001", "002", "003"])
def test_headers_survive_vni_encoding(stem):
    assert header_of(stem, to_vni) == header_of(stem)


def test_title_keeps_its_wrapped_lines():
    assert header_of("000").title == ("kết quả thực hiện Quy chế dân chủ ở cơ sở 6 tháng đầu năm, "
                                      "nhiệm vụ trọng tâm 6 tháng cuối năm 2024")
    assert header_of("001").title == "Kết quả thực hiện Quy chế dân chủ ở cơ sở năm 2024"
    assert header_of("003").title == "Thực hiện dân chủ ở cơ sở năm 2024"


# --------------------------------------------------------------------------
# header layouts

FLAT = ("UỶ BAN NHÂN DÂN XÃ SONG VÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
        "Số: 04/BC-UBND Song Vân, ngày 11 tháng 01 năm 2024 BÁO CÁO Tổng kết việc thực hiện dân chủ năm 2023\n\n"
        "Thực hiện Kế hoạch số 12/KH-UBND ngày 05/3/2024 của UBND huyện Tân Yên...\n")

MD_TABLE = ("| **ỦY BAN NHÂN DÂN** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n|---|---|\n"
            "| **XÃ SONG VÂN** | **Độc lập - Tự do - Hạnh phúc** |\n"
            "| Số: 04/BC-UBND | Song Vân, ngày 11 tháng 01 năm 2024 |\n\n"
            "**BÁO CÁO**\n\n**Kết quả công tác quý I/2024**\n\nCăn cứ Luật Thực hiện dân chủ ở cơ sở...")

TWO_LEVEL = ("UBND HUYỆN THANH MIỆN\nUBND THỊ TRẤN THANH MIỆN\nSố: 12/QĐ-UBND\n"
             "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
             "Thanh Miện, ngày 05 tháng 3 năm 2024\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế thực hiện dân chủ\n"
             "CHỦ TỊCH ỦY BAN NHÂN DÂN THỊ TRẤN THANH MIỆN\nCăn cứ Luật Tổ chức chính quyền địa phương...\n\n"
             "CHỦ TỊCH\n\n\nNGUYỄN VĂN AN\n")

CONG_VAN = ("ỦY BAN NHÂN DÂN\nPHƯỜNG 4\nSố: 695/UBND-VP\nV/v báo cáo kết quả thực hiện dân chủ\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPhường 4, ngày 31 tháng 5 năm 2024\n"
            "Kính gửi: Phòng Nội vụ thành phố\n\nThực hiện Công văn số 1515/UBND-NV ...\n\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\nLê Thị Hoa\n")

PARTY = ("ĐẢNG BỘ HUYỆN TÂN YÊN\nĐẢNG ỦY XÃ SONG VÂN\n*\nSố 45-BC/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
         "Song Vân, ngày 20 tháng 12 năm 2023\nBÁO CÁO\nsơ kết 6 tháng đầu năm 2023\n\n"
         "T/M ĐẢNG ỦY\nBÍ THƯ\n\nNguyễn Văn Bình\n")

MISSING = (" KẾ HOẠCH\nThực hiện dân chủ ở cơ sở năm 2024\n\nThực hiện Quy chế dân chủ trên địa bàn xã "
           "Song Vân, UBND xã xây dựng kế hoạch...\nUBND xã tổ chức...\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"
           "Giáp Quốc Mạnh")

OCR = ("UY BAN NHAN DAN CONG HOA XA HOI CHU NGHIA VIET NAM\n"
       " THI TRAN BINH DUONG Poc 1ap — Tw do — Hanh phiic\n"
       "Sb: 78 /BC-UBND Binh Duong, ngay24 thang 6 nam 2024\nBAO CAO\n\n"
       "Tinh hinh thye hién Quy ché dan chii ¢ co sé 6 thang dau nim 2024\n\nThue hién Ké hoach sé 28/KH-UBND")


@pytest.mark.parametrize("text, expected", [
    (FLAT, dict(doc_type="BC", doc_number="04/BC-UBND", issue_date="2024-01-11", issuer="UBND xã Song Vân",
                location="Song Vân", period="năm 2023", signer=None)),
    (MD_TABLE, dict(doc_type="BC", doc_number="04/BC-UBND", issue_date="2024-01-11",
                    issuer="UBND xã Song Vân", location="Song Vân", period="quý I năm 2024", signer=None)),
    (TWO_LEVEL, dict(doc_type="QĐ", doc_number="12/QĐ-UBND", issue_date="2024-03-05",
                     issuer="UBND thị trấn Thanh Miện", location="Thanh Miện", period=None,
                     signer="Nguyễn Văn An")),
    (CONG_VAN, dict(doc_type="CV", doc_number="695/UBND-VP", issue_date="2024-05-31", issuer="UBND Phường 4",
                    location="Phường 4", period=None, signer="Lê Thị Hoa")),
    (PARTY, dict(doc_type="BC", doc_number="45-BC/ĐU", issue_date="2023-12-20", issuer="Đảng ủy xã Song Vân",
                 location="Song Vân", period="6 tháng đầu năm 2023", signer="Nguyễn Văn Bình")),
    (MISSING, dict(doc_type="KH", doc_number=None, issue_date=None, issuer="UBND xã Song Vân",
                   location="Song Vân", period="năm 2024", signer="Giáp Quốc Mạnh")),
    (OCR, dict(doc_type="BC", doc_number="78/BC-UBND", issue_date="2024-06-24",
               issuer="UBND thị trấn Binh Duong", location="Binh Duong", period="6 tháng đầu năm 2024",
               signer=None)),
], ids=["flat", "md_table", "two_level", "cong_van", "party", "missing", "ocr"])
def test_layouts(text, expected):
    h = extract_header(text)
    assert {f: getattr(h, f) for f in FIELDS} == expected


def test_two_level_title_stops_at_the_next_capitals_line():
    assert extract_header(TWO_LEVEL).title == "Về việc ban hành Quy chế thực hiện dân chủ"


# --------------------------------------------------------------------------
# number

@pytest.mark.parametrize("line, number, raw", [
    ("Số: 04/BC-UBND", "04/BC-UBND", "04/BC-UBND"),
    ("Số:           /BC-UBND", "/BC-UBND", "/BC-UBND"),
    ("Số: …/KH-UBND", "/KH-UBND", "/KH-UBND"),
    ("Số: ......./BC-UBND", "/BC-UBND", "/BC-UBND"),
    ("Sb: 78 /BC-UBND", "78/BC-UBND", "78 /BC-UBND"),
    ("S6: 12/QD-UBND", "12/QĐ-UBND", "12/QD-UBND"),
    ("Số: 01/2024/QĐ-UBND", "01/2024/QĐ-UBND", "01/2024/QĐ-UBND"),
    ("Số 45-BC/ĐU", "45-BC/ĐU", "45-BC/ĐU"),
    ("Số: 05/TTr-UBND", "05/TTR-UBND", "05/TTr-UBND"),
    ("**Số: 123/BC - UBND**", "123/BC-UBND", "123/BC - UBND"),
])
def test_number(line, number, raw):
    text = f"ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n{line}\n\nBÁO CÁO\nKết quả năm 2024\n"
    h = extract_header(text)
    assert h.doc_number == number
    assert text[h.number_start:h.number_end] == raw


@pytest.mark.parametrize("text", [
    "BÁO CÁO\nKết quả năm 2024\n\nThực hiện Kế hoạch số 65/KH-UBND ngày 05/3/2024 của UBND thành phố",
    "Thực hiện Kế hoạch số 65/KH-UBND ngày 05/3/2024. Số: 12/BC-UBND ở thân bài không phải số của văn bản "
    + "x" * 200,
])
def test_body_numbers_are_not_the_own_number(text):
    h = extract_header(text)
    assert h.doc_number is None and h.number_start is None


@pytest.mark.parametrize("symbol_line, code", [
    ("Số: 12/QĐ-UBND", "QĐ"), ("Số: 1515/UBND-NV", "CV"), ("Số: 05/TTr-UBND", "TTr"),
    ("Số: 45-BC/ĐU", "BC"), ("Số: 01/2024/QĐ-UBND", "QĐ"),
])
def test_type_from_symbol_without_a_title_word(symbol_line, code):
    text = f"ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\n{symbol_line}\nV/v triển khai công tác\n\nKính gửi: các thôn\n"
    assert extract_header(text).doc_type == code


@pytest.mark.parametrize("title_word, code", [
    ("BÁO CÁO", "BC"), ("KẾ HOẠCH", "KH"), ("QUYẾT ĐỊNH", "QĐ"), ("THÔNG BÁO", "TB"),
    ("NGHỊ QUYẾT", "NQ"), ("TỜ TRÌNH", "TTr"), ("CHƯƠNG TRÌNH", "CTr"), ("**BÁO CÁO**", "BC"),
    ("BAO CAO", "BC"), ("KE HOACH", "KH"), ("## KẾ HOẠCH", "KH"),
])
def test_type_from_title_word(title_word, code):
    text = f"Số: 12/XX-UBND\nAn Bình, ngày 02 tháng 3 năm 2024\n{title_word}\nVề việc gì đó năm 2024\n"
    assert extract_header(text).doc_type == code


def test_title_word_inside_a_sentence_or_heading_is_not_the_type():
    text = "Số: 12/BC-UBND\nI. BÁO CÁO KẾT QUẢ\nTổng hợp báo cáo của các thôn\n"
    assert extract_header(text).doc_type == "BC"  # from the symbol, not from "I. BÁO CÁO"
    text = "Công văn này gửi kèm BÁO CÁO của xã\n"
    assert extract_header(text).doc_type is None


# --------------------------------------------------------------------------
# date line

@pytest.mark.parametrize("line, iso, place", [
    ("Song Vân, ngày 11 tháng 01 năm 2024", "2024-01-11", "Song Vân"),
    ("Phường 4, ngày tháng 11 năm 2024", "2024-11", "Phường 4"),
    ("Phường 4, ngày      tháng 11 năm 2024", "2024-11", "Phường 4"),
    ("Hà Nội, ngày ... tháng ... năm 2024", None, "Hà Nội"),
    ("Binh Duong, ngay24 thang 6 nam 2024", "2024-06-24", "Binh Duong"),
    ("Tân Hưng, ngày 31 tháng 02 năm 2024", None, "Tân Hưng"),   # no such day
    ("TP. Hồ Chí Minh, ngày 5 tháng 9 năm 2023", "2023-09-05", "Hồ Chí Minh"),
    ("ngày 05 tháng 3 năm 2024", "2024-03-05", None),
])
def test_date_line(line, iso, place):
    text = f"Số: 12/BC-UBND\n{line}\n\nBÁO CÁO\nKết quả năm 2024\n"
    h = extract_header(text)
    assert h.issue_date == iso
    assert h.location == place


def test_body_dates_are_not_the_issue_date():
    text = "BÁO CÁO\nKết quả năm 2024\n\nNgày 15 tháng 3 năm 2024 UBND xã đã họp.\n"
    assert extract_header(text).issue_date is None


# --------------------------------------------------------------------------
# period

@pytest.mark.parametrize("title, period", [
    ("Kết quả thực hiện Quy chế dân chủ ở cơ sở 6 tháng đầu năm 2024", "6 tháng đầu năm 2024"),
    ("kết quả 6 tháng đầu năm, nhiệm vụ trọng tâm 6 tháng cuối năm 2024", "6 tháng đầu năm 2024"),
    ("Tổng kết năm 2023, phương hướng, nhiệm vụ năm 2024", "năm 2023"),
    ("Kết quả công tác quý I năm 2024", "quý I năm 2024"),
    ("Kết quả công tác quý 3/2024", "quý III năm 2024"),
    ("Kết quả 9 tháng đầu năm 2024", "9 tháng đầu năm 2024"),
    ("Báo cáo tháng 6 năm 2024", "tháng 6 năm 2024"),
    ("Kế hoạch giai đoạn 2021 - 2025", "giai đoạn 2021-2025"),
    ("Kết quả năm học 2023-2024", "năm học 2023-2024"),
    ("Tinh hinh thuc hien 6 thang dau nim 2024", "6 tháng đầu năm 2024"),
    ("Về việc ban hành Quy chế", None),
])
def test_period(title, period):
    text = f"Số: 12/BC-UBND\nAn Bình, ngày 02 tháng 3 năm 2024\nBÁO CÁO\n{title}\n\nThực hiện..."
    assert extract_header(text).period == period


# --------------------------------------------------------------------------
# signer

@pytest.mark.parametrize("tail, signer", [
    ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhạm Quang Hùng\n", "Phạm Quang Hùng"),
    ("**TM. ỦY BAN NHÂN DÂN  \nCHỦ TỊCH**\n\n**Nguyễn Tài Hoàng Na**", "Nguyễn Tài Hoàng Na"),
    ("KT. CH  TỊCH \n\nPHÓ CH  TỊCH \n\n\n\nGiáp Quốc Mạnh \n ", "Giáp Quốc Mạnh"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n(Đã ký)\n\nNGUYỄN VĂN AN", "Nguyễn Văn An"),
    ("TM. UY BAN NHAN DAN\nCHU TICH\n\nNguyen Thi Lan", "Nguyen Thi Lan"),
    ("TM. UY BAN NHAN DAN\n- UBND huyén; KT. CHU TICH\n- Luu: VT.\n\nNguy;n h1 Phwong Toan", None),
    ("Nơi nhận:\n- Như trên;\n- Lưu: VT.\n", None),
    ("CHỦ TỊCH\n\nChủ Tịch\n", None),
])
def test_signer(tail, signer):
    text = "BÁO CÁO\nKết quả năm 2024\n\nNội dung.\n\n" + tail
    assert extract_header(text).signer == signer


# --------------------------------------------------------------------------
# OCR damage: digits for letters, lost spaces

@pytest.mark.parametrize("text, field, value", [
    ("S0: o4/BC-UBND\nAn Bình, ngày 02 tháng 3 năm 2024\nBÁO CÁO\nKết quả\n", "doc_number", "04/BC-UBND"),
    ("Số: 04/BC-UBND\nAn Bình, ngày l1 tháng o1 năm 2o24\nBÁO CÁO\nKết quả\n", "issue_date", "2024-01-11"),
    ("Số: 04/BC-UBND\nAn Bình, ngày 1I tháng 1I năm 2024\nBÁO CÁO\nKết quả\n", "issue_date", "2024-11-11"),
    ("Số: 04/KH-UBND\nAn Bình, ngày 02 tháng 3 năm 2024\nBÁO CÁ0\nKết quả\n", "doc_type", "BC"),
    ("Số: 04/BC-UBNDSong Vân, ngày 11 tháng 01 năm 2024\nBÁO CÁO\nKết quả\n", "doc_number", "04/BC-UBND"),
    ("Số: 04/BC-UBNDSong Vân, ngày 11 tháng 01 năm 2024\nBÁO CÁO\nKết quả\n", "location", "Song Vân"),
    ("Số: 04/BC-UBND SongVân, ngày 11 tháng 01 năm 2024\nBÁO CÁO\nKết quả\n", "location", "Song Vân"),
    ("UỶ BAN NHÂN DÂN\nTHỊ TRẤN THANH M1ỆN\nSố: 04/BC-UBND\nBÁO CÁO\nKết quả\n", "issuer",
     "UBND thị trấn Thanh Miện"),
    ("UỶ BAN NHÂN DÂN\nTHỊ TRẤNTHANH MIỆN\nSố: 04/BC-UBND\nBÁO CÁO\nKết quả\n", "issuer",
     "UBND thị trấn Thanh Miện"),
    ("UỶ BAN NHÂN DÂN\nTHỊ TRẤN THANHMIỆN\nSố: 04/BC-UBND\nBÁO CÁO\nKết quả\n\nUBND thị trấn Thanh Miện",
     "issuer", "UBND thị trấn Thanh Miện"),
    ("THI TRAN BINH DUONGPoc 1ap\nSb: 78 /BC-UBND\nBAO CAO\nKet qua\n", "issuer", "UBND thị trấn Binh Duong"),
    ("BÁO CÁO\nKết quả thực hiện 6 tháng đầu năm 2o24\n", "period", "6 tháng đầu năm 2024"),
    ("BÁO CÁO\nKết quả thực hiện 6 thangdau nam2024\n", "period", "6 tháng đầu năm 2024"),
    ("BÁO CÁO\nKết quả\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhạmQuangHùng\n", "signer", "Phạm Quang Hùng"),
    ("BÁO CÁO\nKết quả\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n**Nguyễn Tà1 Hoàng Na**", "signer",
     "Nguyễn Tài Hoàng Na"),
    ("BÁO CÁO\nKết quả\n\nTM. UY BAN NHAN DAN\nCHU TICH\n\nG1ap Qu0c Manh", "signer", "Giap Quoc Manh"),
    ("BÁO CÁO\nKết quả\n\nTM. UY BANNHAN DAN\nCHU TICH\n\nThực hiện ở thị trấn Thanh Miện. UBND thị trấn.",
     "issuer", "UBND thị trấn Thanh Miện"),
])
def test_ocr_damage(text, field, value):
    assert getattr(extract_header(text), field) == value


@pytest.mark.slow
@pytest.mark.parametrize("stem", sorted(CORPUS_EXPECTED))
def test_core_fields_survive_ocr_like_noise(stem):
    from synth.damage import ocr_like_noise, strip_diacritics
    ref = header_of(stem)
    for seed in range(4):
        for damage in (lambda t: ocr_like_noise(t, seed=seed, rate=0.05),
                       lambda t: ocr_like_noise(strip_diacritics(t), seed=seed, rate=0.05)):
            h = header_of(stem, damage)
            for f in ("doc_type", "doc_number", "issue_date"):
                assert getattr(h, f) == getattr(ref, f), (seed, f)


# --------------------------------------------------------------------------
# never raises

@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_extract_header_never_raises_on_junk(text):
    h = extract_header(text)
    if h.number_start is not None:
        assert 0 <= h.number_start < h.number_end <= len(text)


_HEADERISH = st.lists(st.sampled_from([
    "Số:", "Sb:", " 04", "/BC-UBND", "/", "-", "ngày", "tháng", "năm", " 2024", " 11", "BÁO CÁO", "KẾ HOẠCH",
    "ỦY BAN NHÂN DÂN", "XÃ", "PHƯỜNG", " 4", "SONG VÂN", ",", "\n", "  ", "TM.", "CHỦ TỊCH", "Nguyễn Văn",
    "**", "…", "quý", " I", "6 tháng đầu năm", "Song Vân", "thị trấn",
]), max_size=60).map("".join)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_HEADERISH)
def test_extract_header_never_raises_on_header_like_junk(text):
    h = extract_header(text)
    if h.number_start is not None:
        assert 0 <= h.number_start < h.number_end <= len(text)
        assert canonical_key(text[h.number_start:h.number_end]) == h.doc_number


def test_extract_header_is_quick_on_large_input():
    import time
    text = corpus_text("000") * 10 + ("Số: " + " " * 5000 + "ngày" + " " * 5000) * 5
    t0 = time.perf_counter()
    extract_header(text)
    assert time.perf_counter() - t0 < 1.0


# --------------------------------------------------------------------------
# realistic documents written for the tests (tests/data/headers/): a Sở's
# decision with a two-line issuer and the signature beside "Nơi nhận:", a
# ministry's official letter with a wrapped "V/v" line, a text saved from a
# legal-information site, Markdown layout tables (the date line wrapped inside
# its cell; bold/italic runs side by side), the Prime Minister's decision, a
# draft letter, a service centre under a city

HEADERS = Path(__file__).parent / "data" / "headers"
FIELDS_S = FIELDS + ("subject",)

DOCUMENTS = {
    "so_quyet_dinh_hai_dong.txt": dict(
        doc_type="QĐ", doc_number="215/QĐ-STC", issue_date="2024-04-08", issuer="Sở Tài chính tỉnh Bình Định",
        location="Quy Nhơn", period="năm 2024", signer="Võ Thị Thanh Tâm",
        subject="Về việc thành lập Tổ công tác rà soát thủ tục hành chính thuộc phạm vi quản lý của "
                "Sở Tài chính năm 2024"),
    "bo_cong_van.txt": dict(
        doc_type="CV", doc_number="3087/BYT-KCB", issue_date="2025-01-16", issuer="Bộ Y tế", location="Hà Nội",
        period=None, signer="Trần Văn Thuấn",
        subject="V/v tăng cường công tác khám bệnh, chữa bệnh dịp nghỉ Tết Nguyên đán Ất Tỵ 2025"),
    "web_thong_bao.txt": dict(
        doc_type="TB", doc_number="42/TB-UBND", issue_date="2024-03-12", issuer="UBND tỉnh Nghệ An",
        location="Nghệ An", period="quý I năm 2024", signer="Nguyễn Đình Hùng",
        subject="KẾT LUẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH TẠI BUỔI LÀM VIỆC VỀ CẢI CÁCH HÀNH CHÍNH "
                "QUÝ I NĂM 2024"),
    "md_quyet_dinh_can_tho.md": dict(
        doc_type="QĐ", doc_number="2874/QĐ-UBND", issue_date="2025-11-21", issuer="UBND thành phố Cần Thơ",
        location="Cần Thơ", period=None, signer="Trương Cảnh Tuyên",
        subject="Ban hành Quy chế phối hợp trong giải quyết thủ tục hành chính trên địa bàn thành phố Cần Thơ"),
    "md_bao_cao_song_song.md": dict(
        doc_type="BC", doc_number="1032/BC-SNV", issue_date="2024-06-28", issuer="Sở Nội vụ tỉnh Hà Tĩnh",
        location="Hà Tĩnh", period="6 tháng đầu năm 2024", signer="Nguyễn Thị Hồng Liên",
        subject="Kết quả công tác cải cách hành chính 6 tháng đầu năm 2024, nhiệm vụ trọng tâm 6 tháng cuối "
                "năm 2024"),
    "ttg_quyet_dinh.txt": dict(
        doc_type="QĐ", doc_number="1085/QĐ-TTG", issue_date="2022-09-15", issuer="Thủ tướng Chính phủ",
        location="Hà Nội", period="giai đoạn 2022-2025", signer="Lê Minh Khải",
        subject="BAN HÀNH KẾ HOẠCH RÀ SOÁT, ĐƠN GIẢN HÓA THỦ TỤC HÀNH CHÍNH NỘI BỘ TRONG HỆ THỐNG HÀNH "
                "CHÍNH NHÀ NƯỚC GIAI ĐOẠN 2022 - 2025"),
    "du_thao_cong_van.txt": dict(
        doc_type="CV", doc_number="/UBND-NC", issue_date="2025-12", issuer="UBND tỉnh Lâm Đồng",
        location="Lâm Đồng", period=None, signer=None,
        subject="V/v triển khai thực hiện Công văn số 5689/BCA-C04 của Bộ Công an"),
    "ttpvhcc_thong_bao.txt": dict(
        doc_type="TB", doc_number="118/TB-TTPVHCC", issue_date="2025-10-03",
        issuer="Trung tâm Phục vụ hành chính công thành phố Hà Nội", location="Hà Nội", period=None,
        signer="Đặng Thị Thu Hà",
        subject="Về việc thay đổi thời gian tiếp nhận hồ sơ tại các Điểm phục vụ hành chính công"),
    # a pandoc grid table (+---+ borders, cells wrapped across rows)
    "grid_cong_van.md": dict(
        doc_type="CV", doc_number="1204/UBND-KT", issue_date="2025-12-15", issuer="UBND tỉnh Lâm Đồng",
        location="Lâm Đồng", period=None, signer="Nguyễn Ngọc Phúc",
        subject="V/v triển khai kế hoạch đầu tư công trung hạn"),
    # the national database's page: breadcrumbs, tabs and validity before, related documents after
    "web_csdl_quyet_dinh.txt": dict(
        doc_type="QĐ", doc_number="25/2024/QĐ-UBND", issue_date="2024-07-19", issuer="UBND tỉnh Đồng Nai",
        location="Đồng Nai", period=None, signer="Võ Văn Phi",
        subject="Ban hành Quy định quản lý cụm công nghiệp trên địa bàn tỉnh Đồng Nai"),
    "tinh_uy_chi_thi.txt": dict(
        doc_type="CT", doc_number="12-CT/TU", issue_date="2024-01-04", issuer="Tỉnh ủy Quảng Nam",
        location="Quảng Nam", period=None, signer="Lương Nguyễn Minh Triết",
        subject="của Ban Thường vụ Tỉnh ủy về tăng cường lãnh đạo công tác cải cách hành chính"),
    # a ministry whose name wraps over two lines; TUQ. signature
    "bo_hai_dong_cong_van.txt": dict(
        doc_type="CV", doc_number="4512/BVHTTDL-VP", issue_date="2023-06-20",
        issuer="Bộ Văn hóa, Thể thao và Du lịch", location="Hà Nội", period=None, signer="Nguyễn Văn Việt",
        subject="V/v đẩy mạnh cải cách hành chính"),
}


@pytest.mark.parametrize("name, keys", [
    ("web_thong_bao.txt", ["110/KH-UBND"]),
    ("web_csdl_quyet_dinh.txt", ["32/2024/NĐ-CP"]),
])
def test_saved_web_pages_cite_only_what_the_document_cites(name, keys):
    from baocao.pipeline.stages.extract import run_extractors

    text = normalize_text((HEADERS / name).read_text(encoding="utf-8")).text
    assert [c["key"] for c in run_extractors(text).citations] == keys


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_written_documents(name):
    h = extract_header(normalize_text((HEADERS / name).read_text(encoding="utf-8")).text)
    assert {f: getattr(h, f) for f in FIELDS_S} == DOCUMENTS[name]


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_written_documents_own_number_is_no_citation(name):
    """The own number repeated in the body, an annex or a page footer is never a citation."""
    from baocao.pipeline.stages.extract import run_extractors

    text = normalize_text((HEADERS / name).read_text(encoding="utf-8")).text
    ex = run_extractors(text)
    own = ex.header["doc_number"]
    assert own and all(c["key"] != own for c in ex.citations)


# --------------------------------------------------------------------------
# subject (trích yếu)

@pytest.mark.parametrize("text, subject", [
    # the V/v line of a letter, wrapped over two lines, up to the motto
    ("SỞ Y TẾ\nSố: 12/SYT-NVY\nV/v tăng cường phòng, chống\ndịch bệnh mùa mưa\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
     "An Giang, ngày 02 tháng 7 năm 2024\nKính gửi: các bệnh viện", "V/v tăng cường phòng, chống dịch bệnh mùa mưa"),
    # ... up to a blank line, in the left cell of a tab-separated header
    ("UBND XÃ AN BÌNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 7/UBND\tAn Bình, ngày 02 tháng 7 năm 2024\n"
     "V/v rà soát hộ nghèo\t\n\nKính gửi: các thôn", "V/v rà soát hộ nghèo"),
    # "Về việc ..." spelled out
    ("Số: 8/UBND-VP\nVề việc báo cáo số liệu\n\nKính gửi: Phòng Nội vụ", "Về việc báo cáo số liệu"),
    # the title after the type word, wrapped; a line in capitals continues a title in capitals
    ("Số: 3/KH-UBND\nAn Bình, ngày 02 tháng 7 năm 2024\nKẾ HOẠCH\nTRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH\n"
     "TRONG NĂM 2024\n\nThực hiện Quyết định số 1/QĐ-UBND", "TRIỂN KHAI CÔNG TÁC CẢI CÁCH HÀNH CHÍNH TRONG NĂM 2024"),
    ("Số: 3/KH-UBND\nKẾ HOẠCH\nTriển khai công tác năm 2024\n\nTrong năm 2024, UBND xã tập trung",
     "Triển khai công tác năm 2024"),
    # the title stops where a paragraph opens with its date
    ("Số: 5/TB-UBND\nTHÔNG BÁO\nKết luận của Chủ tịch UBND tỉnh tại cuộc họp\nvề tiến độ giải ngân\n"
     "Ngày 12/11/2024, tại trụ sở UBND tỉnh, Chủ tịch chủ trì cuộc họp", "Kết luận của Chủ tịch UBND tỉnh tại "
     "cuộc họp về tiến độ giải ngân"),
    ("Công văn gửi các thôn về việc họp\n", None),
])
def test_subject(text, subject):
    assert extract_header(text).subject == subject


# --------------------------------------------------------------------------
# layout tables flattened by conversion

@pytest.mark.parametrize("rows, iso, place", [
    # the date line wrapped inside its cell, italic markers left open and closed
    ("| Số: 5/QĐ-UBND | *Cần Thơ, ngày 21 |\n| | tháng 11 năm 2025 * |", "2025-11-21", "Cần Thơ"),
    ("| Số: 5/QĐ-UBND | _Long An, ngày 3_ |\n| | _tháng 2 năm 2024_ |", "2024-02-03", "Long An"),
    # cell lines joined by <br>
    ("| Số: 5/QĐ-UBND<br>V/v họp | *Hà Tĩnh, ngày 9 tháng 9 năm 2024* |", "2024-09-09", "Hà Tĩnh"),
    # a row without its closing bar
    ("| Số: 5/QĐ-UBND | Lâm Đồng, ngày 01 tháng 12 năm 2025", "2025-12-01", "Lâm Đồng"),
])
def test_markdown_header_date(rows, iso, place):
    text = ("| **ỦY BAN NHÂN DÂN** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n|---|---|\n" + rows
            + "\n\n**QUYẾT ĐỊNH**\n\n**Về việc ban hành Quy chế**\n\nCăn cứ Luật...\n")
    h = extract_header(text)
    assert (h.doc_number, h.issue_date, h.location) == ("5/QĐ-UBND", iso, place)
    assert text[h.number_start:h.number_end] == "5/QĐ-UBND"


@pytest.mark.parametrize("cell, signer", [
    ("**KT. CHỦ TỊCH**<br>**PHÓ CHỦ TỊCH**<br><br>**Trần Văn Bảy**", "Trần Văn Bảy"),
    ("**GIÁM ĐỐC** *(Đã ký)* **Lê Thị Mai**", "Lê Thị Mai"),
    ("**TM. ỦY BAN NHÂN DÂN** **CHỦ TỊCH** **NGUYỄN VĂN TƯ**", "Nguyễn Văn Tư"),
    ("**KT. BỘ TRƯỞNG**<br>**THỨ TRƯỞNG**<br>*(Đã ký)*", None),
])
def test_markdown_signature_cells(cell, signer):
    text = ("**BÁO CÁO**\n\nKết quả năm 2024\n\nNội dung.\n\n"
            f"| **Nơi nhận:**<br>- Như trên;<br>- Lưu: VT. | {cell} |\n|---|---|\n")
    assert extract_header(text).signer == signer


# --------------------------------------------------------------------------
# the own number repeated in the text is never a citation

@pytest.mark.parametrize("date_line, repeat", [
    ("Cần Thơ, ngày 21 tháng 11 năm 2025", "(Ban hành kèm theo Quyết định số 12/QĐ-UBND ngày 21 tháng 11 năm 2025 "
                                          "của Chủ tịch UBND thành phố)"),
    ("Cần Thơ, ngày 21 tháng 11 năm 2025", "Quyết định số 12/QĐ-UBND - Trang 2"),
    # the day left blank: a repeat dated within the month is the document itself
    ("Cần Thơ, ngày    tháng 11 năm 2025", "kèm theo Quyết định số 12/QĐ-UBND ngày 21/11/2025"),
    # no date line at all: the same kind of document with the same number is this one
    ("", "kèm theo Quyết định số 12/QĐ-UBND ngày 21/11/2025"),
])
def test_own_number_repeated_is_not_cited(date_line, repeat):
    from baocao.pipeline.stages.extract import run_extractors

    text = (f"ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 12/QĐ-UBND\n{date_line}\n\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế\n\n"
            f"Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09/6/2025 của Chính phủ;\n\nQUY CHẾ\n{repeat}\n")
    keys = [c["key"] for c in run_extractors(text).citations]
    assert keys == ["118/2025/NĐ-CP"]


def test_an_earlier_document_with_the_same_number_stays_a_citation():
    from baocao.pipeline.stages.extract import run_extractors

    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\nSố: 12/QĐ-UBND\nCần Thơ, ngày 21 tháng 11 năm 2025\n\nQUYẾT ĐỊNH\n"
            "Về việc bãi bỏ\n\nBãi bỏ Quyết định số 12/QĐ-UBND ngày 05/01/2023 của UBND thành phố.\n")
    assert [c["key"] for c in run_extractors(text).citations] == ["12/QĐ-UBND"]


# --------------------------------------------------------------------------
# a text saved from a legal-information site

SITE_HEAD = ("Trang chủ | Văn bản | Đăng nhập\nQuyết định 9/QĐ-UBND năm 2024 về việc gì đó\n"
             "Số hiệu:\t9/QĐ-UBND\nLoại văn bản:\tQuyết định\nNơi ban hành:\tTỉnh Long An\n"
             "Người ký:\tNguyễn Văn Út\nNgày ban hành:\t01/02/2024\n\n")
DOC = ("ỦY BAN NHÂN DÂN\nTỈNH LONG AN\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
       "Số: 9/QĐ-UBND\nLong An, ngày 02 tháng 02 năm 2024\n\nQUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\n"
       "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;\n\nNơi nhận:\n- Lưu: VT.\n\n"
       "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nTrần Thị Bích\n")
SITE_TAIL = ("\nVăn bản gốc | Tải về\nVăn bản liên quan\nNghị quyết 76/NQ-CP năm 2021 về cải cách hành chính\n"
             "Người ký:\tPhạm Văn Năm\nBản quyền © Thư viện. Liên hệ ngày 05/5/2024\n")


@pytest.mark.parametrize("text, start, end", [
    (SITE_HEAD + DOC + SITE_TAIL, len(SITE_HEAD), len(SITE_HEAD) + len(DOC) - 1),
    (SITE_HEAD + DOC, len(SITE_HEAD), None),
    # without the metadata block: two site lines after the signature end the document
    (DOC + SITE_TAIL, None, len(DOC) - 1),
    # one site-like line after the signature of a plain document is the document's
    (DOC + "\nLiên hệ: Văn phòng UBND tỉnh\n", None, None),
    (DOC, None, None),
])
def test_site_text_around_a_saved_document(text, start, end):
    from baocao.pipeline.stages.extract import run_extractors

    h = extract_header(text)
    assert (h.body_start, h.body_end) == (start, end)
    assert (h.doc_number, h.issue_date, h.issuer, h.signer) == ("9/QĐ-UBND", "2024-02-02", "UBND tỉnh Long An",
                                                                 "Trần Thị Bích")
    ex = run_extractors(text)
    assert [c["key"] for c in ex.citations] == ["63/2010/NĐ-CP"]
    assert {d["date"] for d in ex.dates} == {"2024-02-02", "2010-06-08"}


# --------------------------------------------------------------------------
# a title is never a signer

@pytest.mark.parametrize("tail, signer", [
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nThứ Trưởng\n", None),
    ("TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG\n\nChánh Văn Phòng\n", None),
    ("TM. ỦY BAN\nCHỦ NHIỆM\n\nChủ nhiệm\n", None),
    ("GIÁM ĐỐC\n\nGiám Đốc Sở\n", None),
    ("KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\n\nĐỗ Xuân Tuyên\n", "Đỗ Xuân Tuyên"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHOÀNG THỊ THU TRANG\n", "Hoàng Thị Thu Trang"),
    # side by side with "Nơi nhận:" in a tab-separated table
    ("Nơi nhận:\tKT. GIÁM ĐỐC\n- Như trên;\tPHÓ GIÁM ĐỐC\n- Lưu: VT.\t(Đã ký)\n\tLâm Văn Tám\n", "Lâm Văn Tám"),
    # a place, a body or a phrase in capitals is not a name
    ("CHỦ TỊCH\n\nThành Phố Huế\n", None),
    ("CHỦ TỊCH\n\nSở Tài Chính\n", None),
])
def test_titles_are_never_signers(tail, signer):
    text = "BÁO CÁO\nKết quả năm 2024\n\nNội dung.\n\n" + tail
    assert extract_header(text).signer == signer


# --------------------------------------------------------------------------
# a number written by hand after printing; the gazette's title sentence

@pytest.mark.parametrize("line, number", [
    ("Số: 3/%QĐ-SYT", "/QĐ-SYT"),       # OCR debris of the handwritten digits run into the slash
    ("Số: J†§ /STTTT-CNTT", "/STTTT-CNTT"),
    ("Số: /74/UBND- KSTTHC", "/UBND-KSTTHC"),
    ("Số: /#⁄/UBND- KSTTHC", "/UBND-KSTTHC"),   # symbols and slashes of debris before the printed symbol
    ("Số: /%QĐ-SYT", "/QĐ-SYT"),
    ("Số: 3/QĐ-SYT", "3/QĐ-SYT"),
    ("Số: 3176B/QĐ-SYT", "3176B/QĐ-SYT"),
])
def test_handwritten_number_keeps_the_printed_part(line, number):
    text = f"UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\n{line}\nKiên Giang, ngày 05 tháng 10 năm 2017\nQUYẾT ĐỊNH\nVề việc x\n"
    assert extract_header(text).doc_number == number


@pytest.mark.parametrize("line, number, note", [
    # a slash lost between the digits and a type code the table knows: put back, said
    ("Số: 175QĐ-SYT", "175/QĐ-SYT", "slash restored: 175QĐ-SYT read as 175/QĐ-SYT"),
    ("Số: 31QD-SYT", "31/QĐ-SYT", "slash restored: 31QD-SYT read as 31/QĐ-SYT"),
    ("Số: 12BC- UBND", "12/BC-UBND", "slash restored: 12BC- UBND read as 12/BC-UBND"),
    # printed with its slash: no note; letters that are no type code: not guessed
    ("Số: 175/QĐ-SYT", "175/QĐ-SYT", None),
    ("Số: 12AB-UBND", None, None),
])
def test_own_number_with_its_slash_lost(line, number, note):
    text = f"UBND TỈNH KIÊN GIANG\nSỞ Y TẾ\n{line}\nKiên Giang, ngày 05 tháng 10 năm 2017\nQUYẾT ĐỊNH\nVề việc x\n"
    h = extract_header(text)
    assert (h.doc_number, h.number_note) == (number, note)
    if number:
        assert text[h.number_start:h.number_end] == line[len("Số: "):]


@pytest.mark.parametrize("text, expected", [
    ("Quyết định\ncủa Thủ tướng Chính phủ số 15/2004/QĐ-TTg\nngày 25 tháng 6 năm 2004 về việc sửa đổi Quy chế\n"
     "của Quỹ bảo lãnh\nThủ tướng Chính phủ\nCăn cứ Luật Tổ chức Chính phủ;",
     dict(doc_type="QĐ", doc_number="15/2004/QĐ-TTG", issue_date="2004-06-25", issuer="Thủ tướng Chính phủ",
          subject="sửa đổi Quy chế của Quỹ bảo lãnh")),
    ("NGHỊ ĐỊNH\nCỦA CHÍNH PHỦ SỐ 20/2008/NĐ-CP NGÀY 14 THÁNG 02 NĂM 2008\nVỀ TIẾP NHẬN PHẢN ÁNH\n\nCHÍNH PHỦ\n",
     dict(doc_type="NĐ", doc_number="20/2008/NĐ-CP", issue_date="2008-02-14", issuer="Chính phủ",
          subject="TIẾP NHẬN PHẢN ÁNH")),
    ("Thông tư số 02/2017/TT-VPCP ngày 31 tháng 10 năm 2017 của Văn phòng Chính phủ hướng dẫn nghiệp vụ\n\n"
     "Căn cứ Nghị định",
     dict(doc_type="TT", doc_number="02/2017/TT-VPCP", issue_date="2017-10-31", issuer="Văn phòng Chính phủ",
          subject="hướng dẫn nghiệp vụ")),
    # a sentence of the body that names a decision is not the title sentence
    ("Căn cứ Quyết định số 15/2004/QĐ-TTg ngày 25 tháng 6 năm 2004 của Thủ tướng Chính phủ;\n",
     dict(doc_type=None, doc_number=None, issue_date=None, issuer=None, subject=None)),
])
def test_gazette_title_sentence(text, expected):
    h = extract_header(text)
    assert {f: getattr(h, f) for f in expected} == expected


@pytest.mark.parametrize("later, cited", [
    # the number written by hand on the signed copy: a later page names the document with its number,
    # its date and its subject: that is this document
    ("Căn cứ Văn bản số 4532/UBND-KSTTHC ngày 07/12/2011 của UBND tỉnh về việc xây dựng kế hoạch rà soát "
     "quy định, thủ tục hành chính;", []),
    # same printed symbol, another subject: another letter of the same office
    ("Căn cứ Văn bản số 4410/UBND-KSTTHC ngày 01/12/2011 của UBND tỉnh về việc báo cáo số liệu thống kê;",
     ["4410/UBND-KSTTHC"]),
    # same subject words, but dated another month
    ("Căn cứ Văn bản số 4532/UBND-KSTTHC ngày 07/10/2011 của UBND tỉnh về việc xây dựng kế hoạch rà soát "
     "quy định, thủ tục hành chính;", ["4532/UBND-KSTTHC"]),
])
def test_own_number_written_by_hand_repeated_later(later, cited):
    from baocao.pipeline.stages.extract import run_extractors

    text = ("ỦY BAN NHÂN DÂN\nTỈNH PHÚ THỌ\nSố: /UBND-KSTTHC\nV/v xây dựng kế hoạch rà soát quy định, thủ tục\n"
            "hành chính\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPhú Thọ, ngày    tháng 12 năm 2011\n\n"
            "Kính gửi: Các sở, ban, ngành\n\nThực hiện Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ.\n"
            f"\f{later}\n")
    keys = [c["key"] for c in run_extractors(text).citations]
    assert keys == ["63/2010/NĐ-CP"] + cited


@pytest.mark.parametrize("header_line, body, issuer", [
    # OCR misread a mark in the capitals of the header; the body spells the name right, twice
    ("SỞ THÔNG TIN VÀ TRUYÈN THÔNG", "Sở Thông tin và Truyền thông đề nghị. Sở Thông tin và Truyền thông tổng hợp.",
     "Sở Thông tin và Truyền thông tỉnh Phú Thọ"),
    # one spelling against another once each: no clear winner, the header's stays
    ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "Sở Thông tin và Truyèn thông đề nghị.", "Sở Thông tin và Truyền thông tỉnh Phú Thọ"),
    # a body that never names the issuer: the field's spelling in header_words.tsv decides
    ("SỞ THÔNG TIN VÀ TRUYÈN THÔNG", "Các đơn vị báo cáo.", "Sở Thông tin và Truyền thông tỉnh Phú Thọ"),
    # ... and a field that no row spells stays as read
    ("SỞ THÔNG TIN VÀ TRUYÈN HÌNH", "Các đơn vị báo cáo.", "Sở Thông tin và Truyèn hình tỉnh Phú Thọ"),
])
def test_issuer_spelled_as_the_text_spells_it(header_line, body, issuer):
    text = (f"UBND TỈNH PHÚ THỌ\n{header_line}\nSố: 275/STTTT-CNTT\nV/v đăng ký danh sách\n"
            f"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nPhú Thọ, ngày 05 tháng 12 năm 2011\n\nKính gửi: Các đơn vị\n\n{body}\n")
    assert extract_header(text).issuer == issuer


def test_an_annex_that_lists_procedures_is_not_site_text():
    annex = ("\nPHỤ LỤC\nDanh mục thủ tục hành chính\nĐăng ký kinh doanh hộ cá thể\nTra cứu hồ sơ trực tuyến\n"
             "Liên hệ: Bộ phận Một cửa, Kế hoạch số 7/KH-UBND ngày 02/01/2024\n")
    h = extract_header(DOC + annex)
    assert (h.body_start, h.body_end) == (None, None)
