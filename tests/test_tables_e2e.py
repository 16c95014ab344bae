"""A ruled dossier table in a text PDF, end to end: per-field rows with scope,
the total row as the plain metric, and a row that does not add up flagged."""
from __future__ import annotations

import pandas as pd
import pytest

from baocao.pipeline.runner.run import Options, run

HEAD = ["STT", "Lĩnh vực", "Tổng số hồ sơ tiếp nhận", "Đã giải quyết", "Trước hạn", "Đúng hạn", "Trễ hạn",
        "Đang giải quyết"]
ROWS = [["1", "Hộ tịch", "120", "118", "50", "68", "0", "2"],
        ["2", "Chứng thực", "300", "300", "100", "200", "0", "0"],
        ["3", "Đất đai", "45", "40", "10", "28", "2", "9"],        # 40 + 9 != 45: does not add up
        ["", "Tổng cộng", "465", "458", "160", "296", "2", "11"]]


def _table_pdf(path):
    from reportlab.lib import colors
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from synth.render import find_font

    pdfmetrics.registerFont(TTFont("DejaVuT", find_font()))
    st = getSampleStyleSheet()["Normal"]
    st.fontName = "DejaVuT"
    t = Table([[Paragraph(c, st) for c in r] for r in [HEAD] + ROWS])
    t.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    SimpleDocTemplate(str(path), invariant=1).build([
        Paragraph("BÁO CÁO kết quả giải quyết thủ tục hành chính 6 tháng đầu năm 2024 như sau:", st), t])


@pytest.mark.slow
def test_pdf_table_to_statistics(tmp_path):
    arch = tmp_path / "a"
    arch.mkdir()
    _table_pdf(arch / "bang.pdf")
    run(Options(archive=arch, out=tmp_path / "o", workers=1, progress=False))
    st = pd.read_parquet(tmp_path / "o" / "statistics.parquet")
    got = {(r.metric, r.value, r.scope) for r in st.itertuples()}
    assert ("dossiers_received", 120.0, "lĩnh vực Hộ tịch") in got
    assert ("dossiers_resolved", 300.0, "lĩnh vực Chứng thực") in got
    assert ("dossiers_late", 2.0, "lĩnh vực Đất đai") in got
    total = st[st.scope.isna()]
    assert set(zip(total.metric, total.value)) >= {("dossiers_received", 465.0), ("dossiers_resolved", 458.0),
                                                    ("dossiers_pending", 11.0)}
    land = st[st.scope == "lĩnh vực Đất đai"]
    assert (land.check == "mismatch").any()
    assert (st[st.scope == "lĩnh vực Hộ tịch"].check == "ok").all()
    text = (tmp_path / "o" / "text" / f"{st.doc_id.iloc[0]}.txt").read_text(encoding="utf-8")
    for r in st.itertuples():
        assert text[r.char_start:r.char_end] == r.raw
    docs = pd.read_parquet(tmp_path / "o" / "documents.parquet")
    assert "table figures do not add up" in docs.review_reason.iloc[0]
