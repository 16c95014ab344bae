"""`baocao cites` / `baocao show`, pipeline.load, and the sentence rules."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

from conftest import corpus_text
from baocao import load
from baocao.pipeline.surfaces.cli import main
from baocao.pipeline.surfaces.load_tables import TablesNotFound
from baocao.pipeline.surfaces.query import QueryError, cites, find_document, format_cites, parse_key_query, show
from baocao.pipeline.runner.run import Options, run
from baocao.extractors.sentences import clean, sentence_at, sentence_spans

# A small report of our own, so the expectations are exact: two pages, the
# decree cited in two spellings, a wrapped line, an abbreviation, a list.
SMALL = (
    "ỦY BAN NHÂN DÂN\nXÃ AN BÌNH\nSố: 12/BC-UBND\n"
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "An Bình, ngày 05 tháng 7 năm 2024\n"
    "BÁO CÁO\nKết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2024\n"
    "Thực hiện Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy định chi tiết \n"
    "một số điều của Luật Thực hiện dân chủ ở cơ sở. Đoàn công tác của UBND TP. Hải Dương "
    "đã kiểm tra tại xã.\n"
    "I. KẾT QUẢ\n"
    "- Tiếp nhận 120 hồ sơ, giải quyết đúng hạn 118 hồ sơ;\n"
    "\f"
    "- Tiếp tục quán triệt Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị và \n"
    "Nghị định 59/2023/ND-CP trong toàn xã.\n"
)


def _build(tmp_path_factory):
    base = tmp_path_factory.mktemp("query")
    arch = base / "arch"
    (arch / "sub").mkdir(parents=True)
    (arch / "small.txt").write_text(SMALL, encoding="utf-8")
    (arch / "sub" / "000.txt").write_text(corpus_text("000"), encoding="utf-8")
    (arch / "004.txt").write_text(corpus_text("004"), encoding="utf-8")
    out = base / "out"
    run(Options(archive=arch, out=out, workers=1, progress=False))
    return out


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    return _build(tmp_path_factory)


@pytest.fixture(scope="module")
def tables(out):
    return load(out)


def _doc_id(tables, path):
    d = tables["documents"]
    return d.loc[d.source_path == path, "doc_id"].iloc[0]


# ------------------------------------------------------------------- parsing

@pytest.mark.parametrize("typed, key, kind, number", [
    ("59/2023/NĐ-CP", "59/2023/NĐ-CP", None, None),
    ("59/2023/ND-CP", "59/2023/NĐ-CP", None, None),
    ("59/2023/nd-cp", "59/2023/NĐ-CP", None, None),
    ("Nghị định số 59/2023/NĐ-CP", "59/2023/NĐ-CP", "Nghị định", None),
    ("Nghị định 59/2023", None, "Nghị định", "59/2023"),
    ("nghi dinh 59/2023", None, "Nghị định", "59/2023"),
    ("NĐ 59/2023", None, "Nghị định", "59/2023"),
    ("Kết luận 120", None, "Kết luận", "120"),
    ("120-KL/TW", "120-KL/TW", None, None),
    ("Luật Thực hiện dân chủ ở cơ sở", None, None, None),
])
def test_parse_key_query(typed, key, kind, number):
    q = parse_key_query(typed)
    assert (q.key, q.kind, q.number) == (key, kind, number)


# --------------------------------------------------------------------- cites

@pytest.mark.parametrize("typed", [
    "59/2023/NĐ-CP", "59/2023/ND-CP", "Nghị định 59/2023", "nghi dinh 59/2023",
    "Nghị định số 59/2023/NĐ-CP", "NĐ 59/2023",
])
@pytest.mark.slow
def test_cites_every_spelling_finds_the_same_mentions(out, tables, typed):
    got = cites(out, typed, tables=tables)
    small = [m for m in got if m["source_path"] == "small.txt"]
    assert [m["page"] for m in small] == [1, 2]
    assert {m["key"] for m in got} == {"59/2023/NĐ-CP"}
    # the stripped-diacritics OCR report (004) cites the decree too
    assert "004.txt" in {m["source_path"] for m in got}
    assert got == cites(out, "59/2023/NĐ-CP", tables=tables)


@pytest.mark.slow
def test_cites_gives_the_sentence_of_each_mention(out, tables):
    small = [m for m in cites(out, "59/2023/NĐ-CP", tables=tables) if m["source_path"] == "small.txt"]
    first, second = small
    # the wrapped line is one sentence; it stops at the period, not at "TP."
    assert first["sentence"] == ("Thực hiện Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ quy "
                                 "định chi tiết một số điều của Luật Thực hiện dân chủ ở cơ sở.")
    assert second["sentence"].startswith("- Tiếp tục quán triệt Kết luận số 120-KL/TW")
    assert second["sentence"].endswith("Nghị định 59/2023/ND-CP trong toàn xã.")
    text = (out / "text" / f"{first['doc_id']}.txt").read_text(encoding="utf-8")
    for m in small:
        assert text[m["char_start"]:m["char_end"]] == m["raw"]
        assert clean(m["raw"]) in m["sentence"]


@pytest.mark.slow
def test_cites_kind_and_number_prefix_respects_the_kind(out, tables):
    got = cites(out, "Kết luận 120", tables=tables)
    assert got and {m["key"] for m in got} == {"120-KL/TW"}
    assert cites(out, "Nghị định 120", tables=tables) == []


@pytest.mark.slow
def test_cites_a_law_by_its_name(out, tables):
    got = cites(out, "luat thuc hien dan chu o co so", tables=tables)
    assert "10/2022/QH15" in {m["key"] for m in got}
    assert {"small.txt", "sub/000.txt"} <= {m["source_path"] for m in got}


@pytest.mark.slow
def test_cites_corpus_sentence_contains_the_mention(out, tables):
    got = cites(out, "120-KL/TW", tables=tables)
    assert {"sub/000.txt", "004.txt", "small.txt"} <= {m["source_path"] for m in got}
    for m in got:
        assert clean(m["raw"]) in m["sentence"]
        assert len(m["sentence"]) <= 402


@pytest.mark.slow
def test_cites_formats(out, tables):
    got = cites(out, "59/2023/NĐ-CP", tables=tables)
    rows = list(csv.DictReader(io.StringIO(format_cites(got, "csv"))))
    assert len(rows) == len(got) and rows[0]["key"] == "59/2023/NĐ-CP" and rows[0]["sentence"]
    assert json.loads(format_cites(got, "json")) == got
    table = format_cites(got, "table", query="59/2023/ND-CP")
    assert table.splitlines()[0].startswith("59/2023/ND-CP: ")
    assert "small.txt" in table and "page" in table.splitlines()[2]


@pytest.mark.slow
def test_cli_cites(out, capsys):
    assert main(["cites", "nghi dinh 59/2023", "--out", str(out), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["source_path"] for d in data} >= {"small.txt", "004.txt"}
    assert main(["cites", "99/2099/NĐ-CP", "--out", str(out)]) == 0
    assert "no document cites 99/2099/NĐ-CP" in capsys.readouterr().out
    assert main(["cites", "99/2099/NĐ-CP", "--out", str(out), "--format", "csv"]) == 0
    cap = capsys.readouterr()
    assert cap.out.startswith("source_path,page,") and "no document cites" in cap.err


def test_cli_without_tables(tmp_path, capsys):
    assert main(["cites", "59/2023/NĐ-CP", "--out", str(tmp_path)]) != 0
    assert "no tables" in capsys.readouterr().err
    with pytest.raises(TablesNotFound):
        load(tmp_path)


# ---------------------------------------------------------------------- show

@pytest.mark.slow
def test_find_document_by_id_prefix_and_path(tables):
    docs = tables["documents"]
    doc_id = _doc_id(tables, "sub/000.txt")
    assert find_document(docs, doc_id)["source_path"] == "sub/000.txt"
    assert find_document(docs, doc_id[:6])["source_path"] == "sub/000.txt"
    assert find_document(docs, "sub/000.txt")["doc_id"] == doc_id
    assert find_document(docs, "some/archive/sub/000.txt")["doc_id"] == doc_id
    assert find_document(docs, "./sub/000.txt")["doc_id"] == doc_id
    with pytest.raises(QueryError, match="no document"):
        find_document(docs, "nope.txt")
    with pytest.raises(QueryError, match="matches 3 documents"):
        find_document(docs.assign(doc_id=["aa1", "aa2", "aa3"]), "aa")


@pytest.mark.slow
def test_show_groups_citations_by_kind(out, tables):
    info = show(out, "small.txt", tables=tables)
    d = info["document"]
    assert (d["doc_type"], d["doc_number"], d["issue_date"]) == ("BC", "12/BC-UBND", "2024-07-05")
    assert d["subject"] == "Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2024"   # trích yếu
    nd = {i["key"]: i for i in info["citations"]["Nghị định"]}
    assert nd["59/2023/NĐ-CP"]["mentions"] == 2 and nd["59/2023/NĐ-CP"]["pages"] == [1, 2]
    assert "Kết luận" in info["citations"]
    assert {"2023-08-14", "2016-01-07"} <= {x["date"] for x in info["dates"]}
    assert all(set(s) >= {"metric", "value", "unit", "page", "raw"} for s in info["statistics"])


@pytest.mark.slow
def test_cli_show(out, tables, capsys):
    doc_id = _doc_id(tables, "small.txt")
    assert main(["show", doc_id[:8], "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert text.startswith("small.txt  (doc_id ")
    assert "Nghị định" in text and "59/2023/NĐ-CP" in text and "×2" in text and "Dates (" in text
    assert "subject" in text and "Kết quả thực hiện dân chủ ở cơ sở 6 tháng đầu năm 2024" in text
    assert main(["show", "small.txt", "--out", str(out), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["document"]["doc_id"] == doc_id
    assert main(["show", "small.txt", "--out", str(out), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["section"] for r in rows} >= {"document", "citation", "date"}
    assert main(["show", "no-such-doc.pdf", "--out", str(out)]) != 0
    assert "no document 'no-such-doc.pdf'" in capsys.readouterr().err


@pytest.mark.slow
def test_show_includes_review_columns_when_present(out, tables):
    t = dict(tables)
    docs = t["documents"].drop(columns=["needs_review", "review_reason", "worst_grade", "median_grade"],
                               errors="ignore")
    t_absent = dict(tables, documents=docs.copy())
    docs["needs_review"] = docs.source_path == "004.txt"
    docs["review_reason"] = docs.needs_review.map({True: "poor OCR on page 1", False: None})
    t["documents"] = docs
    info = show(out, "004.txt", tables=t)
    assert info["document"]["needs_review"] is True
    assert info["document"]["review_reason"] == "poor OCR on page 1"
    assert "needs_review" not in show(out, "004.txt", tables=t_absent)["document"]
    # the pipeline's own flag: the stripped-diacritics OCR report is one to review
    real = show(out, "004.txt", tables=tables)["document"]
    if "needs_review" in real:
        assert real["needs_review"] is True and real["review_reason"]


# ------------------------------------------------------------------ load

@pytest.mark.slow
def test_load_dtypes(tables):
    docs, cit, dates = tables["documents"], tables["citations"], tables["dates"]
    assert set(tables) == {"documents", "citations", "dates", "statistics", "pages", "links"}
    assert pd.api.types.is_datetime64_any_dtype(docs["issue_date_dt"])
    assert pd.api.types.is_datetime64_any_dtype(dates["date_dt"])
    assert pd.api.types.is_datetime64_any_dtype(cit["date_dt"])
    assert isinstance(cit["kind"].dtype, pd.CategoricalDtype)
    assert isinstance(docs["doc_type"].dtype, pd.CategoricalDtype)
    assert pd.api.types.is_string_dtype(cit["key"])
    assert pd.api.types.is_integer_dtype(cit["char_start"])
    small = docs.set_index("source_path").loc["small.txt"]
    assert small["issue_date"] == "2024-07-05" and small["issue_date_dt"] == pd.Timestamp("2024-07-05")
    # month-only dates keep their string and parse to NaT
    month = dates[dates["date"].str.len() == 7]
    assert month["date_dt"].isna().all()
    assert (dates.loc[dates["date"].str.len() == 10, "precision"] == "day").all()


# ------------------------------------------------------------- sentences

@pytest.mark.parametrize("text, want", [
    ("Theo Nghị định số 59/2023/NĐ-CP. Trong năm, UBND đã làm tốt.",
     ["Theo Nghị định số 59/2023/NĐ-CP.", "Trong năm, UBND đã làm tốt."]),
    ("Đoàn của UBND TP. Hải Dương đã đến. Ông Nguyễn V. An ký.",
     ["Đoàn của UBND TP. Hải Dương đã đến.", "Ông Nguyễn V. An ký."]),
    ("tổng số 1.234 hồ sơ, đạt 98,5%. Tiếp theo", ["tổng số 1.234 hồ sơ, đạt 98,5%.", "Tiếp theo"]),
    ("các nội dung v.v. và khác. Xong", ["các nội dung v.v. và khác.", "Xong"]),
    ("Thực hiện Công văn của UBND \nhuyện Thanh Miện về việc báo cáo.",
     ["Thực hiện Công văn của UBND \nhuyện Thanh Miện về việc báo cáo."]),
    ("như sau:\nI. KẾT QUẢ\n1. Công tác lãnh đạo\n- Quán triệt Chỉ thị 30\nnăm 2024;\n- Kế hoạch 166/KH-UBND",
     ["như sau:", "I. KẾT QUẢ", "1. Công tác lãnh đạo", "- Quán triệt Chỉ thị 30\nnăm 2024;",
      "- Kế hoạch 166/KH-UBND"]),
    ("**II. CÔNG TÁC LÃNH ĐẠO**\n\nXác định thực hiện tốt", ["**II. CÔNG TÁC LÃNH ĐẠO**", "Xác định thực hiện tốt"]),
    ("Thuc hien Ke hoach so 28/KH-UBND ngay 13/3/2024 ve xay dung va thuc\n\nhien Quy che. Tiep",
     ["Thuc hien Ke hoach so 28/KH-UBND ngay 13/3/2024 ve xay dung va thuc\n\nhien Quy che.", "Tiep"]),
    ("Nghị định số\n\n145/2020/NĐ-CP của Chính phủ.", ["Nghị định số\n\n145/2020/NĐ-CP của Chính phủ."]),
    ("hết trang 1 \fvà trang 2 tiếp.", ["hết trang 1 \fvà trang 2 tiếp."]),
])
def test_sentence_rules(text, want):
    assert [text[a:b] for a, b in sentence_spans(text)] == want


def test_sentence_at_spans_crossing_a_boundary():
    text = "Câu một kết thúc. Câu hai bắt đầu."
    assert sentence_at(text, 10, 20) == (0, len(text))
    assert text[slice(*sentence_at(text, 20, 22))] == "Câu hai bắt đầu."


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aăÂđĐ .!?…:;-*#\n\f\t()“”0123456789TPIVX")), max_size=300),
       st.integers(0, 300), st.integers(0, 300))
def test_sentences_never_fail(text, i, j):
    spans = sentence_spans(text)
    prev = 0
    for a, b in spans:
        assert prev <= a < b <= len(text)
        assert not text[a].isspace() and not text[b - 1].isspace()
        prev = b
    a, b = sentence_at(text, min(i, j), max(i, j), spans)
    assert 0 <= a <= min(i, j, len(text)) and b >= min(max(i, j), len(text))
