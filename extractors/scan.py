"""A pattern's scan of a whole text, run only near its witnesses (issue 15).

``rx.finditer(text)`` tries ``rx`` at every position of a 25 KB report, which
costs about 1 ms a pattern whose first element is a look-behind (the ``regex``
module cannot skip to a first character then).  When every match of ``rx``
holds a *witness* — a short sub-pattern that a cheap scan finds (a literal, or
a class then a literal) — :func:`finditer_near` runs ``rx`` only in a window
around each witness and gives what ``finditer`` gives.

The rules a caller must keep (:func:`finditer_near` relies on them):

* every match of ``rx`` contains a witness, starting at most ``lead``
  characters after the match's start;
* nothing ``rx`` reads trying a start ``s`` (its look-aheads included) lies
  ``tail`` characters or more after ``s`` (``tail`` is more than the longest
  match plus its look-ahead), so a window that ends ``tail`` after a witness
  shows every start up to the witness what the whole text shows;
* ``rx`` matches at least one character (no empty matches);
* witnesses are given in increasing order, every position where the witness
  sub-pattern matches (``overlapped=True``).

Look-behinds read before the window's start as they do in the whole text
(``regex`` looks before ``pos``).  :func:`words_end_once` says when a
right-to-left search (``(?r)``) of kind words before a number finds what the
left-to-right one finds.  Tests compare each caller's fast scan with the whole
one (``tests/test_speed_text.py``).
"""
from __future__ import annotations

from typing import Iterable


def finditer_near(rx, text: str, witnesses: Iterable[int], lead: int, tail: int) -> list:
    """The matches ``rx.finditer(text)`` gives, in order, found from the
    witness positions ``witnesses`` (see the module docstring).

    Each witness at ``w`` not inside the last match is searched for in
    ``[max(end of last match, w - lead), w + tail)``; a match starting at or
    before ``w`` is the next match of the whole scan (a match starting
    earlier would hold an earlier witness, whose window found nothing)."""
    out, pos, n = [], 0, len(text)
    for w in witnesses:
        if w < pos:
            continue   # any match holding this witness starts inside the last one
        m = rx.search(text, max(pos, w - lead), min(n, w + tail))
        if m is not None and m.start() <= w:
            out.append(m)
            pos = m.end()
    return out


def starts(witness, text: str) -> list[int]:
    """Every position where ``witness`` matches (``overlapped``), in order."""
    return [m.start() for m in witness.finditer(text, overlapped=True)]


def words_end_once(words, tokens) -> bool:
    """Whether a right-to-left search finds the leftmost match of a pattern
    ``(?<![A-Za-z])(?:WORDS)TAIL$`` (words sorted longest first, blanks between
    their words, a tail of blanks, signs and at most one of ``tokens``, the
    spellings of "số"): true when the words of a match can end in one place
    only, i.e. no word ends in a token (``giấy biên nhận hồ sơ`` ends in
    ``so``) that the words before it, or the end of those words, could leave
    to the tail of another word (no word is or ends in ``giấy biên nhận hồ``).
    Words that end in one place are tried longest first either way, and the
    longest is the leftmost."""
    for k2 in words:
        for tok in tokens:
            if not k2.endswith(tok):
                continue
            u = k2[:-len(tok)].rstrip()
            if not u or any(k1 == u or k1.endswith(" " + u) or u.endswith(" " + k1) for k1 in words):
                return False
    return True
