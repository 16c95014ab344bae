"""Warm the forkserver once, so no worker pays for it.

Imported into the forkserver as a preload module (:mod:`baocao.pipeline.runner.engines`):
it processes one small report written here, which compiles the extractors'
regular expressions and loads their data tables (metrics, codes, agencies,
administrative units, ...).  Every worker is forked from the forkserver
and inherits all of it: without this, each worker spent about a second of
CPU (several on a loaded machine) on its first document, and again after
every ``max_tasks_per_child`` restart.

It changes no result (the loaders are pure and cached); a failure here is
not an error of the run — the worker that needs the same loader meets it
again on a real document, where it becomes that document's warning.
"""
from __future__ import annotations

SAMPLE = """UỶ BAN NHÂN DÂN
XÃ AN BÌNH
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 15/BC-UBND                An Bình, ngày 20 tháng 6 năm 2024

BÁO CÁO
Kết quả giải quyết thủ tục hành chính 6 tháng đầu năm 2024

Thực hiện Kế hoạch số 08/KH-UBND ngày 12/01/2024 của UBND huyện và Luật Khiếu nại năm 2011,
UBND xã báo cáo như sau:
1. Trong kỳ, Bộ phận một cửa tiếp nhận 152 hồ sơ (trực tuyến 120 hồ sơ), đã giải quyết đúng hạn
148 hồ sơ, trễ hạn 4 hồ sơ; tỷ lệ thanh toán trực tuyến đạt 45%.
2. Tiếp công dân 12 lượt; nhận được 5 đơn khiếu nại, 2 đơn tố cáo; không có đơn kiến nghị.
| STT | Lĩnh vực | Tổng số hồ sơ | Đúng hạn | Trễ hạn |
| 1 | Hộ tịch | 100 | 98 | 2 |

Nơi nhận:                                   TM. ỦY BAN NHÂN DÂN
- UBND huyện;                                  CHỦ TỊCH
- Lưu: VT.
                                              Nguyễn Văn An
"""


def warm() -> None:
    try:
        from baocao.extractors import metrics_vocab
        from baocao.pipeline.stages.ingest import Page
        from baocao.pipeline.stages.process import finish_document

        for loose in (False, True):
            metrics_vocab.cue_patterns(loose)
            metrics_vocab.cue_literals(loose)
            metrics_vocab.unit_regex(loose)
        metrics_vocab.header_patterns()
        finish_document("0" * 16, "txt", [Page(number=1, text=SAMPLE, source="text")])
    except Exception:  # noqa: BLE001 - see the module docstring: met again, and reported, on a real document
        pass


warm()
