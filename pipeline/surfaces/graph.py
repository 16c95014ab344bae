"""The archive's citation graph for Gephi and networkx (``baocao graph``).

Nodes: every document of the archive (id = ``doc_id``; attributes
``label`` (its number, else its file name), ``doc_number``, ``issue_date``,
``issuer``, ``source_path``, ``province_2025``, ``cited_by``,
``in_archive = true``) and every cited key the archive does not hold (id =
``key:<key>``, ``label`` = the key, ``kind``, ``in_archive = false``).
Edges, directed from the citing document: one per ``links`` row (``key``,
``kind``, ``mentions``, ``weight`` = mentions, ``basis``).

Formats, all written with the standard library (no new dependency):
``graphml`` (GraphML 1.0, typed ``<key>`` declarations; networkx
``read_graphml`` and Gephi read it), ``gexf`` (GEXF 1.3, static, directed,
attributes declared; the cited key is the edge's ``label``), ``csv`` (an edge list: ``Source,Target,Label,Weight``
first, as Gephi's spreadsheet import expects, then the other columns).
The output depends only on the tables (nodes and edges in a stable order).
"""
from __future__ import annotations

import csv
import io
from typing import Optional
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

FORMATS = ("graphml", "gexf", "csv")

NODE_ATTRS = (("label", "string"), ("doc_number", "string"), ("issue_date", "string"), ("issuer", "string"),
              ("source_path", "string"), ("province_2025", "string"), ("kind", "string"),
              ("cited_by", "int"), ("in_archive", "boolean"))
EDGE_ATTRS = (("key", "string"), ("kind", "string"), ("mentions", "int"), ("weight", "double"),
              ("basis", "string"))


def _v(x):
    if x is None:
        return None
    try:
        if pd.isna(x):
            return None
    except (TypeError, ValueError):
        pass
    return x.item() if hasattr(x, "item") else x


def build(tables: dict) -> tuple[list[dict], list[dict]]:
    """(nodes, edges) as plain dicts (see the module docstring)."""
    docs = tables["documents"].astype(object)
    # one node per doc_id, at the path of its first copy (the others carry duplicate_of)
    docs = docs.assign(_dup=docs["duplicate_of"].notna() if "duplicate_of" in docs else False)
    docs = docs.sort_values(["_dup", "source_path"], kind="stable").drop_duplicates("doc_id")
    nodes: list[dict] = []
    ids = set()
    for r in docs.to_dict("records"):
        doc_id = _v(r["doc_id"])
        if doc_id is None:
            continue
        path = _v(r.get("source_path")) or doc_id
        nodes.append({"id": doc_id, "label": _v(r.get("doc_number")) or path.rsplit("/", 1)[-1],
                      "doc_number": _v(r.get("doc_number")), "issue_date": _v(r.get("issue_date")),
                      "issuer": _v(r.get("issuer")), "source_path": path,
                      "province_2025": _v(r.get("province_2025")), "kind": None,
                      "cited_by": int(_v(r.get("cited_by")) or 0), "in_archive": True})
        ids.add(doc_id)
    links = tables.get("links")
    edges: list[dict] = []
    if links is None or links.empty:
        return nodes, edges
    lk = links.astype(object).sort_values(["doc_id", "key"], kind="stable")
    external: dict[str, dict] = {}
    for r in lk.to_dict("records"):
        src, key, cited = _v(r["doc_id"]), _v(r["key"]), _v(r.get("cited_doc_id"))
        if src not in ids or key is None:
            continue
        if cited and cited in ids:
            target = cited
        else:
            target = f"key:{key}"
            external.setdefault(target, {"id": target, "label": key, "doc_number": key, "issue_date": None,
                                         "issuer": None, "source_path": None, "province_2025": None,
                                         "kind": _v(r.get("kind")), "cited_by": 0, "in_archive": False})
            external[target]["cited_by"] += 1
        m = int(_v(r.get("mentions")) or 1)
        edges.append({"source": src, "target": target, "key": key, "kind": _v(r.get("kind")),
                      "mentions": m, "weight": float(m), "basis": _v(r.get("basis"))})
    nodes += [external[k] for k in sorted(external)]
    return nodes, edges


def _xml_value(v, typ: str) -> str:
    if typ == "boolean":
        return "true" if v else "false"
    return escape(str(v))


