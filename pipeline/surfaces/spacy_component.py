"""The extractors as a spaCy pipeline component, ``"baocao"``.

    import spacy
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("baocao")          # found through the entry point; or import this module
    doc = nlp(text)                 # text: normalised (e.g. OUT/text/<doc_id>.txt)
    for span in doc.spans["citations"]:
        print(span.label_, span._.kind, span._.raw, span._.page)

``make_nlp()`` builds that pipeline.  Nothing is downloaded and pyvi is not
needed (with ``use_pyvi`` off the Vietnamese tokenizer splits on spaces).

The component runs exactly what ``baocao run`` runs on a document's text
(``baocao.extract(text, normalised=True)``, the run's own text → records
function; confidence scaled by page quality as for a text file: a page that
was OCR'd is not known here), so the span
groups hold the rows of the tables for that text:

* ``doc.spans["citations"]``: label = canonical ``key`` (empty when the
  citation has none, e.g. ``Hiến pháp``); ``span._.kind``, ``title``,
  ``issuer``, ``date``, ``form``, ``confidence``;
* ``doc.spans["dates"]``: label = ISO ``date``; ``span._.date``;
* ``doc.spans["statistics"]``: label = ``metric``; ``span._.metric``,
  ``value``, ``unit``, ``scope``, ``check``, ``confidence``;

and on every span ``span._.raw``, ``char_start``, ``char_end``, ``page``: the
exact table evidence (spans are widened to whole tokens with
``alignment_mode="expand"``, so ``span.text`` may be longer than ``raw``).
The attributes are read-only getters over the row behind each span (found by
``span.id``), so two spans over the same tokens keep their own values.
``doc._.baocao_header`` holds the document's own header fields.

With ``sentences`` on (default) the component also sets sentence starts from
``extractors.sentences`` (the rules ``baocao cites`` uses), unless an earlier
component already did, so ``doc.sents`` works.

The extractors expect text as the pipeline normalises it (NFC, repaired
fonts, pages joined by ``\\f``); for raw text use
``baocao.extract(raw).text`` first.
"""
from __future__ import annotations

from typing import Optional

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from baocao.api import extract
from baocao.extractors.sentences import sentence_spans

SPAN_ATTRS = ("key", "kind", "title", "issuer", "date", "form", "metric", "value", "unit", "scope",
              "check", "confidence", "raw", "char_start", "char_end", "page")
GROUPS = {"citations": "key", "dates": "date", "statistics": "metric"}


ROWS = "baocao_rows"  # doc.user_data[ROWS]: span id → the row behind the span


def _getter(name: str):
    def get(span: Span):
        rows = span.doc.user_data.get(ROWS)
        row = rows.get(span.id) if rows else None
        return None if row is None else row.get(name)
    return get


def _register_extensions() -> None:
    # Read-only getters over the row each span was made from.  (Writable span
    # extensions are keyed by character offsets, so two spans over the same
    # tokens, e.g. the two figures of "990/1004 hồ sơ", would share values.)
    for name in SPAN_ATTRS:
        Span.set_extension(name, getter=_getter(name), force=True)
    if not Doc.has_extension("baocao_header"):
        Doc.set_extension("baocao_header", default=None)


class BaocaoComponent:
    """Adds ``citations``, ``dates`` and ``statistics`` span groups."""

    def __init__(self, nlp: Language, name: str = "baocao", sentences: bool = True):
        self.name = name
        self.sentences = sentences
        _register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        # the run's own text → records function, on the text as it stands
        ex = extract(doc.text, normalised=True)
        doc._.baocao_header = dict(ex.header)
        rows: dict[int, dict] = {}
        for group, label_field in GROUPS.items():
            spans = []
            for i, row in enumerate(getattr(ex, group)):
                span_id = doc.vocab.strings.add(f"{self.name}:{group}:{i}")
                span = self._span(doc, row, row.get(label_field) or "", span_id)
                if span is not None:
                    rows[span_id] = row
                    spans.append(span)
            doc.spans[group] = spans
        doc.user_data[ROWS] = rows
        if self.sentences and not doc.has_annotation("SENT_START"):
            set_sentence_starts(doc)
        return doc

    @staticmethod
    def _span(doc: Doc, row: dict, label: str, span_id: int) -> Optional[Span]:
        start, end = int(row["char_start"]), int(row["char_end"])
        span = doc.char_span(start, end, label=label, alignment_mode="expand", span_id=span_id)
        if span is None:  # only whitespace inside: take the token at the start
            i = next((t.i for t in doc if t.idx + len(t) > start), len(doc) - 1)
            if i < 0:
                return None
            span = Span(doc, i, i + 1, label=label, span_id=span_id)
        return span


def set_sentence_starts(doc: Doc) -> None:
    """Mark sentence starts on ``doc`` from ``extractors.sentences``."""
    if not len(doc):
        return
    starts = sorted(a for a, _ in sentence_spans(doc.text))
    flags = numpy.full((len(doc), 1), -1, dtype="int64")  # -1: not a start
    k = 0
    for tok in doc:
        end = tok.idx + len(tok)
        while k < len(starts) and starts[k] < end:
            flags[tok.i, 0] = 1
            k += 1
    flags[0, 0] = 1
    doc.from_array([SENT_START], flags.astype("uint64"))


@Language.factory("baocao", default_config={"sentences": True})
def make_baocao(nlp: Language, name: str, sentences: bool) -> BaocaoComponent:
    return BaocaoComponent(nlp, name, sentences=sentences)


def blank_vi() -> Language:
    """``spacy.blank("vi")`` that needs neither pyvi nor any download."""
    import spacy

    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


def make_nlp(sentences: bool = True) -> Language:
    """A Vietnamese blank pipeline with the ``baocao`` component."""
    nlp = blank_vi()
    nlp.add_pipe("baocao", config={"sentences": sentences})
    return nlp
