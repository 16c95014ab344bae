"""Loader for the statistics vocabulary (``data/metrics.tsv``, ``data/metrics_units.tsv``).

The domain knowledge — which words announce which metric, which units a
metric may carry, how dossier-table columns are labelled — lives in the two
TSV files; this module only reads them once and compiles the phrases into
regular expressions over the *matching view* of the text (folded, lower-case;
see :func:`extractors.statistics.views`).

Cue syntax (metrics.tsv ``cues``): words separated by spaces match across any
whitespace, line breaks included, or none (OCR drops spaces); ``...`` stands
for up to four words in between.  On OCR-damaged text (``loose=True``)
vowels and look-alike letters are matched loosely in phrases of two words or
more (or one word of four letters or more).  Header syntax (``header``): ``~`` between words lets them be up to
fifteen tokens apart (multi-line table headers that OCR interleaves), and
vowels are matched loosely (``Sém`` for Sớm, ``Téng`` for Tổng).
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex

from baocao.datatables import DataTable
from baocao.normalizers.fold import fold, fold_lower  # noqa: F401  (fold_lower re-exported)

DATA = Path(__file__).resolve().parent / "data"

CORE_METRICS = frozenset({
    "dossiers_received", "dossiers_online", "dossiers_direct", "dossiers_resolved",
    "dossiers_early", "dossiers_on_time", "dossiers_late", "dossiers_pending",
    "dossiers_online_rate", "online_payment_rate", "petitions_received",
    "petitions_resolved", "complaints_received", "denunciations_received",
    "recommendations_received", "citizen_reception_turns", "dialogues_held",
})


def fold_lower_reference(s: str) -> str:
    """The character-by-character definition of :func:`fold_lower` (tests compare)."""
    out = []
    for c in fold(s):
        lc = c.lower()
        out.append(lc if len(lc) == 1 else c)
    return "".join(out)


@dataclass(frozen=True)
class UnitDef:
    unit: str            # display form
    forms: tuple         # folded spellings
    key: str             # compatibility class
    en: str              # English slug for naming pair seconds
    attached: bool


@dataclass(frozen=True)
class MetricDef:
    metric: str
    kind: str            # count | rate | score
    family: str
    action: str
    group: str           # "type" for petition kinds, else ""
    units: frozenset     # unit keys; "none" allows a bare number after a label
    priority: int
    cues: tuple          # folded phrases
    header: tuple        # folded header cues
    col: Optional[int]
    optional: Optional[int]
    part: Optional[str]
    whole: Optional[str]

    @property
    def core(self) -> bool:
        return self.metric in CORE_METRICS


def _count(cell: str) -> str:
    """A cell that is empty or a whole number (``priority``, ``col``, ``optional``)."""
    if cell.strip() and not cell.strip().isdigit():
        raise ValueError("not a whole number")
    return cell


def _flag(cell: str) -> str:
    if cell.strip() not in ("", "0", "1"):
        raise ValueError("not 0 or 1")
    return cell


UNITS_TABLE = DataTable(DATA / "metrics_units.tsv", columns=("unit", "forms", "key", "en"),
                        types={"attached": _flag})
METRICS_TABLE = DataTable(
    DATA / "metrics.tsv",
    columns=("metric", "kind", "family", "action", "group", "units", "cues", "header", "part", "whole"),
    types={"priority": _count, "col": _count, "optional": _count})


def _rows(table: DataTable):
    """The table's rows with every cell stripped."""
    for r in table.rows():
        yield {k: v.strip() for k, v in r.items()}


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _int(cell: str) -> Optional[int]:
    return int(cell) if cell.strip().isdigit() else None


@lru_cache(maxsize=1)
def units() -> tuple[UnitDef, ...]:
    out = []
    for r in _rows(UNITS_TABLE):
        forms = tuple(dict.fromkeys(fold_lower(f) for f in _split(r["forms"])))
        out.append(UnitDef(r["unit"], forms, r["key"], r["en"], r.get("attached") == "1"))
    return tuple(out)


@lru_cache(maxsize=1)
def metrics() -> tuple[MetricDef, ...]:
    out = []
    for r in _rows(METRICS_TABLE):
        out.append(MetricDef(
            metric=r["metric"], kind=r["kind"], family=r["family"], action=r["action"],
            group="" if r["group"] in ("", "-") else r["group"],
            units=frozenset(_split(r["units"])), priority=int(r["priority"] or 1),
            cues=tuple(dict.fromkeys(fold_lower(c) for c in _split(r["cues"]))),
            header=tuple(dict.fromkeys(fold_lower(c) for c in _split(r["header"]))),
            col=_int(r["col"]), optional=_int(r["optional"]),
            part=r["part"] or None, whole=r["whole"] or None,
        ))
    return tuple(out)


