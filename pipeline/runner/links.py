"""Links between the archive's documents: which citation names a document
the archive holds.  Needs the whole archive, so it runs in ``_assemble``:

1. ``ArchiveLinks.collect(entries, cache, transient)`` reads every cached
   result once for its own number and date (``documents.doc_number``,
   ``issue_date``) and its citations' keys and dates, and decides every link;
2. ``fill(doc, rows)``, while the tables are written, sets
   ``citations.cited_doc_id``, ``documents.cited_by`` and adds the document's
   ``links`` rows.

When a citation links (``cited_doc_id``), all of:

* its ``key`` equals a document's own number (both canonical; a blank number
  such as ``/BC-UBND`` names no document);
* the document is not the citing one, and was not issued after the citing
  document (a report cannot cite a later one; compared on what both dates
  give, day or month);
* the dates agree: when the citation states the cited document's date, the
  document's ``issue_date`` is that date (or its month when the document
  leaves its day blank); when it states none, a year in the key
  (``59/2023/NĐ-CP``) must be the document's year;
* exactly one document is left.  Local numbers repeat every year and across
  bodies (``04/BC-UBND``): when several remain, the citation does not link
  and its ``links`` row says why (``basis``); never a guess.

The archive teaches the law registry: a law's name printed with its number in
any document ("Luật Lưu trữ số 33/2024/QH15": a ``full`` citation with a
``title``) resolves the mentions of that name alone in the run's documents
(``form='named'``, ``key`` None) — ``key`` from that pair, ``resolved_by =
'archive'``, ``learned_from`` = the document it was learned from (the first by
doc_id), ``confidence`` 0.6.  A year printed with the mention must be the
number's year, a citing document cannot cite a law numbered after its own year,
and names printed with two different numbers resolve nothing.

``links`` has one row per (citing document, cited key, cited document): ``doc_id``,
``key``, ``cited_doc_id`` (null when the archive does not hold it), ``kind``,
``mentions``, ``first_page``, ``basis`` (``number and date``, ``number and
year``, ``number only``, or why it did not link).  ``cited_by`` counts the
distinct documents of the archive whose citations link to the document.
Duplicate files share one doc_id: the index and the counts use doc_ids.
"""
from __future__ import annotations

import pickle
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Optional

from baocao.extractors.laws import NUMBER_RE, fold_name
from baocao.pipeline.runner.cache import result_key

_YEAR = re.compile(r"/((?:19|20)\d\d)/")
_PRINTED_YEAR = re.compile(r"((?:19|20)\d\d)\D{0,2}$")
ARCHIVE_CONF = 0.6
_LAW_KINDS = ("Luật", "Bộ luật", "Pháp lệnh")



@dataclass
class _Own:
    doc_id: str
    date: Optional[str]


