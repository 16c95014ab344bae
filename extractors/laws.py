"""Laws, codes, ordinances and the Constitution cited by name.

``extract_named_laws(text, doc_date=None)`` finds "Luật Thực hiện dân chủ ở cơ
sở năm 2022", "Luật Khiếu nại năm 2011", "Hiến pháp năm 2013", "Pháp lệnh thực
hiện dân chủ ở xã, phường, thị trấn" and gives one :class:`Citation` per
mention with ``form='named'``, the canonical ``title`` and ``kind`` from the
registry ``extractors/data/laws.tsv`` (:func:`laws`), and the ``key``/``date``
of the version the mention names.  ``resolved_by`` says how the version was
chosen:

* ``printed-date`` / ``printed-year``: the date or year printed right after
  the name ("ngày 16 tháng 6 năm 2025", "ngày 10/11/2022", "ngày 19-6-2015", "năm 2013",
  "2013") picks the version adopted that day / year; no such version → key
  None (``none``); a year two versions were adopted in (the Luật Tổ chức
  chính quyền địa phương of February and of June 2025) is the one of them in
  force on ``doc_date`` (``printed-year+in-force``), else none; a year no
  version was adopted in but an amending law of the registry amended one
  version in ("Luật Khiếu nại, tố cáo năm 2005": the 1998 law as amended in
  2005) is that version (``printed-year-of-amendment``);
* ``amended-law``: a law named inside the name of an amending law ("Luật sửa
  đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức") is the
  version the registry's ``amends`` cell of that amending law lists, else the
  latest version adopted on or before the amending law was (a law is amended
  before it takes effect: Luật 43/2024/QH15 amends the Luật Đất đai of
  2024, not the 2013 one still in force that day);
  — also a name followed by the years of its amendments, "(sửa đổi, bổ sung
  năm 2019)", "(sửa đổi, bổ sung năm 2017, 2019)": the latest version adopted
  before the first of them (a name right before it in a list, "Luật Cán bộ,
  công chức và Luật Viên chức (sửa đổi, bổ sung năm 2019)", too); "(sửa đổi)"
  then a year ("Luật Thanh tra (sửa đổi) năm 2022") is ``printed-year``;
* ``in-force-on-doc-date``: no year printed, the citing document's issue date
  (``doc_date``) is known: the version in force that day (effective date, else
  adoption date, else — dates not known — the end of the year in its number, on or
  before it; the latest such);
* ``only-version``: no year, no document date, the registry has one version;
* ``none``: nothing decides (``Luật Đất đai`` alone in an undated text).

Names may be typed without their commas ("Luật Phòng chống tham nhũng") and
without a closing "Việt Nam" ("Luật Mặt trận Tổ quốc"); one plural anchor may
name several laws ("các Luật: Đất đai năm 2024, Nhà ở năm 2023 và Kinh doanh
bất động sản năm 2023"), one row each.

A law cited by name that the registry does not know ("Luật Lưu trữ" when only
a number printed elsewhere tells which) is still a row: ``key`` None, the name
as printed in ``title``, ``resolved_by='none'`` — so that the run can resolve
it from a name→number pair printed in another document of the archive
(``pipeline/runner/links.py``, ``resolved_by='archive'``).

An anchor written in lower case ("hướng dẫn thực hiện luật đất đai", "các luật
mới") cites nothing: documents write the kind word of a document they cite
with its capital ("Luật Đất đai", "Bộ luật Dân sự", "LUẬT"), and the lower-case
word names a field of law; precision wins over the rare careless citation.

Matching is on the fold (case-insensitive, diacritic-free) after an anchor
word (``Luật``, ``Bộ luật``, ``Hiến pháp``, ``Pháp lệnh``) — never inside
``pháp luật`` — with whitespace and line breaks free between words.  When no
title matches exactly, titles of 12 letters or more are tried with up to two
edits (``regex`` fuzzy matching), for OCR'd text ("Luat Thuc hién dan chu & co
s"); such matches get a lower confidence.
"""
from __future__ import annotations

import datetime as _dt
import re
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
UNKNOWN_CONF = 0.5       # a name the registry does not know (key None)
LAW_KINDS = ("Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp")

# Shapes of a law's number: N/YYYY/QHkk (since 2002), N/YYYY/PL-UBTVQHkk (ordinances),
# and the older N-L/CTN (laws), N/L-CTN, N-LCT/HĐNN8, N/YYYY/L-CTN ... forms.
NUMBER_RE = re.compile(
    r"^(?:\d{1,3}/(?:19|20)\d\d/(?:QH\d{1,2}|PL-UBTVQH\d{1,2}|L-CTN)"
    r"|\d{1,3}(?:/\d{4})?/?-?L-?/?CTN|\d{1,3}-LCT/HĐNN\d{1,2}|\d{1,3}/(?:19|20)\d\d/UBTVQH\d{1,2})$"
)


# compiled once (not through the module-level functions' cache, per call)
_KEY_YEAR = re.compile(r"/((?:19|20)\d\d)/")
_BLANKS = regex.compile(r"\s")
_NEXT_LETTER = regex.compile(r"\s{1,4}([A-Za-z])")


