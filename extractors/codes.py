"""Loader of the numbering code tables in ``extractors/data``.

``type_codes.tsv``   type codes (NQ, QĐ, KL, QĐi, ...) and the document kind
                      each stands for;
``kind_words.tsv``   kind words without a code of their own (Luật, Bản án
                      hình sự phúc thẩm, Quyết định giám đốc thẩm, ...);
``issuer_codes.tsv`` issuer codes (CP, TTg, QH+term, UBND, party bodies TW/TU/
                      HU/ĐU, drafting units) with the body each names.

The tables are read through :mod:`baocao.datatables` (a malformed row fails
with its path and line) and indexed once (``lru_cache``).  Lookups are on the upper-cased code
(``QĐI`` finds ``QĐi``, ``TTG`` finds ``TTg``); :func:`dless` gives the
"lost Đ" spelling under which typing and OCR print a code (``QĐ`` → ``QD``),
so the canonicaliser can restore the ``Đ`` from the table instead of blindly.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from baocao.datatables import DataTable

DATA = Path(__file__).resolve().parent / "data"

TYPE_TABLE = DataTable(DATA / "type_codes.tsv", columns=("code", "kind", "family", "confusable", "requires_issuer"))
ISSUER_TABLE = DataTable(DATA / "issuer_codes.tsv",
                         columns=("code", "name", "role", "term", "confusable", "implied"))


@dataclass(frozen=True)
class TypeCode:
    code: str
    kind: str
    family: str                 # state | party | both
    confusable: tuple[str, ...]
    requires_issuer: tuple[str, ...]


@dataclass(frozen=True)
class IssuerCode:
    code: str
    name: str
    role: str                   # state | party | unit | both
    term: bool
    confusable: tuple[str, ...]
    implied: bool = False       # the code alone names one body (CP, TTg, QH, TW)


def _split(s: Optional[str]) -> tuple[str, ...]:
    return tuple(x for x in (s or "").replace(",", " ").split() if x)


def dless(code: str) -> str:
    """The code with every Đ/đ written D (what a lost diacritic leaves)."""
    return code.replace("Đ", "D").replace("đ", "D")


@lru_cache(maxsize=1)
def type_codes() -> dict[str, TypeCode]:
    """Upper-cased code → TypeCode."""
    out: dict[str, TypeCode] = {}
    for r in TYPE_TABLE.rows():
        t = TypeCode(r["code"].strip(), r["kind"].strip(), r["family"].strip(),
                     tuple(x.upper() for x in _split(r.get("confusable"))),
                     tuple(x.upper() for x in _split(r.get("requires_issuer"))))
        out.setdefault(t.code.upper(), t)
    return out


@lru_cache(maxsize=1)
def issuer_codes() -> dict[str, IssuerCode]:
    """Upper-cased code → IssuerCode."""
    out: dict[str, IssuerCode] = {}
    for r in ISSUER_TABLE.rows():
        i = IssuerCode(r["code"].strip(), r["name"].strip(), r["role"].strip(),
                       r.get("term", "").strip().lower() == "yes",
                       tuple(x.upper() for x in _split(r.get("confusable"))),
                       (r.get("implied") or "").strip().lower() == "yes")
        out.setdefault(i.code.upper(), i)
    return out


@lru_cache(maxsize=1)
def _dless_index() -> dict[str, dict[str, list[str]]]:
    """For each table, the Đ-less spelling → canonical upper-case codes (every code:
    a Đ-less code such as UBND is its own Đ-less spelling)."""
    idx: dict[str, dict[str, list[str]]] = {"type": {}, "issuer": {}}
    for table, codes in (("type", type_codes()), ("issuer", issuer_codes())):
        for up in codes:
            idx[table].setdefault(dless(up), []).append(up)
    return idx


def type_code(seg: str) -> Optional[TypeCode]:
    return type_codes().get(seg.upper())


def issuer_code(seg: str) -> Optional[IssuerCode]:
    """Issuer code for a segment, also with a term number (QH15, UBTVQH11)."""
    up = seg.upper()
    hit = issuer_codes().get(up)
    if hit:
        return hit
    head = up.rstrip("0123456789")
    if head != up and len(up) - len(head) <= 2:
        hit = issuer_codes().get(head)
        if hit and hit.term:
            return hit
    return None


def restore_d(seg: str, table: str, roles: Optional[tuple[str, ...]] = None) -> Optional[str]:
    """Known code (upper case) whose Đ was lost in ``seg``, e.g. QD → QĐ, or
    that a Đ was put in where its D belongs (UBNĐ → UBND, HĐNĐ → HĐND: legacy
    font conversion, OCR).

    Returns None when ``seg`` is itself a known code (HD is Hướng dẫn, DA is
    Dự án: these are never rewritten) or when no code, or more than one, matches.
    """
    up = seg.upper()
    known = type_codes() if table == "type" else issuer_codes()
    if up in known:
        return None
    cands = [c for c in _dless_index()[table].get(dless(up), []) if c != up]
    if roles is not None and table == "issuer":
        cands = [c for c in cands if known[c].role in roles]
    return cands[0] if len(cands) == 1 else None


def confusable(seg: str, table: str, next_seg: Optional[str] = None,
               roles: Optional[tuple[str, ...]] = None) -> Optional[str]:
    """Known code (upper case) that OCR printed as ``seg`` (QB → QĐ, NP → NĐ before CP)."""
    up = seg.upper()
    codes = type_codes() if table == "type" else issuer_codes()
    for code_up, c in codes.items():
        if roles is not None and getattr(c, "role", None) not in roles:
            continue
        if up in c.confusable:
            req = getattr(c, "requires_issuer", ())
            if req:
                if next_seg is None or next_seg.upper() not in req:
                    continue
            elif up in codes:
                continue
            return code_up
    return None


def kind_of_type(code: str) -> Optional[str]:
    t = type_code(code)
    return t.kind if t and t.kind else None


KIND_TABLE = DataTable(DATA / "kind_words.tsv", columns=("words", "kind"))


@lru_cache(maxsize=1)
def extra_kinds() -> dict[str, Optional[str]]:
    """Kind words of ``kind_words.tsv`` (no type code of their own, or longer than a
    type code's kind) → kind; ``None`` means "take the kind from the symbol"."""
    return {r["words"].strip(): (r["kind"].strip() or None) for r in KIND_TABLE.rows()}


@lru_cache(maxsize=1)
def kind_words() -> dict[str, Optional[str]]:
    """Folded lower-case kind words (``nghi dinh``) → kind (``Nghị định``)."""
    from baocao.normalizers.fold import fold

    out: dict[str, Optional[str]] = {}
    for t in type_codes().values():
        if t.kind:
            out.setdefault(" ".join(fold(t.kind).lower().split()), t.kind)
    for w, k in extra_kinds().items():
        out[" ".join(fold(w).lower().split())] = k
    return out


def known_code(seg: str) -> bool:
    """``seg`` is a code of the tables: a type or issuer code (a term number
    allowed: ``QH15``), also as typing or OCR spells it without its Đ (``QD``,
    ``HDND``)."""
    return bool(type_code(seg) or issuer_code(seg) or restore_d(seg, "type") or restore_d(seg, "issuer"))


def joins_code(last: str, rest: str) -> bool:
    """Whether ``rest`` is the part of the code ``last`` that a blank split off
    (OCR, letter-spaced PDF lines: ``UBN D``, ``T W``, ``N Đ``): the one rule of
    the header's own number and of citations.  ``last`` as read is no code of
    the tables, and ``last + rest`` is one (:func:`known_code`); both are
    letters (``&`` aside) only (a unit code with digits, ``C04``, is open-ended and never
    joined)."""
    if not last.replace("&", "").isalpha() or not rest.replace("&", "").isalpha():
        return False
    return not known_code(last) and known_code(last + rest)
