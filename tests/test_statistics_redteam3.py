"""Red-team round 3 of the figures extractor: passages written for the test, one class a block.

Each case: (text, figures that must be there, figures that must not).  A figure is
(metric, value); a bare metric in `must_not` means no figure of that metric at all.
"""
from __future__ import annotations

import pytest

from baocao.extractors.numbers import find_numbers
from baocao.extractors.statistics import extract_statistics


def pairs(text):
    return {(s.metric, round(s.value, 4)) for s in extract_statistics(text)}


CASES = {
    # a bare number right after its cue, in a list ("trong đó trước hạn 905, đúng hạn 290, quá hạn 3")
    "bare_after_cue": [
        ("Đã giải quyết 1.198 hồ sơ, trong đó trước hạn 905, đúng hạn 290, quá hạn 3.",
         {("dossiers_resolved", 1198), ("dossiers_early", 905), ("dossiers_on_time", 290), ("dossiers_late", 3)},
         set()),
        ("Tổng số đơn tiếp nhận là 128 đơn (khiếu nại 12, tố cáo 4, kiến nghị, phản ánh 112).",
         {("petitions_received", 128), ("complaints_received", 12), ("denunciations_received", 4),
          ("recommendations_received", 112)}, set()),
        ("Số hồ sơ đã giải quyết 860 hồ sơ (trước hạn 712, đúng hạn 146, trễ hạn 2).",
         {("dossiers_early", 712), ("dossiers_on_time", 146), ("dossiers_late", 2)}, set()),
    ],
    # a rate whose clause names nothing, right after a count: the share of that count
    "rate_after_count": [
        ("Bộ phận Một cửa tiếp nhận 1.245 hồ sơ (trực tuyến 1.020 hồ sơ, đạt 81,9%).",
         {("dossiers_online", 1020), ("dossiers_online_rate", 81.9)}, set()),
        # a count with no vocabulary rate of its own keeps its rate unnamed
        ("Đã giải quyết 35/37 đơn, đạt 94,6%.", {("petitions_resolved", 35)}, {"dossiers_online_rate"}),
    ],
    # "02 (hai)": the number spelled out after it, in brackets
    "spelled_copy": [
        ("Đã tiếp nhận 02 (hai) đơn khiếu nại và 01 (một) đơn tố cáo; đã giải quyết 03 (ba) đơn.",
         {("complaints_received", 2), ("denunciations_received", 1), ("petitions_resolved", 3)}, set()),
        ("Tổ chức 10 (mười) cuộc đối thoại với Nhân dân.", {("dialogues_held", 10)}, set()),
    ],
    # compound number words: "hai mươi" is 20, not a 10 from "mươi"
    "number_words": [
        ("Trong quý, xã tổ chức hai mươi buổi tiếp công dân và ba cuộc đối thoại với Nhân dân.",
         {("dialogues_held", 3)}, {("dialogues_held", 10), ("dialogues_held", 20)}),
        ("Huyện đã tổ chức mười lăm cuộc đối thoại.", {("dialogues_held", 15)}, {("dialogues_held", 10)}),
    ],
    # a range is not a reported figure
    "range": [
        ("Mỗi tháng Bộ phận Một cửa tiếp nhận từ 150 đến 200 hồ sơ; đã giải quyết 1.050 hồ sơ.",
         {("dossiers_resolved", 1050)}, {"dossiers_received"}),
        ("Bình quân tiếp nhận 150 - 200 hồ sơ mỗi tháng.", set(), {"dossiers_received"}),
    ],
    # a change against another period is not a level
    "change": [
        ("Số hồ sơ trực tuyến là 3.420 hồ sơ; số đơn thư giảm 15 đơn so với năm 2023.",
         {("dossiers_online", 3420)}, {"petitions_received"}),
        ("Số đơn thư tiếp nhận tăng thêm 6 đơn so với cùng kỳ.", set(), {"petitions_received"}),
    ],
    # petitions sent on to the competent body are forwarded, not resolved
    "forwarded": [
        ("Ban Thanh tra nhân dân tiếp nhận 08 kiến nghị, đã chuyển cơ quan có thẩm quyền giải quyết 08/08 kiến nghị.",
         {("recommendations_received", 8), ("other:petitions_forwarded", 8)}, {"petitions_resolved"}),
        ("Đã chuyển đơn đến cơ quan chức năng 5 đơn.", {("other:petitions_forwarded", 5)}, {"petitions_resolved"}),
    ],
    # "phân loại 56 đơn" is classifying, not "loại 5" (a category number)
    "phan_loai": [
        ("Tiếp nhận, phân loại 56 đơn thư các loại.", {("petitions_received", 56)}, set()),
    ],
    # a longer cue of one metric hides its inner cue: both metrics carry it, the unit decides
    "reception_periodic": [
        ("Chủ tịch UBND huyện tiếp công dân định kỳ được 10 buổi với 34 lượt người.",
         {("citizen_reception_turns", 34)}, set()),
        ("Lãnh đạo xã tiếp công dân định kỳ 12 ngày.", {("citizen_reception_days", 12)}, {"citizen_reception_turns"}),
    ],
    # "số hồ sơ nhận giải quyết" is what was taken in, not what was resolved
    "nhan_giai_quyet": [
        ("Trong kỳ, số hồ sơ nhận giải quyết là 874 hồ sơ.", {("dossiers_received", 874)}, {"dossiers_resolved"}),
    ],
    # "không phát sinh đơn khiếu nại, tố cáo; tiếp nhận 09 đơn": the kinds' list ends at the
    # clause mark, the number after it is another figure's
    "zero_kinds_before_mark": [
        ("Không phát sinh đơn khiếu nại, tố cáo; tiếp nhận 09 đơn kiến nghị, phản ánh.",
         {("complaints_received", 0), ("denunciations_received", 0), ("recommendations_received", 9)}, set()),
    ],
    # "tổng cộng" says total as "tổng số" does
    "tong_cong": [
        ("Tiếp công dân thường xuyên: 25 lượt; tiếp công dân định kỳ: 12 lượt; tổng cộng 37 lượt.",
         {("citizen_reception_turns", 25), ("citizen_reception_turns", 12), ("citizen_reception_turns", 37)},
         set()),
        ("Đơn kiến nghị 15 đơn, đơn khiếu nại 3 đơn; tổng cộng 18 đơn.",
         {("petitions_received", 18), ("recommendations_received", 15), ("complaints_received", 3)}, set()),
    ],
    # a cue that labels the number ("... là 874") outweighs a cue further left of equal rank + 1
    "adjacent_label": [
        ("Bộ phận Một cửa giải quyết TTHC với số hồ sơ nhận giải quyết là 874 hồ sơ.",
         {("dossiers_received", 874)}, {"dossiers_resolved"}),
    ],
    # "Kết quả giải quyết ...:" names the topic; any other cue of the clause decides
    "topic_lead": [
        ("Kết quả giải quyết đơn thư: tổng số đơn thư tiếp nhận là 20 đơn.",
         {("petitions_received", 20)}, {"petitions_resolved"}),
        ("Về kết quả giải quyết đơn thư: trong kỳ tiếp nhận 20 đơn.", {("petitions_received", 20)},
         {"petitions_resolved"}),
        # the topic alone still names the figure
        ("Kết quả giải quyết: 20 đơn.", {("petitions_resolved", 20)}, set()),
    ],
    # a Markdown table with two number columns: its cells are marked, two make a row
    "markdown_two_columns": [
        ("Kết quả tiếp nhận, giải quyết hồ sơ TTHC:\n\n| Lĩnh vực | Tiếp nhận | Đã giải quyết |\n|---|---|---|\n"
         "| Hộ tịch | 300 | 298 |\n| Chứng thực | 210 | 210 |\n| Tổng cộng | 510 | 508 |",
         {("dossiers_received", 300), ("dossiers_resolved", 298), ("dossiers_received", 210),
          ("dossiers_received", 510), ("dossiers_resolved", 508)}, set()),
    ],
    # "giải quyết dứt điểm 15/15 đơn" is not "điểm 15" (a legal point)
    "dut_diem": [
        ("UBND phường tiếp nhận 15 đơn; các đơn đã được giải quyết dứt điểm 15/15 đơn.",
         {("petitions_received", 15), ("petitions_resolved", 15)}, set()),
    ],
    # "qua Cổng dịch vụ công" is online, and its ", chiếm 85,2%" the online rate
    "cong_dich_vu_cong": [
        ("Số hồ sơ TTHC tiếp nhận qua Cổng dịch vụ công: 980 hồ sơ, chiếm 85,2% tổng số hồ sơ.",
         {("dossiers_online", 980), ("dossiers_online_rate", 85.2)}, {"dossiers_received"}),
    ],
}


