"""Reported figures: dossiers, petitions, citizen reception — from prose and tables.

Public API: :func:`extract_statistics` (text → list of :class:`Statistic`,
sorted by ``(start, metric)``).

How a figure is read
--------------------
1. The text is matched through two same-length *views* (so spans are spans
   of the text): the **number view** (folded, lower-case, Markdown marks and
   ``<sup>n</sup>`` footnotes blanked, OCR ``O``/``l`` inside digit runs
   repaired) and the **cue view** (the same, with OCR digits inside words put
   back as letters: ``tra 10i`` → ``tra loi``, ``s6`` → ``so``).
2. Numbers are read by :mod:`extractors.numbers`, which also rules out dates,
   document numbers, legal references, years and list numbering.
3. The **unit** is the word right after the number (``metrics_units.tsv``).
   A figure needs a unit, except a bare number right after a label
   (``Khiếu nại: 0``, ``... là 23``) or right after its cue, before a clause
   mark (``trong đó trước hạn 905, đúng hạn 290, quá hạn 3``).  A number spelled
   out after it in brackets (``02 (hai) đơn``) is skipped to reach the unit.
   Not figures: a range (``từ 150 đến 200 hồ sơ``, ``150 - 200``) and a change
   (``giảm 15 đơn``, ``tăng thêm 6``: :mod:`extractors.numbers`).
4. The **metric** comes from the cue words of ``metrics.tsv`` within the
   figure's clause: to the left back to the clause start (``;``, ``.``,
   ``, ``, ``trong đó``, ``gồm``, an open parenthesis, a list item) and to the
   right in the noun phrase that starts at the unit (``04 đơn kiến nghị``,
   ``không có hồ sơ trễ hạn``).  Only metrics whose kind (count/rate/score)
   and units fit the figure compete; the highest priority wins, a cue in the
   noun phrase after the number gets +1, as does a cue that labels it (only
   ``là``/``bằng``/``:`` between), then the nearest wins; a cue right after
   ``kết quả`` names the topic and gives way to any other cue.  A rate whose
   clause names nothing, right after a count (``trực tuyến 1.020 hồ sơ, đạt
   81,9%``), is the vocabulary rate whose ``part`` is that count's metric.  Petition
   kinds (khiếu nại, tố cáo, kiến nghị) give way to an action such as
   "đã giải quyết", and a list of two kinds means petitions in general.
5. Special shapes: fractions (``22/31 vụ việc`` → part under the metric, whole
   under ``other:<metric>_total`` or the table's `whole`), a rate followed by
   its fraction (``98,61% (990/1004 hồ sơ)`` → the rate's `part`/`whole`
   metrics), unit pairs (``31 đơn/31 vụ việc``: the first is the metric, the
   second ``other:<metric>_<unit>``; after "tiếp nhận và giải quyết" the second
   is ``petitions_resolved``), scores (``80,43/100 điểm`` → 80.43), zero in
   words (``không có hồ sơ trễ hạn``, ``Khiếu nại: không``, ``không phát sinh
   đơn khiếu nại, tố cáo`` → one 0 per kind).
6. Tables flattened into lines are read by :mod:`extractors.stat_tables`.

``scope``: the period phrase nearest to the figure in its sentence (before it
first; not the year of a law or a plan), else in the sentence before it, else
the period in the enclosing section heading; for table cells the field
(``lĩnh vực Hộ tịch``).

``confidence`` (documented scale):

* 0.9  prose figure found by a cue, text with its diacritics;
* 0.85 zero in words, or the count/total behind a rate ``(990/1004 hồ sơ)``;
* 0.8  table cell (0.7 on stripped or OCR-damaged text);
* minus 0.15 on diacritic-stripped text, minus 0.2 on OCR-damaged text (a few
  marks left, as English-mode OCR leaves them; cues and units are then matched
  with loose vowels), minus 0.15 when OCR repair was needed to read the number,
  minus 0.1 for a bare number after a label, minus 0.1 for ``other:`` metrics;
* a table row whose arithmetic does not add up: 0.2 less, ``check='mismatch'``.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

import regex

from baocao.extractors import stat_tables
from baocao.extractors.metrics_vocab import (
    COARSE, MetricDef, UnitDef, cue_index, cue_literals, cue_patterns, metric_by_name, phrase_pattern, unit_regex,
)
from baocao.extractors.models import Statistic
from baocao.extractors.sentences import view_sentence_ends
from baocao.extractors.numbers import (
    NumToken, blocked_by_preceding_word, exclusion_spans, find_numbers, looks_like_year, parse_vn_number,
)
from baocao.extractors.views import cue_view, views  # noqa: F401  (re-exported)
from baocao.normalizers.tokens import token_counts

__all__ = ["extract_statistics", "views", "cue_view"]

_WORDS = regex.compile(r"[^\W\d_]+")
_PARA = regex.compile(r"\n[ \t]*\n(?=[ \t]*[A-ZĐ])")
_COMMA = regex.compile(r",\s*")
_DIGIT = regex.compile(r"\d")
_WS = regex.compile(r"\s+")
_HWS = regex.compile(r"[ \t]+")
_NAM_BEFORE = regex.compile(r"(?<![a-z])nam\s*$")
_NAO = regex.compile(r"\s+nao(?![a-z])")

_VI_MARKED = regex.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", regex.I)


# ``regex``'s \d and \s spelled as ``re`` classes (``re``'s own \d follows the Unicode of the
# Python build, its \s adds \x1c-\x1f; a test compares them on every code point): the
# decimal digits come in runs of ten from these code points, and two longer runs
_REGEX_DIGIT_RUNS = [(int(a, 16), int(a, 16) + 9) for a in (
    "30 660 6F0 7C0 966 9E6 A66 AE6 B66 BE6 C66 CE6 D66 DE6 E50 ED0 F20 1040 1090 17E0 1810 1946 19D0 "
    "1A80 1A90 1B50 1BB0 1C40 1C50 A620 A8D0 A900 A9D0 A9F0 AA50 ABF0 FF10 104A0 10D30 10D40 11066 110F0 "
    "11136 111D0 112F0 11450 114D0 11650 116C0 11730 118E0 11950 11BF0 11C50 11D50 11DA0 11DE0 11F50 "
    "16130 16A60 16AC0 16B50 16D70 1CCF0 1E140 1E2F0 1E4F0 1E5F1 1E950 1FBF0").split()] + [
    (0x116D0, 0x116E3), (0x1D7CE, 0x1D7FF)]
_REGEX_SPACE_RUNS = [(0x9, 0xD), (0x20, 0x20), (0x85, 0x85), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200A),
                     (0x2028, 0x2029), (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000)]


def _re_class(runs: list) -> str:
    return "[" + "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in sorted(runs)) + "]"


_REGEX_DIGIT, _REGEX_SPACE = _re_class(_REGEX_DIGIT_RUNS), _re_class(_REGEX_SPACE_RUNS)


def _for_re(pattern: str) -> str:
    """A ``regex`` pattern whose classes and literals are ASCII but for \\s and \\d (used
    outside brackets), for ``re``: the same matches."""
    return pattern.replace(r"\s", _REGEX_SPACE).replace(r"\d", _REGEX_DIGIT)


class _CharKinds(dict):
    """code point -> " " (not a word character), "M" (a marked letter) or "w" (any other
    word character), for ``str.translate``; each character is classed once."""

    def __missing__(self, cp: int) -> str:
        c = chr(cp)
        k = self[cp] = " " if not _WORDS.fullmatch(c) else "M" if _VI_MARKED.match(c) else "w"
        return k


_CHAR_KINDS = _CharKinds()


_TOKEN_KINDS: dict = {}     # blank-separated token -> (its words, its marked words), for text_quality
_TOKEN_KINDS_MAX = 200_000


def _token_kinds(tok: str) -> tuple[int, int]:
    kinds = tok.translate(_CHAR_KINDS)
    return len(kinds.split()), len(kinds.replace("w", "").split())


def text_quality(text: str) -> str:
    """`full` (Vietnamese with its marks), `stripped` (no marks at all) or `damaged`
    (a few marks left, as English-mode OCR leaves them), from the share of words
    that carry a Vietnamese mark (about 0.9 in clean reports).

    What :func:`text_quality_reference` says, counted on each character's kind
    (``_WORDS`` and ``_VI_MARKED`` are character classes: a word is a run of word
    characters, marked when one is marked).  No blank (``str.isspace``) is a word
    character, so the words are counted per blank-separated token, once per
    distinct token (``Counter`` of ``str.split``, shared with the page's ``vn_score``:
    :func:`baocao.normalizers.tokens.token_counts`; a token's counts are kept)."""
    n = marked = 0
    known = _TOKEN_KINDS
    if len(known) > _TOKEN_KINDS_MAX:
        known.clear()
    for tok, c in token_counts(text, 30000).items():
        k = known.get(tok)
        if k is None:
            k = known[tok] = _token_kinds(tok)
        n += c * k[0]
        marked += c * k[1]
    if n < 3:
        return "full"
    share = marked / n
    if share >= 0.5:
        return "full"
    return "stripped" if share < 0.03 else "damaged"


def text_quality_reference(text: str) -> str:
    """The word-by-word definition of :func:`text_quality`: `full` (Vietnamese with its marks), `stripped` (no marks at all) or `damaged`
    (a few marks left, as English-mode OCR leaves them), from the share of words
    that carry a Vietnamese mark (about 0.9 in clean reports)."""
    words = _WORDS.findall(text[:30000])
    if len(words) < 3:
        return "full"
    marked = sum(n for w, n in Counter(words).items() if _VI_MARKED.search(w)) / len(words)
    if marked >= 0.5:
        return "full"
    return "stripped" if marked < 0.03 else "damaged"


# --------------------------------------------------------------------------- cue hits

@dataclass
class Hit:
    start: int
    end: int
    m: MetricDef


_E_LETTER = COARSE["\u20ac"]     # the letter whose class [.E] an "€" (read "E") matched


def _cue_spans(cv: str, loose: bool) -> list[list[tuple[int, int]]]:
    """For each distinct cue pattern (:func:`~baocao.extractors.metrics_vocab.cue_index`),
    the (start, end) of its matches: what ``finditer`` over the whole view gives,
    each pattern tried only where its first words are (one ``re`` pass finds the
    word starts where some key matches)."""
    idx = cue_index(loose)
    pats = idx.patterns
    spans: list[list[tuple[int, int]]] = [[] for _ in pats]
    last = [0] * len(pats)      # finditer goes on after the end of a pattern's last match
    for reads, anchor_rx, by_anchor in idx.keyed:
        view = cv
        for a, b in reads:
            view = view.replace(a, b)
        for m in anchor_rx.finditer(view):     # zero-width: every word start where a key matches
            p, a = m.start(), m.group(1)
            keys_rx, groups = by_anchor[a] if "E" not in a else by_anchor[a.replace("E", _E_LETTER)]
            km = keys_rx.match(view, p)
            if km is None:
                continue
            for pid in groups[km.lastindex]:
                if p < last[pid]:
                    continue
                mm = pats[pid].match(cv, p)
                if mm is not None and mm.end() > p:
                    spans[pid].append((p, mm.end()))
                    last[pid] = mm.end()
    for pid in idx.scan:
        spans[pid] = [(mm.start(), mm.end()) for mm in pats[pid].finditer(cv) if mm.end() > mm.start()]
    return spans


def _cue_hits(cv: str, loose: bool = False) -> list[Hit]:
    """Every cue match in the cue view (what :func:`_cue_hits_reference` gives):
    each distinct pattern is run once, and only where its first word starts."""
    spans = _cue_spans(cv, loose)
    hits = [Hit(s, e, m) for (_, m, _), pid in zip(cue_patterns(loose), cue_index(loose).entry)
            for s, e in spans[pid]]
    return _drop_inner(hits)


def _drop_inner(hits: list[Hit]) -> list[Hit]:
    """A cue inside a longer cue of the same kind says less ("giải quyết" in
    "đang giải quyết"): dropped.  Same result as the reference loop, which looks at
    the last 40 kept hits of the kind; as hits come by start, a kept hit ``o`` holds
    ``h`` strictly when it ends at or after ``h`` and is not the same span."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    by_kind: dict[str, list[Hit]] = {}
    ends_by_kind: dict[str, list[int]] = {}
    for h in hits:
        longer = by_kind.get(h.m.kind)
        if longer is None:
            longer = by_kind[h.m.kind] = []
            ends = ends_by_kind[h.m.kind] = []
        else:
            ends = ends_by_kind[h.m.kind]
            if ends and max(ends[-40:]) >= h.end and any(
                    o.end >= h.end and (o.start != h.start or o.end != h.end) for o in longer[-40:]):
                continue
        longer.append(h)
        ends.append(h.end)
        kept.append(h)
    kept.sort(key=lambda h: h.end)
    return kept


def _cue_hits_reference(cv: str, loose: bool = False) -> list[Hit]:
    """The definition :func:`_cue_hits` is checked against: every cue pattern over
    the whole view (a cue whose required literals, :func:`cue_literals`, are not all
    in the text cannot match and is skipped)."""
    hits = []
    for (rx, m, _), lits in zip(cue_patterns(loose), cue_literals(loose)):
        if not all(lit in cv for lit in lits):
            continue
        for mm in rx.finditer(cv):
            if mm.end() > mm.start():
                hits.append(Hit(mm.start(), mm.end(), m))
    # a cue inside a longer cue of the same kind says less ("giải quyết" in "đang giải quyết")
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    by_kind: dict[str, list[Hit]] = {}
    for h in hits:
        longer = by_kind.setdefault(h.m.kind, [])
        if any(o.start <= h.start and h.end <= o.end and (o.end - o.start) > (h.end - h.start)
               for o in longer[-40:]):
            continue
        longer.append(h)
        kept.append(h)
    kept.sort(key=lambda h: h.end)
    return kept


# --------------------------------------------------------------------------- clauses

_BOUNDARY_MARKS = (r"[;!?]|\.(?=\s)|,(?=\s)|:(?=\s*\n)"
                   r"|\n(?=[ \t]*(?:[-+*•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-z]\))[ \t])")
_BOUNDARY = regex.compile(
    _BOUNDARY_MARKS + r"|(?<![a-z])(?:trong d[oe06]|bao gom|gom|cu the|cu the la)(?![a-z])\s*:?"
)


# _BOUNDARY's branches apart: its marks (one character each) and its clause words, which
# for ``re`` (``re``'s first-character search) check the letter before them after their first
_BOUNDARY_MARK = regex.compile(_BOUNDARY_MARKS)
_BOUNDARY_WORDS = re.compile(_for_re(
    r"(?:t(?<![a-z]t)rong d[oe06]|b(?<![a-z]b)ao gom|g(?<![a-z]g)om|c(?<![a-z]c)u the|c(?<![a-z]c)u the la)"
    r"(?![a-z])\s*:?"))


def _boundary_ends(cv: str) -> list[int]:
    """The ends of ``_BOUNDARY``'s matches (:func:`_boundary_ends_reference`), sorted: a
    mark and a clause word never start at the same place, so its matches are the clause
    words' and the marks that do not lie inside one (a word's ``\\s*:?`` takes them)."""
    ends = [m.end() for m in _BOUNDARY_MARK.finditer(cv)]
    words = [m.span() for m in _BOUNDARY_WORDS.finditer(cv)]
    for s, e in reversed(words):
        # a mark is one character: it starts inside [s, e) when it ends in (s, e]
        del ends[bisect.bisect_left(ends, s + 1):bisect.bisect_right(ends, e)]
    if words:
        ends += [e for _, e in words]
        ends.sort()
    return ends


def _boundary_ends_reference(cv: str) -> list[int]:
    """The definition :func:`_boundary_ends` is checked against."""
    return [m.end() for m in _BOUNDARY.finditer(cv)]


class Clauses:
    def __init__(self, cv: str, text: str, walls: tuple = ()):
        self.cv = cv
        self.bounds = _boundary_ends(cv)
        # a blank line before a capital starts a new paragraph; tables are walls
        self.bounds += [m.end() for m in _PARA.finditer(text)]
        for a, b in walls:
            self.bounds += [a, b]
        self.bounds.sort()
        self.sent = view_sentence_ends(cv, text)

    def clause_start(self, pos: int) -> int:
        i = bisect.bisect_right(self.bounds, pos) - 1
        start = self.bounds[i] if i >= 0 else 0
        start = max(start, pos - 160)
        # an unmatched "(" before the figure opens its clause
        depth = 0
        for j in range(pos - 1, start - 1, -1):
            c = self.cv[j]
            if c == ")":
                depth += 1
            elif c == "(":
                if depth == 0:
                    return j + 1
                depth -= 1
        return start

    def prev_clause_start(self, start: int) -> int:
        i = bisect.bisect_left(self.bounds, start) - 1
        return max(self.bounds[i] if i >= 0 else 0, start - 120)

    def sentence(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent, pos) - 1
        s = self.sent[i] if i >= 0 else 0
        e = self.sent[i + 1] if i + 1 < len(self.sent) else len(self.cv)
        return max(s, pos - 600), min(e, pos + 600)


_NP_STOP_WORDS = (r"khong|dang|da|con|trong do|gom|tong|ty le|so|chiem|dat|tiep nhan|giai quyet|"
                  r"tra loi|nhan duoc|truc tuyen|truc tiep")
_NP_STOP = regex.compile(r"(?:" + _NP_STOP_WORDS + r")(?![a-z])")
_NP_HARD_STOP = regex.compile(
    r"[;:()!?/\[\]]|\.(?=\s|$)|\d|\n(?=[ \t]*(?:[-+*•]|\d{1,2}[.)])[ \t])"
    r"|(?<![a-z])(?:trong d[oe06]|bao gom|gom|voi|cua cong dan|so voi|ty le|(?:va|con)(?=\s+(?:ty le|so|tong)))(?![a-z])"
    # "... buổi tiếp công dân và ba cuộc đối thoại": the next figure, in words
    r"|(?<![a-z])va(?=\s+(?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)\s)"
)


def _np_end(cv: str, pos: int, hit_starts: frozenset = frozenset(), limit: int = 70) -> int:
    """End of the noun phrase that starts at `pos` (the unit).

    It runs to the first punctuation, digit or clause word; past a comma only
    when a cue starts right after it ("hội nghị tiếp xúc, đối thoại",
    "vụ việc khiếu nại, tố cáo, kiến nghị") and that part runs into no number
    before its end ("không phát sinh đơn khiếu nại, tố cáo; tiếp nhận 09 đơn").
    """
    end = min(len(cv), pos + limit)
    m = _NP_HARD_STOP.search(cv, pos, end)
    hard = m.start() if m else end
    for cm in _COMMA.finditer(cv[pos:hard]):
        after = pos + cm.end()
        # the part after the comma must not run into a number of its own ("khiếu nại, tố cáo
        # 4 đơn"); a number past a clause mark is another figure's ("..., tố cáo; tiếp nhận 09")
        if (after not in hit_starts or _NP_STOP.match(cv, after, after + 12)
                or _DIGIT.search(cv, after, min(after + 40, hard + 1))):
            return pos + cm.start()
    return hard


# --------------------------------------------------------------------------- metric choice

@dataclass
class Choice:
    m: MetricDef
    hit: Optional[Hit]
    side: str        # left | right


def _compatible(m: MetricDef, kind: str, unit_key: Optional[str], label_ok: bool) -> bool:
    if m.kind != kind:
        return False
    if unit_key is None:
        return label_ok and "none" in m.units
    return unit_key in m.units


def _types(hs: list[Hit]) -> set:
    return {h.m.metric for h in hs if h.m.group == "type"}


_TOPIC_BEFORE = regex.compile(r"(?<![a-z])ket qua[ \t]+$")
_ADJACENT_LABEL = regex.compile(r"[ \t]*(?:(?:la|bang|:)[ \t]*)?")


class Chooser:
    def __init__(self, hits: list[Hit], clauses: Clauses, cv: str):
        self.hits = hits
        self.ends = [h.end for h in hits]
        self.starts_sorted = sorted(hits, key=lambda h: h.start)
        self.start_keys = [h.start for h in self.starts_sorted]
        self.clauses = clauses
        self.cv = cv
        self.hit_starts = frozenset(h.start for h in hits)

    def left_hits(self, lo: int, hi: int) -> list[Hit]:
        """Hits ending in (lo, hi]."""
        i = bisect.bisect_right(self.ends, lo)
        j = bisect.bisect_right(self.ends, hi)
        return [h for h in self.hits[i:j] if h.start >= lo - 60]

    def right_hits(self, lo: int, hi: int) -> list[Hit]:
        i = bisect.bisect_left(self.start_keys, lo)
        j = bisect.bisect_left(self.start_keys, hi)
        return [h for h in self.starts_sorted[i:j] if h.end <= hi + 30]

    def candidates(self, num_start: int, np_start: int, np_end: int, kind: str,
                   unit_key: Optional[str], label_ok: bool, *, zero: bool = False):
        L = self.clauses.clause_start(num_start)
        left = [h for h in self.left_hits(L, num_start) if h.end <= num_start]
        right = self.right_hits(np_start, np_end) if np_end > np_start else []
        # "khiếu nại, tố cáo: 5 đơn" — a kind right before this clause's comma lists kinds
        lt = _types(left)
        if lt and L > 0 and self.cv[L - 1:L] == ",":
            prev = self.left_hits(self.clauses.prev_clause_start(L - 1), L)
            if prev and prev[-1].m.group == "type" and not self.cv[prev[-1].end:L - 1].strip(" ,\n"):
                lt = lt | {prev[-1].m.metric}
        left = [h for h in left if _compatible(h.m, kind, unit_key, label_ok)]
        right = [h for h in right if _compatible(h.m, kind, unit_key, label_ok)]
        return L, left, right, lt

    def choose(self, num_start: int, np_start: int, np_end: int, kind: str,
               unit_key: Optional[str], label_ok: bool) -> Optional[Choice]:
        L, left, right, left_types = self.candidates(num_start, np_start, np_end, kind, unit_key, label_ok)
        listed = None   # a list of kinds names petitions in general
        if len(_types(right)) >= 2:
            listed = [h for h in right if h.m.group == "type"][0]
            right = [h for h in right if h.m.group != "type"]
        if len(left_types) >= 2:
            listed = listed or next((h for h in left if h.m.group == "type"), None)
            left = [h for h in left if h.m.group != "type"]
        acts = [h for h in left + right if h.m.family == "petition" and h.m.group != "type"
                and h.m.action != "received"]
        if acts:
            left = [h for h in left if h.m.group != "type"]
            right = [h for h in right if h.m.group != "type"]
        # "Kết quả giải quyết đơn thư: tổng số đơn tiếp nhận là 20 đơn": a cue after "kết quả"
        # names the topic; it gives way to any other cue of the clause
        topic = [h for h in left if _TOPIC_BEFORE.search(self.cv, max(0, h.start - 12), h.start)]
        if topic and len(topic) < len(left) + len(right):
            left = [h for h in left if h not in topic]
        best = None
        for side, hs in (("left", left), ("right", right)):
            for h in hs:
                dist = (num_start - h.end) if side == "left" else (h.start - np_start)
                # a cue in the noun phrase after the number, or one that labels it ("số hồ sơ
                # nhận giải quyết là 874"), says more than a cue further left
                near = side == "right" or bool(_ADJACENT_LABEL.fullmatch(self.cv, h.end, num_start))
                score = (h.m.priority + (1 if near else 0), -max(dist, 0))
                if best is None or score > best[0]:
                    best = (score, Choice(h.m, h, side))
        if best is None and listed is not None:
            general = metric_by_name().get("petitions_received")
            if general is not None and _compatible(general, kind, unit_key, label_ok):
                return Choice(general, listed, "left" if listed.end <= num_start else "right")
        return best[1] if best else None


# --------------------------------------------------------------------------- scope

_PERIOD = regex.compile(
    r"(?<![a-z0-9])(?:"
    r"(?:6|06|9|09|3|03|sau|chin|ba)\s+thang\s+(?:dau|cuoi)\s+nam(?:\s+(?:19|20)\d{2})?"
    r"|quy\s+(?:iv|i{1,3}|[1-4])(?:\s*/\s*|\s+nam\s+)(?:19|20)\d{2}"
    r"|tu\s+dau\s+nam(?:\s+(?:19|20)\d{2})?(?:\s+den\s+nay)?"
    r"|thang\s+\d{1,2}\s*/\s*(?:19|20)\d{2}"
    r"|nam\s+(?:19|20)\d{2}(?!\s*[-/]\s*\d)"
    r")(?![a-z0-9])"
)
# _PERIOD for ``re`` (ASCII classes and literals besides \s and \d): the same matches, found faster
_PERIOD_RE = re.compile(_for_re(_PERIOD.pattern))
# "Luật Khiếu nại năm 2011", "thành lập năm 1976": the year of a document or an event
_NOT_A_PERIOD = regex.compile(
    r"(?<![a-z])(?:luat|hien phap|phap lenh|thanh lap|nghi dinh|thong tu|quyet dinh|chi thi|"
    r"nghi quyet|ke hoach|cong van|ket luan|ban hanh|ky niem|tu nam)(?![a-z])[^,;.()\n]{0,40}$"
)
_HEADING = regex.compile(
    r"(?m)^[ \t#*]*(?:[ivx]{1,5}|\d{1,2}(?:\.\d{1,2}){0,3}|[a-z])[.)][ \t]+\S[^\n]{0,200}$"
)
# a heading holds no line break: found as "\n" then the line (``regex``'s (?m)^ is the start
# and after a "\n" only), which the engine seeks faster than every position
_HEADING_AFTER_BREAK = regex.compile(r"(?m)\n(" + _HEADING.pattern[len("(?m)^"):] + ")")


def _heading_spans(base: str) -> list[tuple[int, int]]:
    """The spans of ``_HEADING``'s matches (what its ``finditer`` gives)."""
    m = _HEADING.match(base)
    first = [m.span()] if m is not None else []
    return first + [m.span(1) for m in _HEADING_AFTER_BREAK.finditer(base)]


