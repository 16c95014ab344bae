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
