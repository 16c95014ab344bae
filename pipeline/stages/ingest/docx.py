"""DOCX: the text as Word shows it, in reading order (one page).

What is read, and where it goes:

* **Body** paragraphs and tables in document order.  A layout table (the
  header's two columns, the signature block) is read cell by cell, paragraph
  by paragraph, as a PDF of it would read; a data table gives one line per
  row with the cells separated by tabs (read by ``extractors.stat_tables``).
* **Text boxes and shapes** (``w:txbxContent`` in DrawingML ``wps:txbx`` or
  VML ``v:textbox``).  A shape is stored twice inside ``mc:AlternateContent``
  (a ``mc:Choice`` for Word 2010+ and a VML ``mc:Fallback``): only the first
  Choice is read (the Fallback when there is no Choice), so the text never
  doubles.  A *floating* box (``wp:anchor``, VML) comes, as its own lines,
  just before the text of the paragraph it is anchored in: drafts anchor the
  issuer/number box of the header in the first paragraph (the motto line),
  and a reader (or a PDF of the page) reads the left box before the motto.
  An *inline* box (``wp:inline``) comes where it stands in the line.
* **Headers and footers** (``word/header*.xml``, ``footer*.xml``) referenced
  by the sections: the header text comes before the body and the footer text
  after it (the document is one page of text here, so "top of the page" is
  the start of the text).  Per section the first-page part (when the section
  has ``w:titlePg``), the default part and the even-page part (when
  ``w:evenAndOddHeaders`` is set) are read once each.  Page-number fields
  (``PAGE``, ``NUMPAGES``, ``SECTIONPAGES``) print nothing: their cached
  digits are not text, so a header holding only the page number adds nothing.
* **Numbered lists keep their numbers**: a paragraph with ``w:numPr`` (its own
  or its style's) starts with the label Word draws, from
  ``word/numbering.xml``: ``w:lvlText`` with each ``%n`` replaced by level
  n's counter in that level's ``w:numFmt`` (``1.``, ``a)``, ``I.``, ``1.2.``),
  a bullet's own character (``-``, ``+``; symbol-font bullets become ``•``),
  then a space (``w:suff`` ``nothing``: no space).  Counters follow Word:
  lists sharing an abstract numbering continue one another, a deeper level
  restarts after a shallower one, ``w:startOverride`` restarts.
* Tracked insertions are read, tracked deletions are not; hyperlinks, content
  controls, smart tags and simple fields are read through.
"""
from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest import Ingested, Page

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _local(el) -> tuple[str, str]:
    tag = el.tag
    if not isinstance(tag, str):  # comments, processing instructions
        return "", ""
    if tag.startswith("{"):
        ns, _, name = tag[1:].partition("}")
        return ns, name
    return "", tag


def _wval(el, attr: str = "val") -> Optional[str]:
    return None if el is None else el.get(_w(attr))


def _int(v: Optional[str], default: Optional[int] = None) -> Optional[int]:
    """An integer attribute; a malformed one (hand-edited XML) counts as absent."""
    try:
        return int(v) if v is not None else default
    except ValueError:
        return default


# --------------------------------------------------------------------------
# numbering

