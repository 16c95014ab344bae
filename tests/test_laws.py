"""The law registry (extractors/data/laws.tsv) and laws cited by name: the
version a mention names, amending laws, and what the archive teaches.

Examples are written for these tests (not copied from documents)."""
from __future__ import annotations

import re
from datetime import date

import pytest

from baocao.extractors import laws
from baocao.extractors.citations import extract_citations
from baocao.extractors.laws import NUMBER_RE, extract_named_laws
from baocao.pipeline.runner.links import ArchiveLinks


# -- the registry ------------------------------------------------------------------

ROWS = [law for law, _ in laws.laws()]


def _iso(s):
    return date.fromisoformat(s)


def test_registry_is_broad():
    keys = {r.key for r in ROWS}
    assert len(ROWS) >= 350
    # 2024–2025 laws the issue names, and the versions the rules below rely on
    for k in ("72/2025/QH15", "33/2024/QH15", "25/2018/QH14", "45/2013/QH13", "80/2025/QH15", "97/2025/QH15",
              "31/2024/QH15", "63/2025/QH15", "64/2025/QH15", "39/2024/QH15", "60/2024/QH15",
              # citizen reception, complaints, inspection, civil servants: the 2025 laws
              "84/2025/QH15", "136/2025/QH15", "129/2025/QH15", "87/2025/QH15", "121/2025/QH15"):
        assert k in keys, k
    kinds = {r.kind for r in ROWS}
    assert kinds == {"Luật", "Bộ luật", "Pháp lệnh", "Hiến pháp"}


# Dates a public text states (see the source column of these rows): they must not drift.
@pytest.mark.parametrize("key, adopted, effective", [
    ("72/2025/QH15", "2025-06-16", "2025-06-16"),
    ("65/2025/QH15", "2025-02-19", "2025-03-01"),
    ("63/2025/QH15", "2025-02-18", "2025-03-01"),
    ("64/2025/QH15", "2025-02-19", "2025-04-01"),
    ("33/2024/QH15", "2024-06-21", "2025-07-01"),
    ("31/2024/QH15", "2024-01-18", "2024-08-01"),
    ("60/2024/QH15", "2024-11-30", "2025-07-01"),
    ("84/2025/QH15", "2025-06-25", "2025-07-01"),
    ("136/2025/QH15", "2025-12-10", "2026-07-01"),
    ("129/2025/QH15", "2025-12-10", "2026-07-01"),
    ("10/2022/QH15", "2022-11-10", "2023-07-01"),
    ("11/2003/QH11", "2003-11-26", None),
])
def test_registry_dates_a_source_states(key, adopted, effective):
    law = laws.by_key()[key]
    assert (law.date, law.effective) == (adopted, effective)
    assert not law.source.startswith("unverified:")


# The legislature (khóa) that sat in each year: a number's QHkk must be one of that year's.
LEGISLATURES = {9: (1992, 1997), 10: (1997, 2002), 11: (2002, 2007), 12: (2007, 2011), 13: (2011, 2016),
                14: (2016, 2021), 15: (2021, 2026), 16: (2026, 2031)}
SOURCE_RE = re.compile(r"^(?:https?://\S+|[\w.-]+/[\w.-]+/\S+"
                       r"|secondary:(?:[\w.-]+/[\w.-]+:\S+|gh-index:\d+)"
                       r"|unverified:https://vbpl\.vn/\S+)$")


def _on(law):
    """The day a row is dated by: its adoption date, else the end of its number's year."""
    return law.date or f"{law.year}-12-31"


@pytest.mark.parametrize("law", ROWS, ids=lambda r: r.key or r.title + (r.date or ""))
def test_registry_row(law):
    if law.kind == "Hiến pháp":
        assert law.key is None and law.date      # the Constitution has no number
    else:
        assert law.key and NUMBER_RE.match(law.key), law.key
    assert law.title.startswith(law.kind if law.kind != "Luật" else "Luật"), law.title
    for d in (law.date, law.effective):
        if d:
            _iso(d)                               # dates parse
    if law.date and law.effective:
        assert _iso(law.effective) >= _iso(law.date)
    if law.key:
        m = re.search(r"/((?:19|20)\d\d)/", law.key)
        if m:
            year = int(m.group(1))
            if law.date:
                assert year == int(law.date[:4]), (law.key, law.date)
            q = re.search(r"QH(\d+)$", law.key)
            assert q, law.key
            lo, hi = LEGISLATURES[int(q.group(1))]
            assert lo <= year <= hi, (law.key, "legislature", q.group(1), "did not sit in", year)
        else:                                     # the old N-L/CTN numbers: before 1998 only
            assert law.date and law.date < "1998", (law.key, law.date)
    keys = laws.by_key()
    for n in law.replaces:
        assert n in keys, (law.key, "replaces", n, "which the table lacks")
        assert _on(keys[n]) < _on(law), (law.key, "replaces the younger", n)
    for n in law.amends:
        assert n in keys, (law.key, "amends", n, "which the table lacks")
        assert _on(keys[n]) <= _on(law), (law.key, "amends the younger", n)
    assert law.source and SOURCE_RE.match(law.source), law.source
    if law.source.startswith("unverified:") and law.key:
        assert law.source.endswith("Keyword=" + law.key), law.source   # the lookup of its own number


