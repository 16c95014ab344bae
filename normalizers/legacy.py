"""Vietnamese text in pre-Unicode encodings, and bytes of unknown encoding.

Before Unicode, Vietnamese offices typed with the ABC keyboard in TCVN3 fonts
(.VnTime: one byte per letter) or with VNI fonts (VNI-Times: a base letter plus
a modifier byte).  Such a file read as Latin-1/cp1252 is mojibake:

* TCVN3  ``Céng hoµ x· héi chñ nghÜa ViÖt Nam`` = ``Cộng hoà xã hội chủ nghĩa Việt Nam``
* VNI    ``Xin chaøo caùc baïn``, ``UÛy ban nhaân daân`` = ``Ủy ban nhân dân``
* UTF-8 read as cp1252: ``Cá»™ng hÃ²a`` = ``Cộng hòa``

* VPS    ``C¶ng hòa xã h¶i chû nghïa ViŒt Nam`` (VPS fonts) and
* VISCII ``Cµng hòa xã hµi chü nghîa Vi®t Nam`` (RFC 1456): one byte per letter
  like TCVN3, but the Latin-1 letters (``à á â ã è é ê ...``) keep their
  Latin-1 bytes, so only words of two characters or more count as evidence
  for them, and they come after TCVN3, VNI and UTF-8 (a tie keeps those).

* TCVN3 in a PDF whose .VnTime font is declared ``MacRomanEncoding``: every
  byte shown as its Mac OS Roman character, ``CÈng hﬂa x∑ hÈi`` = ``Cộng hòa
  xã hội`` (encoding ``tcvn3-mac``, repair ``legacy:tcvn3-mac``; the TCVN3
  table read through ``mac_roman``, :func:`_mac_tables`).

The byte tables are ``data/tcvn3.tsv``, ``data/vni.tsv``, ``data/vps.tsv`` and
``data/viscii.tsv`` (all 134 letters; VPS and VISCII letters at 0x80-0x9F are
also read as cp1252 shows them, ``“`` for VISCII ``Ộ``).
PDF text layers show some legacy bytes as other characters (``−`` U+2212 for
TCVN3 ``ư``, ``∙`` U+2219 for ``ã``, U+F0xx from symbol-encoded fonts):
``data/legacy_glyphs.tsv`` lists them, and :func:`prepare` puts them back to
their byte (same length) before any decoding or scoring.

Mixed lines: a line holding both Unicode Vietnamese (``Ủy ban nhân dân tỉnh``)
and legacy bytes (``cña Thñ t−íng``) is converted span by span: only its
legacy runs (:func:`_legacy_runs`), whether the text as a whole was judged
legacy or not.

Mixed lines are split for TCVN3 and VNI only; a VPS/VISCII paragraph is judged
as a whole (their letters are too much like Unicode's to cut a line by them).

Speed: clean Unicode pays (almost) nothing.  :func:`detect_legacy` first
counts Unicode-only letters with one C-level count (:func:`_beyond_gate`: a
paragraph with more than the gate allows for its *length* fails it), and a
text that passes is cut into words once for all encodings (:func:`_views`):
an encoding is scored only when it turns two words that are no Vietnamese
syllable into syllables (QĐ, HĐND, an English word or an OCR misreading is no
syllable before nor after), and the words a typographic quote or dash joins
for VPS, VISCII and TCVN3-mac are looked at only around the characters those
encodings change.  The shortcuts are exact: every decision is the one the
full scoring makes (:func:`detect_legacy_reference`, tests/test_legacy_gate.py).

Detection is conservative: a conversion is applied only when it turns words
that are not Vietnamese syllables into words that are (scored with
:func:`normalizers.diacritics.is_vietnamese_syllable`), and never to a text
that already holds Unicode-only Vietnamese letters (``ơ ư ạ ộ ...``; a legacy
file read as Latin-1 has none).  Real Unicode Vietnamese, English and French
come out unchanged.

TCVN3 capitals: VN3 has codes only for ``Ă Â Ê Ô Ơ Ư Đ``.  A capital with a
tone mark was typed in a .VnTimeH font, which draws the lower-case byte as a
capital, so the byte alone cannot tell ``ủ`` from ``Ủ``.  Decision: decode the
lower-case letter and upper-case it when its word is in capitals (``CéNG`` →
``CỘNG``) or, for a word with at most one other capital (``Uû``, ``X·``), when a
neighbouring word on the line is in capitals (``Uû BAN`` → ``UỶ BAN``, but
``Uû ban`` → ``Uỷ ban``).  :func:`to_tcvn3` writes what VN3 can hold (a toned
capital as its lower-case byte), so the round trip is exact except for a toned
capital in a mixed-case word (``Ủy ban`` comes back ``ủy ban``) — the loss the
encoding itself has.  VNI has every capital and round-trips exactly.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import regex

from baocao.datatables import DataTable
from baocao.normalizers.diacritics import (TONE_MARKS, VIETNAMESE_BEYOND_LATIN1, VIETNAMESE_MARKED,
                                          is_vietnamese_syllable)

DATA = Path(__file__).resolve().parent / "data"


def _hex_bytes(cell: str) -> str:
    """``C3 A0`` → the legacy code as Latin-1 characters (``\xc3\xa0``)."""
    code = "".join(chr(int(h, 16)) for h in cell.split())
    if not code or any(ord(c) > 0xFF for c in code):
        raise ValueError("not hexadecimal bytes")
    return code


def _code_point(cell: str) -> str:
    """``U+2212`` → the character."""
    s = cell.strip()
    if not s.startswith("U+"):
        raise ValueError("not U+XXXX")
    return chr(int(s[2:], 16))


def _byte(cell: str) -> int:
    b = int(cell, 16)
    if not 0 <= b <= 0xFF:
        raise ValueError("not a byte")
    return b


_BYTE_TABLES = {
    "tcvn3.tsv": DataTable(DATA / "tcvn3.tsv", columns=("letter", "bytes"), optional=("note",),
                           types={"bytes": _hex_bytes}),
    "vni.tsv": DataTable(DATA / "vni.tsv", columns=("letter", "bytes"), optional=("note",),
                         types={"bytes": _hex_bytes}),
    "vps.tsv": DataTable(DATA / "vps.tsv", columns=("letter", "bytes"), optional=("note",),
                         types={"bytes": _hex_bytes}),
    "viscii.tsv": DataTable(DATA / "viscii.tsv", columns=("letter", "bytes"), optional=("note",),
                            types={"bytes": _hex_bytes}),
}
GLYPHS_TABLE = DataTable(DATA / "legacy_glyphs.tsv", columns=("encodings", "context"),
                         types={"from": _code_point, "byte": _byte})

Piece = tuple[int, int, str]  # (source start, source end, output text)


# --------------------------------------------------------------------------
# tables

def _read_table(name: str) -> list[tuple[str, str, str]]:
    return [(r["letter"], r["bytes"], r.get("note", "").strip()) for r in _BYTE_TABLES[name].rows()]


@dataclass(frozen=True)
class _Tables:
    encode: dict[str, str]      # letter -> legacy code (as Latin-1 characters)
    decode: dict[str, str]      # legacy code -> letter
    shared: frozenset[str]      # TCVN3 codes that also stand for a capital


@lru_cache(maxsize=None)
def _tables(name: str) -> _Tables:
    enc: dict[str, str] = {}
    dec: dict[str, str] = {}
    shared = set()
    for letter, code, note in _read_table(name):
        enc[letter] = code
        if note == "shared":
            shared.add(code)
            continue
        dec.setdefault(code, letter)
    # bytes 0x80-0x9F (VPS, VISCII) reach the decoders as cp1252 shows them ('\x80' as '€')
    for code, letter in list(dec.items()):
        view = "".join(_CHAR_OF[ord(c)] for c in code)
        if view != code:
            dec.setdefault(view, letter)
    shared |= {"".join(_CHAR_OF[ord(c)] for c in code) for code in shared}
    return _Tables(enc, dec, frozenset(shared))


@dataclass(frozen=True)
class _Substitute:
    byte_char: str          # the legacy byte as the decoders see it (cp1252 view)
    encodings: frozenset[str]
    word_only: bool         # context "word": only inside a word that converts to a syllable


@lru_cache(maxsize=1)
def _substitutes() -> dict[str, _Substitute]:
    """``data/legacy_glyphs.tsv``: characters PDF text layers show for legacy bytes."""
    out: dict[str, _Substitute] = {}
    for r in GLYPHS_TABLE.rows():
        out[r["from"]] = _Substitute(_CHAR_OF[r["byte"]], frozenset(r["encodings"].split()),
                                     r["context"].strip() == "word")
    return out


@lru_cache(maxsize=None)
@lru_cache(maxsize=None)
def _substitute_chars(enc: str) -> frozenset[str]:
    """The substitutes of ``enc``: a text without any is its own :func:`prepare`."""
    return frozenset(c for c, sub in _substitutes().items() if enc in sub.encodings)


@lru_cache(maxsize=None)
def _substitute_finder(enc: str):
    """A pattern matching any substitute of ``enc`` (one character)."""
    chars = sorted(c for c, sub in _substitutes().items() if enc in sub.encodings)
    # re, not regex: a long character class is a C bitmap there (search is ~10x faster)
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]" if chars else "(?!)")


def _byte_char(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:
        return chr(b)


#: byte → character as cp1252 shows it (Latin-1 for the five bytes cp1252 leaves undefined)
_CHAR_OF = [_byte_char(b) for b in range(256)]
#: character → byte, for text that was decoded with cp1252 or Latin-1
_BYTE_OF = {chr(b): b for b in range(256)} | {c: b for b, c in enumerate(_CHAR_OF)}


# --------------------------------------------------------------------------
# encoders (used by tests to make damaged input from clean text)

def _encode(text: str, name: str) -> str:
    t = _tables(name)
    return "".join(t.encode.get(c, c) for c in unicodedata.normalize("NFC", text))


def to_tcvn3(text: str) -> str:
    """Clean Vietnamese → TCVN3 (VN3) bytes read as Latin-1, as a str."""
    return _encode(text, "tcvn3.tsv")


def to_vni(text: str) -> str:
    """Clean Vietnamese → VNI-Windows bytes read as Latin-1, as a str."""
    return _encode(text, "vni.tsv")


def to_vps(text: str) -> str:
    """Clean Vietnamese → VPS bytes read as Latin-1, as a str."""
    return _encode(text, "vps.tsv")


def to_viscii(text: str) -> str:
    """Clean Vietnamese → VISCII bytes read as Latin-1, as a str."""
    return _encode(text, "viscii.tsv")


def to_cp1258(text: str) -> bytes:
    """Clean Vietnamese → Windows-1258 bytes: base letters (``ă â ê ô ơ ư đ``)
    precomposed, tone marks as combining characters, the way Windows wrote it."""
    out = []
    for c in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", c)
        tones = "".join(m for m in d if m in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(m for m in d if m not in TONE_MARKS))
        try:
            out.append((base + tones).encode("cp1258"))
        except UnicodeEncodeError:
            out.append(c.encode("cp1258", errors="replace"))
    return b"".join(out)


# --------------------------------------------------------------------------
# decoders producing pieces (for exact offsets)

def _pieces_tcvn3(text: str) -> list[Piece]:
    return _pieces_single(text, "tcvn3.tsv")


def _pieces_vps(text: str) -> list[Piece]:
    return _pieces_single(text, "vps.tsv")


def _pieces_viscii(text: str) -> list[Piece]:
    return _pieces_single(text, "viscii.tsv")


def _pieces_tcvn3_mac(text: str) -> list[Piece]:
    return _pieces_single(text, "tcvn3.tsv", mac=True)


@lru_cache(maxsize=None)
def _mac_tables(name: str) -> _Tables:
    """``name``'s codes as a PDF font declared ``MacRomanEncoding`` shows them:
    each byte as its Mac OS Roman character (TCVN3 0xAD ``ư`` as ``≠``, 0xB8
    ``á`` as ``∏``, 0xE9 ``ộ`` as ``È``)."""
    t = _tables(name)
    mac = {chr(b): bytes([b]).decode("mac_roman") for b in range(256)}
    view = lambda code: "".join(mac[c] for c in code)   # noqa: E731
    return _Tables({k: view(v) for k, v in t.encode.items()},
                   {view(k): v for k, v in t.decode.items() if all(ord(c) <= 0xFF and
                                                               _CHAR_OF[ord(c)] == c for c in k)},
                   frozenset(view(c) for c in t.shared if all(_CHAR_OF[ord(x)] == x for x in c)))


def _pieces_single(text: str, name: str, mac: bool = False) -> list[Piece]:
    """A one-byte-per-letter table (TCVN3, VPS, VISCII); codes noted ``shared``
    (a capital written with the lower-case byte) get their case from the word.
    ``mac``: the bytes as Mac OS Roman shows them (:func:`_mac_tables`)."""
    t = _mac_tables(name) if mac else _tables(name)
    out_chars: list[str] = []
    is_shared: list[bool] = []
    for c in text:
        d = t.decode.get(c)
        out_chars.append(d if d is not None else c)
        is_shared.append(d is not None and c in t.shared)
    _restore_tcvn3_case(out_chars, is_shared)
    return [(i, i + 1, o) for i, o in enumerate(out_chars)]


def _restore_tcvn3_case(chars: list[str], shared: list[bool]) -> None:
    """Upper-case decoded toned letters whose word is in capitals (module doc).

    A word's own letters decide first: no lower-case and two or more capitals
    (``CéNG``).  A word with at most one capital of its own (``Uû``, ``X·``,
    ``ë``) follows its neighbours: upper-cased when every adjacent word (joined
    by spaces or a dash, same line) has capitals and no lower-case letter.  ``Sè: 04/BC`` (colon) and
    ``QCDC ë c¬ së`` (a lower-case neighbour) stay lower-case.
    """
    words: list[list] = []  # [start, end, n_upper, n_lower, has_shared]
    i, n = 0, len(chars)
    while i < n:
        if chars[i].isalpha():
            j = i
            up = low = 0
            has = False
            while j < n and chars[j].isalpha():
                if shared[j]:
                    has = True
                elif chars[j].isupper():
                    up += 1
                elif chars[j].islower():
                    low += 1
                j += 1
            words.append([i, j, up, low, has])
            i = j
        else:
            i += 1

    def caps(k: int) -> bool:
        return words[k][3] == 0 and words[k][2] >= 1

    def adjacent(a: int, b: int) -> bool:
        gap = "".join(chars[words[a][1]:words[b][0]])
        return 0 < len(gap) <= 5 and all(c in " \t-\u2013\u2014" for c in gap)

    for k, (s, e, up, low, has) in enumerate(words):
        if not has or low:
            continue
        if up >= 2:
            upper = True
        else:
            neigh = [x for x in (k - 1, k + 1) if 0 <= x < len(words) and adjacent(min(k, x), max(k, x))]
            upper = bool(neigh) and all(caps(x) for x in neigh)
        if upper:
            for x in range(s, e):
                if shared[x]:
                    chars[x] = chars[x].upper()


_VNI_BASES = frozenset("aeiouyAEIOUYôöÔÖ")


def _pieces_vni(text: str) -> list[Piece]:
    t = _tables("vni.tsv")
    dec = t.decode
    pieces: list[Piece] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _VNI_BASES and i + 1 < n:
            two = text[i:i + 2]
            d = dec.get(two)
            if d is None:
                # the modifier in the other case (``Aø``): the base decides the case
                m = text[i + 1]
                alt = c + (m.upper() if c.isupper() else m.lower())
                if alt != two and alt in dec and m.isalpha():
                    d = dec[alt]
            if d is not None:
                # ô/ö/Ô/Ö + tone: the one-byte ơ/ư carries the tone
                pieces.append((i, i + 2, d))
                i += 2
                continue
        d = dec.get(c)
        pieces.append((i, i + 1, d if d is not None else c))
        i += 1
    return pieces


def _utf8_len(b: int) -> int:
    if 0xC2 <= b <= 0xDF:
        return 2
    if 0xE0 <= b <= 0xEF:
        return 3
    if 0xF0 <= b <= 0xF4:
        return 4
    return 0


def _pieces_utf8(text: str) -> list[Piece]:
    """UTF-8 bytes that were decoded as cp1252/Latin-1 (``Cá»™ng`` → ``Cộng``)."""
    pieces: list[Piece] = []
    i, n = 0, len(text)
    while i < n:
        b = _BYTE_OF.get(text[i])
        k = _utf8_len(b) if b is not None else 0
        if k and i + k <= n:
            bs = [_BYTE_OF.get(ch) for ch in text[i:i + k]]
            if all(x is not None for x in bs):
                try:
                    ch = bytes(bs).decode("utf-8")
                except UnicodeDecodeError:
                    ch = None
                if ch is not None:
                    pieces.append((i, i + k, ch))
                    i += k
                    continue
        pieces.append((i, i + 1, text[i]))
        i += 1
    return pieces


@lru_cache(maxsize=64)
def prepare(text: str, enc: str) -> str:
    """``text`` with the glyph substitutes of ``enc`` (``data/legacy_glyphs.tsv``)
    put back to the legacy byte they stand for; same length, so offsets hold.

    A ``word`` substitute (minus, bullet, hyphen: also ordinary characters) is
    put back only when it touches a letter and the word around it (letters,
    legacy bytes and substitutes, no spaces) then decodes to a Vietnamese
    syllable: ``t−íng`` → ``tướng``, but ``N§-CP`` keeps its hyphen and
    ``5−3`` its minus.  The ASCII hyphen also needs a letter on both sides or
    another non-ASCII character in its word (``t-íng``, not ``V-``).  An ``always`` substitute (private-use U+F0xx) is put
    back wherever it stands."""
    subs = _substitutes()
    if enc not in _BYTE_ENCODINGS or subs.keys().isdisjoint(text):
        return text
    find = _substitute_finder(enc).search   # jump from one substitute of enc to the next
    if find(text) is None:
        return text
    dec = _DECODERS[enc]
    chars = list(text)
    n = len(text)

    def in_word(c: str) -> bool:
        return c.isalpha() or c in subs or c == "\xad" or (c in _BYTE_OF and _BYTE_OF[c] >= 0xA0)

    changed = False   # nothing put back: the text itself
    i = 0
    while i < n:
        m = find(text, i)
        if m is None:
            break
        i = m.start()
        c = text[i]
        sub = subs[c]
        if not sub.word_only:
            chars[i] = sub.byte_char
            changed = True
            i += 1
            continue
        s = i
        while s > 0 and in_word(text[s - 1]) and i - s < 40:
            s -= 1
        e = i + 1
        while e < n and in_word(text[e]) and e - i < 40:
            e += 1
        word = [subs[x].byte_char if x in subs and enc in subs[x].encodings else x for x in text[s:e]]
        # an ASCII substitute (the hyphen) also needs the word to be legacy on
        # its own: a letter on both sides, or another non-ASCII character
        # ("V- P" in broken capitals is not "Vư")
        ascii_ok = not c.isascii() or (0 < i - s and e - i > 1) or not text[s:e].replace(c, "").isascii()
        if e - s > 1 and ascii_ok and any(x.isalpha() for x in text[s:e]):
            after = unicodedata.normalize("NFC", _join(dec("".join(word))))
            if is_vietnamese_syllable(after):
                for k in range(s, e):
                    if text[k] in subs and enc in subs[text[k]].encodings:
                        chars[k] = word[k - s]
                        changed = True
        i = e
    return "".join(chars) if changed else text


_DECODERS: dict[str, Callable[[str], list[Piece]]] = {
    "tcvn3": _pieces_tcvn3,
    "vni": _pieces_vni,
    "utf8": _pieces_utf8,
    # after the three above: a tie in detect_legacy keeps the earlier one
    "vps": _pieces_vps,
    "viscii": _pieces_viscii,
    # TCVN3 bytes of a .VnTime font a PDF declares MacRomanEncoding (last: ties keep the others)
    "tcvn3-mac": _pieces_tcvn3_mac,
}
#: encodings that keep the Latin-1 letters (à á â ...) at their Latin-1 bytes, and TCVN3 seen
#: through Mac OS Roman (a lone en dash is its é): only words of two characters or more are
#: evidence for them (a lone symbol of foreign text decodes to a vowel)
_LATIN1_SHARING = ("vps", "viscii", "tcvn3-mac")
#: the legacy font encodings (a byte table each; glyph substitutes apply to them)
_BYTE_ENCODINGS = ("tcvn3", "vni", "vps", "viscii")


def _join(pieces: list[Piece]) -> str:
    return "".join(p[2] for p in pieces)


def from_tcvn3(text: str) -> str:
    """TCVN3 mojibake → Unicode (unconditionally; see :func:`repair_legacy`)."""
    return _join(_pieces_tcvn3(prepare(text, "tcvn3")))


def from_vni(text: str) -> str:
    """VNI mojibake → Unicode (unconditionally; see :func:`repair_legacy`)."""
    return unicodedata.normalize("NFC", _join(_pieces_vni(prepare(text, "vni"))))


def from_vps(text: str) -> str:
    """VPS mojibake → Unicode (unconditionally; see :func:`repair_legacy`)."""
    return _join(_pieces_vps(prepare(text, "vps")))


def from_tcvn3_mac(text: str) -> str:
    """TCVN3 bytes shown through Mac OS Roman → Unicode (unconditionally)."""
    return _join(_pieces_tcvn3_mac(text))


def to_tcvn3_mac(text: str) -> str:
    """Clean Vietnamese → TCVN3 bytes as a PDF declared MacRomanEncoding shows them."""
    return to_tcvn3(text).encode("latin-1").decode("mac_roman")


def from_viscii(text: str) -> str:
    """VISCII mojibake → Unicode (unconditionally; see :func:`repair_legacy`)."""
    return _join(_pieces_viscii(prepare(text, "viscii")))


# --------------------------------------------------------------------------
# detection

# a "word" for scoring: a run between spaces, ASCII punctuation/digits and the
# typographic quotes/dashes (which sit in 0x80-0x9F, outside the legacy letters)
_WORD_CLASS = r"\s\d!-/:-@\[-`{-~\u2018-\u201f\u2013\u2014\u2026\u2022"
_WORD = regex.compile(rf"[^{_WORD_CLASS}]{{1,40}}")
_BLOCK = regex.compile(r"[^\n]+(?:\n[^\n]+)*")  # paragraphs: runs of non-empty lines


@dataclass(frozen=True)
class Score:
    words: int      # words with a non-ASCII character
    changed: int    # of which the conversion changes
    valid_before: int
    valid_after: int

    @property
    def gain(self) -> int:
        return self.valid_after - self.valid_before


def _byte_table(encoding: str) -> _Tables:
    return _mac_tables("tcvn3.tsv") if encoding == "tcvn3-mac" else _tables(f"{encoding}.tsv")


@lru_cache(maxsize=None)
def _word_re(encoding: str):
    """The word pattern for scoring ``encoding``: :data:`_WORD`, and for VPS
    and VISCII also the characters their letters show as that :data:`_WORD`
    counts as punctuation or space (``“`` = VISCII ``Ộ``, NBSP = VISCII ``Õ``)
    or leaves out (C0 capitals such as VPS ``\x02`` = ``Ạ``)."""
    if encoding not in _LATIN1_SHARING:
        return _WORD
    extra = sorted({c for code in _byte_table(encoding).decode for c in code
                    if not _WORD.fullmatch(c) or ord(c) < 0x20})
    return regex.compile(rf"(?:[^{_WORD_CLASS}]|[{''.join(regex.escape(c) for c in extra)}]){{1,40}}")


def score(text: str, encoding: str) -> Score:
    """How the conversion ``encoding`` changes the Vietnamese-ness of words."""
    return _score_counts(_view_counts(text, encoding), encoding)


def _view_counts(text: str, encoding: str) -> Counter:
    """The non-ASCII words of ``encoding``'s view of ``text`` (:func:`prepare`,
    cut by :func:`_word_re`), with how often each occurs."""
    return Counter(w for w in _word_re(encoding).findall(prepare(text, encoding)) if not w.isascii())


def _score_counts(counts: Counter, encoding: str) -> Score:
    """:func:`score` from the words of the view: each distinct word once."""
    words = changed = vb = va = 0
    for w, n in counts.items():
        words += n
        ch, b, a = _word_change(encoding, w)
        if ch:
            changed += n
            vb += b * n
            va += a * n
    return Score(words, changed, vb, va)


@lru_cache(maxsize=65536)
def _word_change(encoding: str, w: str) -> tuple[bool, int, int]:
    """(does ``encoding`` change the word, was it valid, is the result valid)."""
    if len(w) < 2 and encoding in _LATIN1_SHARING:
        return False, 0, 0   # a lone § × ÷ – or Ñ is no VPS/VISCII evidence (they keep the Latin-1 letters)
    after = unicodedata.normalize("NFC", _join(_DECODERS[encoding](w)))
    if after == w:
        return False, 0, 0
    return True, _valid_words(w), _valid_words(after)


@lru_cache(maxsize=65536)
def _valid_words(s: str) -> int:
    return int(all(is_vietnamese_syllable(x) for x in _WORD.findall(s)) and bool(s))


def _latin1_legacy_gate(text: str) -> bool:
    """A legacy file read as Latin-1 holds no Unicode-only Vietnamese letters
    and no combining marks (decomposed Unicode Vietnamese has many).

    Clean Unicode Vietnamese fails it, so it never pays for the trial
    conversions; :func:`_beyond_gate` (no per-character work) answers first
    for most paragraphs.  Counted per distinct character (``Counter`` runs in C)."""
    letters = beyond = 0
    for c, n in Counter(text).items():
        if c.isalpha():
            letters += n
            if c in VIETNAMESE_BEYOND_LATIN1:
                beyond += n
        elif "\u0300" <= c <= "\u036f":
            beyond += n
    return beyond <= max(2, 0.02 * letters)


def _fires(s: Score) -> bool:
    """Most non-ASCII words change, and mostly into Vietnamese syllables.

    (A French ``où`` read as VNI gives ``ó``: one word of many, not enough.)"""
    return (s.changed >= 2 and s.changed >= 0.5 * s.words
            and s.valid_after >= 0.7 * s.changed and s.gain >= max(2, 0.3 * s.changed))


#: Unicode-only Vietnamese letters and combining marks: what the gate counts
#: characters beyond Latin-1 that the gate does not count (quotes, dashes, symbols): few in any text
_BEYOND_OTHER = re.compile("[^\x00-\xff\u0300-\u036f" + "".join(sorted(VIETNAMESE_BEYOND_LATIN1)) + "]")
@lru_cache(maxsize=None)
def _extra_word_chars(encoding: str) -> frozenset[str]:
    """The characters :func:`_word_re` counts in words that :data:`_WORD` does not."""
    wre = _word_re(encoding)
    if wre is _WORD:
        return frozenset()
    return frozenset(c for code in _byte_table(encoding).decode for c in code
                     if bool(wre.fullmatch(c)) != bool(_WORD.fullmatch(c)))


def _beyond_gate(text: str) -> bool:
    """The cheap half of :func:`_latin1_legacy_gate`: False when ``text`` holds
    more Unicode-only Vietnamese letters than that gate allows for a text of
    its *length* (letters never outnumber characters).  One C-level count, no
    per-character work: a clean Unicode paragraph stops here."""
    # counted as all characters beyond Latin-1 (the encoder drops them, in C)
    # less the few that are neither a Vietnamese letter nor a combining mark
    beyond = len(text) - len(text.encode("latin-1", "ignore")) - len(_BEYOND_OTHER.findall(text))
    return not (beyond > 2 and beyond > 0.02 * len(text))


def _views_reference(text: str):
    """``(encoding, counts)`` for every encoding: the words :func:`score`
    would see.  Encodings whose view is the text itself cut as :data:`_WORD`
    cuts it (no glyph substitute put back, no VPS/VISCII letter shown as a
    quote, dash or control) share one count; None when no encoding can fire:
    a word adds to the gain only if it was no Vietnamese syllable, and a text
    with fewer than two such words, in every view, cannot gain the two
    syllables :func:`_fires` needs.  Exact: the same numbers as :func:`score`.

    The ungated definition, kept for the tests: :func:`_views` (gated) must
    decide the same (tests/test_legacy_gate.py, :func:`detect_legacy_reference`)."""
    plain = None
    out = []
    for enc in _DECODERS:
        p = prepare(text, enc)
        if p == text and (_word_re(enc) is _WORD or _extra_word_chars(enc).isdisjoint(text)):
            if plain is None:
                plain = Counter(w for w in _WORD.findall(text) if not w.isascii())
            out.append((enc, plain))
        else:
            out.append((enc, _view_counts(text, enc)))
    bad = 0
    for counts in {id(c): c for _, c in out}.values():
        bad = max(bad, sum(n for w, n in counts.items() if not _valid_words(w)))
    return out if bad >= 2 else None


@lru_cache(maxsize=None)
def _run_finders(encoding: str):
    """For VPS, VISCII and TCVN3 through Mac OS Roman (one-byte tables): a
    pattern finding any word character (:func:`_word_re`) that the decoder
    changes (a code whose letter differs, or one noted ``shared``), one
    finding the characters only their words hold (:func:`_extra_word_chars`:
    ``“`` = VISCII ``Ộ``), and the runs of word characters backwards (a run's
    start) and forwards (its end)."""
    t = _byte_table(encoding)
    extra = "".join(regex.escape(c) for c in sorted({c for code in t.decode for c in code
                                                     if not _WORD.fullmatch(c) or ord(c) < 0x20}))
    word = rf"[[^{_WORD_CLASS}]||[{extra}]]"
    is_word = regex.compile(rf"(?V1){word}")
    active = sorted(k for k, v in t.decode.items() if (v != k or k in t.shared) and is_word.fullmatch(k))
    assert all(len(k) == 1 for k in active), "one-byte tables only"
    # re, not regex: a long character class is a C bitmap there
    cls = lambda chars: re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]"  # noqa: E731
                                   if chars else "(?!)")
    return (cls(active), cls(_extra_word_chars(encoding)),
            regex.compile(rf"(?rV1){word}*"), regex.compile(rf"(?V1){word}+"))


def _runs(view: str, find, back, ahead):
    """The runs of word characters (``back``/``ahead``) holding a character ``find`` finds."""
    i = 0
    while True:
        m = find.search(view, i)
        if m is None:
            return
        end = ahead.match(view, m.start()).end()
        yield view[back.match(view, 0, m.start()).start():end]
        i = end


def _chunks(run: str) -> list[str]:
    """A run of word characters cut as ``{1,40}`` cuts it."""
    return [run] if len(run) <= 40 else [run[k:k + 40] for k in range(0, len(run), 40)]


def _gainers(counts, encoding: str, enough: int = 2) -> int:
    """Occurrences of words that ``encoding`` turns from no syllable into
    syllables (counted up to ``enough``): the gain :func:`_fires` needs (two)
    cannot come from fewer."""
    g = 0
    for w, n in counts:
        if _word_change(encoding, w) == (True, 0, 1):
            g += n
            if g >= enough:
                break
    return g


def _run_gainers(view: str, encoding: str) -> int:
    """:func:`_gainers` of a one-byte ``encoding``'s view when it is NFC,
    without cutting all of it: only the runs holding a character the decoder
    changes (:func:`_run_finders`).  A word without one cannot change
    (:func:`_word_change`): its decoding is itself, and a substring of an NFC
    text is NFC."""
    find, _, back, ahead = _run_finders(encoding)
    words = (w for run in _runs(view, find, back, ahead) for w in _chunks(run) if not w.isascii())
    return _gainers(((w, 1) for w in words), encoding)


def _joined_counts(text: str, encoding: str, plain: Counter) -> Counter:
    """:func:`_view_counts` of ``text`` for VPS, VISCII or TCVN3 through Mac OS
    Roman, when no glyph substitute was put back, from the :data:`_WORD` words
    (``plain``): a run of word characters without any of the characters only
    their words hold (``“`` ``–`` NBSP ...) is a :data:`_WORD` run, cut the
    same way; a run with one replaces the :data:`_WORD` words inside it."""
    counts = Counter(plain)
    _, find, back, ahead = _run_finders(encoding)
    for run in _runs(text, find, back, ahead):
        for w in _WORD.findall(run):
            if not w.isascii():
                n = counts[w] - 1
                if n:
                    counts[w] = n
                else:
                    del counts[w]
        for w in _chunks(run):
            if not w.isascii():
                counts[w] += 1
    return counts


def _plain_counts(text: str) -> Counter:
    """The non-ASCII :data:`_WORD` words of ``text``, with how often each occurs."""
    return Counter(w for w in _WORD.findall(text) if not w.isascii())


class _Paragraphs:
    """A text's paragraphs (:data:`_BLOCK`: runs of non-empty lines) with their
    words (:func:`_plain_counts`) and whether :func:`prepare` puts a glyph
    substitute back in them, each found once: no word and no substitute's
    word (:func:`prepare`) holds a line break, so the text's words are its
    paragraphs' and it is its own :func:`prepare` when each of them is."""

    def __init__(self, text: str):
        self.blocks = [(m.start(), m.end(), m.group()) for m in _BLOCK.finditer(text)]
        self._plain: dict[str, Counter] = {}
        self._same: dict[tuple[str, str], bool] = {}
        self._chars: dict[str, set] = {}   # a paragraph's characters, for the six encodings' tests

    def plain(self, block: str) -> Counter:
        c = self._plain.get(block)
        if c is None:
            c = self._plain[block] = _plain_counts(block)
        return c

    def same(self, block: str, enc: str) -> bool:
        k = (block, enc)
        v = self._same.get(k)
        if v is None:
            chars = self._chars.get(block)
            if chars is None:
                chars = self._chars[block] = set(block)
            v = self._same[k] = _substitute_chars(enc).isdisjoint(chars) or prepare(block, enc) == block
        return v

    def whole_plain(self) -> Counter:
        total = Counter()
        for _, _, block in self.blocks:
            total.update(self.plain(block))
        return total

    def whole_same(self, enc: str) -> bool:
        return all(self.same(block, enc) for _, _, block in self.blocks)


