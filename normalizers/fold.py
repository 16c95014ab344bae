"""A length-preserving folded view of Vietnamese text for matching.

``fold(text)`` maps every character to one character: Vietnamese letters lose
their marks (``ố`` → ``o``, ``Đ`` → ``D``), other characters go through
unidecode when it gives exactly one character, and are kept otherwise.  Since
``len(fold(t)) == len(t)``, a span found in the folded view is the same span
in the original text: extractors match on the fold (so stripped and full
diacritics look alike) and report spans and raw text from the original.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from unidecode import unidecode

_SPECIAL = {
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ƣ": "u", "Ƣ": "U",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u202f": " ", "\u2009": " ",
}


@lru_cache(maxsize=65536)
def fold_char(c: str) -> str:
    if c < "\x80":
        return c
    s = _SPECIAL.get(c)
    if s is not None:
        return s
    base = unicodedata.normalize("NFD", c)[0]
    if base < "\x80" and base.isalpha():
        return base
    if unicodedata.combining(c):
        # a lone combining mark (decomposed text): keep length, make it inert
        return "\u0000"
    u = unidecode(c)
    if len(u) == 1:
        return u
    return c


class _Table(dict):
    """A ``str.translate`` table filled on first sight of a character
    (code point → one-character string), so the fold runs in C."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, cp: int) -> str:
        out = self[cp] = self.fn(chr(cp))
        return out


def _fold_lower_char(c: str) -> str:
    f = fold_char(c)
    lc = f.lower()
    return lc if len(lc) == 1 else f


_FOLD = _Table(fold_char)
_FOLD_LOWER = _Table(_fold_lower_char)


def code_points(text: str):
    """The code points of ``text`` as a numpy ``uint32`` array (UTF-32,
    surrogates passed through): what the array table and
    :func:`baocao.normalizers.diacritics.char_counts` work on."""
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


class _ArrayTable:
    """The same map as a :class:`_Table`, applied to a whole document at
    once: the text's code points as a numpy array (UTF-32), looked up in an
    array over all of Unicode filled on first sight of a code point.
    ``str.translate`` with a dict table costs ~100 ns a character (a lookup
    per character, ASCII included); this ~15 (2.4 -> 0.36 ms for a 25 KB
    report).  Same result, character for character: each code point maps to
    ``fn(chr(cp))``, one character, as in the dict table (tests compare);
    surrogates pass through UTF-32 and back unchanged (``surrogatepass``)."""

    def __init__(self, fn):
        self.fn = fn
        self.out = self.known = None

    def __call__(self, text: str) -> str:
        import numpy as np

        if self.out is None:
            self.out = np.arange(0x110000, dtype=np.uint32)
            self.known = np.zeros(0x110000, dtype=bool)
        a = code_points(text)
        new = a[~self.known[a]]
        if new.size:
            for cp in np.unique(new).tolist():
                self.out[cp] = ord(self.fn(chr(cp)))
                self.known[cp] = True
        return self.out[a].tobytes().decode("utf-32-le", "surrogatepass")


class DocumentMemo:
    """The last few results of a function of a whole document's text.

    Every extractor folds the document it is given; the extract stage hands
    them all the same ``str``, so its fold (and its views) are made once per
    document and shared.  Keyed by the text itself (a ``str`` caches its
    hash, and the same object compares by identity first), so a hit is
    exact; short texts (lines, names) are not kept."""

    MIN_LEN = 512

    def __init__(self, fn, size: int = 4):
        self.fn, self.size, self.memo = fn, size, {}

    def __call__(self, text: str):
        if len(text) < self.MIN_LEN:
            return self.fn(text)
        try:
            return self.memo[text]
        except KeyError:
            pass
        out = self.memo[text] = self.fn(text)
        while len(self.memo) > self.size:
            self.memo.pop(next(iter(self.memo)), None)   # (another thread may have taken it out)
        return out


_fold_doc = DocumentMemo(_ArrayTable(fold_char))
_fold_lower_doc = DocumentMemo(_ArrayTable(_fold_lower_char))


def fold(text: str) -> str:
    """Same-length, diacritic-free, case-preserving view of ``text``."""
    if len(text) < DocumentMemo.MIN_LEN:
        return text.translate(_FOLD)
    return _fold_doc(text)


def fold_lower(text: str) -> str:
    """:func:`fold`, lower-cased, same length (a character whose lower case is
    longer than one character keeps its folded form)."""
    if len(text) < DocumentMemo.MIN_LEN:
        return text.translate(_FOLD_LOWER)
    return _fold_lower_doc(text)


def fold_reference(text: str) -> str:
    """The character-by-character definition of :func:`fold` (tests compare)."""
    return "".join(map(fold_char, text))
