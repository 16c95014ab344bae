"""Handwritten numbers and days read as low-confidence digits are not kept.

Tesseract's output is replayed, not run: each case is a small recorded
``image_to_data`` dictionary (the words of a scanned header with their
confidences), turned into the page text by ``tesseract.result_of_data`` and
given to the pipeline as an OCR'd page.
"""
from __future__ import annotations

import unicodedata

import pytest

from baocao.pipeline.stages import tesseract
from baocao.pipeline.stages.choose import take_ocr
from baocao.pipeline.stages.handwriting import unread_parts
from baocao.pipeline.stages.ingest import Page
from baocao.pipeline.stages.process import finish_document


def recorded(blocks: list[list[list[tuple[str, float]]]]) -> dict:
    """An ``image_to_data`` dictionary: blocks of lines of (word, confidence),
    with the line rows (level 4, conf -1) tesseract puts before each line."""
    d = {k: [] for k in ("level", "block_num", "par_num", "line_num", "word_num", "text", "conf")}

    def row(level, b, ln, wn, text, conf):
        for k, v in zip(d, (level, b, 1, ln, wn, text, conf)):
            d[k].append(v)

    for b, lines in enumerate(blocks, 1):
        row(2, b, 0, 0, "", -1)
        for ln, words in enumerate(lines, 1):
            row(4, b, ln, 0, "", -1)
            for wn, (w, c) in enumerate(words, 1):
                row(5, b, ln, wn, w, c)
    return d


def words(line: str, conf: float = 95.0) -> list[tuple[str, float]]:
    return [(w, conf) for w in line.split()]