def _agree(a: Optional[str], b: Optional[str]) -> bool:
    """Two ISO dates (``YYYY-MM-DD`` or ``YYYY-MM``) agree on what both give."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def _after(a: Optional[str], b: Optional[str]) -> bool:
    """``a`` is later than ``b`` on what both dates give."""
    if not a or not b:
        return False
    n = min(len(a), len(b))
    return a[:n] > b[:n]


def link_summary(result: dict) -> tuple:
    """What pass 1 reads of a result: (own number, issue date, the citations'
    (key, date) pairs, (folded law name, number) of each law printed with its
    number): the scheduler keeps it (:func:`packed_summary`) for each result it caches."""
    document, citations = result["document"], result.get("citations") or []
    pairs = list(dict.fromkeys((c.get("key"), c.get("date")) for c in citations if c.get("key")))
    laws = [(fold_name(c["title"]), c["key"]) for c in citations
            if c.get("form") == "full" and c.get("key") and c.get("title") and c.get("kind") in _LAW_KINDS
            and NUMBER_RE.match(c["key"])]
    return document.get("doc_number"), document.get("issue_date"), pairs, laws


def packed_summary(result: dict) -> bytes:
    """:func:`link_summary` as bytes: about 0.5 KB a document, against about
    4 KB as Python objects (what the scheduler holds for a large archive)."""
    return pickle.dumps(link_summary(result), protocol=pickle.HIGHEST_PROTOCOL)


@dataclass
class ArchiveLinks:
    numbers: dict = field(default_factory=lambda: defaultdict(list))   # doc_number → [_Own]
    dates: dict = field(default_factory=dict)                           # doc_id → issue_date
    link: dict = field(default_factory=dict)                            # (doc_id, key, date) → (cited, basis)
    cited_by: Counter = field(default_factory=Counter)                  # doc_id → citing documents
    learned: dict = field(default_factory=lambda: defaultdict(dict))    # law name → {number: first doc_id}

    # -- pass 1 ---------------------------------------------------------
    @classmethod
    def collect(cls, entries, cache, transient: dict, summaries: dict | None = None) -> "ArchiveLinks":
        """Read each distinct cached result once (see the module docstring).
        ``summaries``: result key → :func:`packed_summary` of the results this
        run made (the scheduler kept them): those are not read back here."""
        self = cls()
        summaries = summaries or {}
        cites: dict[str, set] = {}
        seen: set = set()
        for src, doc_id, problem in entries:
            if problem or not doc_id:
                continue
            key = result_key(doc_id, src.file_type)
            if key in seen or key in transient:
                continue
            seen.add(key)
            packed = summaries.get(key)
            if packed is not None:
                summary = pickle.loads(packed)
            else:
                result = cache.get(key)
                if not result:
                    continue
                summary = link_summary(result)
            self.add_summary(doc_id, summary, cites)
        self.decide(cites)
        return self

    def add(self, doc_id: str, document: dict, citations: list[dict], cites: dict) -> None:
        self.add_summary(doc_id, link_summary({"document": document, "citations": citations}), cites)

    def add_summary(self, doc_id: str, summary: tuple, cites: dict) -> None:
        number, date, pairs, laws = summary
        self.dates[doc_id] = date
        if number and not number.startswith("/") and doc_id not in {o.doc_id for o in self.numbers[number]}:
            self.numbers[number].append(_Own(doc_id, date))
        cites.setdefault(doc_id, set()).update(pairs)
        for name, key in laws:
            seen = self.learned[name]
            if key not in seen or doc_id < seen[key]:
                seen[key] = doc_id

    def learn(self, citing: str, c: dict) -> Optional[tuple[str, str]]:
        """(number, learned from) for a law cited by name alone, from a pair
        printed in the archive (see the module docstring), else None."""
        if c.get("key") or c.get("form") != "named" or not c.get("title"):
            return None
        pairs = self.learned.get(fold_name(c["title"]))
        if not pairs:
            return None
        cands = sorted(pairs.items())
        m = _PRINTED_YEAR.search(c.get("raw") or "")
        if m:
            cands = [(k, d) for k, d in cands if f"/{m.group(1)}/" in k]
        own = self.dates.get(citing)
        if own:
            cands = [(k, d) for k, d in cands if not ((y := _YEAR.search(k)) and y.group(1) > own[:4])]
        return cands[0] if len(cands) == 1 else None

    def resolve(self, citing: str, key: str, date: Optional[str]) -> tuple[Optional[str], Optional[str]]:
        """(cited doc_id or None, basis) of one citation."""
        cands = [o for o in self.numbers.get(key, ()) if o.doc_id != citing]
        if not cands:
            return None, None
        own_date = self.dates.get(citing)
        cands = [o for o in cands if not _after(o.date, own_date)]
        if not cands:
            return None, "not linked: the archive's document of that number is later than the citing one"
        if date:
            cands = [o for o in cands if _agree(o.date, date)]
            basis = "number and date"
            if not cands:
                return None, "not linked: the archive's document of that number has another date"
        else:
            m = _YEAR.search(key)
            if m:
                cands = [o for o in cands if o.date and o.date[:4] == m.group(1)]
                basis = "number and year"
                if not cands:
                    return None, "not linked: the archive's document of that number has another year"
            else:
                basis = "number only"
        if len(cands) > 1:
            return None, f"not linked: {len(cands)} documents of the archive have that number"
        return cands[0].doc_id, basis

    def decide(self, cites: dict) -> None:
        for citing, pairs in cites.items():
            targets = set()
            for key, date in pairs:
                cited, basis = self.resolve(citing, key, date)
                self.link[(citing, key, date)] = (cited, basis)
                if cited:
                    targets.add(cited)
            for t in targets:
                self.cited_by[t] += 1

    # -- pass 2 ---------------------------------------------------------
    def fill(self, doc: dict, rows: dict) -> None:
        """Set ``cited_by`` on the document row; ``cited_doc_id`` on its
        citation rows; add its ``links`` rows (when its rows are written)."""
        doc_id = doc.get("doc_id")
        doc["cited_by"] = self.cited_by.get(doc_id, 0) if doc_id else 0
        cits = rows.get("citations")
        if not cits:
            return
        edges: dict[tuple, dict] = {}
        for c in cits:
            learned = self.learn(doc_id, c)
            if learned:
                c["key"], c["learned_from"] = learned
                c["resolved_by"], c["confidence"] = "archive", ARCHIVE_CONF
            key = c.get("key")
            if not key:
                c["cited_doc_id"] = None
                continue
            cited, basis = self.link.get((doc_id, key, c.get("date")), (None, None))
            c["cited_doc_id"] = cited
            e = edges.get((key, cited))
            if e is None:
                edges[(key, cited)] = {"doc_id": doc_id, "key": key, "cited_doc_id": cited, "kind": c.get("kind"),
                                       "mentions": 1, "first_page": c.get("page"), "basis": basis}
            else:
                e["mentions"] += 1
                e["basis"] = e["basis"] or basis
        rows["links"] = list(edges.values())
