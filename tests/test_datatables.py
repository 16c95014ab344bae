"""The one loader of the data tables (baocao.datatables): comments, header,
optional and typed columns; a malformed table fails loudly with its path and
line, at load and when a run or ``baocao.extract`` meets it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import baocao
from baocao.datatables import DataTable, DataTableError, check_all, data_folders, read_table
from baocao.extractors import confusions, laws
from baocao.pipeline.errors import ExitCode
from baocao.pipeline.surfaces.cli import main

REPO = Path(__file__).resolve().parents[1]

LAWS_TSV = """\
# Laws named in reports (a test copy)
number\tkind\tname\tadopted\teffective\treplaces\tamends\tsource\taliases
31/2024/QH15\tLuật\tLuật Đất đai\t2024-01-18\t2024-08-01\t\t\thttps://example.org/31-2024\tLuật Đất đai năm 2024
"""


def _write(tmp_path, text, name="t.tsv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_comments_header_optional_and_typed_columns(tmp_path):
    p = _write(tmp_path, "# a comment\n\nword\tlevel\tnote\nxã\t3\tsmall\n# inside\nphường\t3\n")
    rows = read_table(p, columns=("word",), optional=("note",), types={"level": int})
    assert [dict(r) for r in rows] == [{"word": "xã", "level": 3, "note": "small"},
                                       {"word": "phường", "level": 3, "note": ""}]
    assert [r.line for r in rows] == [4, 6]


def test_a_row_with_a_cell_too_many_or_too_few_names_its_path_and_line(tmp_path):
    p = _write(tmp_path, "# c\nword\tlevel\nxã\tcommune\nphường\tward\textra\n")
    with pytest.raises(DataTableError) as e:
        read_table(p)
    assert str(e.value).startswith(f"{p}:4: 3 cells, the header has 2 columns")
    assert (e.value.path, e.value.line) == (str(p), 4)
    p = _write(tmp_path, "word\tlevel\nxã\n", "short.tsv")
    with pytest.raises(DataTableError, match=re.escape(f"{p}:2: 1 cells, the header has 2 columns")):
        read_table(p)


def test_a_bad_value_and_a_missing_column_name_their_path_and_line(tmp_path):
    p = _write(tmp_path, "word\tlevel\nxã\t3\nphường\tba\n")
    with pytest.raises(DataTableError, match=re.escape(f"{p}:3: column level: bad value 'ba'")):
        read_table(p, types={"level": int})
    with pytest.raises(DataTableError, match=re.escape(f"{p}:1: header: no column type")):
        read_table(p, columns=("word", "type"))
    bad = tmp_path / "latin1.tsv"
    bad.write_bytes("word\nx\n".encode() + "Hà Giang\n".encode("latin-1"))
    with pytest.raises(DataTableError, match=re.escape(f"{bad}:3: not UTF-8")):
        read_table(bad)


def test_an_edited_table_is_read_again(tmp_path):
    p = _write(tmp_path, "word\nxã\n")
    t = DataTable(p, columns=("word",))
    assert [r["word"] for r in t.rows()] == ["xã"]
    p.write_text("word\nxã\nphường\n", encoding="utf-8")
    assert [r["word"] for r in t.rows()] == ["xã", "phường"]


def test_every_table_of_the_package_is_declared_and_well_formed():
    assert check_all() >= 14
    from baocao.datatables import _DECLARED

    files = {str(p.resolve()) for d in data_folders() for p in d.glob("*.tsv")}
    assert files and files <= set(_DECLARED), files - set(_DECLARED)
    # nothing else opens a data table: every loader goes through baocao.datatables
    for py in [*REPO.glob("extractors/*.py"), *REPO.glob("normalizers/*.py"), *REPO.glob("pipeline/**/*.py")]:
        src = py.read_text(encoding="utf-8")
        assert "csv.DictReader" not in src and not re.search(r"open\([^)]*\.tsv", src), py


def test_the_confusion_table_feeds_every_reader():
    assert "2O24 l5".translate(confusions.translation("digit")) == "2024 15"
    assert confusions.readings("code")["I"] == "T1"
    assert confusions.alternatives("caps") == {"O": "[O0]", "I": "[I1l]"}
    from baocao.extractors.numbers import number_view

    assert number_view("Tiếp nhận 1O2 hồ sơ, l5 vụ") == "tiep nhan 102 ho so, 15 vu"
    r = baocao.extract("ỦY BAN NHÂN DÂN\nHUYỆN THANH MIỆN\nSố: l2/BC-UBND\n\n"
                       "Thanh Miện, ngày 2O tháng O1 năm 2O24\n\nBÁO CÁO\nTình hình thực hiện")
    assert (r.header["doc_number"], r.header["issue_date"]) == ("12/BC-UBND", "2024-01-20")
    assert [d["date"] for d in r.dates] == ["2024-01-20"]


def _broken_laws(tmp_path, monkeypatch):
    bad = _write(tmp_path, LAWS_TSV + "10/2022/QH15\tLuật\tLuật Thực hiện dân chủ ở cơ sở\t10/11/2022\t\t\t\t\t\n", "laws.tsv")
    monkeypatch.setattr(laws.LAWS_TABLE, "path", bad)
    laws.registry.cache_clear()
    yield bad
    laws.registry.cache_clear()


@pytest.fixture
def broken_laws(tmp_path, monkeypatch):
    yield from _broken_laws(tmp_path, monkeypatch)


def test_a_run_with_a_malformed_table_stops_with_one_line(broken_laws, tmp_path, capsys):
    arch = tmp_path / "arch"
    arch.mkdir()
    (arch / "a.txt").write_text("Căn cứ Luật Đất đai năm 2024, UBND xã báo cáo.\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(["run", str(arch), "--out", str(out), "--ocr", "never", "--workers", "1"])
    err = capsys.readouterr().err
    assert code == ExitCode.FAILED == 1
    assert err.count("\n") == 1, err
    assert err.startswith(f"baocao: broken data table {broken_laws}:4: column adopted: bad value '10/11/2022'"), err
    assert not out.exists()  # nothing written, not an empty table


def test_extract_with_a_malformed_table_raises_instead_of_returning_no_rows(broken_laws):
    with pytest.raises(DataTableError, match=re.escape(f"{broken_laws}:4:")):
        baocao.extract("Căn cứ Luật Đất đai năm 2024, UBND xã báo cáo tình hình.\n")


def test_the_modules_the_forkserver_preloads_read_no_code_table_at_import():
    """The workers' forkserver imports its preload modules beside the run's table
    check (pipeline/runner/engines.py PRELOAD): a module that read type_codes.tsv or
    issuer_codes.tsv at import would print the broken table's traceback from the
    forkserver, besides the run's one line.  Here the code tables raise when read,
    and every preload module but the warm-up (which catches) must still import."""
    import subprocess
    import sys

    script = (
        "import baocao.extractors.codes as codes\n"
        "def boom(*a, **k):\n"
        "    raise RuntimeError('a code table read at import')\n"
        "for t in (codes.TYPE_TABLE, codes.ISSUER_TABLE):\n"
        "    t.rows = boom\n"
        "from baocao.pipeline.runner.engines import PRELOAD\n"
        "import importlib\n"
        "for name in PRELOAD:\n"
        "    if not name.endswith('.warm'):\n"
        "        importlib.import_module(name)\n"
        "print('ok')\n")
    r = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr[-2000:]