@dataclass(frozen=True)
class Law:
    key: Optional[str]
    kind: str
    title: str
    date: Optional[str]                 # adoption date (ISO)
    effective: Optional[str] = None     # date it took effect (ISO)
    replaces: tuple[str, ...] = ()      # numbers it replaced
    amends: tuple[str, ...] = ()        # numbers an amending law amends
    source: Optional[str] = None

    @property
    def year(self) -> Optional[int]:
        if self.date:
            return int(self.date[:4])
        m = _KEY_YEAR.search(self.key or "")
        return int(m.group(1)) if m else None

    @property
    def start(self) -> Optional[str]:
        """From when it is in force (effective date, else adoption date)."""
        return self.effective or self.date

    @property
    def since(self) -> Optional[str]:
        """From when it is taken to be in force: :attr:`start`, else — a row whose dates are
        not known — the last day of the year its number carries."""
        if self.start:
            return self.start
        return f"{self.year}-12-31" if self.year else None


def fold_name(s: str) -> str:
    """A law's name as compared: folded, lower case, single spaces."""
    return " ".join(fold(s).lower().split())


def _split(s: Optional[str]) -> tuple[str, ...]:
    return tuple(x.strip() for x in (s or "").split("|") if x.strip())


def _iso_date(cell: str) -> str:
    """A law's ``adopted``/``effective`` cell: empty or an ISO date (``2022-11-10``)."""
    if cell.strip():
        _dt.date.fromisoformat(cell.strip())
    return cell


LAWS_TABLE = DataTable(DATA / "laws.tsv", columns=("number", "kind", "name", "adopted", "effective"),
                       optional=("replaces", "amends", "source", "aliases"),
                       types={"adopted": _iso_date, "effective": _iso_date})


_LAWS_BUILT: list = [None, ()]   # [the table's rows as last read, the laws built from them]


def laws() -> tuple[tuple[Law, tuple[str, ...]], ...]:
    """Every registry row: (law, its other names).  (The table is read once
    per file version: ``baocao.datatables``; the laws are built once per
    reading, not per call: :func:`successors` asks for them per mention.)"""
    rows = LAWS_TABLE.rows()
    if _LAWS_BUILT[0] is rows:
        return _LAWS_BUILT[1]
    out = []
    for r in rows:
        def g(k):
            return (r.get(k) or "").strip() or None
        law = Law(g("number"), g("kind") or "Luật", g("name") or "", g("adopted"), g("effective"),
                  _split(g("replaces")), _split(g("amends")), g("source"))
        out.append((law, _split(g("aliases"))))
    _LAWS_BUILT[:] = [rows, tuple(out)]
    return _LAWS_BUILT[1]


_DERIVED: dict[str, tuple] = {}   # name → (the laws it was built from, what was built)


def _derived(name: str, build):
    """``build(laws())``, built once per reading of the table, like :func:`laws`
    (a table read again, a new file version, builds it again)."""
    built = laws()
    hit = _DERIVED.get(name)
    if hit is None or hit[0] is not built:
        hit = _DERIVED[name] = (built, build(built))
    return hit[1]


def _replacing() -> dict[str, list[Law]]:
    """A law's number → the registry's laws that replaced it, in table order."""
    def build(built):
        index: dict[str, list[Law]] = {}
        for v, _ in built:
            for k in dict.fromkeys(v.replaces):
                index.setdefault(k, []).append(v)
        return index
    return _derived("replacing", build)


@lru_cache(maxsize=1)
def by_key() -> dict[str, Law]:
    return {law.key: law for law, _ in laws() if law.key}


@lru_cache(maxsize=1)
def registry() -> dict[tuple[str, str], list[Law]]:
    """(anchor, folded name after the anchor) → versions of that law, oldest first."""
    out: dict[tuple[str, str], list[Law]] = {}
    for law, aliases in laws():
        for name in (law.title, *aliases):
            fn = fold_name(name)
            anchor = next((a for a in _ANCHORS if fn.startswith(a)), None)
            if anchor is None:
                continue
            rest = fn[len(anchor):].strip()
            lst = out.setdefault((anchor, rest), [])
            if law not in lst:
                lst.append(law)
    # a name ending in "Việt Nam" is cited without it too ("Luật Mặt trận Tổ quốc",
    # "Luật Biên phòng"), unless another law bears the shorter name
    for (anchor, rest), lst in list(out.items()):
        if rest.endswith(" viet nam"):
            out.setdefault((anchor, rest[:-len(" viet nam")]), list(lst))
    for lst in out.values():
        lst.sort(key=lambda v: v.since or "")
    return out


