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
* a number left blank (``/BC-UBND``, ``…/BC-UBND``) is kept blank.

The accepted shapes are ``NUMBER/YEAR/TYPE-ISSUER``, ``NUMBER-TYPE/BODY``
(party), ``NUMBER/TYPE-ISSUER[-UNIT]`` and ``NUMBER/ISSUER-UNIT``; anything
else (``990/1004``, ``2021-2026``, ``80,43/100``) gives ``None``.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from baocao.extractors import codes

DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_DASH_TR = str.maketrans({d: "-" for d in DASHES} | {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ"})

_PREFIX = re.compile(r"^(?:s[ốôoó6béè][:.]?|số[:.]?|no[:.])(?=[\dlIO/.…_])", re.I)
_BLANK = re.compile(r"^[.…_·]+(?=/)")
_NUM = r"[0-9lIO|o]{1,6}"
_SEG = r"[A-Za-zĐđ0-9&]{1,14}"
_SYM = rf"{_SEG}(?:-{_SEG}){{0,5}}"
_YEAR_SHAPE = re.compile(rf"^(?P<num>{_NUM})?/(?P<year>[0-9lIO]{{4}})/(?P<sym>{_SYM})$")
_PARTY_SHAPE = re.compile(rf"^(?P<num>{_NUM})?-(?P<type>{_SEG})/(?P<body>{_SEG})$")
_ADMIN_SHAPE = re.compile(rf"^(?P<num>{_NUM})?/(?P<sym>{_SYM})$")

_NUM_TR = str.maketrans({"l": "1", "I": "1", "|": "1", "O": "0", "o": "0"})

STATE_ROLES = ("state", "unit", "both")
PARTY_ROLES = ("party", "both")


def _fix_number(num: Optional[str]) -> tuple[Optional[str], bool]:
    """Digits of a number with l/I/O confusions repaired; None if implausible."""
    if not num:
        return "", False
    if num.isdigit():
        return num, False
    if not any(c.isdigit() for c in num):
        return None, False
    return num.translate(_NUM_TR), True


def _has_letter(seg: str) -> bool:
    return any(c.isalpha() for c in seg)


def _plain_caps(seg: str) -> bool:
    """An unknown segment is plausible only in capitals (a unit code like NV, KGVX)."""
    return not any(c.islower() for c in seg)


def _upper(seg: str) -> str:
    up = seg.upper()
    return "QĐi" if up == "QĐI" else up


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
    # OCR doubled a letter ("QĐÐ/TW"): the code without the repeat
    dedup = re.sub(r"(.)\1+", r"\1", up)
    if dedup != up and len(dedup) >= 2:
        t, _ = _canon_type(dedup, next_seg)
        if t:
            return t, True
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
    dedup = re.sub(r"(.)\1+", r"\1", up)  # OCR doubled a letter ("ĐÐU")
    if dedup != up and len(dedup) >= 2:
        c, _ = _canon_issuer(dedup, roles)
        if c:
            return c, True
    return None, False


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


def _canon_symbol(sym: str) -> tuple[Optional[str], bool]:
    """Canonical ``TYPE-ISSUER[-UNIT]`` or ``ISSUER-UNIT`` or ``QH15`` part."""
    segs = sym.split("-")
    if any(not s for s in segs):
        return None, False
    if len(segs) == 1:
        glued = _split_glued(segs[0])
        if glued:
            segs = glued
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
                if len(segs) == 1 or len(s) < 2 or not _plain_caps(s):
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
    return "-".join(out), repaired


def canonicalize(symbol: str) -> tuple[Optional[str], bool]:
    """``(key, repaired)``: the canonical key, and whether a letter or digit was
    restored (lost Đ, OCR confusion) rather than only respelled."""
    if not isinstance(symbol, str) or not symbol or len(symbol) > 80:
        return None, False
    s = unicodedata.normalize("NFC", symbol).translate(_DASH_TR)
    s = re.sub(r"\s+", "", s)
    s = re.sub(r"-{2,}", "-", s)
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
        return f"{num}/{year}/{sym}", rep_n or rep_y or rep_s

    m = _PARTY_SHAPE.match(s)
    if m:
        num, rep_n = _fix_number(m["num"])
        if num is None or not _has_letter(m["type"]) or not _has_letter(m["body"]):
            return None, False
        t, rep_t = _canon_type(m["type"], None)
        if t is None:
            return None, False
        body, rep_b = _canon_issuer(m["body"], PARTY_ROLES)
        if body is None:
            if not _plain_caps(m["body"]):
                return None, False
            body = _upper(m["body"])
        return f"{num}-{t}/{body}", rep_n or rep_t or rep_b

    m = _ADMIN_SHAPE.match(s)
    if m:
        num, rep_n = _fix_number(m["num"])
        if num is None:
            return None, False
        sym, rep_s = _canon_symbol(m["sym"])
        if sym is None:
            return None, False
        return f"{num}/{sym}", rep_n or rep_s
    return None, False


def canonical_key(symbol: str) -> Optional[str]:
    """Canonical number/symbol of ``symbol`` as printed or OCR'd, or None when
    the string is not a plausible document number (see module docstring)."""
    return canonicalize(symbol)[0]
