"""Dates in Vietnamese report text: the one date grammar.

:func:`extract_dates` finds the date mentions of a text (below);
:func:`find_date_line` the header's date line (``<place>, ngày 11 tháng 01
năm 2024``, used by ``header``); :func:`iso_date` is the one check and ISO
spelling of a day, month and year both use.

Mentions:

``extract_dates(text)`` returns every date mention, sorted by start:

* numeric full dates ``dd/mm/yyyy`` and ``d/m/yyyy``, a blank allowed at each
  slash (``15 /3/2024``, ``15/ 3/ 2024`` of typed or OCR'd text), a line break
  after the second (``24/7/`` ending a PDF line, ``2024`` opening the next); ``-`` and ``.`` as
  separators too (the same one twice: ``15-12-2023``, ``11.01.2024``);
* written dates ``ngày 11 tháng 01 năm 2024``, also stripped, glued or OCR'd
  (``ngay24 thang 6 nam 2024``, ``ngày  11 tháng 01 năm 2024``, ``nim``);
* day lists and ranges sharing the month and year of the date that closes
  them: ``ngày 16/5 và 22/5/2024`` (two dates), ``các ngày 16, 22/5/2024``,
  ``từ ngày 20-24/5/2024`` (20 and 24), ``từ ngày 20 đến 24/5/2024``; a range of
  two full dates (``15/12/2023 - 10/11/2024``) is two plain mentions;
* a two-digit day that OCR split with a blank, after ``ngày`` (``ngày 1 1/9/2017``
  is 11/9/2017 when that is a real day; read at OCR confidence);
* month-year mentions ``tháng 5/2024``, ``tháng 11 năm 2024``, ``tháng 12.2023`` and a header
  date whose day is left blank (``ngày   tháng 11 năm 2024``) → ``YYYY-MM``;
  a bare ``05/2024`` only after a word that introduces a time (``từ``,
  ``đến``, ``trong``, ``cuối``, ...), since ``12/2024`` may be a fraction.

Not dates: impossible days (31/02, month 13), years outside 1945–2100 (for a
full date with its day 1890–2100: the anniversaries reports print reach back to
19/5/1890 and 03/02/1930),
document numbers (``59/2023/NĐ-CP``, ``01/2024/QĐ-UBND``), fractions
(``990/1004``, ``04/04``) and scores (``80,43/100``).

Matching runs on :func:`normalizers.fold.fold` (same length as the text), so
stripped and full-diacritic text behave alike, with HTML tags of converted
tables (``tháng 3<br>năm 2024`` in one cell) read as blanks; ``raw`` is always
``text[start:end]``.  ``confidence`` is 1.0 for a clean match, 0.9 for a
member of a list/range that borrows its month or year, and 0.8 when an OCR
confusion was read through (``O``/``l`` for a digit, ``nim`` for ``năm``).
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Optional

import regex

from baocao.normalizers.fold import fold

from baocao.extractors import confusions
from baocao.extractors.scan import finditer_near, starts
from baocao.extractors.models import DateMention

YEAR_MIN, YEAR_MAX = 1945, 2100
# a full date mention (day, month, year) may be an anniversary: 19/5/1890, 03/02/1930
DAY_YEARS = (1890, YEAR_MAX)
OCR_CONF = 0.8
LIST_CONF = 0.9

# a digit, or a letter OCR prints for one (data/ocr_confusions.tsv, use "digit")
_D = rf"[0-9{confusions.char_class('digit')}]"
_NUM_TR = confusions.translation("digit")

# A date may follow a letter only when the word is ``ngày`` or a word that opens a
# time ("đến", "từ", "trước", "sau") written without a space (a text layer that
# lost its blanks: "ngày15/3/2024", "đến15/3/2024").
_LEFT_NUMERIC = r"(?:(?<=ng[a-z]?y|(?<![A-Za-z])(?:den|tu|truoc|sau))|(?<![0-9A-Za-z/.,]))"
_RIGHT = r"(?![0-9A-Za-z]|[/.,\-][0-9A-Za-z])"

# after the second slash a blank, or a line break (a PDF line that ends in "24/7/")
_AFTER_SLASH = r"(?:[ ]?\n[ ]{0,2}|[ ])?"
_NUMERIC = regex.compile(
    _LEFT_NUMERIC
    + rf"(?P<d>{_D}{{1,2}})(?:[ ]?(?P<s>/)\s?(?P<m>{_D}{{1,2}})\s?/{_AFTER_SLASH}|(?P<s>[.\-])(?P<m>{_D}{{1,2}})(?P=s))"
    rf"(?P<y>{_D}{{4}})" + r"(?![0-9]|/[0-9A-Za-z]|[.,][0-9])"
)
_ISO = regex.compile(r"(?<![0-9A-Za-z/.,\-])(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)" + _RIGHT)

_NGAY = r"(?P<ngay>ng[a-z]?y)"
_THANG = r"(?P<thang>th[a-z]{1,2}ng)"
_NAM = r"(?P<nam>n[a-z]m)"
_WRITTEN = regex.compile(
    rf"(?i)(?:(?<![A-Za-z]){_NGAY}\s{{0,3}}|(?<![0-9A-Za-z/.,]))(?P<d>{_D}{{1,2}})\s{{0,3}},?\s{{0,3}}{_THANG}\s{{0,3}}"
    rf"(?P<m>{_D}{{1,2}})\s{{0,3}},?\s{{0,3}}{_NAM}\s{{0,3}}(?P<y>{_D}{{4}})(?![0-9])"
)
_BLANK_DAY = regex.compile(
    rf"(?i)(?<![A-Za-z]){_NGAY}[\s._…]{{1,20}}{_THANG}\s{{0,3}}(?P<m>{_D}{{1,2}})\s{{0,3}}{_NAM}\s{{0,3}}"
    rf"(?P<y>{_D}{{4}})(?![0-9])"
)
_MONTH_YEAR = regex.compile(
    rf"(?i)(?<![A-Za-z]){_THANG}\s{{0,3}}(?P<m>{_D}{{1,2}})\s{{0,3}}(?:/|-|\.|,?\s{{0,3}}{_NAM})\s{{0,3}}"
    rf"(?P<y>{_D}{{4}})(?![0-9]|/[0-9A-Za-z])"
)
_TIME_WORDS = r"tu|den|toi|trong|vao|cuoi|dau|giua|het|ky|dot|truoc|sau|thang|nam|quy"
_BARE_MONTH_YEAR = regex.compile(
    rf"(?i)(?<=(?:^|[^A-Za-z])(?:{_TIME_WORDS})\s{{1,3}}|\(\s?)"
    r"(?P<m>\d{1,2})/(?P<y>\d{4})(?![0-9]|/[0-9A-Za-z]|[.,][0-9]|-[A-Za-z])"
)

# Witnesses (extractors/scan.py): the written, blank-day and month-year dates all
# hold "tháng" and the month's first digit; a numeric date holds its second
# separator and the year.  LEAD bounds how far before its witness a match starts
# (ngày, 20 blanks, a day: 24; a numeric day and month: 7), TAIL what a try reads
# from its start (the blank-day date: 49; a numeric one: 14), with room.
_THANG_DIGIT = regex.compile(rf"(?i){_THANG.replace('?P<thang>', '')}\s{{0,3}}{_D}")
_YEAR_SEP = regex.compile(rf"[/.\-]{_AFTER_SLASH}{_D}{{4}}")
_THANG_LEAD, _THANG_TAIL = 32, 64
_NUMERIC_LEAD, _NUMERIC_TAIL = 16, 32


def _scans(folded: str) -> dict[str, list]:
    """The matches of each date pattern in ``folded``: what
    :func:`_scans_reference` gives, the first four found near their witnesses
    (3.3 ms -> 1 ms a report)."""
    thang = starts(_THANG_DIGIT, folded)
    return {
        "written": finditer_near(_WRITTEN, folded, thang, _THANG_LEAD, _THANG_TAIL),
        "blank_day": finditer_near(_BLANK_DAY, folded, thang, _THANG_LEAD, _THANG_TAIL),
        "numeric": finditer_near(_NUMERIC, folded, starts(_YEAR_SEP, folded), _NUMERIC_LEAD, _NUMERIC_TAIL),
        "iso": list(_ISO.finditer(folded)),
        "month_year": finditer_near(_MONTH_YEAR, folded, thang, _THANG_LEAD, _THANG_TAIL),
        "bare_month_year": list(_BARE_MONTH_YEAR.finditer(folded)),
    }


def _scans_reference(folded: str) -> dict[str, list]:
    """Each date pattern over the whole text (tests compare :func:`_scans`)."""
    return {"written": list(_WRITTEN.finditer(folded)), "blank_day": list(_BLANK_DAY.finditer(folded)),
            "numeric": list(_NUMERIC.finditer(folded)), "iso": list(_ISO.finditer(folded)),
            "month_year": list(_MONTH_YEAR.finditer(folded)),
            "bare_month_year": list(_BARE_MONTH_YEAR.finditer(folded))}


# Items of a list or range that share the month/year of the date closing it.
_CONNECTOR = r"\s{0,3}(?:,|;|-|–|va|den|toi|va\s{1,3}ngay|den\s{1,3}ngay|toi\s{1,3}ngay)\s{0,3}"
_CHAIN = regex.compile(
    rf"(?i)(?P<chain>(?:(?<![0-9/.,])\d{{1,2}}(?:/\d{{1,2}})?{_CONNECTOR}){{1,8}})$"
)
_CHAIN_ITEM = regex.compile(r"(?<![0-9/])(?P<d>\d{1,2})(?:/(?P<m>\d{1,2}))?(?![0-9])")
_NGAY_BEFORE = regex.compile(r"(?i)(?<![A-Za-z])ng[a-z]?y\s{0,3}$")


def _num(s: str) -> tuple[int, bool]:
    """Integer value with O/l/I read as digits; -1 when no real digit is there."""
    if not any(c.isdigit() for c in s):
        return -1, True
    t = s.translate(_NUM_TR)
    return int(t), t != s


def _valid(y: int, m: int, d: Optional[int] = None, years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)) -> bool:
    if not (years[0] <= y <= years[1] and 1 <= m <= 12):
        return False
    if d is None:
        return True
    try:
        _dt.date(y, m, d)
    except ValueError:
        return False
    return True


def _iso(y: int, m: int, d: Optional[int] = None) -> str:
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def iso_date(y: int, m: int, d: Optional[int] = None, *,
             years: tuple[int, int] = (YEAR_MIN, YEAR_MAX)) -> Optional[str]:
    """``YYYY-MM-DD`` of a real date (``YYYY-MM`` without a day) with the year
    in ``years``; None for an impossible one (31/02, month 13)."""
    return _iso(y, m, d) if _valid(y, m, d, years) else None


# --------------------------------------------------------------------------
# the header's date line: "<place>, ngày 11 tháng 01 năm 2024" under the motto

_DATE_LINE = regex.compile(
    r"(?<![A-Za-z])ng[a-z]y\s{0,3}(?:"
    # the day may be blank, or handwritten (OCR debris: "ngày #tháng", "ngàyÁ*j"),
    # and the line may wrap inside its table cell ("ngày 21\ntháng 11 năm 2025")
    r"(?:(?P<d>\d{1,2})|(?P<junk>[^\s]{1,4}))?[\s.…_/*-]{0,20}"
    r"th[a-z]ng\s{0,3}(?P<m>\d{1,2})?[\s.…_/*-]{0,20}"
    r"n[a-z]m\s{0,3}(?P<y>(?:19|20)\d\d)(?!\d)"
    # the numeric form some offices type on the date line: "ngày 02/02/2024"
    r"|(?P<d2>\d{1,2})\s?[/.-]\s?(?P<m2>\d{1,2})\s?[/.-]\s?(?P<y2>(?:19|20)\d\d)(?!\d))",
    regex.I,
)
DATE_LINE_YEARS = (1900, 2099)


@dataclass(frozen=True)
class DateLine:
    start: int              # offset of its ``ngày``
    iso: Optional[str]      # YYYY-MM-DD, YYYY-MM when the day is blank, None without a month
    day_start: Optional[int] = None   # span of the day's digits, when a day was read
    day_end: Optional[int] = None
    month_blank: bool = False         # the month left blank as printed (a draft: "ngày  tháng  năm 2025")


def find_date_line(folded: str, begin: int = 0, end: Optional[int] = None) -> Optional[DateLine]:
    """The first date line of a header in ``folded[begin:end]`` (folded text).

    Stricter on its keywords than a mention (``ng?y``, ``th?ng``, ``n?m``: one
    letter, any, in place of the marked vowel) and looser on its day, which
    may be blank or handwritten debris; the numeric form ``ngày 02/02/2024``
    too.  Years 1900–2099."""
    for m in _DATE_LINE.finditer(folded, begin, len(folded) if end is None else end):
        g = "d2" if m.group("y2") else "d"
        if m.group("y2"):
            d, mo, y = m.group("d2"), m.group("m2"), m.group("y2")
        else:
            d, mo, y = m.group("d"), m.group("m"), m.group("y")
        iso = iso_date(int(y), int(mo), int(d) if d else None, years=DATE_LINE_YEARS) if mo else None
        ds, de = m.span(g) if d and iso and len(iso) == 10 else (None, None)
        return DateLine(m.start(), iso, ds, de, month_blank=not mo)
    return None


def _keyword_conf(m, *names: str) -> float:
    exact = {"ngay": "ngay", "thang": "thang", "nam": "nam"}
    for n in names:
        w = m.group(n)
        if w is not None and w.lower() != exact[n]:
            return OCR_CONF
    return 1.0


class _Cands:
    def __init__(self, text: str):
        self.text = text
        self.items: list[tuple[int, int, int, str, float]] = []  # (prio, start, end, date, conf)

    def add(self, prio: int, start: int, end: int, date: str, conf: float) -> None:
        self.items.append((prio, start, end, date, conf))

    def resolve(self) -> list[DateMention]:
        # higher priority first, then longer; drop anything overlapping a kept one
        order = sorted(self.items, key=lambda c: (-c[0], -(c[2] - c[1]), c[1]))
        kept: list[tuple[int, int, int, str, float]] = []
        for c in order:
            if any(c[1] < k[2] and k[1] < c[2] for k in kept):
                continue
            kept.append(c)
        kept.sort(key=lambda c: (c[1], c[2]))
        return [DateMention(date=d, raw=self.text[s:e], start=s, end=e, confidence=conf)
                for _, s, e, d, conf in kept]


def _chain(cands: _Cands, folded: str, start: int, y: int, m: int, written: bool) -> None:
    """Add list/range members ending right before a full date at ``start``."""
    lo = max(0, start - 90)
    window = folded[lo:start]
    cm = _CHAIN.search(window)
    if not cm:
        return
    chain_start = lo + cm.start("chain")
    items = list(_CHAIN_ITEM.finditer(folded, chain_start, start))
    if not items:
        return
    has_bare = any(it.group("m") is None for it in items)
    if written and not all(it.group("m") is None for it in items):
        return
    if has_bare and not _NGAY_BEFORE.search(folded, max(0, chain_start - 12), chain_start):
        return
    # month for bare days: the nearest following item that states one, else the closing date's
    month = m
    resolved = []
    for it in reversed(items):
        if it.group("m") is not None:
            month = int(it.group("m"))
        resolved.append((it, int(it.group("d")), month))
    for it, d, mo in resolved:
        if _valid(y, mo, d, DAY_YEARS):
            cands.add(3, it.start(), it.end(), _iso(y, mo, d), LIST_CONF)


# A two-digit day OCR split with a blank ("ngày 1 1/9/2017" for 11/9/2017): after
# "ngày", one digit, one blank, the one-digit day of a date.
_SPLIT_DAY_BEFORE = regex.compile(r"(?i)(?<![A-Za-z])ng[a-z]?y\s{1,3}(?P<d1>[0-9]) $")


def _split_day(folded: str, day_start: int, day: str, y: int, m: int) -> tuple[int, Optional[int]]:
    """(start, day) of a date whose day a blank split, when the two digits make a
    real day of that month; else (day_start, None)."""
    if len(day) != 1 or not day.isdigit():
        return day_start, None
    sm = _SPLIT_DAY_BEFORE.search(folded, max(0, day_start - 10), day_start)
    if sm is None:
        return day_start, None
    d = int(sm["d1"] + day)
    return (sm.start("d1"), d) if _valid(y, m, d, DAY_YEARS) else (day_start, None)


def extract_dates(text: str) -> list[DateMention]:
    """Every date mention in ``text`` (see module docstring), sorted by start."""
    if not isinstance(text, str) or not text:
        return []
    return _extract(text)


# an HTML tag of a converted table cell ("<br>", "</b>"): a blank between the words of a date
_TAG = regex.compile(r"</?[a-z]{1,5}\s?/?>")


def _blank_tags(folded: str) -> str:
    """``folded`` with every HTML tag replaced by blanks of its length."""
    if "<" not in folded:
        return folded
    return _TAG.sub(lambda m: " " * len(m.group()), folded)


def _extract(text: str) -> list[DateMention]:
    folded = _blank_tags(fold(text))
    cands = _Cands(text)
    found = _scans(folded)

    for mt in found["written"]:
        (d, r1), (mo, r2), (y, r3) = _num(mt["d"]), _num(mt["m"]), _num(mt["y"])
        if _valid(y, mo, d, DAY_YEARS):
            conf = min(_keyword_conf(mt, "ngay", "thang", "nam"), OCR_CONF if (r1 or r2 or r3) else 1.0)
            start, d2 = _split_day(folded, mt.start("d"), mt["d"], y, mo)
            if d2 is not None:
                cands.add(6, start, mt.end(), _iso(y, mo, d2), OCR_CONF)
                continue
            cands.add(5, mt.start(), mt.end(), _iso(y, mo, d), conf)
            _chain(cands, folded, mt.start("d"), y, mo, written=True)

    for mt in found["blank_day"]:
        (mo, r2), (y, r3) = _num(mt["m"]), _num(mt["y"])
        if _valid(y, mo):
            conf = min(_keyword_conf(mt, "ngay", "thang", "nam"), OCR_CONF if (r2 or r3) else 1.0)
            cands.add(4, mt.start(), mt.end(), _iso(y, mo), conf)

    for mt in found["numeric"]:
        (d, r1), (mo, r2), (y, r3) = _num(mt["d"]), _num(mt["m"]), _num(mt["y"])
        if not _valid(y, mo, d, DAY_YEARS):
            continue
        conf = OCR_CONF if (r1 or r2 or r3) else 1.0
        start, d2 = _split_day(folded, mt.start("d"), mt["d"], y, mo)
        if d2 is not None:
            cands.add(6, start, mt.end(), _iso(y, mo, d2), OCR_CONF)
            continue
        cands.add(5, mt.start(), mt.end(), _iso(y, mo, d), conf)
        _chain(cands, folded, mt.start(), y, mo, written=False)

    for mt in found["iso"]:
        y, mo, d = int(mt["y"]), int(mt["m"]), int(mt["d"])
        if _valid(y, mo, d, DAY_YEARS):
            cands.add(5, mt.start(), mt.end(), _iso(y, mo, d), 1.0)

    for mt in found["month_year"]:
        (mo, r2), (y, r3) = _num(mt["m"]), _num(mt["y"])
        if _valid(y, mo):
            conf = min(_keyword_conf(mt, "thang", "nam"), OCR_CONF if (r2 or r3) else 1.0)
            cands.add(2, mt.start(), mt.end(), _iso(y, mo), conf)

    for mt in found["bare_month_year"]:
        mo, y = int(mt["m"]), int(mt["y"])
        if _valid(y, mo):
            cands.add(1, mt.start(), mt.end(), _iso(y, mo), 0.9)

    return cands.resolve()
