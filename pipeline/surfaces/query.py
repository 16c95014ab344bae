"""Auditors' queries over an output folder: ``cites`` and ``show``.

The functions return plain data (lists/dicts); ``format_*`` turn it into a
``table`` (for people), ``csv`` or ``json`` (for programs).  The CLI
(``baocao cites`` / ``baocao show``) is a thin layer over them.

How ``cites`` reads its argument (``parse_key_query``):

* a full number/symbol as printed, typed or OCR'd (``59/2023/NĐ-CP``,
  ``59/2023/ND-CP``, ``120-KL/TW``, ``Nghị định số 59/2023/NĐ-CP``) →
  its canonical key (``extractors.canonical.canonical_key``), matched exactly
  and, for a key the extractor could not restore, on the folded spelling;
* a kind and a number without the rest of the symbol (``Nghị định 59/2023``,
  ``nghi dinh 59/2023``, ``NĐ 59/2023``, ``Kết luận 120``) → keys that start
  with that number (followed by ``/`` or ``-``) among citations of that kind;
* words only (``Luật Thực hiện dân chủ ở cơ sở``, ``Hiến pháp``) → citations
  whose title or text says so (diacritics optional), widened to every mention
  of the keys found.
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from typing import Optional

import pandas as pd

from baocao.pipeline.surfaces.terminal import csv_cell, plain

from baocao.extractors import codes
from baocao.extractors.canonical import DASHES, canonical_key
from baocao.normalizers.fold import fold

from baocao.pipeline.surfaces.load_tables import load_tables, read_text
from baocao.extractors.sentences import clean, sentence_at, sentence_spans

FORMATS = ("table", "csv", "json")
SENTENCE_WIDTH = 400  # a longer sentence is cut to this many characters around the mention

HEADER_FIELDS = ("doc_id", "source_path", "file_type", "text_source", "pages", "diacritics",
                 "doc_type", "doc_number", "issue_date", "issuer", "location", "period", "signer",
                 "title", "subject", "n_chars", "error")
# columns another part of the pipeline may add: shown when present
REVIEW_FIELDS = ("needs_review", "review_reason", "worst_grade", "median_grade")
UNIT_FIELDS = ("commune", "district", "province", "unit_code", "commune_2025", "province_2025", "unit_match",
               "unit_evidence", "unit_candidates")


class QueryError(Exception):
    """A query that cannot be answered (unknown or ambiguous document)."""


def _squash(s: str) -> str:
    return " ".join(fold(s).lower().split())


def _fold_key(key: str) -> str:
    return re.sub(r"\s+", "", fold(key).upper().translate({ord(d): "-" for d in DASHES}))


# --------------------------------------------------------------------- cites

@dataclass(frozen=True)
class KeyQuery:
    text: str
    key: Optional[str] = None       # canonical key of a full number/symbol
    kind: Optional[str] = None      # kind named in the query (``Nghị định``)
    number: Optional[str] = None    # number (and year) without the symbol, folded
    words: str = ""                 # folded lower-case query, for title matches


def _kind_of(words: str) -> Optional[str]:
    """``nghi dinh`` / ``NĐ`` / ``ND`` → ``Nghị định``; None if not a kind."""
    if not words:
        return None
    k = codes.kind_words().get(words)
    if k:
        return k
    seg = words.replace(" ", "").upper()
    k = codes.kind_of_type(seg)
    if k:
        return k
    restored = codes.restore_d(seg, "type")
    return codes.kind_of_type(restored) if restored else None


def parse_key_query(text: str) -> KeyQuery:
    """Read a ``cites`` argument (see the module docstring)."""
    q = " ".join(str(text).split())
    words = _squash(q)
    m = re.search(r"\d", q)
    if not m:
        return KeyQuery(q, words=words)
    before, rest = q[:m.start()], q[m.start():]
    # a blank number ("/BC-UBND") or a "số" written before the digits
    before = re.sub(r"(?i)\s*(?:số|so|s[ốô6b])\s*[:.]?\s*$", "", before)
    kind_words = _squash(before).strip(" :.-")
    kind = _kind_of(kind_words)
    full = canonical_key(re.sub(r"\s+", "", rest))
    if full:
        return KeyQuery(q, key=full, kind=kind, words=words)
    number = _fold_key(rest).rstrip("/-.")
    return KeyQuery(q, kind=kind, number=number or None, words=words)


def match_citations(cit: pd.DataFrame, query) -> pd.DataFrame:
    """Rows of the citations table that mention what ``query`` names."""
    q = query if isinstance(query, KeyQuery) else parse_key_query(query)
    if cit.empty:
        return cit
    keys = cit["key"].astype(object)
    has_key = keys.notna()
    if q.key:
        folded = keys.where(has_key, "").map(_fold_key)
        mask = (keys == q.key) | (has_key & (folded == _fold_key(q.key)))
        return cit[mask.fillna(False).astype(bool)]
    if q.number:
        folded = keys.where(has_key, "").map(_fold_key)
        n = q.number
        mask = has_key & folded.map(lambda k: k == n or (k.startswith(n) and k[len(n):len(n) + 1] in ("/", "-")))
        if q.kind:
            kinds = cit["kind"].astype(object).where(cit["kind"].notna(), "").map(_squash)
            mask &= kinds == _squash(q.kind)
        return cit[mask.astype(bool)]
    if not q.words:
        return cit.iloc[0:0]
    w = q.words
    title = cit["title"].astype(object).where(cit["title"].notna(), "").map(_squash)
    raw = cit["raw"].astype(object).where(cit["raw"].notna(), "").map(_squash)
    kind = cit["kind"].astype(object).where(cit["kind"].notna(), "").map(_squash)
    if len(w) >= 6:
        hit = title.map(lambda t: w in t) | raw.map(lambda t: w in t)
    else:
        hit = (title == w) | (raw == w) | (kind == w)
    hit = hit.astype(bool)
    found_keys = set(keys[hit & has_key])
    return cit[hit | keys.isin(found_keys).astype(bool)]


def _paths(docs: pd.DataFrame) -> dict[str, str]:
    """doc_id → the source path to show (the first copy of duplicated files)."""
    d = docs.astype({"source_path": object}).copy()
    if "duplicate_of" in d:
        d["_dup"] = d["duplicate_of"].notna()
    else:
        d["_dup"] = False
    d = d.sort_values(["_dup", "source_path"], kind="stable").drop_duplicates("doc_id")
    return dict(zip(d["doc_id"].astype(object), d["source_path"]))


def _trim(sentence: str, raw: str, width: int) -> str:
    if width <= 0 or len(sentence) <= width:
        return sentence
    r = clean(raw)
    i = sentence.find(r)
    if i < 0:
        i = 0
    centre = i + len(r) // 2
    a = max(0, min(centre - width // 2, len(sentence) - width))
    b = a + width
    out = sentence[a:b]
    return ("…" if a > 0 else "") + out + ("…" if b < len(sentence) else "")


def cites(out_dir, query, tables: Optional[dict] = None, width: int = SENTENCE_WIDTH) -> list[dict]:
    """Every mention of what ``query`` names: one dict per mention with
    ``source_path, page, doc_id, key, kind, form, raw, char_start, char_end,
    sentence`` (the sentence holding the mention, on one line), ordered by
    source path and position."""
    t = tables if tables is not None else load_tables(out_dir)
    rows = match_citations(t["citations"], query)
    if rows.empty:
        return []
    paths = _paths(t["documents"])
    texts: dict[str, tuple[Optional[str], list]] = {}
    out: list[dict] = []
    for r in rows.astype(object).where(rows.notna(), None).to_dict("records"):
        doc_id = r["doc_id"]
        if doc_id not in texts:
            text = read_text(out_dir, doc_id)
            texts[doc_id] = (text, sentence_spans(text) if text else [])
        text, spans = texts[doc_id]
        cs, ce = int(r["char_start"]), int(r["char_end"])
        if text is not None and 0 <= cs <= ce <= len(text):
            a, b = sentence_at(text, cs, ce, spans)
            sentence = _trim(clean(text[a:b]), r["raw"] or "", width)
        else:
            sentence = clean(r["raw"] or "")
        out.append({
            "source_path": paths.get(doc_id, doc_id),
            "page": int(r["page"]) if r["page"] is not None else None,
            "doc_id": doc_id,
            "key": r["key"],
            "kind": r["kind"],
            "form": r.get("form"),
            "raw": r["raw"],
            "char_start": cs,
            "char_end": ce,
            "sentence": sentence,
        })
    out.sort(key=lambda m: (m["source_path"], m["char_start"], m["char_end"], m["key"] or ""))
    return out


CITES_COLUMNS = ("source_path", "page", "doc_id", "key", "kind", "form", "raw",
                 "char_start", "char_end", "sentence")


def format_cites(mentions: list[dict], fmt: str = "table", query: str = "") -> str:
    """Mentions as text: names and sentences come from untrusted files, so
    the table strips control/escape sequences, CSV neutralises formula cells,
    JSON escapes every control character (``surfaces/terminal.py``)."""
    if fmt == "json":
        return _json(mentions)
    if fmt == "csv":
        return _csv(CITES_COLUMNS, mentions)
    if not mentions:
        return plain(f"no document cites {query}\n")
    docs = len({m["doc_id"] for m in mentions})
    keys = sorted({m["key"] for m in mentions if m["key"]})
    head = (f"{query}: {len(mentions)} mention{'s' if len(mentions) != 1 else ''} "
            f"in {docs} document{'s' if docs != 1 else ''}"
            + (f" (key{'s' if len(keys) != 1 else ''} {', '.join(keys)})" if keys else "") + "\n\n")
    rows = [[m["source_path"], m["page"], m["key"] or f"({m['kind']})", m["sentence"]] for m in mentions]
    return plain(head) + _table(("source_path", "page", "key", "sentence"), rows)


# ---------------------------------------------------------------------- show

def find_document(docs: pd.DataFrame, ref: str) -> dict:
    """The documents row named by ``ref``: a doc_id or a unique prefix of one,
    or a source path (as stored, or ending in it, e.g. ``data/raw/x.pdf``),
    or a file name, with or without its extension (``x``, when only one
    document's file is named so: ``x.pdf`` and ``x.txt`` with different
    contents make it ambiguous).
    Raises ``QueryError`` when nothing or more than one document matches."""
    ref = str(ref).strip()
    if not ref:
        raise QueryError("no document given")
    d = docs.astype({"doc_id": object, "source_path": object})
    norm = ref.replace("\\", "/")
    while norm.startswith("./"):
        norm = norm[2:]

    def one(rows: pd.DataFrame) -> Optional[dict]:
        ids = sorted(set(rows["doc_id"]))
        if not ids:
            return None
        if len(ids) > 1:
            listing = "; ".join(f"{i} ({', '.join(sorted(rows.loc[rows.doc_id == i, 'source_path']))})"
                                for i in ids[:10])
            raise QueryError(f"{ref!r} matches {len(ids)} documents: {listing}")
        same = rows[rows.doc_id == ids[0]]
        if len(same) > 1 and (same["source_path"] == norm).any():
            same = same[same["source_path"] == norm]
        else:
            same = same.sort_values("source_path")
        row = same.iloc[0].to_dict()
        row["_also"] = sorted(set(d.loc[(d.doc_id == ids[0]) & (d.source_path != row["source_path"]),
                                        "source_path"]))
        return row

    for rows in (
        d[d.doc_id == ref],
        d[d.source_path == norm],
    ):
        r = one(rows)
        if r:
            return r
    suffix = d[d.source_path.map(lambda p: norm.endswith("/" + p))]
    if not suffix.empty:
        longest = suffix.source_path.str.len().max()
        r = one(suffix[suffix.source_path.str.len() == longest])
        if r:
            return r
    if re.fullmatch(r"[0-9a-fA-F]{1,64}", ref):
        r = one(d[d.doc_id.str.startswith(ref.lower())])
        if r:
            return r
    base = norm.rsplit("/", 1)[-1]
    r = one(d[d.source_path.map(lambda p: p.rsplit("/", 1)[-1] == base)])
    if r:
        return r
    # a path or file name without its extension, when one document has it ("sub/report" → sub/report.pdf)
    r = one(d[d.source_path.map(lambda p: _stem(p) == norm or _stem(p).endswith("/" + norm)
                                or _stem(p.rsplit("/", 1)[-1]) == base)])
    if r:
        return r
    raise QueryError(f"no document {ref!r} (give a doc_id, a prefix of one, or a source path)")


def _stem(path: str) -> str:
    """``a/b.scan.pdf`` → ``a/b.scan``: the path without its last extension."""
    head, _, name = path.rpartition("/")
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return f"{head}/{stem}" if head else stem


def _records(df: pd.DataFrame) -> list[dict]:
    o = df.astype(object)
    return o.where(o.notna(), None).to_dict("records")


def _missing(v) -> bool:
    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _plain(v):
    if v is None:
        return None
    if hasattr(v, "item"):
        try:
            return v.item()
        except (ValueError, AttributeError):
            pass
    if isinstance(v, pd.Timestamp):
        return v.isoformat()
    return v


def show(out_dir, ref: str, tables: Optional[dict] = None) -> dict:
    """One document: ``{"document": header fields, "also_at": [paths],
    "citations": {kind: [{key, title, issuer, date, mentions, pages, cited_doc_id, cited_path}]},
    "cited_by": [documents of the archive that cite it],
    "statistics": [...], "dates": [...]}``."""
    t = tables if tables is not None else load_tables(out_dir)
    row = find_document(t["documents"], ref)
    doc_id = row["doc_id"]
    fields = [f for f in HEADER_FIELDS + UNIT_FIELDS + REVIEW_FIELDS if f in row]
    document = {f: None if _missing(row[f]) else _plain(row[f]) for f in fields}
    cit = t["citations"][t["citations"].doc_id == doc_id]
    paths = _paths(t["documents"])
    groups: dict[str, list[dict]] = {}
    for r in _records(cit):
        kind = r["kind"] or "?"
        ident = r["key"] or r["title"] or r["raw"]
        items = groups.setdefault(kind, [])
        for it in items:
            if it["_id"] == ident:
                it["mentions"] += 1
                if r["page"] not in it["pages"]:
                    it["pages"].append(int(r["page"]))
                for f in ("title", "issuer", "date"):
                    it[f] = it[f] or r[f]
                if not it["cited_doc_id"] and r.get("cited_doc_id"):
                    it["cited_doc_id"], it["cited_path"] = r["cited_doc_id"], paths.get(r["cited_doc_id"])
                break
        else:
            items.append({"_id": ident, "key": r["key"], "title": r["title"], "issuer": r["issuer"],
                          "date": r["date"], "mentions": 1, "pages": [int(r["page"])],
                          "raw": r["raw"], "cited_doc_id": r.get("cited_doc_id"),
                          "cited_path": paths.get(r.get("cited_doc_id")) if r.get("cited_doc_id") else None})
    citations = {}
    for kind in sorted(groups, key=lambda k: (-sum(i["mentions"] for i in groups[k]), k)):
        citations[kind] = [{k: v for k, v in it.items() if k != "_id"} for it in groups[kind]]
    st = t["statistics"][t["statistics"].doc_id == doc_id]
    statistics = [{k: _plain(r.get(k)) for k in ("metric", "value", "unit", "scope", "page", "raw", "check")
                   if k in r} for r in _records(st)]
    da = t["dates"][t["dates"].doc_id == doc_id]
    dates = [{k: _plain(r.get(k)) for k in ("date", "raw", "page")} for r in _records(da)]
    return {"document": document, "also_at": row["_also"], "citations": citations,
            "cited_by": cited_by(t, doc_id, paths), "statistics": statistics, "dates": dates}


def cited_by(tables: dict, doc_id: str, paths: Optional[dict] = None) -> list[dict]:
    """The archive's documents whose citations link to ``doc_id`` (``links``
    rows): ``{doc_id, source_path, doc_number, issue_date, key, mentions, basis}``, by path."""
    return cited_by_all(tables, paths, only=doc_id).get(doc_id, [])


def cited_by_all(tables: dict, paths: Optional[dict] = None, only: Optional[str] = None) -> dict[str, list[dict]]:
    """``cited_by`` of every cited document at once (``only``: just that one)."""
    links = tables.get("links")
    if links is None or links.empty or "cited_doc_id" not in links:
        return {}
    target = links["cited_doc_id"].astype(object)
    rows = links[target == only] if only is not None else links[target.notna()]
    if rows.empty:
        return {}
    paths = paths if paths is not None else _paths(tables["documents"])
    docs = tables["documents"].astype(object).drop_duplicates("doc_id").set_index("doc_id")
    out: dict[str, list[dict]] = {}
    for r in _records(rows):
        d = docs.loc[r["doc_id"]] if r["doc_id"] in docs.index else {}
        out.setdefault(r["cited_doc_id"], []).append({
            "doc_id": r["doc_id"], "source_path": paths.get(r["doc_id"], r["doc_id"]),
            "doc_number": None if _missing(d.get("doc_number")) else d.get("doc_number"),
            "issue_date": None if _missing(d.get("issue_date")) else d.get("issue_date"),
            "key": r["key"], "mentions": int(r["mentions"]), "basis": r.get("basis")})
    for v in out.values():
        v.sort(key=lambda x: (x["source_path"], x["key"]))
    return out


def format_show(info: dict, fmt: str = "table") -> str:
    """One document as text (the same output rules as ``format_cites``)."""
    if fmt == "json":
        return _json(info)
    if fmt == "csv":
        # one row per record: section, then the record's fields
        rows = []
        for k, v in info["document"].items():
            rows.append({"section": "document", "field": k, "value": v})
        for kind, items in info["citations"].items():
            for it in items:
                rows.append({"section": "citation", "field": kind, "value": it["key"] or it["title"] or it["raw"],
                             "count": it["mentions"], "pages": " ".join(map(str, it["pages"])),
                             "raw": it.get("cited_path") or ""})
        for c in info.get("cited_by", []):
            rows.append({"section": "cited_by", "field": c["key"], "value": c["source_path"], "count": c["mentions"]})
        for s in info["statistics"]:
            rows.append({"section": "statistic", "field": s["metric"], "value": s["value"],
                         "unit": s.get("unit"), "scope": s.get("scope"), "pages": s["page"], "raw": s["raw"]})
        for d in info["dates"]:
            rows.append({"section": "date", "field": d["date"], "value": d["raw"], "pages": d["page"]})
        return _csv(("section", "field", "value", "count", "unit", "scope", "pages", "raw"), rows)
    doc = info["document"]
    out = [f"{doc.get('source_path')}  (doc_id {doc.get('doc_id')})"]
    if info.get("also_at"):
        out.append(f"  same file also at: {', '.join(info['also_at'])}")
    width = max(len(k) for k in doc)
    for k, v in doc.items():
        if k in ("doc_id", "source_path"):
            continue
        out.append(f"  {k.ljust(width)}  {'—' if v is None else _one(v)}")
    n_cit = sum(i["mentions"] for items in info["citations"].values() for i in items)
    out.append("")
    out.append(f"Citations ({n_cit} mentions)")
    if not info["citations"]:
        out.append("  none")
    for kind, items in info["citations"].items():
        out.append(f"  {kind}")
        rows = [[i["key"] or "—", i["title"] or "", i["date"] or "", i["issuer"] or "",
                 f"×{i['mentions']}", "p." + ",".join(map(str, i["pages"]))
                 + (f"  → in archive: {i['cited_path']}" if i.get("cited_path") else "")] for i in items]
        out.append(_table(None, rows, indent="    ").rstrip("\n"))
    _section(out, "Cited by (documents of the archive)",
             [[c["source_path"], c["doc_number"] or "", c["issue_date"] or "", c["key"], f"×{c['mentions']}"]
              for c in info.get("cited_by", [])])
    _section(out, "Figures", [[str(s["metric"]), _num(s["value"]), s.get("unit") or "", s.get("scope") or "",
                               f"p.{s['page']}", _one(s["raw"])] for s in info["statistics"]])
    _section(out, "Dates", [[str(d["date"]), f"p.{d['page']}", _one(d["raw"])] for d in info["dates"]])
    return plain("\n".join(out) + "\n")


def _section(out: list[str], title: str, rows: list[list[str]]) -> None:
    """A titled block of ``show``: its row count, then a table or "none"."""
    out.append("")
    out.append(f"{title} ({len(rows)})")
    out.append(_table(None, rows, indent="  ").rstrip("\n") if rows else "  none")


# ---------------------------------------------------------------- formatting

def _one(v) -> str:
    return " ".join(plain(v).split())


def _num(v) -> str:
    if v is None:
        return ""
    f = float(v)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def _table(headers, rows, indent: str = "") -> str:
    """Aligned columns; the last column is not padded (it may be long)."""
    cells = [[_one("" if c is None else c) for c in r] for r in rows]
    if headers:
        cells.insert(0, list(headers))
    if not cells:
        return ""
    n = max(len(r) for r in cells)
    widths = [max((len(r[i]) for r in cells if i < len(r)), default=0) for i in range(n)]
    lines = []
    for r in cells:
        parts = []
        for i, c in enumerate(r):
            last = i == len(r) - 1
            right = c.isdigit() and not last
            parts.append(c if last else (c.rjust(widths[i]) if right else c.ljust(widths[i])))
        lines.append("  ".join(parts).rstrip())
    if headers:
        lines.insert(1, "  ".join("-" * w for w in widths[:-1]) + "  " + "-" * len(cells[0][-1]))
    return "".join(indent + line + "\n" for line in lines)


def _csv(columns, rows) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: ("" if r.get(k) is None else _csv_value(r.get(k))) for k in columns})
    return buf.getvalue()


def _csv_value(v):
    return csv_cell(plain(v)) if isinstance(v, str) else v


_UNESCAPED = re.compile("[\x7f-\x9f\u2028\u2029]")


def _json(obj) -> str:
    """JSON text: json escapes C0 controls itself; DEL, C1 and the line separators too."""
    text = json.dumps(obj, ensure_ascii=False, indent=2)
    return _UNESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