_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(n: int) -> str:
    if n <= 0:
        return str(n)
    out = []
    for v, s in _ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa... (the letter repeated)."""
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """One counter in a ``w:numFmt`` (unknown formats: decimal)."""
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: Optional[int] = None   # w:lvlRestart (1-based level; 0 = never)
    legal: bool = False             # w:isLgl: every level decimal
    suffix: str = " "


def _is_symbol_bullet(ch: str) -> bool:
    return any("\ue000" <= c <= "\uf8ff" for c in ch)


@dataclass
class Numbering:
    """``word/numbering.xml`` and the counters of one document."""
    abstract: dict[str, dict[int, _Level]] = field(default_factory=dict)
    num_abstract: dict[str, str] = field(default_factory=dict)
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> start
    level_overrides: dict[str, dict[int, _Level]] = field(default_factory=dict)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)   # abstractNumId -> ilvl -> value
    started: set = field(default_factory=set)                           # numIds seen

    @classmethod
    def from_element(cls, root) -> "Numbering":
        nb = cls()
        if root is None:
            return nb
        for an in root.iter(_w("abstractNum")):
            nb.abstract[an.get(_w("abstractNumId"))] = {
                _int(lv.get(_w("ilvl")), 0): _parse_level(lv) for lv in an.iter(_w("lvl"))}
        for num in root.iter(_w("num")):
            nid = num.get(_w("numId"))
            nb.num_abstract[nid] = _wval(num.find(_w("abstractNumId")))
            for ov in num.iter(_w("lvlOverride")):
                ilvl = _int(ov.get(_w("ilvl")), 0)
                so = ov.find(_w("startOverride"))
                if so is not None and _int(_wval(so)) is not None:
                    nb.overrides.setdefault(nid, {})[ilvl] = _int(_wval(so))
                lv = ov.find(_w("lvl"))
                if lv is not None:
                    nb.level_overrides.setdefault(nid, {})[ilvl] = _parse_level(lv)
        return nb

    def _level(self, num_id: str, ilvl: int) -> Optional[_Level]:
        lv = self.level_overrides.get(num_id, {}).get(ilvl)
        if lv is not None:
            return lv
        return self.abstract.get(self.num_abstract.get(num_id) or "", {}).get(ilvl)

    def label(self, num_id: Optional[str], ilvl: int) -> str:
        """The label Word draws before this paragraph (with its suffix), and
        advance the counters; "" when the paragraph is not numbered."""
        if not num_id or num_id == "0" or num_id not in self.num_abstract:
            return ""
        lv = self._level(num_id, ilvl)
        if lv is None:
            return ""
        key = self.num_abstract[num_id] or num_id
        cnt = self.counters.setdefault(key, {})
        if num_id not in self.started:
            self.started.add(num_id)
            for k, start in self.overrides.get(num_id, {}).items():
                cnt[k] = start - 1
                for deeper in [d for d in cnt if d > k]:
                    del cnt[deeper]
        cnt[ilvl] = cnt.get(ilvl, lv.start - 1) + 1
        for deeper in [d for d in cnt if d > ilvl]:
            dl = self._level(num_id, deeper)
            if dl is None or dl.restart is None or dl.restart == 0 or dl.restart - 1 >= ilvl:
                del cnt[deeper]
        if lv.fmt == "bullet":
            text = lv.text
            if not text.strip() or _is_symbol_bullet(text):
                text = "•"
            return text + lv.suffix
        if lv.fmt == "none" and "%" not in lv.text:
            return (lv.text + lv.suffix) if lv.text.strip() else ""
        out = []
        i, t = 0, lv.text
        while i < len(t):
            if t[i] == "%" and i + 1 < len(t) and t[i + 1].isdigit():
                k = int(t[i + 1]) - 1
                kl = self._level(num_id, k) or _Level()
                val = cnt.get(k, kl.start)
                out.append(format_number(val, "decimal" if (lv.legal and kl.fmt != "none") else kl.fmt))
                i += 2
                continue
            out.append(t[i])
            i += 1
        label = "".join(out)
        return (label + lv.suffix) if label.strip() else ""


def _parse_level(lv) -> _Level:
    out = _Level()
    st = lv.find(_w("start"))
    if st is not None and _int(_wval(st)) is not None:
        out.start = _int(_wval(st))
    nf = lv.find(_w("numFmt"))
    if nf is not None and _wval(nf):
        out.fmt = _wval(nf)
    lt = lv.find(_w("lvlText"))
    out.text = (_wval(lt) or "") if lt is not None else ""
    lr = lv.find(_w("lvlRestart"))
    if lr is not None and _int(_wval(lr)) is not None:
        out.restart = _int(_wval(lr))
    lg = lv.find(_w("isLgl"))
    out.legal = lg is not None and _wval(lg) not in ("0", "false")
    sf = lv.find(_w("suff"))
    suff = _wval(sf) if sf is not None else "tab"
    out.suffix = "" if suff == "nothing" else " "
    return out


@dataclass
class _Styles:
    """Paragraph styles' numbering (``w:numPr`` in a style or the styles it is based on)."""
    num: dict[str, tuple[Optional[str], Optional[int]]] = field(default_factory=dict)
    based: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_element(cls, root) -> "_Styles":
        st = cls()
        if root is None:
            return st
        for s in root.iter(_w("style")):
            sid = s.get(_w("styleId"))
            if not sid:
                continue
            b = s.find(_w("basedOn"))
            if b is not None and _wval(b):
                st.based[sid] = _wval(b)
            ppr = s.find(_w("pPr"))
            np_ = ppr.find(_w("numPr")) if ppr is not None else None
            if np_ is not None:
                nid = _wval(np_.find(_w("numId")))
                il = _wval(np_.find(_w("ilvl")))
                st.num[sid] = (nid, _int(il))
        return st

    def numbering(self, style: Optional[str]) -> tuple[Optional[str], Optional[int]]:
        seen = set()
        while style and style not in seen:
            seen.add(style)
            if style in self.num:
                return self.num[style]
            style = self.based.get(style)
        return None, None