@lru_cache(maxsize=1)
def metric_by_name() -> dict:
    return {m.metric: m for m in metrics()}


# Loose letters for OCR-damaged text (English-mode Tesseract on Vietnamese): a
# vowel with marks comes out as another vowel or a look-alike (ồ → é, ộ → d,
# ư → y, đ → P/b, l → I/1).
_LOOSE = {
    "o": "[oe0-9d]", "a": "[ai]", "u": "[uy]", "i": "[il1]", "y": "[yv]",
    "d": "[dpb]", "e": "[e\u20ac]", "l": "[li1]",
}


def _loose_word(w: str) -> str:
    return "".join(_LOOSE.get(ch, regex.escape(ch)) for ch in w)


def _strict_word(w: str) -> str:
    # OCR reads i as 1 and the cue view reads a 1 inside a word as l
    return "".join("[il]" if ch == "i" else regex.escape(ch) for ch in w)


def _word(w: str, loose: bool) -> str:
    core = w.replace(",", "")
    pat = (_loose_word(core) if loose else _strict_word(core)) + ("," if w.endswith(",") else "")
    # a comma inside a phrase ("đơn, thư") may be written with or without spaces
    return pat.replace(",", r"\s*,")


def phrase_pattern(phrase: str, *, loose: bool = False) -> str:
    """Regex source of a cue phrase (see the module docstring for the syntax)."""
    parts = []
    for w in phrase.split():
        if w == "...":
            parts.append(r"(?:[^\s\d;.:()]{1,20}\s+){0,4}?")
            continue
        # words may also run together (a space lost by OCR or conversion)
        parts.append(_word(w, loose) + r"\s*")
    pat = "".join(parts)
    pat = pat[: -len(r"\s*")] if pat.endswith(r"\s*") else pat
    return r"(?<![a-z0-9])" + pat + r"(?![a-z0-9])"


def _loosen(phrase: str) -> bool:
    """Only phrases of two words or more, or one word of four letters or more, are
    matched loosely: short words collide (đơn/đến, hộ/hệ)."""
    words = [w for w in phrase.split() if w != "..."]
    return len(words) >= 2 or (len(words) == 1 and len(words[0]) >= 4)


@lru_cache(maxsize=2)
def cue_patterns(loose: bool = False) -> tuple:
    """(compiled regex, MetricDef, phrase) for every cue of every metric."""
    out = []
    for m in metrics():
        for c in m.cues:
            out.append((regex.compile(phrase_pattern(c, loose=loose and _loosen(c))), m, c))
    return tuple(out)


def required_literals(phrase: str, *, loose: bool = False) -> tuple[str, ...]:
    """Runs of characters every match of the phrase's pattern
    (:func:`phrase_pattern`) contains verbatim: each word's letters between the
    letters the pattern widens (``i`` → ``[il]``; on loose patterns every
    letter of ``_LOOSE``), longest first.  Empty when there is none."""
    wide = set(_LOOSE) if loose else {"i"}
    runs = []
    for w in phrase.split():
        if w == "...":
            continue
        run = ""
        for ch in w.replace(",", "") + "\0":
            if ch in wide or ch == "\0":
                if run and run not in runs:
                    runs.append(run)
                run = ""
            else:
                run += ch
    return tuple(sorted(runs, key=len, reverse=True))


@lru_cache(maxsize=2)
def cue_literals(loose: bool = False) -> tuple:
    """For each entry of :func:`cue_patterns`, its :func:`required_literals`:
    a text that lacks one of them cannot match, so the pattern need not run."""
    return tuple(required_literals(c, loose=loose and _loosen(c)) for _, _, c in cue_patterns(loose))


