"""DOCX read as Word shows it: text boxes (once, where anchored), headers and
footers, numbered lists with their numbers.

The files are written here as WordprocessingML with zipfile, the way Word
2016 saves a draft built from floating text boxes (each shape stored twice:
a DrawingML ``mc:Choice`` and a VML ``mc:Fallback``)."""
from __future__ import annotations

import zipfile

import pytest

from baocao.pipeline.stages.ingest import ingest
from baocao.pipeline.stages.ingest.docx import format_number

NS = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
      'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
      'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
      'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
      'xmlns:v="urn:schemas-microsoft-com:vml" '
      'mc:Ignorable=""')

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def para(text: str = "", *, num: tuple[int, int] | None = None, style: str | None = None, inner: str = "") -> str:
    ppr = ""
    if num or style:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num:
            ppr += f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>'
        ppr += "</w:pPr>"
    run = f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>' if text else ""
    return f"<w:p>{ppr}{inner}{run}</w:p>"


def text_box(lines: list[str], *, inline: bool = False) -> str:
    """A text box run as Word writes it: DrawingML Choice + VML Fallback, same text in both."""
    content = "".join(para(x) for x in lines)
    frame = "inline" if inline else "anchor"
    pos = "" if inline else ('<wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
                             '<wp:positionV relativeFrom="paragraph"><wp:posOffset>-50800</wp:posOffset></wp:positionV>')
    choice = (f'<mc:Choice Requires="wps"><w:drawing><wp:{frame}>{pos}<wp:extent cx="2400000" cy="900000"/>'
              '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
              f'<wps:wsp><wps:txbx><w:txbxContent>{content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
              f'</a:graphicData></a:graphic></wp:{frame}></w:drawing></mc:Choice>')
    fallback = (f'<mc:Fallback><w:pict><v:shape style="position:absolute"><v:textbox><w:txbxContent>{content}'
                '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>')
    return f"<w:r><mc:AlternateContent>{choice}{fallback}</mc:AlternateContent></w:r>"


