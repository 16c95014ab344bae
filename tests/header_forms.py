"""The renderings the header red-team tests write each test document in
(``tests/test_header_redteam4.py``, ``tests/test_header_redteam5.py``): a PDF's
text layer, a legal site's page saved as text, a Markdown layout table of a
converted DOCX.  :func:`forms` binds them to a test file's body paragraphs."""
from __future__ import annotations

from baocao.extractors.header import extract_header
from baocao.normalizers.normalize import normalize_text

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
TAIL = ("Nơi nhận:", "- Như trên;", "- Lưu: VT.")
SIG = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Trần Quốc Nam")


def header(text: str):
    return extract_header(normalize_text(text).text)


def forms(body: tuple[str, ...]):
    """``(stacked, legal_site, markdown_rows)``, each ``(issuer, number, date_line,
    kind, sig=SIG) -> text`` with ``body`` as the document's paragraphs."""

    def stacked(issuer: tuple[str, ...], number: str, date_line: str, kind: tuple[str, ...],
                sig: tuple[str, ...] = SIG) -> str:
        """A PDF's text layer: the left column, then the right one, then the body."""
        return "\n".join((*issuer, "-------", *MOTTO, "---------------", f"Số: {number}", date_line, "",
                          *kind, "", *body, "", *TAIL, *sig)) + "\n"

    def legal_site(issuer: tuple[str, ...], number: str, date_line: str, kind: tuple[str, ...],
                   sig: tuple[str, ...] = SIG) -> str:
        """A legal site's page saved as text: each cell of the layout table on its own
        lines, a lone ``|`` between cells, the motto and the date wrapped at the cell."""
        motto = ("CỘNG HÒA XÃ HỘI", "CHỦ NGHĨA VIỆT NAM", MOTTO[1])
        day, _, rest = date_line.partition(" tháng")
        return "\n".join(("Thuộc tính", "Nội dung", "Tải về", "", *issuer, "-------", "|", *motto,
                          "---------------", "|", f"Số: {number}", "|", day, "tháng" + rest, "|",
                          *kind, *body, *TAIL, "|", *sig, "|", "", "Lược đồ", "Văn bản liên quan")) + "\n"

    def markdown_rows(issuer: tuple[str, ...], number: str, date_line: str, kind: tuple[str, ...],
                      sig: tuple[str, ...] = SIG) -> str:
        """A Markdown layout table with a row per printed line (a DOCX converted)."""
        left = [f"**{x}**" for x in issuer] + [f"Số: {number}"]
        right = [f"**{MOTTO[0]}**", f"**{MOTTO[1]}**", f"*{date_line}*"]
        rows = max(len(left), len(right))
        left += [""] * (rows - len(left))
        right += [""] * (rows - len(right))
        table = "| " + left[0] + " | " + right[0] + " |\n|---|---|\n" + "".join(
            f"| {a} | {b} |\n" for a, b in zip(left[1:], right[1:]))
        return (table + "\n" + "\n\n".join((*(f"**{k}**" for k in kind), *body)) + "\n\n"
                + "\n".join(TAIL) + "\n\n" + "\n".join(sig) + "\n")

    return stacked, legal_site, markdown_rows