class Scoper:
    def __init__(self, text: str, base: str, clauses: Clauses):
        self.text = text
        self.periods = [(m.start(), m.end()) for m in _PERIOD_RE.finditer(base)
                        if not _NOT_A_PERIOD.search(base, max(0, m.start() - 45), m.start())]
        self.pstarts = [p[0] for p in self.periods]
        self.headings = _heading_spans(base)
        self.hstarts = [h[0] for h in self.headings]
        self.clauses = clauses

    def _raw(self, s: int, e: int) -> str:
        return _WS.sub(" ", self.text[s:e]).strip()

    def scope(self, pos: int) -> Optional[str]:
        s, e = self.clauses.sentence(pos)
        i = bisect.bisect_left(self.pstarts, s)
        before, after = None, None
        while i < len(self.periods) and self.periods[i][0] < e:
            ps, pe = self.periods[i]
            if pe <= pos:
                before = (ps, pe)
            elif ps >= pos and after is None:
                after = (ps, pe)
            i += 1
        pick = before or after
        if pick:
            return self._raw(*pick)
        # the sentence before, in the same passage ("... trong năm 2024: ... . Đã giải quyết ...")
        k = bisect.bisect_left(self.pstarts, s) - 1
        if k >= 0 and self.periods[k][0] >= s - 400 and "\n\n" not in _HWS.sub("", self.text[self.periods[k][1]:s]).replace("\n\n\n", ""):
            return self._raw(*self.periods[k])
        j = bisect.bisect_right(self.hstarts, pos) - 1
        if j >= 0:
            hs, he = self.headings[j]
            k = bisect.bisect_left(self.pstarts, hs)
            if k < len(self.periods) and self.periods[k][1] <= he:
                return self._raw(*self.periods[k])
        return None


