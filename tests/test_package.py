"""The distribution: one import name, the data tables inside, and the library
call of the README working from a checkout.

The wheel is built from a copy of the checkout (setuptools writes ``build/``
and ``*.egg-info`` beside the sources; the real tree is never touched),
without build isolation, so nothing is downloaded.
"""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

try:
    import tomllib
except ImportError:  # Python 3.10: pytest depends on tomli there
    import tomli as tomllib

from conftest import CORPUS, REPO, copy_checkout

# top-level folder of the checkout -> the package it is installed as
PACKAGE_ROOTS = {"baocao": "baocao", "pipeline": "baocao.pipeline", "extractors": "baocao.extractors",
                 "normalizers": "baocao.normalizers"}
NOT_SHIPPED = ("synth", "tests", "scripts", "bench", "notebooks", "pipeline", "extractors", "normalizers")


def _pyproject() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))


def _package_folders() -> dict[str, Path]:
    """Every package folder of the checkout (a folder with ``__init__.py``) by its installed name."""
    out = {}
    for folder, name in PACKAGE_ROOTS.items():
        for init in sorted((REPO / folder).rglob("__init__.py")):
            rel = init.parent.relative_to(REPO / folder)
            if "__pycache__" in rel.parts:
                continue
            out[".".join([name, *rel.parts])] = init.parent
    return out


def _data_files() -> set[str]:
    """Paths, inside the wheel, of the data files package-data must ship."""
    out = set()
    for folder, name in PACKAGE_ROOTS.items():
        for p in (REPO / folder).rglob("*"):
            rel = p.relative_to(REPO / folder)
            if p.is_file() and ("data" in rel.parts[:-1] or "report_assets" in rel.parts[:-1]) \
                    and "__pycache__" not in rel.parts:
                out.add("/".join([*name.split("."), *rel.parts]))
    return out


def test_pyproject_lists_every_package_folder_under_one_name():
    tool = _pyproject()["tool"]["setuptools"]
    assert sorted(tool["packages"]) == sorted(_package_folders())
    assert all(p == "baocao" or p.startswith("baocao.") for p in tool["packages"])
    for name, folder in tool["package-dir"].items():
        assert PACKAGE_ROOTS[folder] == name


@pytest.mark.slow
def test_wheel_holds_only_baocao_and_its_data_tables(tmp_path):
    src = copy_checkout(tmp_path / "src", ("baocao", "pipeline", "extractors", "normalizers",
                                           "synth", "scripts", "tests", "bench"))
    r = subprocess.run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "--no-build-isolation",
                        "--no-index", "-q", "-w", str(tmp_path / "dist")],
                       cwd=src, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    (wheel,) = (tmp_path / "dist").glob("baocao-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    top = {n.split("/")[0] for n in names}
    dist_info = {t for t in top if t.endswith(".dist-info")}
    assert top - dist_info == {"baocao"} and len(dist_info) == 1, sorted(top)
    assert not set(NOT_SHIPPED) & top
    assert not [n for n in names if re.search(r"(^|/)(synth|tests|scripts|bench)/", n)]
    # every module of every package, and every data table, is in the wheel
    for name, folder in _package_folders().items():
        base = name.replace(".", "/")
        for py in folder.glob("*.py"):
            assert f"{base}/{py.name}" in names, py
    data = _data_files()
    assert "baocao/extractors/data/laws.tsv" in data and "baocao/normalizers/data/tcvn3.tsv" in data
    assert data <= set(names), sorted(data - set(names))
    (top_level,) = [n for n in names if n.endswith(".dist-info/top_level.txt")]
    assert zipfile.ZipFile(wheel).read(top_level).decode().split() == ["baocao"]
    (meta,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    entry_points = zipfile.ZipFile(wheel).read(meta).decode()
    assert "baocao = baocao.pipeline.surfaces.cli:main" in entry_points


@pytest.mark.slow
def test_readme_library_call_prints_records():
    """The issue's check, as a user types it, from the checkout."""
    report = sorted(CORPUS.glob("000_*.txt"))[0].relative_to(REPO).as_posix()
    code = f"import baocao; print(baocao.extract(open({report!r}, encoding='utf-8').read()))"
    r = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    first, *rest = r.stdout.splitlines()
    m = re.fullmatch(r"DocumentResult\(BC /BC-UBND None, (\d+) citations, (\d+) dates, (\d+) statistics\)", first)
    assert m, r.stdout
    n_cit, n_dates, n_stats = map(int, m.groups())
    assert n_cit >= 20 and n_dates >= 20 and n_stats >= 5, r.stdout
    # then the records themselves, each with page, span and printed text
    assert "  issuer: UBND thị trấn Thanh Miện" in rest
    for name, n in (("citation", n_cit), ("date", n_dates), ("statistic", n_stats)):
        got = [ln for ln in rest if re.match(rf"  {name} p\d+ \[\d+:\d+\] .+ \u2190 '.+' \(confidence [0-9.]+\)$", ln)]
        assert len(got) == n, (name, n, got[:3])
    assert any("61/2023/NĐ-CP" in ln for ln in rest)


def test_library_records_carry_spans_and_confidences():
    import baocao

    text = (CORPUS / sorted(p.name for p in CORPUS.glob("000_*.txt"))[0]).read_text(encoding="utf-8")
    r = baocao.extract(text, source="000.txt")
    assert r.document["source_path"] == "000.txt" and r.header["doc_type"] == "BC"
    assert r.header["issuer"] == "UBND thị trấn Thanh Miện"
    keys = {c["key"] for c in r.citations}
    assert {"1515/UBND-NV", "61/2023/NĐ-CP", "120-KL/TW"} <= keys
    for rows in (r.citations, r.dates, r.statistics):
        assert rows
        for row in rows:
            assert r.text[row["char_start"]:row["char_end"]] == row["raw"]
            assert 0 < row["confidence"] <= 1 and row["page"] >= 1
