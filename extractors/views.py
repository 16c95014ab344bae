"""The three same-length views the statistics extractors match on.

``views(text)`` → (base view, number view, cue view), each as long as the text
so a span found in any of them is the span in the text:

* base view (:func:`numbers.base_view`): folded, lower case, Markdown emphasis
  and footnote marks blanked;
* number view (:func:`numbers.number_view`): letters OCR prints for digits read
  as digits inside digit runs (``1O2`` → ``102``);
* cue view (:func:`cue_view`): digits OCR prints for letters read as letters
  inside words (``10i`` → ``loi``), for matching metric cues.

Both ``statistics`` (running text) and ``stat_tables`` (dossier tables) use
them; they live here so neither imports the other for them.
"""
from __future__ import annotations

import re

import regex

from baocao.extractors import confusions
from baocao.extractors.numbers import base_view, number_view
from baocao.normalizers.fold import DocumentMemo

__all__ = ["base_view", "cue_view", "number_view", "views"]

_LETTER_DIGIT = regex.compile(r"(?<![a-z0-9])(?=[a-z0-9]*[a-z])(?=[a-z0-9]*[0-9])[a-z0-9]{2,}(?![a-z0-9])")
_ATTACHED = regex.compile(r"\d+(?:ha|km|m2|m3|kg|ty|tr)")
_DIGIT_AS_LETTER = confusions.translation("word")  # data/ocr_confusions.tsv, use "word"
# a word of letters and digits has a digit next to a letter; its ends (ASCII classes: ``re``,
# which, the pattern starting with a digit, skips to the digits)
_DIGIT_NEXT_TO_LETTER = re.compile(r"[0-9](?:(?<=[a-z][0-9])|(?=[a-z]))")
_ALNUM_RUN = re.compile(r"[a-z0-9]*")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _fix_word(t: str) -> str:
    if _ATTACHED.fullmatch(t):
        return t
    return t.translate(_DIGIT_AS_LETTER)


def cue_view(base: str) -> str:
    """Base view with OCR digits inside words read as letters (``10i`` → ``loi``).

    The words are those :func:`cue_view_reference` rewrites (``_LETTER_DIGIT``:
    a whole run of ``[a-z0-9]`` with a letter and a digit), found from a digit
    next to a letter (the run around it is the word, looked at once)."""
    parts = []
    pos = 0       # end of the text already copied
    done = 0      # end of the last word looked at
    for m in _DIGIT_NEXT_TO_LETTER.finditer(base):
        i = m.start()
        if i < done:
            continue
        s = i
        while s > 0 and base[s - 1] in _ALNUM:
            s -= 1
        e = _ALNUM_RUN.match(base, m.end()).end()
        done = e
        t = base[s:e]
        f = _fix_word(t)
        if f != t:
            parts.append(base[pos:s])
            parts.append(f)
            pos = e
    if not parts:
        return base
    parts.append(base[pos:])
    return "".join(parts)


def cue_view_reference(base: str) -> str:
    """The definition :func:`cue_view` is checked against."""
    return _LETTER_DIGIT.sub(lambda m: _fix_word(m.group()), base)


def _views(text: str) -> tuple[str, str, str]:
    base = base_view(text)
    return base, number_view(text, base), cue_view(base)


_views_doc = DocumentMemo(_views)


def views(text: str) -> tuple[str, str, str]:
    """(base view, number view, cue view) of the text; all as long as the text
    (made once per document text and shared: tables, figures, zero figures)."""
    return _views_doc(text)
