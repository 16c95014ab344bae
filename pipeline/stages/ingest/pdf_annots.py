"""Form fields and annotations are page text.

E-office systems stamp a document's number and day at issuance into widget
(form-field / signature-field) or FreeText annotations; pdfium's text page
holds only the page content, so the text reads ``Số: /TB-UBND ..., ngày
tháng 11`` while the page shows ``Số: 542/TB-UBND``, ``ngày 06 tháng``.

How the annotations are read: when a page has widget, FreeText or stamp
annotations, it is flattened in memory (``FPDFPage_Flatten``: the
appearance streams, i.e. exactly what a viewer shows, become page content)
and its text page read again; the characters that were not on the original
text page (same character, same box) are the annotations' text, grouped by
the annotation rectangle they fall in.

Where an annotation's text goes (:func:`merge`):

- a short value (one line, at most ``INLINE_MAX`` characters: a number, a
  day) goes into the original text at the line it stands on (the text line
  whose characters overlap its box vertically by half its height) before
  the first character of that line lying right of the value's centre, with
  a space added before it when needed and after it unless the next
  character is a space or ``/ - .``;  a value that is on no text line
  becomes its own line, before the first line below it;
- anything else that reads as a signature stamp (an e-mail, a signing
  time, ``Ký bởi``) is returned as a stamp record (signature columns), not
  page text;
- longer FreeText (a reviewer's note) is appended as its own line at the end.
"""
from __future__ import annotations

from dataclasses import dataclass

INLINE_MAX = 24
# annotation subtypes whose appearance a viewer shows as page text
_TEXT_SUBTYPES = {3, 13, 20}   # FPDF_ANNOT_FREETEXT, FPDF_ANNOT_STAMP, FPDF_ANNOT_WIDGET


@dataclass
class AnnotText:
    text: str
    box: tuple[float, float, float, float]   # left, bottom, right, top (PDF points)


