"""A document's blank-separated tokens, counted once for every measure that reads them.

``statistics.text_quality`` counts the tokens of the first 30 000 characters
of the text it is given, ``vnscore.syllable_counts`` (a page's ``vn_score``)
those of a page; for a one-page document the two texts are equal, so the
counts are made once: :func:`token_counts` keeps the last few documents'
in a :class:`normalizers.fold.DocumentMemo` (keyed by the text itself; short
texts are not kept).

Rule: ``token_counts(text, limit)`` is ``Counter(text[:limit].split())``,
exactly.  The whole text's count is derived from its prefix's when that is
known: ``str.split`` cuts at blanks, so the tokens of ``text`` are those of
``text[:limit]`` followed by those of ``text[limit:]``, except that a token
running across ``limit`` is one token of ``text`` and its first part the last
token of the prefix.  The counts returned are shared: callers read them and
never change them.
"""
from __future__ import annotations

from collections import Counter
from typing import Optional

from baocao.normalizers.fold import DocumentMemo

MIN_LEN = DocumentMemo.MIN_LEN


class _Entry:
    __slots__ = ("full", "prefix")

    def __init__(self):
        self.full: Optional[Counter] = None
        self.prefix: dict[int, tuple[Counter, list]] = {}   # limit -> (counts, tokens)


_entry = DocumentMemo(lambda text: _Entry())


def token_counts(text: str, limit: Optional[int] = None) -> Counter:
    """``Counter(text[:limit].split())`` (shared: do not change it)."""
    if len(text) < MIN_LEN:
        return Counter(text[:limit].split())
    e = _entry(text)
    if limit is None or limit >= len(text):
        if e.full is None:
            e.full = _full_from_prefix(text, e) if e.prefix else Counter(text.split())
        return e.full
    p = e.prefix.get(limit)
    if p is None:
        toks = text[:limit].split()
        p = e.prefix[limit] = (Counter(toks), toks[-1:])
    return p[0]


def _full_from_prefix(text: str, e: _Entry) -> Counter:
    """The whole text's counts from a prefix's (see the module docstring)."""
    limit = max(e.prefix)
    prefix, last = e.prefix[limit]
    full = Counter(prefix)
    rest = limit
    if last and not text[limit - 1].isspace() and not text[limit].isspace():
        # the prefix's last token is the first part of a token running across the cut
        tok = last[0]
        rest = limit - len(tok)
        n = full[tok] - 1
        if n:
            full[tok] = n
        else:
            del full[tok]
    full.update(text[rest:].split())
    return full