_ANCHORS = ("bo luat", "hien phap", "phap lenh", "luat")
_ANCHOR_RE = regex.compile(
    r"(?i)(?<![A-Za-z])(?P<anchor>bo\s{1,3}luat|hien\s{1,3}phap|phap\s{1,3}lenh|luat)(?-i:(?![a-z]))"
)
# An anchor may be glued to a name that opens with a capital (a text layer that lost
# its blanks: "LuậtXử lý vi phạm hành chính", "LUẬTTHỰC HIỆN DÂN CHỦ"), and a name
# to the "năm" of its year ("Luật Mặt trận Tổ quốcnăm 2015").
_NAME_OPEN = r"(?:\s{1,4}|(?-i:(?<=[A-Za-z])(?=[A-Z])))"
_NAME_CLOSE = r"(?:(?![A-Za-z])|(?=nam\s{0,3}(?:19|20)\d\d(?![0-9])))"
# Every anchor holds "luat" or "phap" (case as the anchor's): an anchor starts at
# that word or, for "bo luat" / "hien phap", 3 to 5 / 5 to 7 characters before it,
# at a "b" / "h" (the only characters besides "B" / "H" that ``(?i)`` matches them
# with: tests/test_speed_text.py).
_ANCHOR_WORDS = ((regex.compile(r"(?i)luat"), (3, 4, 5), "bB"), (regex.compile(r"(?i)phap"), (5, 6, 7), "hH"))


def _anchors(folded: str) -> list:
    """The matches ``_ANCHOR_RE.finditer(folded, overlapped=True)`` gives
    (:func:`_anchors_reference`), tried only where an anchor word's position
    allows one to start (1.35 ms -> 0.4 ms a report: the overlapped scan tries
    every position)."""
    at: set[int] = set()
    for word, backs, first in _ANCHOR_WORDS:
        for m in word.finditer(folded, overlapped=True):
            i = m.start()
            at.add(i)
            at.update(i - b for b in backs if i >= b and folded[i - b] in first)
    out = []
    for p in sorted(at):
        m = _ANCHOR_RE.match(folded, p)
        if m is not None:
            out.append(m)
    return out


def _anchors_reference(folded: str) -> list:
    """Every anchor, the pattern tried at every position (tests compare)."""
    return list(_ANCHOR_RE.finditer(folded, overlapped=True))


# "pháp luật", "quy phạm pháp luật", "luật sư", "kỷ luật": not a law's name
_NOT_BEFORE = regex.compile(r"(?i)(?:phap|ky|ki|bo)\s{0,3}$")
# "thực hiện pháp luật / pháp lệnh" folds to "thuc hien phap ...": that "hien phap"
# is not the Constitution (OCR spellings of "thực": thuc, thyc, thue)
_HIEN_PHAP_FALSE_BEFORE = regex.compile(r"(?i)(?<![A-Za-z])th[uy][a-z]?c?\s{1,3}$")
_HIEN_PHAP_FALSE_AFTER = regex.compile(r"(?i)\s{1,4}(?:luat|lenh)(?![A-Za-z])")
_YEAR_AFTER = regex.compile(
    r"(?i)[ \t,]{0,3}(?:"
    r"\s{0,3}(?:ngay\s{0,3})?(?P<d>\d{1,2})(?P<sep>[/.\-])(?P<m>\d{1,2})(?P=sep)(?P<y2>(?:19|20)\d\d)(?![0-9])"
    r"|\s{0,3}ngay\s{1,3}(?P<d3>\d{1,2})\s{1,3}thang\s{1,3}(?P<m3>\d{1,2})\s{1,3}nam\s{1,3}(?P<y3>(?:19|20)\d\d)(?![0-9])"
    r"|\(?\s{0,2}(?:nam\s{0,3}|n[a-z]m\s{1,3})?(?P<y>(?:19|20)\d\d)(?![0-9/])\)?"
    r")"
)
# the words that open an amending law's name, up to the amended laws
_AMENDING = regex.compile(
    r"(?i)\s{1,4}(?:sua\s{1,3}doi|bo\s{1,3}sung|sua\s{1,3}doi\s{0,3},?\s{0,3}bo\s{1,3}sung)"
    r"(?:\s{0,3},?\s{0,3}(?:bo\s{1,3}sung|bai\s{1,3}bo))?"
    r"(?:\s{1,4}mot\s{1,3}so\s{1,3}dieu)?\s{1,4}cua(?![A-Za-z])"
)
# a name the registry does not know: capitalised words after the anchor, up to a
# word or sign that ends a name
_UNKNOWN_STOP = frozenset("""
số năm ngày của và đã được tại theo trong quy này do để cho với khi còn hiện thì hướng sửa về như
thực có là các mới đang sẽ ban thông qua hành điều khoản chương mục phần điểm từ đến sau trước nhất
hợp trên dưới đó nói
""".split())
# the same words as a text without its tone marks spells them
_UNKNOWN_STOP_FOLDED = frozenset(fold(w).lower() for w in _UNKNOWN_STOP) - {"tai", "thuc", "hop", "muc"}
# "Luật sư", "Luật gia", "luật học", "luật lệ", "luật pháp": words, not laws
_NOT_A_NAME = frozenset({"su", "gia", "hoc", "le", "phap"})
_WORD = regex.compile(r"[ \t]{1,3}(?:\n[ \t]{0,3})?([^\W\d_][\w]*)(,)?")


@lru_cache(maxsize=1)
def _one_word_names() -> dict[str, set[str]]:
    """Folded one-word names → their spellings ("gia" → {"giá"})."""
    out: dict[str, set[str]] = {}
    for law, aliases in laws():
        for name in (law.title, *aliases):
            words = name.split()
            if len(words) == 2 and words[0] == "Luật":
                out.setdefault(fold(words[1]).lower(), set()).add(words[1].lower())
    return out


