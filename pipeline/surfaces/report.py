"""Static HTML audit report of an output folder (``baocao report``).

Writes ``OUT/report/index.html`` and ``OUT/report/doc/<doc_id>.html``:

* the index lists every document with its header fields, its administrative
  unit (before and after 1 July 2025) and counts (those flagged
  ``needs_review`` first, when the column exists), the most-cited keys with
  the archive's document of that number when it holds one, and a citation
  matrix (documents × the most-cited keys) whose columns sort on click and
  whose rows and columns a filter box narrows;
* a document page shows the normalised text with every citation, date and
  figure as a ``<mark>`` (classes ``cit``/``date``/``stat``, ids ``c1``,
  ``d1``, ``s1`` in table order) and lists beside it linking to them (a
  citation of a document the archive holds also links to its page), then
  the archive's documents that cite it ("Cited by"); page
  breaks (``\\f``) are visible separators.  Where two spans cross, the later
  one is split: its first piece carries the id, the rest ``data-for``.

Every piece of document text and every table value goes through
``html.escape``: documents are untrusted input.  CSS and JS from
``report_assets/`` are inlined, so pages work from ``file://`` with no server
and no network.  The output depends only on the tables and texts (no clock),
so the same tables give the same bytes.
"""
from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import pandas as pd

from baocao.pipeline.surfaces.load_tables import load_tables, read_text
from baocao.pipeline.surfaces.query import _paths as first_paths, cited_by_all

ASSETS = Path(__file__).with_name("report_assets")
TOP_KEYS = 30
HEADER_COLUMNS = (
    ("doc_type", "type"), ("doc_number", "number"), ("issue_date", "issued"), ("issuer", "issuer"),
    ("location", "place"), ("unit", "unit"), ("unit_2025", "unit after 1 July 2025"), ("period", "period"),
    ("signer", "signer"), ("subject", "subject"),
)
DOC_FIELDS = ("doc_id", "source_path", "file_type", "text_source", "pages", "ocr_pages", "diacritics",
              "doc_type", "doc_number", "issue_date", "issuer", "location", "period", "signer", "title", "subject",
              "commune", "district", "province", "unit_code", "commune_2025", "province_2025", "unit_match",
              "unit_evidence", "unit_candidates",
              "n_chars", "encoding", "repairs", "duplicate_of", "worst_grade", "median_grade",
              "needs_review", "review_reason", "error")


def esc(v) -> str:
    """Escaped text of any value (None/NA → empty)."""
    if v is None:
        return ""
    try:
        if pd.isna(v):
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(v), quote=True)


def _num(v) -> str:
    if v is None or (isinstance(v, float) and v != v):
        return ""
    f = float(v)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def page_name(doc_id: str) -> str:
    """File name of a document's page (doc ids are hex; anything else is made safe)."""
    return re.sub(r"[^0-9A-Za-z_.-]", "_", str(doc_id)).lstrip(".") + ".html"


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str]:
    css = (ASSETS / "report.css").read_text(encoding="utf-8")
    js = (ASSETS / "report.js").read_text(encoding="utf-8")
    return css, js


def _page(title: str, body: str, script: bool = True) -> str:
    css, js = _assets()
    return ("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
            f"<title>{esc(title)}</title>\n<style>\n{css}</style>\n</head>\n<body>\n{body}\n"
            + (f"<script>\n{js}</script>\n" if script else "") + "</body>\n</html>\n")


def _records(df: pd.DataFrame) -> list[dict]:
    o = df.astype(object)
    return o.where(o.notna(), None).to_dict("records")


def _val(v):
    """None for any missing value (None, NaN, pd.NA), else ``v``."""
    if v is None:
        return None
    try:
        return None if pd.isna(v) else v
    except (TypeError, ValueError):
        return v


def _truthy(v) -> bool:
    if v is None:
        return False
    try:
        if pd.isna(v):
            return False
    except (TypeError, ValueError):
        pass
    if isinstance(v, str):
        return v.strip().lower() in ("1", "true", "yes", "y")
    return bool(v)


