"""Repairs of font-map and Unicode damage, each returning offset-exact pieces.

Every function takes a text and returns ``None`` (nothing to do) or
``(pieces, repairs)``: ``pieces`` is a list of ``(src_start, src_end, out)``
covering the text in order, ``repairs`` the stable names of what was done.
:mod:`normalizers.normalize` chains them and keeps the offsets.

* :func:`repair_glyphs` — ``data/glyph_map.tsv``: ``ƣ``→``ư``, eth ``Ð``→``Đ``
  (only in Vietnamese words or Vietnamese text), no-break spaces → space,
  zero-width characters and soft hyphens removed.
* :func:`repair_nfc` — Unicode NFC, after putting a Vietnamese vowel's quality
  mark (circumflex, breve, horn) before its tone mark: decomposed text typed
  tone-first (``a`` + acute + circumflex) composes to ``ấ`` instead of ``á``
  followed by a stray circumflex.
* :func:`repair_doubled_vowels` — a vowel OCR split into two glyphs, each with
  one of its marks (``BÉÊN`` → ``BẾN``), merged when that makes the word a
  Vietnamese syllable.  One character shorter per repair.
* :func:`repair_caps` — ``data/caps_phrases.tsv``: capitals that a broken PDF
  font dropped, each leaving a space (``CH  NG Ĩ`` → ``CHỦ NGHĨA``), restored
  only when unambiguous.  Same length, so offsets are one to one.
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex

from baocao.datatables import DataTable
from baocao.normalizers.diacritics import QUALITY_MARKS, TONE_MARKS, VIETNAMESE_BEYOND_LATIN1, is_vietnamese_syllable

DATA = Path(__file__).resolve().parent / "data"

Piece = tuple[int, int, str]
Result = Optional[tuple[list[Piece], list[str]]]


def _cp(s: str) -> str:
    """``U+01B0`` → the character; an empty cell → ``""``."""
    s = s.strip()
    if s and not s.startswith("U+"):
        raise ValueError("not U+XXXX")
    return chr(int(s[2:], 16)) if s else ""


GLYPH_TABLE = DataTable(DATA / "glyph_map.tsv", columns=("context", "repair"), types={"from": _cp, "to": _cp})
CAPS_TABLE = DataTable(DATA / "caps_phrases.tsv", columns=("phrase",))


@lru_cache(maxsize=1)
def glyph_map() -> dict[str, tuple[str, str, str]]:
    """char → (replacement, context, repair name)."""
    return {r["from"]: (r["to"], r["context"].strip(), r["repair"].strip()) for r in GLYPH_TABLE.rows()}


@lru_cache(maxsize=4)
def _glyph_finder(chars: tuple):
    """A pattern matching any character of the glyph map (its keys are single characters)."""
    assert all(len(c) == 1 for c in chars), "glyph_map keys must be single characters"
    return regex.compile("[" + "".join(regex.escape(c) for c in sorted(chars)) + "]" if chars else "(?!)")


def _is_vietnamese_text(text: str) -> bool:
    letters = sum(1 for c in text if c.isalpha())
    beyond = sum(1 for c in text if c in VIETNAMESE_BEYOND_LATIN1)
    return beyond >= max(3, 0.03 * letters)


def _word_at(text: str, i: int) -> tuple[int, int]:
    s = i
    while s > 0 and (text[s - 1].isalpha() or unicodedata.combining(text[s - 1])) and i - s < 40:
        s -= 1
    e = i + 1
    while e < len(text) and (text[e].isalpha() or unicodedata.combining(text[e])) and e - i < 40:
        e += 1
    return s, e


def _cover(text: str, fixes: list[Piece]) -> list[Piece]:
    """Pieces covering ``text`` in order: the replacements ``fixes`` (sorted,
    not overlapping) and the unchanged text between them."""
    pieces: list[Piece] = []
    pos = 0
    for s, e, out in fixes:
        if pos < s:
            pieces.append((pos, s, text[pos:s]))
        pieces.append((s, e, out))
        pos = e
    if pos < len(text):
        pieces.append((pos, len(text), text[pos:]))
    return pieces


def repair_glyphs(text: str) -> Result:
    gm = glyph_map()
    hits = [m.start() for m in _glyph_finder(tuple(gm)).finditer(text)]
    if not hits:
        return None
    vi_text: Optional[bool] = None
    fixes: list[Piece] = []
    names: list[str] = []
    for i in hits:
        to, ctx, name = gm[text[i]]
        if ctx == "vi":
            s, e = _word_at(text, i)
            word = "".join(gm[c][0] if c in gm and gm[c][1] == "vi" else c for c in text[s:e])
            ok = is_vietnamese_syllable(unicodedata.normalize("NFC", word))
            if not ok:
                if vi_text is None:
                    vi_text = _is_vietnamese_text(text)
                ok = vi_text
            if not ok:
                continue
        fixes.append((i, i + 1, to))
        if name not in names:
            names.append(name)
    if not names:
        return None
    return _cover(text, fixes), names


# --------------------------------------------------------------------------
# NFC

_VOWEL_BASES = frozenset("aAeEoOuU")


def _compose_cluster(cluster: str) -> str:
    d = unicodedata.normalize("NFD", cluster)
    if len(d) > 2 and d[0] in _VOWEL_BASES:
        marks = d[1:]
        if all(m in TONE_MARKS or m in QUALITY_MARKS for m in marks):
            marks = "".join(sorted(marks, key=lambda m: 0 if m in QUALITY_MARKS else 1))
            d = d[0] + marks
    return unicodedata.normalize("NFC", d)


# a tone mark (alone or inside a precomposed vowel) followed by a quality mark:
# NFC leaves it, Vietnamese wants the quality mark first
_MISORDERED = regex.compile(
    "[\u0300\u0301\u0303\u0309\u0323àáảãạèéẻẽẹòóỏõọùúủũụÀÁẢÃẠÈÉẺẼẸÒÓỎÕỌÙÚỦŨỤ][\u0302\u0306\u031b]")


_QUALITY_COMBINING = ("\u0302", "\u0306", "\u031b")   # _MISORDERED's second character


def repair_nfc(text: str) -> Result:
    if unicodedata.is_normalized("NFC", text) and not (
            any(c in text for c in _QUALITY_COMBINING) and _MISORDERED.search(text)):
        return None
    pieces: list[Piece] = []
    pos = 0
    i, n = 0, len(text)
    changed = False
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(text[j]):
            j += 1
        cl = text[i:j]
        if j - i > 1 or not unicodedata.is_normalized("NFC", cl):
            out = _compose_cluster(cl)
            if out != cl:
                if pos < i:
                    pieces.append((pos, i, text[pos:i]))
                pieces.append((i, j, out))
                pos = j
                changed = True
        i = j
    if pos < n:
        pieces.append((pos, n, text[pos:]))
    result = "".join(p[2] for p in pieces)
    if not unicodedata.is_normalized("NFC", result):
        # starters that compose with each other (Hangul jamo, ...): NFC whole
        # whitespace-separated runs, which never compose across a space
        pieces = []
        changed = False
        for m in regex.finditer(r"\s+|\S+", text):
            w = m.group()
            out = unicodedata.normalize("NFC", w)
            changed |= out != w
            pieces.append((m.start(), m.end(), out))
    return (pieces, ["nfc"]) if changed else None


# --------------------------------------------------------------------------
# capitals with dropped letters

@lru_cache(maxsize=1)
def _caps_patterns() -> list[tuple[str, "regex.Pattern[str]"]]:
    out = []
    for r in CAPS_TABLE.rows():
        p = unicodedata.normalize("NFC", r["phrase"].strip())
        if not p:
            continue
        parts = []
        for k, c in enumerate(p):
            # the first letter must be there; any other may have become a space
            parts.append(f"[{regex.escape(c)} ]" if c.isalpha() and k > 0 else regex.escape(c))
        out.append((p, regex.compile(r"(?<!\p{L})" + "".join(parts) + r"(?!\p{L})")))
    out.sort(key=lambda x: -len(x[0]))
    return out


def _mostly_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 3 and sum(c.isupper() for c in letters) >= 0.8 * len(letters)


def _caps_matches(line: str) -> list[tuple[int, str]]:
    """(start in line, phrase) of every plausible damaged spelling of a phrase."""
    found = []
    for phrase, pat in _caps_patterns():
        for m in pat.finditer(line):
            got = m.group()
            letters = [k for k, c in enumerate(phrase) if c.isalpha()]
            dropped = [k for k in letters if got[k] == " "]
            if not dropped:
                continue
            intact = len(letters) - len(dropped)
            if intact < 2 or intact < 0.6 * len(letters) or len(dropped) > max(1, len(letters) // 3):
                continue
            found.append((m.start(), phrase))
    return found


#: what a line with dropped letters shows: a double space, or a capital, a space, a capital
#: (``CH  NGH A``, ``V  N``); no line without one is looked at
_CAPS_CUE = regex.compile(r"  |(?<!\p{L})\p{Lu} \p{Lu}")


class _CodePointClass:
    """Whether each code point matches a one-character ``regex`` pattern, for a
    whole text at once: a numpy table over all of Unicode, each entry filled on
    first sight of its code point by the pattern itself (so exactly what the
    pattern says, in the Unicode version ``regex`` carries)."""

    def __init__(self, pattern: str):
        self.rx = regex.compile(pattern)
        self.table = self.known = None

    def __call__(self, a):
        """A bool array: which code points of ``a`` (``fold.code_points``) match."""
        import numpy as np

        if self.table is None:
            self.table = np.zeros(0x110000, dtype=bool)
            self.known = np.zeros(0x110000, dtype=bool)
        new = a[~self.known[a]]
        if new.size:
            for cp in np.unique(new).tolist():
                self.table[cp] = self.rx.match(chr(cp)) is not None
                self.known[cp] = True
        return self.table[a]


_UPPER = _CodePointClass(r"\p{Lu}")
_LETTER = _CodePointClass(r"\p{L}")


def _caps_cue_starts(text: str) -> list[int]:
    """Where a match of ``_CAPS_CUE`` could start: every start of its ``finditer``
    matches, and only places where the pattern matches (a place inside an
    earlier match, which finditer skips, lies on that match's line: no match
    holds a line break).  A double space, or a capital (``\\p{Lu}``) not after a
    letter (``\\p{L}``), a space and a capital, looked up on the text's code
    points at once (:class:`_CodePointClass`); a short text is scanned."""
    if len(text) < 512:
        return [m.start() for m in _CAPS_CUE.finditer(text)]
    import numpy as np

    from baocao.normalizers.fold import code_points

    a = code_points(text)
    space = a == 0x20
    upper = _UPPER(a)
    cue = np.zeros(len(a), dtype=bool)
    cue[:-1] = space[:-1] & space[1:]
    if len(a) >= 3:
        caps = upper[:-2] & space[1:-1] & upper[2:]
        caps[1:] &= ~_LETTER(a[:-3])
        cue[:-2] |= caps
    return np.flatnonzero(cue).tolist()


def repair_caps(text: str) -> Result:
    restored: dict[int, str] = {}
    last = -1
    # the lines holding a cue, each once, in order: one scan of the text instead of a search per line
    for p in _caps_cue_starts(text):
        start = text.rfind("\n", 0, p) + 1
        if start == last:
            continue
        last = start
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if not _mostly_caps(line):
            continue
        found = _caps_matches(line)
        wants: dict[int, set[str]] = {}
        for st, phrase in found:
            for k, c in enumerate(phrase):
                wants.setdefault(st + k, set()).add(c)
        # a phrase whose restoration disagrees anywhere with another phrase's is dropped
        bad = {p for p, s in wants.items() if len(s) > 1}
        for st, phrase in found:
            if any(st + k in bad for k in range(len(phrase))):
                continue
            for k, c in enumerate(phrase):
                if line[st + k] == " " and c != " ":
                    restored[start + st + k] = c
    if not restored:
        return None
    return _cover(text, [(p, p + 1, restored[p]) for p in sorted(restored)]), ["caps_restored"]


# -- one vowel OCR read as two ---------------------------------------------------

_DOUBLE_CUE = regex.compile(r"([aeiouy])\1", regex.I)   # on the folded text (same length)
#: the characters beyond ASCII that ``regex.I`` relates to an ASCII letter (simple case folding:
#: ``İ`` is in ``[i]``, ``Iı`` is ``([aeiouy])\1``; ``ſ`` and the Kelvin sign fold to s and k)
_CASE_RELATED = ("\u0130", "\u0131", "\u017f", "\u212a")


def _double_cue_starts(f: str) -> list[int]:
    """The starts of ``_DOUBLE_CUE``'s matches in ``f`` (what its ``finditer`` gives).

    Without a character of :data:`_CASE_RELATED`, a match is an ASCII vowel and
    the same letter in either case, which ``f.lower()`` (then as long as ``f``:
    ``İ`` is the one character whose lower case is longer) shows as ``aa``,
    ``ee``, ...: found with ``str.find``, each from the end of the one before
    (matches of two different vowels never overlap).  Otherwise the pattern
    scans the text (tests/test_speed_equivalence.py checks both over every
    code point)."""
    if any(c in f for c in _CASE_RELATED):
        return [m.start() for m in _DOUBLE_CUE.finditer(f)]
    low = f.lower()
    starts: list[int] = []
    for v in ("aa", "ee", "ii", "oo", "uu", "yy"):
        i = low.find(v)
        while i >= 0:
            starts.append(i)
            i = low.find(v, i + 2)
    starts.sort()
    return starts


def _merge_vowels(a: str, b: str) -> Optional[str]:
    """One vowel carrying the marks of both (``É`` + ``Ê`` → ``Ế``; ``Ï`` + ``Ỉ`` →
    ``Ỉ``: marks outside Vietnamese's are dropped); None when the two carry
    different tones or different quality marks, or share no base letter."""
    da, db = unicodedata.normalize("NFD", a), unicodedata.normalize("NFD", b)
    if da[0].lower() != db[0].lower():
        return None
    marks = da[1:] + db[1:]
    tones = {m for m in marks if m in TONE_MARKS}
    quality = {m for m in marks if m in QUALITY_MARKS}
    if len(tones) > 1 or len(quality) > 1:
        return None
    return unicodedata.normalize("NFC", da[0] + "".join(quality) + "".join(tones))


def repair_doubled_vowels(text: str) -> Result:
    """A vowel OCR read as two glyphs, each with one of its marks (``BÉÊN`` for
    ``BẾN``, ``GIÁAM`` for ``GIÁM``, ``TÏỈNH`` for ``TỈNH``; seen in bold
    capitals of scanned headers): in a word of three letters or more that is no
    Vietnamese syllable and touches no digit, two adjacent vowels of the same
    base letter and case, at least one marked, become one vowel with both
    marks, when that makes the word a syllable.  Words that are
    syllables (``lưu``, ``ưu``) and words two tones would need are left alone.
    Repair name ``ocr_doubled_vowel``."""
    from baocao.normalizers.fold import fold

    if not text:
        return None
    f = fold(text)
    fixes: list[tuple[int, int, str]] = []
    for i in _double_cue_starts(f):
        a, b = text[i], text[i + 1]
        if (a == b or (a == f[i] and b == f[i + 1]) or a.isupper() != b.isupper()
                or (fixes and fixes[-1][1] > i)):
            continue   # no mark on either (an unmarked copy's own spelling); Iĩnh: an l read I
        s, e = _word_at(text, i)
        word = text[s:e]
        if (e - s < 3 or is_vietnamese_syllable(word) or (s > 0 and text[s - 1].isdigit())
                or (e < len(text) and text[e].isdigit())):
            continue   # v1ée: OCR noise, not a word
        merged = _merge_vowels(a, b)
        if merged is None:
            continue
        new = word[:i - s] + merged + word[i - s + 2:]
        if is_vietnamese_syllable(new):
            fixes.append((s, e, new))
    if not fixes:
        return None
    return _cover(text, fixes), ["ocr_doubled_vowel"]
