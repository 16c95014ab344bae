"""Links between the archive's documents (runner/links.py) through a real run,
then `show`, `graph`, `export`, `report`: a three-document archive that cites itself."""
from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET

import pytest

from baocao import load
from baocao.pipeline.runner.links import ArchiveLinks
from baocao.pipeline.runner.run import Options, run
from baocao.pipeline.surfaces.cli import main
from baocao.pipeline.surfaces.query import QueryError, find_document, format_show, show


def _doc(kind_title: str, number: str, date_line: str, body: str) -> str:
    return ("ỦY BAN NHÂN DÂN\nXÃ SONG VÂN\n"
            f"Số: {number}\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"Song Vân, {date_line}\n{kind_title}\nThực hiện dân chủ ở cơ sở năm 2024\n"
            f"{body}\n")


PLAN = _doc("KẾ HOẠCH", "15/KH-UBND", "ngày 10 tháng 01 năm 2024",
            "Căn cứ Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ; "
            "UBND xã ban hành Kế hoạch; kết quả báo cáo theo mẫu của Báo cáo số 41/BC-UBND.")
MID = _doc("BÁO CÁO", "40/BC-UBND", "ngày 05 tháng 7 năm 2024",
           "Thực hiện Kế hoạch số 15/KH-UBND ngày 10/01/2024 của UBND xã về thực hiện dân chủ ở cơ sở; "
           "tiếp theo Kế hoạch số 15/KH-UBND ngày 12/02/2023 của UBND xã năm trước, "
           "UBND xã báo cáo như sau.")
YEAR_END = _doc("BÁO CÁO", "41/BC-UBND", "ngày 20 tháng 12 năm 2024",
                "Tiếp theo Báo cáo số 40/BC-UBND ngày 05/7/2024 của UBND xã, thực hiện Kế hoạch số 15/KH-UBND "
                "và Kế hoạch số 99/KH-UBND ngày 01/3/2024 của UBND huyện Tân Yên, UBND xã báo cáo như sau.")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    base = tmp_path_factory.mktemp("links")
    arch = base / "arch"
    (arch / "2024").mkdir(parents=True)
    (arch / "plan.txt").write_text(PLAN, encoding="utf-8")
    (arch / "2024" / "mid-year.txt").write_text(MID, encoding="utf-8")
    (arch / "2024" / "year-end.txt").write_text(YEAR_END, encoding="utf-8")
    (arch / "x-copy.txt").write_text(PLAN, encoding="utf-8")   # same bytes: one doc_id
    out = base / "out"
    assert main(["run", str(arch), "--out", str(out), "--workers", "1", "--no-progress", "--ocr", "never"]) == 0
    return out


@pytest.fixture(scope="module")
def tables(out):
    return load(out)


def _plain(df):
    o = df.astype(object)
    return o.where(o.notna(), None)


def _id(tables, path):
    d = tables["documents"]
    return d.loc[d.source_path == path, "doc_id"].iloc[0]


@pytest.mark.slow
def test_citations_link_to_the_archives_documents(tables):
    plan, mid, end = (_id(tables, p) for p in ("plan.txt", "2024/mid-year.txt", "2024/year-end.txt"))
    cit = _plain(tables["citations"])
    got = {(r.doc_id, r.key, r.date): r.cited_doc_id for r in cit.itertuples()}
    assert got[(mid, "15/KH-UBND", "2024-01-10")] == plan          # number and date
    assert got[(mid, "15/KH-UBND", "2023-02-12")] is None          # same number, another year
    assert got[(end, "40/BC-UBND", "2024-07-05")] == mid
    assert got[(end, "15/KH-UBND", None)] == plan                  # number only, one document has it
    assert got[(end, "99/KH-UBND", "2024-03-01")] is None          # not in the archive
    assert got[(plan, "41/BC-UBND", None)] is None                 # a later document cannot be cited
    assert got[(plan, "59/2023/NĐ-CP", "2023-08-14")] is None
    docs = tables["documents"].set_index("source_path")
    assert docs.loc["plan.txt", "cited_by"] == 2 and docs.loc["x-copy.txt", "cited_by"] == 2
    assert docs.loc["2024/mid-year.txt", "cited_by"] == 1
    assert docs.loc["2024/year-end.txt", "cited_by"] == 0


