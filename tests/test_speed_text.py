"""The text extractors' fast scans (issue 15, text throughput) give what their
reference definitions give.

The date patterns are run only near a witness each match holds ("tháng" and a
digit; a separator and a year) and the law anchors only where "luật"/"pháp"
lets one start (``extractors/scan.py``, ``dates._scans``, ``laws._anchors``);
each is compared with the whole-text scan it replaced on the sample archive's
reports and on seeded mixtures of the pieces a window could cut wrong: long
runs of blanks and dots, words glued to digits, OCR letters for digits, lines
and page breaks inside dates, matches that touch each other, text that ends
inside a date.
"""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from baocao.extractors import dates as dt
from baocao.extractors import laws as lw
from baocao.extractors import scan
from baocao.normalizers.fold import fold

ROOT = Path(__file__).resolve().parents[1]
REPORTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data" / "raw").glob("*.txt"))]

_DATE_LINES = [
    "Hà Nội, ngày 14 tháng 8 năm 2023\nThực hiện Kế hoạch số 12/KH-UBND ngày 05/01/2024 của UBND xã",
    "ngay24 thang 6 nam 2024; ngày  11  tháng 01  năm 2024; ngàyl5 thảng O2 nim 2O24",
    "Hải Phòng, ngày ................ tháng 11 năm 2024\nngày …… tháng 12 năm 2025",
    "trong tháng 5/2024, tháng 11 năm 2024, Tháng 3,năm 2024, tháng\n12 năm 2024, tháng 13/2024",
    "từ ngày 20-24/5/2024, các ngày 16, 22/5/2024, ngày 16/5 và 22/5/2024, từ 15/12/2023 - 10/11/2024",
    "15-12-2023, 11.01.2024, 1.2.2024.2025, 31/02/2024, 01/2024/QĐ-UBND, 59/2023/NĐ-CP, 990/1004, 80,43/100",
    "thông 5 năm 2024, thắng 3 năm 2024, thuong 4 nam 2024, tháng 2 năm 20245, ngày 3 tháng 4 năm",
    "2024-03-05 và 2024-13-01; (05/2024) đến 06/2024, cuối 12/2024, quý II/2024",
    "Trang 2\f- 3 -\nngày 02/02/2024\fngày 1\ntháng 7\nnăm 2024 tháng 7 năm 2024tháng 8 năm 2024",
]
_DATE_PIECES = [
    "ngày", "ngay", "ngàỵ", "Ngày", "NGÀY", "tháng", "thang", "thảng", "THÁNG", "thong", "năm", "nam", "nim", "NĂM",
    "14", "8", "2023", "05", "l5", "O2", "2O24", "I1", "1945", "2100", "2101", "31", "13", "00", "/", "-", ".", ",",
    " ", "  ", "   ", "    ", "\n", "\f", "\t", "…", "....................", "________", "12/2024", "5/2024",
    "01/2024/QĐ-UBND", "từ", "đến", "và", "các ngày", "(", ")", "x", "a1", "số", "22/5/2024", "16, ", "20-24/5/2024",
    "15.12.2023", "2024-03-05", "2023-12-31 ", "thang5", "nam2024", "ngày24", " trong 05/2024", "(12/2023)",
]


_NGAY = ["ngày", "ngay", "Ngày", "NGÀY", "ngàỵ", "ngy", "ngáy", ""]
_THANG = ["tháng", "thang", "THÁNG", "thảng", "thàng", "thong", "thuong", "thg", "th"]
_NAM = ["năm", "nam", "nim", "NĂM", "nm", "năn"]
_SEPS = ["", " ", "  ", "   ", "    ", "\n", " ,", ", ", "\f", "\t", "....................", "…………", "._ "]
_DAYS = ["14", "8", "05", "l5", "O2", "I1", "31", "13", "00", "1", "123", "", "2024"]
_YEARS = ["2024", "2023", "2O24", "1945", "2101", "20245", "202", "12"]


def _mixture(rng: random.Random, pieces: list[str], n: int) -> str:
    return "".join(rng.choice(pieces) for _ in range(n))


