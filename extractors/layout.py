"""A reading-order view of text whose layout tables were flattened by conversion.

A header or signature block is a two-column layout table.  Converted to
Markdown it becomes ``|`` rows, read across both columns, with a cell's lines
joined by ``<br>`` or by bold/italic runs side by side (``**ỦY BAN NHÂN DÂN**
**TỈNH HÀ TĨNH**``), and a cell that wrapped continues in the next row
(``| Số: 12/QĐ-UBND | *Cần Thơ, ngày 21 |`` / ``| | tháng 11 năm 2025* |``).

:func:`reading_view` rewrites every block of ``|`` rows column by column: the
first column's cells top to bottom, then the second's, each cell piece on its
own line; separator rows (``|---|---|``) are dropped; other lines are kept as
they are.  The view keeps, for each of its characters, the offset of the
character of the original text it came from, so a span found in the view maps
back to the text (:meth:`View.span`), and ``text[a:b]`` is the same characters
whenever the span lies inside one cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

import regex

_ROW = regex.compile(r"^[ \t]*\|.*\|?[ \t]*$")
_SEP_CELL = regex.compile(r"^[ \t]*:?-{2,}:?[ \t]*$")
# where a cell holds several lines: <br>, or two bold runs side by side
# (``**GIÁM ĐỐC** *(Đã ký)* **Nguyễn Văn A**``: bold and italic runs alike)
_PIECE_BREAK = regex.compile(r"<br\s*/?>|(?<=\*)[ \t]+(?=\*)", regex.I)


@dataclass
class View:
    text: str
    offs: list[int]     # offs[i] = offset in the original text of view character i

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Original span of view span [a, b) (b > a)."""
        return self.offs[a], self.offs[b - 1] + 1


def _cells(line: str, base: int) -> list[tuple[int, int]]:
    """(start, end) of each cell of a ``|`` row, in original offsets."""
    bars = [m.start() for m in regex.finditer(r"(?<!\\)\|", line)]
    out = []
    for a, b in zip(bars, bars[1:]):
        out.append((base + a + 1, base + b))
    if bars and line[bars[-1] + 1:].strip():  # a row without its closing bar
        out.append((base + bars[-1] + 1, base + len(line)))
    return out


def reading_view(text: str) -> Optional[View]:
    """The column-by-column view of ``text``, or None when it holds no ``|`` rows."""
    if "|" not in text:
        return None
    lines = []
    pos = 0
    for ln in text.split("\n"):
        lines.append((pos, ln))
        pos += len(ln) + 1
    chars: list[str] = []
    offs: list[int] = []

    def emit(a: int, b: int, nl_at: int):
        chars.extend(text[a:b])
        offs.extend(range(a, b))
        chars.append("\n")
        offs.append(nl_at)

    changed = False
    i = 0
    while i < len(lines):
        start, ln = lines[i]
        if not _ROW.match(ln):
            emit(start, start + len(ln), start + len(ln) if start + len(ln) < len(text) else max(0, len(text) - 1))
            i += 1
            continue
        block = []
        while i < len(lines) and _ROW.match(lines[i][1]):
            block.append(lines[i])
            i += 1
        rows = []
        for s, l in block:
            cells = _cells(l, s)
            if cells and all(_SEP_CELL.match(text[a:b]) or not text[a:b].strip() for a, b in cells) \
                    and any(_SEP_CELL.match(text[a:b]) for a, b in cells):
                continue  # |---|---|
            rows.append(cells)
        changed = True
        ncols = max((len(r) for r in rows), default=0)
        for c in range(ncols):
            for r in rows:
                if c >= len(r):
                    continue
                a, b = r[c]
                p = a
                for m in list(_PIECE_BREAK.finditer(text, a, b)) + [None]:
                    e = m.start() if m else b
                    seg = text[p:e]
                    if seg.strip():
                        lead = len(seg) - len(seg.lstrip())
                        trail = len(seg.rstrip())
                        emit(p + lead, p + trail, e if e < len(text) else len(text) - 1)
                    if m:
                        p = m.end()
        # a blank line after the block keeps it apart from what follows
        chars.append("\n")
        offs.append(block[-1][0] + len(block[-1][1]) - 1 if block[-1][1] else block[-1][0])
    if not changed:
        return None
    if chars and not text.endswith("\n"):
        chars.pop()
        offs.pop()
    return View("".join(chars), offs)