def _one_word_ok(text: str, m) -> bool:
    """A one-word name ("Luật Giá") is that law only as spelt, marks included, or
    capitalised in a text without marks: "Hội Luật gia" is the jurists' association."""
    spellings = _one_word_names().get(" ".join(m.group().lower().split()))
    if not spellings:
        return True
    word = text[m.start():m.end()].strip()
    if word.lower() in spellings:
        return True
    around = text[max(0, m.start() - 200):m.end() + 200]
    return fold(around) == around and word[:1].isupper()   # no marks anywhere near: a stripped text


_COMMA = r",?(?:\s{1,4}va)?"   # a name's comma: printed, left out, or printed as "và"


def _phrase(rest: str) -> str:
    """Regex for a folded name: words separated by any run of spacing; the
    comma a name holds may be left out ("Luật Khiếu nại tố cáo", "Luật Phòng
    chống tham nhũng" as typed) or printed as "và" when it joins two bodies
    ("… của Hội đồng nhân dân, Ủy ban nhân dân" printed "… của Hội đồng nhân dân
    và Ủy ban nhân dân": :func:`_rests` maps both spellings to the name)."""
    words = [regex.escape(w[:-1]) + _COMMA if w.endswith(",") and len(w) > 1 else regex.escape(w)
             for w in rest.split()]
    return r"\s{0,4}".join(words[:1]) if len(words) == 1 else _join_words(words)


def _join_words(words: list[str]) -> str:
    """Words of a name, a blank required between two unless a comma ends the first."""
    out = words[0]
    for prev, w in zip(words, words[1:]):
        out += (r"\s{0,4}" if prev.endswith(_COMMA) else r"\s{1,4}") + w
    return out


@lru_cache(maxsize=1)
def _fuzzy_patterns() -> dict[str, list[tuple[str, "regex.Pattern"]]]:
    """Per anchor, (name, fuzzy pattern) for names long enough to match fuzzily."""
    by_anchor: dict[str, list[tuple[str, regex.Pattern]]] = {}
    for anchor, rest in registry():
        if 12 <= sum(c.isalpha() for c in rest) <= 60:
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
                rf"(?i){_NAME_OPEN}(?:{'|'.join(_phrase(r) for r in sorted(lst, key=len, reverse=True))})"
                + _NAME_CLOSE)
            for anchor, lst in rests.items()}


def _comma_free(name: str) -> str:
    return " ".join(name.lower().replace(",", " ").split())


@lru_cache(maxsize=1)
def _rests() -> dict[tuple[str, str], str]:
    """(anchor, a registry name without its commas) → the name as the registry keys it;
    also each comma of the name read as "và" (:func:`_phrase`), where no registry name
    is spelt so."""
    out = {(anchor, _comma_free(rest)): rest for anchor, rest in registry()}
    for anchor, rest in registry():
        words = rest.split()
        for i, w in enumerate(words[:-1]):
            if w.endswith(",") and len(w) > 1:
                alt = words[:i] + [w[:-1], "va"] + words[i + 1:]
                out.setdefault((anchor, _comma_free(" ".join(alt))), rest)
    return out


def _registry_rest(anchor: str, matched: str) -> str:
    """The registry's spelling of a name :func:`_combined` matched (its commas
    may have been left out)."""
    return _rests().get((anchor, _comma_free(matched)), " ".join(matched.lower().split()))


def _upto(day: str) -> str:
    """An ISO day, month or year as the last day it covers (for comparisons)."""
    if len(day) == 4:
        return day + "-12-31"
    if len(day) == 7:
        return day + "-31"
    return day[:10]


def in_force(versions: list[Law], day: str) -> Optional[Law]:
    """The version in force on ``day``: the latest that took effect on or before it."""
    d = _upto(day)
    hits = [v for v in versions if v.since and v.since <= d]
    if hits:
        return max(hits, key=lambda v: v.since)
    # adopted but not yet in effect: the text can only mean that one
    hits = [v for v in versions if v.date and v.date <= d]
    return max(hits, key=lambda v: v.date) if hits else None


def adopted_by(versions: list[Law], day: str) -> Optional[Law]:
    """The latest version adopted on or before ``day`` (in force or not yet)."""
    d = _upto(day)
    hits = [v for v in versions if (v.date or v.since or "9999") <= d]
    return max(hits, key=lambda v: v.date or v.since) if hits else None


def _amended_in() -> dict[str, frozenset[int]]:
    """Number of a law → the years amending laws of the registry amended it in
    (their ``amends`` cells): "Luật Khiếu nại, tố cáo năm 2005" names the 1998
    law as the 2005 amendment left it."""
    def build(built):
        out: dict[str, set[int]] = {}
        for law, _ in built:
            for k in law.amends:
                if law.year:
                    out.setdefault(k, set()).add(law.year)
        return {k: frozenset(v) for k, v in out.items()}
    return _derived("amended_in", build)


