"""The unchanged re-run (``pipeline/runner/quick.py``): it stops at the
manifest having imported neither the extractors nor the table writers, and
without asking the readers for their versions again (``readers.json``); any
change of an input still runs in full."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from baocao.pipeline.runner import fingerprint
from baocao.pipeline.runner.run import Options, run

REPORT = ("ỦY BAN NHÂN DÂN XÃ AN BÌNH\nSố: 15/BC-UBND\nAn Bình, ngày 20 tháng 6 năm 2024\nBÁO CÁO\n"
          "Thực hiện Kế hoạch số 08/KH-UBND ngày 12/01/2024, xã tiếp nhận 152 hồ sơ.\n")

PROBE = """
import sys
from baocao.pipeline.surfaces.cli import main
code = main(["run", sys.argv[1], "--out", sys.argv[2], "--ocr", "never", "--no-progress"])
heavy = sorted(m for m in sys.modules if m.startswith(("baocao.extractors.", "baocao.normalizers.", "pyarrow",
               "pandas", "duckdb", "importlib.metadata", "baocao.pipeline.runner.run",
               "baocao.pipeline.stages.tesseract")))
print("HEAVY", heavy)
sys.exit(code)
"""


@pytest.mark.slow
def test_an_unchanged_rerun_imports_and_asks_nothing_heavy(tmp_path):
    arch, out = tmp_path / "a", tmp_path / "o"
    arch.mkdir()
    (arch / "r1.txt").write_text(REPORT, encoding="utf-8")
    (arch / "r2.txt").write_text(REPORT.replace("152", "153"), encoding="utf-8")
    first = run(Options(archive=arch, out=out, workers=1, ocr="never", progress=False))
    assert first.processed == 2
    memo = json.loads((out / ".cache" / "readers.json").read_text())
    assert any(v.startswith("tesseract=") for v in memo["versions"])
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    r = subprocess.run([sys.executable, "-c", PROBE, str(arch), str(out)], capture_output=True, text=True,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "2 documents (0 processed, 2 reused)" in r.stdout
    assert "HEAVY []" in r.stdout, r.stdout

    (arch / "r2.txt").write_text(REPORT.replace("152", "154"), encoding="utf-8")   # a changed input: full run
    again = run(Options(archive=arch, out=out, workers=1, ocr="never", progress=False))
    assert (again.processed, again.reused) == (1, 1)
    (arch / "r1.txt").unlink()                                                     # a removed one: its rows go
    gone = run(Options(archive=arch, out=out, workers=1, ocr="never", progress=False))
    assert (gone.documents, gone.processed) == (1, 0)
    import pandas as pd

    assert pd.read_parquet(out / "documents.parquet").source_path.tolist() == ["r2.txt"]
    assert run(Options(archive=arch, out=out, workers=1, ocr="never", progress=False)).reused == 1


def test_readers_versions_are_asked_again_when_their_key_changes(tmp_path, monkeypatch):
    asked = []
    monkeypatch.setattr(fingerprint, "_library_versions", lambda: asked.append(1) or ["pypdfium2=1", "tesseract=x"])
    key = ["k1"]
    monkeypatch.setattr(fingerprint, "readers_key", lambda: list(key))
    assert fingerprint._readers(tmp_path) == ["pypdfium2=1", "tesseract=x"]
    assert fingerprint._readers(tmp_path) == ["pypdfium2=1", "tesseract=x"]
    assert len(asked) == 1                      # the second answer came from readers.json
    key[0] = "k2"                               # a package installed, tesseract upgraded, ...
    fingerprint._readers(tmp_path)
    assert len(asked) == 2
    (tmp_path / "readers.json").write_text("{broken")
    fingerprint._readers(tmp_path)              # an unreadable memo is asked again, not trusted
    assert len(asked) == 3


def test_the_readers_key_follows_site_packages_and_the_tools(tmp_path):
    key = fingerprint.readers_key()
    flat = json.dumps(key)
    import site

    assert site.getsitepackages()[0] in flat
    assert "/var/lib/dpkg/status" in flat or not os.path.exists("/var/lib/dpkg/status")