def to_graphml(nodes: list[dict], edges: list[dict]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">']
    for i, (name, typ) in enumerate(NODE_ATTRS):
        out.append(f'  <key id="n{i}" for="node" attr.name="{name}" attr.type="{typ}"/>')
    for i, (name, typ) in enumerate(EDGE_ATTRS):
        out.append(f'  <key id="e{i}" for="edge" attr.name="{name}" attr.type="{typ}"/>')
    out.append('  <graph id="baocao" edgedefault="directed">')
    for n in nodes:
        out.append(f'    <node id={quoteattr(n["id"])}>')
        for i, (name, typ) in enumerate(NODE_ATTRS):
            if n.get(name) is not None:
                out.append(f'      <data key="n{i}">{_xml_value(n[name], typ)}</data>')
        out.append('    </node>')
    for j, e in enumerate(edges):
        out.append(f'    <edge id="e{j}" source={quoteattr(e["source"])} target={quoteattr(e["target"])}>')
        for i, (name, typ) in enumerate(EDGE_ATTRS):
            if e.get(name) is not None:
                out.append(f'      <data key="e{i}">{_xml_value(e[name], typ)}</data>')
        out.append('    </edge>')
    out += ['  </graph>', '</graphml>', '']
    return "\n".join(out)


_GEXF_TYPES = {"string": "string", "int": "integer", "double": "double", "boolean": "boolean"}


def to_gexf(nodes: list[dict], edges: list[dict]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
           '  <meta><creator>baocao</creator><description>citations between the archive\'s documents'
           '</description></meta>',
           '  <graph mode="static" defaultedgetype="directed">',
           '    <attributes class="node">']
    node_attrs = [(n, t) for n, t in NODE_ATTRS if n != "label"]
    # the key is the edge's label (networkx's reader keeps "key" for multigraph keys)
    edge_attrs = [(n, t) for n, t in EDGE_ATTRS if n not in ("weight", "key")]
    for i, (name, typ) in enumerate(node_attrs):
        out.append(f'      <attribute id="{i}" title="{name}" type="{_GEXF_TYPES[typ]}"/>')
    out.append('    </attributes>')
    out.append('    <attributes class="edge">')
    for i, (name, typ) in enumerate(edge_attrs):
        out.append(f'      <attribute id="{i}" title="{name}" type="{_GEXF_TYPES[typ]}"/>')
    out.append('    </attributes>')
    out.append('    <nodes>')
    for n in nodes:
        out.append(f'      <node id={quoteattr(n["id"])} label={quoteattr(str(n["label"]))}><attvalues>')
        for i, (name, typ) in enumerate(node_attrs):
            if n.get(name) is not None:
                out.append(f'        <attvalue for="{i}" value={quoteattr(_xml_value(n[name], typ))}/>')
        out.append('      </attvalues></node>')
    out.append('    </nodes>')
    out.append('    <edges>')
    for j, e in enumerate(edges):
        out.append(f'      <edge id="{j}" source={quoteattr(e["source"])} target={quoteattr(e["target"])} '
                   f'weight="{e["weight"]:g}" label={quoteattr(e["key"])}><attvalues>')
        for i, (name, typ) in enumerate(edge_attrs):
            if e.get(name) is not None:
                out.append(f'        <attvalue for="{i}" value={quoteattr(_xml_value(e[name], typ))}/>')
        out.append('      </attvalues></edge>')
    out += ['    </edges>', '  </graph>', '</gexf>', '']
    return "\n".join(out)


CSV_COLUMNS = ("Source", "Target", "Label", "Weight", "kind", "basis", "source_path", "target_path",
               "target_in_archive")


def to_csv(nodes: list[dict], edges: list[dict]) -> str:
    by_id = {n["id"]: n for n in nodes}
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for e in edges:
        t = by_id.get(e["target"], {})
        w.writerow([e["source"], e["target"], e["key"], e["mentions"], e["kind"] or "", e["basis"] or "",
                    by_id.get(e["source"], {}).get("source_path") or "", t.get("source_path") or "",
                    "true" if t.get("in_archive") else "false"])
    return buf.getvalue()


def render(tables: dict, fmt: str) -> str:
    if fmt not in FORMATS:
        raise ValueError(f"unknown graph format {fmt!r} ({', '.join(FORMATS)})")
    nodes, edges = build(tables)
    return {"graphml": to_graphml, "gexf": to_gexf, "csv": to_csv}[fmt](nodes, edges)


def write(tables: dict, fmt: str, output: Optional[str] = None) -> str:
    """The graph in ``fmt``; written to ``output`` when given (UTF-8)."""
    text = render(tables, fmt)
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    return text