# --------------------------------------------------------------------------
# reading one part

_PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES"})


class _Reader:
    """Reads the block content of one part (body, header, footer) into lines."""

    def __init__(self, numbering: Numbering, styles: _Styles):
        self.numbering = numbering
        self.styles = styles
        self.fields: list[list] = []   # complex fields open: [instruction, in_result]

    # ---- fields
    def _suppressed(self) -> bool:
        for instr, in_result in self.fields:
            if not in_result:
                return True   # inside an instruction
            word = instr.strip().split(" ", 1)[0].upper() if instr.strip() else ""
            if word in _PAGE_FIELDS:
                return True
        return False

    # ---- blocks
    def blocks(self, container) -> list[str]:
        lines: list[str] = []
        for child in container:
            ns, tag = _local(child)
            if ns == W_NS and tag == "p":
                lines.extend(self.paragraph(child))
            elif ns == W_NS and tag == "tbl":
                lines.extend(self.table(child))
            elif ns == W_NS and tag in ("sdt", "customXml", "ins", "smartTag"):
                inner = child.find(_w("sdtContent")) if tag == "sdt" else child
                if inner is not None:
                    lines.extend(self.blocks(inner))
            elif ns == MC_NS and tag == "AlternateContent":
                branch = _alternate_branch(child)
                if branch is not None:
                    lines.extend(self.blocks(branch))
        return lines

    def paragraph(self, p) -> list[str]:
        """The paragraph's lines: floating text boxes first, then its own text
        (which may hold line breaks), with its list label."""
        before: list[str] = []
        parts: list[str] = []
        self._inline(p, parts, before)
        text = "".join(parts)
        label = self._label(p)
        if label and text.strip():
            text = label + text.lstrip(" ")
        return before + [text]

    def _label(self, p) -> str:
        ppr = p.find(_w("pPr"))
        if ppr is None:
            return ""
        nid, il = None, None
        np_ = ppr.find(_w("numPr"))
        if np_ is not None:
            nid = _wval(np_.find(_w("numId")))
            v = _wval(np_.find(_w("ilvl")))
            il = _int(v)
        if nid is None:
            ps = ppr.find(_w("pStyle"))
            snid, sil = self.styles.numbering(_wval(ps))
            nid = snid
            if il is None:
                il = sil
        if nid is None:
            return ""
        return self.numbering.label(nid, il or 0)

    def _inline(self, el, parts: list[str], before: list[str]) -> None:
        for child in el:
            ns, tag = _local(child)
            if ns == W_NS:
                if tag == "r":
                    self._run(child, parts, before)
                elif tag in ("hyperlink", "ins", "smartTag", "customXml", "fldSimple", "moveTo",
                             "dir", "bdo"):
                    if tag == "fldSimple":
                        word = (child.get(_w("instr")) or "").strip().split(" ", 1)[0].upper()
                        if word in _PAGE_FIELDS:
                            continue
                    self._inline(child, parts, before)
                elif tag == "sdt":
                    inner = child.find(_w("sdtContent"))
                    if inner is not None:
                        self._inline(inner, parts, before)
                # w:del, w:moveFrom (tracked deletions), w:pPr, bookmarks: nothing
            elif ns == MC_NS and tag == "AlternateContent":
                branch = _alternate_branch(child)
                if branch is not None:
                    self._inline(branch, parts, before)

    def _run(self, r, parts: list[str], before: list[str]) -> None:
        for c in r:
            ns, tag = _local(c)
            if ns == W_NS:
                if tag == "fldChar":
                    kind = c.get(_w("fldCharType"))
                    if kind == "begin":
                        self.fields.append(["", False])
                    elif kind == "separate" and self.fields:
                        self.fields[-1][1] = True
                    elif kind == "end" and self.fields:
                        self.fields.pop()
                    continue
                if tag == "instrText":
                    if self.fields and not self.fields[-1][1]:
                        self.fields[-1][0] += c.text or ""
                    continue
                if tag in ("drawing", "pict", "object"):
                    self._shapes(c, parts, before)
                    continue
                if self._suppressed():
                    continue
                if tag == "t":
                    parts.append(c.text or "")
                elif tag in ("tab", "ptab"):
                    parts.append("\t")
                elif tag == "br":
                    parts.append("\n" if c.get(_w("type"), "textWrapping") == "textWrapping" else "")
                elif tag == "cr":
                    parts.append("\n")
                elif tag == "noBreakHyphen":
                    parts.append("-")
                elif tag == "sym":
                    ch = c.get(_w("char")) or ""
                    try:
                        code = int(ch, 16)
                    except ValueError:
                        continue
                    if code >= 0xF000:   # symbol-font code points
                        code -= 0xF000
                    if 0x20 <= code < 0x7F or code >= 0xA0:
                        parts.append(chr(code))
            elif ns == MC_NS and tag == "AlternateContent":
                branch = _alternate_branch(c)
                if branch is not None:
                    self._run(branch, parts, before)

    def _shapes(self, el, parts: list[str], before: list[str]) -> None:
        """Text boxes inside a drawing/picture: floating ones before the paragraph, inline ones in place."""
        for box in _text_boxes(el):
            lines = [ln for ln in self.blocks(box) if ln.strip()]
            if not lines:
                continue
            if _is_inline(box, el):
                parts.append("\n" + "\n".join(lines) + "\n")
            else:
                before.extend(lines)

    # ---- tables
    def table(self, tbl) -> list[str]:
        rows = []
        for tr in tbl.iter(_w("tr")):
            if _nearest(tr, _w("tbl")) is not tbl:
                continue   # a nested table's row
            cells = []
            for tc in tr:
                ns, tag = _local(tc)
                if ns == W_NS and tag == "tc":
                    cells.append(tc)
                elif ns == W_NS and tag in ("sdt", "customXml"):
                    cells.extend(x for x in tc.iter(_w("tc")) if _nearest(x, _w("tr")) is tr)
            rows.append(cells)
        # vertically merged cells: a continuation cell shows the text of the cell above
        texts: list[list[list[str]]] = []
        above: dict[int, list[str]] = {}
        for cells in rows:
            row_txt = []
            col = 0
            for tc in cells:
                tcpr = tc.find(_w("tcPr"))
                span = 1
                vm = None
                if tcpr is not None:
                    gs = tcpr.find(_w("gridSpan"))
                    if gs is not None and (_wval(gs) or "").isdigit():
                        span = max(1, int(_wval(gs)))
                    vm = tcpr.find(_w("vMerge"))
                if vm is not None and _wval(vm) in (None, "continue"):
                    row_txt.append(("cont", above.get(col, []), span))
                else:
                    lines = self.blocks(tc)
                    above[col] = lines
                    row_txt.append(("own", lines, span))
                col += span
            texts.append(row_txt)
        layout = _is_layout(texts)
        lines: list[str] = []
        for row_txt in texts:
            if layout:   # cell by cell, paragraph by paragraph, as a PDF would read it
                for kind, cell_lines, _ in row_txt:
                    if kind == "own":
                        lines.extend(ln for ln in "\n".join(cell_lines).splitlines() if ln.strip())
            else:        # one line per row, cells separated by tabs (read by extractors.stat_tables)
                lines.append("\t".join(" ".join("\n".join(cl).split()) for _, cl, _ in row_txt))
        lines.append("")
        return lines


