"""The administrative unit a document comes from, before and after 1 July 2025.

``resolve_unit(issuer, location, issue_date, text)`` → the ``documents``
columns ``province, district, commune, unit_level, unit_code, province_2025,
commune_2025, unit_code_2025, unit_match, unit_evidence, unit_candidates``.
A pure function of the header fields and the normalised text; the lists
come from ``admin_units`` (the ``vietnamadminunits`` package's data).

Rules:

* **What is named.**  The issuer (``UBND xã Song Vân``, ``Sở Y tế tỉnh Kiên
  Giang``) is read for level words (``extractors/data/unit_levels.tsv``:
  ``xã``, ``phường``, ``thị trấn``, ``P.``, ``huyện``, ``TP.``, ``tỉnh``...)
  each followed by a name; its lowest level is the document's unit.  When
  the issuer names none, the date-line place (``location``) is, with its
  level word if it has one, else at any level.  Names match on the folded
  key (marks, case, spaces and leading zeros ignored: ``SONG VÂN``, ``Song
  Van``, ``Phường 04`` and ``P.4`` all match), then on the package's former
  names of merged communes.  A level word narrows the candidates to units of
  that type; if none has it (a commune that became a ward), all of that level
  stay (fuzzy).
* **Which list.**  Documents dated on or after 2025-07-01 are read against
  the 2025 list (no districts), earlier and undated ones against the
  pre-2025 list; a name found only in the other list is taken from it (fuzzy,
  said in the evidence).
* **Shared names** (many ``Phường 4``, ``Bình Dương``) are told apart by the
  rest of the header and the text: the districts and provinces the document
  names with a level word (``huyện Tân Yên``, ``tỉnh Bắc Giang``,
  ``thành phố Đông Hà``) and the date-line place.  Each candidate gets two
  marks, its district named and its province named; a candidate wins only
  when it has every mark any other candidate has and one more (it dominates
  all of them).  Otherwise: ``ambiguous`` with every candidate listed in
  ``unit_candidates`` (and the province filled only when they all share it),
  never a guess.
* **unit_match**: ``exact`` when one unit remains, named with a level word of
  its own type, written with the official marks (old or new tone placement),
  by its current name, in the list of the document's date; ``fuzzy`` when one
  remains otherwise (say why in ``unit_evidence``); ``ambiguous``; ``none``
  when nothing is named or no unit has the name.
* **After 2025**: ``province_2025`` is the province the unit's province went
  into; ``commune_2025`` the commune a pre-2025 commune went into — for one
  split between several, the package's main successor, every part named in
  the evidence; null for a district or province unit (the district level was
  abolished).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from baocao.datatables import DataTable
from baocao.extractors import admin_units as au
from baocao.normalizers.fold import fold, fold_lower

DATA = Path(__file__).with_name("data")
LEVELS_TABLE = DataTable(DATA / "unit_levels.tsv", columns=("word", "level", "type"))
MAX_CANDIDATES = 12        # unit_candidates lists at most this many, then "… and N more"
COLUMNS = ("province", "district", "commune", "unit_level", "unit_code", "province_2025", "commune_2025",
           "unit_code_2025", "unit_match", "unit_evidence", "unit_candidates")
LEVEL_ORDER = {"commune": 0, "district": 1, "province": 2}
SPELLING = "official_spelling"   # not a column: (name as written, the list's name) of the chosen unit


@dataclass(frozen=True)
class Mention:
    levels: frozenset        # levels the level word can name ({"district", "province"} for "thành phố")
    types: frozenset         # unit types it names
    word: str                # the level word as written ("" when none)
    name: str                # the name as written
    key: str                 # admin_units.key(name)


@lru_cache(maxsize=1)
def _level_words() -> dict[str, tuple[frozenset, frozenset]]:
    """Folded level word (``thi tran``, ``tp.``) → (levels, types)."""
    rows = LEVELS_TABLE.rows()
    out: dict[str, tuple[set, set]] = {}
    for r in rows:
        w = fold(r["word"]).lower()
        levels, types = out.setdefault(w, (set(), set()))
        levels.add(r["level"])
        types.add(r["type"])
    return {w: (frozenset(l), frozenset(t)) for w, (l, t) in out.items()}


def _level_pattern() -> str:
    """Level words in folded lower-case text.  An abbreviation (``p.``,
    ``tp.``) needs its dot when it is one letter; a longer one may drop it."""
    alts = []
    for w in sorted(_level_words(), key=len, reverse=True):
        if w.endswith("."):
            stem = re.escape(w[:-1])
            alts.append(stem + (r"\." if len(w) == 2 else r"\.?"))
        else:
            alts.append(r"\s+".join(map(re.escape, w.split())))
    return r"(?<![0-9a-z])(" + "|".join(alts) + r")(?![a-z])"


@lru_cache(maxsize=1)
def _level_re() -> re.Pattern:
    """:func:`_level_pattern` with the words' first letters said first, before
    its look-behind: the same matches, a faster scan of a whole report."""
    firsts = "".join(sorted({re.escape(w[0]) for w in _level_words()}))
    return re.compile(rf"(?=[{firsts}])" + _level_pattern())


def _level_re_reference() -> re.Pattern:
    """The pattern :func:`_level_re` speeds up (tests compare)."""
    return re.compile(_level_pattern())


_WORD = re.compile(r"[^\W_]+")
_GAP = re.compile(r"[ \t.]*")


@lru_cache(maxsize=1024)
def _lookup_word(w: str) -> Optional[tuple[frozenset, frozenset]]:
    w = " ".join(w.split())
    words = _level_words()
    return words.get(w) or words.get(w + ".")


def _names_after(text: str, end: int, limit: int, caps_only: bool) -> list[tuple[int, int]]:
    """Spans of the 1..limit words after ``end`` that could be a name: on the
    same line, each starting with a capital or a digit (any word when not
    ``caps_only``), separated by spaces."""
    spans = []
    pos = end
    for _ in range(limit):
        m = _GAP.match(text, pos)
        gap_end = m.end()
        w = _WORD.match(text, gap_end)
        if not w:
            break
        if caps_only and not (w.group()[0].isupper() or w.group()[0].isdigit()):
            break
        if spans and w.group()[0].isdigit() != text[spans[0][0]].isdigit():
            break
        spans.append((w.start(), w.end()))
        pos = w.end()
        if w.group().isdigit():
            break  # "Phường 4": a number is the whole name
    return spans


def mentions(text: str, *, caps_only: bool = True, known: Optional[set] = None,
             levels: Optional[frozenset] = None) -> list[Mention]:
    """Level word + name mentions in ``text``: the name is the longest run of
    following words whose key is a known name of that level (``known``, keys
    by level; default every unit of either list).  Body text passes
    ``known`` and keeps only known names; a header field (``known`` None)
    falls back to every following name word ("UBND tỉnh Kien Giang Cqng
    Hoa" → "Kien Giang"; an unknown name stays whole, to say it is unknown).
    ``levels``: only mentions whose level word can name one of them (the
    others are not looked at: a report's many ``xã``/``phường`` when only
    districts and provinces are wanted)."""
    # fold_lower (shared with the statistics views of the same text) rather than
    # fold(text).lower(): they differ only where str.lower looks at the context (a
    # final sigma), which no level word, \s or [a-z] sees (fold makes İ an I)
    f = fold_lower(text)
    out = []
    L = au.lists()
    for m in _level_re().finditer(f):
        lv = _lookup_word(m.group(1))
        if lv is None:
            continue
        lvls, types = lv
        if levels is not None and not (lvls & levels):
            continue
        spans = _names_after(text, m.end(), L.max_words + 1, caps_only)
        if not spans:
            continue
        chosen = None
        for n in range(len(spans), 0, -1):
            name = text[spans[0][0]:spans[n - 1][1]]
            k = au.key(name)
            if any((lvl, k) in (known or _known_keys()) for lvl in lvls):
                chosen = (name, k)
                break
        if chosen is None and known is None:  # a header field: an unknown name is still the name
            name = text[spans[0][0]:spans[-1][1]]
            chosen = (name, au.key(name))
        if chosen:
            out.append(Mention(lvls, types, text[m.start(1):m.end(1)], chosen[0], chosen[1]))
    return out


@lru_cache(maxsize=1)
def _known_keys() -> set:
    """(level, short key) of every unit in either list."""
    return {(level, k) for (_, level, k) in au.lists().by_short}


def _tone_norm(s: str) -> str:
    """Old/new tone placement made equal (``hoà`` = ``hòa``, ``thuỷ`` = ``thủy``), lower case, NFC."""
    s = unicodedata.normalize("NFC", s.lower())
    marks = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for w in s.split():
        d = unicodedata.normalize("NFD", w)
        tone = [c for c in d if c in marks]
        base = "".join(c for c in d if c not in marks)
        out.append(unicodedata.normalize("NFC", base) + "".join(tone))
    return " ".join(out)


def _marks_agree(written: str, official: str) -> bool:
    if au.key(written).isdigit():  # "04" is "4"
        return au.key(written) == au.key(official)
    return _tone_norm(written) == _tone_norm(official)


# ----------------------------------------------------------------- candidates

@dataclass
class _Cand:
    unit: au.Unit
    via_alias: bool = False
    type_ok: bool = True


def _candidates(era: str, m: Mention, levels) -> tuple[list[_Cand], list[_Cand]]:
    """(units named so now — of the level word's type when any has it —,
    units that had the name before a pre-2025 merger)."""
    L = au.lists()
    out: list[_Cand] = []
    seen = set()
    for level in levels:
        direct = L.by_short.get((era, level, m.key), [])
        alias = []
        for k in {m.key} | {au.key(t + " " + m.name) for t in m.types}:
            alias += L.by_alias.get((era, level, k), [])
        for units, via in ((direct, False), (alias, True)):
            for u in units:
                if u not in seen:
                    seen.add(u)
                    out.append(_Cand(u, via_alias=via))
    direct = [c for c in out if not c.via_alias]
    former = [c for c in out if c.via_alias]   # a former name's level word named the old unit's type
    typed = [c for c in direct if c.unit.type in m.types]
    if not typed:
        for c in direct:
            c.type_ok = False
        typed = direct
    return typed, former


def _parents(u: au.Unit) -> tuple[Optional[au.Unit], Optional[au.Unit]]:
    L = au.lists()
    d = L.districts.get((u.pkey, u.dkey)) if u.era == "legacy" and u.level == "commune" else None
    p = L.provinces.get((u.era, u.pkey)) if u.level != "province" else None
    return d, p


def _hits(u: au.Unit, ctx: list[Mention]) -> tuple[list[str], list[str]]:
    """Context mentions naming the candidate's district / its province."""
    L = au.lists()
    d, p = _parents(u)
    provinces = [p] if p else []
    if p is not None and p.era == "2025":  # a 2025 province is also named by the provinces merged into it
        provinces += [L.provinces[("legacy", old)] for old, new in L.province_2025.items()
                      if new == p.pkey and ("legacy", old) in L.provinces]
    dh, ph = [], []
    for m in ctx:
        if d is not None and m.key == au.key(d.short) and ("district" in m.levels or not m.levels) \
                and (not m.types or d.type in m.types):
            dh.append(_say(m))
        for pu in provinces:
            if m.key == au.key(pu.short) and ("province" in m.levels or not m.levels) \
                    and (not m.types or pu.type in m.types):
                ph.append(_say(m))
                break
    return dh, ph


def _say(m: Mention) -> str:
    return f"{m.word} {m.name}".strip()


def _dominant(scored: list[tuple[_Cand, tuple[bool, bool]]]) -> Optional[_Cand]:
    """The one candidate whose marks include every other's and one more."""
    if len(scored) == 1:
        return scored[0][0]
    for c, s in scored:
        others = [t for d, t in scored if d is not c]
        if all(s[0] >= t[0] and s[1] >= t[1] and s != t for t in others):
            return c
    return None


def _counted(items: list[str]) -> str:
    return ", ".join(f"{k} ×{n}" if n > 1 else k for k, n in Counter(items).items())


# -------------------------------------------------------------------- resolve

def _empty() -> dict:
    return {c: None for c in COLUMNS}


def _fill(row: dict, u: au.Unit) -> None:
    L = au.lists()
    d, p = _parents(u)
    row["unit_level"] = u.level
    row["unit_code"] = u.code
    if u.level == "province":
        row["province"] = u.name
    else:
        row["province"] = p.name if p else u.province or None
    if u.level == "district":
        row["district"] = u.name
    elif d is not None:
        row["district"] = d.name
    if u.level == "commune":
        row["commune"] = u.name
    prov, com, split = au.successor(u)
    row["province_2025"] = prov.name if prov else None
    row["commune_2025"] = com.name if com else None
    row["unit_code_2025"] = (com.code if com else prov.code if (prov and u.level == "province") else None)
    _ = L


def _succession(u: au.Unit) -> Optional[str]:
    """What happened to the unit on 1 July 2025, in words (None for a 2025 unit)."""
    if u.era == "2025":
        return None
    L = au.lists()
    prov, com, split = au.successor(u)
    if u.level == "province":
        if prov is None:
            return "1 July 2025: no 2025 province in the package's conversion"
        merged = sorted(L.provinces[("legacy", o)].name for o, n in L.province_2025.items()
                        if n == prov.pkey and o != u.pkey and ("legacy", o) in L.provinces)
        return (f"1 July 2025: part of {prov.name}, merged from {', '.join(sorted(merged + [u.name]))}" if merged
                else f"1 July 2025: unchanged ({prov.name})")
    if u.level == "district":
        return f"1 July 2025: district level abolished; province {prov.name if prov else '?'}"
    if split:
        parts = ", ".join(s.name + (" (main)" if com is not None and s == com else "") for s in split)
        return f"1 July 2025: split between {parts}, {prov.name if prov else '?'}"
    if com is None:
        return "1 July 2025: no 2025 commune in the package's conversion"
    return f"1 July 2025: → {com.name}, {prov.name if prov else '?'}"


_ORGAN = re.compile(r"(?i)^\s*(?:UBND|ỦY BAN NHÂN DÂN|UỶ BAN NHÂN DÂN|UY BAN NHAN DAN)\s+")


def _targets(issuer: Optional[str], location: Optional[str]) -> tuple[list[tuple[str, Mention]], list[Mention]]:
    """(what to resolve, lowest level first, with its source; other header mentions for context)."""
    targets: list[tuple[str, Mention]] = []
    ctx: list[Mention] = []
    iss = mentions(issuer, caps_only=False) if issuer else []
    iss.sort(key=lambda m: min(LEVEL_ORDER[l] for l in m.levels))
    loc = mentions(location, caps_only=False) if location else []
    if not iss and issuer:  # "UBND Song Vân": the name after the people's committee, at any level
        m = _ORGAN.match(issuer)
        if m and au.key(issuer[m.end():]):
            iss = [Mention(frozenset(), frozenset(), "", issuer[m.end():].strip(), au.key(issuer[m.end():]))]
    if not loc and location and au.key(location):
        loc = [Mention(frozenset(), frozenset(), "", location.strip(), au.key(location))]
    if iss:
        targets.append(("issuer", iss[0]))
        ctx += iss[1:]
        ctx += [m for m in loc if m.key != iss[0].key]
    elif loc:
        targets.append(("date-line place", loc[0]))
        ctx += loc[1:]
    return targets, ctx


_CONTEXT_LEVELS = frozenset({"district", "province"})   # what the body adds to the header's context


def resolve_unit(issuer: Optional[str], location: Optional[str], issue_date: Optional[str],
                 text: str = "") -> dict:
    """The unit record of one document (see the module docstring)."""
    row = resolve_unit_spelled(issuer, location, issue_date, text)
    row.pop(SPELLING, None)
    return row


def resolve_unit_spelled(issuer: Optional[str], location: Optional[str], issue_date: Optional[str],
                         text: str = "") -> dict:
    """:func:`resolve_unit`'s record, plus (key :data:`SPELLING`, not a column)
    the chosen unit's name as the issuer wrote it and as the list spells it,
    for the header's respelling (:mod:`~baocao.extractors.spelling`)."""
    row = _empty()
    targets, ctx = _targets(issuer, location)
    if not targets:
        row["unit_match"] = "none"
        row["unit_evidence"] = ("no issuer or place named" if not (issuer or location)
                                else f"issuer {issuer!r} names no local unit" if issuer else "no place named")
        return row
    source, target = targets[0]
    levels = sorted(target.levels or LEVEL_ORDER, key=LEVEL_ORDER.get)
    body = mentions(text, known=_known_keys(), levels=_CONTEXT_LEVELS) if text else []
    context = ctx + body
    eras = ["2025", "legacy"] if (issue_date or "") >= au.REORGANISATION else ["legacy", "2025"]
    cands: list[_Cand] = []
    era = eras[0]
    former: list[_Cand] = []
    for era in eras:
        cands, former = _candidates(era, target, levels)
        if cands or former:
            break
    written = f"{target.word} {target.name}".strip()
    evidence = [f"{source} {written!r}"]
    if not cands and not former:
        row["unit_match"] = "none"
        evidence.append("no unit of that name in the pre-2025 or 2025 list")
        row["unit_evidence"] = "; ".join(evidence)
        return row
    n = len(cands)
    evidence.append(f"{n} unit{'s' if n != 1 else ''} of that name"
                    + (" and level" if target.types and cands and cands[0].type_ok else "")
                    + f" in the {'pre-2025' if era == 'legacy' else '2025'} list"
                    + (f", {len(former)} with it as a former name" if former else ""))
    if era != eras[0]:
        evidence.append("dated after 1 July 2025 but named as before" if eras[0] == "2025"
                        else "named by the 2025 list")
    hits = {id(c): _hits(c.unit, context) for c in cands + former}
    # a former name counts only when no unit bears it now, or when the text places it and none of those
    if former and (not cands or (not any(any(hits[id(c)]) for c in cands)
                                 and any(any(hits[id(c)]) for c in former))):
        cands = cands + former
    scored = [(c, (bool(hits[id(c)][0]), bool(hits[id(c)][1]))) for c in cands]
    chosen = _dominant(scored)
    if chosen is None:
        row["unit_match"] = "ambiguous"
        provinces = {(_parents(c.unit)[1] or c.unit).name for c in cands}
        if len(provinces) == 1:
            row["province"] = provinces.pop()
        labels = [c.unit.label() for c in cands]
        more = len(labels) - MAX_CANDIDATES
        row["unit_candidates"] = "; ".join(labels[:MAX_CANDIDATES]) + (f"; … and {more} more" if more > 0 else "")
        named = sorted({h for c in cands for h in hits[id(c)][0] + hits[id(c)][1]})
        evidence.append("the text names " + ", ".join(named) + " (not enough to choose)" if named
                        else "the text names no district or province of theirs")
        row["unit_evidence"] = "; ".join(evidence)
        return row
    u = chosen.unit
    _fill(row, u)
    dh, ph = hits[id(chosen)]
    if dh or ph:
        evidence.append("the text names " + _counted(dh + ph))
    why = []
    if chosen.via_alias:
        why.append(f"former name of {u.name}")
    if not target.types:
        why.append("no level word")
    elif not chosen.type_ok:
        why.append(f"the list types it {u.type}")
    if not target.name or not _marks_agree(target.name, u.short) and not chosen.via_alias:
        why.append("written without the official marks")
    if target.name and not chosen.via_alias and not au.key(target.name).isdigit():
        row[SPELLING] = (target.name, u.short)   # for the header's respelling (extractors/spelling.py)
    if era != eras[0]:
        why.append("other list than the document's date")
    succ = _succession(u)
    if succ:
        evidence.append(succ)
    row["unit_match"] = "fuzzy" if why else "exact"
    if why:
        evidence.append("fuzzy: " + ", ".join(why))
    row["unit_evidence"] = "; ".join(evidence)
    return row