# ------------------------------------------------------------------ highlight

@dataclass(frozen=True)
class Ann:
    start: int
    end: int
    cls: str        # cit | date | stat
    id: str         # c1, d1, s1
    title: str      # tooltip
    order: int = 0  # tie-break among equal spans


def _open(a: Ann, first: bool) -> str:
    ident = f' id="{esc(a.id)}"' if first else f' data-for="{esc(a.id)}"'
    cont = "" if first else " cont"
    return f'<mark class="hl {a.cls}{cont}"{ident} title="{esc(a.title)}">'


def _sep(page: int, note: str) -> str:
    extra = f" · {esc(note)}" if note else ""
    return f'<span class="page-sep" id="page-{page}" data-page="{page}">page {page}{extra}</span>'


def highlight(text: str, anns: Iterable[Ann], page_notes: Optional[dict] = None) -> str:
    """``text`` escaped, with each annotation wrapped in ``<mark>`` and each
    ``\\f`` replaced by a page separator.  Nested spans nest; a span crossing
    another's end is closed and reopened as a continuation."""
    notes = page_notes or {}
    n = len(text)
    anns = sorted((a for a in anns if 0 <= a.start <= a.end <= n),
                  key=lambda a: (a.start, -a.end, a.order, a.id))
    starts: dict[int, list[Ann]] = {}
    for a in anns:
        starts.setdefault(a.start, []).append(a)
    points = sorted(set(starts) | {a.end for a in anns} | {i for i, c in enumerate(text) if c == "\f"} | {n})
    out: list[str] = [_sep(1, notes.get(1, ""))]
    stack: list[Ann] = []
    pos = 0
    page = 1
    for p in points:
        if p > pos:
            out.append(esc(text[pos:p]))
            pos = p
        # close what ends here; reopen what was closed only to keep nesting
        if any(a.end == p for a in stack):
            reopen: list[Ann] = []
            while any(a.end == p for a in stack):
                a = stack.pop()
                out.append("</mark>")
                if a.end != p:
                    reopen.append(a)
            for a in reversed(reopen):
                out.append(_open(a, first=False))
                stack.append(a)
        for a in starts.get(p, []):
            if a.end == a.start:
                out.append(_open(a, first=True) + "</mark>")
                continue
            out.append(_open(a, first=True))
            stack.append(a)
        if p < n and text[p] == "\f":
            for _ in stack:
                out.append("</mark>")
            page += 1
            out.append(_sep(page, notes.get(page, "")))
            for a in stack:
                out.append(_open(a, first=False))
            pos = p + 1
    for _ in stack:
        out.append("</mark>")
    return "".join(out)


# ---------------------------------------------------------------------- pages

def _has(df: pd.DataFrame, col: str) -> bool:
    return col in df.columns


def _ordered_documents(docs: pd.DataFrame) -> pd.DataFrame:
    d = docs.copy()
    d["_review"] = d["needs_review"].map(_truthy) if _has(d, "needs_review") else False
    d["_path"] = d["source_path"].astype(object)
    return d.sort_values(["_review", "_path"], ascending=[False, True], kind="stable")


def _counts(tables: dict) -> dict[str, dict[str, int]]:
    out = {}
    for t in ("citations", "dates", "statistics"):
        df = tables[t]
        out[t] = df.groupby(df["doc_id"].astype(object)).size().to_dict() if not df.empty else {}
    return out


def _grade_cell(v) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return "<td></td>"
    return f'<td class="grade-{esc(v)}">{esc(v)}</td>'


def unit_label(r: dict, after_2025: bool = False) -> str:
    """One line for the document's unit: ``Xã Song Vân, Huyện Tân Yên, Tỉnh Bắc Giang``
    (``after_2025``: its 2025 commune and province), ``?`` marks an ambiguous one."""
    cols = ("commune_2025", "province_2025") if after_2025 else ("commune", "district", "province")
    parts = [str(_val(r.get(c))) for c in cols if _val(r.get(c))]
    if not after_2025 and _val(r.get("unit_match")) == "ambiguous":
        return "ambiguous" + (f" ({', '.join(parts)})" if parts else "")
    return ", ".join(parts)


