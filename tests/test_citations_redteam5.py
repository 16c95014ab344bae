"""Issue 14, citations round 5: the classes fixed in this round, each table-driven
on small examples written for the test.

* a law split into several successor laws: each its own span when a plural
  anchor's list names each, one shared span with a note when one printed
  name stands for all.
"""
import pytest

from baocao.extractors.citations import extract_citations


def _full(text, doc_date=None):
    got = extract_citations(text, doc_date=doc_date)
    for c in got:
        assert text[c.start:c.end] == c.raw
    return [c for c in got if c.key]


# --- 4. a law split into successor laws ----------------------------------------

@pytest.mark.parametrize("text,rows", [
    # a plural anchor's list names each successor: each its own span
    ("thực hiện các Luật Khiếu nại, Tố cáo;",
     [("02/2011/QH13", "Luật Khiếu nại"), ("25/2018/QH14", "Tố cáo")]),
    ("các Luật: Khiếu nại, Tố cáo và Tiếp công dân",
     [("02/2011/QH13", "Luật: Khiếu nại"), ("25/2018/QH14", "Tố cáo"), ("42/2013/QH13", "Tiếp công dân")]),
    ("các Luật Tiếp công dân, Khiếu nại và Tố cáo",
     [("42/2013/QH13", "Luật Tiếp công dân"), ("02/2011/QH13", "Khiếu nại"), ("25/2018/QH14", "Tố cáo")]),
    # each name printed with its own anchor: as before
    ("theo Luật Khiếu nại, Luật Tố cáo", [("02/2011/QH13", "Luật Khiếu nại"), ("25/2018/QH14", "Luật Tố cáo")]),
    # one printed name (the old law's) for both: the span shared
    ("thực hiện Luật Khiếu nại, Tố cáo trong năm",
     [("02/2011/QH13", "Luật Khiếu nại, Tố cáo"), ("25/2018/QH14", "Luật Khiếu nại, Tố cáo")]),
])
def test_successor_spans(text, rows):
    got = _full(text, "2024-05-01")
    assert [(c.key, c.raw) for c in got] == rows


@pytest.mark.parametrize("text,shared", [
    ("thực hiện các Luật Khiếu nại, Tố cáo", False),
    ("thực hiện Luật Khiếu nại, Tố cáo", True),
])
def test_successor_notes_say_why(text, shared):
    got = [c for c in _full(text, "2024-05-01") if c.note]
    assert len(got) == 2
    for c in got:
        assert "09/1998/QH10" in c.note and "02/2011/QH13, 25/2018/QH14" in c.note
        assert ("span shared" in c.note) is shared
        assert ("each is named" in c.note) is not shared
