"""Ruled tables in text PDFs, via pdfplumber's table finder.

A PDF's text layer reads a ruled table cell by cell, with wrapped headers and
labels broken over lines ("Tổng số\\nhồ sơ\\ntiếp\\nnhận"), which no row parser
can put back together.  For a page whose drawing holds enough line segments to
be a grid, pdfplumber finds the tables; the page text is then rebuilt in
reading order: the text above, between and below the tables as pdfplumber
extracts it, and each table as one line per row with cells separated by tabs
(the same shape as DOCX tables), which ``extractors.stat_tables`` reads.

pdfplumber's table finder costs 0.3–2 s a page (it lays out every character
of the page), so it runs only on pages that pass a geometric gate
(:func:`may_have_table`), and under a bound of CPU time
(:func:`tables_within`).

The gate is the necessary condition of what is kept here — a table of at
least two rows, one of them of at least two cells — in pdfplumber's own terms
(its ``lines`` strategy: edges snapped and joined within 3 pt, edges shorter
than 3 pt dropped, an edge crossing another within 3 pt).  A row of two cells
is bounded above and below by a rule crossed by at least three vertical rules
(at three distinct x); a second row adds a third rule, crossed by at least two.
So a page passes when, among its horizontal rules (joined),

* at least two, at distinct heights, are crossed by vertical rules at ≥ 3 distinct x, and
* at least three, at distinct heights, are crossed at ≥ 2 distinct x.

A page whose ruling draws no such grid — underlines, a box around the
motto, a one-column stack of boxes, a single framed paragraph — cannot give
pdfplumber a table that is kept, and is not searched.  The segments are read
from the page's path objects through pdfium (a few ms for a few hundred
paths); paths inside form XObjects (whose coordinates are not the page's)
make the page pass unseen, as before the gate.

Rules drawn in white are no rules.  Word and e-office systems draw the
borders of layout tables they were told to hide in white (white strokes,
white-filled thin boxes), around every paragraph of the body; on white paper
nobody sees them, but pdfplumber took them for a grid, searched the page
(0.6 s a page of a real 4-page notice) and cut its prose into "cells",
splitting words at the hidden borders (``b) T\thường xuyên``).  A path whose
stroke and fill are both absent or paper-white (every channel within
:data:`WHITE_TOLERANCE` of 255, or fully transparent) is left out of the gate
(:func:`visible_path`) and out of what pdfplumber searches
(:func:`_visible_plumber`, the same rule on pdfplumber's colour values).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from pathlib import Path

MIN_PATHS = 8          # fewer line/rect objects than this: no grid, no table search
MIN_ROWS, MIN_COLS = 2, 2
TOL = 3.0              # pdfplumber's snap, join and intersection tolerance (pt)
MIN_EDGE = 3.0         # pdfplumber's edge_min_length (pt)
TABLE_CPU_SECONDS = 5.0   # CPU seconds one page's table search may take (typical: 0.1-0.5 s)
WHITE_TOLERANCE = 10      # a colour whose every RGB channel is within this of 255 is paper white


def _white_rgba(r: int, g: int, b: int, a: int) -> bool:
    return a == 0 or min(r, g, b) >= 255 - WHITE_TOLERANCE


def visible_path(raw) -> bool:
    """Does the path object (pdfium handle) draw anything on white paper: a
    stroke or a fill whose colour is not paper white (module docstring)?"""
    import ctypes

    import pypdfium2.raw as pdfium_c

    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(raw, ctypes.byref(fill), ctypes.byref(stroke)):
        return True   # unknown: counted, as before this rule
    rgba = [ctypes.c_uint() for _ in range(4)]
    refs = [ctypes.byref(v) for v in rgba]
    if stroke.value and pdfium_c.FPDFPageObj_GetStrokeColor(raw, *refs) \
            and not _white_rgba(*(v.value for v in rgba)):
        return True
    if fill.value and pdfium_c.FPDFPageObj_GetFillColor(raw, *refs) \
            and not _white_rgba(*(v.value for v in rgba)):
        return True
    return False


def _white_plumber(colour) -> bool:
    """pdfplumber's colour value (a gray number, an RGB or CMYK tuple) is paper white."""
    if isinstance(colour, (int, float)):
        colour = (colour,)
    if not isinstance(colour, (tuple, list)) or not colour \
            or not all(isinstance(v, (int, float)) for v in colour):
        return False   # a pattern or an unknown space: taken as ink
    tol = WHITE_TOLERANCE / 255
    if len(colour) == 4:   # CMYK: white is no ink
        return max(colour) <= tol
    if len(colour) in (1, 3):
        return min(colour) >= 1 - tol
    return False


def _visible_plumber(obj: dict) -> bool:
    """pdfplumber's filter: keep every object but a line, rect or curve drawn only in white."""
    if obj.get("object_type") not in ("line", "rect", "curve"):
        return True
    if obj.get("stroke") and not _white_plumber(obj.get("stroking_color")):
        return True
    if obj.get("fill") and not _white_plumber(obj.get("non_stroking_color")):
        return True
    return False