def _top_keys(cit: pd.DataFrame, k: int) -> list[dict]:
    c = cit[cit["key"].notna()]
    if c.empty:
        return []
    c = c.assign(key=c["key"].astype(object), doc_id=c["doc_id"].astype(object))
    g = c.groupby("key").agg(docs=("doc_id", "nunique"), mentions=("doc_id", "size")).reset_index()
    g = g.sort_values(["docs", "mentions", "key"], ascending=[False, False, True], kind="stable").head(k)
    first = c.drop_duplicates("key").set_index("key")
    out = []
    for r in g.itertuples():
        f = first.loc[r.key]
        out.append({"key": r.key, "docs": int(r.docs), "mentions": int(r.mentions),
                    "kind": _val(f.get("kind")), "title": _val(f.get("title"))})
    return out


def _held(tables: dict) -> dict:
    """Cited key → the archive's document it links to (``links.cited_doc_id``)."""
    links = tables.get("links")
    if links is None or links.empty:
        return {}
    lk = links[links["cited_doc_id"].notna()]
    return dict(zip(lk["key"].astype(object), lk["cited_doc_id"].astype(object)))


def render_index(tables: dict, top_keys: int = TOP_KEYS) -> str:
    docs = _ordered_documents(tables["documents"])
    cit = tables["citations"]
    counts = _counts(tables)
    review_col = _has(docs, "needs_review")
    grade_cols = [c for c in ("worst_grade", "median_grade") if _has(docs, c)]
    n_docs = docs["doc_id"].nunique()
    n_err = int(docs["error"].notna().sum()) if _has(docs, "error") else 0
    n_rev = int(docs["_review"].sum()) if review_col else 0

    parts = ['<header class="top"><h1>baocao audit report</h1>',
             '<div class="summary muted">',
             f'<span>{len(docs)} files ({n_docs} distinct documents)</span>',
             f'<span>{len(cit)} citations</span>',
             f'<span>{len(tables["dates"])} dates</span>',
             f'<span>{len(tables["statistics"])} figures</span>',
             f'<span>{n_err} with errors</span>']
    if review_col:
        parts.append(f'<span>{n_rev} to review</span>')
    parts.append('</div></header>\n<main>')

    # documents
    parts.append('<h2 id="documents">Documents</h2>')
    parts.append('<input class="filter" type="search" id="docs-filter" data-table="docs" '
                 'placeholder="filter documents (name, number, issuer, place…)" aria-label="filter documents"> '
                 f'<span class="muted" id="docs-count">{len(docs)} / {len(docs)}</span>')
    head = ['<th>document</th>']
    if review_col:
        head.insert(0, '<th>review</th>')
    head += [f'<th>{esc(label)}</th>' for _, label in HEADER_COLUMNS]
    head += ['<th class="num">pages</th>', '<th>text</th>', '<th>diacritics</th>']
    head += [f'<th>{esc(c.replace("_", " "))}</th>' for c in grade_cols]
    head += ['<th class="num">citations</th>', '<th class="num">dates</th>', '<th class="num">figures</th>',
             '<th>error</th>']
    parts.append('<div class="scroll"><table id="docs" class="sortable docs"><thead><tr>'
                 + "".join(head) + '</tr></thead><tbody>')
    for r in _records(docs):
        doc_id = r["doc_id"]
        label = " ".join(str(r.get(c) or "") for c in ("source_path", "doc_number", "issuer", "location",
                                                       "period", "doc_type", "signer", "commune", "district",
                                                       "province", "commune_2025", "province_2025"))
        cls = ' class="review"' if r["_review"] else ""
        row = [f'<tr{cls} data-label="{esc(label)}">']
        if review_col:
            reason = esc(r.get("review_reason")) if r["_review"] else ""
            badge = f'<span class="badge">review</span> {reason}' if r["_review"] else ""
            row.append(f'<td data-v="{1 if r["_review"] else 0}">{badge}</td>')
        dup = (f'<br><span class="muted">same file as {esc(r.get("duplicate_of"))}</span>'
               if r.get("duplicate_of") else "")
        row.append(f'<td><a href="doc/{esc(page_name(doc_id))}">{esc(r["source_path"])}</a>{dup}</td>')
        for col, _ in HEADER_COLUMNS:
            if col in ("unit", "unit_2025"):
                tip = f' title="{esc(r.get("unit_match"))}: {esc(r.get("unit_evidence"))}"' if r.get("unit_match") else ""
                row.append(f'<td{tip}>{esc(unit_label(r, col == "unit_2025"))}</td>')
                continue
            row.append(f'<td>{esc(r.get(col))}</td>')
        row.append(f'<td class="num">{_num(r.get("pages"))}</td>')
        row.append(f'<td>{esc(r.get("text_source"))}</td><td>{esc(r.get("diacritics"))}</td>')
        for c in grade_cols:
            row.append(_grade_cell(r.get(c)))
        for t in ("citations", "dates", "statistics"):
            row.append(f'<td class="num">{counts[t].get(doc_id, 0)}</td>')
        row.append(f'<td class="error">{esc(r.get("error"))}</td></tr>')
        parts.append("".join(row))
    parts.append('</tbody></table></div>')

    # most-cited keys, and whether the archive holds them
    keys = _top_keys(cit, top_keys)
    held = _held(tables)
    paths = first_paths(tables["documents"])
    parts.append('<h2 id="most-cited">Most-cited documents</h2>')
    parts.append('<p class="muted">By number of citing documents; “in the archive” links to the document '
                 'of that number when the archive holds it (its number and date agree with the citation).</p>')
    parts.append('<div class="scroll"><table id="top" class="sortable"><thead><tr><th>key</th><th>kind</th>'
                 '<th class="num">citing documents</th><th class="num">mentions</th><th>in the archive</th>'
                 '</tr></thead><tbody>')
    for k in keys:
        target = held.get(k["key"])
        cell = (f'<a href="doc/{esc(page_name(target))}">{esc(paths.get(target, target))}</a>' if target
                else '<span class="muted">no</span>')
        parts.append(f'<tr><td>{esc(k["key"])}</td><td>{esc(k["kind"])}</td><td class="num">{k["docs"]}</td>'
                     f'<td class="num">{k["mentions"]}</td><td data-v="{1 if target else 0}">{cell}</td></tr>')
    parts.append('</tbody></table></div>')

    # citation matrix
    parts.append('<h2 id="matrix">Citation matrix</h2>')
    parts.append(f'<p class="muted">Documents × the {len(keys)} most-cited keys (by number of citing '
                 'documents); a cell is the number of mentions and links to the first one. Click a header '
                 'to sort; the filter keeps matching documents, or, when it names keys, those columns.</p>')
    parts.append('<input class="filter" type="search" id="matrix-filter" data-table="cm" '
                 'placeholder="filter by document or key (e.g. 59/2023, Thanh Miện)" aria-label="filter matrix"> '
                 '<span class="muted" id="cm-count"></span>')
    head = ['<th>document</th>', '<th class="num">all</th>']
    for k in keys:
        tip = f'{k["key"]} · {k["kind"] or ""}' + (f' · {k["title"]}' if k["title"] else "") + \
              f' · cited by {k["docs"]} documents, {k["mentions"]} mentions'
        label = " ".join(str(x) for x in (k["key"], k["kind"] or "", k["title"] or ""))
        head.append(f'<th class="key num" title="{esc(tip)}" data-label="{esc(label)}">{esc(k["key"])}</th>')
    parts.append('<div class="scroll"><table id="cm" class="sortable matrix"><thead><tr>'
                 + "".join(head) + '</tr></thead><tbody>')
    # first mention of each (doc, key) → link target
    c = cit.assign(_i=cit.groupby(cit["doc_id"].astype(object)).cumcount() + 1)
    c = c[c["key"].notna()]
    firsts: dict[tuple, int] = {}
    for d, k, i in zip(c["doc_id"].astype(object), c["key"].astype(object), c["_i"]):
        firsts.setdefault((d, k), int(i))
    per = c.groupby([c["doc_id"].astype(object), c["key"].astype(object)]).size().to_dict()
    seen: set = set()
    for r in _records(docs):
        doc_id = r["doc_id"]
        if doc_id in seen:
            continue
        seen.add(doc_id)
        label = " ".join(str(r.get(x) or "") for x in ("source_path", "doc_number", "issuer", "location"))
        total = counts["citations"].get(doc_id, 0)
        href = f"doc/{page_name(doc_id)}"
        row = [f'<tr data-label="{esc(label)}"><td class="doc" title="{esc(r["source_path"])}">'
               f'<a href="{esc(href)}">{esc(r["source_path"])}</a></td>'
               f'<td class="num">{total}</td>']
        for k in keys:
            n = per.get((doc_id, k["key"]), 0)
            if n:
                i = firsts[(doc_id, k["key"])]
                row.append(f'<td class="cell hit" data-v="{n}"><a href="{esc(href)}#c{i}" '
                           f'title="{esc(k["key"])} in {esc(r["source_path"])}">{n}</a></td>')
            else:
                row.append('<td class="cell" data-v="0"></td>')
        row.append('</tr>')
        parts.append("".join(row))
    parts.append('</tbody></table></div>')
    parts.append('</main>')
    return _page("baocao audit report", "\n".join(parts))