@pytest.mark.slow
def test_links_table_and_view(out, tables):
    import duckdb

    lk = _plain(tables["links"])
    plan, mid = _id(tables, "plan.txt"), _id(tables, "2024/mid-year.txt")
    row = lk[(lk.doc_id == mid) & (lk.key == "15/KH-UBND") & (lk.cited_doc_id == plan)].iloc[0]
    assert (row.kind, row.mentions, row.basis) == ("Kế hoạch", 1, "number and date")
    other = lk[(lk.doc_id == mid) & (lk.key == "15/KH-UBND") & lk.cited_doc_id.isna()].iloc[0]
    assert other.basis == "not linked: the archive's document of that number has another date"
    later = lk[(lk.doc_id == plan) & (lk.key == "41/BC-UBND")].iloc[0]
    assert "later than the citing one" in later.basis
    # one links row per (citing doc, key, cited doc); the copy's rows are not repeated
    assert len(lk) == len(lk.drop_duplicates(["doc_id", "key", "cited_doc_id"]))
    con = duckdb.connect(str(out / "baocao.duckdb"), read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM links WHERE cited_doc_id IS NOT NULL").fetchone()[0]
    finally:
        con.close()
    assert n == 3


@pytest.mark.slow
def test_show_lists_both_directions(out, tables):
    info = show(out, "plan", tables=tables)    # file name without its extension
    assert info["document"]["source_path"] == "plan.txt"
    assert [(c["source_path"], c["key"]) for c in info["cited_by"]] == [
        ("2024/mid-year.txt", "15/KH-UBND"), ("2024/year-end.txt", "15/KH-UBND")]
    end = show(out, "2024/year-end", tables=tables)
    items = {i["key"]: i for items in end["citations"].values() for i in items}
    assert items["40/BC-UBND"]["cited_path"] == "2024/mid-year.txt"
    assert items["99/KH-UBND"]["cited_path"] is None
    text = format_show(end)
    assert "→ in archive: 2024/mid-year.txt" in text
    assert "Cited by (documents of the archive) (0)" in text
    assert "2024/mid-year.txt" in format_show(info) and "Cited by (documents of the archive) (2)" in format_show(info)


@pytest.mark.slow
def test_show_by_name_without_extension_must_be_unique(tables):
    docs = tables["documents"]
    assert find_document(docs, "mid-year")["source_path"] == "2024/mid-year.txt"
    import pandas as pd
    two = pd.concat([docs, docs.assign(source_path="mid-year.md", doc_id="f" * 16)])
    with pytest.raises(QueryError, match="matches 2 documents"):
        find_document(two, "mid-year")


@pytest.mark.slow
def test_graph_formats(out, tmp_path, capsys):
    nx = pytest.importorskip("networkx")
    gml = tmp_path / "g.graphml"
    assert main(["graph", "--out", str(out), "--format", "graphml", "--output", str(gml)]) == 0
    g = nx.read_graphml(gml)
    assert g.is_directed()
    docs = [n for n, a in g.nodes(data=True) if a["in_archive"]]
    assert len(docs) == 3      # three distinct documents (the copy shares the plan's doc_id)
    labels = {a["label"]: n for n, a in g.nodes(data=True) if a["in_archive"]}
    assert "key:15/KH-UBND" in g and not g.nodes["key:15/KH-UBND"]["in_archive"]  # the 2023 plan
    assert g.has_edge(labels["40/BC-UBND"], labels["15/KH-UBND"])
    assert g.has_edge(labels["41/BC-UBND"], labels["40/BC-UBND"])
    assert g.nodes[labels["15/KH-UBND"]]["cited_by"] == 2
    ext = g.nodes["key:59/2023/NĐ-CP"]
    assert ext["in_archive"] is False and ext["kind"] == "Nghị định"
    e = g.edges[labels["40/BC-UBND"], labels["15/KH-UBND"]]
    assert e["mentions"] == 1 and e["basis"] == "number and date"

    gexf = tmp_path / "g.gexf"
    assert main(["graph", "--out", str(out), "--format", "gexf", "--output", str(gexf)]) == 0
    g2 = nx.read_gexf(gexf)
    assert set(g2.nodes) == set(g.nodes) and g2.number_of_edges() == g.number_of_edges()
    ET.parse(gexf)

    capsys.readouterr()
    assert main(["graph", "--out", str(out), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert list(rows[0])[:4] == ["Source", "Target", "Label", "Weight"]
    inside = [r for r in rows if r["target_in_archive"] == "true"]
    assert sorted((r["source_path"], r["target_path"]) for r in inside) == [
        ("2024/mid-year.txt", "plan.txt"), ("2024/year-end.txt", "2024/mid-year.txt"),
        ("2024/year-end.txt", "plan.txt")]


@pytest.mark.slow
def test_export_xlsx(out, tables, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    x = tmp_path / "baocao.xlsx"
    assert main(["export", "--out", str(out), "--xlsx", str(x)]) == 0
    wb = openpyxl.load_workbook(x, read_only=True)
    assert wb.sheetnames == ["documents", "citations", "dates", "statistics", "pages", "links"]
    docs = list(wb["documents"].values)
    assert docs[0][:2] == ("doc_id", "source_path") and len(docs) == 1 + len(tables["documents"])
    header = docs[0]
    plan = next(r for r in docs if r[1] == "plan.txt")
    assert plan[header.index("cited_by")] == 2                      # numbers stay numbers
    assert plan[header.index("commune")] == "Xã Song Vân"
    assert len(list(wb["links"].values)) == 1 + len(tables["links"])
    vi = tmp_path / "vi.xlsx"
    assert main(["export", "--out", str(out), "--xlsx", str(vi), "--vietnamese-headers"]) == 0
    h = next(openpyxl.load_workbook(vi, read_only=True)["documents"].values)
    assert h[:2] == ("Mã tài liệu", "Tệp nguồn") and "Xã/phường/thị trấn" in h
    assert "Trích yếu" in h and "subject" not in h and len(set(h)) == len(h)   # every column its own name


@pytest.mark.slow
def test_report_cited_by_and_most_cited(out, tables):
    from baocao.pipeline.surfaces.report import page_name, write_report

    index = write_report(out, tables=tables)
    html = index.read_text(encoding="utf-8")
    plan = _id(tables, "plan.txt")
    assert 'id="most-cited"' in html
    assert f'href="doc/{page_name(plan)}">plan.txt</a>' in html.split('id="most-cited"')[1].split("</table>")[0]
    page = (index.parent / "doc" / page_name(plan)).read_text(encoding="utf-8")
    assert "Cited by (2)" in page and "2024/mid-year.txt" in page
    mid = (index.parent / "doc" / page_name(_id(tables, "2024/mid-year.txt"))).read_text(encoding="utf-8")
    assert f'href="{page_name(plan)}">→ in the archive' in mid


def test_equal_numbers_need_a_date_to_tell_them_apart():
    L = ArchiveLinks()
    cites = {}
    L.add("a23", {"doc_number": "04/BC-UBND", "issue_date": "2023-01-11"}, [], cites)
    L.add("a24", {"doc_number": "04/BC-UBND", "issue_date": "2024-01-11"}, [], cites)
    L.add("blank", {"doc_number": "/BC-UBND", "issue_date": "2024-02-01"}, [], cites)
    L.add("c", {"doc_number": "09/BC-UBND", "issue_date": "2024-06-01"},
          [{"key": "04/BC-UBND", "date": "2024-01-11"}, {"key": "04/BC-UBND", "date": None},
           {"key": "/BC-UBND", "date": None}], cites)
    L.decide(cites)
    assert L.resolve("c", "04/BC-UBND", "2024-01-11") == ("a24", "number and date")
    assert L.resolve("c", "04/BC-UBND", "2024-01") == ("a24", "number and date")
    assert L.resolve("c", "04/BC-UBND", None) == (None, "not linked: 2 documents of the archive have that number")
    assert L.resolve("c", "/BC-UBND", None) == (None, None)
    assert L.cited_by == {"a24": 1}


class _Results:
    """A cache stand-in: result key → result (``get`` as ``Cache.get``)."""

    def __init__(self, results):
        self.results = results

    def get(self, key):
        return self.results.get(key)


def test_a_summary_kept_by_the_run_links_as_the_result_read_back():
    """ArchiveLinks.collect with the scheduler's link summaries decides every
    link, count and learned law exactly as when it reads each result back."""
    from types import SimpleNamespace

    from baocao.pipeline.runner.links import packed_summary

    law = {"key": "33/2024/QH15", "date": None, "form": "full", "kind": "Luật", "title": "Luật Lưu trữ"}
    results = {
        "a.txt": {"document": {"doc_number": "04/BC-UBND", "issue_date": "2024-01-11"}, "citations": [law]},
        "b.txt": {"document": {"doc_number": "09/BC-UBND", "issue_date": "2024-06-01"},
                  "citations": [{"key": "04/BC-UBND", "date": "2024-01-11"}, {"key": "04/BC-UBND", "date": None},
                                {"key": None, "form": "named", "kind": "Luật", "title": "Luật Lưu trữ"},
                                {"key": "04/BC-UBND", "date": "2024-01-11"}]},
        "c.txt": {"document": {"doc_number": "/BC-UBND", "issue_date": "2024-02-01"}, "citations": []},
    }
    entries = [(SimpleNamespace(file_type="txt"), k.split(".")[0], None) for k in results]
    read = ArchiveLinks.collect(entries, _Results(results), {})
    kept = ArchiveLinks.collect(entries, _Results({}), {}, {k: packed_summary(r) for k, r in results.items()})
    for L in (read, kept):
        assert L.link[("b", "04/BC-UBND", "2024-01-11")] == ("a", "number and date")
        assert list(L.learned.values()) == [{"33/2024/QH15": "a"}]
    assert (read.numbers, read.dates, read.link, read.cited_by, dict(read.learned)) == \
           (kept.numbers, kept.dates, kept.link, kept.cited_by, dict(kept.learned))
