"""How Vietnamese does a text read?  One number per page, 0 (noise) to 1.

``vn_score = syllable_share × mark_factor × foreign_factor``

- ``syllable_share``: of the words judged, the share that are valid
  Vietnamese syllables — onset + rhyme + at most one tone
  (:func:`baocao.normalizers.diacritics.is_vietnamese_syllable`, built from
  the documented syllable structure: initials, nuclei that take a final,
  nuclei ending in a glide) — and, in addition, the tone rule of checked
  syllables: a syllable ending in ``c ch p t`` carries the acute or the dot
  below, never the grave, hook or tilde (``nhàt`` is noise).  Judged
  words: runs of letters of 2+ characters; a word in capitals or with a
  capital after its first letter that is not a syllable (``UBND``, ``TTr``,
  ``QĐ``) is an abbreviation and is not judged.
- ``mark_factor = min(1, marked_share / MARKS_FULL)``: prose keeps its marks
  (share of letters with a Vietnamese mark 0.26–0.31); text that lost them
  (English-mode OCR, ASCII filters) scores low even when its words are
  syllable-shaped.
- ``foreign_factor = max(0, 1 - FOREIGN_WEIGHT × foreign_share)``: OCR
  debris and unconverted legacy glyphs outside the alphabet.

Measured (this module's tests and ``/work/shared/real``): clean prose
0.93–1.0; the same prose stripped of its marks ≈ 0; a scanner's English-mode
OCR layer (``CQNG HOA XA HO!``, ``Dc lp``) 0.2–0.4; unconvertible
custom-font layers (``BØ CÔNG AN``, ``HiÇn nay``) below 0.5.

:data:`GOOD` and :data:`BAD` are the thresholds every judge of a text source
uses (page grade, text-layer check, layer-vs-OCR choice).  Texts with fewer
than :data:`MIN_WORDS` judged words get ``None`` (too short to judge).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

from baocao.normalizers.diacritics import TONE_MARKS, diacritic_stats, is_vietnamese_syllable
from baocao.normalizers.tokens import token_counts

MARKS_FULL = 0.20
FOREIGN_WEIGHT = 5.0
MIN_WORDS = 12
GOOD = 0.75    # at or above: a reading to trust
BAD = 0.50     # below: garbage or diacritic-less (re-OCR under --ocr auto)

_WORD = regex.compile(r"\p{L}{2,}")
_CHECKED_FINALS = ("c", "ch", "p", "t")
_CHECKED_TONES = {"\u0301", "\u0323"}


def _tone_ok(word: str) -> bool:
    d = unicodedata.normalize("NFD", word.lower())
    tones = [c for c in d if c in TONE_MARKS]
    if not tones:
        return True
    base = "".join(c for c in d if c not in TONE_MARKS)
    if base.endswith(_CHECKED_FINALS):
        return tones[0] in _CHECKED_TONES
    return True


def _abbreviation(word: str) -> bool:
    return word.isupper() or any(c.isupper() for c in word[1:])


@lru_cache(maxsize=65536)
def _judge(w: str) -> tuple[int, int]:
    """(valid, judged) of one word: 1/1 a syllable, 0/1 noise, 0/0 an abbreviation."""
    ok = is_vietnamese_syllable(w) and _tone_ok(w)
    if not ok and _abbreviation(w):
        return 0, 0
    return int(ok), 1


@lru_cache(maxsize=65536)
def _token_counts(token: str) -> tuple[int, int]:
    """(valid, judged) of the words of one blank-free token (``dân,``, ``(UBND)``)."""
    valid = judged = 0
    for w in _WORD.findall(token):
        v, j = _judge(w)
        valid += v
        judged += j
    return valid, judged


def syllable_counts(text: str) -> tuple[int, int]:
    """(valid syllables, judged words); each distinct word is judged once.

    Counted per distinct blank-separated token (``str.split`` and ``Counter``
    run in C; a report repeats its tokens many times over): no letter is a
    blank, so the words of the text are those of its tokens, in order.  The
    token counts are shared with ``statistics.text_quality``
    (:func:`baocao.normalizers.tokens.token_counts`)."""
    valid = judged = 0
    for t, n in token_counts(text).items():
        v, j = _token_counts(t)
        if j:
            valid += v * n
            judged += j * n
    return valid, judged


def syllable_counts_reference(text: str) -> tuple[int, int]:
    """The word-by-word definition of :func:`syllable_counts` (tests compare)."""
    valid = judged = 0
    for m in _WORD.finditer(text):
        w = m.group(0)
        ok = is_vietnamese_syllable(w) and _tone_ok(w)
        if not ok and _abbreviation(w):
            continue
        judged += 1
        valid += ok
    return valid, judged


def vn_measures(text: str, stats: dict | None = None) -> dict:
    """``vn_score`` (None when too short) and the measures behind it
    (``stats``: the text's :func:`diacritic_stats`, when already computed)."""
    valid, judged = syllable_counts(text)
    s = stats if stats is not None else diacritic_stats(text)
    share = valid / judged if judged else 0.0
    score = None
    if judged >= MIN_WORDS:
        score = share * min(1.0, s["marked_share"] / MARKS_FULL) * max(0.0, 1 - FOREIGN_WEIGHT * s["foreign_share"])
        score = round(score, 3)
    return {"vn_score": score, "syllable_share": round(share, 3), "words": judged,
            "marked_share": s["marked_share"], "foreign_share": s["foreign_share"]}


def vn_score(text: str, stats: dict | None = None) -> float | None:
    return vn_measures(text, stats)["vn_score"]


def verdict(score: float | None) -> str | None:
    """``good`` / ``fair`` / ``bad`` for a score (None: too short to judge)."""
    if score is None:
        return None
    return "good" if score >= GOOD else "fair" if score >= BAD else "bad"
