"""Classes of errors found on real government documents (decisions, plans, official
letters, directives of provinces, ministries and the Government, 2009-2026, as web
pages and text layers store them), each with small examples written for the test in
the style of those documents.
"""
import pytest

from baocao.extractors.citations import extract_citations


def _keys(text, doc_date="2024-06-01", form=None):
    return [c.key for c in extract_citations(text, doc_date=doc_date) if form is None or c.form == form]


# -- a qualified kind with a code of its own (type_codes.tsv) --------------------------------------
# "Báo cáo thẩm định số 18/BCTĐ-STP": the kind words are qualified ("thẩm định") and the
# code is the qualified kind's; without the code the number was dropped, and BCTT was
# respelled into Bộ Công Thương's code (12/BCT-HĐND).

@pytest.mark.parametrize("text, key, kind", [
    ("Theo đề nghị của Sở Nội vụ và Báo cáo thẩm định số 27/BCTĐ-STP ngày 14 tháng 3 năm 2019 của Sở Tư pháp.",
     "27/BCTĐ-STP", "Báo cáo thẩm định"),
    ("Xét Tờ trình của UBND tỉnh, Báo cáo thẩm tra số 41/BCTT-HĐND ngày 02/12/2022 của Ban Pháp chế;",
     "41/BCTT-HĐND", "Báo cáo thẩm tra"),
    # the qualified kind words over a plain code: the citation, kind as printed
    ("ý kiến tại Báo cáo thẩm định số 105/BC-STP ngày 20/7/2021",
     "105/BC-STP", "Báo cáo thẩm định"),
])
def test_qualified_kind_codes(text, key, kind):
    cs = [c for c in extract_citations(text, doc_date="2024-06-01") if c.form == "full"]
    assert [(c.key, c.kind) for c in cs] == [(key, kind)]
    c = cs[0]
    assert text[c.start:c.end] == c.raw and c.raw.startswith(kind + " số")


# -- a law's name whose comma between two bodies is printed "và" (laws.py _phrase) -----------------
# The registry names 31/2004/QH11 "Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân
# dân, Ủy ban nhân dân"; decisions print "... của Hội đồng nhân dân và Ủy ban nhân dân": read as
# the general law of that name, the in-force version (17/2008/QH12) was a wrong key.

@pytest.mark.parametrize("text, doc_date, keys", [
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân "
     "ngày 03 tháng 12 năm 2004;", "2012-03-01", ["31/2004/QH11"]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân và Ủy ban nhân dân, "
     "ngày 03/12/2004;", "2013-05-20", ["31/2004/QH11"]),
    # as the registry spells it, and with the comma left out: unchanged
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân, Ủy ban nhân dân năm 2004;",
     "2012-03-01", ["31/2004/QH11"]),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật của Hội đồng nhân dân Ủy ban nhân dân năm 2004;",
     "2012-03-01", ["31/2004/QH11"]),
    # a name that holds "và" itself is still that law
    ("Căn cứ Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân ngày 26 tháng 11 năm 2003;",
     "2012-03-01", ["11/2003/QH11"]),
])
def test_law_name_comma_printed_as_va(text, doc_date, keys):
    assert _keys(text, doc_date, form="named") == keys


# -- laws the registry lacked, cited by name in real decisions (laws.tsv) --------------------------

@pytest.mark.parametrize("text, keys", [
    ("Căn cứ Luật Phòng, chống khủng bố ngày 12 tháng 6 năm 2013;", ["28/2013/QH13"]),
    ("theo quy định của Luật Phòng, chống khủng bố năm 2013", ["28/2013/QH13"]),
])
def test_registry_rows_added(text, keys):
    assert _keys(text, "2020-01-01", form="named") == keys