def pick(versions: list[Law], *, year: Optional[int] = None, day: Optional[str] = None,
         doc_date: Optional[str] = None, amended_on: Optional[str] = None,
         amends: tuple[str, ...] = ()) -> tuple[Optional[Law], str]:
    """(version, resolved_by) — see the module docstring.  ``amends``: the numbers
    the amending law whose name holds this mention amends (registry)."""
    if day is not None:
        hits = [v for v in versions if v.date == day]
        if len(hits) == 1:
            return hits[0], "printed-date"
        year = int(day[:4])
    if year is not None:
        hits = [v for v in versions if v.year == year]
        if len(hits) == 1:
            return hits[0], "printed-year"
        if not hits and not (amended_on or amends):   # inside an amending law's name the amending law decides
            hits = [v for v in versions if year in _amended_in().get(v.key, ())]
            if len(hits) == 1:
                return hits[0], "printed-year-of-amendment"
            return None, "none"
        v = in_force(hits, doc_date) if doc_date else None
        return (v, "printed-year+in-force") if v else (None, "none")
    listed = [v for v in versions if v.key in amends]
    if len(listed) == 1:
        return listed[0], "amended-law"
    if amended_on:
        v = adopted_by(versions, amended_on)
        return (v, "amended-law") if v else (None, "none")
    if doc_date:
        v = in_force(versions, doc_date)
        return (v, "in-force-on-doc-date") if v else (None, "none")
    return (versions[0], "only-version") if len(versions) == 1 else (None, "none")


def successors(law: Optional[Law], how: str, doc_date: Optional[str]) -> list[Law]:
    """The laws in force on ``doc_date`` that replaced ``law`` between them,
    when a name read ``in-force-on-doc-date`` picked a law that several laws of
    other names replaced before that day: "Luật Khiếu nại, Tố cáo" in a 2024
    report is the Luật Khiếu nại and the Luật Tố cáo then in force (the 1998 law
    was split in 2011), each the version in force that day.  Empty when the law
    is still in force, replaced by one law (a new version of the same name is
    :func:`in_force`'s business), or a year was printed (the writer named the
    old law)."""
    if law is None or how != "in-force-on-doc-date" or not doc_date or not law.key:
        return []
    day = _upto(doc_date)
    direct = [v for v in _replacing().get(law.key, ()) if v.since and v.since <= day]
    if len({fold_name(v.title) for v in direct}) < 2:
        return []
    reg = registry()
    out: list[Law] = []
    for v in direct:
        fn = fold_name(v.title)
        anchor = next((a for a in _ANCHORS if fn.startswith(a)), None)
        now = in_force(reg.get((anchor, fn[len(anchor):].strip()), [v]), doc_date) if anchor else v
        now = now or v
        if now not in out:
            out.append(now)
    return out


# the pieces of a list item: "Khiếu nại, Tố cáo" of "các Luật Khiếu nại, Tố cáo"
_PIECE_SEP = regex.compile(r"(?i)\s{0,3}(?:[,;]\s{0,3}(?:va\s{1,3})?|\s{1,3}va\s{1,3})")


def _piece_spans(folded: str, name_at: int, end: int, rests: list[str]) -> Optional[list[tuple[int, int]]]:
    """Where each of ``rests`` (successors' names without their anchor, folded)
    is printed, in order, as the pieces of ``folded[name_at:end]`` cut at commas
    and "và"; None unless the pieces are those names one for one."""
    pieces, pos = [], name_at
    for sep in _PIECE_SEP.finditer(folded, name_at, end):
        pieces.append((pos, sep.start()))
        pos = sep.end()
    pieces.append((pos, end))
    if len(pieces) != len(rests):
        return None
    names = [" ".join(folded[a:b].lower().split()) for a, b in pieces]
    spans = []
    for r in rests:
        if r not in names:
            return None
        spans.append(pieces[names.index(r)])
    return spans if len(set(spans)) == len(spans) else None


def _successor_rows(text: str, folded: str, start: int, name_at: int, end: int, law: "Law", split: list["Law"],
                    listed: bool, conf: float, how: str) -> list[Citation]:
    """One row per law of :func:`successors` that replaced ``law``, named by the
    mention ``text[start:end]`` (its name from ``name_at``).

    An item of a plural anchor's list ("các Luật Khiếu nại, Tố cáo", ``listed``)
    whose pieces are the successors' names one for one names each law
    separately: each row its own span (the first with the anchor), ``note``
    saying so.  Else the one printed name (the old law's, "Luật Khiếu nại, Tố
    cáo" in a 2024 report) stands for them all: the rows share its span and
    ``note`` says so."""
    if not split:
        return []
    keys = ", ".join(v.key for v in split)
    spans = None
    if listed:
        rests = []
        for v in split:
            fn = fold_name(v.title)
            anchor = next((a for a in _ANCHORS if fn.startswith(a + " ")), None)
            rests.append(fn[len(anchor):].strip() if anchor else fn)
        spans = _piece_spans(folded, name_at, end, rests)
    out = []
    for i, v in enumerate(split):
        if spans is not None:
            a, b = spans[i]
            a = start if a == name_at else a
            note = f"{law.title} ({law.key}) was replaced by {keys}; each is named in the list"
        else:
            a, b = start, end
            note = f"{law.title} ({law.key}) was replaced by {keys}; one printed name for {len(split)} laws: span shared"
        out.append(Citation(key=v.key, kind=v.kind, title=v.title, raw=text[a:b], start=a, end=b, date=v.date,
                            form="named", confidence=conf, resolved_by=how, note=note))
    return out