def _views(text: str, plain_of: Optional[Callable[[], Counter]] = None,
           same_of: Optional[Callable[[str], bool]] = None):
    """``(encoding, counts)`` for the encodings that can fire, in
    :data:`_DECODERS` order (ties keep the earlier one), counts as
    :func:`score` sees them; None when none can.  ``plain_of()`` gives
    :func:`_plain_counts` of ``text`` and ``same_of(enc)`` whether it is its
    own :func:`prepare` (:func:`repair_legacy`: from its paragraphs', kept
    for their own decisions, :class:`_Paragraphs`).

    The gain :func:`_fires` needs is two words made syllables out of words
    that were none, so an encoding with fewer such words in its view
    (:func:`_gainers`) is left out: QĐ, HĐND or an English word is no
    syllable before nor after any conversion.  The :data:`_WORD` words are cut
    once: the view of every encoding whose glyph substitutes are not put back
    (:func:`prepare`) is made of them (:func:`_joined_counts` for the
    characters VPS, VISCII and TCVN3-mac count in words: ``“dân`` is one word
    for them), and only the words that are no syllable are tried.  For those
    three, the words holding a character their decoder changes are tried first
    (:func:`_run_gainers`): the typographic quotes of a Unicode report make
    no word a syllable.  Exact: the decisions of :func:`_views_reference`
    (tests/test_legacy_gate.py)."""
    plain = bad = None
    out = []
    chars = set(text)
    for enc in _DECODERS:
        if same_of is not None:
            same = same_of(enc)
        else:
            same = _substitute_chars(enc).isdisjoint(chars) or prepare(text, enc) == text
        if not same:
            counts = _view_counts(text, enc)   # glyph substitutes put back: the view cut itself
        else:
            if plain is None:
                plain = plain_of() if plain_of is not None else _plain_counts(text)
                bad = [(w, n) for w, n in plain.items() if not _valid_words(w)]
            extra = _extra_word_chars(enc)
            if not extra or extra.isdisjoint(chars):
                if _gainers(bad, enc) >= 2:
                    out.append((enc, plain))
                continue
            if unicodedata.is_normalized("NFC", text) and _run_gainers(text, enc) < 2:
                continue
            counts = _joined_counts(text, enc, plain)
        if _gainers(counts.items(), enc) >= 2:
            out.append((enc, counts))
    return out or None


