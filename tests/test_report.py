"""`baocao report`: files, escaping of untrusted text, links, highlights, determinism."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from conftest import corpus_text
from baocao import load
from baocao.pipeline.surfaces.cli import main
from baocao.pipeline.surfaces.report import Ann, esc, highlight, page_name, write_report
from baocao.pipeline.runner.run import Options, run

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(2)>'
EVIL = (
    f"ỦY BAN NHÂN DÂN\nXÃ AN BÌNH {SCRIPT}\nSố: 07/BC-UBND\n"
    "An Bình, ngày 02 tháng 3 năm 2024\nBÁO CÁO\nTình hình tiếp công dân\n"
    f"Thực hiện Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 {IMG} của Chính phủ.\n"
    "\f"
    f"Trong kỳ tiếp nhận 25 đơn, {SCRIPT} đã giải quyết 20 đơn.\n"
    "Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị.\n"
)
EVIL_NAME = 'evil <b>&"q".txt'


def _build(base: Path) -> Path:
    arch = base / "arch"
    arch.mkdir(parents=True)
    (arch / EVIL_NAME).write_text(EVIL, encoding="utf-8")
    (arch / "000.txt").write_text(corpus_text("000"), encoding="utf-8")
    (arch / "002.txt").write_text(corpus_text("002"), encoding="utf-8")
    (arch / "copy-of-002.txt").write_text(corpus_text("002"), encoding="utf-8")
    (arch / "broken.pdf").write_bytes(b"<script>alert(3)</script> not a PDF")
    out = base / "out"
    run(Options(archive=arch, out=out, workers=1, progress=False))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = _build(tmp_path_factory.mktemp("report"))
    tables = load(out)
    index = write_report(out, tables=tables)
    return {"out": out, "tables": tables, "index": index, "dir": index.parent}


class Page(HTMLParser):
    """Ids, links, <script> count, and the text inside each highlight id."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.scripts = 0
        self.marks: dict[str, str] = {}
        self.mark_cls: dict[str, str] = {}
        self.tags: list[str] = []
        self._open: list[str | None] = []  # mark ids (None for other tags) to track nesting
        self.rows: list[tuple[str, str]] = []  # (table id, tr class) in order
        self._table: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.hrefs.append(a["href"])
        if tag == "script":
            self.scripts += 1
        if tag == "table":
            self._table.append(a.get("id", ""))
        if tag == "tr" and self._table:
            self.rows.append((self._table[-1], a.get("class") or ""))
        if tag == "mark":
            mid = a.get("id") or a.get("data-for")
            self._open.append(mid)
            self.marks.setdefault(mid, "")
            self.mark_cls.setdefault(mid, a.get("class", ""))

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open.pop()
        if tag == "table" and self._table:
            self._table.pop()

    def handle_data(self, data):
        for mid in self._open:
            self.marks[mid] += data


def _pages(report_dir: Path) -> dict[Path, str]:
    return {p: p.read_text(encoding="utf-8") for p in sorted(report_dir.rglob("*.html"))}


@pytest.mark.slow
def test_files_exist_for_every_document(built):
    docs = built["tables"]["documents"]
    assert built["index"].is_file()
    for doc_id in docs.doc_id.unique():
        assert (built["dir"] / "doc" / page_name(doc_id)).is_file()
    assert len(list((built["dir"] / "doc").glob("*.html"))) == docs.doc_id.nunique()
    # a document that could not be read still has a page, with its error
    broken = docs.set_index("source_path").loc["broken.pdf"]
    assert isinstance(broken["error"], str) and broken["error"]
    html = (built["dir"] / "doc" / page_name(broken["doc_id"])).read_text(encoding="utf-8")
    assert 'class="error"' in html and "none" in html