def _is_layout(texts) -> bool:
    """A table used for page layout (the header's two columns, the signature
    block), not for data: at most two columns and some cell holds several
    lines (paragraphs or line breaks).  Data tables have more columns and one
    value per cell."""
    if not texts or max(sum(span for _, _, span in r) for r in texts) > 2:
        return False
    return any(len([ln for ln in "\n".join(cl).splitlines() if ln.strip()]) > 1
               for r in texts for _, cl, _ in r)


def _nearest(el, tag: str):
    p = el.getparent()
    while p is not None and p.tag != tag:
        p = p.getparent()
    return p


def _alternate_branch(ac):
    """The one branch of ``mc:AlternateContent`` to read: the first Choice, else the Fallback."""
    for child in ac:
        if _local(child) == (MC_NS, "Choice"):
            return child
    for child in ac:
        if _local(child) == (MC_NS, "Fallback"):
            return child
    return None


def _text_boxes(el) -> list:
    """Outermost ``w:txbxContent`` under ``el``, reading only one branch of each
    AlternateContent (nested boxes are read by the box that holds them)."""
    out = []

    def walk(node):
        for child in node:
            ns, tag = _local(child)
            if ns == W_NS and tag == "txbxContent":
                out.append(child)
            elif ns == MC_NS and tag == "AlternateContent":
                b = _alternate_branch(child)
                if b is not None:
                    walk(b)
            elif isinstance(child.tag, str):
                walk(child)

    walk(el)
    return out