# --------------------------------------------------------------------------- extraction

_NUMRX = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d+|\d+"
_SLASH_NUM = regex.compile(r"[ \t]?/[ \t]?(" + _NUMRX + r")(?![\d/])")
_DUAL = regex.compile(r"(?<![a-z])tiep nhan(?:\s*,\s*|\s+va\s+)giai quyet(?![a-z])")
_LABEL_BEFORE = regex.compile(r"(?:[:=]|(?<![a-z])(?:la|bang|gom))[ \t]*\n?[ \t]*$")
_LABEL_AFTER = regex.compile(r"[ \t]*(?:[,;.)\n]|$)")
_ZERO = regex.compile(
    r"(?<![a-z])(?:khong co|khong phat sinh|chua phat sinh|khong nhan duoc|chua nhan duoc|"
    r"chua co|khong xay ra|khong de xay ra)(?![a-z])"
)
_ZERO_LOOSE = regex.compile("|".join(phrase_pattern(p, loose=True) for p in (
    "khong co", "khong phat sinh", "chua phat sinh", "khong nhan duoc", "chua nhan duoc", "chua co",
    "khong xay ra", "khong de xay ra")))
_ZERO_LABEL = regex.compile(r":[ \t]*(?:khong phat sinh|khong co|khong)[ \t]*(?=[;,.\n]|$)")
_ZERO_UNITS = {"ho_so", "don", "vu_viec", "luot", "session"}
_RATE_WORDS = regex.compile(r"(?<![a-z])ty le\s+((?:[a-z]+\s+){0,6}?[a-z]+)\s+(?:dat|la|chiem|:)?\s*$")
# "02 (hai)", "10 (mười)": the number spelled out after it, in brackets
_SPELLED = regex.compile(r"[ \t]*\([ \t]*([a-z]+(?:[ \t]+[a-z]+){0,4})[ \t]*\)")
_SPELL_WORDS = {"khong", "mot", "hai", "ba", "bon", "tu", "nam", "lam", "sau", "bay", "tam", "chin", "muoi",
                "tram", "nghin", "ngan", "linh", "le", "trieu"}
