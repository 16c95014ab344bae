"""Dossier tables flattened into text lines (OCR, pdfplumber, DOCX conversion).

A table reaches us as lines such as::

    S6 ho so nhin gii quyét Ho so da giai quyét          <- header line(s)
    STT Linh vue | nhan | nhin . | Tong | Sém | Pung | Tré
    ...
    1 Bao Tro Xa Hoi 72 72 0 72 72 0 0                    <- one row per field
    3 Chtrng thuc 602 602 0 602 600 |0 2
    * Téng sb 966 966 0 966 | 964 |0 2                    <- total row

or, from a real PDF, ``Hộ tịch 120 118 2 0``.  We find blocks of such rows (a
label, then three or more numbers; two in a Markdown row ``| Hộ tịch | 300 | 298 |``,
whose cells are marked), read the column meanings from the header
lines above them with the ``header`` cues of ``metrics.tsv``, and emit one
figure per cell: ``scope`` = ``lĩnh vực <field>`` for field rows, no scope for
the total row.

Column order.  A header split over several lines (and scrambled by OCR) does
not keep its left-to-right order, so two orders are tried: the canonical
order of dossier tables (``col`` in metrics.tsv: received, online, direct,
carried over, resolved, early, on time, late, pending) and the order in which
the header cues appear.  When rows have fewer cells than the header has
columns, the columns most often left blank (``optional``) are dropped first.
The arithmetic decides between candidate layouts:

* received = online + direct (+ carried over)
* resolved = early + on time + late
* received (+ carried over) = resolved + pending
* the total row = the sum of the field rows, column by column.

Every row gets ``check='ok'`` when the identities that apply hold,
``'mismatch'`` when one fails (the row is kept), None when none applies.
Tables whose header does not mention dossiers (hồ sơ, TTHC, thủ tục) or whose
rows have more cells than recognised columns are left alone.
"""
from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Optional

import regex

from baocao.extractors.metrics_vocab import MetricDef, header_patterns, metrics
from baocao.extractors.models import Statistic
from baocao.extractors.numbers import parse_vn_number
from baocao.extractors.views import views as _views

_CELL_TOKEN = regex.compile(r"[^\s|]+")
_TWO_LETTERS = regex.compile(r"[a-z]{2,}")
_DIGIT = regex.compile(r"\d")
_WS = regex.compile(r"\s+")
_LINH_VUC = regex.compile(r"l[i1]nh\s+v[uy]c")
_NUM_CELL = regex.compile(r"\d{1,3}(?:\.\d{3})+|\d+")
_TOTAL = regex.compile(r"^[\W_]*(?:t[oe0-9]ng(?:\s+(?:s[a-z0-9]{0,2}|c[oe0-9]ng))?|c[oe0-9]ng|total)(?![a-z])")
_DOSSIER = regex.compile(r"(?<![a-z])(?:h[oe0-9]\s+s[oe0-9]|tthc|th[uy]\s+t[uy]c)(?![a-z])")
_INDEX = regex.compile(r"^(?:[*\-•+]|\d{1,2}[.)]?|[ivx]{1,4}[.)])$")


@dataclass
class Row:
    line_start: int
    line_end: int
    label: str                   # original text of the field name
    label_view: str              # cue view of the field name
    cells: list                  # [(start, end, value)]
    total: bool = False


def _lines(text: str):
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line)
        pos += len(line) + 1


def _parse_tab_row(nv: str, s: int, e: int) -> Optional[tuple]:
    """A row whose cells are separated by tabs (DOCX tables): empty cells keep their place."""
    cells_txt = []
    pos = s
    for part in nv[s:e].split("\t"):
        cells_txt.append((pos, pos + len(part), part))
        pos += len(part) + 1
    label_i = next((i for i, (_, _, t) in enumerate(cells_txt) if _TWO_LETTERS.search(t)), None)
    if label_i is None:
        return None
    rest = cells_txt[label_i + 1:]
    while rest and not _NUM_CELL.fullmatch(rest[-1][2].strip()):
        if rest[-1][2].strip() and _NUM_CELL.search(rest[-1][2]):
            return None
        rest = rest[:-1]
    cells = []
    for cs, ce, t in rest:
        core = t.strip()
        if not core or core in ("-", "–"):
            cells.append((cs, cs, None))
            continue
        if not _NUM_CELL.fullmatch(core):
            return None
        lead = len(t) - len(t.lstrip())
        cells.append((cs + lead, cs + lead + len(core), parse_vn_number(core)))
    if sum(1 for c in cells if c[2] is not None) < 3:
        return None
    ls, le, lt = cells_txt[label_i]
    lead = len(lt) - len(lt.lstrip())
    return (ls + lead, ls + lead + len(lt.strip()), cells)


