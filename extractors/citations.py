"""Citations of other documents in a report.

``extract_citations(text, own_number_span=None, dates=None)`` returns one
:class:`Citation` per mention, sorted by start:

* full numbers in the shapes of ``reference/numbering.md`` — ``59/2023/NĐ-CP``,
  ``120-KL/TW``, ``166/KH-UBND``, ``1515/UBND-NV`` — however they are spaced,
  dashed, split over a line or page break, glued to ``số`` or OCR'd
  (``NP-CP``, ``QB/TW``, ``s6``), or glued to the next word by a text layer
  that lost its blanks (``NĐ-CPngày``), keyed by :func:`canonical.canonical_key`
  (``form='full'``);
* short forms "Chỉ thị 30" resolved to an earlier full mention
  (:mod:`extractors.resolve`, ``form='short'``);
* laws cited by name (:mod:`extractors.laws`, ``form='named'``); a named law
  whose number is printed with it gives one row, not two.

``kind`` comes from the words before the number (Nghị định, Kết luận, ...,
matched on the fold, OCR'd words of 7 letters or more with one
substitution, insertion or deletion: ``Quyết. định``, ``Quyếtđịnh``), else from the type
code of the symbol (``NĐ`` → Nghị định); a symbol without type code that starts
with an issuer (``1515/UBND-NV``) is a Công văn; ``NUMBER/YEAR/QHnn`` alone is
taken as a Luật (laws are what reports cite by these numbers; a National
Assembly resolution is introduced by the words "Nghị quyết", which then win),
``NUMBER/YEAR/UBTVQHnn`` alone as a Nghị quyết.  ``issuer`` is the body named
after the mention ("của Ban Bí thư"; the term "(khoá XI)" dropped), else the
body the symbol implies (``CP`` → Chính phủ, ``TTg``, ``QH``, ministries,
``TW`` → Trung ương; a joint document, ``01/2004/TTLT/BVHTT-BYT`` or
``07/2016/TTLT-BYT-BTC``, each of its issuers, joined by "; ").  A dot joins two
codes in one segment (``12/CĐ.UBND``, ``318/STC.QLNS``): each is looked up.
``date`` is the full date printed right after the number ("ngày 14/8/2023",
", ngày 09/5/2023", "18/BC-UBND 08/01/2024").

The document's own number (``own_number_span``, else a ``Số:`` number in the
first 600 characters) is never a citation.

Confidence scale (``Citation.confidence``):

=====  ===========================================================
0.98   full number printed in canonical form on clean text
0.90   full number respelled: spaces, dash variants, line breaks, glued
       ``NĐCP``; codes out of their case (``12/Qđ-ubnd``, ``45/Ubnd-VP``:
       only after kind words, each code out of case one of the tables;
       ``note`` says so)
0.80   full number repaired: a lost ``Đ`` restored from the code tables, an OCR
       confusion read through (``NP-CP``, ``QB``, ``l``/``O`` in digits), a
       footnote mark flattened onto the symbol left out (``12/KH-UBND1``,
       ``note`` says so); a number of a list sharing the symbol of the full
       number closing it (``Quyết định số 1587, 1588/QĐ-UBND``, ``note``)
0.75   full number whose slash was lost, restored: digits glued to a type
       code the table knows, then a dash and a code (``175QĐ-SYT`` →
       ``175/QĐ-SYT``; ``note`` says so)
−0.05  kind words matched through an OCR substitution, or contradicting
       the symbol's type code
0.85   law cited by name (exact title); 0.70 through fuzzy OCR matching
0.70   short form resolved to an earlier full mention
0.30   short form with nothing earlier to resolve to (key None)
=====  ===========================================================
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple, Optional

import regex

from baocao.normalizers.fold import fold

from baocao.extractors import codes, confusions
from baocao.extractors.canonical import _plain_caps, canonical_key, canonicalize, restore_slash
from baocao.extractors.dates import extract_dates
from baocao.extractors.laws import by_key, extract_named_laws
from baocao.extractors.models import Citation, DateMention
from baocao.extractors.resolve import find_short_forms
from baocao.extractors.scan import words_end_once

CLEAN_CONF, RESPELLED_CONF, REPAIRED_CONF, SLASH_CONF = 0.98, 0.90, 0.80, 0.75
KIND_PENALTY = 0.05
HEADER_CHARS = 600

# Markup that may sit between the words of a mention: masked to spaces (same length).
# Page furniture next to a page break (a page number, "Trang 3", "- 3 -") is
# masked too, so a number split over two pages still reads as one.
# Each alternative with the character it cannot match without.
_MARKUP_ALTS = (
    ("<", r"<su[pb]>[^<]{0,20}</su[pb]>|</?[a-z]{1,5}>"),
    ("*", r"\*{1,3}"),
    ("_", r"_{2,}"),
    ("#", r"(?m)^#{1,6}(?=[ \t])"),
    ("\f", r"(?m)^[ \t]{0,8}(?:-\s?)?(?:[Tt]rang\s{1,3})?\d{1,4}(?:\s?-)?(?:\s?/\s?\d{1,4})?[ \t]{0,8}\n?(?=[ \t]{0,8}\f)"
            r"|(?<=\f[ \t]{0,8})(?:-\s?)?(?:[Tt]rang\s{1,3})?\d{1,4}(?:\s?-)?(?:\s?/\s?\d{1,4})?[ \t]{0,8}(?=\n)"
            r"|\f"),
)
_MARKUP = regex.compile("|".join(alt for _, alt in _MARKUP_ALTS))

_S = r"\s{0,8}"
# a number, with a letter suffix right before its slash ("3176B/QĐ-SYT",
# "30C/NQ-CP") or a decimal part before a year ("66.4/2025/NQ-CP")
# letters OCR prints for digits in a symbol (data/ocr_confusions.tsv, use "symbol"),
# and those of them that stand for a 1 or a 0 (a number may start with one when a
# digit follows: l5/2024/..., O5-CT/TW, O3/KH-UBND)
_SD = confusions.char_class("symbol")
_S1 = "".join(regex.escape(s) for s, r in confusions.pairs("symbol") if r == "1")
_S0 = "".join(regex.escape(s) for s, r in confusions.pairs("symbol") if r == "0")
_NUM = (rf"(?P<num>(?:[0-9][0-9{_SD}]{{0,5}}|[{_S1}{_S0}][0-9][0-9{_SD}]{{0,4}})"
        r"(?:\.[0-9]{1,2}(?=\s{0,8}/\s{0,8}[12][0-9]{3}\s{0,8}/)|[A-HJ-NP-Za-km-np-z](?=\s{0,8}/))?)")
_LEFT = r"(?:(?<=(?<![A-Za-z])s[a-z0-9]?)|(?<![0-9A-Za-z/.,\-]))"
# A symbol typed out of its codes' case: in lower case ("Kế hoạch số 34/kh-ubnd",
# "Quyết định số 12/2024/qđ-ubnd", "Nghị quyết số 05-nq/tu" on the fold) or in
# mixed case ("Quyết định số 12/Qđ-ubnd", "Công văn số 45/Ubnd-VP", "Kế hoạch số
# 3/Kh-UBND"): segments of any case.  Read only right after kind words, and only
# when every code printed out of its case is a code of the tables (checked in
# :func:`_case_symbol`): lower-case letters after a slash in prose are a ratio
# or a unit ("45 km/h", "120/ha").  A symbol whose codes are all in the case of
# the tables (capitals, ``TTg``, ``QĐi``, ``GDTrH``) is ``_patterns().cand``'s.
# (a dotted part that is no code -- "45/Ubnd.Tiếp theo" -- is the next sentence:
# :func:`_case_symbol` reads the symbol without it)
_CASE_SEG = r"[A-Za-z][A-Za-z0-9&]{0,13}(?:\.[A-Za-z][A-Za-z0-9&]{0,8}(?![A-Za-z0-9&]))?"
_CASE_CAND = regex.compile(
    rf"(?=[0-9])(?<![0-9A-Za-z/.,\-])(?P<num>[0-9]{{1,5}})(?:"
    rf"{_S}/{_S}(?P<year>[12][0-9]{{3}}){_S}/{_S}(?P<sym>{_CASE_SEG}(?:-{_CASE_SEG}){{0,4}})"
    rf"|{_S}-{_S}(?P<type>{_CASE_SEG}){_S}/{_S}(?P<body>{_CASE_SEG})"
    rf"|{_S}/{_S}(?P<sym2>{_CASE_SEG}(?:-{_CASE_SEG}){{0,4}}))(?![A-Za-z0-9&/]|-[A-Za-z0-9])")


class _Patterns(NamedTuple):
    cand: "regex.Pattern[str]"
    cand_reference: "regex.Pattern[str]"
    glued: "regex.Pattern[str]"


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    """The symbol patterns, compiled on first use, not at import: a dotted part may
    be a code of the tables spelled with a small letter, so they read
    ``type_codes.tsv`` and ``issuer_codes.tsv``, and a broken table must stop the
    run with its one line (``check_data_tables``), not break the workers' start.

    ``cand``: a mention (number and symbol); ``cand_reference``: the same without
    its first-character look-ahead; ``glued``: a number whose slash was lost."""
    # a code: capitals first; a dotted part ("CGC.BT"); after the first segment a
    # unit code may start with a digit when a capital follows soon ("C04", "1VP")
    # a dotted part in capitals, or a code of the tables spelled with a small letter
    # ("5/CĐ.TTg"); no other small letter, so "45/UBND.Do đó" ends at the full stop
    mixed = sorted({fold(c.code) for c in list(codes.type_codes().values()) + list(codes.issuer_codes().values())
                    if c.code != c.code.upper()}, key=len, reverse=True)
    dot = rf"(?:\.(?:[A-Z][A-Z0-9&]{{0,8}}|{'|'.join(map(regex.escape, mixed))}))?"
    seg = rf"[A-Z&][A-Za-z0-9&]{{0,13}}{dot}(?![A-Za-z0-9&])"
    segn = rf"(?=[0-9]{{0,3}}[A-Z&])[A-Z0-9&][A-Za-z0-9&]{{0,13}}{dot}(?![A-Za-z0-9&])"
    # after a break or a spaced dash: two capitals first (TTg, QĐi, TTr, NCKSTTHC),
    # so a word of prose ("Trong") is never taken for a code
    segcaps = rf"(?=[A-Z&][A-Z0-9&])[A-Z&][A-Za-z0-9&]{{0,11}}{dot}(?![A-Za-z0-9&])"
    # a hyphen then a break may be followed by masked page furniture: up to 16 blanks
    sym = rf"{seg}(?:-{segn}|(?:\s{{1,8}}-{{1,2}}\s{{0,8}}|-{{1,2}}\s{{1,16}}){segcaps}){{0,5}}"
    # (a party number's dash may be OCR's ";", glued: 45;KH/TU -- canonicalize reads it
    # only when type and body are party codes of the tables, never a list "12;13/...")
    # a joint document names its issuers after a second slash, after a …LT type
    joint = rf"(?:(?<=LT){_S}/{_S}{sym})?"
    body = (
        _LEFT + _NUM + "(?:"
        rf"{_S}/{_S}(?P<year>[12][0-9{_SD}]{{3}}){_S}/{_S}(?P<sym>{sym}{joint})"
        rf"|(?:{_S}(?:-{_S}){{1,2}}|;)(?P<type>{seg}){_S}/{_S}(?P<body>{seg})"
        rf"|{_S}/{_S}(?P<sym2>{sym})"
        ")"
    )
    # A mention starts with a digit or a letter read for a 1 or a 0 (the first character of
    # _NUM).  Saying so first, before the look-behinds of _LEFT, lets the scan pass
    # over every other position at once (12 ms -> 0.7 ms a report): the same
    # matches, since both are zero-width conditions on one position
    # (cand_reference is the pattern without it; tests/test_speed_equivalence.py).
    cand = regex.compile(rf"(?=[0-9{_S1}{_S0}])" + body)
    # A number whose slash was lost (a scanner's OCR, a hurried typist):
    # "175QĐ-SYT" for 175/QĐ-SYT.  Only digits glued to a type code the table knows
    # (checked in _glued_symbol) and followed by a dash and a unit or issuer code, so
    # "15CT-..." of a product code is not read unless CT is a type code and the rest
    # reads as a code; read at SLASH_CONF with a note.  A blank for the slash
    # ("175 QĐ-SYT") only after kind words.  The digits open their token (after a
    # blank, a bracket, a quote or a colon): digits glued to other signs
    # ("6B04#7NQ-HĐND", a stamp's or a seal's ink over a scanned number) are the end
    # of OCR debris, not a number.
    glued = regex.compile(rf"(?=[0-9])(?<![^\s(\[“\"‘':])(?P<num>[0-9]{{1,5}})(?P<gsp> ?)(?P<gtype>[A-Z][A-Za-z]{{1,5}})"
                          rf"(?=-)(?P<grest>(?:-{segn}){{1,5}})")
    return _Patterns(cand, regex.compile(body), glued)


# A word of prose glued to the end of a symbol, on the fold ("NĐ-CPngày",
# "UBNDcủa", "TTgvề"): the words that follow a number in a report, in lower
# case right after a code's last character.  Cut only when the symbol does not
# read with it.
_GLUED_WORD = regex.compile(r"(?<=[A-Za-z0-9&])(?:ngay|cua|ve|va|nam|do|ban|tai|quy|huong|theo|thang|trien|thuc|da)$")
# A code OCR or letter-spaced text split with a blank ("120-KL/T W", "12/QĐ-UB ND",
# "59/2023/N Đ-CP"): the symbol's last, short capitals, a blank, more capitals
# (and the rest of a symbol), joined when the two halves make a code of the tables.
_SPLIT_LAST = regex.compile(r"(?<![A-Za-z0-9&])[A-Z&]{1,4}$")
_SPLIT_TAIL = regex.compile(r" (?P<first>[A-Z&]{1,8})(?:-[A-Z&][A-Za-z0-9&]{0,13}){0,4}(?![A-Za-z0-9&])")


def _split_code(text: str, masked: str, start: int, end: int, sym: str,
                bare: bool) -> Optional[tuple[str, bool, int]]:
    """``(key, repaired, end)`` of a symbol whose last code a blank split
    (:data:`_SPLIT_LAST`, :data:`_SPLIT_TAIL`), else None: only when the two
    halves join into a code (:func:`codes.joins_code`, the header's rule too)."""
    last = _SPLIT_LAST.search(masked, start, end)
    if last is None:
        return None
    tail = _SPLIT_TAIL.match(masked, end)
    if tail is None or not codes.joins_code(text[last.start():end], text[tail.start("first"):tail.end("first")]):
        return None
    key, _ = canonicalize(sym + text[end + 1:tail.end()], bare=bare)
    return (key, True, tail.end()) if key is not None else None


# A symbol broken at a line end whose hyphen the text layer dropped (a soft hyphen:
# "88/KH" ending a line, "UBND ngày ..." opening the next; "107/2021/NĐ" / "CP"):
# the code on the next line, when it is the issuer a type code wants (or the unit
# an issuer wants) and the table knows it.
_NEXT_LINE_CODE = regex.compile(
    r"[ \t]{0,3}\n[ \t]{0,3}(?P<first>[A-Z&][A-Za-z0-9&]{0,13})(?:-[A-Z&][A-Za-z0-9&]{0,13}){0,4}(?![A-Za-z0-9&.])")
_LAST_CODE = regex.compile(r"[^\s/\-]+$")


def _lost_hyphen(text: str, masked: str, end: int, sym: str, bare: bool) -> Optional[tuple[str, bool, int]]:
    """``(key, repaired, end)`` of a symbol continued on the next line after a
    dropped hyphen (:data:`_NEXT_LINE_CODE`), else None."""
    nxt = _NEXT_LINE_CODE.match(masked, end)
    if nxt is None:
        return None
    last = _LAST_CODE.search(sym)
    if last is None:
        return None
    first = text[nxt.start("first"):nxt.end("first")]
    if first.upper() == last.group().upper():
        return None
    cont = codes.issuer_code(first)
    tail = sym.rsplit("/", 1)[-1]
    if "-" in tail:
        return None     # the symbol has its issuer: what follows the line end is prose
    if codes.type_code(last.group()) is not None:
        ok = cont is not None and cont.role != "unit"          # KH / UBND, NĐ / CP, QĐ / TTg
    elif codes.issuer_code(last.group()) is not None:
        ok = cont is not None and cont.role == "unit"          # UBND / VP of a công văn
    else:
        ok = False
    if not ok:
        return None
    key, _ = canonicalize(sym + "-" + text[nxt.start("first"):nxt.end()], bare=bare)
    return (key, True, nxt.end()) if key is not None else None


# A footnote mark a PDF layer flattened onto the end of a symbol
# ("12/KH-UBND1 ngày ...", "59/2023/NĐ-CP2"): one or two digits right after an
# issuer code the table knows that takes no term number (QH15 is a term; a unit
# code such as C04 or P4 is open-ended and keeps its digits).
_FOOTNOTE = re.compile(r"[-/](?P<code>[A-ZĐ&]{2,12})(?P<mark>[0-9]{1,2})$")


def _footnote_mark(key: str) -> int:
    """Length of the footnote mark ending ``key``, else 0."""
    m = _FOOTNOTE.search(key)
    if m is None:
        return 0
    iss = codes.issuer_codes().get(m["code"])
    if iss is None or iss.term or iss.role == "unit":
        return 0
    return len(m["mark"])


# a header number with its number left blank: "Số:      /BC-UBND"
_OWN_PREFIX = regex.compile(r"(?<![A-Za-z])S[o6be]?\s{0,3}[:.]?\s{0,3}$")

_SO = r"(?:(?:so|s[o6be]|s)\s{0,3}[:.]?\s{0,3})"


@lru_cache(maxsize=1)
def _kind_res() -> tuple["regex.Pattern", "regex.Pattern"]:
    words = sorted(codes.kind_words(), key=len, reverse=True)
    alt = "|".join(r"\s{1,4}".join(map(regex.escape, w.split())) for w in words)
    # up to 24 blanks after "số": masked markup ("số<sup>2</sup> 86/...") is blank
    exact = regex.compile(rf"(?i)(?<![A-Za-z])(?P<kind>{alt})\s{{0,20}}{_SO}?\(?\s{{0,24}}$")
    long_words = [w for w in words if sum(c.isalpha() for c in w) >= 7]
    falt = "|".join(r"\s{1,4}".join(map(regex.escape, w.split())) for w in long_words)
    fuzzy = regex.compile(rf"(?i)(?<![A-Za-z])(?P<kind>(?:{falt}){{e<=1}})\s{{0,20}}{_SO}?\(?\s{{0,24}}$")
    return exact, fuzzy


# between a number and its date: blanks and punctuation, "ban hành"/"ký", "ngày";
# or one table cell border ("| 12/KH-UBND | 05/01/2024 |": the next cell)
_GAP_TO_DATE = regex.compile(r"(?i)[\s,;:*()]{0,6}(?:(?:ban\s{1,3}hanh|ky)\s{1,3})?(?:ng[a-z]?y)?[\s:]{0,4}"
                             r"|[ \t]{0,4}\|[ \t]{0,4}")
_ISSUER_LEAD = regex.compile(r"(?i)[\s,*()]{0,6}(?:c[a-z]{0,2}a|do)\s{1,4}(?=[A-ZĐ])")
# Heads of issuing bodies beyond the names of the issuer table (their words are
# partly lower case, so the body is cut after the head, a level word and a name).
ISSUER_HEADS = (
    "UBND", "HĐND", "Bộ Chính trị", "Ban Bí thư", "Ban Chấp hành Trung ương Đảng",
    "Ban Chấp hành Trung ương", "Ban Thường vụ", "Ban Chỉ đạo", "Thành ủy", "Thị ủy",
    "Đảng ủy", "Đảng uỷ", "Tỉnh uỷ", "Huyện uỷ", "Ủy ban MTTQ", "Uỷ ban nhân dân",
    "Ủy ban Kiểm tra", "Mặt trận Tổ quốc", "Văn phòng", "Thanh tra", "Công an", "Tòa án nhân dân",
)
_ISSUER_PREFIX = r"(?:(?:chu\s{1,4}tich|pho\s{1,4}chu\s{1,4}tich|thuong\s{1,4}truc|ban\s{1,4}thuong\s{1,4}vu)\s{1,4})?"
_LEVEL = r"(?:tinh|huyen|thanh\s{1,4}pho|thi\s{1,4}xa|thi\s{1,4}tran|xa|phuong|quan|tp\.?)"
_NAME_WORD = r"(?:[A-ZĐ][\w]*|\d{1,3})"
_ISSUER_FALLBACK_STOP = regex.compile(
    r"(?i)[();,.:\"“”'’\[\]]|\n\s*\n\s*[-+•]|\s(?:ve|quy\s+dinh|huong\s+dan|ban\s+hanh|trien\s+khai|tiep\s+tuc|"
    r"thuc\s+hien|de|nham|khoa|ngay|so|tai|trong|doi\s+voi|cho|giao|len|nhu|thong\s+qua|tu|dau|"
    r"phe\s+duyet|chi\s+dao|quy|va|gan|lien\s+quan)(?![A-Za-z])"
)


@lru_cache(maxsize=1)
def _issuer_heads() -> dict[str, str]:
    """Folded lower-case head → its name as written (first spelling wins)."""
    names = [i.name for i in codes.issuer_codes().values() if i.role != "unit"] + list(ISSUER_HEADS)
    out: dict[str, str] = {}
    for n in names:
        out.setdefault(" ".join(fold(n).lower().split()), n)
    return out


@lru_cache(maxsize=1)
def _issuer_head_res() -> tuple["regex.Pattern", "regex.Pattern"]:
    heads = sorted(_issuer_heads(), key=len, reverse=True)
    alt = "|".join(r"\s{1,4}".join(map(regex.escape, n.split())) for n in heads)
    tail = (rf"(?-i:(?:\s{{1,4}}(?i:{_LEVEL})(?![A-Za-z])(?:\s{{1,4}}{_NAME_WORD}){{0,4}})?)")
    exact = regex.compile(rf"(?i){_ISSUER_PREFIX}(?P<head>{alt})(?![A-Za-z]){tail}")
    long_heads = [n for n in heads if len(n) >= 8]
    falt = "|".join(r"\s{1,4}".join(map(regex.escape, n.split())) for n in long_heads)
    fuzzy = regex.compile(rf"(?i)(?e){_ISSUER_PREFIX}(?P<head>(?:{falt}){{e<=2}})(?![A-Za-z]){tail}")
    return exact, fuzzy


# The "số" spellings the tail of :func:`_kind_res`'s patterns reads after kind words
_SO_TOKENS = ("so", "s6", "sb", "se", "s")


@lru_cache(maxsize=1)
def _kind_exact_reverse() -> Optional["regex.Pattern"]:
    """The exact kind pattern searched right to left (``(?r)``), when the kind
    words end in one place only (:func:`scan.words_end_once`; else None): it
    tries the one position a match can end at (the number) instead of every
    start of the 60 characters before it (0.7 -> 0.1 ms a report)."""
    if not words_end_once(sorted(codes.kind_words(), key=len, reverse=True), _SO_TOKENS):
        return None
    return regex.compile("(?r)" + _kind_res()[0].pattern)


def _exact_kind(masked: str, lo: int, start: int):
    """The match of the exact kind pattern in ``masked[lo:start]`` (ending at
    ``start``): :func:`_exact_kind_reference`'s, found right to left."""
    rx = _kind_exact_reverse() or _kind_res()[0]
    return rx.search(masked, lo, start)


def _exact_kind_reference(masked: str, lo: int, start: int):
    """The leftmost match of the exact kind pattern (tests compare)."""
    return _kind_res()[0].search(masked, lo, start)


def _blank(m) -> str:
    return " " * len(m.group())


@lru_cache(maxsize=None)
def _markup_for(present: tuple[str, ...]) -> Optional["regex.Pattern"]:
    """:data:`_MARKUP` without the alternatives whose character is absent
    (None when none is left): an alternative that cannot match anywhere in a
    text changes nothing of a substitution over it, and the page-furniture
    ones cost a look-behind at every position (2.5 ms a report without a
    single page break)."""
    alts = [alt for c, alt in _MARKUP_ALTS if c in present]
    return regex.compile("|".join(alts)) if alts else None


def mask(folded: str) -> str:
    """The folded text with markup (``**``, ``<sup>1</sup>``, ``\\f``) blanked."""
    rx = _markup_for(tuple(c for c, _ in _MARKUP_ALTS if c in folded))
    return rx.sub(_blank, folded) if rx is not None else folded


def mask_reference(folded: str) -> str:
    """:func:`mask` with the whole pattern (tests compare)."""
    return _MARKUP.sub(_blank, folded)


def _kind_before(masked: str, start: int) -> tuple[Optional[int], Optional[str], bool]:
    """(start of the kind words, kind, through OCR) right before a number."""
    lo = max(0, start - 60)
    m = _exact_kind(masked, lo, start)
    ocr = False
    if not m:
        m = _kind_res()[1].search(masked, lo, start)
        ocr = True
    if not m:
        return None, None, False
    w = " ".join(m["kind"].lower().split())
    kind = codes.kind_words().get(w)
    if kind is None and w not in codes.kind_words():
        # fuzzy hit: find the closest kind word
        best = None
        for k in codes.kind_words():
            if len(k) == len(w) and sum(a != b for a, b in zip(k, w)) <= 1:
                best = k
                break
        if best is None:   # a character OCR put in or left out ("Quyết. định", "Quyếtđịnh")
            best = next((k for k in codes.kind_words() if _one_indel(k, w)), None)
        if best is None:
            return None, None, False
        kind = codes.kind_words()[best]
    return m.start(), kind, ocr


def _one_indel(a: str, b: str) -> bool:
    """``b`` is ``a`` with one character put in or left out."""
    if abs(len(a) - len(b)) != 1:
        return False
    if len(a) < len(b):
        a, b = b, a
    i = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), len(b))
    return a[i + 1:] == b[i:]


