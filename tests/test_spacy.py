"""The "baocao" spaCy component: span groups equal the table rows."""
from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points

import pytest
import spacy
from spacy.language import Language

from conftest import REPO, corpus_text
from baocao import load
from baocao.pipeline.runner.run import Options, run
from baocao.extractors.sentences import sentence_spans
from baocao.pipeline.surfaces.spacy_component import SPAN_ATTRS, blank_vi, make_nlp

GROUPS = (("citations", "key"), ("dates", "date"), ("statistics", "metric"))


@pytest.fixture(scope="module")
def processed(tmp_path_factory):
    base = tmp_path_factory.mktemp("spacy")
    arch = base / "arch"
    arch.mkdir()
    for stem in ("000", "004"):
        (arch / f"{stem}.txt").write_text(corpus_text(stem), encoding="utf-8")
    out = base / "out"
    run(Options(archive=arch, out=out, workers=1, progress=False))
    return out, load(out)


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["000.txt", "004.txt"])
def test_spans_equal_the_table_rows(processed, nlp, name):
    out, t = processed
    doc_id = t["documents"].set_index("source_path").loc[name, "doc_id"]
    text = (out / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    assert doc.text == text
    for group, label_col in GROUPS:
        rows = t[group][t[group].doc_id == doc_id]
        assert len(rows) > 0, group
        spans = list(doc.spans[group])
        want = [(r[label_col] if isinstance(r[label_col], str) else "", r["raw"], r["char_start"], r["char_end"], r["page"])
                for r in rows.astype(object).where(rows.notna(), None).to_dict("records")]
        got = [(s.label_, s._.raw, s._.char_start, s._.char_end, s._.page) for s in spans]
        assert got == want, group
        records = rows.astype(object).where(rows.notna(), None).to_dict("records")
        for s, r in zip(spans, records):
            for col in SPAN_ATTRS:
                if col in r:
                    assert getattr(s._, col) == r[col], (group, col, r)
        for s in spans:
            # token-aligned span covers the exact evidence
            assert s.start_char <= s._.char_start and s.end_char >= s._.char_end
            assert text[s._.char_start:s._.char_end] == s._.raw
    # extension attributes carry the other columns
    cit = t["citations"][t["citations"].doc_id == doc_id].iloc[0]
    s = doc.spans["citations"][0]
    assert (s._.key, s._.kind, s._.form) == (cit.key, cit.kind, cit.form)
    st = t["statistics"][t["statistics"].doc_id == doc_id].iloc[0]
    s = doc.spans["statistics"][0]
    assert (s._.metric, s._.value, s._.unit) == (st.metric, st.value, st.unit)
    assert doc._.baocao_header["doc_type"] == t["documents"].set_index("doc_id").loc[doc_id, "doc_type"]


def test_sentences_are_the_cites_sentences(nlp):
    text = corpus_text("000")
    doc = nlp(text)
    starts = {a for a, _ in sentence_spans(text)}
    sents = list(doc.sents)
    assert len(sents) > 50
    assert all(s.start_char in starts or s.start == 0 for s in sents)


@Language.component("test_every_token_a_sentence")
def _every_token(doc):
    for tok in doc:
        tok.is_sent_start = True
    return doc


def test_sentence_starts_set_earlier_are_kept():
    nlp = blank_vi()
    nlp.add_pipe("test_every_token_a_sentence")
    nlp.add_pipe("baocao")
    doc = nlp("Một câu dài. Hai câu.")
    assert len(list(doc.sents)) == len(doc)
    assert len(list(make_nlp()("Một câu dài. Hai câu.").sents)) == 2


@pytest.mark.slow
def test_spans_over_the_same_tokens_keep_their_own_attributes(processed, nlp):
    # "990/1004 hồ sơ" gives two figures over one span (the part and the whole)
    out, t = processed
    doc_id = t["documents"].set_index("source_path").loc["000.txt", "doc_id"]
    doc = nlp((out / "text" / f"{doc_id}.txt").read_text(encoding="utf-8"))
    spans = list(doc.spans["statistics"])
    shared = {}
    for s in spans:
        shared.setdefault((s.start, s.end), []).append(s)
    pairs = [g for g in shared.values() if len(g) > 1]
    assert pairs, "expected a fraction giving two figures over the same tokens"
    for g in pairs:
        assert len({(s._.metric, s._.value) for s in g}) == len(g)
        assert [s.label_ for s in g] == [s._.metric for s in g]


def test_labels_for_unresolved_citations_are_empty(nlp):
    doc = nlp("Quyền dân chủ đã được Hiến pháp quy định. Thực hiện Nghị định số 59/2023/NĐ-CP.")
    labels = {s._.kind: s.label_ for s in doc.spans["citations"]}
    assert labels.get("Nghị định") == "59/2023/NĐ-CP"
    assert labels.get("Hiến pháp", "") == ""


@pytest.mark.slow
def test_factory_is_found_through_the_entry_point():
    eps = entry_points(group="spacy_factories")
    assert "baocao.pipeline.surfaces.spacy_component:make_baocao" in {ep.value for ep in eps if ep.name == "baocao"}
    # a fresh interpreter that never imports the spaCy component itself
    code = ("import spacy, sys\n"
            "nlp = spacy.blank('vi', config={'nlp': {'tokenizer': {'use_pyvi': False}}})\n"
            "nlp.add_pipe('baocao')\n"
            "assert 'baocao.pipeline.surfaces.spacy_component' in sys.modules\n"
            "doc = nlp('Thực hiện Nghị định số 59/2023/NĐ-CP ngày 14/8/2023 của Chính phủ.')\n"
            "print([s.label_ for s in doc.spans['citations']], [s.label_ for s in doc.spans['dates']])\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO.parent, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "['59/2023/NĐ-CP'] ['2023-08-14']"


def test_pipeline_config_round_trips(nlp):
    cfg = nlp.config
    assert cfg["components"]["baocao"] == {"factory": "baocao", "sentences": True}
    again = spacy.util.load_model_from_config(cfg, auto_fill=True)
    assert again.pipe_names == ["baocao"]