def test_registry_numbers_unique():
    keys = [r.key for r in ROWS if r.key]
    assert len(keys) == len(set(keys))


def test_registry_versions_are_told_apart():
    """Versions of one name differ by adoption date; two of one year both carry their date
    (the printed date then tells them apart, the printed year says none)."""
    seen: dict = {}
    for law, aliases in laws.laws():
        for name in {laws.fold_name(n) for n in (law.title, *aliases)}:
            seen.setdefault((law.kind, name), []).append(law)
    for (kind, name), versions in seen.items():
        on = [_on(v) for v in versions]
        assert len(on) == len(set(on)), (name, [v.key for v in versions])
        for y in {v.year for v in versions}:
            same = [v for v in versions if v.year == y]
            if len(same) > 1:
                assert all(v.date for v in same), (name, y, [v.key for v in same])


def test_number_shapes():
    for good in ("72/2025/QH15", "34/2007/PL-UBTVQH11", "02/2020/UBTVQH14", "24-L/CTN"):
        assert NUMBER_RE.match(good), good
    for bad in ("72/2025/NĐ-CP", "QH15", "72/25/QH15", "120-KL/TW"):
        assert not NUMBER_RE.match(bad), bad


# -- the version a mention names -----------------------------------------------------

@pytest.mark.parametrize("text, doc_date, key, how", [
    # the date or year printed with the name
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", None, "72/2025/QH15", "printed-date"),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19/6/2015;", "2025-09-01", "77/2015/QH13", "printed-date"),
    ("theo Luật Đất đai 2013", "2025-01-01", "45/2013/QH13", "printed-year"),
    ("Luật Đất đai năm 2024 có hiệu lực", None, "31/2024/QH15", "printed-year"),
    ("Luật Tố cáo năm 2011", "2024-04-01", "03/2011/QH13", "printed-year"),
    ("Luật Tố cáo năm 2015", None, None, "none"),                   # no version of that year
    # a year no version was adopted in, but an amending law amended one in: that one
    ("theo Luật Khiếu nại, tố cáo năm 2005", "2010-01-01", "09/1998/QH10", "printed-year-of-amendment"),
    ("thi hành Luật Cán bộ, công chức năm 2019", "2020-01-01", "22/2008/QH12", "printed-year-of-amendment"),
    # else the one in force on the citing document's date
    ("giải quyết đơn theo Luật Tố cáo.", "2024-04-01", "25/2018/QH14", "in-force-on-doc-date"),
    ("giải quyết đơn theo Luật Tố cáo.", "2015-04-01", "03/2011/QH13", "in-force-on-doc-date"),
    ("theo Luật Đất đai", "2024-03-15", "45/2013/QH13", "in-force-on-doc-date"),   # 2024 law not yet in effect
    ("theo Luật Đất đai", "2024-09", "31/2024/QH15", "in-force-on-doc-date"),      # month-only date
    ("thi hành Luật Cán bộ, công chức", "2025-08-20", "80/2025/QH15", "in-force-on-doc-date"),
    ("thi hành Luật Cán bộ, công chức", "2019-03-01", "22/2008/QH12", "in-force-on-doc-date"),
    # else null: an undated text and several versions
    ("theo Luật Đất đai", None, None, "none"),
    ("theo Luật Tiếp công dân", None, "42/2013/QH13", "only-version"),
    # the 2025 laws on inspection and on public employees take over on their effective dates
    ("kết luận theo Luật Thanh tra.", "2025-09-15", "84/2025/QH15", "in-force-on-doc-date"),
    ("kết luận theo Luật Thanh tra.", "2025-06-30", "11/2022/QH15", "in-force-on-doc-date"),
    ("tuyển dụng theo Luật Viên chức", "2026-03-02", "58/2010/QH12", "in-force-on-doc-date"),
    ("tuyển dụng theo Luật Viên chức", "2026-08-01", "129/2025/QH15", "in-force-on-doc-date"),
    # two versions adopted in 2025: the year alone does not tell them apart; the one of
    # them in force on the citing document's date does, else nothing
    ("Luật Tổ chức chính quyền địa phương năm 2025", "2025-09-01", "72/2025/QH15", "printed-year+in-force"),
    ("Luật Tổ chức chính quyền địa phương năm 2025", "2025-04-01", "65/2025/QH15", "printed-year+in-force"),
    ("Luật Tổ chức chính quyền địa phương năm 2025", "2025-01-10", None, "none"),
    ("Luật Tổ chức chính quyền địa phương năm 2025", None, None, "none"),
    ("Luật Tổ chức chính quyền địa phương ngày 19/02/2025", "2025-09-01", "65/2025/QH15", "printed-date"),
    # a version whose dates the registry lacks counts from the end of its number's year
    ("theo Luật Đường sắt", "2025-09-01", "06/2017/QH14", "in-force-on-doc-date"),
    ("theo Luật Đường sắt", "2026-03-01", "95/2025/QH15", "in-force-on-doc-date"),
])
def test_version_by_date(text, doc_date, key, how):
    named = [c for c in extract_citations(text, doc_date=doc_date) if c.form == "named"]
    assert len(named) == 1, [(c.title, c.raw) for c in named]
    assert (named[0].key, named[0].resolved_by) == (key, how)
    assert text[named[0].start:named[0].end] == named[0].raw