def _is_inline(box, stop) -> bool:
    p = box.getparent()
    while p is not None and p is not stop:
        ns, tag = _local(p)
        if ns == WP_NS:
            return tag == "inline"
        p = p.getparent()
    return False   # VML shapes float


# --------------------------------------------------------------------------
# document

def _part_element(doc_part, rid: str):
    try:
        part = doc_part.related_parts[rid]
    except KeyError:
        return None
    el = getattr(part, "element", None)
    if el is None:
        try:
            from docx.oxml.parser import parse_xml
            el = parse_xml(part.blob)
        except Exception:
            return None
    return el


def _header_footer_parts(doc, body) -> tuple[list, list]:
    """Header and footer elements the sections reference (see module doc)."""
    even = False
    try:
        settings = doc.settings.element
        even = settings.find(_w("evenAndOddHeaders")) is not None and \
            _wval(settings.find(_w("evenAndOddHeaders"))) not in ("0", "false")
    except Exception:
        pass
    sect_prs = [sp for sp in body.iter(_w("sectPr"))]
    heads, foots, seen = [], [], set()
    for sp in sect_prs:
        title = sp.find(_w("titlePg")) is not None and _wval(sp.find(_w("titlePg"))) not in ("0", "false")
        for kind, out in (("headerReference", heads), ("footerReference", foots)):
            refs = {r.get(_w("type"), "default"): r.get(f"{{{R_NS}}}id") for r in sp.findall(_w(kind))}
            order = (["first"] if title else []) + ["default"] + (["even"] if even else [])
            for t in order:
                rid = refs.get(t)
                if rid and rid not in seen:
                    seen.add(rid)
                    el = _part_element(doc.part, rid)
                    if el is not None:
                        out.append(el)
    return heads, foots


def _docx_lines(doc) -> list[str]:
    try:
        numbering_el = doc.part.numbering_part.element
    except Exception:
        numbering_el = None
    try:
        styles_el = doc.part.styles.element
    except Exception:
        styles_el = None
    numbering = Numbering.from_element(numbering_el)
    styles = _Styles.from_element(styles_el)
    body = doc.element.body
    heads, foots = _header_footer_parts(doc, body)
    lines: list[str] = []
    for el in heads:
        part_lines = [ln for ln in _Reader(numbering, styles).blocks(el) if ln.strip()]
        if part_lines:
            lines.extend(part_lines + [""])
    lines.extend(_Reader(numbering, styles).blocks(body))
    for el in foots:
        part_lines = [ln for ln in _Reader(numbering, styles).blocks(el) if ln.strip()]
        if part_lines:
            lines.extend([""] + part_lines)
    return lines


MAX_UNPACKED = 256 << 20    # all parts together, uncompressed
MAX_RATIO = 200             # uncompressed / compressed, for any part over 1 MB


def check_zip(path: Path) -> None:
    """Refuse a zip bomb before reading any part: sizes come from the zip directory."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DocumentError(f"corrupt DOCX: {type(exc).__name__}") from None
    total = sum(i.file_size for i in infos)
    if total > MAX_UNPACKED:
        raise DocumentError(f"DOCX unpacks to {total >> 20} MB (limit {MAX_UNPACKED >> 20} MB: zip bomb?)")
    for i in infos:
        if i.file_size > 1 << 20 and i.file_size > MAX_RATIO * max(1, i.compress_size):
            raise DocumentError(f"DOCX part {i.filename[:60]} compressed {i.file_size // max(1, i.compress_size)}:1 "
                                f"(limit {MAX_RATIO}:1: zip bomb?)")


def ingest_docx(path: Path) -> Ingested:
    try:
        import docx
    except ImportError as exc:  # pragma: no cover
        raise DocumentError("python-docx is not installed") from exc
    if not zipfile.is_zipfile(path):
        raise DocumentError("not a DOCX file (not a zip archive)")
    check_zip(path)
    try:
        doc = docx.Document(str(path))
    except Exception as exc:
        raise DocumentError(f"corrupt DOCX: {type(exc).__name__}") from None
    text = "\n".join(_docx_lines(doc))
    return Ingested(file_type="docx", pages=[Page(number=1, text=text, source="text")])