@pytest.mark.parametrize("text, must, must_not",
                         [c for cls in CASES.values() for c in cls],
                         ids=[f"{k}{i}" for k, cls in CASES.items() for i in range(len(cls))])
def test_redteam3(text, must, must_not):
    got = pairs(text)
    assert must <= got, (must - got, got)
    bad = {g for g in got if g in must_not or g[0] in must_not}
    assert not bad, (bad, got)


@pytest.mark.parametrize("view, value", [("hai muoi buoi", 20), ("muoi lam don", 15), ("hai muoi lam buoi", 25),
                                         ("muoi buoi", 10), ("ba muoi cuoc", 30)])
def test_compound_number_words(view, value):
    toks = find_numbers(view)
    assert [t.value for t in toks] == [value]


def test_ten_years_is_not_fifteen():
    assert [t.value for t in find_numbers("muoi nam qua")] == [10]


def test_markdown_two_columns_total_that_does_not_add_up_is_kept_as_mismatch():
    text = ("Kết quả tiếp nhận, giải quyết hồ sơ TTHC:\n\n| Lĩnh vực | Tiếp nhận | Đã giải quyết |\n|---|---|---|\n"
            "| Hộ tịch | 300 | 298 |\n| Chứng thực | 210 | 210 |\n| Tổng cộng | 520 | 508 |")
    total = [s for s in extract_statistics(text) if s.value in (520, 508)]
    assert {(s.metric, s.value, s.check) for s in total} == {
        ("dossiers_received", 520, "mismatch"), ("dossiers_resolved", 508, "mismatch")}
    assert all(text[s.start:s.end] == str(int(s.value)) for s in total)