def detect_legacy_reference(text: str) -> Optional[str]:
    """:func:`detect_legacy` through :func:`_views_reference` (every view cut
    whole): what the gated path must decide (tests/test_legacy_gate.py)."""
    return _detect(text, _views_reference)


def detect_legacy(text: str) -> Optional[str]:
    """``'tcvn3'``, ``'vni'``, ``'utf8'`` (UTF-8 read as cp1252), ``'vps'``,
    ``'viscii'``, ``'tcvn3-mac'`` (TCVN3 through Mac OS Roman) or None."""
    return _detect(text, _views)


def _detect(text: str, views_of) -> Optional[str]:
    if text.isascii() or not _beyond_gate(text) or not _latin1_legacy_gate(text):
        return None
    views = views_of(text)
    if views is None:
        return None
    best, best_gain = None, 0
    for enc, counts in views:
        s = _score_counts(counts, enc)
        if _fires(s) and s.gain > best_gain:
            best, best_gain = enc, s.gain
    return best


def repair_legacy(text: str) -> Optional[tuple[list[Piece], list[str]]]:
    """Pieces converting legacy-encoded parts of ``text``, and repair names
    (``legacy:tcvn3``, ``legacy:vni``, ``legacy:utf8``, ``legacy:vps``, ``legacy:viscii``,
    ``legacy:tcvn3-mac``); None when
    nothing to do.

    The decision is made on the whole text; when it does not fire (a Unicode
    report with a pasted TCVN3 paragraph), each paragraph with at least three
    converted words is judged on its own, and in the paragraphs left, each
    line holding legacy marks (:data:`_STRONG`) is converted span by span
    (:func:`_legacy_runs`).  Words the conversion would turn from valid into
    invalid syllables are kept as they are, and so is the Unicode part of a
    mixed line (one with Unicode-only Vietnamese letters).
    """
    if text.isascii():
        return None
    paras = _Paragraphs(text)
    enc = _detect(text, lambda t: _views(t, paras.whole_plain, paras.whole_same))
    if enc is not None:
        return _convert_span(text, 0, len(text), enc), [f"legacy:{enc}"]
    pieces: list[Piece] = []
    names: list[str] = []
    pos = 0

    def emit(s: int, e: int, enc: str, converted: list[Piece]) -> None:
        nonlocal pos
        if pos < s:
            pieces.append((pos, s, text[pos:s]))
        pieces.extend(converted)
        pos = e
        if f"legacy:{enc}" not in names:
            names.append(f"legacy:{enc}")

    for start, end, block in paras.blocks:
        e = _detect(block, lambda t: _views(t, lambda: paras.plain(t), lambda enc: paras.same(t, enc)))
        if e is not None and score(block, e).changed >= 3:
            emit(start, end, e, _convert_span(text, start, end, e))
            continue
        if not _STRONG_ANY_RE.search(block):
            continue      # clean text stops here: no legacy mark in the paragraph
        for s, e2, enc in _legacy_runs(text, start, end):
            emit(s, e2, enc, _convert_span(text, s, e2, enc, mixed=False))
    if not names:
        return None
    if pos < len(text):
        pieces.append((pos, len(text), text[pos:]))
    return pieces, names


