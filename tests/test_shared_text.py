"""The shared text machinery in its one home each: the date grammar
(extractors/dates.py, also the header's date line) and the sentence rules
(extractors/sentences.py, also the statistics scope ends)."""
from __future__ import annotations

from baocao.extractors.dates import extract_dates, find_date_line, iso_date
from baocao.extractors.header import extract_header
from baocao.extractors.sentences import sentence_spans, view_sentence_ends
from baocao.extractors.views import views
from baocao.normalizers.fold import fold

HEAD = ("ỦY BAN NHÂN DÂN\nXÃ SONG VÂN\n\nSố: 04/BC-UBND\n\nSong Vân, {date}\n\n"
        "BÁO CÁO\nKết quả công tác tháng 01 năm 2024\n")


def test_iso_date_is_the_one_check():
    assert iso_date(2024, 2, 29) == "2024-02-29"
    assert iso_date(2023, 2, 29) is None and iso_date(2024, 13) is None
    assert iso_date(2024, 5) == "2024-05"
    assert iso_date(1930, 1, 1) is None and iso_date(1930, 1, 1, years=(1900, 2099)) == "1930-01-01"


def test_the_header_date_line_reads_blank_handwritten_and_numeric_days():
    cases = {
        "ngày 11 tháng 01 năm 2024": "2024-01-11",
        "ngày    tháng 11 năm 2024": "2024-11",       # day left blank for the signature
        "ngày #tháng 3 năm 2025": "2025-03",          # handwritten day: OCR debris
        "ngày 02/02/2024": "2024-02-02",
        "ngày 31 tháng 02 năm 2024": None,            # no such day
        "ngày ... tháng ... năm 2024": None,          # no month
    }
    for written, iso in cases.items():
        text = HEAD.format(date=written)
        f = fold(text)
        line = find_date_line(f)
        assert line is not None and f[line.start:].startswith("ngay"), written
        assert line.iso == iso, written
        h = extract_header(text)
        assert (h.issue_date, h.location) == (iso, "Song Vân"), written


def test_date_line_and_mentions_agree_on_a_written_date():
    text = HEAD.format(date="ngày 11 tháng 01 năm 2024")
    assert extract_header(text).issue_date == [d.date for d in extract_dates(text)][0] == "2024-01-11"
    assert find_date_line(fold("Không có ngày tháng ở đây")) is None


def test_statistics_sentence_ends_and_display_sentences():
    text = ("Tiếp nhận 120 hồ sơ; đã giải quyết 98 hồ sơ. Còn lại 22 hồ sơ\n"
            "- Trực tuyến: 40 hồ sơ\n\nNăm 2024, xã tiếp nhận 15 đơn.")
    _, _, cv = views(text)
    ends = view_sentence_ends(cv, text)
    # after ";" and ".", before a list item, after a blank line before a capital; not at the text's end
    assert [text[:e][-8:] for e in ends] == ["0 hồ sơ;", "8 hồ sơ.", "2 hồ sơ\n", " hồ sơ\n\n"]
    spans = sentence_spans(text)
    assert text[spans[0][0]:spans[0][1]] == "Tiếp nhận 120 hồ sơ; đã giải quyết 98 hồ sơ."
