"""The README says true things: its two commands, the fast lane, the library
example and the layout section match the tree."""
from __future__ import annotations

import contextlib
import io
import re

from conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.S)


def _recipe(target: str) -> str:
    m = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", MAKEFILE, flags=re.M)
    assert m, target
    return m.group(1)


def test_the_first_two_commands_and_the_fast_lane():
    first = [ln.split("#")[0].strip() for ln in _blocks("bash")[0].strip().splitlines()]
    assert first == ["make run", "make test"]
    assert "baocao run data/raw --out data/processed" in _recipe("run")
    test = _recipe("test")
    assert "-m pytest" in test and " -m " not in test.replace("-m pytest", "")   # the whole suite
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert '-m "not slow and not ocr"' in _recipe("check")
    assert "`make check`" in README and '-m "not slow and not ocr"`' in README
    for target in ("run", "test", "check"):
        assert re.search(rf"^{target}: setup$", MAKEFILE, flags=re.M), target


def test_the_library_example_runs(monkeypatch):
    section = README.split("### As a library", 1)[1]
    code = re.search(r"```python\n(.*?)```", section, flags=re.S).group(1)
    assert len(code.strip().splitlines()) == 3
    monkeypatch.chdir(REPO)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {})
    number, keys = out.getvalue().split(" ", 1)
    assert number == "/BC-UBND" and "1515/UBND-NV" in keys


def test_the_layout_section_names_the_tree():
    block = README.split("## Layout", 1)[1].split("```", 2)[1]
    entries = re.findall(r"^( *)(\S+/)", block, flags=re.M)
    parent = None
    named_top = set()
    for indent, name in entries:
        if not indent:
            parent = REPO / name
            named_top.add(name.rstrip("/").split("/")[0])
            assert parent.is_dir(), name
        else:
            assert (parent / name).is_dir(), (parent, name)
    folders = {p.name for p in REPO.iterdir() if p.is_dir() and not p.name.startswith(".")
               and p.name not in ("build", "dist") and not p.name.endswith(".egg-info")}
    assert folders <= named_top, sorted(folders - named_top)
    # every module the layout names by file name exists
    for module in re.findall(r"\b([a-z_]+\.py)\b", block):
        assert list(REPO.glob(f"*/{module}")) + list(REPO.glob(f"*/*/{module}")) + list(
            REPO.glob(f"*/*/*/{module}")), module