@pytest.mark.parametrize("text", [
    "Nghị định số 43/2014/NĐ-CP được sửa đổi, bổ sung bởi Luật Đất đai số 31/2024/QH15",
    "Căn cứ Luật Đất đai số 31/2024/QH15 ngày 18 tháng 01 năm 2024",
])
def test_a_law_named_with_its_own_number_is_one_row(text):
    laws_ = [c for c in extract_citations(text) if c.kind == "Luật"]
    assert [(c.key, c.form, c.title) for c in laws_] == [("31/2024/QH15", "full", "Luật Đất đai")]


def test_printed_number_says_so():
    c, = extract_citations("Luật Lưu trữ số 33/2024/QH15 ngày 21/6/2024")
    assert (c.key, c.form, c.title, c.resolved_by) == ("33/2024/QH15", "full", "Luật Lưu trữ", "printed-number")


# -- amending laws ---------------------------------------------------------------------

@pytest.mark.parametrize("text, doc_date, expect", [
    # the amending law by number, then the laws it amends by name: each its own citation,
    # each amended law the version in force when the amending law was adopted
    ("Căn cứ Luật số 47/2019/QH14 sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và "
     "Luật Tổ chức chính quyền địa phương;", "2026-01-05",
     [("47/2019/QH14", "full"), ("76/2015/QH13", "named"), ("77/2015/QH13", "named")]),
    # the amending law by its full name, its number after it
    ("Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số 52/2019/QH14",
     "2024-01-01", [("52/2019/QH14", "full"), ("22/2008/QH12", "named"), ("58/2010/QH12", "named")]),
    # by its full name and year: the year is the amending law's, not the amended laws'
    ("Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức năm 2019",
     "2026-01-01", [("52/2019/QH14", "named"), ("22/2008/QH12", "named"), ("58/2010/QH12", "named")]),
    # the 2025 law amending the three citizen-reception laws, by its full name and number
    ("Luật sửa đổi, bổ sung một số điều của Luật Tiếp công dân, Luật Khiếu nại, Luật Tố cáo "
     "số 136/2025/QH15", "2026-08-01",
     [("136/2025/QH15", "full"), ("42/2013/QH13", "named"), ("02/2011/QH13", "named"), ("25/2018/QH14", "named")]),
    # an amending law the registry has no name for: the number's year dates the amended law
    ("Luật số 99/2026/QH15 sửa đổi, bổ sung một số điều của Luật Tố cáo;", "2026-05-01",
     [("99/2026/QH15", "full"), ("25/2018/QH14", "named")]),
])
def test_amending_laws(text, doc_date, expect):
    cs = extract_citations(text, doc_date=doc_date)
    assert [(c.key, c.form) for c in cs] == expect, [(c.key, c.form, c.title, c.raw) for c in cs]
    amended = [c for c in cs if c.form == "named" and c.key != expect[0][0]]
    assert all(c.resolved_by == "amended-law" for c in amended), [(c.key, c.resolved_by) for c in amended]


def test_amended_name_keeps_its_own_row_when_the_number_is_the_amending_laws():
    # the number printed after the amended law's name is the amending law's
    cs = extract_citations("Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 12/2026/QH15", doc_date="2026-06-01")
    assert {(c.key, c.form) for c in cs} == {("12/2026/QH15", "full"), ("31/2024/QH15", "named")}
    full = next(c for c in cs if c.form == "full")
    assert full.title is None


# -- laws the registry does not know -----------------------------------------------

