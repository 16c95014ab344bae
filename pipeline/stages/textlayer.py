"""Is a PDF page's text layer usable, or must the page be OCR'd?

Returns None for a usable layer, else a short reason that ends up in the
page row.  Thresholds are deliberately simple and documented here:

- no text at all on a page that has images (or, with no image objects, no
  vector text either) → ``no text layer``
- fewer than MIN_CHARS non-space characters on a page that carries images
  → ``too little text for the page's ink`` (a scan with a stray OCR'd word)
- ``(cid:N)`` tokens, U+FFFD, private-use glyphs or control characters making
  up more than GARBAGE_SHARE of the characters → ``garbage text layer``
- after the normalizers' repairs (legacy TCVN3/VNI conversion, font-map
  fixes), more than MOJIBAKE_SHARE of the characters still outside the
  Vietnamese alphabet and punctuation → ``garbage text layer (unconvertible
  characters)``: mojibake of an encoding we cannot convert

A short page with no images (a signature page: "CHỦ TỊCH / Phạm Quang Hùng")
is trusted: its text is all the ink there is.
"""
from __future__ import annotations

import re

MIN_CHARS = 25
GARBAGE_SHARE = 0.05
MOJIBAKE_SHARE = 0.10
_CID = re.compile(r"\(cid:\d+\)")


def text_layer_problem(text: str, has_images: bool = True) -> str | None:
    stripped = "".join(text.split())
    if not stripped:
        return "no text layer"
    cids = sum(len(m.group(0)) for m in _CID.finditer(stripped))
    bad = cids + sum(1 for c in stripped if c == "\ufffd" or "\ue000" <= c <= "\uf8ff")
    if bad / len(stripped) > GARBAGE_SHARE:
        return "garbage text layer"
    controls = sum(1 for c in stripped if ord(c) < 32)
    if controls / len(stripped) > GARBAGE_SHARE:
        return "garbage text layer"
    if len(stripped) < MIN_CHARS and has_images:
        return "too little text for the page's ink"
    if not stripped.isascii() and len(_unusual().findall(stripped)) > MOJIBAKE_SHARE * len(stripped):
        # many characters outside Vietnamese: legacy mojibake the normalizers
        # may convert (trusted then) or garbage they cannot (OCR the page)
        from baocao.normalizers.diacritics import diacritic_stats
        from baocao.normalizers.normalize import normalize_text

        if diacritic_stats(normalize_text(text).text)["foreign_share"] > MOJIBAKE_SHARE:
            return "garbage text layer (unconvertible characters)"
    return None


_UNUSUAL = None


def _unusual():
    """A regex matching characters outside ASCII, Vietnamese letters and common punctuation."""
    global _UNUSUAL
    if _UNUSUAL is None:
        from baocao.normalizers.diacritics import VIETNAMESE_MARKED

        allowed = "".join(sorted(VIETNAMESE_MARKED)) + "“”‘’–—…• °"
        _UNUSUAL = re.compile("[^\x00-\x7f" + re.escape(allowed) + "]")
    return _UNUSUAL
