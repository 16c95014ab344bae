"""Run every extractor over one document's normalised text.

Extractors are pure functions (``extractors.*``); this module only calls them
in the right order (header first, so its own number is not a citation) and
turns their records into rows with pages.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from baocao.extractors import codes
from baocao.extractors.canonical import loose_key
from baocao.extractors.citations import extract_citations
from baocao.extractors.dates import extract_dates
from baocao.extractors.header import extract_header
from baocao.extractors.statistics import extract_statistics
from baocao.normalizers.fold import fold

from baocao.datatables import DataTableError
from baocao.pipeline.errors import one_line


@dataclass
class Extraction:
    header: dict
    citations: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    statistics: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "extractor X failed: ..." (one line each)


_FF = re.compile("\f")


class PageIndex:
    """Maps a character offset to its 1-based page (pages joined by '\\f')."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in _FF.finditer(text)]

    def page_of(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)


def _rows(records, pages: PageIndex, text: str) -> list[dict]:
    rows = []
    for r in records:
        row = r.as_row()
        start, end = row.pop("start"), row.pop("end")
        if not (0 <= start <= end <= len(text)):
            continue  # never emit a span outside the text
        row["raw"] = text[start:end]
        row["char_start"], row["char_end"] = start, end
        row["page"] = pages.page_of(start)
        rows.append(row)
    return rows


_SUBJECT_LEAD = re.compile(r"^(?:v\s?/\s?v|ve\s+viec|ve)\s+", re.I)


def _is_own_blank_number(c, head: dict, text: str) -> bool:
    """A mention of this document when its number was left blank in print
    (written by hand on the signed copy, so the header reads ``/UBND-KSTTHC``):
    the cited key ends with the printed symbol, is dated within the header's
    date (its month when the day was blank too), and the mention goes on with
    the document's own subject ("Văn bản số 4532/UBND-KSTTHC ngày 07/12/2011
    của UBND tỉnh về việc xây dựng kế hoạch rà soát ...")."""
    own, iso, subject = head.get("doc_number"), head.get("issue_date"), head.get("subject")
    if not own or not own.startswith("/") or not iso or not subject or not c.key or not c.date:
        return False
    if not loose_key(c.key).endswith(loose_key(own)) or not c.date.startswith(iso):
        return False
    words = _SUBJECT_LEAD.sub("", " ".join(fold(subject).lower().split())).split()[:6]
    if len(words) < 4:
        return False
    after = " ".join(fold(text[c.end:c.end + 400]).lower().split())
    return " ".join(words) in after


def _is_own_number(c, head: dict) -> bool:
    """The document's own number repeated in the text (a running page header,
    a footer, an annex "ban hành kèm theo Quyết định số 12/QĐ-UBND", "Báo cáo
    này (số 04/BC-UBND)") is not a citation.  Keys are compared loosely
    (:func:`extractors.canonical.loose_key`: leading zeros, Đ/D, OCR ``O``/``0``
    and ``l``/``1`` in the number), so a respelled or OCR'd repeat is caught
    too.  An earlier document with the same administrative number carries
    another date: it stays.  When the header's date is not known (or only its
    month), a repeat of the same kind of document (``Quyết định`` for a
    ``QĐ``) dated within it is the document itself."""
    own = head.get("doc_number")
    if not own or own.startswith("/") or not c.key or loose_key(c.key) != loose_key(own):
        return False
    iso = head.get("issue_date")
    if c.date is None or c.date == iso:
        return True
    if iso and len(iso) == 10:
        return False
    if iso:  # YYYY-MM: the day was left blank
        return c.date.startswith(iso)
    t = codes.type_code(head.get("doc_type") or "")
    return bool(t and c.kind and t.kind.lower() == c.kind.lower())


_BLANK = re.compile(r"[^\n\f]")  # any character but a line or page break


def _blank(text: str, spans) -> str:
    """``text`` with every ``(start, end)`` of ``spans`` blanked, same length:
    line and page breaks kept, so every span of the rest stays exact."""
    for a, b in spans or ():
        if a < b:
            text = text[:a] + _BLANK.sub(" ", text[a:b]) + text[b:]
    return text


def _document_only(text: str, start: int | None, end: int | None) -> str:
    """``text`` with what lies outside the document blanked: the menus,
    metadata block and links of a legal-information site around a saved
    document (``Header.body_start`` / ``body_end``) hold numbers and dates that
    are not the document's."""
    if start is None and end is None:
        return text
    return _blank(text, ((0, start or 0), (len(text) if end is None else end, len(text))))


def _without_stamps(text: str, spans) -> str:
    """``text`` with the lines a mail register's stamp printed over a scanned
    header blanked (``Header.stamp_spans``: its ``Số: 699``, ``Ngày: 21/3/2025``):
    the register's number and day are not the document's."""
    return _blank(text, spans)


EXTRACTORS = {
    "header": extract_header,
    "dates": extract_dates,
    "citations": extract_citations,
    "statistics": extract_statistics,
}


def run_extractors(text: str, extractors: dict | None = None) -> Extraction:
    """Every extractor over ``text``; the one guard of the extract stage.

    Extractors do not catch their own errors.  An exception here loses only
    that extractor's rows for this document and becomes a warning
    (``extractor X failed: <one line>``) that the document row carries in
    ``warnings`` and in ``review_reason`` (``needs_review`` is set): never a
    silent empty table.  A malformed data table (:class:`DataTableError`) is
    raised, not turned into a warning.  ``extractors`` replaces the table above (tests
    inject a failing one).
    """
    ex_fns = dict(EXTRACTORS, **(extractors or {}))
    warnings: list[str] = []
    pages = PageIndex(text)

    def guarded(name, fn, default):
        try:
            return fn()
        except DataTableError:
            raise  # a broken data table is not this document's problem: it stops the caller
        except Exception as exc:  # the stage boundary: a bug costs its rows, not the document
            warnings.append(f"extractor {name} failed: {one_line(exc)}")
            return default

    header = guarded("header", lambda: ex_fns["header"](text), None)
    head = header.as_row() if header is not None else {}
    own = None
    if header is not None and header.number_start is not None and header.number_end is not None:
        own = (header.number_start, header.number_end)
    body = _without_stamps(_document_only(text, head.get("body_start"), head.get("body_end")),
                           head.get("stamp_spans"))
    dates = guarded("dates", lambda: ex_fns["dates"](body), [])
    cits = guarded("citations", lambda: ex_fns["citations"](body, own_number_span=own, dates=dates,
                                                            doc_date=head.get("issue_date")), [])
    cits = [c for c in cits if not _is_own_number(c, head) and not _is_own_blank_number(c, head, text)]
    stats = guarded("statistics", lambda: ex_fns["statistics"](body), [])
    return Extraction(
        header=head,
        citations=_rows(cits, pages, text),
        dates=_rows(dates, pages, text),
        statistics=_rows(stats, pages, text),
        warnings=warnings,
    )
