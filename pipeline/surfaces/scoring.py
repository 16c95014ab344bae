"""Score a run's tables against hand-checked gold annotations.

The project's own scorer, for the tests and for evaluations: the same
matching rules as the shared evaluation (``../shared/eval/score.py``), written
here so that nothing outside the repository is needed to check a build.

A gold annotation is one JSON file per report (``tests/data/gold/`` holds two):
``document`` (header fields), ``citations`` (``key``, ``kind``, ``date``),
``named_laws`` (``name``, ``key`` when the law's number is certain),
``dates`` (ISO days), ``statistics`` (``metric``, ``value``) and optionally
``document_handwritten`` (header parts written by hand: ``number``, ``day``).

Matching rules:

* an output document belongs to the gold file whose stem begins its file
  name; its *variant* comes from the suffix (``.ascii.txt`` ascii,
  ``.scan.pdf`` scan, ``.pdf`` pdf, images image, ``.docx`` docx, else txt);
* citations are compared as sets of keys after :func:`norm_key`; the gold
  set is the numbered citations plus the named laws whose number the gold
  knows; an output law-by-name whose title names a law the gold cannot
  number is left out of the comparison (neither right nor wrong);
* dates are compared as sets of ISO days (month-only dates are not scored);
* statistics as sets of ``(metric, value rounded to 4 places)`` over the
  core metrics (:data:`CORE_METRICS`);
* header ``doc_type``/``doc_number``/``issue_date`` exactly (numbers after
  :func:`norm_key`), with a "printed" accuracy that accepts the printed part
  where the gold says the number or the day was handwritten; ``issuer``,
  ``location`` and ``signer`` after :func:`norm_name`, an issuer matching
  when one contains the other ("Chủ tịch UBND tỉnh X" ~ "UBND tỉnh X");
* precision, recall and F1 of an empty side count as 1.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

#: The metrics the gold annotates (the statistics vocabulary's core), one list for
#: the extractor and the scorer.
from baocao.extractors.metrics_vocab import CORE_METRICS  # noqa: E402

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_BLANKS = re.compile(r"\s+")
_LEADING_ZEROS = re.compile(r"^0+(?=\d)")
_PARENS = re.compile(r"\([^)]*\)")
_ABBREVIATIONS = (
    (re.compile(r"\bubnd\b"), "ủy ban nhân dân"),
    (re.compile(r"\bhđnd\b"), "hội đồng nhân dân"),
    (re.compile(r"\btp\.\s*"), "thành phố "),
    (re.compile("uỷ"), "ủy"),
    (re.compile(r"\bhoà\b"), "hòa"),
)
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_HEADER_EXACT = ("doc_type", "doc_number", "issue_date")
_HEADER_NAMES = ("issuer", "location", "signer")


def is_missing(value) -> bool:
    """None, a float NaN, or pandas' NA / NaT (nullable columns hold those)."""
    if value is None or isinstance(value, str):
        return value is None
    if isinstance(value, float):
        return math.isnan(value)
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is a dependency
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def norm_key(key) -> str | None:
    """A citation key or document number in comparable form: NFC, any dash as
    ``-``, no blanks, upper case (``QĐi`` keeps its small ``i``), ``NĐCP`` as
    ``NĐ-CP``, no leading zeros."""
    if is_missing(key):
        return None
    k = unicodedata.normalize("NFC", str(key)).translate(_DASHES)
    k = _BLANKS.sub("", k).upper().replace("QĐI", "QĐi").replace("NĐCP", "NĐ-CP")
    return _LEADING_ZEROS.sub("", k)


def norm_str(value) -> str | None:
    """NFC and trimmed; empty is None."""
    if is_missing(value):
        return None
    return unicodedata.normalize("NFC", str(value)).strip() or None


def norm_name(value) -> str | None:
    """An issuer, place or signer for comparison: :func:`norm_str`, lower case,
    parentheses dropped, usual abbreviations expanded (UBND, HĐND, TP.), blanks
    collapsed.  Tone marks are kept: a lost mark is an error."""
    s = norm_str(value)
    if s is None:
        return None
    s = _PARENS.sub(" ", s.lower())
    for pattern, replacement in _ABBREVIATIONS:
        s = pattern.sub(replacement, s)
    return " ".join(s.split()) or None


def fold_title(value) -> str:
    """A law's title without tone marks, lower case, blanks collapsed."""
    s = unicodedata.normalize("NFD", str(value).replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(c for c in s if not unicodedata.combining(c)).lower().split())


def same_name(field: str, gold: str | None, got: str | None) -> bool:
    """Normalised names agree (an issuer may contain the other)."""
    if gold is None or got is None:
        return gold == got
    return gold == got or (field == "issuer" and (gold in got or got in gold))


def variant_of(file_name: str) -> str:
    """The input variant a file name stands for (see the module docstring)."""
    n = file_name.lower()
    if n.endswith(".ascii.txt"):
        return "ascii"
    if n.endswith(".scan.pdf"):
        return "scan"
    if n.endswith(".pdf"):
        return "pdf"
    if n.endswith(_IMAGE_SUFFIXES):
        return "image"
    if n.endswith(".docx"):
        return "docx"
    return "txt"


@dataclass
class Counts:
    """True positives, false positives, false negatives of one comparison."""
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, got: set, gold: set) -> None:
        self.tp += len(got & gold)
        self.fp += len(got - gold)
        self.fn += len(gold - got)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"p": round(self.precision, 4), "r": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


def f1(got: set, gold: set) -> float:
    """F1 of two sets (an empty side scores precision or recall 1)."""
    c = Counts()
    c.add(set(got), set(gold))
    return c.f1