def _segments(page):
    """The page's straight segments in page coordinates, or None when some path
    lies in a form XObject (coordinates of its own)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    x, y = ctypes.c_float(), ctypes.c_float()
    px, py = ctypes.byref(x), ctypes.byref(y)
    segs = []
    n = 0
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=2):
        if obj.level:
            return None
        if not visible_path(obj.raw):
            continue   # a white rule: no rule (module docstring)
        n += 1
        m = obj.get_matrix()
        a, b, c, d, e, f = m.a, m.b, m.c, m.d, m.e, m.f
        raw = obj.raw
        start = prev = None
        for i in range(pdfium_c.FPDFPath_CountSegments(raw)):
            seg = pdfium_c.FPDFPath_GetPathSegment(raw, i)
            if not pdfium_c.FPDFPathSegment_GetPoint(seg, px, py):
                continue
            pt = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
            kind = pdfium_c.FPDFPathSegment_GetType(seg)
            if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
                start = prev = pt
                continue
            if prev is not None and kind == pdfium_c.FPDF_SEGMENT_LINETO:
                segs.append((prev, pt))
            prev = pt
            if pdfium_c.FPDFPathSegment_GetClose(seg) and start is not None:
                segs.append((pt, start))
                prev = start
    return segs if n >= MIN_PATHS else []


def _lines(spans: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Segments (position, lo, hi) snapped (positions within TOL chained into
    one, at their mean) and joined (overlapping or within TOL), at least MIN_EDGE long."""
    out = []
    spans.sort()
    i = 0
    while i < len(spans):
        j = i + 1
        while j < len(spans) and spans[j][0] - spans[j - 1][0] <= TOL:
            j += 1
        group = spans[i:j]
        pos = sum(s[0] for s in group) / len(group)
        runs = sorted((lo, hi) for _, lo, hi in group)
        lo, hi = runs[0]
        for a, b in runs[1:]:
            if a <= hi + TOL:
                hi = max(hi, b)
            else:
                out.append((pos, lo, hi))
                lo, hi = a, b
        out.append((pos, lo, hi))
        i = j
    return [s for s in out if s[2] - s[1] >= MIN_EDGE]


def _distinct(values: list[float]) -> int:
    n, last = 0, None
    for v in sorted(values):
        if last is None or v - last > TOL:
            n += 1
            last = v
    return n


def grid_rows(segs) -> tuple[int, int]:
    """(heights of rules crossed at >= 3 distinct x, heights of rules crossed at >= 2)."""
    hs, vs = [], []
    for (x0, y0), (x1, y1) in segs:
        if abs(y1 - y0) <= 1.0 and abs(x1 - x0) > 0:
            hs.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= 1.0 and abs(y1 - y0) > 0:
            vs.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
    h_lines, v_lines = _lines(hs), _lines(vs)
    v_lines.sort()
    v_x = [v[0] for v in v_lines]
    three, two = [], []
    for y, lo, hi in h_lines:
        xs = [v[0] for v in v_lines[bisect_left(v_x, lo - TOL):bisect_right(v_x, hi + TOL)]
              if v[1] - TOL <= y <= v[2] + TOL]
        k = _distinct(xs)
        if k >= 2:
            two.append(y)
        if k >= 3:
            three.append(y)
    return _distinct(three), _distinct(two)


def may_have_table(page) -> bool:
    """The geometric gate (module docstring): can the page's ruling hold a table
    of >= 2 rows with a row of >= 2 cells?"""
    segs = _segments(page)
    if segs is None:
        return True   # paths in form XObjects: not read here, the table finder decides
    if not segs:
        return False
    three, two = grid_rows(segs)
    return three >= 2 and two >= 3


STOPPED = "table search stopped"   # the page note's words (process.py makes them a document warning)


class TableSearchStopped(BaseException):
    """The table search of a page ran past its CPU bound (a BaseException, so
    that no ``except Exception`` inside pdfplumber or pdfminer swallows it)."""


def tables_within(fn, seconds: float = TABLE_CPU_SECONDS):
    """``fn()`` stopped with :class:`TableSearchStopped` after ``seconds`` of this
    process's CPU time (a SIGVTALRM timer: pdfplumber is Python, a signal stops
    it between two bytecodes).  CPU time, not wall time, so a loaded machine
    does not stop a page a quiet one finishes.  Only the main thread can take
    signals: elsewhere (a dask worker's thread), or when the timer is in use,
    ``fn`` runs unbounded and the run's ``--timeout`` is the bound."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or signal.getitimer(signal.ITIMER_VIRTUAL)[0]:
        return fn()

    def stop(signum, frame):
        raise TableSearchStopped()

    previous = signal.signal(signal.SIGVTALRM, stop)
    try:
        signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
        try:
            return fn()
        finally:
            signal.setitimer(signal.ITIMER_VIRTUAL, 0)
    finally:
        signal.signal(signal.SIGVTALRM, previous)


def _cell(c) -> str:
    return " ".join((c or "").split())


def page_text_with_tables(plumber_pdf, index: int) -> str | None:
    """The page's text with its tables as tab-separated rows, or None (no table)."""
    page = plumber_pdf.pages[index].filter(_visible_plumber)   # white rules are no rules
    tables = [t for t in page.find_tables()
              if len(t.rows) >= MIN_ROWS and max((len(r.cells) for r in t.rows), default=0) >= MIN_COLS]
    if not tables:
        return None
    tables.sort(key=lambda t: t.bbox[1])
    parts: list[str] = []
    top = 0.0
    x0, _, x1, bottom_edge = page.bbox
    for t in tables:
        tx0, ttop, tx1, tbottom = t.bbox
        if ttop > top:
            parts.append(page.crop((x0, top, x1, ttop)).extract_text() or "")
        rows = t.extract()
        parts.append("\n".join("\t".join(_cell(c) for c in row) for row in rows if any(_cell(c) for c in row)))
        top = max(top, tbottom)
    if top < bottom_edge:
        parts.append(page.crop((x0, top, x1, bottom_edge)).extract_text() or "")
    return "\n".join(p.strip("\n") for p in parts if p.strip()) + "\n"


def open_plumber(path: Path):
    import pdfplumber

    return pdfplumber.open(str(path))
