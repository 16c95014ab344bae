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

- a layer that does not read as Vietnamese (``normalizers.vnscore``; the
  score of the text as it is, and if that is below ``GOOD`` of the text after
  the normalizers' repairs): score below ``vnscore.BAD`` with most words
  syllable-shaped but few marks → ``text layer without diacritics
  (vn_score S)`` (a scanner's English-mode OCR layer); otherwise → ``garbage
  text layer (vn_score S)`` (a custom-font encoding nobody can convert).
  A good layer is scored on its raw text only (no extra cost for text PDFs).

A short page with no images (a signature page: "CHỦ TỊCH / Phạm Quang Hùng")
is trusted: its text is all the ink there is.
"""
from __future__ import annotations

import re

MIN_CHARS = 25
GARBAGE_SHARE = 0.05
MOJIBAKE_SHARE = 0.10
_CID = re.compile(r"\(cid:\d+\)")
_REPLACEMENT_OR_PRIVATE = re.compile("[\ufffd\ue000-\uf8ff]")
_CONTROL = re.compile("[\x00-\x1f]")


def text_layer_problem(text: str, has_images: bool = True) -> str | None:
    stripped = "".join(text.split())
    if not stripped:
        return "no text layer"
    cids = sum(len(m.group(0)) for m in _CID.finditer(stripped))
    bad = cids + len(_REPLACEMENT_OR_PRIVATE.findall(stripped))   # (one C scan, not a loop per character)
    if bad / len(stripped) > GARBAGE_SHARE:
        return "garbage text layer"
    controls = len(_CONTROL.findall(stripped))
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
    return reads_badly(text)


def layer_score(text: str) -> dict:
    """vn measures of a layer: of its raw text when that reads well, else of
    its normalised text (legacy encodings converted)."""
    from baocao.normalizers import vnscore

    m = vnscore.vn_measures(text)
    if m["vn_score"] is not None and m["vn_score"] >= vnscore.GOOD:
        return m
    from baocao.normalizers.normalize import normalize_text

    return vnscore.vn_measures(normalize_text(text).text)


def reads_badly(text: str) -> str | None:
    """The reason a layer's words do not read as Vietnamese, or None."""
    from baocao.normalizers import vnscore

    m = layer_score(text)
    sc = m["vn_score"]
    if sc is None or sc >= vnscore.BAD:
        return None
    if m["syllable_share"] >= 0.6 and m["marked_share"] < 0.12:
        return f"text layer without diacritics (vn_score {sc:.2f})"
    return f"garbage text layer (vn_score {sc:.2f})"


_UNUSUAL = None


def _unusual():
    """A regex matching characters outside ASCII, Vietnamese letters and common punctuation."""
    global _UNUSUAL
    if _UNUSUAL is None:
        from baocao.normalizers.diacritics import VIETNAMESE_MARKED

        allowed = "".join(sorted(VIETNAMESE_MARKED)) + "“”‘’–—…• °"
        _UNUSUAL = re.compile("[^\x00-\x7f" + re.escape(allowed) + "]")
    return _UNUSUAL