@pytest.mark.slow
def test_untrusted_text_is_escaped(built):
    pages = _pages(built["dir"])
    for path, html in pages.items():
        assert "<script>alert" not in html, path
        assert "<img" not in html, path
        assert "<b>" not in html, path
        p = Page(html)
        assert p.scripts == (1 if path.name == "index.html" else 0), path  # only our own script
        assert "img" not in p.tags and "b" not in p.tags
    docs = built["tables"]["documents"].set_index("source_path")
    evil = pages[built["dir"] / "doc" / page_name(docs.loc[EVIL_NAME, "doc_id"])]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in evil
    assert "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;" in evil
    assert "evil &lt;b&gt;&amp;&quot;q&quot;.txt" in evil
    assert "evil &lt;b&gt;&amp;&quot;q&quot;.txt" in pages[built["index"]]
    # the escaped text reads back as the document's text
    shown = _text_of(evil)
    assert SCRIPT in shown and IMG in shown


def _text_of(html: str) -> str:
    out: list[str] = []

    class T(HTMLParser):
        def handle_data(self, data):
            out.append(data)

    T(convert_charrefs=True).feed(html)
    return "".join(out)


@pytest.mark.slow
def test_links_resolve(built):
    for path, html in _pages(built["dir"]).items():
        p = Page(html)
        assert p.hrefs, path
        for href in p.hrefs:
            parts = urlsplit(href)
            assert not parts.scheme and not parts.netloc, f"external link {href} in {path}"
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file(), f"{href} in {path}"
            if parts.fragment:
                ids = Page(target.read_text(encoding="utf-8")).ids
                assert parts.fragment in ids, f"{href} in {path}"


@pytest.mark.slow
def test_highlights_hold_the_raw_text_of_every_row(built):
    out, t = built["out"], built["tables"]
    n = 0
    for doc_id in t["documents"].doc_id.unique():
        page = Page((built["dir"] / "doc" / page_name(doc_id)).read_text(encoding="utf-8"))
        for table, prefix, cls in (("citations", "c", "cit"), ("dates", "d", "date"), ("statistics", "s", "stat")):
            rows = t[table][t[table].doc_id == doc_id]
            for i, raw in enumerate(rows["raw"], 1):
                mid = f"{prefix}{i}"
                assert mid in page.ids, (doc_id, mid)
                assert page.marks[mid] == raw.replace("\f", ""), (doc_id, mid)
                assert cls in page.mark_cls[mid].split()
                assert f'href="#{mid}"' in (built["dir"] / "doc" / page_name(doc_id)).read_text(encoding="utf-8")
                n += 1
        path = out / "text" / f"{doc_id}.txt"
        if path.exists():
            text = path.read_text(encoding="utf-8")
            assert sum(1 for i in page.ids if i.startswith("page-")) == text.count("\f") + 1
    assert n > 100


@pytest.mark.slow
def test_page_breaks_are_visible(built):
    docs = built["tables"]["documents"].set_index("source_path")
    html = (built["dir"] / "doc" / page_name(docs.loc[EVIL_NAME, "doc_id"])).read_text(encoding="utf-8")
    assert 'id="page-2" data-page="2">page 2' in html
    assert "\f" not in html


@pytest.mark.slow
def test_index_lists_documents_and_a_sortable_filterable_matrix(built):
    t = built["tables"]
    html = built["index"].read_text(encoding="utf-8")
    p = Page(html)
    assert {"docs", "cm", "docs-filter", "matrix-filter"} <= p.ids
    assert 'class="sortable matrix"' in html
    for path in t["documents"].source_path:
        assert path.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;") in html
    cit = t["citations"].dropna(subset=["key"])
    top = cit.groupby("key").doc_id.nunique().sort_values(ascending=False)
    assert f'>{top.index[0]}</th>' in html
    # the subject (trích yếu) is a column of the documents table
    assert "<th>subject</th>" in html
    for subj in t["documents"].subject.dropna():
        assert esc(subj) in html
    assert html.count('class="key num"') == min(30, cit.key.nunique())
    # one matrix row per distinct document (the two copies of 002 share one)
    assert sum(1 for tid, _ in p.rows if tid == "cm") == t["documents"].doc_id.nunique() + 1


