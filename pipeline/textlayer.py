"""Is a PDF page's text layer usable, or must the page be OCR'd?

Returns None for a usable layer, else a short reason that ends up in the
page row.  Thresholds are deliberately simple and documented here:

- fewer than MIN_CHARS non-space characters → ``no text layer``
- ``(cid:N)`` tokens, U+FFFD or private-use glyphs making up more than
  GARBAGE_SHARE of the characters → ``garbage text layer``
"""
from __future__ import annotations

import re

MIN_CHARS = 25
GARBAGE_SHARE = 0.05
_CID = re.compile(r"\(cid:\d+\)")


def text_layer_problem(text: str) -> str | None:
    stripped = "".join(text.split())
    if len(stripped) < MIN_CHARS:
        return "no text layer"
    cids = sum(len(m.group(0)) for m in _CID.finditer(stripped))
    bad = cids + sum(1 for c in stripped if c == "\ufffd" or "\ue000" <= c <= "\uf8ff")
    if bad / len(stripped) > GARBAGE_SHARE:
        return "garbage text layer"
    controls = sum(1 for c in stripped if ord(c) < 32)
    if controls / len(stripped) > GARBAGE_SHARE:
        return "garbage text layer"
    return None