def _strong_marks(enc: str) -> frozenset[str]:
    """Characters of ``enc``'s codes (and glyph substitutes) that Unicode
    Vietnamese does not use: ``µ ¸ ® ­ Ö Ü ñ`` for TCVN3, ``ø ï ñ ö õ û`` ... for
    VNI.  A line without any of them holds no legacy text of ``enc``."""
    latin1_vn = {c for c in VIETNAMESE_MARKED if ord(c) <= 0xFF}
    chars = {c for code in _tables(f"{enc}.tsv").decode for c in code if ord(c) > 0x7F}
    chars |= {ch for ch, sub in _substitutes().items() if enc in sub.encodings and not ch.isascii()}
    return frozenset(chars - latin1_vn)


_STRONG = {enc: _strong_marks(enc) for enc in ("tcvn3", "vni")}


@lru_cache(maxsize=None)
def _strong_in_word(enc: str):
    """A legacy mark of ``enc`` next to another word character: found in every
    word of two characters or more that holds a mark (what a legacy run needs)."""
    marks = "".join(regex.escape(c) for c in sorted(_STRONG[enc]) if _WORD.fullmatch(c))
    return regex.compile(rf"[{marks}][^{_WORD_CLASS}]|[^{_WORD_CLASS}][{marks}]")