_PARTY_TYPE = re.compile(r"^\d*-([^/]+)/")
_PARTY_BODY = re.compile(r"^\d*-[^/]+/(.+)$")
# the separators of a key's codes; a dot joins two codes in one segment
# ("12/CĐ.UBND", "318/STC.QLNS", "45/KH-BCĐ.ATTP"), which are looked up each
_KEY_SEP = re.compile(r"[/.\-]")
_CODE_SEP = re.compile(r"[.\-]")


def _symbol_kind(key: str) -> Optional[str]:
    """Kind implied by the type code of a canonical key."""
    m = _PARTY_TYPE.match(key)
    if m:  # party shape
        t = m.group(1)
        if t.upper() == "TT":
            return "Thông tri"
        return codes.kind_of_type(t)
    parts = key.split("/")
    if len(parts) == 4:  # joint document: NUMBER/YEAR/TYPE/ISSUERS
        return codes.kind_of_type(parts[2])
    sym = parts[-1]
    first = _CODE_SEP.split(sym)[0]
    k = codes.kind_of_type(first)
    if k:
        return k
    iss = codes.issuer_code(first)
    if iss is not None:
        if iss.code == "QH" and "-" not in sym:
            return "Luật"
        if iss.code == "UBTVQH" and "-" not in sym:
            return "Nghị quyết"
        if "-" in sym or "." in sym:
            return "Công văn"
    return None