def extract_named_laws(text: str, doc_date: Optional[str] = None) -> list[Citation]:
    """Named mentions of laws, codes, ordinances and the Constitution."""
    if not isinstance(text, str) or not text:
        return []
    return _extract(text, fold(text), doc_date)


def _printed_date(folded: str, end: int) -> tuple[Optional[int], Optional[str], int]:
    """(year, ISO day, end) of a year or date printed right after a name."""
    ym = _YEAR_AFTER.match(folded, end, min(len(folded), end + 32))
    if not ym:
        return None, None, end
    if ym["y2"] or ym["y3"]:
        y = int(ym["y2"] or ym["y3"])
        d, m = int(ym["d"] or ym["d3"]), int(ym["m"] or ym["m3"])
        if 1945 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31:
            return y, f"{y:04d}-{m:02d}-{d:02d}", ym.end()
        return None, None, end
    y = int(ym["y"])
    return (y, None, ym.end()) if 1945 <= y <= 2100 else (None, None, end)


def _unknown_name(text: str, folded: str, anchor_end: int) -> Optional[int]:
    """End of a capitalised law name the registry does not know, else None."""
    pos, n, end = anchor_end, 0, None
    while n < 9:
        m = _WORD.match(text, pos)
        if not m:
            break
        w = m.group(1)
        fw = fold(w).lower()
        if n == 0 and (not (w[0].isupper() and not w.isupper()) or fw in _NOT_A_NAME):
            return None       # "Luật này", "LUẬT", "Luật sư", "Luật Sư Nguyễn", "Luật gia"
        stop = w.lower() in _UNKNOWN_STOP or (fw == w.lower() and fw in _UNKNOWN_STOP_FOLDED)
        if fw == "va" and stop:
            nxt = _WORD.match(text, m.end())
            stop = not nxt or nxt.group(1)[0].isupper()   # "Hôn nhân và gia đình" goes on
        if stop or (n > 0 and w[0].isupper() and fw == "luat"):
            break
        n += 1
        end = m.end(1)
        pos = m.end()
        if m.group(2):  # a comma: the name goes on only with a lower-case word ("Phòng, chống")
            nxt = _WORD.match(text, pos)
            if not nxt or nxt.group(1)[0].isupper():
                break
    return end


_LAW_NUMBER_AFTER = regex.compile(
    r"(?i)\s{1,4}(?:so\s{0,3}[:.]?\s{0,3})?(?P<n>\d{1,3}\s{0,2}/\s{0,2}(?P<y>(?:19|20)\d\d)\s{0,2}/\s{0,2}QH\s{0,2}\d{1,2})"
    r"(?:\s{0,3},?\s{0,3}ngay\s{0,3}\d{1,2}\s{0,3}(?:/|thang)\s{0,3}\d{1,2}\s{0,3}(?:/|nam)\s{0,3}(?:19|20)\d\d)?"
)
# an amending law's name: (start, end) of the part naming the amended laws, the day
# they are read on, the numbers the registry says it amends
_Region = tuple[int, int, Optional[str], tuple[str, ...]]
_CLAUSE_END = regex.compile(r"[;.]\s|\n\s*\n|\n\s*[-+•]")


def _amending_region(folded: str, pos: int, on: Optional[str]) -> Optional[_Region]:
    """When an amending law's name opens at ``pos`` (right after its anchor, or
    after its printed number "số 97/2025/QH15"): (start, end, date, amends) of the part
    that names the amended laws, ``date`` the day they are read on, ``amends`` the
    numbers the registry says that law amends."""
    nm = _LAW_NUMBER_AFTER.match(folded, pos, min(len(folded), pos + 48))
    at = pos
    amends: tuple[str, ...] = ()
    if nm:
        key = _BLANKS.sub("", nm["n"]).upper()
        law = by_key().get(key)
        on = (law.date if law else None) or f"{nm['y']}-12-31"
        amends = law.amends if law else ()
        at = nm.end()
    m = _AMENDING.match(folded, at, min(len(folded), at + 60))
    if not m:
        return None
    stop = _CLAUSE_END.search(folded, m.end(), min(len(folded), m.end() + 300))
    return m.end(), stop.start() if stop else min(len(folded), m.end() + 300), on, amends


