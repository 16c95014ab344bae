"""A text file is read and finished in one task (runner/tasks.py ``task_read``):
what comes back is the cached bytes, its text and its links summary; when that
task is lost (hung past --timeout, or crashed its worker), the checkpointed
``FINISHING`` mark says where: after it, the loss is the extraction's, reported
as when extraction was a task of its own; before it, the reading's."""
from __future__ import annotations

from types import SimpleNamespace

import pytest

from baocao.pipeline.runner.cache import Cache, encode_result
from baocao.pipeline.runner.links import packed_summary
from baocao.pipeline.runner.run import Options, Scheduler, _Doc, _Progress
from baocao.pipeline.runner.tasks import FINISHING, task_finish, task_ingest, task_read
from baocao.pipeline.stages.discover import SourceFile

REPORT = ("ỦY BAN NHÂN DÂN\nXÃ AN PHÚ\nSố: 07/BC-UBND\nAn Phú, ngày 02 tháng 3 năm 2025\n"
          "BÁO CÁO\nKết quả tiếp công dân quý I năm 2025\n"
          "Thực hiện Kế hoạch số 03/KH-UBND ngày 10/01/2025 của UBND xã, trong quý tiếp 9 lượt công dân.\n")


def test_a_text_file_comes_back_finished_as_the_two_tasks_gave_it(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    got = task_read(task_ingest, "00aa", str(path), "txt", "never")
    ing = task_ingest(str(path), "txt", "never")["ingested"]
    result = task_finish("00aa", ing.file_type, ing.pages, ing.encoding)["result"]
    assert got == {"finished": encode_result(result), "text": result["text"], "links": packed_summary(result)}


def _ingest_needing_ocr(path, file_type, ocr_mode):
    out = task_ingest(path, file_type, ocr_mode)
    out["ingested"].pages[0].needs_ocr = "no text layer"
    return out


def test_a_page_to_ocr_comes_back_ingested_for_its_ocr_tasks(tmp_path):
    path = tmp_path / "r.txt"
    path.write_text(REPORT, encoding="utf-8")
    got = task_read(_ingest_needing_ocr, "00aa", str(path), "txt", "auto")
    assert list(got) == ["ingested"]


class _Engine:
    workers = 2


@pytest.mark.parametrize("records,crash,expect", [
    ([FINISHING], None, "timeout after 7 s in extraction"),
    ([2, "p1", "p2", FINISHING], None, "timeout after 7 s in extraction"),
    ([FINISHING], "worker crashed", "worker crashed"),
    ([], None, "timeout after 7 s in reading"),
])
def test_a_lost_read_and_finish_task_names_the_step_it_was_in(tmp_path, records, crash, expect):
    out = tmp_path / "o"
    out.mkdir()
    opts = Options(archive=tmp_path, out=out, workers=2, timeout=7, progress=False)
    sched = Scheduler(_Engine(), opts, Cache(out, "never"), _Progress(False, 0))
    src = SourceFile(path=tmp_path / "r.txt", rel="r.txt", file_type="txt")
    doc = _Doc("00aa", src)
    sched._lost("ingest", doc, None, records, crash)
    assert sched.transient == {doc.key: expect}
    assert not sched.queue