# a range: "từ 150 đến 200 hồ sơ", "150 - 200 hồ sơ", "khoảng 150-200"
_RANGE_BEFORE = regex.compile(r"(?<![a-z\d])\d[\d.,]*[ \t]*(?:-|\u2013|den|toi)[ \t]*$")
_RANGE_AFTER = regex.compile(r"[ \t]*(?:-|\u2013|den|toi)[ \t]*\d")
_RATE_STOP = {"dat", "la", "chiem", "tren", "cua", "trong", "nam", "thang", "tai", "o", "theo", "voi"}


def _rates_by_part() -> dict:
    out = {}
    for m in metric_by_name().values():
        if m.kind == "rate" and m.part and m.part not in out:
            out[m.part] = m
    return out


_RATE_BY_PART = _rates_by_part()


@dataclass
class _Ctx:
    text: str
    base: str
    nv: str
    cv: str
    stripped: bool
    quality: str
    loose: bool
    chooser: Chooser
    clauses: Clauses
    scoper: Scoper
    blocked: list       # sorted (start, end) spans not to read figures from
    out: list


def _overlaps(spans: list, starts: list, s: int, e: int) -> bool:
    i = bisect.bisect_right(starts, e) - 1
    while i >= 0 and spans[i][1] > s - 200:
        if spans[i][0] < e and s < spans[i][1]:
            return True
        i -= 1
    return False


