"""Laws, codes, ordinances and the Constitution cited by name.

``extract_named_laws(text)`` finds "Luật Thực hiện dân chủ ở cơ sở năm 2022",
"Luật Khiếu nại năm 2011", "Hiến pháp năm 2013", "Pháp lệnh thực hiện dân chủ
ở xã, phường, thị trấn" and gives one :class:`Citation` per mention with
``form='named'``, the canonical ``title`` and ``kind`` from
``extractors/data/laws.tsv``, and the ``key``/``date`` of the version the
mention picks:

* a year right after the title (``năm 2013``, ``2013``, ``ngày 10/11/2022``)
  picks the version adopted that year; no version of that year → key None;
* no year: the only version when the registry has one, else key None
  (``Luật Đất đai`` alone could be 2003, 2013 or 2024).

Matching is on the fold (case-insensitive, diacritic-free) after an anchor
word (``Luật``, ``Bộ luật``, ``Hiến pháp``, ``Pháp lệnh``) — never inside
``pháp luật`` — with whitespace and line breaks free between words.  When no
title matches exactly, titles of 12 letters or more are tried with up to two
edits (``regex`` fuzzy matching), for OCR'd text ("Luat Thuc hién dan chu & co
s"); such matches get a lower confidence.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

import regex

from baocao.normalizers.fold import fold

from baocao.datatables import DataTable
from baocao.extractors.codes import DATA
from baocao.extractors.models import Citation

NAMED_CONF = 0.85
FUZZY_CONF = 0.7


@dataclass(frozen=True)
class Law:
    key: Optional[str]
    kind: str
    title: str
    date: Optional[str]

    @property
    def year(self) -> Optional[int]:
        return int(self.date[:4]) if self.date else None


def _fold_name(s: str) -> str:
    return " ".join(fold(s).lower().split())


def _iso_date(cell: str) -> str:
    """A law's ``date`` cell: empty or an ISO date (``2022-11-10``)."""
    if cell.strip():
        _dt.date.fromisoformat(cell.strip())
    return cell


LAWS_TABLE = DataTable(DATA / "laws.tsv", columns=("key", "kind", "title", "date", "aliases"),
                       types={"date": _iso_date})


@lru_cache(maxsize=1)
def registry() -> dict[tuple[str, str], list[Law]]:
    """(anchor, folded name after the anchor) → versions of that law."""
    out: dict[tuple[str, str], list[Law]] = {}
    for r in LAWS_TABLE.rows():
        law = Law(r["key"].strip() or None, r["kind"].strip(), r["title"].strip(),
                  (r.get("date") or "").strip() or None)
        names = [law.title] + [a.strip() for a in (r.get("aliases") or "").split("|") if a.strip()]
        for name in names:
            fn = _fold_name(name)
            anchor = next((a for a in _ANCHORS if fn.startswith(a)), None)
            if anchor is None:
                continue
            rest = fn[len(anchor):].strip()
            out.setdefault((anchor, rest), []).append(law)
    return out


_ANCHORS = ("bo luat", "hien phap", "phap lenh", "luat")
_ANCHOR_RE = regex.compile(
    r"(?i)(?<![A-Za-z])(?P<anchor>bo\s{1,3}luat|hien\s{1,3}phap|phap\s{1,3}lenh|luat)(?![A-Za-z])"
)
# "pháp luật", "quy phạm pháp luật", "luật sư", "kỷ luật": not a law's name
_NOT_BEFORE = regex.compile(r"(?i)(?:phap|ky|ki|bo)\s{0,3}$")
# "thực hiện pháp luật / pháp lệnh" folds to "thuc hien phap ...": that "hien phap"
# is not the Constitution (OCR spellings of "thực": thuc, thyc, thue)
_HIEN_PHAP_FALSE_BEFORE = regex.compile(r"(?i)(?<![A-Za-z])th[uy][a-z]?c?\s{1,3}$")
_HIEN_PHAP_FALSE_AFTER = regex.compile(r"(?i)\s{1,4}(?:luat|lenh)(?![A-Za-z])")
_YEAR_AFTER = regex.compile(
    r"(?i)[ \t,]{0,3}(?:\(?\s{0,2}(?:nam\s{0,3}|n[a-z]m\s{1,3})?(?P<y>(?:19|20)\d\d)(?![0-9/])\)?"
    r"|\s{0,3}(?:ngay\s{0,3})?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y2>(?:19|20)\d\d)(?![0-9]))"
)


