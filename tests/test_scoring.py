"""The project's scorer (baocao.pipeline.surfaces.scoring): the matching rules
of the shared evaluation, on tables written for the tests and on a real run
of the two gold reports; and scripts/evaluate.py without the shared material."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import CORPUS, GOLD, REPO, gold_docs
from baocao.pipeline.surfaces.scoring import (
    CORE_METRICS, f1, format_scores, load_gold, norm_key, norm_name, score, score_tables, variant_of)


@pytest.mark.parametrize("raw, key", [
    ("59/2023/NĐ-CP", "59/2023/NĐ-CP"),
    ("59/2023/NĐ\u2013CP", "59/2023/NĐ-CP"),        # en dash
    ("59 / 2023 / nđ - cp", "59/2023/NĐ-CP"),       # blanks, lower case
    ("59/2023/NĐCP", "59/2023/NĐ-CP"),
    ("08-qđi/tw", "8-QĐi/TW"),                      # QĐi keeps its small i; no leading zero
    ("0065/KH-UBND", "65/KH-UBND"),                 # leading zeros
    ("/BC-UBND", "/BC-UBND"),                       # a number left blank
    (None, None),
    (float("nan"), None),
    (pd.NA, None),
])
def test_norm_key(raw, key):
    assert norm_key(raw) == key


def test_norm_name_expands_abbreviations_and_keeps_marks():
    assert norm_name("  UBND  thị trấn Thanh Miện (Hải Dương) ") == "ủy ban nhân dân thị trấn thanh miện"
    assert norm_name("Uỷ ban nhân dân TP. Đông Hà") == "ủy ban nhân dân thành phố đông hà"
    assert norm_name("HĐND xã Hoà Bình") == "hội đồng nhân dân xã hòa bình"
    assert norm_name("UBND thi tran Thanh Mien") != norm_name("UBND thị trấn Thanh Miện")
    assert norm_name("  ") is None and norm_name(pd.NA) is None


@pytest.mark.parametrize("name, variant", [
    ("000_e3f.txt", "txt"), ("000_e3f.ascii.txt", "ascii"), ("000_e3f.scan.pdf", "scan"),
    ("000_e3f.PDF", "pdf"), ("000_e3f.tiff", "image"), ("000_e3f.JPG", "image"), ("000_e3f.docx", "docx"),
    ("000_e3f.md", "txt"),
])
def test_variant_of(name, variant):
    assert variant_of(name) == variant


def test_f1_of_sets():
    assert f1(set(), set()) == 1.0
    assert f1({"a"}, set()) == 0.0                  # precision 0, recall 1 → 0
    assert f1(set(), {"a"}) == 0.0
    assert f1({"a", "b"}, {"a", "c"}) == pytest.approx(0.5)
    assert f1({"a", "b", "c"}, {"a", "b"}) == pytest.approx(0.8)


GOLD_DOC = {
    "source": "005_abc.txt",
    "document": {"doc_type": "BC", "doc_number": "152/BC-UBND", "issue_date": "2024-06-18",
                 "issuer": "UBND xã Đại Thành", "location": "Đại Thành", "signer": "Nguyễn Văn An"},
    "document_handwritten": ["number", "day"],
    "citations": [
        {"key": "59/2023/NĐ-CP", "kind": "Nghị định", "date": "2023-08-14"},
        {"key": "11-QĐi/TW", "kind": "Quy định", "date": "2019-02-18"},
        {"key": "166/KH-UBND", "kind": "Kế hoạch", "date": "2024-03-20"},
    ],
    "named_laws": [
        {"name": "Luật Thực hiện dân chủ ở cơ sở", "key": "10/2022/QH15"},
        {"name": "Luật Tiếp công dân", "key": None},
    ],
    "dates": ["2023-08-14", "2019-02-18", "2024-03-20", "2024-06-18"],
    "statistics": [
        {"metric": "dossiers_received", "value": 1004},
        {"metric": "dossiers_online", "value": 990},
        {"metric": "petitions_received", "value": 12},
        {"metric": "other:meetings", "value": 4},         # not a core metric: not scored
    ],
}


def _tables(doc_rows, cit_rows, date_rows, stat_rows):
    return {
        "documents": pd.DataFrame(doc_rows),
        "citations": pd.DataFrame(cit_rows, columns=["doc_id", "key", "title"]),
        "dates": pd.DataFrame(date_rows, columns=["doc_id", "date"]),
        "statistics": pd.DataFrame(stat_rows, columns=["doc_id", "metric", "value"]),
    }


def _doc(doc_id, source, **fields):
    row = {"doc_id": doc_id, "source_path": f"archive/sub/{source}", "doc_type": "BC",
           "doc_number": "152/BC-UBND", "issue_date": "2024-06-18", "issuer": "UBND xã Đại Thành",
           "location": "Đại Thành", "signer": "Nguyễn Văn An"}
    row.update(fields)
    return row


def test_score_tables_rules():
    tables = _tables(
        [_doc("a", "005_abc.txt", issuer="Chủ tịch UBND xã Đại Thành"),          # issuer contains the gold's
         _doc("b", "005_abc.ascii.txt", doc_number="/BC-UBND", issue_date="2024-06",  # handwritten parts lost
              location="Dai Thanh", signer=None),
         _doc("c", "unrelated.txt")],
        [("a", "59/2023/NĐ\u2013CP", None), ("a", "11-QĐI/TW", None), ("a", "166/KH-UBND", None),
         ("a", "10/2022/QH15", "Luật Thực hiện dân chủ ở cơ sở"),
         ("a", "25/2013/QH13", "Luật Tiếp công dân"),       # a law the gold cannot number: left out
         ("a", None, None),                                  # an unresolved short form: left out
         ("b", "59/2023/ND-CP", None), ("b", "166/KH-UBND", None),
         ("b", "99/QĐ-UBND", "Quyết định"),                # wrong, and not a named law: a false positive
         ("c", "1/2020/NĐ-CP", None)],
        [("a", d) for d in GOLD_DOC["dates"]] + [("a", "2024-06"), ("a", None)]
        + [("b", "2024-06-18"), ("b", "2025-01-01")],
        [("a", "dossiers_received", 1004.0), ("a", "dossiers_online", 990.0), ("a", "petitions_received", 12.0),
         ("a", "other:meetings", 5.0),
         ("b", "dossiers_received", 1004.0), ("b", "dossiers_online", 99.0), ("b", "dialogues_held", float("nan"))],
    )
    res = score_tables({"005_abc": GOLD_DOC}, tables)
    assert sorted(res) == ["ascii", "txt"]                 # "unrelated.txt" matches no gold stem
    txt, ascii_ = res["txt"], res["ascii"]
    assert txt["citations"] == {"p": 1.0, "r": 1.0, "f1": 1.0, "tp": 4, "fp": 0, "fn": 0}
    assert txt["dates"]["f1"] == 1.0 and txt["statistics"]["f1"] == 1.0
    assert txt["meta_acc"] == 1.0 and txt["meta_ext_acc"] == 1.0 and txt["n_docs"] == 1
    # ascii: 59/2023/ND-CP lost its Đ, 99/QĐ-UBND is extra; 3 of 4 gold keys missed
    assert ascii_["citations"]["tp"] == 1 and ascii_["citations"]["fp"] == 2 and ascii_["citations"]["fn"] == 3
    assert ascii_["dates"] == {"p": 0.5, "r": 0.25, "f1": 0.3333, "tp": 1, "fp": 1, "fn": 3}
    assert (ascii_["statistics"]["tp"], ascii_["statistics"]["fp"], ascii_["statistics"]["fn"]) == (1, 1, 2)
    # number and day handwritten: the printed parts count for the printed accuracy only
    assert ascii_["meta_acc"] == pytest.approx(0.3333) and ascii_["meta_printed_acc"] == 1.0
    assert ascii_["meta_ext_acc"] == pytest.approx(0.3333)    # issuer only; place lost its marks, no signer
    assert "005_abc:doc_number: gold=152/BC-UBND got=/BC-UBND" in ascii_["errors"]["meta"]
    assert ascii_["errors"]["citations_fp"] == ["59/2023/ND-CP", "99/QĐ-UBND"]
    lines = format_scores(res).splitlines()
    assert lines[0].startswith("ascii  docs=1 ") and "citations: P=0.333 R=0.250" in lines[0]
    assert "dates: P=1.000 R=1.000 F1=1.000" in lines[1]


def test_gold_annotations_are_in_the_repository():
    golds = load_gold(GOLD)
    assert sorted(golds) == ["000_e3f78c0371c4d00c", "001_7fb30065e5d117f4"]
    for stem, g in golds.items():
        assert (CORPUS / g["source"]).is_file() and g["source"] == f"{stem}.txt"
        assert g["citations"] and g["dates"] and {s["metric"] for s in g["statistics"]} & CORE_METRICS
    assert len(gold_docs()) == 2


@pytest.mark.slow
def test_a_run_of_the_gold_reports_scores_high(tmp_path):
    """The corpus text and a copy without diacritics of both gold reports, run
    through baocao.run and scored: what scripts/evaluate.py reports, minus the
    rendered variants."""
    import baocao
    from unidecode import unidecode

    arch = tmp_path / "archive"
    arch.mkdir()
    for g in gold_docs():
        src = CORPUS / g["source"]
        shutil.copy(src, arch / src.name)
        (arch / src.name.replace(".txt", ".ascii.txt")).write_text(
            unidecode(src.read_text(encoding="utf-8")), encoding="utf-8")
    baocao.run(arch, tmp_path / "out", workers=1, ocr="never")
    res = score(GOLD, tmp_path / "out")
    assert sorted(res) == ["ascii", "txt"] and res["txt"]["n_docs"] == 2
    for variant in ("txt", "ascii"):
        r = res[variant]
        assert r["citations"]["f1"] >= 0.98 and r["dates"]["f1"] >= 0.98, (variant, r["errors"])
        assert r["statistics"]["f1"] >= 0.9 and r["meta_acc"] == 1.0, (variant, r["errors"])
    assert res["txt"]["meta_ext_acc"] == 1.0, res["txt"]["errors"]


def test_evaluate_without_the_shared_material_says_so(tmp_path):
    """scripts/evaluate.py beside no ../shared: one line, exit 2, nothing run."""
    (tmp_path / "repo" / "scripts").mkdir(parents=True)
    script = tmp_path / "repo" / "scripts" / "evaluate.py"
    shutil.copy(REPO / "scripts" / "evaluate.py", script)
    r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and r.stdout == ""
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "shared material not found" in lines[0], r.stderr
    assert str(tmp_path / "shared" / "gold") in lines[0]