def _unit_at(ctx: _Ctx, pos: int) -> tuple[Optional[UnitDef], int, int]:
    rx, by_group = unit_regex(ctx.loose)
    m = rx.match(ctx.cv, pos)
    if not m or m.lastgroup not in by_group:
        return None, pos, pos
    return by_group[m.lastgroup], m.start(m.lastgroup), m.end(m.lastgroup)


def _conf(ctx: _Ctx, metric: str, base: float, tok: Optional[NumToken] = None, label: bool = False) -> float:
    c = base
    if ctx.quality == "stripped":
        c -= 0.15
    elif ctx.quality == "damaged":
        c -= 0.2
    if tok is not None and tok.ocr_fixed:
        c -= 0.15
    if label:
        c -= 0.1
    if metric.startswith("other:"):
        c -= 0.1
    return round(max(0.1, min(1.0, c)), 2)


def _emit(ctx: _Ctx, metric: str, value: float, s: int, e: int, unit: Optional[str],
          conf: float, scope_pos: Optional[int] = None):
    s = max(0, min(s, len(ctx.text)))
    e = max(s, min(e, len(ctx.text)))
    # trim whitespace at the edges of the raw span
    while s < e and ctx.text[s].isspace():
        s += 1
    while e > s and ctx.text[e - 1].isspace():
        e -= 1
    scope = ctx.scoper.scope(scope_pos if scope_pos is not None else s)
    ctx.out.append(Statistic(metric=metric, value=float(value), raw=ctx.text[s:e], start=s, end=e,
                             unit=unit, scope=scope, confidence=conf))