def _has_known_code(key: str) -> bool:
    segs = _KEY_SEP.split(key)
    return any(codes.type_code(x) or codes.issuer_code(x) for x in segs if x and not x.isdigit())


def _type_only(key: str) -> bool:
    """``NUMBER/TYPE`` and nothing else (``130/KH``, ``12/BC``): no year, no
    issuer.  Every document the numbering rules give a type code also names
    its issuer (``reference/numbering.md``); a type code alone is read only
    after kind words ("Kế hoạch số 130/KH"), where a hurried writer dropped the
    issuer — in prose it is a figure over a unit or a list label."""
    parts = key.split("/")
    return (len(parts) == 2 and "-" not in parts[1] and codes.type_code(parts[1]) is not None
            and codes.issuer_code(parts[1]) is None)


def _joint_issuers(key: str) -> Optional[list[str]]:
    """The issuer codes of a joint document's key (a ``…LT`` type code): after its
    second slash (``01/2004/TTLT/BVHTT-BYT``, before 2009) or after the type
    (``07/2016/TTLT-BYT-BTC``); None for any other key."""
    parts = key.split("/")
    if len(parts) == 4:
        return parts[3].split("-") if parts[2].endswith("LT") else None
    segs = parts[-1].split("-")
    if len(parts) == 3 and len(segs) > 1 and segs[0].endswith("LT") and codes.type_code(segs[0]):
        return segs[1:]
    return None