def page_field(kind: str = "PAGE") -> str:
    """A complex PAGE field with its cached result (the digit Word last printed)."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {kind}   \\* MERGEFORMAT </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>2</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, suff: str | None = None) -> str:
    s = f'<w:suff w:val="{suff}"/>' if suff else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{s}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


NUMBERING = (
    f'<w:numbering {NS}>'
    # 0: 1. / a) / - (the shape of a decision's articles, points and dashes)
    '<w:abstractNum w:abstractNumId="0">' + lvl(0, "decimal", "%1.") + lvl(1, "lowerLetter", "%2)")
    + lvl(2, "bullet", "-") + '</w:abstractNum>'
    # 1: I. II. (report parts) with legal 1.1. below
    '<w:abstractNum w:abstractNumId="1">' + lvl(0, "upperRoman", "%1.") + lvl(1, "decimal", "%1.%2.")
    + '</w:abstractNum>'
    # 2: a symbol-font bullet (Wingdings U+F0A7) and a "Điều %1." level without a suffix
    '<w:abstractNum w:abstractNumId="2">' + lvl(0, "bullet", "\uf0a7") + lvl(1, "decimal", "Điều %2.", suff="space")
    + '</w:abstractNum>'
    '<w:abstractNum w:abstractNumId="3">' + lvl(0, "decimal", "%1.", suff="nothing") + '</w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>'
    # 4 continues 1 (same abstract numbering); 5 restarts it at 1
    '<w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="5"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/>'
    '</w:lvlOverride></w:num>'
    '<w:num w:numId="6"><w:abstractNumId w:val="3"/></w:num>'
    '</w:numbering>')

STYLES = (
    f'<w:styles {NS}>'
    '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
    '<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="MucCon"><w:name w:val="Muc con"/><w:basedOn w:val="Muc"/></w:style>'
    '</w:styles>')


def write_docx(path, body: str, *, header: str | None = None, footer: str | None = None,
               first_header: str | None = None, numbering: bool = True, numbering_xml: str = NUMBERING) -> None:
    rels, ct, refs = [], [], ""
    parts: dict[str, str] = {}
    if numbering:
        rels.append(f'<Relationship Id="rIdN" Type="{REL}/numbering" Target="numbering.xml"/>')
        ct.append(f'<Override PartName="/word/numbering.xml" ContentType="{CT_MAIN}.numbering+xml"/>')
        parts["word/numbering.xml"] = numbering_xml
    rels.append(f'<Relationship Id="rIdS" Type="{REL}/styles" Target="styles.xml"/>')
    ct.append(f'<Override PartName="/word/styles.xml" ContentType="{CT_MAIN}.styles+xml"/>')
    parts["word/styles.xml"] = STYLES
    for rid, kind, typ, xml in (("rIdH1", "header", "default", header), ("rIdH0", "header", "first", first_header),
                                ("rIdF1", "footer", "default", footer)):
        if xml is None:
            continue
        name = f"{kind}{rid[-1]}.xml"
        rels.append(f'<Relationship Id="{rid}" Type="{REL}/{kind}" Target="{name}"/>')
        ct.append(f'<Override PartName="/word/{name}" ContentType="{CT_MAIN}.{kind}+xml"/>')
        tag = "hdr" if kind == "header" else "ftr"
        parts[f"word/{name}"] = f'<w:{tag} {NS}>{xml}</w:{tag}>'
        refs += f'<w:{kind}Reference w:type="{typ}" r:id="{rid}"/>'
    title = "<w:titlePg/>" if first_header is not None else ""
    doc = f'<w:document {NS}><w:body>{body}<w:sectPr>{refs}{title}</w:sectPr></w:body></w:document>'
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml",
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   f'<Override PartName="/word/document.xml" ContentType="{CT_MAIN}.document.main+xml"/>'
                   + "".join(ct) + '</Types>')
        z.writestr("_rels/.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/>'
                   '</Relationships>')
        z.writestr("word/_rels/document.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   + "".join(rels) + '</Relationships>')
        z.writestr("word/document.xml", doc)
        for name, xml in parts.items():
            z.writestr(name, xml)


def lines_of(path) -> list[str]:
    return [ln for ln in ingest(path, "docx").pages[0].text.splitlines() if ln.strip()]


HEADER_BOX = ["ỦY BAN NHÂN DÂN", "TỈNH LÂM ĐỒNG", "Số:      /TB-UBND"]


def test_floating_header_text_box_comes_once_where_it_is_anchored(tmp_path):
    body = (para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", inner=text_box(HEADER_BOX))
            + para("Độc lập - Tự do - Hạnh phúc")
            + para("Lâm Đồng, ngày      tháng 4 năm 2026")
            + para("THÔNG BÁO")
            + para("Kết luận của Phó Chủ tịch UBND tỉnh tại cuộc họp ngày 20/4/2026."))
    p = tmp_path / "tb.docx"
    write_docx(p, body)
    lines = lines_of(p)
    assert lines[:5] == HEADER_BOX + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    text = "\n".join(lines)
    assert text.count("TỈNH LÂM ĐỒNG") == 1          # Choice read, Fallback not
    # the header extractor now sees the issuer and the draft's blank number
    from baocao import extract
    h = extract(text).header
    assert h["doc_type"] == "TB"
    assert h["doc_number"] == "/TB-UBND"
    assert "Lâm Đồng" in (h["issuer"] or "")
    assert h["issue_date"] == "2026-04"


def test_inline_text_box_stays_in_its_line_and_vml_only_box_is_read(tmp_path):
    vml_only = ('<w:r><w:pict><v:shape style="position:absolute"><v:textbox><w:txbxContent>'
                + para("Nơi nhận:") + para("- Như trên;") + '</w:txbxContent></v:textbox></v:shape></w:pict></w:r>')
    body = (para("Trước hộp", inner="") .replace("</w:p>", text_box(["trong hộp"], inline=True)
                                                 + '<w:r><w:t xml:space="preserve"> sau hộp</w:t></w:r></w:p>')
            + para("KT. CHỦ TỊCH", inner=vml_only))
    p = tmp_path / "b.docx"
    write_docx(p, body)
    assert lines_of(p) == ["Trước hộp", "trong hộp", " sau hộp", "Nơi nhận:", "- Như trên;", "KT. CHỦ TỊCH"]


def test_alternate_content_without_choice_reads_the_fallback(tmp_path):
    only_fallback = ('<w:r><mc:AlternateContent><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
                     + para("DỰ THẢO") + '</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
                     '</mc:AlternateContent></w:r>')
    p = tmp_path / "f.docx"
    write_docx(p, para("Quyết định", inner=only_fallback))
    assert lines_of(p) == ["DỰ THẢO", "Quyết định"]


def test_header_before_body_footer_after_page_numbers_dropped(tmp_path):
    header = para("VĂN PHÒNG UBND TỈNH - BẢN DỰ THẢO")
    first = para(inner=page_field())                         # first page: only the page number
    footer = para("Trang ", inner="") .replace("</w:p>", page_field() + '<w:r><w:t xml:space="preserve"> / </w:t></w:r>'
                                              + page_field("NUMPAGES") + "</w:p>") + para("Tài liệu nội bộ")
    body = para("BÁO CÁO") + para("Tình hình tháng 3 năm 2025.")
    p = tmp_path / "hf.docx"
    write_docx(p, body, header=header, footer=footer, first_header=first)
    lines = lines_of(p)
    assert lines == ["VĂN PHÒNG UBND TỈNH - BẢN DỰ THẢO", "BÁO CÁO", "Tình hình tháng 3 năm 2025.",
                     "Trang  / ", "Tài liệu nội bộ"]
    assert "2" not in "".join(lines[:1])


def test_header_holding_only_a_page_number_adds_nothing(tmp_path):
    p = tmp_path / "pg.docx"
    write_docx(p, para("Kính gửi: Sở Nội vụ"), header=para(inner=page_field()), footer=para(inner=page_field()))
    assert lines_of(p) == ["Kính gửi: Sở Nội vụ"]


def test_numbered_lists_keep_their_numbers(tmp_path):
    body = (para("Điều khoản", num=(1, 0)) + para("điểm thứ nhất", num=(1, 1)) + para("điểm thứ hai", num=(1, 1))
            + para("gạch đầu dòng", num=(1, 2))
            + para("Khoản hai", num=(1, 0)) + para("điểm mới", num=(1, 1))
            + para("Phần mở đầu", num=(2, 0)) + para("mục một", num=(2, 1)) + para("mục hai", num=(2, 1))
            + para("Phần thứ hai", num=(2, 0)) + para("mục của phần hai", num=(2, 1))
            + para("Khoản ba (danh sách tiếp theo)", num=(4, 0))
            + para("Khoản một lại (bắt đầu lại)", num=(5, 0))
            + para("không đánh số", num=(0, 0))
            + para("dấu tượng trưng", num=(3, 0)) + para("Phạm vi điều chỉnh", num=(3, 1))
            + para("Không khoảng trắng", num=(6, 0)))
    p = tmp_path / "n.docx"
    write_docx(p, body)
    assert lines_of(p) == [
        "1. Điều khoản", "a) điểm thứ nhất", "b) điểm thứ hai", "- gạch đầu dòng",
        "2. Khoản hai", "a) điểm mới",
        "I. Phần mở đầu", "I.1. mục một", "I.2. mục hai", "II. Phần thứ hai", "II.1. mục của phần hai",
        "3. Khoản ba (danh sách tiếp theo)", "1. Khoản một lại (bắt đầu lại)",
        "không đánh số",
        "• dấu tượng trưng", "Điều 1. Phạm vi điều chỉnh",
        "1.Không khoảng trắng",
    ]


def test_numbering_from_the_paragraph_style(tmp_path):
    body = para("mục theo kiểu", style="Muc") + para("mục kiểu con", style="MucCon") + para("thường", style="Normal")
    p = tmp_path / "s.docx"
    write_docx(p, body)
    assert lines_of(p) == ["I. mục theo kiểu", "II. mục kiểu con", "thường"]


def test_numbered_paragraphs_in_a_table_cell_and_text_box(tmp_path):
    cell = lambda inner: f"<w:tc>{inner}</w:tc>"  # noqa: E731
    tbl = ("<w:tbl><w:tr>" + cell(para("Nơi nhận:") + para("Như trên;", num=(1, 2)) + para("Lưu: VT.", num=(1, 2)))
           + cell(para("KT. CHỦ TỊCH") + para("PHÓ CHỦ TỊCH")) + "</w:tr></w:tbl>")
    p = tmp_path / "t.docx"
    write_docx(p, tbl + para("", inner=text_box(["Ghi chú"])) )
    assert lines_of(p) == ["Nơi nhận:", "- Như trên;", "- Lưu: VT.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Ghi chú"]


def test_tracked_deletions_are_not_text(tmp_path):
    inner = ('<w:del w:id="1" w:author="a"><w:r><w:delText>cũ </w:delText></w:r></w:del>'
             '<w:ins w:id="2" w:author="a"><w:r><w:t xml:space="preserve">mới </w:t></w:r></w:ins>')
    p = tmp_path / "d.docx"
    write_docx(p, para("nội dung", inner=inner))
    assert lines_of(p) == ["mới nội dung"]


@pytest.mark.parametrize("n,fmt,out", [
    (1, "decimal", "1"), (4, "lowerLetter", "d"), (27, "lowerLetter", "aa"), (3, "upperLetter", "C"),
    (4, "upperRoman", "IV"), (9, "lowerRoman", "ix"), (14, "upperRoman", "XIV"), (5, "decimalZero", "05"),
    (7, "ordinalText", "7"),
])
def test_counter_formats(n, fmt, out):
    assert format_number(n, fmt) == out


def test_malformed_numbering_values_do_not_break_the_file(tmp_path):
    bad = NUMBERING.replace('<w:start w:val="1"/><w:numFmt w:val="upperRoman"/>',
                            '<w:start w:val="abc"/><w:numFmt w:val="upperRoman"/>')
    assert bad != NUMBERING
    p = tmp_path / "m.docx"
    body = para("Phần một", num=(2, 0)) + ('<w:p><w:pPr><w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr>'
                                           '</w:pPr><w:r><w:t>Khoản</w:t></w:r></w:p>')
    write_docx(p, body, numbering_xml=bad)
    assert lines_of(p) == ["I. Phần một", "1. Khoản"]