def _other_name(base_metric: str, suffix: str) -> str:
    name = base_metric.split(":", 1)[1] if base_metric.startswith("other:") else base_metric
    return f"other:{name}_{suffix}"


def _generic_rate_name(ctx: _Ctx, L: int, num_start: int) -> Optional[str]:
    seg = ctx.cv[L:num_start]
    m = _RATE_WORDS.search(seg)
    if not m:
        return None
    words = []
    for w in m.group(1).split():
        if w in _RATE_STOP or not w.isalpha():
            break
        words.append(w)
    if not words:
        return None
    return "other:ty_le_" + "_".join(words[:5])


def _cue_right_before(ctx: _Ctx, s: int) -> bool:
    """A cue that ends right before a bare number labels it, as a colon would:
    "trong đó trước hạn 905, đúng hạn 290, quá hạn 3", "(khiếu nại 12, tố cáo 4)"
    (only blanks between them; the number is then followed by a clause mark)."""
    return any(not ctx.cv[h.end:s].strip(" \t") and h.m.kind == "count" and "none" in h.m.units
               for h in ctx.chooser.left_hits(max(0, s - 60), s))


_RATE_AFTER_COUNT = regex.compile(r",[ \t]*(?:dat|chiem|bang)[ \t]*$")


def _rate_of_previous(ctx: _Ctx, L: int, s: int) -> Optional[Choice]:
    """A rate whose clause names nothing, right after a count (``trực tuyến 1.020 hồ sơ,
    đạt 81,9%``), is the share of that count when the vocabulary has a rate whose
    ``part`` is the count's metric; else None."""
    if not _RATE_AFTER_COUNT.search(ctx.cv, max(0, L - 1), s) or not ctx.out:
        return None
    prev = ctx.out[-1]
    if prev.end < L - 2 or prev.end > L or prev.unit is None:
        return None
    rate = _RATE_BY_PART.get(prev.metric)
    return Choice(rate, None, "left") if rate is not None else None