def _implied_issuer(key: str) -> Optional[str]:
    """The body a key's issuer code names alone (``implied`` in
    ``issuer_codes.tsv``: ``NĐ-CP`` → Chính phủ); for a joint document each of
    its issuers, joined by "; ", when every one is such a code (``01/2004/TTLT/
    BVHTT-BYT`` → Bộ Văn hóa - Thông tin; Bộ Y tế), else None."""
    joint = _joint_issuers(key)
    if joint is not None:
        found = [codes.issuer_code(x) for x in joint]
        if not found or any(i is None or not i.implied for i in found):
            return None
        return "; ".join(i.name for i in found)
    m = _PARTY_BODY.match(key)
    if m:
        seg = m.group(1)
    else:
        segs = _CODE_SEP.split(key.split("/")[-1])
        seg = segs[1] if len(segs) > 1 and codes.type_code(segs[0]) else segs[0]
    iss = codes.issuer_code(seg)
    return iss.name if iss is not None and iss.implied else None


def _date_after(masked: str, end: int, dates: list[DateMention]) -> tuple[Optional[str], int]:
    """ISO date printed right after a number, and where it ends."""
    for d in dates:
        if d.start < end:
            continue
        if d.start - end > 30:
            break
        gap = _GAP_TO_DATE.fullmatch(masked, end, d.start)
        if gap and len(d.date) == 10:
            return d.date, d.end
        break
    return None, end


