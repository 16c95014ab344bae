"""canonical_key: one spelling for every way a number/symbol is printed."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from baocao.extractors import codes
from baocao.extractors.canonical import canonical_key, canonicalize


@pytest.mark.parametrize("printed, key", [
    # the shapes of numbering.md, already canonical
    ("59/2023/NĐ-CP", "59/2023/NĐ-CP"),
    ("34/2007/PL-UBTVQH11", "34/2007/PL-UBTVQH11"),
    ("10/2022/QH15", "10/2022/QH15"),
    ("120-KL/TW", "120-KL/TW"),
    ("11-QĐi/TW", "11-QĐi/TW"),
    ("131-QĐ/ĐU", "131-QĐ/ĐU"),
    ("166/KH-UBND", "166/KH-UBND"),
    ("1515/UBND-NV", "1515/UBND-NV"),
    ("9086/BNV-CTTN&BĐG", "9086/BNV-CTTN&BĐG"),
    ("01/2024/QĐ-UBND", "01/2024/QĐ-UBND"),
    # spacing, dashes, line breaks
    ("65/KH - UBND", "65/KH-UBND"),
    ("18- NQ/TW", "18-NQ/TW"),
    ("120- KL/TW", "120-KL/TW"),
    ("05-CT/ TW", "05-CT/TW"),
    ("86/2023/NĐ-\n\nCP", "86/2023/NĐ-CP"),
    ("59/2023/NĐ–CP", "59/2023/NĐ-CP"),
    ("59/2023/NĐ—CP", "59/2023/NĐ-CP"),
    ("218- -QD/TW", "218-QĐ/TW"),
    # case
    ("24/CT-TTg", "24/CT-TTG"),
    ("11-QDI/TW", "11-QĐi/TW"),
    ("11-qđi/tw", "11-QĐi/TW"),
    # a lost Đ restored from the tables
    ("59/2023/ND-CP", "59/2023/NĐ-CP"),
    ("01/2024/QD-UBND", "01/2024/QĐ-UBND"),
    ("120/2023/NQ-HDND", "120/2023/NQ-HĐND"),
    ("131-QD/DU", "131-QĐ/ĐU"),
    ("61/2023/NĐCP", "61/2023/NĐ-CP"),
    ("61/2023/NDCP", "61/2023/NĐ-CP"),
    # OCR letter confusions
    ("59/2023/NP-CP", "59/2023/NĐ-CP"),
    ("217-QB/TW", "217-QĐ/TW"),
    ("217-Qb/TW", "217-QĐ/TW"),
    ("l5/KH-UBND", "15/KH-UBND"),
    ("I20-KL/TW", "120-KL/TW"),
    ("99-QĐÐ/TW", "99-QĐ/TW"),      # Tesseract vie doubled the Đ (second one an eth)
    ("4512/BNN-VP", "4512/BNN-VP"),  # a ministry code with a doubled letter is the issuer, not the type BN
    ("15/BNNMT-KH", "15/BNNMT-KH"),
    ("131-QĐ/ĐÐU", "131-QĐ/ĐU"),
    ("12/TTr-UBND", "12/TTR-UBND"),   # a real double letter stays
    ("12-QĐ/ĐĐ", "12-QĐ/ĐĐ"),         # ĐĐ (Đảng đoàn) is a body of its own
    ("2O/KH-UBND", "20/KH-UBND"),
    # leading zeros kept
    ("04/2015/NĐ-CP", "04/2015/NĐ-CP"),
    ("0125/KH-UBND", "0125/KH-UBND"),
    # a number left blank (a header's own number)
    ("/BC-UBND", "/BC-UBND"),
    ("…/BC-UBND", "/BC-UBND"),
    ("....../BC-UBND", "/BC-UBND"),
    ("Số: 04/BC-UBND", "04/BC-UBND"),
    ("Sb: 78 /BC-UBND", "78/BC-UBND"),
])
def test_canonical_key(printed, key):
    assert canonical_key(printed) == key


@pytest.mark.parametrize("printed, key", [
    ("1/HD-UBND", "1/HD-UBND"),    # HD is Hướng dẫn: never rewritten as HĐ
    ("5/DA-UBND", "5/DA-UBND"),    # DA is Dự án, not ĐA
    ("12/NP-UBND", "12/NP-UBND"),  # NP (old Giấy nghỉ phép) becomes NĐ only before CP
    ("3/QC-UBND", "3/QC-UBND"),
])
def test_d_is_restored_from_tables_not_blindly(printed, key):
    assert canonical_key(printed) == key


@pytest.mark.parametrize("junk", [
    "", "x", "2021-2026", "990/1004", "80,43/100", "12/2024", "04/04", "59/2023",
    "9/10", "COVID-19", "123/HDANN", "3/Khu", "1/1/2024", "Nghị định", "abc/def",
    "12/ĐÔNG", "1" * 90,
    "12/A-B",         # unknown one-letter "codes"
    "12/Abc-Def",     # words, not codes: unknown segments must be capitals
    "5/Khu-Phố",
])
def test_not_a_symbol(junk):
    assert canonical_key(junk) is None


@pytest.mark.parametrize("printed, repaired", [
    ("59/2023/NĐ-CP", False),
    ("65/KH - UBND", False),
    ("59/2023/ND-CP", True),
    ("59/2023/NP-CP", True),
    ("l5/KH-UBND", True),
])
def test_repaired_flag(printed, repaired):
    assert canonicalize(printed)[1] is repaired


def test_code_tables_load_and_know_the_common_codes():
    t = codes.type_codes()
    for c in ("NQ", "QĐ", "QĐI", "KL", "NĐ", "PL", "KH", "BC", "TB", "CT", "TT"):
        assert c in t
    assert codes.kind_of_type("NĐ") == "Nghị định"
    assert codes.kind_of_type("qđi") == "Quy định"
    assert codes.issuer_code("QH15").name == "Quốc hội"
    assert codes.issuer_code("UBTVQH11").name == "Ủy ban Thường vụ Quốc hội"
    assert codes.issuer_code("QH") is not None and codes.issuer_code("UBND15") is None


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/-–. ĐđQDNPCKLHTWUBiIlOo&\n")), max_size=40))
def test_never_raises_and_output_is_canonical(s):
    k = canonical_key(s)
    if k is not None:
        assert " " not in k and "\n" not in k and "–" not in k
        assert canonical_key(k) == k  # idempotent


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_on_any_text(s):
    canonical_key(s)