def _figure_span_start(choice: Optional[Choice], L: int, num_start: int) -> int:
    if choice and choice.side == "left" and choice.hit and choice.hit.start >= L - 60:
        return min(choice.hit.start, num_start)
    return num_start


def _process_number(ctx: _Ctx, tok: NumToken, consumed: set) -> None:
    nv, cv = ctx.nv, ctx.cv
    s, e = tok.start, tok.end
    # ---- fraction right after the number: a/b
    den = None
    fm = None if tok.is_word else _SLASH_NUM.match(nv, e)
    if fm:
        dv = parse_vn_number(fm.group(1))
        if dv is None:
            return
        den = (fm.start(1), fm.end(1), dv)
        consumed.add(fm.start(1))
        after = fm.end()
    else:
        after = e
        sm = None if tok.is_word else _SPELLED.match(nv, e)
        if sm is not None and all(w in _SPELL_WORDS for w in sm.group(1).split()):
            after = sm.end()          # "02 (hai) đơn": the words repeat the number
    if _RANGE_BEFORE.search(nv, max(0, s - 30), s) or (not tok.is_word and _RANGE_AFTER.match(nv, after)):
        return                        # "từ 150 đến 200 hồ sơ": a range, not a reported figure
    unit, us, ue = _unit_at(ctx, after)
    if unit is not None and unit.key == "block":
        return
    if tok.is_word and (unit is None or unit.key in ("pct", "diem")):
        return
    if looks_like_year(tok) and den is None and (unit is None or unit.key in ("pct", "diem", "ngay")):
        return
    if looks_like_year(tok) and _NAM_BEFORE.search(cv, max(0, s - 8), s):
        return
    if blocked_by_preceding_word(cv, s):
        return
    kind = "rate" if unit is not None and unit.key == "pct" else "score" if unit is not None and unit.key == "diem" else "count"
    if den is not None and unit is None:
        return  # a bare a/b: a ratio, a date or a map scale — not a figure we can name
    label_ok = False
    if unit is None:
        if not (_LABEL_BEFORE.search(cv, max(0, s - 12), s) or _cue_right_before(ctx, s)) \
                or not _LABEL_AFTER.match(cv, e):
            return
        label_ok = True
    unit_key = unit.key if unit else None
    np_start = us if unit else e
    np_end = _np_end(cv, ue, ctx.chooser.hit_starts) if unit else e
    L = ctx.clauses.clause_start(s)
    # ---- "tiếp nhận và giải quyết 01 phản ánh/01 vụ việc"
    dual = None
    for dm in _DUAL.finditer(cv, max(L - 40, 0), s):
        if s - dm.end() <= 25:
            dual = dm
    choice = ctx.chooser.choose(s, np_start, np_end, kind, unit_key, label_ok)
    if dual is not None and kind == "count" and unit_key == "ho_so":
        choice = Choice(metric_by_name()["dossiers_received"], None, "left")   # received (and processed)
    elif dual is not None and kind == "count" and unit_key in ("don", "vu_viec", "phan_anh"):
        # received by kind (the unit or the noun phrase may name it), resolved as well
        right_types = [h for h in ctx.chooser.right_hits(np_start, np_end)
                       if h.m.group == "type" and _compatible(h.m, kind, unit_key, label_ok)]
        recv = right_types[0].m if len(right_types) == 1 else metric_by_name()["petitions_received"]
        choice = Choice(recv, None, "left")
    metric = choice.m.metric if choice else None
    if metric is None and kind == "rate":
        choice = _rate_of_previous(ctx, L, s)
        metric = choice.m.metric if choice else _generic_rate_name(ctx, L, s)
    if metric is None:
        return
    span_start = _figure_span_start(choice, L, s) if not dual else min(dual.start(), s)
    span_end = max(ue if unit else e, choice.hit.end if (choice and choice.side == "right" and choice.hit) else 0)
    unit_disp = unit.unit if unit else None
    conf = _conf(ctx, metric, 0.9, tok, label_ok)
    mdef = choice.m if choice else None
    if kind == "score":
        _emit(ctx, metric, tok.value, span_start, span_end, unit_disp, conf)
        return
    if den is not None:
        _emit(ctx, metric, tok.value, span_start, span_end, unit_disp, conf)
        whole = (mdef.whole if mdef and mdef.whole and mdef.kind == "count" else None) or _other_name(metric, "total")
        _emit(ctx, whole, den[2], s, ue, unit_disp, _conf(ctx, whole, 0.9, tok), scope_pos=s)
        return
    _emit(ctx, metric, tok.value, span_start, span_end, unit_disp, conf)
    if kind == "rate":
        _rate_paren(ctx, mdef, metric, ue, consumed)
        return
    # ---- a second count with another unit: "31 đơn/31 vụ việc", "11 lượt/11 người"
    pm = _SLASH_NUM.match(nv, ue)
    if pm:
        v2 = parse_vn_number(pm.group(1))
        u2, _, u2e = _unit_at(ctx, pm.end())
        if v2 is not None and u2 is not None and u2.key != "block":
            consumed.add(pm.start(1))
            if u2.key == unit_key:
                whole = (mdef.whole if mdef and mdef.whole and mdef.kind == "count" else None) or _other_name(metric, "total")
                _emit(ctx, whole, v2, pm.start(1), u2e, u2.unit, _conf(ctx, whole, 0.9), scope_pos=s)
            elif dual is not None:
                _emit(ctx, "petitions_resolved", v2, pm.start(1), u2e, u2.unit,
                      _conf(ctx, "petitions_resolved", 0.9), scope_pos=s)
            else:
                name = _other_name(metric, u2.en)
                _emit(ctx, name, v2, pm.start(1), u2e, u2.unit, _conf(ctx, name, 0.9), scope_pos=s)
    elif dual is not None and metric != "petitions_resolved" and unit_key in ("don", "vu_viec", "phan_anh"):
        _emit(ctx, "petitions_resolved", tok.value, span_start, span_end, unit_disp, conf)