def _parse_row(text: str, nv: str, cv: str, s: int, e: int) -> Optional[tuple]:
    """(label_start, label_end, cells) of a table row line, or None.

    A cell is (start, end, value); value None for an empty cell of a tab-separated row.
    """
    line = nv[s:e]
    if "%" in line or len(line) > 220:
        return None
    if line.count("\t") >= 3:
        tab = _parse_tab_row(nv, s, e)
        if tab is not None:
            return tab
    toks = [(m.start() + s, m.end() + s, m.group()) for m in _CELL_TOKEN.finditer(line)]
    cells = []
    i = len(toks) - 1
    while i >= 0:
        ts, te, t = toks[i]
        core = t.strip(":.,;")
        lead = len(t) - len(t.lstrip(":.,;"))
        if core and _NUM_CELL.fullmatch(core):
            v = parse_vn_number(core)
            if v is None:
                return None
            cells.append((ts + lead, ts + lead + len(core), v))
            i -= 1
            continue
        if not core:
            i -= 1
            continue
        break
    cells.reverse()
    if len(cells) < _min_cells(line):
        return None
    label_toks = toks[: i + 1]
    if label_toks and _INDEX.match(label_toks[0][2]):
        label_toks = label_toks[1:]
    if not label_toks:
        return (None, None, cells)
    ls, le = label_toks[0][0], label_toks[-1][1]
    if sum(1 for _, _, t in label_toks if _TWO_LETTERS.search(t)) == 0:
        return None
    if le - ls > 80:
        return None
    return (ls, le, cells)


# a row has three numeric cells or more: three runs of digits at least; a Markdown row
# (``| Hộ tịch | 300 | 298 |``: its cells are marked) two or more
_THREE_NUMBERS = regex.compile(r"\d\D+\d+\D+\d")
_TWO_NUMBERS = regex.compile(r"\d\D+\d")
_PIPE_ROW = regex.compile(r"[ \t]*\|.*\|[ \t]*")


def _min_cells(line: str) -> int:
    return 2 if _PIPE_ROW.fullmatch(line) else 3


def _find_rows(text: str, nv: str, cv: str) -> list[Row]:
    """Table rows of the text (what :func:`_find_rows_reference` gives): only lines
    with three runs of digits or more (two in a Markdown row), no ``%`` and at most 220 characters go
    through :func:`_parse_row` (any other line is not a row); a row without a
    label takes the short label-only line right above it, looked up when needed."""
    rows: list[Row] = []
    lines = list(_lines(text))
    row_lines: set = set()
    search = _THREE_NUMBERS.search
    for k, (s, e) in enumerate(lines):
        if e - s > 220 or e - s < 5:
            continue
        line = nv[s:e]
        if "%" in line or (_TWO_NUMBERS.search(line) if "|" in line and _PIPE_ROW.fullmatch(line)
                           else search(line)) is None:
            continue
        parsed = _parse_row(text, nv, cv, s, e)
        if parsed is None:
            continue
        row_lines.add(k)
        ls, le, cells = parsed
        if ls is None:
            above = _label_line_above(lines, k, cv, row_lines)
            if above is None:
                continue
            ls, le = above
            ls += len(text[ls:le]) - len(text[ls:le].lstrip())
            le -= len(text[ls:le]) - len(text[ls:le].rstrip())
        label = text[ls:le].strip(" .:-|")
        lview = cv[ls:le].strip(" .:-|")
        rows.append(Row(s, e, label, lview, cells, bool(_TOTAL.match(lview))))
    return rows