@pytest.mark.slow
def test_review_documents_come_first_and_absent_columns_do_not_break(built, tmp_path):
    t = dict(built["tables"])
    docs = t["documents"].drop(columns=["needs_review", "review_reason", "worst_grade", "median_grade"],
                               errors="ignore")
    plain = write_report(built["out"], tables=dict(t, documents=docs), dest=tmp_path / "plain")
    html = plain.read_text(encoding="utf-8")
    assert "<th>review</th>" not in html and 'class="review"' not in html
    flagged = docs.assign(needs_review=docs.source_path.isin(["000.txt"]),
                          review_reason=docs.source_path.map({"000.txt": "header date missing"}),
                          worst_grade="fair")
    idx = write_report(built["out"], tables=dict(t, documents=flagged), dest=tmp_path / "flagged")
    html = idx.read_text(encoding="utf-8")
    p = Page(html)
    doc_rows = [cls for tid, cls in p.rows if tid == "docs"][1:]
    assert doc_rows[0] == "review" and doc_rows.count("review") == 1
    assert "header date missing" in html and "worst grade" in html
    first_row = html.split('<tr class="review"', 1)[1].split("</tr>", 1)[0]
    assert ">000.txt</a>" in first_row


@pytest.mark.slow
def test_same_tables_same_bytes(built, tmp_path):
    a = write_report(built["out"], tables=built["tables"], dest=tmp_path / "a").parent
    b = write_report(built["out"], dest=tmp_path / "b").parent
    fa, fb = _pages(a), _pages(b)
    assert [p.relative_to(a) for p in fa] == [p.relative_to(b) for p in fb]
    for pa_, pb_ in zip(fa, fb):
        assert pa_.read_bytes() == pb_.read_bytes(), pa_


@pytest.mark.slow
def test_cli_report_replaces_its_own_pages_only(built, capsys):
    import json

    out = built["out"]
    stale = built["dir"] / "doc" / "0123456789abcdef.html"   # a page of a document since removed
    stale.write_text("old")
    marker = built["dir"] / ".baocao-report.json"
    listed = json.loads(marker.read_text())["files"]
    marker.write_text(json.dumps({"files": listed + ["doc/0123456789abcdef.html"]}))
    mine = built["dir"] / "notes.txt"                       # a user's file: never touched
    mine.write_text("mine")
    assert main(["report", "--out", str(out)]) == 0
    assert "report written to" in capsys.readouterr().out
    assert (out / "report" / "index.html").is_file() and not stale.exists()
    assert mine.read_text() == "mine"
    assert not list(out.glob(".report*")) and not list(built["dir"].rglob(".tmp-*"))


@pytest.mark.parametrize("text, anns, want", [
    ("abc", [Ann(1, 2, "cit", "c1", "k")], '>a<mark class="hl cit" id="c1" title="k">b</mark>c'),
    # nested: a date inside a citation
    ("ab cd", [Ann(0, 5, "cit", "c1", ""), Ann(3, 5, "date", "d1", "")],
     '<mark class="hl cit" id="c1" title="">ab <mark class="hl date" id="d1" title="">cd</mark></mark>'),
    # crossing: the later span is split, its second piece points back with data-for
    ("abcd", [Ann(0, 2, "cit", "c1", ""), Ann(1, 4, "stat", "s1", "")],
     '<mark class="hl cit" id="c1" title="">a<mark class="hl stat" id="s1" title="">b</mark></mark>'
     '<mark class="hl stat cont" data-for="s1" title="">cd</mark>'),
    ("a<\fb", [], 'a&lt;<span class="page-sep" id="page-2" data-page="2">page 2</span>b'),
])
def test_highlight(text, anns, want):
    assert want in highlight(text, anns)


def test_highlight_crossing_and_equal_spans_keep_each_text():
    text = "Tiếp nhận 990/1004 hồ sơ trong năm"
    anns = [Ann(10, 24, "stat", "s1", ""), Ann(10, 24, "stat", "s2", ""), Ann(0, 18, "cit", "c1", ""),
            Ann(19, 34, "date", "d1", "")]
    p = Page(highlight(text, anns))
    for a in anns:
        assert p.marks[a.id] == text[a.start:a.end], a.id