@dataclass(frozen=True)
class CueIndex:
    r"""Where the cues of :func:`cue_patterns` can start, so each pattern is tried only there.

    Every cue pattern starts with ``(?<![a-z0-9])`` and its words, one character
    class per letter, ``\s*`` between them.  ``patterns`` are the distinct compiled
    patterns (several metrics share a cue); ``entry`` gives each
    :func:`cue_patterns` entry its pattern.

    The words are read on a *coarse view* of the cue view in which each letter
    class of the patterns becomes one letter: strict words (``i`` → ``[il]``) on
    the view with ``l`` read as ``i``, loose words (``o`` → ``[oe0-9d]``, ...)
    on the view with every letter of the classes that share letters read as one
    (:data:`COARSE`; ``€``, which the cue view takes for a word break, reads as
    ``E``, and that letter as ``[aE]``).  There a pattern's *key* is its first
    word and its second when that is a plain word (``tiep\s*nhan``).
    ``anchor_rx`` finds, in one ``re`` pass of zero-width matches, every word start
    where some key matches (right after an ``E`` too), with the longest first word
    there as its group 1 (both as trees of letters: :func:`_longest_of`, :func:`_any_of`);
    ``by_anchor[first word]`` = (keys regex, pattern ids by group): the keys whose
    first word is a prefix of it, longest (without whitespace) first, so the
    group that matches there names the longest key that does, and every other
    key that matches is, without its whitespace, a prefix of that one (``re``'s
    ``\s`` holds every character of ``regex``'s): its group's pattern ids are
    the patterns of all of them, the only ones tried there.  ``keyed`` holds one
    (replacements making the coarse view, anchor_rx, by_anchor) per view.
    ``scan`` are the patterns with no usable first word, run over the whole view.
    """
    patterns: tuple          # distinct compiled cue patterns
    entry: tuple             # for each cue_patterns entry, its index in patterns
    keyed: tuple             # ((replacements, anchor_rx, by_anchor), ...)
    scan: tuple              # pattern ids run over the whole view


_ANCHOR_WORD = regex.compile(r"[a-z]+,?")


def _class_chars(cls: str) -> set:
    """The characters of a ``_LOOSE`` class such as ``[oe0-9d]``."""
    body = cls[1:-1]
    out, i = set(), 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            out.update(chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1))
            i += 3
        else:
            out.add(body[i])
            i += 1
    return out


def _coarse_map() -> dict:
    """Character -> one letter for the loose classes that share characters (joined)."""
    parts: list = []
    for key, cls in _LOOSE.items():
        chars = _class_chars(cls) | {key}
        joined = [p for p in parts if p & chars]
        for p in joined:
            parts.remove(p)
            chars |= p
        parts.append(chars)
    out = {}
    for p in parts:
        rep = min(c for c in p if "a" <= c <= "z")
        for c in p:
            out[c] = rep
    return out


COARSE = _coarse_map()