@pytest.mark.parametrize("text, title", [
    ("theo Luật Bảo vệ rạn san hô hiện hành", "Luật Bảo vệ rạn san hô"),
    ("Luật Ngư nghiệp và nuôi trồng năm 2030", "Luật Ngư nghiệp và nuôi trồng"),
    ("Luật Nuôi ong, chăm sóc tổ ong số 7/2031/QH16", "Luật Nuôi ong, chăm sóc tổ ong"),
])
def test_unknown_law_name(text, title):
    cs = extract_citations(text)
    assert any(c.title == title for c in cs), [(c.title, c.raw) for c in cs]


@pytest.mark.parametrize("text", ["Luật này có hiệu lực", "LUẬT", "theo Luật sư", "Luật, Nghị định",
                                  "Hội Luật gia xã An Bình", "Văn phòng Luật Sư Hoàng Anh", "Hội Luật Gia tỉnh"])
def test_not_a_law_name(text):
    assert [c for c in extract_named_laws(text) if c.title != "Hiến pháp"] == []


@pytest.mark.parametrize("text, key", [
    ("Luật Giá năm 2023", "16/2023/QH15"),
    ("Luat Gia nam 2023", "16/2023/QH15"),      # a text without marks, capitalised
])
def test_one_word_law_names(text, key):
    assert [c.key for c in extract_named_laws(text)] == [key]


# -- the archive teaches the registry -------------------------------------------------

def _cits(text, doc_date=None):
    return [c.as_row() for c in extract_citations(text, doc_date=doc_date)]


def _links(docs):
    """ArchiveLinks over {doc_id: (issue_date, text)}; returns the filled citation rows."""
    lk, cites = ArchiveLinks(), {}
    rows = {d: _cits(t, dt) for d, (dt, t) in docs.items()}
    for d, (dt, t) in docs.items():
        lk.add(d, {"doc_number": None, "issue_date": dt}, rows[d], cites)
    lk.decide(cites)
    for d in docs:
        lk.fill({"doc_id": d}, {"citations": rows[d]})
    return rows


def test_archive_pair_resolves_bare_name_elsewhere():
    rows = _links({
        "a": ("2026-02-01", "Căn cứ Luật Bảo vệ rạn san hô số 7/2026/QH15 ngày 10/01/2026;"),
        "b": ("2026-05-01", "Tuyên truyền Luật Bảo vệ rạn san hô đến người dân."),
    })
    named = [c for c in rows["b"] if c["form"] == "named"]
    assert len(named) == 1
    c = named[0]
    assert (c["key"], c["resolved_by"], c["learned_from"]) == ("7/2026/QH15", "archive", "a")
    assert c["confidence"] < 0.85          # lower than a registry match


@pytest.mark.parametrize("docs, why", [
    # a citing document dated before the law's year
    ({"a": ("2026-02-01", "Luật Bảo vệ rạn san hô số 7/2026/QH15"), "b": ("2025-05-01", "Luật Bảo vệ rạn san hô")},
     "later law"),
    # the year printed with the mention is not the number's
    ({"a": ("2026-02-01", "Luật Bảo vệ rạn san hô số 7/2026/QH15"), "b": ("2031-05-01", "Luật Bảo vệ rạn san hô năm 2030")},
     "other year"),
    # one name printed with two numbers: nothing decides
    ({"a": ("2026-02-01", "Luật Bảo vệ rạn san hô số 7/2026/QH15"),
      "c": ("2031-02-01", "Luật Bảo vệ rạn san hô số 9/2030/QH16"),
      "b": ("2032-05-01", "Luật Bảo vệ rạn san hô")}, "two numbers"),
])
def test_archive_never_guesses(docs, why):
    rows = _links(docs)
    named = [c for c in rows["b"] if c["form"] == "named"]
    assert named and all(c["key"] is None and c["resolved_by"] == "none" for c in named), (why, named)


def test_what_is_built_from_the_registry_follows_a_new_reading_of_it(tmp_path, monkeypatch):
    """The indexes built from laws.tsv (replaced numbers, amendment years) are built
    again when the table is read again (a new file version), never left from before."""
    before = laws._amended_in()
    assert 2003 not in before.get("09/1998/QH10", ())
    table = tmp_path / "laws.tsv"
    table.write_text(laws.LAWS_TABLE.path.read_text(encoding="utf-8")
                     + "99/2003/QH11\tLuật\tLuật sửa đổi, bổ sung một số điều của Luật Khiếu nại, tố cáo"
                       "\t2003-06-01\t\t\t09/1998/QH10\tunverified:test\t\n", encoding="utf-8")
    monkeypatch.setattr(laws.LAWS_TABLE, "path", table)
    assert 2003 in laws._amended_in()["09/1998/QH10"]