def _pretty(v) -> str:
    if isinstance(v, float):
        return _num(v)
    return str(v)


def render_document(row: dict, text: Optional[str], cit: pd.DataFrame, dates: pd.DataFrame,
                    stats: pd.DataFrame, pages: Optional[pd.DataFrame] = None,
                    also_at: Iterable[str] = (), cited_by: Iterable[dict] = ()) -> str:
    """One document's page; ``cited_by``: ``{doc_id, source_path, key, mentions}``
    of the archive's documents that cite it (``query.cited_by``)."""
    doc_id = row["doc_id"]
    title = row.get("source_path") or doc_id
    parts = ['<header class="top"><a href="../index.html">← all documents</a>',
             f'<h1>{esc(title)}</h1>']
    if _truthy(row.get("needs_review")):
        parts.append(f'<p><span class="badge">review</span> {esc(row.get("review_reason"))}</p>')
    elif _val(row.get("review_reason")):
        parts.append(f'<p class="muted">{esc(row.get("review_reason"))}</p>')
    parts.append('<dl class="fields">')
    for f in DOC_FIELDS:
        if f not in row or f in ("source_path", "needs_review", "review_reason"):
            continue
        v = row.get(f)
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            continue
        parts.append(f'<dt>{esc(f.replace("_", " "))}</dt><dd>{esc(_pretty(v))}</dd>')
    also = list(also_at)
    if also:
        parts.append(f'<dt>same file at</dt><dd>{esc(", ".join(also))}</dd>')
    parts.append('</dl></header>\n<main><div class="layout">')

    anns: list[Ann] = []
    lists = {"cit": [], "date": [], "stat": []}
    for i, r in enumerate(_records(cit), 1):
        ident = r["key"] or r["title"] or r["kind"] or "citation"
        tip = " · ".join(str(x) for x in (r["key"], r["kind"], r["title"], r["issuer"], r["date"]) if x)
        anns.append(Ann(int(r["char_start"]), int(r["char_end"]), "cit", f"c{i}", tip, 0))
        lists["cit"].append((f"c{i}", ident, r["raw"], r["page"], r["kind"], r.get("cited_doc_id")))
    for i, r in enumerate(_records(dates), 1):
        anns.append(Ann(int(r["char_start"]), int(r["char_end"]), "date", f"d{i}", str(r["date"] or ""), 1))
        lists["date"].append((f"d{i}", r["date"] or "?", r["raw"], r["page"], None, None))
    for i, r in enumerate(_records(stats), 1):
        val = f'{r["metric"]} = {_num(r["value"])}{(" " + r["unit"]) if r.get("unit") else ""}'
        tip = val + (f' · {r["scope"]}' if r.get("scope") else "")
        anns.append(Ann(int(r["char_start"]), int(r["char_end"]), "stat", f"s{i}", tip, 2))
        lists["stat"].append((f"s{i}", val, r["raw"], r["page"], r.get("scope"), None))

    notes: dict[int, str] = {}
    if pages is not None and not pages.empty:
        for p in _records(pages):
            bits = [str(p.get("text_source") or "")]
            if p.get("grade"):
                bits.append(f'grade {p["grade"]}' + (f' ({p["grade_reason"]})' if p.get("grade_reason") else ""))
            if p.get("ocr_confidence") is not None:
                bits.append(f'OCR confidence {_num(round(float(p["ocr_confidence"]), 1))}')
            if p.get("note"):
                bits.append(str(p["note"]))
            notes[int(p["page"])] = " · ".join(b for b in bits if b)

    if text is None:
        msg = row.get("error") or "no text was written for this document"
        parts.append(f'<div class="text" id="text"><p class="error">{esc(msg)}</p></div>')
    else:
        parts.append(f'<div class="text" id="text">{highlight(text, anns, notes)}</div>')

    parts.append('<aside id="lists">')
    for cls, heading in (("cit", "Citations"), ("date", "Dates"), ("stat", "Figures")):
        items = lists[cls]
        parts.append(f'<h2><span class="sw {cls}"></span>{heading} ({len(items)})</h2>')
        if not items:
            parts.append('<p class="muted">none</p>')
            continue
        parts.append(f'<ol id="list-{cls}">')
        for ident, label, raw, page, extra, target in items:
            raw1 = " ".join(str(raw or "").split())
            more = f' <span class="muted">{esc(extra)}</span>' if extra and cls == "cit" else ""
            if target:
                more += f' <a class="in-archive" href="{esc(page_name(target))}">→ in the archive</a>'
            parts.append(f'<li><a href="#{ident}">{esc(label)}</a>{more} '
                         f'<span class="raw">“{esc(raw1)}”</span> <span class="muted">p.{esc(page)}</span></li>')
        parts.append('</ol>')
    cb = list(cited_by)
    parts.append(f'<h2 id="cited-by">Cited by ({len(cb)})</h2>')
    if not cb:
        parts.append('<p class="muted">no document of the archive cites it</p>')
    else:
        parts.append('<ol id="list-cited-by">')
        for c in cb:
            parts.append(f'<li><a href="{esc(page_name(c["doc_id"]))}">{esc(c["source_path"])}</a> '
                         f'<span class="muted">{esc(c["key"])} ×{esc(c["mentions"])}</span></li>')
        parts.append('</ol>')
    parts.append('</aside></div></main>')
    return _page(f"{title} — baocao", "\n".join(parts), script=False)