def _label_line_above(lines: list, k: int, cv: str, row_lines: set) -> Optional[tuple[int, int]]:
    """The nearest non-blank line above line ``k`` when it is a short label-only line
    (letters, no digit, at most 60 characters) and not a row."""
    for j in range(k - 1, -1, -1):
        if j in row_lines:
            return None
        s, e = lines[j]
        line = cv[s:e].strip()
        if not line:
            continue
        if len(line) <= 60 and _TWO_LETTERS.search(line) and not _DIGIT.search(line):
            return (s, e)
        return None
    return None


def _find_rows_reference(text: str, nv: str, cv: str) -> list[Row]:
    """Every line through :func:`_parse_row` (the definition :func:`_find_rows` is checked against)."""
    rows: list[Row] = []
    prev_text_line = None  # (start, end) of a short label-only line right above
    for s, e in _lines(text):
        parsed = _parse_row(text, nv, cv, s, e)
        if parsed is None:
            line = cv[s:e].strip()
            if line and len(line) <= 60 and _TWO_LETTERS.search(line) and not _DIGIT.search(line):
                prev_text_line = (s, e)
            elif line:
                prev_text_line = None
            continue
        ls, le, cells = parsed
        if ls is None:
            if prev_text_line is None:
                continue
            ls, le = prev_text_line
            ls += len(text[ls:le]) - len(text[ls:le].lstrip())
            le -= len(text[ls:le]) - len(text[ls:le].rstrip())
        label = text[ls:le].strip(" .:-|")
        lview = cv[ls:le].strip(" .:-|")
        rows.append(Row(s, e, label, lview, cells, bool(_TOTAL.match(lview))))
        prev_text_line = None
    return rows


def _blocks(text: str, rows: list[Row]) -> list[list[Row]]:
    blocks: list[list[Row]] = []
    cur: list[Row] = []
    for r in rows:
        if cur:
            gap = text[cur[-1].line_end:r.line_start]
            lines_between = [ln for ln in gap.split("\n")[1:-1] if ln.strip()]
            # label lines of number-only rows sit between rows
            if len(lines_between) > 1 or (lines_between and len(lines_between[0]) > 60):
                blocks.append(cur)
                cur = []
        cur.append(r)
    if cur:
        blocks.append(cur)
    return [b for b in blocks if len(b) >= 2]


def _header(text: str, cv: str, first_row: Row) -> tuple[int, str]:
    """(start of the header, header text in the cue view) above the first row."""
    lines = []
    pos = first_row.line_start
    start = pos
    taken = 0
    while pos > 0 and taken < 10:
        e = pos - 1
        s = text.rfind("\n", 0, e) + 1
        pos = s
        line = cv[s:e]
        if not line.strip():
            continue
        words = _TWO_LETTERS.findall(line)
        if (line.rstrip().endswith((":", ".", ";")) and len(words) >= 5) or len(line) > 150:
            lines.insert(0, line)          # the caption: context, not columns
            break
        lines.insert(0, line)
        start = s
        taken += 1
    return start, "\n".join(lines)


def _concepts(header: str) -> list[tuple[int, MetricDef]]:
    first: dict[str, tuple[int, MetricDef]] = {}
    for rx, m, _ in header_patterns():
        mm = rx.search(header)
        if mm and (m.metric not in first or mm.start() < first[m.metric][0]):
            first[m.metric] = (mm.start(), m)
    return list(first.values())


def _identities(vals: dict) -> list[bool]:
    """Which of the table identities that apply to this row hold."""
    g = vals.get
    results = []
    if g("online") is not None and g("direct") is not None and g("received") is not None:
        base = g("online") + g("direct")
        results.append(g("received") in (base, base + (g("carried") or 0)))
    parts = [g(k) for k in ("early", "on_time", "late") if g(k) is not None]
    if g("resolved") is not None and len(parts) >= 2:
        results.append(g("resolved") == sum(parts))
    if g("resolved") is not None and g("pending") is not None and g("received") is not None:
        done = g("resolved") + g("pending")
        results.append(done in (g("received"), g("received") + (g("carried") or 0)))
    return results


def _row_check(vals: dict) -> Optional[str]:
    results = _identities(vals)
    if not results:
        return None
    return "ok" if all(results) else "mismatch"