def header_scan(number: list[tuple[str, float]], day: list[tuple[str, float]],
                top: str = "UBND HUYỆN THANH MIỆN") -> dict:
    """A district office's report as tesseract reads its first page."""
    return recorded([
        [words(top + " CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
         words("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc"),
         [("Số:", 93.0)] + number + words("Thanh Miện, ngày") + day + words("tháng 3 năm 2024")],
        [words("BÁO CÁO"),
         words("Kết quả thực hiện nhiệm vụ giáo dục học kỳ I năm học 2023-2024")],
        [words("Thực hiện Kế hoạch số 118/KH-UBND ngày 15/8/2023 của Ủy ban nhân dân huyện,"),
         words("Phòng Giáo dục và Đào tạo báo cáo kết quả thực hiện nhiệm vụ như sau:"),
         words("Toàn huyện có 42 trường, 612 lớp với 18.450 học sinh.")],
        [words("TRƯỞNG PHÒNG"), words("Nguyễn Văn Bình")],
    ])


def finished(data: dict, layer: str | None = None) -> dict:
    r = tesseract.result_of_data(data)
    page = Page(number=1, needs_ocr="scanned page", layer_text=layer)
    take_ocr(page, r.text, r.confidence, r.low_words)
    return finish_document("d1", "pdf", [page])["document"]


def test_replayed_output_gives_the_text_and_the_low_words_spans():
    data = header_scan([("1983", 53.0), ("/BC-PGDĐT", 29.0)], [("12", 96.0)])
    r = tesseract.result_of_data(data)
    assert r.text.splitlines()[2] == "Số: 1983 /BC-PGDĐT Thanh Miện, ngày 12 tháng 3 năm 2024"
    assert r.text.splitlines()[3] == ""          # a blank line between blocks
    assert [(r.text[a:b], c) for a, b, c in r.low_words] == [("1983", 53.0), ("/BC-PGDĐT", 29.0)]
    assert r.words == sum(1 for t, lv in zip(data["text"], data["level"]) if lv == 5)


@pytest.mark.parametrize("number, day, doc_number, issue_date, note", [
    # handwritten number read as digits at a low confidence: the printed part
    ([("1983", 53.0), ("/BC-PGDĐT", 29.0)], [("12", 96.0)],
     "/BC-PGDĐT", "2024-03-12", "handwritten: number not read (OCR confidence 53)"),
    # printed number (high confidence): kept as read
    ([("1983", 92.0), ("/BC-PGDĐT", 90.0)], [("12", 96.0)],
     "1983/BC-PGDĐT", "2024-03-12", None),
    ([("1983/BC-PGDĐT", 91.0)], [("12", 96.0)], "1983/BC-PGDĐT", "2024-03-12", None),
    # handwritten day read as digits at a low confidence: the month
    ([("1983/BC-PGDĐT", 91.0)], [("25", 31.0)],
     "1983/BC-PGDĐT", "2024-03", "handwritten: day not read (OCR confidence 31)"),
    # both
    ([("47", 12.0), ("/BC-PGDĐT", 88.0)], [("25", 40.0)], "/BC-PGDĐT", "2024-03",
     "handwritten: number not read (OCR confidence 12); handwritten: day not read (OCR confidence 40)"),
    # digits glued to the printed symbol: the word's confidence is the letters'
    # too (a printed one can read 55), so the number stays as read
    ([("1983/BC-PGDĐT", 55.0)], [("12", 96.0)], "1983/BC-PGDĐT", "2024-03-12", None),
    # a confidence just at the threshold is trusted
    ([("1983", tesseract.LOW_CONFIDENCE), ("/BC-PGDĐT", 90.0)], [("12", 96.0)],
     "1983/BC-PGDĐT", "2024-03-12", None),
])
def test_low_confidence_number_and_day_keep_the_printed_part(number, day, doc_number, issue_date, note):
    doc = finished(header_scan(number, day))
    assert doc["doc_type"] == "BC"
    assert (doc["doc_number"], doc["issue_date"]) == (doc_number, issue_date)
    reason = doc["review_reason"] or ""
    if note:
        assert reason.endswith(note)
        assert doc["needs_review"] is False
    else:
        assert "handwritten" not in reason


def test_spans_are_mapped_through_normalisation():
    # decomposed marks on the line above (NFC makes the page text shorter
    # before the number): the low word is found at its normalised place
    top = unicodedata.normalize("NFD", "UBND HUYỆN THANH MIỆN")
    data = header_scan([("1983", 53.0), ("/BC-PGDĐT", 29.0)], [("12", 96.0)], top=top)
    r = tesseract.result_of_data(data)
    assert unicodedata.normalize("NFC", r.text) != r.text
    doc = finished(data)
    assert doc["doc_number"] == "/BC-PGDĐT"
    assert "handwritten: number not read (OCR confidence 53)" in doc["review_reason"]


def test_a_word_that_cannot_be_placed_is_left_alone():
    # a signature stamp above the header is taken out of the page text: the
    # text before the number moved, so its low word is not placed (no guess)
    data = header_scan([("1983", 53.0), ("/BC-PGDĐT", 29.0)], [("12", 96.0)])
    stamp = recorded([[words("Ký bởi: Phòng Giáo dục và Đào tạo"),
                       words("Thời gian ký: 14.03.2024 09:12:45 +07:00")]])
    merged = {k: stamp[k] + [v + 10 if k == "block_num" else v for v in data[k]] for k in data}
    r = tesseract.result_of_data(merged)
    assert r.text.startswith("Ký bởi:")
    doc = finished(merged)
    assert (doc["doc_type"], doc["signed_by"]) == ("BC", "Phòng Giáo dục và Đào tạo")
    assert doc["doc_number"] == "1983/BC-PGDĐT"
    assert "handwritten" not in (doc["review_reason"] or "")


def test_the_text_layer_kept_drops_the_ocr_words():
    data = header_scan([("1983", 53.0), ("/BC-PGDĐT", 29.0)], [("12", 96.0)])
    r = tesseract.result_of_data(data)
    page = Page(number=1, needs_ocr="layer", layer_text=r.text.replace("1983 ", "1983"))
    take_ocr(page, "C0NG H0A X4 H0I", 40.0, r.low_words)
    assert page.kept == "layer" and page.ocr_low == []


@pytest.mark.parametrize("low, expected", [
    ([(4, 8, 53.0)], ("/BC-SYT", {"number": 53.0})),
    ([(0, 3, 20.0)], ("4292/BC-SYT", {})),             # a low word elsewhere: nothing
    ([(4, 16, 40.0)], ("4292/BC-SYT", {})),            # the word holds the symbol too
])
def test_unread_parts(low, expected):
    text = "Số: 4292 /BC-SYT"
    head = {"doc_number": "4292/BC-SYT", "number_start": 4, "number_end": 16}
    got = unread_parts(head, text, low)
    assert (head["doc_number"], got) == expected


# A number written right against the print ("Số:542/UBND"): the words below
# are tesseract's (vie, --psm 6) on header lines rendered at 300 dpi with the
# number drawn by synth/handwriting.py against the printed "/symbol".
@pytest.mark.parametrize("number, doc_number, conf", [
    ([("#//BC-PGDĐT", 33.0)], "/BC-PGDĐT", 33),                       # "07" glued: debris and slash
    # "1983": a debris word the header extractor already passes over (no confidence said)
    ([("ƒỞđ#'Ý", 1.0), ("/BC-PGDĐT", 92.0)], "/BC-PGDĐT", None),
    ([("2ƒổ", 88.0), ("/BC-PGDĐT_", 37.0)], "/BC-PGDĐT", None),        # "218"
    ([("4Í/BC-PGDĐT", 30.0)], "/BC-PGDĐT", 30),
])
def test_debris_glued_to_the_printed_symbol_keeps_the_printed_part(number, doc_number, conf):
    doc = finished(header_scan(number, [("12", 96.0)]))
    assert doc["doc_number"] == doc_number
    assert doc["doc_type"] == "BC" and doc["issue_date"] == "2024-03-12"
    said = "" if conf is None else f" (OCR confidence {conf})"
    assert doc["review_reason"].endswith("handwritten: number not read" + said)
    assert "header field missing" not in doc["review_reason"]


@pytest.mark.parametrize("number, doc_number", [
    # a printed number glued into one word reads low (11 measured) but is digits: kept as read
    ([("542/BC-PGDĐT", 11.0)], "542/BC-PGDĐT"),
    ([("Số:542/BC-PGDĐT", 11.0)], "542/BC-PGDĐT"),
])
def test_a_glued_printed_number_is_kept(number, doc_number):
    data = header_scan(number, [("12", 96.0)])
    if number[0][0].startswith("Số:"):   # the cue glued into the same word
        i = data["text"].index("Số:")
        for k in data:
            del data[k][i]
    doc = finished(data)
    assert doc["doc_number"] == doc_number
    assert "handwritten" not in (doc["review_reason"] or "")


@pytest.mark.parametrize("number, doc_number", [
    # OCR sure of debris ("ƒ 25" for a handwritten 125, measured): the printed part, no confidence said
    ([("ƒ", 91.0), ("25", 93.0), ("/BC-PGDĐT", 92.0)], "/BC-PGDĐT"),
    ([("#//BC-PGDĐT", 90.0)], "/BC-PGDĐT"),
])
def test_debris_ocr_was_sure_of_keeps_the_printed_part(number, doc_number):
    data = header_scan(number, [("12", 96.0)])
    data["conf"][data["text"].index("Tự")] = 51.0   # a low word elsewhere on the page (the measured "I" 51)
    doc = finished(data)
    assert doc["doc_number"] == doc_number
    assert doc["review_reason"].endswith("handwritten: number not read")


def test_a_symbol_the_pen_damaged_is_not_kept():
    # "07" written over the B of /BC-UBND (measured "0Ÿ /C-UBND"): no number, no guess
    doc = finished(header_scan([("0Ÿ", 70.0), ("/C-UBND", 44.0)], [("12", 96.0)]))
    assert not doc["doc_number"]
    assert "header field missing: doc_number" in doc["review_reason"]


def test_printed_symbol_needs_an_ocr_first_page():
    head = {"doc_number": None}
    text = "Số: #//BC-SYT ngày 12 tháng 3 năm 2024\n\fTrang 2"
    from baocao.pipeline.stages.handwriting import printed_symbol
    assert printed_symbol(dict(head), text, [(len(text) - 3, len(text), 40.0)]) is None   # low words on page 2 only
    got = dict(head)
    assert printed_symbol(got, text, [(4, 13, 33.0)]) == 33.0
    assert got["doc_number"] == "/BC-SYT" and text[got["number_start"]:got["number_end"]] == "/BC-SYT"