def _written(rng: random.Random) -> str:
    """A written date, its words, numbers and blanks each picked at random."""
    def sep():
        return rng.choice(_SEPS) if rng.random() < 0.5 else " "

    day = rng.choice(_DAYS) if rng.random() < 0.7 else rng.choice(["", ".", "…", "_"]) * rng.randrange(22)
    parts = [rng.choice(_NGAY), sep(), day, sep(), rng.choice(_THANG), sep(),
             rng.choice(_DAYS), rng.choice(["", "/", "-"]) if rng.random() < 0.3 else sep(), rng.choice(_NAM), sep(),
             rng.choice(_YEARS)]
    return "".join(parts)


def _date_text(seed: int) -> str:
    rng = random.Random(seed)
    return "".join(_written(rng) if rng.random() < 0.4 else rng.choice(_DATE_PIECES) for _ in range(40))


_DATE_TEXTS = REPORTS + _DATE_LINES + [_date_text(s) for s in range(400)]


def _spans(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


def test_date_scans_near_witnesses_match_the_whole_text_scans():
    found = dict.fromkeys(dt._scans_reference(""), 0)
    for text in _DATE_TEXTS:
        f = fold(text)
        fast, ref = dt._scans(f), dt._scans_reference(f)
        assert list(fast) == list(ref)
        for name in ref:
            assert _spans(fast[name]) == _spans(ref[name]), (name, text[:120])
            found[name] += len(ref[name])
    # every pattern matched often: the comparison is not vacuous
    assert all(n > 20 for n in found.values()), found


@pytest.mark.parametrize("text", _DATE_LINES)
def test_dates_of_report_lines_are_those_of_the_whole_scan(text):
    """The mentions (chains, priorities, overlaps) come out as from the whole scans."""
    f = fold(text)
    assert dt._scans(f).keys() == dt._scans_reference(f).keys()
    fast = dt.extract_dates(text)
    ref_scans = dt._scans_reference(f)
    original = dt._scans
    try:
        dt._scans = lambda folded: ref_scans
        ref = dt.extract_dates(text)
    finally:
        dt._scans = original
    assert fast == ref
    assert fast  # each line holds dates


@pytest.mark.parametrize("lead, tail", [(8, dt._THANG_TAIL), (dt._THANG_LEAD, 16)])
def test_windows_too_small_would_be_caught(lead, tail):
    """The texts above tell a window that cuts a match from one that does not:
    with a lead too short for "ngày" and twenty dots before "tháng", or a tail
    too short for the year, the blank-day scan differs."""
    differ = 0
    for text in _DATE_TEXTS:
        f = fold(text)
        near = scan.finditer_near(dt._BLANK_DAY, f, scan.starts(dt._THANG_DIGIT, f), lead, tail)
        differ += _spans(near) != _spans(dt._BLANK_DAY.finditer(f))
    assert differ > 0


_LAW_PIECES = [
    "Luật", "luật", "LUẬT", "Luat", "Bộ luật", "Bộ  luật", "bo\nluat", "Bộ Luật", "Hiến pháp", "hien   phap",
    "HIẾN PHÁP", "Pháp lệnh", "phap\tlenh", "pháp luật", "phápphap", "phaphap", "luatluat", "Kỷ luật", "Luật sư",
    "thực hiện pháp luật", "Đất đai", "Khiếu nại", "năm 2013", "số 31/2024/QH15", " ", "  ", "    ", "\n", ",", "x",
    "bo", "hien", "Bộ", "o", "sửa đổi, bổ sung một số điều của", "và", "Tổ chức chính quyền địa phương",
]
_LAW_TEXTS = REPORTS + [_mixture(random.Random(s), _LAW_PIECES, 50) for s in range(300)] + [
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Bộ luật Lao động năm 2019;",
    "Hiến pháp năm 2013, Pháp lệnh thực hiện dân chủ ở xã, phường, thị trấn; thực hiện pháp luật về đất đai",
    "luat", "bo luat", "hien phap", "phap lenh", "", "Bo  luat", "hiên phâp",
]


def test_law_anchors_found_from_their_words_match_the_overlapped_scan():
    n = 0
    for text in _LAW_TEXTS:
        f = fold(text)
        fast = _spans(lw._anchors(f))
        assert fast == _spans(lw._anchors_reference(f)), text[:120]
        n += len(fast)
    assert n > 1000


def test_named_laws_are_those_of_the_overlapped_scan():
    original = lw._anchors
    for text in REPORTS + _LAW_TEXTS[-9:]:
        fast = lw.extract_named_laws(text)
        try:
            lw._anchors = lw._anchors_reference
            ref = lw.extract_named_laws(text)
        finally:
            lw._anchors = original
        assert fast == ref, text[:120]


def test_only_b_and_h_match_the_anchor_initials_case_blind():
    """``_anchors`` looks for "bo luat" / "hien phap" only at a "b"/"B" / "h"/"H":
    no other code point matches them under ``(?i)``."""
    import sys

    import regex

    every = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)
    assert set(regex.findall(r"(?i)b", every)) == set("bB")
    assert set(regex.findall(r"(?i)h", every)) == set("hH")


