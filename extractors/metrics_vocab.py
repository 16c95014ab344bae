"""Loader for the statistics vocabulary (``data/metrics.tsv``, ``data/metrics_units.tsv``).

The domain knowledge — which words announce which metric, which units a
metric may carry, how dossier-table columns are labelled — lives in the two
TSV files; this module only reads them once and compiles the phrases into
regular expressions over the *matching view* of the text (folded, lower-case;
see :func:`extractors.statistics.views`).

Cue syntax (metrics.tsv ``cues``): words separated by spaces match across any
whitespace, line breaks included; ``...`` stands for up to four words in
between.  Header syntax (``header``): ``~`` between words lets them be up to
fifteen tokens apart (multi-line table headers that OCR interleaves), and
vowels are matched loosely (``Sém`` for Sớm, ``Téng`` for Tổng).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex

from normalizers.fold import fold

DATA = Path(__file__).resolve().parent / "data"

CORE_METRICS = frozenset({
    "dossiers_received", "dossiers_online", "dossiers_direct", "dossiers_resolved",
    "dossiers_early", "dossiers_on_time", "dossiers_late", "dossiers_pending",
    "dossiers_online_rate", "online_payment_rate", "petitions_received",
    "petitions_resolved", "complaints_received", "denunciations_received",
    "recommendations_received", "citizen_reception_turns", "dialogues_held",
})


def fold_lower(s: str) -> str:
    """Folded, lower-cased, same length (characters whose lower case is longer stay as they are)."""
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


def _rows(path: Path):
    header = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        cells += [""] * (len(header) - len(cells))
        yield dict(zip(header, (c.strip() for c in cells)))


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split("|") if x.strip()]


def _int(cell: str) -> Optional[int]:
    return int(cell) if cell.strip().isdigit() else None


@lru_cache(maxsize=1)
def units() -> tuple[UnitDef, ...]:
    out = []
    for r in _rows(DATA / "metrics_units.tsv"):
        forms = tuple(dict.fromkeys(fold_lower(f) for f in _split(r["forms"])))
        out.append(UnitDef(r["unit"], forms, r["key"], r["en"], r.get("attached") == "1"))
    return tuple(out)


@lru_cache(maxsize=1)
def metrics() -> tuple[MetricDef, ...]:
    out = []
    for r in _rows(DATA / "metrics.tsv"):
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


def _phrase_pattern(phrase: str) -> str:
    parts = []
    for w in phrase.split():
        if w == "...":
            parts.append(r"(?:[^\s\d;.:()]{1,20}\s+){0,4}?")
            continue
        # a comma inside a phrase ("đơn, thư") may be written with or without spaces
        w = regex.escape(w).replace(",", r"\s*,")
        parts.append(w + r"\s+")
    pat = "".join(parts)
    pat = pat[: -len(r"\s+")] if pat.endswith(r"\s+") else pat
    return r"(?<![a-z0-9])" + pat + r"(?![a-z0-9])"


@lru_cache(maxsize=1)
def cue_patterns() -> tuple:
    """(compiled regex, MetricDef, phrase) for every cue of every metric."""
    out = []
    for m in metrics():
        for c in m.cues:
            out.append((regex.compile(_phrase_pattern(c)), m, c))
    return tuple(out)


_LOOSE = {
    "o": "[oe0-9]", "a": "[ai]", "u": "[uy]", "i": "[il1]", "y": "[yv]",
    "d": "[dpb]", "e": "[e]",
}


def _loose_word(w: str) -> str:
    return "".join(_LOOSE.get(ch, regex.escape(ch)) for ch in w)


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


@lru_cache(maxsize=1)
def unit_regex():
    """Regex matching a unit at a position (after optional whitespace); group `u` = the form."""
    forms = []
    for u in units():
        for f in u.forms:
            forms.append((f, u))
    forms.sort(key=lambda x: -len(x[0]))
    alts = []
    for f, _ in forms:
        if f == "%":
            alts.append("%")
            continue
        words = [regex.escape(w).replace(",", r"\s*,") for w in f.split()]
        alts.append(r"\s+".join(words) + r"(?![a-z0-9])")
    pat = r"[ \t]*(?:\n[ \t]*){0,2}(?P<u>" + "|".join(alts) + ")"
    lookup = {}
    for f, u in forms:
        lookup.setdefault(regex.sub(r"\s+", " ", f.replace(" ,", ",")), u)
    return regex.compile(pat), lookup


def unit_of_form(matched: str) -> Optional[UnitDef]:
    _, lookup = unit_regex()
    key = regex.sub(r"\s+", " ", matched).replace(" ,", ",")
    u = lookup.get(key)
    if u is None:
        key2 = regex.sub(r"\s*,\s*", ", ", key)
        u = lookup.get(key2)
    return u