def gold_citation_keys(gold: dict) -> set:
    """The keys a document's output should hold: numbered citations and the
    named laws whose number the gold knows."""
    keys = {norm_key(c["key"]) for c in gold["citations"]}
    keys |= {norm_key(law["key"]) for law in gold.get("named_laws", []) if law.get("key")}
    return keys


def gold_statistics(gold: dict) -> set:
    """``(metric, value)`` pairs of the core metrics in a gold annotation."""
    return {(s["metric"], round(float(s["value"]), 4)) for s in gold["statistics"]
            if s["metric"] in CORE_METRICS}


def output_citation_keys(rows, gold: dict) -> set:
    """Normalised keys of a document's citation rows (dicts with ``key`` and
    ``title``), without the laws by name the gold cannot number."""
    unnumbered = [fold_title(law["name"]) for law in gold.get("named_laws", []) if not law.get("key")]
    gold_keys = gold_citation_keys(gold)
    keys = set()
    for row in rows:
        k = norm_key(row.get("key"))
        if k is None:
            continue
        title = row.get("title")
        if k not in gold_keys and not is_missing(title):
            t = fold_title(title)
            if any(t.startswith(u) or u.startswith(t) for u in unnumbered):
                continue
        keys.add(k)
    return keys


def load_gold(gold_dir) -> dict[str, dict]:
    """Gold annotations by file stem."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(gold_dir).glob("*.json"))}


def _records(df) -> list[dict]:
    return df.to_dict("records")


def score_tables(golds: dict[str, dict], tables: dict) -> dict[str, dict]:
    """Scores per variant of ``tables`` (DataFrames ``documents``, ``citations``,
    ``dates``, ``statistics``) against ``golds`` (by stem)."""
    docs = tables["documents"]
    by_variant: dict[str, list[tuple[str, dict]]] = defaultdict(list)
    for row in _records(docs):
        name = Path(str(row["source_path"])).name
        for stem in golds:
            if name.startswith(stem):
                by_variant[variant_of(name)].append((stem, row))
    per_doc = {name: defaultdict(list) for name in ("citations", "dates", "statistics")}
    for name in per_doc:
        for row in _records(tables[name]):
            per_doc[name][row["doc_id"]].append(row)

    out = {}
    for variant in sorted(by_variant):
        counts = {name: Counts() for name in ("citations", "dates", "statistics")}
        errors: dict[str, list] = defaultdict(list)
        exact = printed = names = 0
        pairs = by_variant[variant]
        for stem, doc in pairs:
            g = golds[stem]
            doc_id = doc["doc_id"]
            compared = {
                "citations": (output_citation_keys(per_doc["citations"][doc_id], g), gold_citation_keys(g)),
                "dates": ({d["date"][:10] for d in per_doc["dates"][doc_id]
                           if isinstance(d["date"], str) and len(d["date"]) >= 10}, set(g["dates"])),
                "statistics": ({(s["metric"], round(float(s["value"]), 4)) for s in per_doc["statistics"][doc_id]
                                if s["metric"] in CORE_METRICS and not is_missing(s["value"])},
                               gold_statistics(g)),
            }
            for name, (got, want) in compared.items():
                counts[name].add(got, want)
                errors[f"{name}_fn"] += sorted(map(str, want - got))
                errors[f"{name}_fp"] += sorted(map(str, got - want))
            handwritten = g.get("document_handwritten", [])
            for f in _HEADER_EXACT:
                norm = norm_key if f == "doc_number" else norm_str
                want, got = norm(g["document"].get(f)), norm(doc.get(f))
                exact += want == got
                printed_part = want
                if want and f == "doc_number" and "number" in handwritten:
                    printed_part = _LEADING_DIGITS.sub("", want)
                if want and f == "issue_date" and "day" in handwritten:
                    printed_part = want[:7]
                printed += got in (want, printed_part)
                if want != got:
                    errors["meta"].append(f"{stem}:{f}: gold={want} got={got}")
            for f in _HEADER_NAMES:
                want, got = norm_name(g["document"].get(f)), norm_name(doc.get(f))
                ok = same_name(f, want, got)
                names += ok
                if not ok:
                    errors["meta_ext"].append(f"{stem}:{f}: gold={want} got={got}")
        res = {name: c.as_dict() for name, c in counts.items()}
        n_exact, n_names = len(pairs) * len(_HEADER_EXACT), len(pairs) * len(_HEADER_NAMES)
        res["meta_acc"] = round(exact / n_exact, 4) if n_exact else None
        res["meta_ext_acc"] = round(names / n_names, 4) if n_names else None
        res["meta_printed_acc"] = round(printed / n_exact, 4) if n_exact else None
        res["n_docs"] = len(pairs)
        res["errors"] = {k: v for k, v in errors.items() if v}
        out[variant] = res
    return out


_LEADING_DIGITS = re.compile(r"^[0-9]+")


def score(gold_dir, processed) -> dict[str, dict]:
    """Scores per variant of the run output in ``processed`` against the gold
    annotations in ``gold_dir``."""
    import pandas as pd

    p = Path(processed)
    tables = {n: pd.read_parquet(p / f"{n}.parquet") for n in ("documents", "citations", "dates", "statistics")}
    return score_tables(load_gold(gold_dir), tables)


def format_scores(scores: dict[str, dict]) -> str:
    """One line per variant: header accuracies and P/R/F1 of each table."""
    lines = []
    for variant, r in scores.items():
        parts = [f"{variant:6s} docs={r['n_docs']} meta_acc={r['meta_acc']} printed={r['meta_printed_acc']} "
                 f"meta_ext_acc={r['meta_ext_acc']}"]
        for name in ("citations", "dates", "statistics"):
            parts.append(f"{name}: P={r[name]['p']:.3f} R={r[name]['r']:.3f} F1={r[name]['f1']:.3f}")
        lines.append(" ".join(parts))
    return "\n".join(lines)
