"""Short forms of citations: "Chỉ thị 30", "Nghị định 04", "Kết luận số 120".

A report cites a document in full once ("Chỉ thị 30-CT/TW ngày 18/02/1998 của
Bộ Chính trị") and later by kind and number only.  ``find_short_forms`` finds
those mentions and resolves each to the full key seen EARLIER in the same
document with the same kind and the same number (leading zeros ignored;
the latest such mention wins).  Resolved: ``form='short'``, confidence 0.7,
issuer and date copied from the full mention.  Unresolved: key None,
confidence 0.3, raw kept.

Not short forms: a kind followed by a year ("Nghị quyết năm 2024",
"Nghị quyết 2024"), by a count with a unit ("Kế hoạch 6 tháng", "Báo cáo 02
lần"), or by a demonstrative ("Nghị định này"); "Điều 11", "Khoản 2",
"Chương III" are not kinds at all.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

import regex

from baocao.extractors.models import Citation
from baocao.extractors.scan import words_end_once

RESOLVED_CONF = 0.7
UNRESOLVED_CONF = 0.3

# kinds that are cited by number alone; folded lower-case words → kind
SHORT_KINDS = {
    "chi thi": "Chỉ thị", "nghi dinh": "Nghị định", "nghi quyet": "Nghị quyết",
    "ket luan": "Kết luận", "quyet dinh": "Quyết định", "quy dinh": "Quy định",
    "thong tu": "Thông tư", "ke hoach": "Kế hoạch", "cong van": "Công văn",
    "thong bao": "Thông báo", "huong dan": "Hướng dẫn", "bao cao": "Báo cáo",
    "thong tri": "Thông tri", "chuong trinh": "Chương trình", "de an": "Đề án",
}

# a number followed by one of these is a count, not a document number
_UNITS = (r"%|thang|nam|ngay|lan|buoi|cuoc|nguoi|don|ho\s{1,3}so|van\s{1,3}ban|luot|dot|"
          r"tuan|gio|phut|trang|noi\s{1,3}dung|hoi\s{1,3}nghi")


_SO_PART = r"(?:(?P<so>so|s[o6be])\s{0,3}[:.]?\s{0,3})?"
_SO_TOKENS = ("so", "s6", "sb", "se")   # the spellings _SO_PART reads


def _kinds_alt() -> str:
    kinds = sorted(SHORT_KINDS, key=len, reverse=True)
    return "|".join(r"\s{1,4}".join(map(regex.escape, k.split())) for k in kinds)


@lru_cache(maxsize=1)
def _short_re() -> "regex.Pattern":
    return regex.compile(
        rf"(?i)(?<![A-Za-z])(?P<kind>{_kinds_alt()})\s{{1,4}}{_SO_PART}"
        rf"(?P<num>\d{{1,4}})(?![0-9]|\s{{0,3}}[/\-]\s{{0,3}}[0-9A-Za-z]|[.,][0-9]|[A-Za-z])"
        rf"(?!\s{{0,3}}(?:{_UNITS})(?![A-Za-z]))"
    )


# The scan for short forms, fast: a short form's number is a digit right after
# kind words (and "số"), so the digits that have kind words before them are
# found first (a look-ahead for a digit, then a look-behind: 0.4 ms a report,
# against 3 ms for the pattern at every position), and the pattern is run only
# from LEAD characters before each.  LEAD is more than the longest kind words,
# blanks and "số:" before a number; TAIL more than the pattern reads after its
# number's first digit, so the searches bounded by it see what a search of the
# whole text sees.  _short_matches gives what _short_re().finditer gives
# (tests/test_speed_equivalence.py compares).
_LEAD = max(len(k.replace(" ", "")) + 4 * k.count(" ") for k in SHORT_KINDS) + 4 + 9 + 16
_TAIL = 64


@lru_cache(maxsize=1)
def _number_after_kind_re() -> "regex.Pattern":
    """A digit with kind words, blanks and "số" before it.  The character right
    before it is looked at first: the words end in a blank, ``:``/``.`` or the
    last letter of a "số" spelling (``o``, ``6``, ``b``, ``e``), so a digit
    inside a number is passed over before the long look-behind is tried."""
    return regex.compile(rf"(?i)(?<=[\s:.o6be])(?=\d)(?<=(?:{_kinds_alt()})\s{{1,4}}{_SO_PART.replace('?P<so>', '')})")


def _short_matches_reference(masked: str) -> list:
    """The matches of :func:`_short_re` in ``masked``, in order, not overlapping:
    the pattern searched for from ``LEAD`` before each number."""
    rx, out, pos, n = _short_re(), [], 0, len(masked)
    for d in _number_after_kind_re().finditer(masked):
        d = d.start()
        if d <= pos:
            continue  # inside the last match (a match starts before its number)
        m = rx.search(masked, max(pos, d - _LEAD), min(n, d + _LEAD + _TAIL))
        if m is not None and m.start() <= d:
            out.append(m)
            pos = m.end()
    return out


@lru_cache(maxsize=1)
def _kind_before_number_reverse() -> Optional["regex.Pattern"]:
    """Kind words, blanks and "số" ending at a number, matched right to left
    (``(?r)``: ``match`` anchors them at the end of the range), when the kind
    words end in one place only (:func:`scan.words_end_once`); else None."""
    if not words_end_once(sorted(SHORT_KINDS, key=len, reverse=True), _SO_TOKENS):
        return None
    return regex.compile(rf"(?r)(?i)(?<![A-Za-z])(?P<kind>{_kinds_alt()})\s{{1,4}}{_SO_PART}$")


def _short_matches(masked: str) -> list:
    """What :func:`_short_matches_reference` gives (tests compare), each match
    read at the one start it can have: a match in a number's window holds that
    number (an earlier number's match was taken from its own window, and the
    words, blanks and "số" before a number hold no digit that a number could
    follow), so it starts where its kind words do, which the right-to-left
    search finds first (0.5 -> 0.1 ms a report)."""
    rev = _kind_before_number_reverse()
    if rev is None:
        return _short_matches_reference(masked)
    rx, out, pos, n = _short_re(), [], 0, len(masked)
    for d in _number_after_kind_re().finditer(masked):
        d = d.start()
        if d <= pos:
            continue  # inside the last match (a match starts before its number)
        k = rev.match(masked, max(pos, d - _LEAD), d)   # right to left: ends at d
        if k is None:
            continue
        m = rx.match(masked, k.start(), min(n, d + _LEAD + _TAIL))
        if m is not None:
            out.append(m)
            pos = m.end()
    return out


_LEAD_DIGITS = re.compile(r"(\d+)")


def _lead_number(key: str) -> Optional[int]:
    m = _LEAD_DIGITS.match(key)
    return int(m.group(1)) if m else None


def find_short_forms(text: str, masked: str, full: list[Citation]) -> list[Citation]:
    """Short-form mentions in ``text`` (``masked`` is its folded, markup-masked
    view, same length), resolved against the ``full`` citations found."""
    out: list[Citation] = []
    spans = [(c.start, c.end) for c in full]
    for m in _short_matches(masked):
        s, e = m.start(), m.end()
        if any(s < fe and fs < e for fs, fe in spans):
            continue
        n = int(m["num"])
        if len(m["num"]) == 4 and n >= 1900:
            continue  # a year
        kind = SHORT_KINDS[" ".join(m["kind"].lower().split())]
        target = None
        for c in full:
            if c.start >= s or c.key is None or c.form != "full":
                continue
            if c.kind == kind and _lead_number(c.key) == n:
                target = c  # the latest earlier one wins
        if target is not None:
            out.append(Citation(key=target.key, kind=kind, raw=text[s:e], start=s, end=e,
                                issuer=target.issuer, date=target.date, form="short",
                                confidence=RESOLVED_CONF))
        else:
            out.append(Citation(key=None, kind=kind, raw=text[s:e], start=s, end=e,
                                form="short", confidence=UNRESOLVED_CONF))
    return out
