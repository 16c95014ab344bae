"""The Vietnamese alphabet, a syllable check, and whether a text kept its marks.

Vietnamese is written one syllable per word, each a (possibly empty) initial
consonant, a vowel nucleus and an optional final, with at most one tone mark.
:func:`is_vietnamese_syllable` checks that shape; the legacy-encoding detector
and the glyph repairs use it to tell "this conversion made Vietnamese" from
"this conversion made noise".

:func:`detect_diacritics` tells ``full`` (the text kept its tone and vowel
marks) from ``stripped`` (OCR without the Vietnamese model, unidecode'd or
telex-less typing).  It measures ``marked_share``: the share of letters that
carry a Vietnamese mark (``ă â đ ê ô ơ ư`` or a tone).  Measured on the shared
corpus:

=====================================  ============
text                                   marked_share
=====================================  ============
000-003 (clean, PDF, DOCX, broken PDF)  0.291-0.296
004 (Tesseract English-mode OCR)        0.048
any of them through unidecode           0.000
=====================================  ============

Normal Vietnamese prose sits near 0.30 (about 70 % of syllables carry a mark,
spread over ~3.3 letters per syllable); headings in capitals are similar.
The threshold :data:`STRIPPED_BELOW` = 0.12 sits between the OCR'd copy (mangled
letters such as ``é`` keep a few marks) and the lowest clean text with a wide
margin.  Texts with fewer than :data:`MIN_LETTERS` letters are too short to
judge and default to ``full``.
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

import regex

from baocao.normalizers.fold import code_points, fold

TONE_MARKS = {"\u0300": "grave", "\u0301": "acute", "\u0309": "hook", "\u0303": "tilde", "\u0323": "dot"}
QUALITY_MARKS = {"\u0302": "circumflex", "\u0306": "breve", "\u031b": "horn"}

_BASES = "aăâeêioôơuưy"


def _build_letters() -> tuple[str, ...]:
    """The 67 lower-case letters with a mark, in the order of the code tables:
    each base (ă â ê ô ơ ư bare), then grave, acute, hook, tilde, dot; then đ."""
    out = []
    for b in _BASES:
        if b not in "aeiouy":
            out.append(b)
        for mark in TONE_MARKS:
            out.append(unicodedata.normalize("NFC", b + mark))
    out.append("đ")
    return tuple(out)


LOWER_MARKED = _build_letters()
UPPER_MARKED = tuple(c.upper() for c in LOWER_MARKED)
#: the 134 Vietnamese letters outside ASCII (67 lower-case, 67 upper-case)
VIETNAMESE_MARKED = frozenset(LOWER_MARKED + UPPER_MARKED)
#: letters a Vietnamese text may contain (ASCII letters count: codes, loanwords)
VIETNAMESE_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") | VIETNAMESE_MARKED
#: marked letters that are not in Latin-1: a Unicode Vietnamese text is full of
#: them, while a legacy-encoded text read as Latin-1 has none
VIETNAMESE_BEYOND_LATIN1 = frozenset(c for c in VIETNAMESE_MARKED if ord(c) > 0xFF)

_INITIALS = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
# nuclei that may take a final consonant (c ch m n ng nh p t)
_CLOSED = "uyê|iê|yê|uô|ươ|oa|oă|oe|uâ|uê|uy|uơ|oo|a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
# nuclei ending in a glide: never followed by a final consonant
_OPEN = ("iêu|yêu|oai|oao|oay|oeo|uây|uôi|uya|uyu|ươi|ươu|uyê|"
         "ai|ao|au|ay|âu|ây|eo|êu|ia|iu|oi|ôi|ơi|ua|ui|ưa|ưi|ưu|oa|oe|uê|uy|uâ|iê|yê|uô|ươ|"
         "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y")
_SYLLABLE = regex.compile(
    rf"(?:{_INITIALS})?(?:(?:{_CLOSED})(?:ch|ng|nh|c|m|n|p|t)|(?:{_OPEN}))"
)


def _fold_alts(alts: str) -> str:
    seen = []
    for a in alts.split("|"):
        f = fold(a)
        if f not in seen:
            seen.append(f)
    return "|".join(sorted(seen, key=len, reverse=True))


_SYLLABLE_FOLDED = regex.compile(
    rf"(?:{_fold_alts(_INITIALS)})?(?:(?:{_fold_alts(_CLOSED)})(?:ch|ng|nh|c|m|n|p|t)|(?:{_fold_alts(_OPEN)}))"
)

MIN_LETTERS = 40
STRIPPED_BELOW = 0.12


@lru_cache(maxsize=8192)
def syllable_parts(word: str) -> tuple[str, int]:
    """``(base, tones)``: the lower-case word without tone marks (quality marks
    kept, NFC) and the number of tone marks it carried."""
    d = unicodedata.normalize("NFD", word.lower())
    tones = sum(1 for c in d if c in TONE_MARKS)
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONE_MARKS))
    return base, tones


@lru_cache(maxsize=16384)
def is_vietnamese_syllable(word: str) -> bool:
    """True when ``word`` has the shape of one Vietnamese syllable: Vietnamese
    letters only, lower/Title/UPPER case, at most one tone, and an
    initial-nucleus-final structure (``Cộng``, ``NGHĨA``, ``người``, ``ý``).
    ``Céng`` (TCVN3 mojibake that happens to be letters) passes the shape test;
    ``hoµ``, ``chaøo``, ``caùc`` do not."""
    if not word or len(word) > 8:
        return False
    if not all(c in VIETNAMESE_LETTERS for c in word):
        return False
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())):
        return False
    base, tones = syllable_parts(word)
    if tones > 1:
        return False
    return _SYLLABLE.fullmatch(base) is not None


@lru_cache(maxsize=16384)
def looks_like_syllable(word: str) -> bool:
    """Like :func:`is_vietnamese_syllable`, but also for text that lost its
    marks: the word's folded form (``Nguyen``, ``Phuong``) must have the shape
    of a syllable with the marks taken off."""
    if is_vietnamese_syllable(word):
        return True
    f = fold(word)
    if not f.isascii() or not f.isalpha() or len(f) > 8:
        return False
    if not (f.islower() or f.isupper() or (f[0].isupper() and f[1:].islower())):
        return False
    return _SYLLABLE_FOLDED.fullmatch(f.lower()) is not None


def _char_class(c: str) -> tuple[int, int, int, int, int]:
    """(nonspace, letter, marked, foreign, beyond) counts of one character."""
    if c.isspace():
        return 0, 0, 0, 0, 0
    if c.isalpha():
        if c in VIETNAMESE_MARKED:
            return 1, 1, 1, 0, int(c in VIETNAMESE_BEYOND_LATIN1)
        if c in "ƣƢðÐ":
            return 1, 1, 1, 0, 0
        return 1, 1, 0, int(c > "\x7f"), 0
    if c > "\x7f" and unicodedata.category(c)[0] not in "PZ":
        return 1, 0, 0, 1, 0
    return 1, 0, 0, 0, 0


_CLASS_OF: dict[str, tuple[int, int, int, int, int]] = {}

_ARRAY_COUNT_FROM = 512   # characters: from here numpy's bincount beats Counter (2.4 -> 0.15 ms a 25 KB page)


def char_counts(text: str):
    """(character, occurrences) of every distinct character of ``text``: what
    ``Counter(text).items()`` gives, in another order; a page's characters
    counted by ``numpy.bincount`` over its code points (UTF-32, surrogates
    passed through) instead of a dict update per character."""
    if len(text) < _ARRAY_COUNT_FROM:
        return Counter(text).items()
    import numpy as np

    counts = np.bincount(code_points(text))
    cps = np.flatnonzero(counts)
    return zip(map(chr, cps.tolist()), counts[cps].tolist())


def diacritic_stats(text: str) -> dict:
    """Counts behind :func:`detect_diacritics`.

    ``letters``        alphabetic characters;
    ``marked_share``   share of letters that are Vietnamese letters with a mark
                       (tone, ``ă â ê ô ơ ư``, ``đ``); broken-font ``ƣ`` and eth
                       count as marked;
    ``foreign_share``  share of non-space characters outside ASCII that are not
                       Vietnamese letters or common punctuation (``¢ § ¥ µ ©``:
                       OCR and legacy-encoding debris);
    ``beyond_latin1``  count of Vietnamese letters outside Latin-1 (ơ ư ạ ộ ...);
    ``marked``, ``foreign``, ``nonspace``  the counts behind the shares (so the
    stats of pages add up to those of the document: :func:`merge_stats`).

    Counted per distinct character (:func:`char_counts`), so a page costs
    one pass however long it is.
    """
    letters = marked = foreign = nonspace = beyond = 0
    for c, n in char_counts(text):
        k = _CLASS_OF.get(c)
        if k is None:
            k = _CLASS_OF[c] = _char_class(c)
        if k[0]:
            nonspace += n * k[0]
            letters += n * k[1]
            marked += n * k[2]
            foreign += n * k[3]
            beyond += n * k[4]
    return _stats(letters, marked, foreign, nonspace, beyond)


def _stats(letters: int, marked: int, foreign: int, nonspace: int, beyond: int) -> dict:
    return {
        "letters": letters,
        "marked_share": marked / letters if letters else 0.0,
        "foreign_share": foreign / nonspace if nonspace else 0.0,
        "beyond_latin1": beyond,
        "marked": marked, "foreign": foreign, "nonspace": nonspace,
    }


def merge_stats(parts: list[dict]) -> dict:
    """:func:`diacritic_stats` of texts joined by whitespace (pages joined by
    form feeds), from the stats of the parts."""
    return _stats(*(sum(p[k] for p in parts) for k in ("letters", "marked", "foreign", "nonspace", "beyond_latin1")))


def diacritic_stats_reference(text: str) -> dict:
    """The character loop :func:`diacritic_stats` replaces (tests compare)."""
    letters = marked = foreign = nonspace = beyond = 0
    for c in text:
        if c.isspace():
            continue
        nonspace += 1
        if c.isalpha():
            letters += 1
            if c in VIETNAMESE_MARKED:
                marked += 1
                if c in VIETNAMESE_BEYOND_LATIN1:
                    beyond += 1
            elif c in "ƣƢðÐ":
                marked += 1
            elif c > "\x7f":
                foreign += 1
        elif c > "\x7f" and unicodedata.category(c)[0] not in "PZ":
            foreign += 1
    return {
        "letters": letters,
        "marked_share": marked / letters if letters else 0.0,
        "foreign_share": foreign / nonspace if nonspace else 0.0,
        "beyond_latin1": beyond,
    }


def detect_diacritics(text: str, stats: dict | None = None) -> str:
    """``'full'`` or ``'stripped'`` (see the module docstring for thresholds);
    ``stats``: :func:`diacritic_stats` of ``text`` when already computed."""
    s = stats if stats is not None else diacritic_stats(text)
    if s["letters"] < MIN_LETTERS:
        return "full"
    return "stripped" if s["marked_share"] < STRIPPED_BELOW else "full"