# ---------------------------------------------------------------------- write

MARKER = ".baocao-report.json"   # the files the last report wrote (only those are ever replaced or removed)


def _write(path: Path, content: str) -> None:
    """Whole files only: written aside, then renamed over the old one."""
    tmp = path.with_name(f".tmp-{os.getpid()}-{path.name}")
    try:
        tmp.write_bytes(content.encode("utf-8"))
        os.replace(tmp, path)
    except BaseException:
        try:
            tmp.unlink()
        except OSError:
            pass
        raise


def _own_files(dest: Path) -> set[str]:
    """Relative paths of the files an earlier report wrote into ``dest``.

    Raises ``ReportRefused`` when ``dest`` holds something no report made: a
    link, a file, or a folder without the marker file that is not an older
    report (only ``index.html`` and ``doc/*.html``)."""
    import json

    if dest.is_symlink() or (dest.exists() and not dest.is_dir()):
        raise ReportRefused(f"{dest} exists and is not a report folder: refusing to replace it")
    if not dest.exists():
        return set()
    try:
        listed = json.loads((dest / MARKER).read_text(encoding="utf-8"))["files"]
        return {f for f in listed if isinstance(f, str) and ".." not in f.split("/")}
    except (OSError, ValueError, KeyError, TypeError):
        pass
    found = {p.relative_to(dest).as_posix() for p in dest.rglob("*") if not p.is_dir()}
    old_report = all(f == "index.html" or re.fullmatch(r"doc/[0-9A-Za-z_.-]+\.html", f) for f in found)
    if found and not old_report:
        raise ReportRefused(f"{dest} holds files no baocao report made: refusing to write into it")
    return found


