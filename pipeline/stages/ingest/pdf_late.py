"""A number or day filled into a flattened page after its body goes back where it stands.

An e-office system that stamps the number and day at issuance (see
:mod:`~baocao.pipeline.stages.ingest.pdf_annots`) may leave them as page
content rather than annotations (the file was flattened, printed to PDF or
re-saved): then they are drawn after everything else, and pdfium's text,
which follows the drawing order, reads ``Số: /QĐ-STC``, ``ngày tháng 10``
and at the very end of the page ``299 28``.

Rules (checked only on a page whose text shows a blank number or day: ``Số:``
right before ``/``, or ``ngày`` right before ``tháng``):

- a *late value* is a run of one to five digits (a letter may close it:
  ``12a``) on a text line that stands higher on the page than the line
  before it, by more than its own height (pdfium went back up the page);
  runs on one line are split where the gap between two characters is wider
  than two characters;
- it goes into the line it stands on (:func:`pdf_annots.merge`, as a form
  field's value does), but only into a blank: where the text before the
  insertion point ends with ``Số:`` / ``ngày`` or the text after it opens
  with ``/`` / ``tháng``; a late value with no such blank stays where it was.

The page's ``note`` says ``late fill text inserted (N)``.
"""
from __future__ import annotations

import regex

from baocao.pipeline.stages.ingest.pdf_annots import AnnotText, _position, merge

GATE = regex.compile(r"(?i)s[ốo]\s{0,3}:?\s{0,20}/|ng[àa]y\s{1,20}th[áa]ng")
_VALUE = regex.compile(r"^[0-9]{1,5}[A-Za-z]?$")
_BEFORE = regex.compile(r"(?i)(?:s[ốo]\s{0,3}:|ng[àa]y)\s*$")
_AFTER = regex.compile(r"(?i)^\s*(?:/|th[áa]ng\b)")


def _lines(chars) -> list[tuple[int, int]]:
    """(start, end) character ranges of the text page's lines."""
    out, start = [], 0
    for i, (ch, _) in enumerate(chars):
        if ch in "\r\n":
            if i > start:
                out.append((start, i))
            start = i + 1
    if start < len(chars):
        out.append((start, len(chars)))
    return out


def _box(chars, a: int, b: int) -> tuple[float, float, float, float] | None:
    boxes = [cb for ch, cb in chars[a:b] if not ch.isspace() and cb != (0, 0, 0, 0)]
    if not boxes:
        return None
    return (min(x[0] for x in boxes), min(x[1] for x in boxes), max(x[2] for x in boxes), max(x[3] for x in boxes))


def _runs(chars, a: int, b: int) -> list[tuple[int, int]]:
    """Runs of non-space characters of a line, split at gaps wider than two characters."""
    runs, cur, last = [], None, None
    for i in range(a, b):
        ch, cb = chars[i]
        if ch.isspace() or cb == (0, 0, 0, 0):
            continue
        if cur is not None and cb[0] - last[2] > 2 * max(last[2] - last[0], 1.0):
            runs.append(cur)
            cur = None
        cur = (cur[0], i + 1) if cur else (i, i + 1)
        last = cb
    if cur:
        runs.append(cur)
    return runs


def insert_late_values(text: str, chars) -> tuple[str, list[str]]:
    """(page text with the late values moved into their blanks, notes); see the module rules.
    ``chars`` are the text page's (character, box) pairs, position i = character i of ``text``."""
    if not chars or len(chars) != len(text) or not GATE.search(text):
        return text, []
    lines = _lines(chars)
    late: list[tuple[int, int]] = []
    prev = None
    for a, b in lines:
        box = _box(chars, a, b)
        if box is None:
            continue
        if prev is not None and box[1] > prev[3] + (box[3] - box[1]):
            late += [r for r in _runs(chars, a, b) if _VALUE.match(text[r[0]:r[1]])]
        prev = box
    if not late:
        return text, []
    def without(runs):
        drop = {i for a, b in runs for i in range(a, b)}
        keep = [i for i in range(len(text)) if i not in drop]
        return "".join(text[i] for i in keep), [chars[i] for i in keep]

    rest, rest_chars = without(late)
    blanks = []
    for a, b in late:
        box = _box(chars, a, b)
        pos = _position(rest_chars, box)
        if pos and not pos[1] and (_BEFORE.search(rest[max(0, pos[0] - 40):pos[0]])
                                   or _AFTER.match(rest[pos[0]:pos[0] + 40])):
            blanks.append(((a, b), AnnotText(text[a:b], box)))
    if not blanks:
        return text, []
    rest, rest_chars = without([r for r, _ in blanks])   # values with no blank stay where they were drawn
    out, _, _ = merge(rest, rest_chars, [v for _, v in blanks])
    return out, [f"late fill text inserted ({len(blanks)})"]
