"""Damaged text end to end: every kind of damage, generated from clean corpus
text, must keep citation keys, dates and exact spans."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import corpus_text
from baocao.normalizers.legacy import to_tcvn3, to_vni
from baocao.pipeline.runner.run import Options, run
from synth.damage import ocr_like_noise, strip_diacritics

STEMS = ("000", "001")


def _broken_glyphs(text: str) -> str:
    """What a PDF with a broken font map gives: ư → ƣ, Đ → Ð (eth)."""
    return text.replace("ư", "ƣ").replace("Ư", "Ƣ").replace("Đ", "Ð").replace("đ", "ð")


VARIANTS = {
    "clean": lambda t: t.encode("utf-8"),
    "stripped": lambda t: strip_diacritics(t).encode("utf-8"),
    "tcvn3": lambda t: to_tcvn3(t).encode("latin-1", errors="replace"),
    "vni": lambda t: to_vni(t).encode("latin-1", errors="replace"),
    "glyphs": lambda t: _broken_glyphs(t).encode("utf-8"),
    "utf16": lambda t: t.encode("utf-16"),
    "ocr-noise": lambda t: ocr_like_noise(t, seed=3, rate=0.003).encode("utf-8"),
}


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    arch = tmp_path_factory.mktemp("dmg")
    for stem in STEMS:
        text = corpus_text(stem)
        for v, make in VARIANTS.items():
            (arch / f"{stem}.{v}.txt").write_bytes(make(text))
    out = tmp_path_factory.mktemp("out")
    run(Options(archive=arch, out=out, workers=2, progress=False))
    return {t: pd.read_parquet(out / f"{t}.parquet") for t in ("documents", "citations", "dates")} | {"out": out}


def _sets(tables, name):
    docs = tables["documents"].set_index("source_path")
    d = docs.loc[name, "doc_id"]
    cit = tables["citations"]
    dat = tables["dates"]
    keys = set(cit.loc[(cit.doc_id == d) & (cit.form == "full"), "key"].dropna())
    dates = set(dat.loc[dat.doc_id == d, "date"])
    return keys, dates


@pytest.mark.slow
@pytest.mark.parametrize("variant", [v for v in VARIANTS if v != "clean"])
@pytest.mark.parametrize("stem", STEMS)
def test_keys_and_dates_survive(damaged, stem, variant):
    k0, d0 = _sets(damaged, f"{stem}.clean.txt")
    k1, d1 = _sets(damaged, f"{stem}.{variant}.txt")
    assert len(k0) >= 15
    if variant == "ocr-noise":  # random confusions may break a few numbers beyond repair
        assert len(k0 & k1) >= 0.9 * len(k0) and len(k1 - k0) <= 2, (k0 - k1, k1 - k0)
        assert len(d0 & d1) >= 0.9 * len(d0)
    else:
        assert k1 == k0, (k0 - k1, k1 - k0)
        assert d1 == d0, (d0 - d1, d1 - d0)


@pytest.mark.slow
def test_legacy_encodings_are_recorded(damaged):
    docs = damaged["documents"].set_index("source_path")
    for stem in STEMS:
        assert "legacy:tcvn3" in docs.loc[f"{stem}.tcvn3.txt", "repairs"]
        assert "legacy:vni" in docs.loc[f"{stem}.vni.txt", "repairs"]
        assert "glyph_map" in docs.loc[f"{stem}.glyphs.txt", "repairs"]
        assert docs.loc[f"{stem}.stripped.txt", "diacritics"] == "stripped"
        assert docs.loc[f"{stem}.clean.txt", "diacritics"] == "full"
        assert pd.isna(docs.loc[f"{stem}.clean.txt", "repairs"])


@pytest.mark.slow
def test_spans_exact_in_every_variant(damaged):
    out = damaged["out"]
    for t in ("citations", "dates"):
        df = damaged[t]
        for doc_id, rows in df.groupby("doc_id"):
            text = (out / "text" / f"{doc_id}.txt").read_text(encoding="utf-8")
            for r in rows.itertuples():
                assert text[r.char_start:r.char_end] == r.raw