def _longest_of(words: list, rx) -> str:
    r"""A pattern matching the longest of ``words`` that matches at a position, as
    ``(?:w1|w2|...)`` with the longest first does, written as a tree of their
    letters (``t(?:iep|ong|r(?:a|e))``) so the engine looks at each letter once.
    ``rx(letter)`` is the letter's pattern; letters whose patterns could match the
    same character (other than the letter itself) keep the flat alternation.  At each
    node the longer words are tried before the word that ends there."""
    letters = sorted({ch for w in words for ch in w})
    pats = [re.compile(rx(ch)) for ch in letters]
    chars = {chr(c) for c in range(128)} | set(letters) | {c for ch in letters for c in rx(ch)}
    if any(sum(p.fullmatch(c) is not None for p in pats) > 1 for c in chars):
        return "(?:" + "|".join(rx(w) for w in words) + ")"
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [rx(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        return "(?:" + "|".join(alts) + ")" + ("?" if "" in node else "")
    return emit(tree)


def _any_of(seqs: list, rx) -> str:
    """A pattern that matches where one of ``seqs`` (sequences of items, ``rx(item)``
    the pattern of each) matches, as a tree of their items; which one is not said."""
    tree: dict = {}
    for seq in seqs:
        node = tree
        for item in seq:
            node = node.setdefault(item, {})
        node[None] = {}

    def emit(node: dict) -> str:
        alts = [rx(item) + emit(sub) for item, sub in sorted(node.items(), key=lambda kv: str(kv[0])) if item is not None]
        if None in node:
            alts.append("")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return emit(tree)


def _key_index(keys: dict, wide: dict):
    """(anchor_rx, by_anchor) of keys {(first word, second word or ""): pattern ids};
    ``wide`` = coarse letter -> ``re`` class it stands for in the coarse view."""
    # the keys are plain ASCII literals and classes: ``re`` reads them as ``regex`` does, faster
    def rx(w: str) -> str:
        return "".join(wide.get(ch, ch) for ch in w)

    firsts = sorted({w1 for w1, _ in keys}, key=lambda a: (-len(a), a))   # the longest at a word start
    # at a word start where a key matches (the second lookahead, a tree of the keys'
    # letters, r"\s*" between their two words): the longest first word there (group 1)
    anchor_rx = re.compile(r"(?<![a-z0-9])(?=(" + _longest_of(firsts, rx) + "))(?="
                           + _any_of([list(w1) + ([" "] + list(w2) if w2 else []) for w1, w2 in keys],
                                     lambda ch: r"\s*" if ch == " " else rx(ch)) + ")")
    by_anchor = {}
    for a in firsts:
        ks = sorted((k for k in keys if a.startswith(k[0])), key=lambda k: (-len(k[0] + k[1]), k))
        alts, groups = [], [()]
        for w1, w2 in ks:
            groups.append(tuple(sorted({pid for (v1, v2), pp in keys.items()
                                        if (w1 + w2).startswith(v1 + v2) and a.startswith(v1) for pid in pp})))
            alts.append("(" + rx(w1) + (r"\s*" + rx(w2) if w2 else "") + ")")
        by_anchor[a] = (re.compile("|".join(alts)), tuple(groups))
    return anchor_rx, by_anchor


@lru_cache(maxsize=2)
def cue_index(loose: bool = False) -> CueIndex:
    """The :class:`CueIndex` of :func:`cue_patterns` (same ``loose``)."""
    strict_read = (("l", "i"),)
    # "€" is no letter of the cue view ((?<![a-z0-9]) sees it as a word break): it
    # reads as "E", which stands for no letter of its own, and its class letter as [aE]
    coarse_read = tuple(sorted((c, "E" if c == "\u20ac" else r) for c, r in COARSE.items() if c != r))
    coarse_wide = {COARSE["\u20ac"]: "[" + COARSE["\u20ac"] + "E]"}
    pats: list = []
    ids: dict = {}
    entry = []
    keys: tuple = ({}, {})   # strict, loose: (first word, second word or "") as coarse literals -> pattern ids
    scan = []
    for rx, _, c in cue_patterns(loose):
        pid = ids.get(rx.pattern)
        entry.append(pid)
        if pid is not None:
            continue
        pid = ids[rx.pattern] = len(pats)
        entry[-1] = pid
        pats.append(rx)
        words = c.split()
        first = words[0]
        if not _ANCHOR_WORD.fullmatch(first):
            scan.append(pid)
            continue
        is_loose = loose and _loosen(c)

        def read(w: str) -> str:
            for a, b in (coarse_read if is_loose else strict_read):
                w = w.replace(a, b)
            return w
        w2 = ""
        if len(words) > 1 and not first.endswith(",") and _ANCHOR_WORD.fullmatch(words[1]):
            w2 = read(words[1].rstrip(","))
        keys[is_loose].setdefault((read(first.rstrip(",")), w2), []).append(pid)
    keyed = tuple((reads,) + _key_index(k, wide)
                  for reads, wide, k in ((strict_read, {}, keys[0]), (coarse_read, coarse_wide, keys[1])) if k)
    return CueIndex(tuple(pats), tuple(entry), keyed, tuple(scan))


def header_pattern(cue: str) -> str:
    """Pattern of a header cue: loose vowels, `~` = up to fifteen tokens apart."""
    chunks = []
    for chunk in cue.split("~"):
        words = [_loose_word(w) for w in chunk.split()]
        chunks.append(r"\s+".join(words))
    body = r"(?:\s+\S+){0,15}?\s+".join(chunks)
    return r"(?<![a-z0-9])" + body + r"(?![a-z0-9])"


@lru_cache(maxsize=1)
def header_patterns() -> tuple:
    out = []
    for m in metrics():
        if m.col is None:
            continue
        for h in m.header:
            out.append((regex.compile(header_pattern(h)), m, h))
    return tuple(out)


@lru_cache(maxsize=2)
def unit_regex(loose: bool = False):
    """(regex, units by group name): the regex matches a unit at a position (after
    optional whitespace, up to two line breaks); the matching group's name gives the unit."""
    forms = []
    for u in units():
        for f in u.forms:
            forms.append((f, u))
    forms.sort(key=lambda x: -len(x[0]))
    alts = []
    by_group = {}
    for i, (f, u) in enumerate(forms):
        g = f"u{i}"
        by_group[g] = u
        if f == "%":
            alts.append(f"(?P<{g}>%)")
            continue
        words = [_word(w, loose and _loosen(f)) for w in f.split()]
        alts.append(f"(?P<{g}>" + r"\s*".join(words) + r")(?![a-z0-9])")
    pat = r"[ \t]*(?:\n[ \t]*){0,2}(?:" + "|".join(alts) + ")"
    return regex.compile(pat), by_group