_STRONG_ANY = _STRONG["tcvn3"] | _STRONG["vni"]
_STRONG_ANY_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_STRONG_ANY)) + "]")   # re: a C bitmap
_LINE = regex.compile(r"[^\n]+")


def _is_unicode_word(w: str) -> bool:
    return any(c in VIETNAMESE_BEYOND_LATIN1 or "\u0300" <= c <= "\u036f" for c in w)


def _legacy_runs(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Spans of text[start:end] to convert, line by line: ``(start, end, encoding)``.

    Each word is one of: *Unicode* (it holds a Unicode-only Vietnamese letter,
    or it is a syllable the conversion would break), *legacy* (not a syllable,
    and converted it is one), *ambiguous* (a syllable before and after:
    ``Céng``/``Cộng``, ``có``/``cú``) or neutral (ASCII, digits, unchanged).
    Unicode words cut a line into runs; a run is converted from its first to
    its last legacy word, and up to the line's start or end when no Unicode
    word stands between (``Céng hoµ x· héi`` at the start of a line), and
    only when one of its legacy words (of two letters or more) holds a
    legacy mark (``cña``; a bad OCR's ``véi``, which TCVN3 would make
    ``vội``, or a lone ``Ñ`` are no evidence).  A line without any
    Unicode-only letter must moreover pass the document test (:func:`_fires`) on its own,
    so an English-mode OCR line (``thãnh lip ... näm 2017``) is left alone.
    The encoding of
    a line is the one that finds more legacy words (TCVN3 first)."""
    out: list[tuple[int, int, str]] = []
    for lm in _LINE.finditer(text, start, end):
        line = lm.group()
        best: list[tuple[int, int, str]] = []
        best_n = 0
        for enc in ("tcvn3", "vni"):
            strong = _STRONG[enc]
            if strong.isdisjoint(line):
                continue
            prep = prepare(line, enc)
            if not _strong_in_word(enc).search(prep):
                continue   # no word of two letters holds a legacy mark: no run can be legacy (exact shortcut)
            words = []   # (start, end, kind)
            for m in _WORD.finditer(prep):
                w = m.group()
                if w.isascii() or not any(c.isalpha() for c in w):
                    continue   # a lone symbol (© § · ½) is no evidence either way
                if _is_unicode_word(w):
                    words.append((m.start(), m.end(), "U"))
                    continue
                changed, vb, va = _word_change(enc, w)
                if not changed:
                    continue
                if vb and not va:
                    kind = "U"
                elif va and not vb and w.isupper():
                    kind = "A"   # capitals: a code with an eth (NÐ-CP) more likely than .VnTimeH
                elif va and not vb:
                    kind = "L!" if not strong.isdisjoint(w) else "L"
                elif va and vb:
                    kind = "A"
                else:
                    continue
                words.append((m.start(), m.end(), kind))
            if not _is_unicode_word(line) and not _fires(score(line, enc)):
                continue   # no Unicode-only letter: the line must read as legacy on its own (not a bad OCR line)
            spans, n_legacy = [], 0
            run: list[tuple[int, int, str]] = []
            unicode_before = False
            for item in words + [(len(line), len(line), "END")]:
                if item[2] not in ("U", "END"):
                    run.append(item)
                    continue
                legacy = [x for x in run if x[2].startswith("L")]
                # evidence: a legacy word of two letters or more holding a legacy mark
                # (``cña``; not ``véi`` → ``vội`` of a bad OCR, nor a lone ``Ñ``)
                if any(x[2] == "L!" and x[1] - x[0] > 1 for x in legacy):
                    first = legacy[0] if unicode_before else run[0]
                    last = run[-1] if item[2] == "END" else legacy[-1]
                    spans.append((lm.start() + first[0], lm.start() + last[1], enc))
                    n_legacy += len(legacy)
                run = []
                unicode_before = True
            if n_legacy > best_n:
                best, best_n = spans, n_legacy
        out.extend(best)
    return out


def _convert_span(text: str, start: int, end: int, enc: str, mixed: bool = True) -> list[Piece]:
    """Pieces for text[start:end] converted word by word (word-valid guard).

    With ``mixed`` (a text judged legacy as a whole), a line that holds
    Unicode-only Vietnamese letters is converted only in its legacy runs
    (:func:`_legacy_runs`): the Unicode words of a mixed line stay."""
    span = prepare(text[start:end], enc)
    dec = _DECODERS[enc]
    # guard: keep words that were valid syllables and would become invalid
    keep: set[int] = set()
    for m in _WORD.finditer(span):
        w = m.group()
        if w.isascii() or not is_vietnamese_syllable(w):
            continue
        after = unicodedata.normalize("NFC", _join(dec(w)))
        if after != w and not _valid_words(after):
            keep.update(range(m.start(), m.end()))
    if mixed and enc in _STRONG and any(c in VIETNAMESE_BEYOND_LATIN1 for c in span):
        for lm in _LINE.finditer(span):
            if not _is_unicode_word(lm.group()):
                continue
            runs = [(s - start, e - start) for s, e, en in _legacy_runs(text, start + lm.start(), start + lm.end())
                    if en == enc]
            inside = set()
            for s, e in runs:
                inside.update(range(s, e))
            keep.update(k for k in range(lm.start(), lm.end()) if k not in inside)
    out: list[Piece] = []
    for s, e, o in dec(span):
        if keep and s in keep:
            out.extend((start + k, start + k + 1, text[start + k]) for k in range(s, e))
        else:
            out.append((start + s, start + e, o))
    return out


# --------------------------------------------------------------------------
# bytes

_TEXT_CONTROLS = set(b"\t\n\r\x0b\x0c\x1a")


def _looks_utf16(data: bytes) -> Optional[str]:
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2]
    odd = data[1::2]
    z_even = even.count(0) / len(even)
    z_odd = odd.count(0) / len(odd)
    if z_odd > 0.3 and z_even < 0.05:
        return "utf-16-le"
    if z_even > 0.3 and z_odd < 0.05:
        return "utf-16-be"
    return None


def _junk_reason(data: bytes) -> Optional[str]:
    if not data:
        return None
    nul = data.count(0)
    ctrl = sum(1 for b in data if b < 0x20 and b not in _TEXT_CONTROLS)
    if nul > 0.01 * len(data) or ctrl > 0.05 * len(data):
        return f"{ctrl} control bytes ({nul} NUL) in {len(data)}"
    return None


def _vn_score(text: str) -> int:
    """Valid minus invalid non-ASCII words: how Vietnamese a decoding reads."""
    good = bad = 0
    for m in _WORD.finditer(text):
        w = m.group()
        if w.isascii():
            continue
        if is_vietnamese_syllable(w):
            good += 1
        else:
            bad += 1
    return good - bad


def _decode_8bit(data: bytes) -> str:
    """cp1252, with the five bytes it leaves undefined read as Latin-1: legacy
    Vietnamese files were typed on Windows (“quotes” are cp1252 bytes)."""
    return "".join(_CHAR_OF[b] for b in data)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file's bytes: ``(text, encoding_name)``.

    Order: BOMs (``utf-8-sig``, ``utf-16``), UTF-16 without BOM (NULs in every
    other byte), strict ``utf-8``; then the 8-bit candidates ``cp1258`` (NFC
    of its combining tone marks) and cp1252 followed by a legacy conversion
    (``tcvn3``, ``vni``), or plain ``cp1252``/``latin-1`` when no conversion
    fires — whichever reads as the most Vietnamese syllables (ties: a detected
    legacy encoding, then cp1252, then cp1258).  VPS and VISCII bytes, scored
    converted, are returned as their cp1252 text: :func:`repair_legacy` (the
    normalisation) converts them and names the repair ``legacy:vps`` /
    ``legacy:viscii`` (the run names the decode-time conversions of TCVN3 and
    VNI itself).
    Raises ``ValueError("undecodable text: ...")`` for binary junk.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    u16 = _looks_utf16(data)
    if u16:
        try:
            text = data.decode(u16)
            if _junk_reason(text.encode("utf-8", errors="replace")) is None:
                return text, u16
        except UnicodeDecodeError:
            pass
    reason = _junk_reason(data)
    if reason:
        raise ValueError(f"undecodable text: {reason}")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    latin = _decode_8bit(data)
    cands: list[tuple[int, int, str, str]] = []  # score, priority, text, name
    try:
        t1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
        cands.append((_vn_score(t1258), 0, t1258, "cp1258"))
    except UnicodeDecodeError:
        pass
    enc = detect_legacy(latin)
    try:
        t1252, name1252 = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        t1252, name1252 = latin, "latin-1"
    if enc in _BYTE_ENCODINGS:
        conv = unicodedata.normalize("NFC", _join(_DECODERS[enc](prepare(latin, enc))))
        if enc in ("tcvn3", "vni"):
            cands.append((_vn_score(conv), 2, conv, enc))
        else:
            # VPS/VISCII: the cp1252 text, which the normalisation converts (repair legacy:vps)
            cands.append((_vn_score(conv), 2, latin, name1252))
    cands.append((_vn_score(t1252), 1, t1252, name1252))
    cands.sort(key=lambda c: (c[0], c[1]), reverse=True)
    return cands[0][2], cands[0][3]