def _issuer_after(text: str, masked: str, pos: int) -> Optional[str]:
    """The body named in "của <body>" right after a mention, cut to the body.

    A head matched through OCR damage ("B§ chinh tri") is given in its
    canonical spelling ("Bộ Chính trị")."""
    lead = _ISSUER_LEAD.match(masked, pos, min(len(masked), pos + 16))
    if not lead:
        return None
    s = lead.end()
    exact, fuzzy = _issuer_head_res()
    hm = exact.match(masked, s, min(len(masked), s + 120))
    if hm:
        return " ".join(text[s:hm.end()].replace("*", " ").split())
    fm = fuzzy.match(masked, s, min(len(masked), s + 120))
    if fm and sum(fm.fuzzy_counts) <= max(1, len(fm["head"]) // 6):
        best = _closest_head(fm["head"])
        if best:
            prefix = " ".join(text[s:fm.start("head")].split())
            rest = " ".join(text[fm.end("head"):fm.end()].split())
            return " ".join(x for x in (prefix, best, rest) if x)
    stop = _ISSUER_FALLBACK_STOP.search(masked, s, min(len(masked), s + 90))
    e = stop.start() if stop else min(len(masked), s + 60)
    words = text[s:e].replace("*", " ").split()
    if not words or len(words) > 6:
        return None
    return " ".join(words)


@lru_cache(maxsize=1)
def _head_fuzzy_res() -> tuple[tuple["regex.Pattern", str], ...]:
    """Each head as a pattern of at most two edits, compiled once (a pattern
    string per call went through regex's compile cache, which these ~200
    heads overflow: 0.7 ms a call)."""
    return tuple((regex.compile(rf"(?:{regex.escape(h)}){{e<=2}}"), name) for h, name in _issuer_heads().items())


@lru_cache(maxsize=4096)
def _closest_head(found: str) -> Optional[str]:
    f = " ".join(found.lower().split())
    best, best_d = None, 3
    for rx, name in _head_fuzzy_res():
        m = rx.fullmatch(f)
        if m:
            d = sum(m.fuzzy_counts)
            if d < best_d:
                best, best_d = name, d
    return best


def _own_number(masked: str, m) -> bool:
    """A ``Số: ...`` number in the header block (used when no span is given)."""
    if m.start() > HEADER_CHARS:
        return False
    return bool(_OWN_PREFIX.search(masked, max(0, m.start() - 8), m.start()))


def extract_citations(
    text: str,
    *,
    own_number_span: tuple[int, int] | None = None,
    dates: list[DateMention] | None = None,
    doc_date: str | None = None,
) -> list[Citation]:
    """Every citation in ``text`` (see module docstring), sorted by start.

    ``doc_date`` (the citing document's issue date, ISO) picks the version of a
    law cited by name without a year: the one in force that day."""
    if not isinstance(text, str) or not text:
        return []
    return _extract(text, own_number_span, dates, doc_date)


# a number whose digits a letter-spaced PDF line or OCR set apart ("số 1 4 2/QĐ-TTg"):
# single digits each followed by one blank, right before a one-digit number
_SPACED_DIGITS = regex.compile(r"(?<![0-9A-Za-z.,/])(?:[0-9] ){1,4}$")


def _spaced_start(masked: str, m) -> Optional[int]:
    """Where a number set apart digit by digit starts, when kind words stand
    before it ("Quyết định số 1 4 2/QĐ-TTg" is 142/QĐ-TTg, not 2/QĐ-TTg); else None."""
    if len(m["num"]) != 1 or m.start() < 2 or masked[m.start() - 1] != " ":
        return None
    sp = _SPACED_DIGITS.search(masked, max(0, m.start() - 8), m.start())
    if sp is None or _kind_before(masked, sp.start())[0] is None:
        return None
    return sp.start()


def _is_copy_kind(kind: Optional[str]) -> bool:
    """A copy (type codes SY, TrS, SL of data/type_codes.tsv: Bản sao y, Bản trích
    sao, Bản sao lục).  The stamp of a certified copy prints the copy's own
    number ("SAO Y BẢN CHÍNH / Số: 210/SY-VP"), which cites nothing; a copy is
    a citation only when kind words introduce it."""
    return bool(kind) and kind.startswith("Bản") and "sao" in kind.split()


def _extract(text: str, own_number_span, dates, doc_date=None) -> list[Citation]:
    folded = fold(text)
    masked = mask(folded)
    if dates is None:
        dates = extract_dates(text)
    dates = sorted(dates, key=lambda d: d.start)

    full: list[Citation] = []
    pats = _patterns()
    cands = [(m, False) for m in pats.cand.finditer(masked)]
    # symbols out of their codes' case: one path (_case_symbol), which wins over
    # the mention pattern's reading of the same number ("12/Qđ-ubnd": it reads 12/Qđ)
    case = {}
    if _has_case_hint(masked):
        for m in _CASE_CAND.finditer(masked):
            end = _case_end(text, m)
            c = _case_symbol(text, masked, m, end, dates) if end is not None else None
            if c is not None:
                case[m.start()] = (m, c)
    if case:
        cands = sorted([c for c in cands if c[0].start() not in case] + [(m, None) for m, _ in case.values()],
                       key=lambda c: c[0].start())
    if cands or pats.glued.search(masked):
        taken = [(m.start(), m.end()) for m, _ in cands]
        glued = [(m, True) for m in pats.glued.finditer(masked)
                 if not any(s < m.end() and m.start() < e for s, e in taken)]
        if glued:
            cands = sorted(cands + glued, key=lambda c: c[0].start())
    for m, slash_lost in cands:
        if own_number_span is not None:
            if m.start() < own_number_span[1] and own_number_span[0] < m.end():
                continue
        elif _own_number(masked, m):
            continue
        end = m.end()
        raw_sym = text[m.start():end]
        if slash_lost is None:
            full.append(case[m.start()][1])
            continue
        # markup inside the symbol ("86/2023/**NĐ-CP") is not part of it
        seen = masked[m.start():end]
        sym = raw_sym if " " not in seen else "".join(
            t for t, k in zip(raw_sym, seen) if k != " " or t.isspace())
        spaced = None if slash_lost else _spaced_start(masked, m)
        if spaced is not None:
            sym = masked[spaced:m.start()].replace(" ", "") + sym
        kstart, kind, kind_ocr = _kind_before(masked, m.start() if spaced is None else spaced)
        note = None
        if slash_lost:
            # the glued shape needs kind words before it or an issuer code after
            # the dash ("lô 12BC-XK" of a product code is not read)
            key, note = _glued_symbol(m, sym, kstart is not None)
            repaired = True
        else:
            # one unknown segment ("Văn bản số 01/HLV") only after kind words
            key, repaired = canonicalize(sym, bare=kstart is not None and m["sym2"] is not None)
        if not slash_lost:
            split = (_split_code(text, masked, m.start(), end, sym, kstart is not None and m["sym2"] is not None)
                     or _lost_hyphen(text, masked, end, sym, kstart is not None and m["sym2"] is not None))
            if split is not None:
                key, repaired, end = split
                raw_sym = text[m.start():end]
                seen = masked[m.start():end]
        if key is None and not slash_lost:
            # a word of prose glued to the symbol (a PDF layer that lost its blanks:
            # "59/2023/NĐ-CPngày 14/8/2023"): the symbol without it
            glued = _GLUED_WORD.search(seen)
            if glued is not None:
                cut = len(seen) - glued.start()
                key, repaired = canonicalize(sym[:len(sym) - cut], bare=kstart is not None and m["sym2"] is not None)
                if key is not None:
                    end -= cut
                    raw_sym = text[m.start():end]
        sym_end = end   # where the printed symbol ends (a footnote mark included)
        if key is not None and not slash_lost:
            fn = _footnote_mark(key)
            if fn and masked[end - fn:end].isdigit():
                key, end, repaired = key[:-fn], end - fn, True
                raw_sym = text[m.start():end]
                note = f"footnote mark {text[end:end + fn]} after the symbol left out"
        if key is None:
            continue
        # out of case (a shape _CASE_CAND does not read): _case_symbol's rule, on the
        # symbol as printed without its markup and page furniture
        miscased = False
        if not slash_lost and raw_sym != raw_sym.upper():   # all in capitals: no code out of case
            printed = "".join(t for t, k in zip(raw_sym, masked[m.start():end]) if k != " " or t.isspace())
            miscased = _miscased(printed)
        if miscased and (kstart is None or not all(_in_case(x) or _known_as_read(x)
                                                    for x in _case_segments(printed))):
            continue
        if slash_lost:
            conf = SLASH_CONF
        elif repaired or spaced is not None:
            conf = REPAIRED_CONF
        elif raw_sym == key or (raw_sym.upper() == key.upper() and "\n" not in raw_sym):
            conf = CLEAN_CONF
        else:
            conf = RESPELLED_CONF
        if miscased and conf > RESPELLED_CONF:
            # only a change of case between the print and the key (a repair, an
            # OCR'd "Qb", is already read at REPAIRED_CONF)
            conf = RESPELLED_CONF
            note = note or f"letter case respelled: {' '.join(printed.split())} read as {key}"
        if kstart is None and not _has_known_code(key):
            continue  # "lô 12/AB-CD": no kind words and no code we know
        if kstart is None and _type_only(key):
            continue  # "cấp 130/KH hộ": a type code alone, no issuer, no year, no kind words
        sym_kind = _symbol_kind(key)
        if kstart is None and _is_copy_kind(sym_kind):
            continue  # "SAO Y BẢN CHÍNH / Số: 210/SY-VP": the copy's own number
        if kind is not None and sym_kind and kind != sym_kind:
            # a compound name: "Thông báo kết luận số 15-TB/ĐU" is a Thông báo
            lead = fold(sym_kind).lower()
            lo = max(0, kstart - len(lead) - 3)
            at = masked[lo:kstart].lower().rfind(lead)
            if at >= 0:
                kstart, kind = lo + at, sym_kind
        if kind is None:
            kind = sym_kind
        elif kind_ocr or (sym_kind and kind != sym_kind and not _compatible(kind, sym_kind)):
            conf -= KIND_PENALTY
        start = kstart if kstart is not None else m.start()
        date, after = _date_after(masked, sym_end, dates)
        issuer = _issuer_after(text, masked, after) or _implied_issuer(key)
        full.append(Citation(key=key, kind=kind, raw=text[start:end], start=start, end=end,
                             issuer=issuer, date=date, form="full", confidence=round(conf, 2), note=note))

    full += _shared_symbol(text, masked, full)
    full.sort(key=lambda c: c.start)
    short = find_short_forms(text, masked, full)
    named = _merge_named(text, masked, extract_named_laws(text, doc_date), full)
    out = full + short + named
    out.sort(key=lambda c: (c.start, c.end))
    return out


# a letter in lower case in a symbol: a symbol out of its codes' case may be there
_CASE_HINT = regex.compile(r"[0-9]\s{0,8}[/-]\s{0,8}(?:[12][0-9]{3}\s{0,8}/\s{0,8})?[A-Za-z0-9.&/\-]{0,30}?[a-z]")
_PRINTED_SEG = re.compile(r"[^\s/\-.]+")


def _has_case_hint(masked: str) -> bool:
    return _CASE_HINT.search(masked) is not None


def _case_segments(printed: str) -> list[str]:
    """The codes of a printed symbol (its number left out, a dotted code in its parts)."""
    return [x for x in _PRINTED_SEG.findall(printed)[1:] if any(c.isalpha() for c in x)]


def _in_case(seg: str) -> bool:
    """``seg`` is printed as the tables or the numbering rules spell codes: in
    capitals, as its table code (``TTg``, ``QĐi``, ``TTr``), or as a unit code
    with an inner lower-case letter (``GDTrH``: :func:`canonical._plain_caps`)."""
    if seg == seg.upper():
        return True
    hit = codes.type_code(seg) or codes.issuer_code(seg)
    if hit is not None and hit.code == seg:
        return True
    return codes.type_code(seg) is None and codes.issuer_code(seg) is None and _plain_caps(seg)


def _known_as_read(seg: str) -> bool:
    """``seg`` is a code of the tables in any case, also as typing or OCR spells
    it (a lost ``Đ``: ``qd``; a confusion of the tables: ``Qb`` for ``QĐ``)."""
    return (codes.known_code(seg) or codes.confusable(seg, "type") is not None
            or codes.confusable(seg, "issuer") is not None)


def _miscased(printed: str) -> bool:
    """A printed symbol with a code of the tables out of its case (``34/kh-ubnd``,
    ``12/Qđ-ubnd``, ``45/Ubnd-VP``).  An OCR confusion in a small letter
    (``217-Qb/TW``: ``QB`` is no code) is the OCR readings' business, not a
    change of case."""
    return any(not _in_case(x) and codes.known_code(x) for x in _case_segments(printed))


def _case_end(text: str, m) -> Optional[int]:
    """Where the symbol of a :data:`_CASE_CAND` match ends when it is out of
    its codes' case (:func:`_miscased`), else None.  A last dotted part that is
    no code (``45/Ubnd.Tiếp theo``) is a full stop and the next sentence: the
    symbol ends before the dot."""
    end = m.end()
    raw_sym = text[m.start():end]
    if not all(_in_case(x) or _known_as_read(x) for x in _case_segments(raw_sym)):
        dot = raw_sym.rfind(".")
        if dot > 0 and "-" not in raw_sym[dot:] and "/" not in raw_sym[dot:]:
            end = m.start() + dot
            raw_sym = text[m.start():end]
    return end if _miscased(raw_sym) else None


def _case_symbol(text: str, masked: str, m, end: int, dates: list[DateMention]) -> Optional[Citation]:
    """A :data:`_CASE_CAND` match (a symbol out of its codes' case) as a
    citation: kind words right before it, its letters upper-cased, and every
    code printed out of case a type or issuer code of the tables
    (``34/kh-ubnd``, ``12/Qđ-ubnd`` → ``34/KH-UBND``, ``12/QĐ-UBND``; codes in
    capitals may be open-ended unit codes: ``45/Ubnd-KGVX``; ``12/ha`` is
    nothing).  Read at :data:`RESPELLED_CONF` (a change of case is a
    respelling; :data:`REPAIRED_CONF` when a lost ``Đ`` was restored too),
    ``note`` says so (a repaired reading, an OCR'd ``217-Qb/TW``, is a repair
    like any other: no note).  One code alone only when it is a type code
    (``3/Kh``) or an issuer that is no unit code (``45/Ubnd``)."""
    kstart, kind, kind_ocr = _kind_before(masked, m.start())
    if kstart is None:
        return None
    raw_sym = text[m.start():end]
    segs = _case_segments(raw_sym)
    if not all(_in_case(x) or _known_as_read(x) for x in segs):
        return None
    key, repaired = canonicalize(raw_sym.upper())
    if key is None or not _has_known_code(key):
        return None
    if len(segs) == 1 and m["year"] is None and not _type_only(key):
        iss = codes.issuer_code(key.split("/")[-1])
        if iss is None or iss.role == "unit":
            return None   # "Công văn số 2/tp": a unit code alone is no number
    sym_kind = _symbol_kind(key)
    conf = (REPAIRED_CONF if repaired else RESPELLED_CONF) - (KIND_PENALTY if kind_ocr else 0)
    if kind is not None and sym_kind and kind != sym_kind and not _compatible(kind, sym_kind):
        conf -= KIND_PENALTY
    date, after = _date_after(masked, end, dates)
    issuer = _issuer_after(text, masked, after) or _implied_issuer(key)
    return Citation(key=key, kind=kind or sym_kind, raw=text[kstart:end], start=kstart, end=end,
                    issuer=issuer, date=date, form="full", confidence=round(conf, 2),
                    note=None if repaired else f"letter case respelled: {' '.join(raw_sym.split())} read as {key}")


# Numbers listed before one printed in full share its symbol: "các Quyết định số
# 1587, 1588/QĐ-UBND", "Công văn số 245 và 246/UBND-VP", "Nghị quyết số 18, 19-NQ/TW".
# Each item a number (a letter suffix allowed), then a comma, "và" or "&".
_SHARED_LIST = regex.compile(
    r"(?:(?<![0-9A-Za-z/.,\-])[0-9]{1,5}[A-Z]?\s{0,2}(?:,|;|&|\s(?:va|v[aà]))\s{0,3}){1,8}$")
_SHARED_ITEM = regex.compile(r"(?<![0-9A-Za-z/.,\-])(?P<n>[0-9]{1,5}[A-Z]?)(?=\s{0,2}(?:,|;|&|\s))")
_NUMBER_FIRST = regex.compile(rf"[0-9{_S1}{_S0}]")
_KEY_NUMBER = re.compile(r"^([0-9]+(?:\.[0-9]{1,2})?[A-Z]?)(?=[/-])")


def _shared_symbol(text: str, masked: str, full: list[Citation]) -> list[Citation]:
    """The numbers of a list that share the symbol of its last, full member
    (:data:`_SHARED_LIST`), when kind words open the list ("Quyết định số",
    "các Nghị định"): one row each, keyed by its number and that symbol, with
    the full member's date and issuer, at :data:`REPAIRED_CONF` and a note.
    The full member takes the kind words' kind when its symbol gives none."""
    out: list[Citation] = []
    for c in full:
        if c.form != "full" or c.key is None or not _NUMBER_FIRST.match(c.raw):
            continue   # kind words right before the number: no list
        km = _KEY_NUMBER.match(c.key)
        if km is None:
            continue
        lo = max(0, c.start - 80)
        lm = _SHARED_LIST.search(masked, lo, c.start)
        if lm is None:
            continue
        kstart, kind, _ = _kind_before(masked, lm.start())
        if kstart is None:
            continue
        rest = c.key[km.end():]
        items = list(_SHARED_ITEM.finditer(masked, lm.start(), lm.end()))
        for i, it in enumerate(items):
            key = canonical_key(it["n"] + rest)
            if key is None:
                break
            s = kstart if i == 0 else it.start()
            out.append(Citation(key=key, kind=kind or c.kind, raw=text[s:it.end()], start=s, end=it.end(),
                                issuer=c.issuer, date=c.date, form="full", confidence=REPAIRED_CONF,
                                note=f"symbol shared with {c.key}"))
        if items and c.kind is None:
            c.kind = kind
    return out


def _glued_symbol(m, sym: str, kind_words: bool) -> tuple[Optional[str], Optional[str]]:
    """``(key, note)`` of a ``_patterns().glued`` match, read by
    :func:`canonical.restore_slash` (a type code the table knows glued to the
    digits: ``QĐ``, ``KH``, ``BC``; an issuer such as ``UBND`` is not enough),
    when kind words precede it (``kind_words``) or the code after the dash is
    an issuer the table knows (``SYT``, ``UBND``); ``(None, None)`` else."""
    if m["gsp"] and not kind_words:
        return None, None  # "175 QĐ-SYT": the slash read as a blank, only after kind words
    restored = restore_slash(sym)
    if restored is None:
        return None, None
    if not kind_words and codes.issuer_code(restored[0].split("/", 1)[1].split("-")[1]) is None:
        return None, None
    return restored


def _compatible(words_kind: str, sym_kind: str) -> bool:
    """Kind words that may introduce a symbol of another kind: the pairs below, and a
    compound name over its head ("Quy chế phối hợp số 05/QC-UBND", "Kế hoạch liên
    tịch số 12/KH-UBND")."""
    pairs = {("Nghị quyết", "Luật"), ("Quy định", "Quyết định"), ("Thông tri", "Thông tư"),
             ("Công văn", "Công văn"), ("Pháp lệnh", "Nghị quyết")}
    return (words_kind, sym_kind) in pairs or words_kind.startswith(sym_kind + " ")


# "… sửa đổi, bổ sung một số điều của" right before a law's name: the number
# printed after that name is the amending law's, not the named law's
# ("được sửa đổi bởi Luật Đất đai số 31/2024/QH15" names that law's own number: no "của")
_AMENDED_BEFORE = regex.compile(r"(?i)(?:sua\s{1,3}doi|bo\s{1,3}sung|bai\s{1,3}bo)[^;.\n]{0,120}?\bcua\s[^;.\n]{0,120}$")


def _merge_named(text: str, masked: str, named: list[Citation], full: list[Citation]) -> list[Citation]:
    """Drop named-law rows whose number is printed with them, giving the full
    row the title instead (one row per mention, ``resolved_by='printed-number'``).

    Not when the number is another law's: the registry gives that number another
    name, or the name is that of a law an amending law amends ("Luật sửa đổi, bổ
    sung một số điều của Luật Đất đai số 43/…" names the amending law's number)."""
    keep = []
    for n in named:
        hit = None
        for c in full:
            near = (c.start < n.end and n.start < c.end) or (0 <= c.start - n.end <= 12)
            if near and c.kind in ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp") or (
                    near and n.key is not None and c.key == n.key):
                hit = c
                break
        if hit is not None and n.key != hit.key:
            other = by_key().get(hit.key)
            if (other is not None and other.title and n.title
                    and fold(other.title).lower() != fold(n.title).lower()) \
                    or _AMENDED_BEFORE.search(masked, max(0, n.start - 200), n.start):
                hit = None
        if hit is None:
            if n.issuer is None and n.key:
                n.issuer = _implied_issuer(n.key)  # 10/2022/QH15 → Quốc hội
            if n.issuer is None and n.kind == "Hiến pháp":
                n.issuer = "Quốc hội"
            keep.append(n)
            continue
        hit.title = n.title
        hit.date = hit.date or (n.date if n.key == hit.key else None)
        hit.resolved_by = "printed-number"
        s, e = min(hit.start, n.start), max(hit.end, n.end)
        hit.start, hit.end, hit.raw = s, e, text[s:e]
    return keep