def _chars(tp) -> list[tuple[str, tuple]]:
    """Each character of the text page with its box (left, bottom, right, top),
    as ``tp.get_charbox`` gives it, read through pdfium's C call directly (the
    wrapper's per-call overhead was most of a signed page's reading)."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    n = tp.count_chars()
    text = tp.get_text_range(0, n)
    if len(text) != n:   # characters outside the BMP: index ≠ position; give up on positions
        return []
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    refs = (ctypes.byref(left), ctypes.byref(right), ctypes.byref(bottom), ctypes.byref(top))
    raw, get = tp.raw, pdfium_c.FPDFText_GetCharBox
    out = []
    for i in range(n):
        get(raw, i, *refs)
        out.append((text[i], (left.value, bottom.value, right.value, top.value)))
    return out


def annotation_rects(page) -> list[tuple]:
    import pypdfium2.raw as c

    rects = []
    for j in range(c.FPDFPage_GetAnnotCount(page.raw)):
        a = c.FPDFPage_GetAnnot(page.raw, j)
        try:
            if c.FPDFAnnot_GetSubtype(a) in _TEXT_SUBTYPES:
                r = c.FS_RECTF()
                if c.FPDFAnnot_GetRect(a, r):
                    rects.append((min(r.left, r.right), min(r.bottom, r.top), max(r.left, r.right), max(r.bottom, r.top)))
        finally:
            c.FPDFPage_CloseAnnot(a)
    return rects


def read_annotations(pdf, index: int, original_chars) -> list[AnnotText]:
    """Texts the page's annotations show, each with the box of its characters.

    Flattens the page in memory: call after everything else read the page."""
    import pypdfium2.raw as c

    page = pdf[index]
    try:
        rects = annotation_rects(page)
        if not rects:
            return []
        if c.FPDFPage_Flatten(page.raw, c.FLAT_NORMALDISPLAY) != c.FLATTEN_SUCCESS:
            return []
    finally:
        page.close()
    page = pdf[index]
    try:
        tp = page.get_textpage()
        try:
            chars = _chars(tp)
        finally:
            tp.close()
    finally:
        page.close()
    # The annotations' text is what flattening added: the flattened page's
    # characters less the original's, compared by (character, box to 0.1 pt).
    # Only line breaks and characters centred in an annotation's box can be
    # kept, so only those are compared (the rest were dropped either way).
    def rect_of(box) -> int | None:
        cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
        for ri, (l, b, r, t) in enumerate(rects):
            if l - 1 <= cx <= r + 1 and b - 1 <= cy <= t + 1:
                return ri
        return None

    def key(ch, box):
        return (ch, (round(box[0], 1), round(box[1], 1), round(box[2], 1), round(box[3], 1)))

    seen: dict = {}
    for ch, box in original_chars:
        if ch in "\r\n" or rect_of(box) is not None:
            k = key(ch, box)
            seen[k] = seen.get(k, 0) + 1
    groups: dict[int, list] = {}
    last = None   # the group that got the latest character: a line break ends its line
    for ch, box in chars:
        if ch in "\r\n":
            k = key(ch, box)
            if seen.get(k):
                seen[k] -= 1
            elif last is not None and groups[last][-1][0] != "\n":
                groups[last].append(("\n", None))
            continue
        ri = rect_of(box)
        if ri is None:
            continue
        k = key(ch, box)
        if seen.get(k):
            seen[k] -= 1
            continue
        groups.setdefault(ri, []).append((ch, box if not ch.isspace() else None))
        last = ri
    out = []
    for ri in sorted(groups):
        items = groups[ri]
        text = "".join(ch for ch, _ in items)
        text = "\n".join(" ".join(ln.split()) for ln in text.split("\n")).strip()
        boxes = [b for _, b in items if b]
        if not text or not boxes:
            continue
        box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
        out.append(AnnotText(text, box))
    return out


def _is_inline(a: AnnotText) -> bool:
    return "\n" not in a.text and len(a.text) <= INLINE_MAX and "@" not in a.text


def merge(text: str, chars, annots: list[AnnotText], page_no: int | None = None) -> tuple[str, list[dict], list[str]]:
    """(page text with the inline values inserted, stamp records, notes).

    ``chars`` are the original text page's (character, box) pairs; ``text``
    is the text page's text, position i = character i."""
    from baocao.pipeline.stages.signatures import parse_stamp_block

    inserts: list[tuple[int, str]] = []
    stamps: list[dict] = []
    tail: list[str] = []
    for a in annots:
        rec = parse_stamp_block(a.text, page_no)
        if rec is not None and not _is_inline(a):
            stamps.append(rec)
            continue
        if not _is_inline(a):
            tail.append(a.text)
            continue
        pos = _position(chars, a.box) if chars and len(chars) == len(text) else None
        if pos is None:
            tail.append(a.text)
            continue
        inserts.append(pos + (a.text,))
    out = text
    for idx, newline, value in sorted(inserts, key=lambda x: -x[0]):
        if newline:
            out = out[:idx] + value + "\r\n" + out[idx:]
            continue
        before = out[idx - 1] if idx > 0 else "\n"
        after = out[idx] if idx < len(out) else "\n"
        piece = ("" if before.isspace() else " ") + value + ("" if after.isspace() or after in "/-." else " ")
        out = out[:idx] + piece + out[idx:]
    if tail:
        out = out.rstrip("\r\n") + "\r\n" + "\r\n".join(tail)
    notes = [f"form field text inserted ({len(inserts)})"] if inserts else []
    return out, stamps, notes


def _position(chars, box) -> tuple[int, bool] | None:
    """(character index to insert at, whether as a line of its own)."""
    l, b, r, t = box
    h = max(t - b, 1.0)
    cx = (l + r) / 2
    line = [i for i, (ch, cb) in enumerate(chars)
            if ch not in "\r\n" and cb != (0, 0, 0, 0) and min(t, cb[3]) - max(b, cb[1]) >= 0.5 * min(h, max(cb[3] - cb[1], 1.0))]
    if line:
        # the text line: contiguous run of characters around the first hit
        right = [i for i in line if (chars[i][1][0] + chars[i][1][2]) / 2 > cx]
        if right:
            return min(right, key=lambda i: chars[i][1][0]), False
        last = max(line, key=lambda i: chars[i][1][2])
        return last + 1, False
    below = [i for i, (ch, cb) in enumerate(chars) if ch not in "\r\n" and cb != (0, 0, 0, 0) and cb[3] < b]
    if not below:
        return len(chars), True
    first = min(below)
    # the start of that character's line
    while first > 0 and chars[first - 1][0] not in "\r\n":
        first -= 1
    return first, True
