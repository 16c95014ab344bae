"""Records the extractors return.

Every record carries a span (``start``/``end``) into the *normalised* text it
was extracted from, and ``raw == text[start:end]``.  The pipeline turns spans
into pages and writes the records as table rows; extractors never know about
files or pages.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Optional


def _flat_row(record) -> dict:
    """``asdict`` of a record whose fields are all scalars (str, int, float,
    None): the same dict without ``asdict``'s recursive deep copy."""
    return {f.name: getattr(record, f.name) for f in fields(record)}


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass
class Citation:
    """A mention of another document."""

    key: Optional[str]          # canonical number/symbol, e.g. 59/2023/NĐ-CP; None when unresolved
    kind: Optional[str]         # Nghị định, Kết luận, Kế hoạch, Luật, ...
    raw: str
    start: int
    end: int
    issuer: Optional[str] = None
    date: Optional[str] = None  # ISO date of the cited document when stated next to it
    title: Optional[str] = None  # name of a law cited by name
    form: str = "full"          # full | short | named (law by name)
    confidence: float = 1.0
    # how a law's version was chosen: printed-number, printed-date, printed-year,
    # amended-law, in-force-on-doc-date, only-version, archive, none (None: not a law)
    resolved_by: Optional[str] = None
    learned_from: Optional[str] = None  # doc_id whose printed name→number pair resolved it (archive)
    note: Optional[str] = None  # a repair made to read it ("slash restored: 175QĐ-SYT read as 175/QĐ-SYT")

    def as_row(self) -> dict:
        return _flat_row(self)


@dataclass
class DateMention:
    date: str                   # YYYY-MM-DD or YYYY-MM
    raw: str
    start: int
    end: int
    confidence: float = 1.0

    def as_row(self) -> dict:
        return _flat_row(self)


@dataclass
class Statistic:
    metric: str                 # vocabulary name or other:<snake_name>
    value: float
    raw: str
    start: int
    end: int
    unit: Optional[str] = None
    scope: Optional[str] = None
    confidence: float = 1.0
    check: Optional[str] = None  # table arithmetic: ok | mismatch | None

    def as_row(self) -> dict:
        return _flat_row(self)


@dataclass
class Header:
    """The document's own identity, from its header block and signature."""

    doc_type: Optional[str] = None
    doc_number: Optional[str] = None
    issue_date: Optional[str] = None
    issuer: Optional[str] = None
    location: Optional[str] = None
    period: Optional[str] = None
    signer: Optional[str] = None
    # span of the document's own number in the text (so citations can skip it)
    number_start: Optional[int] = None
    number_end: Optional[int] = None
    # a repair made to read the own number ("slash restored: 175QĐ-SYT read as 175/QĐ-SYT")
    number_note: Optional[str] = None
    # span of the day's digits on the date line (when the issue date has a day)
    day_start: Optional[int] = None
    day_end: Optional[int] = None
    # the date line printed with its month (and day) left blank: a draft's
    # "ngày  tháng  năm 2025", so issue_date is None by the document, not a miss
    month_blank: bool = False
    title: Optional[str] = None
    # trích yếu: the title after the type word, or the "V/v ..." line of an official letter
    subject: Optional[str] = None
    # the document inside a page saved from a legal-information site: what lies
    # outside [body_start, body_end) is the site's text (None: the whole text)
    body_start: Optional[int] = None
    body_end: Optional[int] = None
    # the number and day a mail register's stamp printed over a scanned header
    # ("Số: 699", "Ngày: 21/3/2025"): no date or figure of the document
    stamp_spans: list = field(default_factory=list)

    def as_row(self) -> dict:
        d = asdict(self)
        return d