# ---------------------------------------------------------------- kind words before a number
_CITE_PIECES = [
    "Nghị định số ", "Nghị quyết liên tịch số ", "Thông tư liên tịch số: ", "Thông tư ", "Quyết định", "quyết  định số",
    "QUYẾT ĐỊNH SỐ ", "Bộ luật ", "Luật số ", "Giấy biên nhận hồ sơ ", "Giấy biên nhận hồ sơ số ", "hồ sơ số ",
    "Chỉ thị ", "Chỉ thị s6 ", "Chỉ thị sô ", "Chỉ thị so", "Kế hoạch số (", "Kế hoạch\nsố ", "Kết luận số: ",
    "Công văn s ", "Văn bản số ", "Báo cáo sb ", "Báo cáo se. ", "Thông báo kết luận số ", "Nghị quyết định ",
    "Quyết. định số ", "Quyếtđịnh ", "xNghị định ", "Đề án ", "Dự án ", "Phương án ", "bo luat", "luat ",
    "59/2023/NĐ-CP", "120-KL/TW", "166/KH-UBND", "1515/UBND-NV", "30", "04", "12", "2024", " 6 tháng", " 02 lần",
    " này", " ", "  ", "    ", "\n", "(", ":", ".", ",", "số ", "so ", "x", "của Chính phủ", "<sup>2</sup>", "**",
]
_CITE_TEXTS = REPORTS + [_mixture(random.Random(100 + s), _CITE_PIECES, 40) for s in range(300)]


def _masked(text: str) -> str:
    from baocao.extractors.citations import mask

    return mask(fold(text))


def test_kind_words_found_right_to_left_are_the_leftmost_match():
    from baocao.extractors import citations as ct

    assert ct._kind_exact_reverse() is not None   # the table's kind words end in one place
    hits = 0
    for text in _CITE_TEXTS[:len(REPORTS) + 80]:
        m = _masked(text)
        # every end in the mixtures; at the reports' digits (where numbers start)
        ends = range(len(m) + 1) if text not in REPORTS else [i for i, c in enumerate(m) if c.isdigit()]
        for end in ends:
            lo = max(0, end - 60)
            fast, ref = ct._exact_kind(m, lo, end), ct._exact_kind_reference(m, lo, end)
            assert (fast and (fast.span(), fast["kind"])) == (ref and (ref.span(), ref["kind"])), m[lo:end]
            hits += ref is not None
    assert hits > 1000


@pytest.mark.parametrize("words, once", [
    (["quyet dinh", "nghi dinh", "giay bien nhan ho so"], True),
    (["bien nhan ho so", "bien nhan ho"], False),     # "biên nhận hồ" then its "số"
    (["ke hoach", "hoach s"], False),                 # "kế hoạch" then "s" as its "số"
    (["thong bao", "so"], False),                     # a kind word that is a "số" alone
    (["thong bao", "bao cao"], True),
])
def test_words_end_once_tells_word_lists_apart(words, once):
    from baocao.extractors.citations import _SO_TOKENS

    assert scan.words_end_once(sorted(words, key=len, reverse=True), _SO_TOKENS) is once


def test_short_forms_read_at_their_kind_words_match_the_window_search():
    from baocao.extractors import resolve as rs

    assert rs._kind_before_number_reverse() is not None
    n = 0
    for text in _CITE_TEXTS:
        m = _masked(text)
        fast = _spans(rs._short_matches(m))
        assert fast == _spans(rs._short_matches_reference(m)) == _spans(rs._short_re().finditer(m)), m[:120]
        n += len(fast)
    assert n > 80