_RATE_PAREN = regex.compile(
    r"[ \t]*\n?[ \t]*\((?P<a>" + _NUMRX + r")[ \t]*(?P<ua>[^\d/()\n]{0,14}?)[ \t]*/[ \t]*(?P<b>" + _NUMRX
    + r")[ \t]*(?P<ub>[^\d/()\n]{0,14}?)[ \t]*\)"
)


def _rate_paren(ctx: _Ctx, mdef: Optional[MetricDef], metric: str, pos: int, consumed: set) -> None:
    """`98,61% (990/1004 hồ sơ)`: the count and the total behind a rate."""
    m = _RATE_PAREN.match(ctx.nv, pos)
    if not m:
        return
    a, b = parse_vn_number(m.group("a")), parse_vn_number(m.group("b"))
    if a is None or b is None or a > b:
        return
    part = mdef.part if mdef and mdef.part else _other_name(metric, "count")
    whole = mdef.whole if mdef and mdef.whole else _other_name(metric, "total")
    ub_unit, _, _ = _unit_at(ctx, m.end("b"))
    ua_unit, _, _ = _unit_at(ctx, m.end("a"))
    unit = (ub_unit or ua_unit).unit if (ub_unit or ua_unit) else None
    consumed.add(m.start("a"))
    consumed.add(m.start("b"))
    end_b = m.end("ub") if m.group("ub").strip() else m.end("b")
    _emit(ctx, part, a, m.start("a"), end_b, unit, _conf(ctx, part, 0.85), scope_pos=pos)
    _emit(ctx, whole, b, m.start("a"), end_b, unit, _conf(ctx, whole, 0.85), scope_pos=pos)


def _zero_figures(ctx: _Ctx) -> None:
    cv = ctx.cv
    for zm in (_ZERO_LOOSE if ctx.loose else _ZERO).finditer(cv):
        unit, us, ue = _unit_at(ctx, zm.end())
        if unit is None or unit.key not in _ZERO_UNITS:
            continue
        if _overlaps(ctx.blocked, ctx._bstarts, zm.start(), ue):
            continue
        nao = _NAO.match(cv, ue, ue + 8)
        np_end = _np_end(cv, ue + (nao.end() if nao else 0), ctx.chooser.hit_starts)
        hits = [h for h in ctx.chooser.right_hits(us, np_end)
                if _compatible(h.m, "count", unit.key, False)]
        if not hits:
            continue
        types = [h for h in hits if h.m.group == "type"]
        others = [h for h in hits if h.m.group != "type"]
        if types and not any(h.m.family == "petition" and h.m.action != "received" for h in others):
            chosen = {h.m.metric: h for h in types}
        else:
            best = max(others, key=lambda h: (h.m.priority, -(h.start - us)))
            chosen = {best.m.metric: best}
        for metric, h in chosen.items():
            end = max(h.end, ue)
            _emit(ctx, metric, 0.0, zm.start(), end, unit.unit, _conf(ctx, metric, 0.85))
    for zm in _ZERO_LABEL.finditer(cv):
        if _overlaps(ctx.blocked, ctx._bstarts, zm.start(), zm.end()):
            continue
        choice = ctx.chooser.choose(zm.start(), zm.end(), zm.end(), "count", None, True)
        if choice is None or choice.hit is None or zm.start() - choice.hit.end > 3:
            continue
        _emit(ctx, choice.m.metric, 0.0, choice.hit.start, zm.end(), None,
              _conf(ctx, choice.m.metric, 0.85, label=True))


def _extract(text: str) -> list[Statistic]:
    if not text or not text.strip():
        return []
    base, nv, cv = views(text)
    quality = text_quality(text)
    stripped = quality != "full"
    table_stats, covered = stat_tables.extract_table_statistics(text, views=(base, nv, cv), stripped=stripped)
    clauses = Clauses(cv, text, tuple(covered))
    hits = [h for h in _cue_hits(cv, quality == "damaged") if not any(a <= h.start < b for a, b in covered)]
    ctx = _Ctx(text, base, nv, cv, stripped, quality, quality == "damaged", Chooser(hits, clauses, cv), clauses,
               Scoper(text, base, clauses), [], [])
    blocked = sorted([(s, e) for s, e, _ in exclusion_spans(nv)] + list(covered))
    ctx.blocked = blocked
    ctx._bstarts = [b[0] for b in blocked]
    consumed: set = set()
    for tok in find_numbers(nv, original=text):
        if tok.start in consumed:
            continue
        if _overlaps(blocked, ctx._bstarts, tok.start, tok.end):
            continue
        _process_number(ctx, tok, consumed)
    _zero_figures(ctx)
    out = table_stats + [st for st in ctx.out]
    # drop duplicates (same span, metric and value)
    seen = set()
    uniq = []
    for st in out:
        k = (st.start, st.end, st.metric, st.value)
        if k in seen:
            continue
        seen.add(k)
        uniq.append(st)
    uniq.sort(key=lambda st: (st.start, st.metric))
    return uniq


def extract_statistics(text: str) -> list[Statistic]:
    """Reported figures of a normalised report text, sorted by (start, metric).

    Errors are not caught here: the extract stage's one guard
    (``baocao.pipeline.stages.extract.run_extractors``) turns them into a
    warning and a review reason on the document.
    """
    return _extract(text if isinstance(text, str) else "")