def _extract(text: str, folded: str, doc_date: Optional[str]) -> list[Citation]:
    out: list[Citation] = []
    fuzzies = _fuzzy_patterns()
    reg = registry()
    taken_until = -1
    amending: Optional[_Region] = None  # amended laws' part: start, end, date, amends
    last_plain = None   # (row, versions) of the last name printed with no year or qualifier
    unnamed: list = []  # (start, region) of amending laws whose own name did not match
    for am in _anchors(folded):
        if am.start() < taken_until:
            continue
        if _NOT_BEFORE.search(folded, max(0, am.start() - 6), am.start()):
            continue
        if not text[am.start()].isupper():
            continue    # "thực hiện luật đất đai": a field of law, not a law cited (see docstring)
        anchor = " ".join(am["anchor"].lower().split())
        if anchor == "hien phap" and (
                _HIEN_PHAP_FALSE_BEFORE.search(folded, max(0, am.start() - 8), am.start())
                or _HIEN_PHAP_FALSE_AFTER.match(folded, am.end(), am.end() + 10)):
            continue
        inner = amending is not None and amending[0] <= am.start() < amending[1]
        on = amending[2] if inner else None
        amends = amending[3] if inner else ()
        best = None  # (end, rest, fuzzy)
        combined = _combined().get(anchor)
        plural = anchor == "luat" and _PLURAL_BEFORE.search(folded, max(0, am.start() - 8), am.start())
        name_at = am.end()
        if plural:
            colon = _LIST_COLON.match(folded, am.end(), min(len(folded), am.end() + 4))
            name_at = colon.end() if colon else name_at
        if combined is not None:
            m = combined.match(folded, name_at, min(len(folded), name_at + 260))
            if m and _one_word_ok(text, m):
                best = (m.end(), _registry_rest(anchor, m.group()), False)
        if best is None:
            region = _amending_region(folded, am.end(), doc_date)
            if region is not None:
                amending = region     # "Luật (số ...) sửa đổi, bổ sung ... của": the laws it names
                taken_until = region[0]
                if not _LAW_NUMBER_AFTER.match(folded, am.end(), min(len(folded), am.end() + 48)):
                    unnamed.append((am.start(), region))
                continue
        if best is None:
            # OCR'd titles: only when the next word starts like the title does
            nxt = _NEXT_LETTER.match(folded[am.end():am.end() + 6])
            first = nxt.group(1).lower() if nxt else None
            for rest, fz in fuzzies.get(anchor, []):
                if first is None or rest[:1] != first:
                    continue
                m = fz.match(folded, am.end(), min(len(folded), am.end() + 200))
                if m and m.end() - am.end() >= len(rest) - 2:
                    best = (m.end(), rest, True)
                    break
        if best is None and (anchor, "") in reg:
            best = (am.end(), "", False)  # Hiến pháp: the anchor is the whole name
        if best is None:
            unknown = _unknown_name(text, folded, am.end()) if anchor != "hien phap" else None
            if unknown is None:
                continue
            year, day, end = _printed_date(folded, unknown)
            taken_until = end
            kind = {"bo luat": "Bộ luật", "phap lenh": "Pháp lệnh"}.get(anchor, "Luật")
            out.append(Citation(key=None, kind=kind, title=" ".join(text[am.start():unknown].split()),
                                raw=text[am.start():end], start=am.start(), end=end, form="named",
                                confidence=UNKNOWN_CONF, resolved_by="none"))
            continue
        end, rest, fuzzy = best
        versions = reg.get((anchor, rest))
        if not versions:
            continue
        year, day, end = _printed_date(folded, end)
        amended_in = None
        if year is None and not inner:
            q = _QUALIFIER.match(folded, end, min(len(folded), end + 60))
            if q is not None:
                if q["y"]:
                    amended_in = int(q["y"])   # "(sửa đổi, bổ sung năm 2019)": the version then amended
                    end = q.end()
                else:                          # "(sửa đổi) năm 2022": the revised law of that year
                    year, day, after = _printed_date(folded, q.end())
                    if year is not None:
                        end = after
        law, how = pick(versions, year=year, day=day, doc_date=doc_date, amended_on=on, amends=amends)
        if amended_in is not None:
            law, how = pick(versions, amended_on=f"{amended_in - 1}-12-31")
            # "Luật Cán bộ, công chức và Luật Viên chức (sửa đổi, bổ sung năm 2019)": the
            # qualifier is the list's; a name right before it, with no year of its own, too
            if last_plain is not None and _QUALIFIED_LIST.fullmatch(folded, last_plain[0].end, am.start()):
                prev, prev_versions = last_plain
                v, h = pick(prev_versions, amended_on=f"{amended_in - 1}-12-31")
                if v is not None:
                    prev.key, prev.date, prev.resolved_by, prev.title = v.key, v.date, h, v.title
        if law is None and inner and (year or day):
            # "... của Luật Cán bộ, công chức và Luật Viên chức năm 2019": the year
            # is the amending law's; the amended law is the version of that day
            law, how = pick(versions, amended_on=day or str(year), amends=amends)
        ref = law or versions[0]
        region = None
        if ref.amends:
            # an amending law named in full: the laws its name names are cited too
            m = _AMENDING.search(folded, am.end(), best[0])
            if m:
                region = (m.end(), best[0] + 1, (law.date if law else None) or doc_date,
                          law.amends if law else ())
                amending = region
        taken_until = region[0] if region is not None else end
        last_plain = None
        split = successors(law, how, doc_date) if region is None and not inner else []
        out.extend(_successor_rows(text, folded, am.start(), name_at, end, law, split, bool(plural) and not fuzzy,
                                   FUZZY_CONF if fuzzy else NAMED_CONF, "in-force-on-doc-date"))
        if split:
            if plural and not fuzzy and combined is not None:
                more = _list_items(text, folded, end, anchor, combined, doc_date)
                out.extend(more)
                if more:
                    taken_until = more[-1].end
            continue
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
            resolved_by=how,
        ))
        if year is None and day is None and amended_in is None and not inner and region is None:
            last_plain = (out[-1], versions)
        if plural and not fuzzy and region is None and combined is not None:
            more = _list_items(text, folded, end, anchor, combined, doc_date)
            out.extend(more)
            if more:
                taken_until = more[-1].end
    if unnamed:
        out = _amending_by_content(text, folded, out, unnamed)
    return out


