"""Reading numbers the way Vietnamese reports write them.

* thousands with a dot, decimals with a comma: ``2.948`` → 2948,
  ``534.214.000`` → 534214000, ``98,61`` → 98.61;
* a decimal dot in percentages (``94.28%``, ``0.7 %``) and wherever the
  groups after the dot are not groups of three (``3.84``);
* leading zeros (``04`` → 4);
* fractions ``990/1004`` (part and whole) — the caller decides what they mean;
* OCR confusions inside digit runs (``1O2`` → 102, ``l5`` → 15);
* small number words (``hai`` → 2) and compounds with ``mười``/``mươi``
  (``hai mươi`` → 20, ``mười lăm`` → 15; their words are not read alone),
  offered as candidates only: the caller accepts them when a unit follows.

What is *not* a figure is decided here too, from the characters around a
number: dates (``14/8/2023``, ``12/2024``, ``20-24/5/2024``), document numbers
(``59/2023/NĐ-CP``, ``166/KH-UBND``, ``30-CT/TW``, ``78 /BC-UBND``), legal
references (``Điều 11``, ``khoản 2``), ordinals and place numbers (``thứ 13``,
``Phường 4``; ``loại 2``, ``điểm 3`` but not ``phân loại 56 đơn``, ``giải quyết dứt
điểm 15/15 đơn``), changes (``giảm 15 đơn``,
``tăng thêm 6``), years (``2024``) and list numbering (``1.``, ``1.2.``).

All functions work on a *view* of the text that has the same length as the
text (see :func:`number_view`), so every span is a span of the text itself.
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from typing import Optional

import regex

from baocao.extractors import confusions
from baocao.extractors.metrics_vocab import fold_lower

# --------------------------------------------------------------------------- parsing

_DIGITS_ONLY = regex.compile(r"[\d.,]+")
_PCT_AFTER = regex.compile(r"[ \t]?%")
_THOUSANDS_DOT = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_THOUSANDS_COMMA = regex.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")


def parse_vn_number(s: str, *, percent: bool = False) -> Optional[float]:
    """Value of a number written the Vietnamese way; None when it is not one.

    ``percent=True`` means a ``%`` follows: a single dot is then a decimal
    point (``94.28%``), as some reports write it.
    """
    if s is None:
        return None
    s = s.strip().replace(" ", "")
    if not s or not s[0].isdigit() or not s[-1].isdigit():
        return None
    if not _DIGITS_ONLY.fullmatch(s):
        return None
    try:
        if "." in s and "," in s:
            if _THOUSANDS_DOT.fullmatch(s):
                return float(s.replace(".", "").replace(",", "."))
            if _THOUSANDS_COMMA.fullmatch(s):      # English style 1,234,567.5
                return float(s.replace(",", ""))
            return None
        if "," in s:
            if s.count(",") > 1:
                if _THOUSANDS_COMMA.fullmatch(s):
                    return float(s.replace(",", ""))
                return None
            return float(s.replace(",", "."))
        if "." in s:
            if percent and s.count(".") == 1:
                return float(s)
            if _THOUSANDS_DOT.fullmatch(s):
                return float(s.replace(".", ""))
            if s.count(".") == 1:
                return float(s)               # 3.84, 0.7: a decimal dot
            return None
        return float(int(s))
    except ValueError:
        return None


WORD_NUMBERS = {
    # "năm" (5, also "year") and "sáu" (6, folds like "sau" = after) are left out on purpose.
    "mot": 1, "hai": 2, "ba": 3, "bon": 4, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}

# --------------------------------------------------------------------------- the view

# letters OCR prints for digits (data/ocr_confusions.tsv, use "digit")
_DIGIT_LIKE = confusions.seen("digit")
_DIGIT_TR = confusions.translation("digit")
_DL = confusions.char_class("digit")
_OCR_DIGITISH = regex.compile(rf"(?<![a-z0-9])[0-9{_DL}.,]*[0-9][0-9{_DL}.,]*(?![a-z0-9])", regex.I)


def _ignorecase_class(cls: str) -> str:
    """An ``re`` class of exactly the characters ``regex``'s ``[cls]`` matches with
    ``regex.I``: ASCII by test, and the few others simple case folding adds
    (U+0130 İ, U+0131 ı, U+017F ſ, U+212A K: the ones that fold to ASCII letters)."""
    return "[" + "".join(regex.escape(c) for c in _ignorecase_chars(cls)) + "]"


def _ignorecase_chars(cls: str) -> list[str]:
    """The characters of :func:`_ignorecase_class`."""
    rx = regex.compile("[" + cls + "]", regex.I)
    chars = [chr(c) for c in range(128)] + ["\u0130", "\u0131", "\u017f", "\u212a"]
    return [c for c in chars if rx.match(c)]


# _OCR_DIGITISH for ``re`` (faster on these plain classes; tests compare both over every code point)
_OCR_DIGITISH_RE = re.compile(
    "(?<!" + _ignorecase_class("a-z0-9") + ")" + _ignorecase_class("0-9" + _DL + ".,") + "*[0-9]"
    + _ignorecase_class("0-9" + _DL + ".,") + "*(?!" + _ignorecase_class("a-z0-9") + ")")
_MD = regex.compile(r"<sup>[^<\n]{0,12}</sup>|\*\*+|(?m:^[ \t]*#{1,6}(?=\s))")


# _MD's branches apart (what they match holds no line break, and none of them can start
# inside another's match: their characters differ): the heading marks after each "\n"
_MD_INLINE = regex.compile(r"<sup>[^<\n]{0,12}</sup>|\*\*+")
_MD_HEADING = regex.compile(r"[ \t]*#{1,6}(?=\s)")
_MD_HEADING_AFTER_BREAK = regex.compile(r"\n([ \t]*#{1,6}(?=\s))")


def base_view(text: str) -> str:
    """Folded, lower-case, Markdown emphasis and footnote marks blanked; same length.

    The marks are those ``_MD`` finds (:func:`base_view_reference`); its inline
    marks and its line-start heading marks are found in two scans."""
    v = fold_lower(text)
    v = v.replace("\f", "\n").replace("\u0000", " ")
    if "**" not in v and "<sup>" not in v and "#" not in v:
        return v   # nothing _MD could match
    spans = [m.span() for m in _MD_INLINE.finditer(v)] if "**" in v or "<sup>" in v else []
    if "#" in v:
        m = _MD_HEADING.match(v)
        if m is not None:
            spans.append(m.span())
        spans += [m.span(1) for m in _MD_HEADING_AFTER_BREAK.finditer(v)]
        spans.sort()
    if not spans:
        return v
    parts, pos = [], 0
    for s, e in spans:
        parts.append(v[pos:s])
        parts.append(" " * (e - s))
        pos = e
    parts.append(v[pos:])
    return "".join(parts)


def base_view_reference(text: str) -> str:
    """The definition :func:`base_view` is checked against (one ``_MD`` substitution)."""
    v = fold_lower(text).replace("\f", "\n").replace("\u0000", " ")
    return _MD.sub(lambda m: " " * len(m.group()), v)


def _repair_digits(m) -> str:
    t = m.group()
    if not any(c in _DIGIT_LIKE for c in t):
        return t
    return t.translate(_DIGIT_TR)


# a digit, then characters of the token class but digits, then a letter _repair_digits
# changes: a token of _OCR_DIGITISH_RE that holds such a letter holds this (from the letter
# to its nearest digit), read forwards or, when the letter comes first, on the reversed view
_DIGIT_THEN_LIKE = re.compile(
    "[0-9][" + "".join(regex.escape(c) for c in _ignorecase_chars("0-9" + _DL + ".,") if not "0" <= c <= "9")
    + "]*[" + "".join(regex.escape(c) for c in sorted(_DIGIT_LIKE)) + "]")


def number_view(text: str, base: Optional[str] = None) -> str:
    """View for finding numbers: base view with OCR letter/digit confusions inside
    digit runs repaired (``1O2`` → ``102``, ``l5`` → ``15``).

    What :func:`number_view_reference` gives; a view where no token would be
    repaired (:func:`_repairs_somewhere`) is returned as it is."""
    v = base if base is not None else base_view(text)
    if not _repairs_somewhere(v):
        return v
    # only tokens that already contain a digit and consist of digit-like characters
    return _OCR_DIGITISH_RE.sub(_repair_digits, v)


_TOKEN_CHARS = frozenset(_ignorecase_chars("0-9" + _DL + ".,"))


def _repairs_somewhere(v: str) -> bool:
    """Whether ``_OCR_DIGITISH_RE.sub(_repair_digits, v)`` changes ``v``: whether a
    token holds a digit-like letter (and so is repaired).  Such a token lies in a run
    of the token class's characters that holds a ``_DIGIT_THEN_LIKE`` match (forwards
    or on the reversed view); only those runs are scanned, each with the character
    after it (the token's lookahead: a token never crosses a run's ends, and the scan
    starts afresh at each run)."""
    n = len(v)
    for rev in (False, True):
        view = v[::-1] if rev else v
        for m in _DIGIT_THEN_LIKE.finditer(view):
            p = n - m.end() if rev else m.start()
            s = e = p
            while s > 0 and v[s - 1] in _TOKEN_CHARS:
                s -= 1
            while e < n and v[e] in _TOKEN_CHARS:
                e += 1
            for t in _OCR_DIGITISH_RE.finditer(v, s, e + 1):
                if _repair_digits(t) != t.group():
                    return True
    return False


def number_view_reference(text: str, base: Optional[str] = None) -> str:
    """The definition :func:`number_view` is checked against (``regex``, ``regex.I``)."""
    v = base if base is not None else base_view(text)
    return _OCR_DIGITISH.sub(_repair_digits, v)


# --------------------------------------------------------------------------- tokens

@dataclass
class NumToken:
    start: int
    end: int
    value: float
    text: str
    ocr_fixed: bool = False
    is_word: bool = False


_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d+|\d+"
_TOKEN = regex.compile(r"(?<![\w.,/\-])(?:" + _NUM + r")")
_ATTACHED_UNIT = regex.compile(r"(?:%|ha|km|m2|m3|kg|ty|tr)(?![a-z0-9])")
# ASCII classes and literals only: ``re`` reads it as ``regex`` does, several times faster
_WORD_TOKEN_PATTERN = r"(?<![a-z0-9])(" + "|".join(WORD_NUMBERS) + r")(?=[ \t\n]+[a-z%])"
_WORD_TOKEN_REFERENCE = regex.compile(_WORD_TOKEN_PATTERN)
# the same matches with each word's look-behind said after its first letter (``m(?<![a-z0-9]m)ot``):
# every branch then starts with a letter, and ``re`` skips to the places holding one of them
assert all(w.isascii() and w.isalpha() and w.islower() for w in WORD_NUMBERS)
_WORD_TOKEN = re.compile(r"(" + "|".join(f"{w[0]}(?<![a-z0-9]{w[0]}){w[1:]}" for w in WORD_NUMBERS)
                         + r")(?=[ \t\n]+[a-z%])")

# compound number words (folded): "hai mươi" 20, "hai mươi lăm" 25, "mười hai" 12, "mười lăm" 15;
# "mười"/"mươi" both fold to "muoi".  A compound is read as one figure and its words are not
# read alone (the "mươi" of "hai mươi" is not a 10).  "năm" after it is left out ("mười năm" = ten years).
_UNITS_AFTER_MUOI = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "lam": 5, "sau": 6,
                     "bay": 7, "tam": 8, "chin": 9}
_TENS = {"hai": 2, "ba": 3, "bon": 4, "nam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9}
_WORD_COMPOUND = re.compile(
    r"(?<![a-z0-9])(?:(?P<t>" + "|".join(_TENS) + r")[ \t]+)?muoi"
    r"(?:[ \t]+(?P<u>" + "|".join(_UNITS_AFTER_MUOI) + r")(?=[ \t\n]+[a-z%]))?(?=[ \t\n]+[a-z%])")


_COMPOUND_WITNESS = "muoi"   # in every match of _WORD_COMPOUND (tests/test_speed_equivalence.py)
assert _WORD_COMPOUND.pattern.count(")?muoi(") == 1


def _compound_value(m) -> int:
    return (_TENS[m.group("t")] if m.group("t") else 1) * 10 + (_UNITS_AFTER_MUOI[m.group("u")] if m.group("u") else 0)


# dates, document numbers and list numbers, over the number view
_EXCLUDE = [
    # dd/mm/yyyy, dd-mm-yyyy, dd.mm.yyyy; dd-dd/mm/yyyy (a range of days)
    regex.compile(r"(?<![\d/])\d{1,2}(?:\s?-\s?\d{1,2})?\s?[/.\-]\s?\d{1,2}\s?[/.\-]\s?(?:19|20)?\d{2}(?![\d/])"),
    # mm/yyyy
    regex.compile(r"(?<![\d/.,])(?:0?[1-9]|1[0-2])\s?/\s?(?:19|20)\d{2}(?![\d/])"),
    # day/month after a date word: "ngày 16/5", "từ 02/8", "đến 10/11", "và 22/5"
    regex.compile(r"(?<=(?:ngay|tu|den|sang|hom|dip)\s{1,3})\d{1,2}\s?/\s?\d{1,2}(?![\d/])"),
    # document numbers: 59/2023/ND-CP, 166/KH-UBND, 78 /BC-UBND, 30-CT/TW, 218- -QD/TW, 39-\nNQ/TW
    regex.compile(r"(?<![\d.,])\d+\s?/\s?(?:(?:19|20)\d{2}\s?/\s?)?[a-z]{1,8}\d{0,2}\s?[/\-]"),
    regex.compile(r"(?<![\d.,])\d+\s?/\s?[a-z]{1,8}(?![a-z])"),
    regex.compile(r"(?<![\d.,])\d+\s?-[\s\-]{0,3}[a-z]{1,6}\s?/\s?[a-z]"),
    regex.compile(r"(?<![\d.,])\d+\s?/\s?(?:19|20)\d{2}\s?/"),
    # list numbering at the start of a line: 1.  1.2.  2)  (1)
    regex.compile(r"(?m)^[ \t>*\-]*\(?\d{1,2}(?:\.\d{1,2}){0,3}[.)](?=[ \t]|$)"),
    regex.compile(r"(?m)^[ \t]*\d{1,2},(?=[ \t][a-z])"),
    # column numbers of a table header: (1) (2) (3)
    regex.compile(r"\(\d{1,2}\)(?=[ \t]*\(\d{1,2}\))|(?<=\(\d{1,2}\)[ \t]*)\(\d{1,2}\)"),
]

# words right before a number that make it a reference, an ordinal, a place or a time
_BLOCK_BEFORE = regex.compile(
    r"(?<![a-z])(?:dieu|khoan|(?<!dut[ \t])diem|chuong|muc|tiet|khoa|thu|lan thu|ky hop|ky hop thu|nhiem ky|"
    r"giai doan|muc do|(?<!phan[ \t])loai|phuong|khu pho|kp|khu|to|to dan pho|thon|xom|ap|quoc lo|ql|tinh lo|"
    r"duong|so nha|ngay|thang|nam|quy|dot|lop|cap|hang|tang|tuoi|nghi dinh|quyet dinh|"
    r"thong tu|nghi quyet|chi thi|ket luan|ke hoach|cong van|bao cao|thong bao|luat|quy dinh|"
    r"hien phap|phu luc|bieu|mau|trang|phan|"
    # a change, not a level: "giảm 15 đơn so với cùng kỳ", "tăng thêm 20 hồ sơ" ("tang" is above)
    r"giam|giam di|giam xuong|tang them|tang len)[ \t]*\n?[ \t]*$"
)


_KIND = ["date" if i < 3 else "docnum" if i < 7 else "list" for i in range(len(_EXCLUDE))]
# the dates and document numbers (_EXCLUDE[0:7]) start where a run of digits does (no
# digit before: a lookbehind without \d, or one that ends in \s) and that whole run is
# followed by a separator, after a blank or not: they are tried only at these starts
_AT_RUN = range(7)
_RUN_THEN_SEPARATOR = regex.compile(r"\d+\s?[/.\-]")
# and by that separator (the last character of _RUN_THEN_SEPARATOR's match): a date may
# follow any; mm/yyyy, a day/month and the document numbers but one need "/", the
# "30-CT/TW" shape "-" (each reads the whole run, an optional blank, then its separator)
_AT_SEPARATOR = {"/": (0, 1, 2, 3, 4, 6), "-": (0, 5), ".": (0,)}
assert sorted({i for v in _AT_SEPARATOR.values() for i in v}) == list(_AT_RUN)
# the (?m)^ patterns start at the text's start or right after a "\n" (``regex`` without
# WORD: no other line break); found as "\n" then the rest, which the engine seeks fast
_AT_LINE_START = {i: regex.compile(r"(?m)\n(" + _EXCLUDE[i].pattern[len("(?m)^"):] + ")") for i in (7, 8)}


def exclusion_spans(view: str) -> list[tuple[int, int, str]]:
    """Spans of the view that hold dates, document numbers or list numbers.

    What :func:`exclusion_spans_reference` gives (each pattern's ``finditer``):
    the date and document-number patterns are tried, each from where its last
    match ended, only where a run of digits followed by a separator starts
    (``_RUN_THEN_SEPARATOR``'s matches hold one run each, so every such run is
    found), and only after a separator they can follow (``_AT_SEPARATOR``); the
    line-start patterns are matched at the start and after each
    ``\n`` (a match of theirs holds no line break, so the matches are the same)."""
    out = []
    starts: dict[int, list[int]] = {i: [] for i in _AT_RUN}
    for m in _RUN_THEN_SEPARATOR.finditer(view):
        p = m.start()
        for i in _AT_SEPARATOR[view[m.end() - 1]]:
            starts[i].append(p)
    for i in _AT_RUN:
        match, kind, last = _EXCLUDE[i].match, _KIND[i], 0
        for p in starts[i]:
            if p >= last:
                m = match(view, p)
                if m is not None:
                    last = m.end()
                    out.append((p, last, kind))
    for i, lines in _AT_LINE_START.items():
        m = _EXCLUDE[i].match(view)
        if m is not None:
            out.append((0, m.end(), _KIND[i]))
        out += [(m.start(1), m.end(1), _KIND[i]) for m in lines.finditer(view)]
    out += [(m.start(), m.end(), _KIND[9]) for m in _EXCLUDE[9].finditer(view)]
    out.sort()
    return out


def exclusion_spans_reference(view: str) -> list[tuple[int, int, str]]:
    """The definition :func:`exclusion_spans` is checked against: every pattern's ``finditer``."""
    out = []
    for i, rx in enumerate(_EXCLUDE):
        for m in rx.finditer(view):
            out.append((m.start(), m.end(), "date" if i < 3 else "docnum" if i < 7 else "list"))
    out.sort()
    return out


def looks_like_year(tok: NumToken) -> bool:
    return (not tok.is_word and tok.text.isdigit() and len(tok.text) == 4
            and 1900 <= tok.value <= 2100)


def blocked_by_preceding_word(view: str, start: int) -> bool:
    """True when the word before the number makes it a reference/ordinal/place/time."""
    return bool(_BLOCK_BEFORE.search(view, max(0, start - 24), start))


def find_numbers(view: str, *, original: Optional[str] = None, words: bool = True) -> list[NumToken]:
    """Number tokens of a number view (see :func:`number_view`).

    ``original`` (the text, or the base view) lets the token know whether OCR
    repair changed it.  Nothing is excluded here; see :func:`exclusion_spans`.
    """
    out: list[NumToken] = []
    for m in _TOKEN.finditer(view):
        s, e = m.start(), m.end()
        nxt = view[e:e + 1]
        if nxt and nxt.isalpha():
            if not _ATTACHED_UNIT.match(view, e):
                continue
        if nxt in (".", ",") and view[e + 1:e + 2].isdigit():
            continue  # malformed grouping such as 1.23.4
        pct = bool(_PCT_AFTER.match(view, e, e + 2))
        val = parse_vn_number(m.group(), percent=pct)
        if val is None:
            continue
        fixed = original is not None and original[s:e] != m.group() and any(
            c in _DIGIT_LIKE for c in original[s:e])
        out.append(NumToken(s, e, val, m.group(), ocr_fixed=fixed))
    if words:
        compounds = []
        # every compound holds "muoi": a report without the word (most) skips the scan, which
        # tries each position of the text (the pattern opens with a look-behind, ~1 ms a report)
        for m in (_WORD_COMPOUND.finditer(view) if _COMPOUND_WITNESS in view else ()):
            compounds.append((m.start(), m.end()))
            out.append(NumToken(m.start(), m.end(), float(_compound_value(m)), m.group(), is_word=True))
        ci = 0
        for m in _WORD_TOKEN.finditer(view):
            while ci < len(compounds) and compounds[ci][1] <= m.start():
                ci += 1
            if ci < len(compounds) and compounds[ci][0] <= m.start():
                continue    # a word of "hai mươi", "mười lăm": read with its compound
            out.append(NumToken(m.start(), m.end(), float(WORD_NUMBERS[m.group(1)]), m.group(1),
                                is_word=True))
        out.sort(key=lambda t: t.start)
    return out