class ReportRefused(Exception):
    """The report would write where it must not (an archive, files it did not make)."""


def write_report(out_dir, tables: Optional[dict] = None, dest: Optional[Path] = None,
                 top_keys: int = TOP_KEYS, archive: Optional[Path] = None) -> Path:
    """Write the report for the tables in ``out_dir`` into ``dest`` (default
    ``out_dir/report``) and return the path of ``index.html``.

    Safety rules: refused (``ReportRefused``, before anything is written) when
    ``dest`` and ``archive`` (default: the archive of the run that made the
    tables, from its manifest) overlap, or when ``dest`` holds files no
    report made.  Every page is written whole (aside, then renamed); the
    files the previous report listed in ``.baocao-report.json`` and this one
    did not write (pages of removed documents) are removed; nothing else is
    ever touched."""
    import json

    from baocao.pipeline.runner.run import _overlap, last_archive

    out = Path(out_dir)
    dest = Path(dest) if dest is not None else out / "report"
    archive = archive if archive is not None else last_archive(out)
    if archive is not None and _overlap(dest, Path(archive)):
        raise ReportRefused(f"the report folder {dest} and the archive {archive} overlap: refusing to write there")
    previous = _own_files(dest)
    t = tables if tables is not None else load_tables(out)
    (dest / "doc").mkdir(parents=True, exist_ok=True)
    written: list[str] = []

    def put(rel: str, content: str) -> None:
        _write(dest / rel, content)
        written.append(rel)

    put("index.html", render_index(t, top_keys))
    docs = _ordered_documents(t["documents"])
    groups = {name: {k: g for k, g in t[name].groupby(t[name]["doc_id"].astype(object), sort=False)}
              for name in ("citations", "dates", "statistics", "pages")}
    empty = {name: t[name].iloc[0:0] for name in groups}
    paths = docs.groupby(docs["doc_id"].astype(object))["source_path"].agg(lambda s: sorted(s.astype(object)))
    citing = cited_by_all(t)
    done: set = set()
    for r in _records(docs.drop(columns=["_review", "_path"])):
        doc_id = r["doc_id"]
        if doc_id in done:
            continue
        done.add(doc_id)
        also = [p for p in paths.get(doc_id, []) if p != r["source_path"]]
        html_text = render_document(
            r, read_text(out, doc_id),
            groups["citations"].get(doc_id, empty["citations"]),
            groups["dates"].get(doc_id, empty["dates"]),
            groups["statistics"].get(doc_id, empty["statistics"]),
            groups["pages"].get(doc_id, empty["pages"]),
            also_at=also, cited_by=citing.get(doc_id, []))
        put(f"doc/{page_name(doc_id)}", html_text)
    _write(dest / MARKER, json.dumps({"files": sorted(written)}, indent=0))
    for rel in sorted(previous - set(written) - {MARKER}):
        try:
            (dest / rel).unlink()
        except OSError:
            pass
    return dest / "index.html"