_DATE_IN = regex.compile(
    r"(?i)ngay\s{0,3}(?P<d>\d{1,2})\s{0,3}(?:thang\s{0,3}|[/.\-])(?P<m>\d{1,2})\s{0,3}(?:nam\s{0,3}|[/.\-])"
    r"(?P<y>(?:19|20)\d\d)|nam\s{1,3}(?P<y2>(?:19|20)\d\d)")


def _amending_by_content(text: str, folded: str, out: list[Citation], unnamed: list) -> list[Citation]:
    """An amending law whose name did not match the registry (OCR damage in a long
    name: "... Luật Tổ chức chính quyền địaphương ngày 22 tháng 11 năm 2019"): the
    registry's one amending law that amends every law its name named (the rows
    read inside it) and was adopted on the day (else in the year) printed at its
    end; a row at :data:`FUZZY_CONF`, spanning the name.  Nothing when none or
    several fit."""
    added = []
    for start, (lo, hi, _on, _amends) in unnamed:
        inner = [c for c in out if lo <= c.start < hi and c.key]
        if not inner:
            continue
        last = max(inner, key=lambda c: c.end)
        when = None
        for dm in _DATE_IN.finditer(folded, lo, min(len(folded), last.end + 4)):
            when = dm
        if when is None:
            continue
        keys = {c.key for c in inner}
        fits = [law for law in by_key().values() if law.amends and keys <= set(law.amends)]
        if when["y"]:
            day = f"{int(when['y']):04d}-{int(when['m']):02d}-{int(when['d']):02d}"
            fits = [law for law in fits if law.date == day]
        else:
            fits = [law for law in fits if law.year == int(when["y2"])]
        if len(fits) != 1:
            continue
        law = fits[0]
        added.append(Citation(key=law.key, kind=law.kind, title=law.title, raw=text[start:last.end],
                              start=start, end=last.end, date=law.date, form="named",
                              confidence=FUZZY_CONF, resolved_by="printed-date" if when["y"] else "printed-year"))
    return sorted(out + added, key=lambda c: (c.start, c.end)) if added else out


# "(sửa đổi, bổ sung năm 2019)" / "(sửa đổi, bổ sung năm 2017, 2019)" after a law's name:
# the version those years amended (the latest adopted before the first of them);
# "(sửa đổi)" alone, a year after it: the revised law of that year
_QUALIFIER = regex.compile(
    r"(?i)[ \t]{0,3}\(\s{0,2}(?:da\s{1,3}(?:duoc\s{1,3})?)?sua\s{1,3}doi(?:\s{0,2},?\s{0,2}bo\s{1,3}sung)?"
    r"(?:\s{1,3}(?:nam\s{1,3})?(?P<y>(?:19|20)\d\d)(?:\s{0,2}(?:,|va)\s{0,2}(?:nam\s{1,3})?(?:19|20)\d\d){0,4})?"
    r"\s{0,2}\)")
_QUALIFIED_LIST = regex.compile(r"(?i)\s{0,3}(?:,|va|,\s{0,2}va)\s{1,3}")

# "các Luật: Đất đai năm 2024, Nhà ở năm 2023 và Kinh doanh bất động sản năm 2023":
# one anchor, several names
_PLURAL_BEFORE = regex.compile(r"(?i)(?<![A-Za-z])cac\s{1,3}$")
_LIST_COLON = regex.compile(r"\s{0,2}:(?=\s)")
_LIST_SEP = regex.compile(r"(?i)\s{0,3}(?:[,;]|,?\s{1,3}va)(?=\s)")


def _list_items(text: str, folded: str, end: int, anchor: str, combined, doc_date) -> list[Citation]:
    """The names that follow the first of a plural anchor's list ("các Luật
    Đất đai, Nhà ở và ..."), each with its own printed year: one row each,
    up to the first item the registry does not name."""
    out = []
    reg = registry()
    while True:
        sep = _LIST_SEP.match(folded, end, min(len(folded), end + 12))
        if sep is None:
            break
        m = combined.match(folded, sep.end(), min(len(folded), sep.end() + 260))
        if m is None or not _one_word_ok(text, m):
            break
        versions = reg.get((anchor, _registry_rest(anchor, m.group())))
        if not versions:
            break
        year, day, stop = _printed_date(folded, m.end())
        law, how = pick(versions, year=year, day=day, doc_date=doc_date)
        ref = law or versions[0]
        start = sep.end() + len(m.group()) - len(m.group().lstrip())
        split = successors(law, how, doc_date)
        out.extend(_successor_rows(text, folded, start, start, stop, law, split, True, NAMED_CONF, how))
        if split:
            end = stop
            continue
        out.append(Citation(key=law.key if law else None, kind=ref.kind, title=ref.title,
                            raw=text[start:stop], start=start, end=stop, date=law.date if law else None,
                            form="named", confidence=NAMED_CONF, resolved_by=how))
        end = stop
    return out
