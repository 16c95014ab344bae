"""Legacy Word .doc files: text through catdoc, then the legacy-font repair
every text gets; a .doc that cannot be read is one error row.

The .doc files are written here by ``tests/word97.py`` (a minimal Word 97
writer of our own), with text typed in TCVN3 as Word keeps it (the legacy
bytes as 8-bit cp1252 characters) or in Unicode."""
from __future__ import annotations

import shutil

import pandas as pd
import pytest

from word97 import write_doc

import baocao
from baocao.normalizers.legacy import to_tcvn3, to_vni
from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest import ingest

# catdoc is a Debian package scripts/setup.sh installs (make test runs it first): no skip


def test_catdoc_is_installed():
    assert shutil.which("catdoc"), "run scripts/setup.sh (apt-get install catdoc)"

DECISION = """ỦY BAN NHÂN DÂN
TỈNH LÂM ĐỒNG
Số: 1523/QĐ-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Đà Lạt, ngày 14 tháng 7 năm 2008
QUYẾT ĐỊNH
Về việc thành lập Ban chỉ đạo phòng, chống dịch bệnh
ỦY BAN NHÂN DÂN TỈNH LÂM ĐỒNG
Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;
Căn cứ Nghị định số 92/2007/NĐ-CP ngày 01 tháng 6 năm 2007 của Chính phủ;
Xét đề nghị của Giám đốc Sở Y tế tại Tờ trình số 45/TTr-SYT ngày 02/7/2008,
QUYẾT ĐỊNH:
Điều 1. Thành lập Ban chỉ đạo phòng, chống dịch bệnh của tỉnh gồm các ông, bà có tên sau đây.
Điều 2. Quyết định này có hiệu lực kể từ ngày ký."""


def test_catdoc_reads_the_text_of_a_unicode_doc(tmp_path):
    p = tmp_path / "qd.doc"
    write_doc(p, DECISION, unicode=True)
    ing = ingest(p, "doc")
    assert ing.file_type == "doc"
    assert ing.pages[0].text.splitlines() == DECISION.splitlines()


def _run(tmp_path, files: dict):
    arch = tmp_path / "arch"
    arch.mkdir()
    for name, write in files.items():
        write(arch / name)
    out = tmp_path / "out"
    baocao.run(arch, out, workers=1, ocr="never")
    t = baocao.load(out)
    return t["documents"].set_index("source_path"), out


@pytest.mark.slow   # a whole run
def test_tcvn3_and_vni_docs_come_out_unicode_with_their_header(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_CATDOC_TIMEOUT", "5")
    docs, out = _run(tmp_path, {
        "tcvn3.doc": lambda p: write_doc(p, to_tcvn3(DECISION)),
        "vni.doc": lambda p: write_doc(p, to_vni(DECISION)),
        "unicode.doc": lambda p: write_doc(p, DECISION, unicode=True),
    })
    for name, repair in (("tcvn3.doc", "legacy:tcvn3"), ("vni.doc", "legacy:vni"), ("unicode.doc", None)):
        row = docs.loc[name]
        assert row["file_type"] == "doc" and row["text_source"] == "text"
        assert pd.isna(row["error"]), (name, row["error"])
        assert row["doc_type"] == "QĐ", name
        assert row["doc_number"] == "1523/QĐ-UBND", name
        assert str(row["issue_date"])[:10] == "2008-07-14", name
        assert "Lâm Đồng" in row["issuer"], name
        if repair:
            assert repair in str(row["repairs"]), name
        text = (out / "text" / f"{row['doc_id']}.txt").read_text(encoding="utf-8")
        assert "Căn cứ Nghị định số 92/2007/NĐ-CP" in text, name
        assert "phòng, chống dịch bệnh" in text, name


@pytest.mark.slow   # a whole run
def test_unreadable_docs_are_one_line_error_rows(tmp_path, monkeypatch):
    monkeypatch.setenv("BAOCAO_CATDOC_TIMEOUT", "3")
    good = tmp_path / "g.doc"
    write_doc(good, DECISION, unicode=True)
    docs, _ = _run(tmp_path, {
        "truncated.doc": lambda p: p.write_bytes(good.read_bytes()[:3000]),
        "junk.doc": lambda p: p.write_bytes(b"not a word file at all\r\n" * 40),
        "saved-as.doc": lambda p: p.write_bytes(b"{\\rtf1\\ansi Van ban}"),
        "empty.doc": lambda p: p.write_bytes(b""),
        "ok.doc": lambda p: p.write_bytes(good.read_bytes()),
    })
    for name in ("truncated.doc", "junk.doc", "saved-as.doc", "empty.doc"):
        err = docs.loc[name, "error"]
        assert isinstance(err, str) and err and "\n" not in err, name
    assert "corrupt .doc" in docs.loc["truncated.doc", "error"]
    assert "no OLE signature" in docs.loc["junk.doc", "error"]
    assert "RTF" in docs.loc["saved-as.doc", "error"]
    assert docs.loc["ok.doc", "doc_number"] == "1523/QĐ-UBND"


def test_a_docx_named_doc_is_read_as_docx(tmp_path):
    from synth.render import text_to_docx
    p = tmp_path / "renamed.doc"
    text_to_docx("BÁO CÁO\nTình hình tháng 3 năm 2025", p)
    assert "Tình hình tháng 3 năm 2025" in ingest(p, "doc").pages[0].text


def test_missing_catdoc_is_a_clear_error(tmp_path, monkeypatch):
    from baocao.pipeline.stages import catdoc
    p = tmp_path / "a.doc"
    write_doc(p, DECISION, unicode=True)
    monkeypatch.setattr(catdoc.shutil, "which", lambda name: None)
    with pytest.raises(DocumentError, match="catdoc is not installed"):
        ingest(p, "doc")
