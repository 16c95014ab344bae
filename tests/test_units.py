"""Administrative units (extractors/units.py): small made-up headers for each case.

Expected units are the official ones of the pre-2025 and 2025 lists shipped
by vietnamadminunits (codes from the General Statistics Office list)."""
from __future__ import annotations

import subprocess
import sys

import pytest

import baocao
from baocao.extractors.units import COLUMNS, resolve_unit


def _header(unit_line: str, place: str, date: str, body: str = "") -> str:
    return (f"ỦY BAN NHÂN DÂN\n{unit_line}\nSố: 12/BC-UBND\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            f"{place}, {date}\nBÁO CÁO\nKết quả thực hiện dân chủ ở cơ sở năm 2024\n{body}\n")


@pytest.mark.parametrize("issuer, location, date, text, want", [
    # merged commune: Xã Song Vân (Tân Yên, Bắc Giang) went into Xã Ngọc Thiện, Bắc Ninh
    ("UBND xã Song Vân", "Song Vân", "2024-01-11", "",
     dict(commune="Xã Song Vân", district="Huyện Tân Yên", province="Tỉnh Bắc Giang", unit_code="07345",
          commune_2025="Xã Ngọc Thiện", province_2025="Tỉnh Bắc Ninh", unit_match="exact")),
    # all caps, no level word: still the one Song Vân, but fuzzy
    ("UBND SONG VÂN", "Song Vân", "2024-01-11", "",
     dict(commune="Xã Song Vân", unit_match="fuzzy")),
    # unmarked name (stripped OCR) with its level word
    ("UBND thị trấn Binh Duong", "Binh Duong", "2024-06-24", "",
     dict(commune="Thị trấn Bình Dương", district="Huyện Phù Mỹ", province="Tỉnh Bình Định", unit_code="21733",
          province_2025="Tỉnh Gia Lai", unit_match="fuzzy")),
    # shared name, told apart by the district the text names
    ("UBND Phường 4", "Phường 4", "2024-11-05", "Thực hiện Kế hoạch của UBND thành phố Đông Hà về ...",
     dict(commune="Phường 4", district="Thành phố Đông Hà", province="Tỉnh Quảng Trị", unit_code="19345",
          commune_2025="Phường Đông Hà", unit_match="exact")),
    # abbreviation and a zero-padded number; the date-line place names the city
    ("UBND P.04", "TP. Đông Hà", "2024-11-05", "",
     dict(commune="Phường 4", district="Thành phố Đông Hà", unit_match="exact")),
    # district abolished in 2025: no 2025 commune, its province goes on
    ("UBND huyện Tân Yên", "Tân Yên", "2024-03-01", "",
     dict(district="Huyện Tân Yên", province="Tỉnh Bắc Giang", commune=None, unit_level="district",
          unit_code="216", province_2025="Tỉnh Bắc Ninh", commune_2025=None, unit_match="exact")),
    # province merged: Kiên Giang → An Giang
    ("Sở Y tế tỉnh Kiên Giang", "Kiên Giang", "2024-05-02", "",
     dict(province="Tỉnh Kiên Giang", unit_level="province", unit_code="91", province_2025="Tỉnh An Giang",
          unit_match="exact")),
    # a commune split in 2025: the main successor, every part in the evidence
    ("UBND thị trấn Thanh Miện", "Thanh Miện", "2024-06-01", "",
     dict(commune="Thị trấn Thanh Miện", commune_2025="Xã Thanh Miện", province_2025="Thành phố Hải Phòng")),
    # a former name (merged into Thị trấn Thanh Miện before 2025), placed by the text
    ("UBND xã Hùng Sơn", "Hùng Sơn", "2024-05-01", "Kế hoạch của UBND huyện Thanh Miện, tỉnh Hải Dương",
     dict(commune="Thị trấn Thanh Miện", unit_match="fuzzy")),
    # dated after 1 July 2025: the 2025 list, no district
    ("UBND xã Ngọc Thiện", "Ngọc Thiện", "2025-09-01", "",
     dict(commune="Xã Ngọc Thiện", district=None, province="Tỉnh Bắc Ninh", commune_2025="Xã Ngọc Thiện",
          unit_match="exact")),
    # no local unit
    ("Thủ tướng Chính phủ", None, "2004-06-25", "", dict(unit_match="none", province=None)),
    ("UBND xã Không Có Thật", None, "2024-01-01", "", dict(unit_match="none", commune=None)),
])
def test_resolve_unit(issuer, location, date, text, want):
    got = resolve_unit(issuer, location, date, text)
    assert set(got) == set(COLUMNS)
    for k, v in want.items():
        assert got[k] == v, (k, got)
    assert got["unit_evidence"]


def test_ambiguous_name_lists_every_candidate_and_never_guesses():
    got = resolve_unit("UBND xã Bình Dương", "Bình Dương", "2024-01-01", "")
    assert got["unit_match"] == "ambiguous"
    assert got["commune"] is None and got["unit_code"] is None and got["province"] is None
    cands = got["unit_candidates"].split("; ")
    assert len(cands) >= 4
    assert "Xã Bình Dương, Huyện Gia Bình, Tỉnh Bắc Ninh (09475)" in cands
    # the text's province decides
    got = resolve_unit("UBND xã Bình Dương", "Bình Dương", "2024-01-01", "Thực hiện Kế hoạch của UBND tỉnh Bắc Ninh")
    assert (got["unit_match"], got["district"]) == ("exact", "Huyện Gia Bình")
    # two provinces, each with a Bình Dương: still ambiguous
    got = resolve_unit("UBND xã Bình Dương", None, "2024-01-01", "tỉnh Bắc Ninh và tỉnh Quảng Nam")
    assert got["unit_match"] == "ambiguous"
    assert "tỉnh Bắc Ninh" in got["unit_evidence"] and "tỉnh Quảng Nam" in got["unit_evidence"]


def test_lower_case_words_after_a_level_word_are_not_names():
    # "tỉnh về" / "huyện tổ chức" are not places; the one Song Vân still resolves
    got = resolve_unit("UBND xã Song Vân", None, "2024-01-01", "Báo cáo tỉnh về việc huyện tổ chức")
    assert got["unit_match"] == "exact" and "the text names" not in got["unit_evidence"]


def test_document_rows_carry_the_unit():
    text = _header("XÃ SONG VÂN", "Song Vân", "ngày 11 tháng 01 năm 2024",
                   "Thực hiện Kế hoạch của UBND huyện Tân Yên, tỉnh Bắc Giang.")
    doc = baocao.extract(text).document
    assert doc["commune"] == "Xã Song Vân" and doc["unit_code"] == "07345"
    assert doc["commune_2025"] == "Xã Ngọc Thiện" and doc["unit_match"] == "exact"
    assert "huyện Tân Yên" in doc["unit_evidence"]


@pytest.mark.slow
def test_units_load_lazily_offline_and_without_the_packages_parser():
    """Importing the pipeline loads no unit list; resolving reads the package's
    files with the network switched off and never imports its parser (shapely, geopy)."""
    code = (
        "import socket, sys\n"
        "def no(*a, **k): raise OSError('network used')\n"
        "socket.socket.connect = no; socket.create_connection = no\n"
        "import baocao.pipeline.stages.process\n"
        "from baocao.extractors import admin_units\n"
        "assert admin_units.lists.cache_info().currsize == 0\n"
        "from baocao.extractors.units import resolve_unit\n"
        "r = resolve_unit('UBND xã Song Vân', None, '2024-01-01', '')\n"
        "assert r['unit_code'] == '07345', r\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('vietnamadminunits', 'shapely', 'geopy')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_failing_resolver_is_a_warning_not_a_lost_document():
    from baocao.pipeline.stages.ingest import Page
    from baocao.pipeline.stages.process import finish_document

    def broken(*a):
        raise RuntimeError("lists missing")

    text = _header("XÃ SONG VÂN", "Song Vân", "ngày 11 tháng 01 năm 2024")
    r = finish_document("x", "txt", [Page(number=1, text=text, source="text")], extractors={"units": broken})
    doc = r["document"]
    assert doc["unit_match"] is None and doc["doc_number"] == "12/BC-UBND"
    assert "extractor units failed: RuntimeError: lists missing" in doc["warnings"]
    assert doc["needs_review"]


@pytest.mark.slow
def test_show_and_report_use_the_units(tmp_path):
    from baocao.pipeline.runner.run import Options, run
    from baocao.pipeline.surfaces.query import format_show, show
    from baocao.pipeline.surfaces.report import write_report

    arch = tmp_path / "arch"
    arch.mkdir()
    (arch / "a.txt").write_text(_header("XÃ SONG VÂN", "Song Vân", "ngày 11 tháng 01 năm 2024",
                                        "Thực hiện Kế hoạch của UBND huyện Tân Yên."), encoding="utf-8")
    out = tmp_path / "out"
    run(Options(archive=arch, out=out, workers=1, progress=False, ocr="never"))
    info = show(out, "a.txt")
    assert info["document"]["commune"] == "Xã Song Vân"
    assert info["document"]["commune_2025"] == "Xã Ngọc Thiện"
    text = format_show(info)
    assert "province_2025" in text and "Tỉnh Bắc Ninh" in text and "unit_match" in text
    index = write_report(out).read_text(encoding="utf-8")
    assert "Xã Song Vân, Huyện Tân Yên, Tỉnh Bắc Giang" in index
    assert "Xã Ngọc Thiện, Tỉnh Bắc Ninh" in index