def _phrase(rest: str) -> str:
    """Regex for a folded name: words separated by any run of spacing."""
    words = [regex.escape(w) for w in rest.split()]
    return r"\s{1,4}".join(words)


@lru_cache(maxsize=1)
def _fuzzy_patterns() -> dict[str, list[tuple[str, "regex.Pattern"]]]:
    """Per anchor, (name, fuzzy pattern) for names long enough to match fuzzily."""
    by_anchor: dict[str, list[tuple[str, regex.Pattern]]] = {}
    for anchor, rest in registry():
        if sum(c.isalpha() for c in rest) >= 12:
            fz = regex.compile(rf"(?i)(?b)\s{{1,4}}(?:{_phrase(rest)}){{e<=2}}(?![A-Za-z])")
            by_anchor.setdefault(anchor, []).append((rest, fz))
    for lst in by_anchor.values():
        lst.sort(key=lambda t: -len(t[0]))  # longest name first
    return by_anchor


@lru_cache(maxsize=1)
def _combined() -> dict[str, "regex.Pattern"]:
    """Per anchor, one alternation of all its names, longest first."""
    rests: dict[str, list[str]] = {}
    for anchor, rest in registry():
        if rest:
            rests.setdefault(anchor, []).append(rest)
    return {anchor: regex.compile(
                rf"(?i)\s{{1,4}}(?:{'|'.join(_phrase(r) for r in sorted(lst, key=len, reverse=True))})"
                r"(?![A-Za-z])")
            for anchor, lst in rests.items()}


def _pick(versions: list[Law], year: Optional[int]) -> Optional[Law]:
    if year is not None:
        hits = [v for v in versions if v.year == year]
        return hits[0] if len(hits) == 1 else None
    return versions[0] if len(versions) == 1 else None


def extract_named_laws(text: str) -> list[Citation]:
    """Named mentions of laws, codes, ordinances and the Constitution."""
    if not isinstance(text, str) or not text:
        return []
    return _extract(text, fold(text))


def _extract(text: str, folded: str) -> list[Citation]:
    out: list[Citation] = []
    fuzzies = _fuzzy_patterns()
    reg = registry()
    taken_until = -1
    for am in _ANCHOR_RE.finditer(folded, overlapped=True):
        if am.start() < taken_until:
            continue
        if _NOT_BEFORE.search(folded, max(0, am.start() - 6), am.start()):
            continue
        anchor = " ".join(am["anchor"].lower().split())
        if anchor == "hien phap" and (
                _HIEN_PHAP_FALSE_BEFORE.search(folded, max(0, am.start() - 8), am.start())
                or _HIEN_PHAP_FALSE_AFTER.match(folded, am.end(), am.end() + 10)):
            continue
        best = None  # (end, rest, fuzzy)
        combined = _combined().get(anchor)
        if combined is not None:
            m = combined.match(folded, am.end(), min(len(folded), am.end() + 200))
            if m:
                best = (m.end(), " ".join(m.group().lower().split()), False)
        if best is None:
            # OCR'd titles: only when the next word starts like the title does
            nxt = regex.match(r"\s{1,4}([A-Za-z])", folded[am.end():am.end() + 6])
            first = nxt.group(1).lower() if nxt else None
            for rest, fz in fuzzies.get(anchor, []):
                if first is None or rest[:1] != first:
                    continue
                m = fz.match(folded, am.end(), min(len(folded), am.end() + 200))
                if m and m.end() - am.end() >= len(rest) - 2:
                    best = (m.end(), rest, True)
                    break
        if best is None:
            if (anchor, "") in reg:
                best = (am.end(), "", False)  # Hiến pháp: the anchor is the whole name
            else:
                continue
        end, rest, fuzzy = best
        versions = reg.get((anchor, rest))
        if not versions:
            continue
        year = None
        ym = _YEAR_AFTER.match(folded, end, min(len(folded), end + 24))
        if ym:
            y = ym["y"] or ym["y2"]
            if y and 1945 <= int(y) <= 2100:
                year = int(y)
                end = ym.end()
        taken_until = end
        law = _pick(versions, year)
        ref = law or versions[0]
        out.append(Citation(
            key=law.key if law else None,
            kind=ref.kind,
            title=ref.title,
            raw=text[am.start():end],
            start=am.start(),
            end=end,
            date=law.date if law else None,
            form="named",
            confidence=FUZZY_CONF if fuzzy else NAMED_CONF,
        ))
    return out
