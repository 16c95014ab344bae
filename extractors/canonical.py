"""Canonical number/symbol keys (``reference/numbering.md``).

``canonical_key(symbol)`` turns a number and symbol as printed, typed or OCR'd
into one spelling, so every way of writing the same reference gives the same
key:

* Unicode NFC, no spaces, every dash (– — ‐ −) is ``-``;
* letters upper case, except the ``i`` of the party code ``QĐi``
  (``TTg`` → ``TTG``);
* a ``Đ`` lost by typing or OCR is restored from the code tables
  (``extractors/data/*.tsv``), never blindly: ``QD``→``QĐ``, ``HDND``→``HĐND``,
  ``DU``→``ĐU`` only as a party body, ``ND``/``NP``→``NĐ`` only before ``CP``,
  ``QB``→``QĐ``; glued ``NĐCP``/``NDCP`` → ``NĐ-CP``; ``HD`` (Hướng dẫn) and
  ``DA`` (Dự án) are codes of their own and stay;
* leading zeros are kept as printed; ``l``/``I`` → ``1`` and ``O`` → ``0`` in
  the number and the year when the rest are digits;
* a number may carry a decimal part or a letter suffix (``66.4/2025/NQ-CP``,
  ``3176B/QĐ-SYT``, ``30C/NQ-CP``), kept as printed (letter upper-cased);
* a number left blank (``/BC-UBND``, ``…/BC-UBND``) is kept blank;
* segments may hold a dot (``16/CGC.BT``, ``12/CĐ.UBND``: the parts are read
  as segments of their own, joined back with the dot) or start with a digit after the first
  (``3980/C04-P6``); a joint document names its issuers after a second slash
  (``72/2025/NQLT/UBTVQH15-CP-ĐCTUBTWMTTQVN``, only after a ``…LT`` type code);
* OCR letter/digit swaps inside a code (``IW`` for ``TW``, ``QHI1`` for
  ``QH11``, ``0``/``O``, ``5``/``S``, ``8``/``B``) are read back only when the
  result is a state or party code of the tables (never for open-ended unit
  codes), at most two characters changed;
* a party number whose dash OCR read as ``;`` (``303;CV/HU``) is read with
  the dash, only when its type and body are codes of the tables;
* a symbol of one unknown segment (``01/HLV``) is a key only with
  ``bare=True`` (the caller has kind words before it: "Văn bản số 01/HLV").

The accepted shapes are ``NUMBER/YEAR/TYPE-ISSUER``, ``NUMBER-TYPE/BODY``
(party), ``NUMBER/TYPE-ISSUER[-UNIT]`` and ``NUMBER/ISSUER-UNIT``; anything
else (``990/1004``, ``2021-2026``, ``80,43/100``) gives ``None``.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Optional

from baocao.extractors import codes, confusions

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASH_TR = str.maketrans({d: "-" for d in DASHES} | {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})

# letters OCR prints for digits (data/ocr_confusions.tsv): in a symbol's year and
# first digits ("symbol"), in its number ("digit" and "code_digit")
_SD = confusions.char_class("symbol")
_ND = confusions.char_class("digit", "code_digit")
_PREFIX = re.compile(rf"^(?:s[ốôoó6béè][:.]?|số[:.]?|no[:.])(?=[\d{_SD}/.…_])", re.I)
_BLANK = re.compile(r"^[.…_·]+(?=/)")
_NUM = rf"[0-9{_ND}]{{1,6}}(?:\.[0-9]{{1,2}}|[A-HJ-NP-Za-km-np-z])?"
_SEG = r"[A-Za-zĐđƯư0-9&]{1,14}(?:\.[A-Za-zĐđƯư0-9&]{1,9})?"
_SYM = rf"{_SEG}(?:-{_SEG}){{0,5}}"
_YEAR_SHAPE = re.compile(rf"^(?P<num>{_NUM})?/(?P<year>[0-9{_SD}]{{4}})/(?P<sym>{_SYM})(?:/(?P<joint>{_SYM}))?$")
_PARTY_SHAPE = re.compile(rf"^(?P<num>{_NUM})?-(?P<type>{_SEG})/(?P<body>{_SEG})(?P<unit>(?:-{_SEG}){{0,2}})$")
_ADMIN_SHAPE = re.compile(rf"^(?P<num>{_NUM})?/(?P<sym>{_SYM})$")

_NUM_TR = confusions.translation("digit", "code_digit")
_REPEAT = re.compile(r"(.)\1+")
_SPACES = re.compile(r"\s+")
_DASH_RUN = re.compile(r"-{2,}")

STATE_ROLES = ("state", "unit", "both")
PARTY_ROLES = ("party", "both")


_NUM_SUFFIX = re.compile(r"(\.[0-9]{1,2}|[A-HJ-NP-Za-km-np-z])$")


def _fix_number(num: Optional[str]) -> tuple[Optional[str], bool]:
    """Digits of a number with l/I/O confusions repaired; None if implausible.
    A decimal part or a letter suffix (``66.4``, ``3176B``) is kept."""
    if not num:
        return "", False
    suffix = ""
    m = _NUM_SUFFIX.search(num)
    if m and len(num) > len(m.group()):
        suffix, num = m.group(), num[:m.start()]
    if num.isdigit():
        return num + suffix.upper(), False
    if not any(c.isdigit() for c in num):
        return None, False
    return num.translate(_NUM_TR) + suffix.upper(), True


def _has_letter(seg: str) -> bool:
    return any(c.isalpha() for c in seg)


# a unit code with a lower-case letter of its own: ``GDTrH`` (Giáo dục Trung
# học), ``CTrXH``: each lower-case letter between capitals or closing the code,
# fewer lower-case letters than capitals (``An``, ``Ban``, ``Nội`` are words)
_MIXED_CODE = re.compile(r"^[A-ZĐ](?:[A-ZĐ0-9&]|[a-z](?=[A-ZĐ0-9&]|$))+$")


def _plain_caps(seg: str) -> bool:
    """An unknown segment is plausible only in capitals (a unit code like NV,
    KGVX), or as a code with an inner lower-case letter (``GDTrH``, ``KTrVB``:
    each small letter followed by a capital, a digit or the end, fewer small
    letters than half the segment)."""
    low = sum(c.islower() for c in seg)
    return not low or (bool(_MIXED_CODE.match(seg)) and 2 * low < len(seg))


def _upper(seg: str) -> str:
    up = seg.upper()
    return "QĐi" if up == "QĐI" else up


# characters OCR swaps inside codes, and what each may stand for
_OCR_SWAPS = confusions.readings("code")  # data/ocr_confusions.tsv, use "code"
MAX_SWAPS = 2


def _ocr_variants(up: str):
    """Spellings of ``up`` with one or two OCR-swapped characters read back."""
    pos = [i for i, c in enumerate(up) if c in _OCR_SWAPS]
    for i in pos:
        for r in _OCR_SWAPS[up[i]]:
            v = up[:i] + r + up[i + 1:]
            yield v
            if MAX_SWAPS > 1:
                for j in pos:
                    if j > i:
                        for r2 in _OCR_SWAPS[up[j]]:
                            yield v[:j] + r2 + v[j + 1:]


def _ocr_code(seg: str, table: str, roles: tuple[str, ...]) -> Optional[str]:
    """Known state/party code that OCR printed as ``seg`` (``IW`` → ``TW``,
    ``QHI1`` → ``QH11``); None for unit codes, which are open-ended."""
    up = seg.upper()
    if len(up) < 2 or not any(c in _OCR_SWAPS for c in up):
        return None
    for v in _ocr_variants(up):
        if table == "type":
            t = codes.type_code(v)
            if t is not None:
                return v
        else:
            i = codes.issuer_code(v)
            if i is not None and i.role in roles and i.role != "unit":
                return v
    return None


def _canon_type(seg: str, next_seg: Optional[str]) -> tuple[Optional[str], bool]:
    """Canonical type code for ``seg`` (None if unknown), and whether repaired."""
    up = seg.upper()
    if up in codes.type_codes():
        # NP is an old code of its own, but NP-CP is an OCR'd NĐ-CP
        c = codes.confusable(seg, "type", next_seg)
        if c:
            return _upper(c), True
        return _upper(up), False
    r = codes.restore_d(seg, "type")
    if r:
        return _upper(r), True
    c = codes.confusable(seg, "type", next_seg)
    if c:
        return _upper(c), True
    # OCR doubled a letter ("QĐÐ/TW"): the code without the repeat -- never for a
    # segment that is itself an issuer code (4512/BNN-VP is the ministry, not BN)
    dedup = _REPEAT.sub(r"\1", up)
    if dedup != up and len(dedup) >= 2 and not codes.issuer_code(up):
        t, _ = _canon_type(dedup, next_seg)
        if t:
            return t, True
    return None, False


def _canon_type_ocr(seg: str) -> tuple[Optional[str], bool]:
    o = _ocr_code(seg, "type", ())
    if o:
        return _upper(codes.type_code(o).code), True
    return None, False


def _canon_issuer(seg: str, roles: tuple[str, ...]) -> tuple[Optional[str], bool]:
    up = seg.upper()
    if codes.issuer_code(up):
        return up, False
    r = codes.restore_d(seg, "issuer", roles)
    if r:
        return r, True
    c = codes.confusable(seg, "issuer", roles=roles)
    if c:
        return c, True
    dedup = _REPEAT.sub(r"\1", up)  # OCR doubled a letter ("ĐÐU")
    if dedup != up and len(dedup) >= 2:
        c, _ = _canon_issuer(dedup, roles)
        if c:
            return c, True
    o = _ocr_code(seg, "issuer", roles)
    if o:
        return o, True
    # "TƯ" (Trung ương) typed for the TW that closes a central body's code:
    # BTGTƯ is BTGTW, UBKTT.Ư is UBKTTW, when that code is in the table
    tw = _TU_HORN.sub("TW", up)
    if tw != up and tw != "TW":
        hit = codes.issuer_code(tw)
        if hit is not None and hit.role in roles:
            return tw, True
    return None, False


_TU_HORN = re.compile(r"T\.?Ư\.?$")


def _split_glued(seg: str) -> Optional[list[str]]:
    """``NĐCP``/``NDCP``/``QĐUBND`` → [type, issuer] when both halves are known codes."""
    if len(seg) < 3 or codes.issuer_code(seg) or codes.type_code(seg):
        return None
    for i in range(len(seg) - 2, 0, -1):
        left, right = seg[:i], seg[i:]
        t, _ = _canon_type(left, right)
        if not t:
            continue
        iss, _ = _canon_issuer(right, STATE_ROLES)
        if iss and codes.issuer_codes()[codes.issuer_code(iss).code.upper()].role == "state":
            return [left, right]
    return None


def _canon_symbol(sym: str, bare: bool = False) -> tuple[Optional[str], bool]:
    """Canonical ``TYPE-ISSUER[-UNIT]`` or ``ISSUER-UNIT`` or ``QH15`` part
    (one unknown capital segment only when ``bare``)."""
    segs = sym.split("-")
    if any(not s for s in segs):
        return None, False
    if len(segs) == 1:
        glued = _split_glued(segs[0])
        if glued:
            segs = glued
    # a dot joins two codes in one segment ("CĐ.UBND", "STC.QLNS", "BCĐ.ATTP"):
    # its parts are read as segments of their own, and joined back with the dot
    joins = ["-"] * len(segs)
    if any("." in x for x in segs):
        flat: list[str] = []
        joins = []
        for x in segs:
            for j, part in enumerate(x.split(".")):
                flat.append(part)
                joins.append("." if j else "-")
        segs = flat
        if any(not x for x in segs):
            return None, False
    if not _has_letter(segs[0]):
        return None, False
    out: list[str] = []
    repaired = False
    for i, s in enumerate(segs):
        nxt = segs[i + 1] if i + 1 < len(segs) else None
        if s.isdigit():
            return None, False
        if i == 0:
            t, rep = _canon_type(s, nxt)
            if t is None:
                # no type code: the issuer comes first (công văn), or QH15 alone
                t, rep = _canon_issuer(s, STATE_ROLES)
            if t is None:
                t, rep = _canon_type_ocr(s)
            if t is None:
                if (len(segs) == 1 and not bare) or len(s) < 2 or not _plain_caps(s) or not s[0].isalpha():
                    return None, False
                t = _upper(s)
            out.append(t)
            repaired |= rep
            continue
        c, rep = _canon_issuer(s, STATE_ROLES)
        if c is None:
            if not _plain_caps(s):
                return None, False
            c = _upper(s)
        out.append(c)
        repaired |= rep
    return out[0] + "".join(j + c for j, c in zip(joins[1:], out[1:])), repaired


def canonicalize(symbol: str, bare: bool = False) -> tuple[Optional[str], bool]:
    """``(key, repaired)``: the canonical key, and whether a letter or digit was
    restored (lost Đ, OCR confusion) rather than only respelled.  ``bare``
    accepts a symbol of one unknown segment (``01/HLV``)."""
    if not isinstance(symbol, str) or not symbol or len(symbol) > 80:
        return None, False
    return _canonicalize(symbol, bare)


@lru_cache(maxsize=16384)
def _canonicalize(symbol: str, bare: bool) -> tuple[Optional[str], bool]:
    """:func:`canonicalize` of a string, kept per (symbol, bare): a pure
    function of the code tables, and reports cite the same numbers again and
    again."""
    s = unicodedata.normalize("NFC", symbol).translate(_DASH_TR)
    s = s.replace("\\", "")  # a Markdown escape (3021/STC\\-QLNS of a converted page)
    s = _SPACES.sub("", s)
    s = _DASH_RUN.sub("-", s)
    s = _PREFIX.sub("", s)
    s = _BLANK.sub("", s)
    if not s or len(s) > 48:
        return None, False

    m = _YEAR_SHAPE.match(s)
    if m:
        num, rep_n = _fix_number(m["num"])
        year, rep_y = _fix_number(m["year"])
        if num is None or year is None or not (1945 <= int(year) <= 2100):
            return None, False
        sym, rep_s = _canon_symbol(m["sym"])
        if sym is None:
            return None, False
        if m["joint"]:
            # joint documents: TYPE (…LT) / the joint issuers
            if not sym.endswith("LT") or codes.type_code(sym) is None:
                return None, False
            joint, rep_j = _canon_symbol(m["joint"], bare=True)
            if joint is None:
                return None, False
            return f"{num}/{year}/{sym}/{joint}", rep_n or rep_y or rep_s or rep_j
        return f"{num}/{year}/{sym}", rep_n or rep_y or rep_s

    m = _PARTY_SHAPE.match(s)
    semi = m is None and s.find(";") > 0
    m = m or (_party_semicolon(s) if semi else None)
    if m:
        num, rep_n = _fix_number(m["num"])
        if num is None or not _has_letter(m["type"]) or not _has_letter(m["body"]):
            return None, False
        t, rep_t = _canon_type(m["type"], None)
        if t is None:
            t, rep_t = _canon_type_ocr(m["type"])
        if t is None:
            return None, False
        body, rep_b = _canon_issuer(m["body"], PARTY_ROLES)
        if body is None:
            if not _plain_caps(m["body"]):
                return None, False
            body = _upper(m["body"])
        # the drafting unit after the body (youth union: 215-KH/TĐTN-TNNT): capitals only
        units = [u for u in m["unit"].split("-") if u]
        if any(not _plain_caps(u) or not _has_letter(u) for u in units):
            return None, False
        return f"{num}-{t}/{'-'.join([body] + [_upper(u) for u in units])}", rep_n or rep_t or rep_b or semi

    m = _ADMIN_SHAPE.match(s)
    if m:
        num, rep_n = _fix_number(m["num"])
        if num is None:
            return None, False
        sym, rep_s = _canon_symbol(m["sym"], bare=bare)
        if sym is None:
            return None, False
        return f"{num}/{sym}", rep_n or rep_s
    return None, False


# a party number whose dash OCR read as a semicolon: 303;CV/HU (a letter after it)
_SEMI = re.compile(rf"^(?:{_NUM})?;(?=[A-Za-zĐđ])")


def _party_semicolon(s: str) -> Optional[re.Match]:
    """The party shape of ``s`` with its ``;`` read as the dash (``303;CV/HU`` →
    ``303-CV/HU``), only when the type is a party type code and the body a party
    body code the tables know (never an unknown segment in capitals), so a list
    of numbers (``12;13/QĐ-UBND``) stays none."""
    semi = _SEMI.match(s)
    if not semi:
        return None
    m = _PARTY_SHAPE.match(s[:semi.end() - 1] + "-" + s[semi.end():])
    if not m or m["unit"] or _canon_type(m["type"], None)[0] is None \
            or _canon_issuer(m["body"], PARTY_ROLES)[0] is None:
        return None
    return m


def canonical_key(symbol: str) -> Optional[str]:
    """Canonical number/symbol of ``symbol`` as printed or OCR'd, or None when
    the string is not a plausible document number (see module docstring)."""
    return canonicalize(symbol)[0]


def restore_slash(symbol: str) -> Optional[tuple[str, str]]:
    """``(key, note)`` of a number whose slash was lost: digits glued to (or a
    blank away from) a type code the table knows, then a dash and a code
    (``175QĐ-SYT``, ``175 QĐ-SYT`` → ``175/QĐ-SYT``, note ``slash restored:
    175QĐ-SYT read as 175/QĐ-SYT``); None when the digits are not followed by
    such a code or the key is not ``NUMBER/TYPE-CODE``.  The header's own
    number and the citations both read the shape with it; the callers say
    where it may be read (after ``Số:``, after kind words)."""
    digits = len(symbol) - len(symbol.lstrip("0123456789"))
    if not digits:
        return None
    key = canonical_key(symbol[:digits] + "/" + symbol[digits:].lstrip(" "))
    if not key or key.count("/") != 1 or "-" not in key:
        return None
    if codes.type_code(key.split("/", 1)[1].split("-")[0]) is None:
        return None
    return key, f"slash restored: {' '.join(symbol.split())} read as {key}"


_LOOSE_NUM = re.compile(rf"^[0-9{_SD}]+")


def loose_key(key: str) -> str:
    """A key for comparing two spellings of one number: upper case, Đ → D,
    no leading zeros, OCR ``O``/``l``/``I`` read as digits in the number
    (``O4/BC-UBND`` = ``4/BC-UBND`` = ``04/BC-UBND``)."""
    k = _SPACES.sub("", unicodedata.normalize("NFC", key or "")).translate(_DASH_TR)
    k = _LOOSE_NUM.sub(lambda m: m.group().translate(_NUM_TR).lstrip("0") or "0", k)
    return dless(k.upper()) if k else k


def dless(s: str) -> str:
    return s.replace("Đ", "D").replace("đ", "D")
