"""End to end: build a small archive from corpus text, run the CLI, check tables.

One module-scoped run (OCR of two pages) serves every assertion; a second
run checks caching and byte-identical output.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import corpus_text

pytestmark = [pytest.mark.xdist_group("e2e"), pytest.mark.slow, pytest.mark.ocr]   # one run with OCR serves every test

CONTRACT = {
    "documents": ["doc_id", "source_path", "file_type", "text_source", "pages", "diacritics", "doc_type",
                  "doc_number", "issue_date", "issuer", "location", "period", "signer", "n_chars", "error"],
    "citations": ["doc_id", "key", "kind", "title", "issuer", "date", "raw", "page", "char_start", "char_end"],
    "dates": ["doc_id", "raw", "page", "char_start", "char_end", "date"],
    "statistics": ["doc_id", "raw", "page", "char_start", "char_end", "metric", "value", "unit", "scope"],
}
DECREE = re.compile(r"\d+/20\d\d/NĐ-CP")


def excerpt_around(text: str, needle: str, lines: int = 14) -> str:
    """The lines of ``text`` around the first line holding ``needle``."""
    all_lines = [ln for ln in text.splitlines() if ln.strip()]
    i = next(i for i, ln in enumerate(all_lines) if needle in ln)
    return "\n".join(all_lines[max(0, i - 2): i + lines])


def run_cli(archive: Path, out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "baocao", "run", str(archive), "--out", str(out),
                           "--workers", "2", *extra], capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    from synth.render import make_mixed_pdf, text_to_docx, text_to_image, text_to_pdf, text_to_scan_pdf

    arch = tmp_path_factory.mktemp("archive")
    out = tmp_path_factory.mktemp("out")
    t000, t001 = corpus_text("000"), corpus_text("001")
    (arch / "000.txt").write_text(t000, encoding="utf-8")
    (arch / "sub").mkdir()
    text_to_pdf(t000, arch / "sub" / "000.pdf")
    scan_src = excerpt_around(t001, "59/2023/NĐ-CP")
    text_to_scan_pdf(scan_src, arch / "001.scan.pdf", dpi=300, rotate_deg=0.6, noise=0.03, max_pages=1)
    mixed_text = excerpt_around(t000, "1515/UBND-NV", 10)
    mixed_scan = excerpt_around(t000, "61/2023/NĐ-CP", 10)
    kinds = make_mixed_pdf([mixed_text], [mixed_scan], arch / "mixed.pdf", order="ts", dpi=300)
    assert kinds == ["text", "scan"]
    text_to_docx(excerpt_around(t001, "65/KH", 20), arch / "001.docx")
    image_src = excerpt_around(t000, "04/2015/NĐ-CP", 8)
    text_to_image(image_src, arch / "photo.png", dpi=300, rotate_deg=0.4, noise=0.02, max_pages=1)
    (arch / "junk.pdf").write_bytes(b"\x00\x01 not a pdf at all" * 50)
    (arch / "notes.xyz").write_text("what is this")
    first = run_cli(arch, out)
    tables = {t: pd.read_parquet(out / f"{t}.parquet") for t in CONTRACT}
    return {"arch": arch, "out": out, "first": first, "tables": tables, "scan_src": scan_src,
            "mixed_scan": mixed_scan, "image_src": image_src}


def test_exit_zero_and_summary(built):
    r = built["first"]
    assert r.returncode == 0, r.stderr
    assert re.search(r"\d+ documents .* \d+ pages, \d+ OCR'd, \d+ errors", r.stdout)


def test_contract_columns(built):
    for t, cols in CONTRACT.items():
        assert set(cols) <= set(built["tables"][t].columns), t


def test_one_row_per_file_errors_only_for_bad_files(built):
    docs = built["tables"]["documents"].set_index("source_path")
    files = sorted(p.relative_to(built["arch"]).as_posix() for p in built["arch"].rglob("*") if p.is_file())
    assert sorted(docs.index) == files
    bad = {"junk.pdf", "notes.xyz"}
    for path, row in docs.iterrows():
        if path in bad:
            assert row["error"] and "\n" not in row["error"]
        else:
            assert row["error"] is None or pd.isna(row["error"]), (path, row["error"])
    assert "not a PDF" in docs.loc["junk.pdf", "error"]


def test_text_sources(built):
    docs = built["tables"]["documents"].set_index("source_path")
    assert docs.loc["000.txt", "text_source"] == "text"
    assert docs.loc["sub/000.pdf", "text_source"] == "pdf_text"
    assert docs.loc["001.scan.pdf", "text_source"] == "ocr"
    assert docs.loc["mixed.pdf", "text_source"] == "mixed"
    assert docs.loc["001.docx", "file_type"] == "docx"
    assert (docs.loc["photo.png", "file_type"], docs.loc["photo.png", "text_source"]) == ("image", "ocr")


def test_scan_ocr_finds_the_decrees_of_its_source(built):
    docs = built["tables"]["documents"].set_index("source_path")
    cit = built["tables"]["citations"]
    for name, src in (("001.scan.pdf", built["scan_src"]), ("mixed.pdf", built["mixed_scan"]),
                      ("photo.png", built["image_src"])):
        want = set(DECREE.findall(src))
        assert want, "excerpt must contain decree keys"
        got = set(cit.loc[cit.doc_id == docs.loc[name, "doc_id"], "key"].dropna())
        assert want <= got, (name, want - got)


def test_text_pdf_matches_text_file(built):
    docs = built["tables"]["documents"].set_index("source_path")
    cit = built["tables"]["citations"]
    keys = lambda p: set(cit.loc[cit.doc_id == docs.loc[p, "doc_id"], "key"].dropna())  # noqa: E731
    k_txt, k_pdf = keys("000.txt"), keys("sub/000.pdf")
    assert len(k_txt) >= 10
    assert len(k_txt & k_pdf) >= 0.9 * len(k_txt)


def test_spans_reproduce_raw(built):
    out = built["out"]
    docs = built["tables"]["documents"]
    texts = {d: (out / "text" / f"{d}.txt").read_text(encoding="utf-8")
             for d in docs.doc_id.dropna().unique() if (out / "text" / f"{d}.txt").exists()}
    n = 0
    for t in ("citations", "dates", "statistics"):
        df = built["tables"][t]
        assert len(df) > 0, f"{t} is empty"
        for row in df.itertuples():
            text = texts[row.doc_id]
            assert text[row.char_start:row.char_end] == row.raw
            assert row.page == text[: row.char_start].count("\f") + 1
            n += 1
    assert n > 50


def test_second_run_reuses_cache_and_writes_identical_tables(built):
    out = built["out"]
    before = {t: (out / f"{t}.parquet").read_bytes() for t in CONTRACT}
    r = run_cli(built["arch"], out)
    assert r.returncode == 0, r.stderr
    assert "0 processed" in r.stdout
    for t in CONTRACT:
        assert (out / f"{t}.parquet").read_bytes() == before[t], t


def test_duckdb_views(built):
    import duckdb

    con = duckdb.connect(str(built["out"] / "baocao.duckdb"), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        assert n == len(built["tables"]["documents"])
        assert con.execute("SELECT count(*) FROM citations").fetchone()[0] == len(built["tables"]["citations"])
    finally:
        con.close()


def test_clean_text_and_text_pdf_pages_grade_good(built):
    docs = built["tables"]["documents"].set_index("source_path")
    pages = pd.read_parquet(built["out"] / "pages.parquet")
    for name in ("000.txt", "sub/000.pdf"):
        p = pages[pages.doc_id == docs.loc[name, "doc_id"]]
        assert len(p) == docs.loc[name, "pages"]
        assert (p.grade == "good").all(), p[p.grade != "good"]