def _layouts(concepts: list[tuple[int, MetricDef]], n: int):
    canonical = [m for _, m in sorted(concepts, key=lambda x: (x[1].col, x[0]))]
    appearance = [m for _, m in sorted(concepts, key=lambda x: (x[0], x[1].col))]
    seen = set()
    for order_name, order in (("canonical", canonical), ("appearance", appearance)):
        k = len(order)
        if n > k or k - n > 3:
            continue
        for drop in itertools.combinations(range(k), k - n):
            layout = tuple(m for i, m in enumerate(order) if i not in drop)
            if layout in seen:
                continue
            seen.add(layout)
            # dropping a column that tables rarely leave blank needs strong evidence
            penalty = sum(0.01 * order[i].optional if order[i].optional else 1.0 for i in drop)
            yield order_name, layout, penalty


def _score(layout, rows: list[Row]) -> float:
    """Arithmetic evidence for a layout: identities that hold minus those that fail."""
    fields = [r for r in rows if not r.total and len(r.cells) == len(layout)]
    totals = [r for r in rows if r.total and len(r.cells) == len(layout)]
    score = 0.0
    for r in fields + totals:
        res = _identities({m.action: c[2] for m, c in zip(layout, r.cells) if c[2] is not None})
        score += sum(1 if ok else -1 for ok in res)
    if fields and totals:
        for ok in _column_sums(fields, totals[-1], len(layout)):
            score += 1 if ok else -1
    return score


def _column_sums(fields: list[Row], total: Row, n: int) -> list[bool]:
    """Per column (where the total has a value): do the field rows add up to it?"""
    out = []
    for j in range(n):
        if total.cells[j][2] is None:
            continue
        out.append(sum(r.cells[j][2] or 0 for r in fields) == total.cells[j][2])
    return out


def _field_scope(label: str, label_view: str) -> Optional[str]:
    label = _WS.sub(" ", label).strip(" .:-|*")
    if not label:
        return None
    if _LINH_VUC.match(label_view):
        return label
    return f"lĩnh vực {label}"


def extract_table_statistics(text: str, *, views=None, stripped: bool = False
                             ) -> tuple[list[Statistic], list[tuple[int, int]]]:
    """Figures of the dossier tables in the text, and the spans the tables cover."""
    if views is None:
        views = _views(text)
    _, nv, cv = views
    out: list[Statistic] = []
    covered: list[tuple[int, int]] = []
    rows = _find_rows(text, nv, cv)
    for block in _blocks(text, rows):
        hstart, header = _header(text, cv, block[0])
        if not _DOSSIER.search(header):
            continue
        concepts = _concepts(header)
        if len(concepts) < 2:
            continue
        n = Counter(len(r.cells) for r in block).most_common(1)[0][0]
        best = None
        for order_name, layout, penalty in _layouts(concepts, n):
            sc = _score(layout, block) - penalty * len(block) + (0.001 if order_name == "canonical" else 0)
            if best is None or sc > best[0]:
                best = (sc, layout)
        if best is None:
            continue
        layout = best[1]
        covered.append((hstart, block[-1].line_end))
        fields = [r for r in block if not r.total and len(r.cells) == n]
        totals = [r for r in block if r.total and len(r.cells) == n]
        col_ok = None
        if fields and totals:
            col_ok = all(_column_sums(fields, totals[-1], n))
        base_conf = 0.7 if stripped else 0.8
        for r in block:
            if len(r.cells) != n:
                continue
            vals = {m.action: c[2] for m, c in zip(layout, r.cells) if c[2] is not None}
            chk = _row_check(vals)
            if r.total and col_ok is not None:
                if not col_ok:
                    chk = "mismatch"
                elif chk is None:
                    chk = "ok"
            conf = round(base_conf - (0.2 if chk == "mismatch" else 0.0), 2)
            scope = None if r.total else _field_scope(r.label, r.label_view)
            for m, (cs, ce, v) in zip(layout, r.cells):
                if v is None:
                    continue
                out.append(Statistic(metric=m.metric, value=float(v), raw=text[cs:ce], start=cs, end=ce,
                                     unit="hồ sơ", scope=scope, confidence=conf, check=chk))
    return out, covered


__all__ = ["extract_table_statistics"]
# metrics() is imported so that a broken metrics.tsv fails at import time, not mid-document
metrics()
