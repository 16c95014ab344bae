"""Reported figures (extractors.statistics, extractors.stat_tables)."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st
from unidecode import unidecode

from conftest import GOLD, corpus_text, f1
from baocao.extractors.metrics_vocab import CORE_METRICS, metrics, units
from baocao.extractors.stat_tables import extract_table_statistics
from baocao.extractors.statistics import _extract, extract_statistics, text_quality


def pairs(text):
    return {(s.metric, round(s.value, 4)) for s in extract_statistics(text)}


# --------------------------------------------------------------------------- vocabulary

def test_vocabulary_covers_core_metrics():
    names = {m.metric for m in metrics()}
    assert CORE_METRICS <= names
    unit_keys = {u.key for u in units()} | {"none"}
    for m in metrics():
        assert m.kind in ("count", "rate", "score"), m.metric
        assert m.units <= unit_keys, m.metric
        assert m.cues, m.metric
        assert m.metric in CORE_METRICS or m.metric.startswith("other:") or m.metric in (
            "citizen_reception_days", "plan_tasks_total", "plan_tasks_done", "plan_tasks_done_rate",
            "par_index_score", "staff_total", "households", "population")


# --------------------------------------------------------------------------- clause patterns

CASES = [
    # (text, figures that must be there, metrics that must not)
    ("Đã tiếp nhận 2.948 hồ sơ trong đó trực tuyến 2.926 hồ sơ, trực tiếp 21 hồ sơ, tồn kỳ trước "
     "chuyển sang 01 hồ sơ.",
     {("dossiers_received", 2948), ("dossiers_online", 2926), ("dossiers_direct", 21),
      ("other:dossiers_carried_over", 1)}, set()),
    ("Đã giải quyết 2.944 hồ sơ, đang giải quyết 04 hồ sơ, không có hồ sơ trễ hạn.",
     {("dossiers_resolved", 2944), ("dossiers_pending", 4), ("dossiers_late", 0)}, {"dossiers_received"}),
    ("- Phân loại, xử lý đơn: Khiếu nại: 0 đơn/0 vụ; Tố cáo: 2 đơn/2 vụ; Tranh chấp đất đai và "
     "kiến nghị, phản ánh: 29 đơn/29 vụ.",
     {("complaints_received", 0), ("denunciations_received", 2), ("recommendations_received", 29)},
     {"petitions_received"}),
    ("- Tổng số đơn, thư tiếp nhận: 31 đơn/31 vụ việc",
     {("petitions_received", 31), ("other:petitions_received_cases", 31)}, set()),
    ("6 tháng đầu năm 2024, thị trấn đã giải quyết 22/31 vụ việc khiếu nại, tố cáo, kiến nghị, phản "
     "ánh thuộc thẩm quyền của Chủ tịch UBND thị trấn",
     {("petitions_resolved", 22)},
     {"petitions_received", "complaints_received", "denunciations_received", "recommendations_received"}),
    ("Từ đầu năm đến nay, tỷ lệ hồ sơ trực tuyến đạt 98,61% (990/1004 hồ sơ), thanh toán trực tuyến "
     "đạt 99,2% (823/830 hồ sơ).",
     {("dossiers_online_rate", 98.61), ("dossiers_online", 990), ("dossiers_received", 1004),
      ("online_payment_rate", 99.2)}, set()),
    ("- Tổng số lượt tiếp công dân là 11 lượt/11 người với 11 vụ việc (không có đoàn đông người).",
     {("citizen_reception_turns", 11)}, {"petitions_received", "petitions_resolved"}),
    ("Thực hiện Quy chế tiếp xúc, đối thoại, thị trấn đã tổ chức 2 hội nghị tiếp \nxúc, đối thoại trực "
     "tiếp của người đứng đầu cấp uỷ với nhân dân 2 khu Lê Bình (ngày 16/5 và 22/5/2024).",
     {("dialogues_held", 2)}, {"dossiers_direct"}),
    ("Năm 2024, UBND Phường đã tổ chức 02 buổi đối thoại: Đối thoại giữa Chủ tịch UBND phường với "
     "thanh niên.", {("dialogues_held", 2)}, set()),
    ("Trong năm 2024, UBND phường nhận được 04 đơn kiến nghị và 01 đơn khiếu nại của công dân liên "
     "quan đến lĩnh vực đất đai; kết quả đã tiến hành giải quyết, trả lời 04/04 đơn;",
     {("recommendations_received", 4), ("complaints_received", 1), ("petitions_resolved", 4)},
     {"petitions_received"}),
    ("Tiếp nhận và giải quyết 01 phản ánh/01 vụ việc người dân gửi phản ánh đến Trung tâm.",
     {("recommendations_received", 1), ("petitions_resolved", 1)}, set()),
    ("Tỷ lệ giao dịch thanh toán nghĩa vụ tài chính trên dịch vụ công quốc gia là 97,88%, Tỷ lệ số "
     "hoá đầy đủ thành phần hồ sơ 100%",
     {("online_payment_rate", 97.88)}, {"dossiers_online_rate"}),
    ("Kết quả Chỉ số CCHC (PAR INDEX) năm 2023 thị trấn đạt 80,43/100 \n\nđiểm, xếp hạng thứ 13/17 xã",
     {("par_index_score", 80.43)}, {"other:par_index_score_total"}),
    # zero in words
    ("Trong kỳ không có đơn khiếu nại.", {("complaints_received", 0)}, set()),
    ("Không phát sinh đơn khiếu nại, tố cáo.",
     {("complaints_received", 0), ("denunciations_received", 0)}, set()),
    ("- Tố cáo: không phát sinh.", {("denunciations_received", 0)}, set()),
    ("không nhận được phản ánh, kiến nghị nào liên quan giải quyết TTHC.", set(),
     {"recommendations_received", "petitions_resolved"}),
    # number words, bare numbers after a label, lists of kinds
    ("Đã tổ chức hai buổi đối thoại với Nhân dân.", {("dialogues_held", 2)}, set()),
    ("Số hồ sơ tiếp nhận: 120; số hồ sơ đã giải quyết: 118, trong đó đúng hạn 100 hồ sơ, trước hạn "
     "18 hồ sơ.",
     {("dossiers_received", 120), ("dossiers_resolved", 118), ("dossiers_on_time", 100),
      ("dossiers_early", 18)}, set()),
    ("Khiếu nại, tố cáo: 5 đơn.", {("petitions_received", 5)},
     {"denunciations_received", "complaints_received"}),
    ("Đã tiếp nhận và giải quyết 05 đơn thư khiếu nại, tố cáo.",
     {("petitions_received", 5), ("petitions_resolved", 5)}, {"complaints_received"}),
    ("đã giải quyết 118 hồ sơ đúng hạn", {("dossiers_on_time", 118)}, {"dossiers_resolved"}),
    # decimal dot percentages
    ("tỷ lệ hồ sơ trực tuyến đạt 94.28% và tỷ lệ thanh toán trực tuyến 3.84%.",
     {("dossiers_online_rate", 94.28), ("online_payment_rate", 3.84)}, set()),
    # a percentage of dossiers is not a count of dossiers
    ("100% hồ sơ được giải quyết, trả đúng và trước hạn; không nhận được phản ánh nào.", set(),
     {"dossiers_resolved", "dossiers_on_time", "dossiers_early"}),
    # things that are not figures
    ("Thực hiện Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 và Kế hoạch 166/KH-UBND, căn cứ khoản 2 "
     "Điều 11 Luật Khiếu nại năm 2011; dịch vụ công trực tuyến mức độ 3 và 4.", set(), CORE_METRICS),
    ("1. Kết quả tiếp nhận hồ sơ\n2. Kết quả giải quyết đơn thư khiếu nại", set(), CORE_METRICS),
    ("OCR: D3 hoa giai thanh va tra 10i bang van ban 9 don, con 02 don hoa giai khong thanh.",
     {("petitions_resolved", 9)}, {("petitions_resolved", 2), ("petitions_resolved", 10)}),
]


def _check(text, must, must_not):
    got = pairs(text)
    for m, v in must:
        assert (m, round(float(v), 4)) in got, (m, v, sorted(got))
    for x in must_not:
        if isinstance(x, tuple):
            assert (x[0], round(float(x[1]), 4)) not in got, (x, sorted(got))
        else:
            assert x not in {m for m, _ in got}, (x, sorted(got))


@pytest.mark.parametrize("text, must, must_not", CASES)
def test_clause_patterns(text, must, must_not):
    _check(text, must, must_not)


@pytest.mark.parametrize("text, must, must_not", CASES)
def test_clause_patterns_without_diacritics(text, must, must_not):
    _check(unidecode(text), must, must_not)


def test_records_are_well_formed():
    text = CASES[0][0] + "\n" + CASES[5][0]
    stats = extract_statistics(text)
    assert stats == sorted(stats, key=lambda s: (s.start, s.metric))
    for s in stats:
        assert s.raw == text[s.start:s.end]
        assert 0 < s.confidence <= 1
    recv = next(s for s in stats if s.metric == "dossiers_received" and s.value == 2948)
    assert recv.raw == "Đã tiếp nhận 2.948 hồ sơ" and recv.unit == "hồ sơ"
    rate = next(s for s in stats if s.metric == "dossiers_online_rate")
    assert rate.unit == "%" and rate.scope == "Từ đầu năm đến nay"


def test_scope_is_the_nearest_period():
    text = ("Trong năm 2024, UBND phường nhận được 04 đơn kiến nghị. Căn cứ Luật Khiếu nại năm 2011, "
            "6 tháng đầu năm 2024 đã giải quyết 3 đơn.")
    by = {s.metric: s for s in extract_statistics(text)}
    assert by["recommendations_received"].scope == "năm 2024"
    assert by["petitions_resolved"].scope == "6 tháng đầu năm 2024"


def test_confidence_is_lower_on_stripped_text():
    t = "Đã tiếp nhận 2.948 hồ sơ trong đó trực tuyến 2.926 hồ sơ, trực tiếp 21 hồ sơ."
    clean = {s.metric: s.confidence for s in extract_statistics(t)}
    flat = {s.metric: s.confidence for s in extract_statistics(unidecode(t) + " " + unidecode(t))}
    assert text_quality(unidecode(t)) == "stripped" and text_quality(t) == "full"
    assert all(flat[m] < clean[m] for m in clean)


# --------------------------------------------------------------------------- tables

PDF_TABLE = """Kết quả giải quyết hồ sơ thủ tục hành chính 6 tháng đầu năm 2024 như sau:

