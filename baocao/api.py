"""The library API: ``extract`` one text, ``run`` an archive, ``load`` its tables.

``extract`` goes through the same function as a run
(:func:`baocao.pipeline.stages.process.finish_document`): the rows it returns
are the rows ``baocao run`` writes for a ``.txt`` file holding the text.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from baocao.pipeline.results import HEADER_FIELDS


@dataclass
class DocumentResult:
    """One document's rows, as the tables hold them.

    ``document`` is the ``documents`` row (header fields, ``needs_review``,
    ``review_reason``, ``warnings``, ...); ``text`` the normalised text that
    every ``char_start``/``char_end`` indexes into; ``citations``, ``dates``,
    ``statistics`` and ``pages`` the rows of those tables, each with ``raw``,
    ``page``, span and ``confidence``.
    """
    document: dict
    text: str
    citations: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    pages: list[dict] = field(default_factory=list)

    @property
    def header(self) -> dict:
        """The document's own header fields (type, number, date, issuer, ...)."""
        return {f: self.document.get(f) for f in (*HEADER_FIELDS, "title")}

    def __repr__(self) -> str:
        h = self.header
        return (f"DocumentResult({h['doc_type']} {h['doc_number']} {h['issue_date']}, "
                f"{len(self.citations)} citations, {len(self.dates)} dates, "
                f"{len(self.statistics)} statistics)")

    def __str__(self) -> str:
        """The records a reader checks: the header, then one line per citation,
        date and statistic with its page, span and printed text."""
        h = self.header
        lines = [repr(self)]
        lines += [f"  {k}: {h[k]}" for k in ("issuer", "location", "signer", "title") if h.get(k)]
        for name, rows, what in (("citation", self.citations, "key"), ("date", self.dates, "date"),
                                 ("statistic", self.statistics, "metric")):
            for r in rows:
                value = (r[what] or r.get("title")) if what != "metric" else f"{r['metric']}={r['value']:g}"
                lines.append(f"  {name} p{r.get('page')} [{r['char_start']}:{r['char_end']}] "
                             f"{value} \u2190 {r['raw']!r} (confidence {r['confidence']})")
        return "\n".join(lines)


def extract(text: str, *, source: str | None = None, normalised: bool = False) -> DocumentResult:
    """Header, citations, dates and statistics of ``text``.

    ``text`` is raw text (any of the damage a run repairs: legacy encodings,
    broken fonts, stripped marks); form feeds separate pages.  ``source`` is
    recorded as the row's ``source_path``.  With ``normalised=True`` the text
    is taken as already normalised (e.g. a run's ``text/<doc_id>.txt``), so
    spans index into it unchanged.
    """
    if not isinstance(text, str):
        raise TypeError("baocao.extract expects str (decode bytes first, or use baocao.run on files)")
    from baocao.pipeline.stages.ingest.text import pages_of_text
    from baocao.pipeline.stages.process import finish_document

    doc_id = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    result = finish_document(doc_id, "txt", pages_of_text(text), None, normalised=normalised)
    doc = dict(result["document"])
    doc["source_path"] = source
    return DocumentResult(document=doc, text=result["text"], citations=result["citations"],
                          dates=result["dates"], statistics=result["statistics"], pages=result["pages"])


def run(archive, out="data/processed", **options):
    """Process ``archive`` into tables in ``out``; returns the run's ``Summary``.

    ``options`` are those of ``baocao run``: ``workers``, ``ocr``
    (``auto``/``always``/``never``), ``engine``, ``scheduler``, ``timeout``,
    ``progress``.  Raises ``baocao.pipeline.runner.run.RunError`` (with
    ``.code``, the CLI's exit status) when the run cannot proceed.
    """
    from baocao.pipeline.runner.run import Options
    from baocao.pipeline.runner.run import run as _run

    options.setdefault("progress", False)
    return _run(Options(archive=Path(archive), out=Path(out), **options))


def load(out_dir="data/processed"):
    """A run's tables as typed pandas DataFrames (``documents``, ``citations``,
    ``dates``, ``statistics``, ``pages``; see ``baocao.pipeline.surfaces.load_tables``)."""
    from baocao.pipeline.surfaces.load_tables import load_tables

    return load_tables(out_dir)