STT Lĩnh vực Tiếp nhận Đã giải quyết Đang giải quyết Trễ hạn
1 Hộ tịch 120 118 2 0
2 Chứng thực 300 290 10 1
3 Đất đai 45 40 3 0
Tổng cộng 465 448 15 1

Đã tiếp nhận 120 hồ sơ.
"""

OCR_TABLE = """Két qua cap nhat két qua giai quyét ho so TTHC tai Bo phan mot cira:

S6 ho so nhin gii quyét Ho so da giai quyét
Tiép Tiép Tén .
STT Linh vue 2z | nhan | nhin . | Tong | Sém | Pung | Tré
Tong so ‘ ‘ ky F
truc truc . ) han han han
*% A truoc : : :
tuyén tiep
(1) (2) (3) (4) (5) (6) (7) (8) (9) (10)
1 Bao Tro Xa Hoi 72 72 0 72 72 0 0
2 Chtrng thuc 602 602 0 602 600 |0 2
3 Ho tich 288 288 0 288 280 |0 0
* Téng sb 962 962 0 962 | 952 |0 2
"""


def _cells(stats):
    return {(s.scope, s.metric): s for s in stats}


def test_pdf_table_end_to_end():
    stats = extract_statistics(PDF_TABLE)
    cells = _cells([s for s in stats if s.check is not None])
    assert cells[("lĩnh vực Hộ tịch", "dossiers_received")].value == 120
    assert cells[("lĩnh vực Hộ tịch", "dossiers_pending")].value == 2      # header order, not canonical
    assert cells[("lĩnh vực Hộ tịch", "dossiers_late")].value == 0
    assert cells[("lĩnh vực Hộ tịch", "dossiers_resolved")].check == "ok"
    # 40 + 3 != 45: kept, flagged
    bad = cells[("lĩnh vực Đất đai", "dossiers_received")]
    assert bad.value == 45 and bad.check == "mismatch" and bad.confidence < cells[("lĩnh vực Hộ tịch", "dossiers_received")].confidence
    total = cells[(None, "dossiers_received")]
    assert total.value == 465 and total.raw == "465"
    # the sentence after the table is prose, not a table column
    prose = [s for s in stats if s.check is None]
    assert [(s.metric, s.value) for s in prose] == [("dossiers_received", 120)]


def test_ocr_table_end_to_end():
    stats, covered = extract_table_statistics(OCR_TABLE)
    assert covered and len(stats) == 4 * 7
    cells = _cells(stats)
    assert cells[(None, "dossiers_received")].value == 962
    assert cells[(None, "dossiers_early")].value == 952
    assert cells[(None, "dossiers_late")].value == 2
    assert cells[("lĩnh vực Chtrng thuc", "dossiers_early")].value == 600
    assert cells[("lĩnh vực Chtrng thuc", "dossiers_late")].check == "ok"
    # 280 + 0 + 0 != 288: the Ho tich row does not add up
    assert cells[("lĩnh vực Ho tich", "dossiers_resolved")].check == "mismatch"
    assert cells[("lĩnh vực Bao Tro Xa Hoi", "dossiers_online")].check == "ok"
    assert not any(s.metric == "other:dossiers_carried_over" for s in stats)   # blank column dropped
    for s in stats:
        assert s.raw == OCR_TABLE[s.start:s.end]


DOCX_TABLE = ("Kết quả tiếp nhận, giải quyết hồ sơ TTHC:\n"
              "STT\tLĩnh vực\tTổng số tiếp nhận\tTrực tuyến\tTrực tiếp\tTồn kỳ trước\tĐã giải quyết\t"
              "Trước hạn\tĐúng hạn\tTrễ hạn\n"
              "1\tHộ tịch\t72\t72\t0\t\t72\t72\t0\t0\n"
              "2\tChứng thực\t602\t600\t0\t2\t602\t600\t0\t2\n"
              "\tTổng số\t674\t672\t0\t2\t674\t672\t0\t2\n")

MD_TABLE = ("Bảng kết quả giải quyết hồ sơ:\n\n"
            "| STT | Lĩnh vực | Tiếp nhận | Đã giải quyết | Đang giải quyết |\n|---|---|---|---|---|\n"
            "| 1 | Hộ tịch | 120 | 118 | 2 |\n| 2 | Đất đai | 45 | 40 | 5 |\n| | Tổng | 165 | 158 | 7 |\n")


def test_docx_table_keeps_empty_cells_in_place():
    cells = _cells(extract_table_statistics(DOCX_TABLE)[0])
    assert ("lĩnh vực Hộ tịch", "other:dossiers_carried_over") not in cells      # the empty cell
    assert cells[("lĩnh vực Hộ tịch", "dossiers_resolved")].value == 72
    assert cells[("lĩnh vực Chứng thực", "other:dossiers_carried_over")].value == 2
    assert cells[(None, "dossiers_online")].value == 672
    assert {s.check for s in cells.values()} == {"ok"}


def test_markdown_table():
    cells = _cells(extract_table_statistics(MD_TABLE)[0])
    assert cells[("lĩnh vực Đất đai", "dossiers_pending")].value == 5
    assert cells[(None, "dossiers_resolved")].value == 158


def test_table_without_dossier_header_is_ignored():
    text = "Năm Nam Nữ Tổng\nThôn 1 10 12 22\nThôn 2 11 13 24\n"
    assert extract_table_statistics(text)[0] == []


# --------------------------------------------------------------------------- corpus

def _gold(stem):
    g = json.loads(next(GOLD.glob(stem + "*.json")).read_text(encoding="utf-8"))
    return {(x["metric"], round(float(x["value"]), 4)) for x in g["statistics"] if x["metric"] in CORE_METRICS}


_corpus = corpus_text




@pytest.mark.parametrize("stem", ["000", "001"])
@pytest.mark.parametrize("variant", ["txt", "ascii"])
def test_corpus_against_gold(stem, variant):
    text = _corpus(stem)
    if variant == "ascii":
        text = unidecode(text)
    got = {p for p in pairs(text) if p[0] in CORE_METRICS}
    assert f1(got, _gold(stem)) >= 0.9, (sorted(got - _gold(stem)), sorted(_gold(stem) - got))


@pytest.mark.parametrize("stem", ["000", "001", "002", "003", "004"])
def test_corpus_figures_are_plausible(stem):
    text = _corpus(stem)
    stats = extract_statistics(text)
    for s in stats:
        assert s.raw == text[s.start:s.end]
        assert not (1900 <= s.value <= 2100 and s.value == int(s.value) and s.unit is None), s
        core = s.raw.strip()
        # no date or document number is read as a figure
        assert "/BC" not in core and "/KH" not in core and "NĐ-CP" not in core, s
    assert len(stats) < 80


def test_corpus_004_table_and_prose():
    stats = extract_statistics(_corpus("004"))
    cells = _cells([s for s in stats if s.check is not None])
    assert cells[(None, "dossiers_received")].value == 966
    assert cells[(None, "dossiers_early")].value == 964
    assert cells[("lĩnh vực Ho tich", "dossiers_received")].value == 288
    assert all(s.check == "ok" for s in stats if s.check is not None)
    prose = {(s.metric, s.value) for s in stats if s.check is None}
    assert ("petitions_resolved", 10) not in prose       # "tra 10i" is "trả lời"
    assert all(s.confidence <= 0.8 for s in stats)       # OCR-damaged text


def test_corpus_003_plan_has_no_figures():
    assert [s for s in extract_statistics(_corpus("003")) if s.metric in CORE_METRICS] == []


# --------------------------------------------------------------------------- robustness

_PIECES = st.sampled_from([
    "Đã tiếp nhận ", "2.948", " hồ sơ", ", ", "; ", "trong đó ", "trực tuyến ", "04/04 đơn", "98,61%",
    "(990/1004 hồ sơ)", "không có hồ sơ trễ hạn", "Khiếu nại: ", "0 đơn/0 vụ", "\n", "\n\n", "\f",
    "ngày 14/8/2023", "59/2023/NĐ-CP", "Điều 11", "**", "<sup>1</sup>", "1. ", "STT Lĩnh vực Tiếp nhận ",
    "Hộ tịch 120 118 2 0\n", "Tổng 1 2 3\n", "hai buổi đối thoại", "(", ")", "%", "/", "l5", "1O",
    "tiếp nhận và giải quyết ", "80,43/100 điểm",
])
_TEXT = st.one_of(
    st.text(max_size=300),
    st.lists(_PIECES, max_size=40).map("".join),
    st.lists(st.one_of(_PIECES, st.text(alphabet="0123456789.,/%() \nđơnhồsơ", max_size=8)),
             max_size=40).map("".join),
)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_never_raises_and_spans_hold(text):
    stats = _extract(text)        # the strict version: an exception fails the test
    for s in stats:
        assert 0 <= s.start <= s.end <= len(text)
        assert s.raw == text[s.start:s.end]
        assert s.metric and (s.metric.startswith("other:") or s.metric.islower())
        assert s.value == s.value
    assert stats == sorted(stats, key=lambda s: (s.start, s.metric))


@pytest.mark.slow
@pytest.mark.parametrize("text", ["", " ", "\f\f", "a" * 50000, "1 " * 20000, "/" * 5000,
                                  "Hộ tịch 1 2 3\n" * 500, "(" * 3000 + "5 hồ sơ"])
def test_degenerate_inputs(text):
    assert isinstance(extract_statistics(text), list)
    _extract(text)
