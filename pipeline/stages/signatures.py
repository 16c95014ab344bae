"""Digital signatures: from the PDF's signature dictionaries and from the
visible signature stamp printed on the page.

Two sources, one record shape ``{"name", "org", "time", "email", "source",
"page"}`` (``time`` ISO 8601 with its UTC offset when known):

- ``source = "pdf"``: a signature dictionary (``/Sig`` field).  ``time`` is
  its ``/M``; ``name``/``org`` are the signer certificate's subject ``CN`` /
  ``O`` (the end-entity certificate of the PKCS#7 blob, read with
  ``cryptography``); when the certificate cannot be read, the name comes
  from the ``/Reason`` text e-office systems write (``NAME<email> đã ký lên
  văn bản này!``).
- ``source = "stamp"``: the stamp text e-office software prints over the
  page (``Ký bởi: ... / Cơ quan: ... / Thời gian ký: 24.01.2025 10:15:00
  +07:00``, or an organisation name, an e-mail and a ``dd.mm.yyyy hh:mm:ss
  +07:00`` time in a widget).  :func:`split_stamp` removes those lines from
  the page text, so no extractor ever sees them: the stamp's time is never
  a date of the document.

:func:`summarise` gives the ``documents`` columns: the first signature (the
earliest signed dictionary, else the first stamp) fills ``signed_by``,
``signed_org``, ``signed_at``; all of them go to ``signatures`` (JSON list).
"""
from __future__ import annotations

import ctypes
import json
import re

# 24.01.2025 10:15:00 +07:00 · 17/06/2022 10:56:26 · 2025-01-24 10:15:00
_TIME = re.compile(
    r"(?P<d>\d{1,2})[./-](?P<m>\d{1,2})[./-](?P<y>\d{4})[ ,T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\s*(?P<tz>[+-]\s?\d{2}:?\d{2}))?")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LABEL_PATTERN = (r"(?P<label>k[ýy]\s+b[ởo]i|ng[ưu][ờo]i\s+k[ýy]|c[ơo]\s+quan|"
                  r"th[ờo]i\s+gian\s+k[ýy]|ng[àa]y\s+k[ýy]|signed\s+by|signing\s+time)\s*:\s*")
# (?=[kncts]): the first letters of the labels, said before the alternation so
# the scan of a page passes over other positions at once (2.5 -> 1.1 ms a
# report; zero-width, under the same (?i): the same matches as
# _LABEL_REFERENCE, tests/test_speed_equivalence.py)
_LABEL = re.compile(r"(?i)(?=[kncts])" + _LABEL_PATTERN)
_LABEL_REFERENCE = re.compile(r"(?i)" + _LABEL_PATTERN)
# Necessary conditions, found from a colon (``re`` finds a literal first
# character at C speed: 2.7 -> 0.04 ms a report): a label ends with one of its
# words before ``\s*:`` (bởi/boi, ký/ky, quan, by, time), searched on the
# reversed text under the same (?i); a timestamp holds a digit, a colon and
# two digits.  When neither is there, neither pattern can match.
_LABEL_END_REVERSED = re.compile(r"(?i):\s*(?:i[ởo]b|[ýy]k|nauq|yb|emit)")
_CLOCK = re.compile(r":(?<=\d:)\d\d")
# where a label's value ends inside a Markdown layout table: the cell's next
# piece (<br>) or the next cell (|); what follows is the table's, not the stamp's
_CELL_END = re.compile(r"<br\s*/?>|\s\|(?:\s|$)", re.I)
_TZ_ONLY = re.compile(r"^\s*[+-]\d{2}:\d{2}\s*$")
# what OCR makes of a seal's edge next to a stamp's timestamp line: a few marks
# that are neither letters nor digits ("17.06.2022 13:54:54+07:00 `", "| ... |")
_EDGE_JUNK = re.compile(r"^[^\w\s+]{0,4}\s{0,2}|\s{0,2}[^\w\s]{0,4}$")
_WORDCHAR = re.compile(r"\w")


def parse_time(s: str | None) -> str | None:
    """``24.01.2025 10:15:00 +07:00`` or a PDF date ``D:20250124101500+07'00'`` → ISO 8601."""
    if not s:
        return None
    m = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?", s.strip())
    if m:
        y, mo, d, H, M, S, tz = m.groups()
        out = f"{y}-{mo}-{d}T{H}:{M}:{S or '00'}"
        if tz:
            tz = tz.replace("'", "")
            out += "+00:00" if tz == "Z" else f"{tz[:3]}:{tz[3:5] or '00'}"
        return out
    m = _TIME.search(s)
    if not m:
        return None
    g = m.groupdict()
    out = f"{g['y']}-{int(g['m']):02d}-{int(g['d']):02d}T{int(g['H']):02d}:{g['M']}:{g['S'] or '00'}"
    if g["tz"]:
        tz = g["tz"].replace(" ", "").replace(":", "")
        out += f"{tz[:3]}:{tz[3:]}"
    return out


# -- visible stamps in page text -------------------------------------------

def split_stamp(text: str, page: int | None = None) -> tuple[str, list[dict]]:
    """(the page text without its signature-stamp lines, the stamps found).

    Removed: a labelled field (``Ký bởi:``, ``Người ký:``, ``Cơ quan:``,
    ``Thời gian ký:``, ``Ngày ký:``) from its label to the end of its line
    (the label's line keeps what precedes it) or, in a Markdown layout
    table, to the end of its cell piece (``<br>`` or ``|``: the signer's name
    in the same cell is kept), and a line that is only a
    signing timestamp (``dd.mm.yyyy hh:mm:ss``, optional offset; up to four
    marks of a seal's edge OCR'd next to it, ``17.06.2022 13:54:54+07:00 ```,
    do not count) or only an
    offset (``+07:00``) or only an e-mail next to such a timestamp.  A
    date without a clock time (``24/7/2024``) is never touched.  Only
    labels inside a stamp count: ``Cơ quan:`` alone (a body heading) is kept
    unless a ``Ký bởi``/``Thời gian ký`` label is on the page too."""
    if _LABEL_END_REVERSED.search(text[::-1]) is None and _CLOCK.search(text) is None:
        return text, []   # no label and no clock time (so no timestamp): nothing to take out
    if _LABEL.search(text) is None and _TIME.search(text) is None:
        return text, []   # no label and no timestamp on any line (a line's match is one of the text's)
    labels = [m for m in map(_find_label, text.split("\n")) if m]
    kinds = {m[0] for m in labels}
    stamp_labels = labels if ({"name", "time"} & kinds) else []
    lines = text.split("\n")
    stamps: list[dict] = []
    cur: dict = {}
    if stamp_labels:
        # rewrite line by line (labels are anchored to whole lines)
        out_lines = []
        for line in lines:
            m = _find_label(line)
            if not m:
                out_lines.append(line)
                continue
            kept = ""
            while m:  # a table row may hold several labelled pieces
                k, pre, v = m
                cell = _CELL_END.search(v)
                post = v[cell.start():] if cell else ""  # the table's next cell pieces stay
                v = v[:cell.start()] if cell else v
                # a stamp run into one line with the signature cell: a value ends at
                # the next label, a time at the end of its timestamp; what follows
                # the time (the printed name) stays
                rest = _value_end(k, v)
                if rest:
                    more = v[rest:]
                    v = v[:rest]
                    post = (more if _label_at(more) or _WORDCHAR.search(more) else "") + post
                v = v.strip(" \t*_")
                if k in cur:
                    stamps.append(cur)
                    cur = {}
                cur[k] = parse_time(v) if k == "time" else v
                if k == "time" and not cur[k]:
                    cur[k] = v or None
                kept += pre
                m = _label_at(post) or (_find_label(post) if post else None)
                if m is None:
                    kept += post
            out_lines.append(kept.rstrip())
        lines = out_lines
    # standalone timestamp lines (with an e-mail line just above, an offset line just below)
    out: list[str] = []
    for line in lines:
        if ":" not in line:   # a signing time and an offset hold a colon
            out.append(line)
            continue
        s = _EDGE_JUNK.sub("", line.strip())
        m = _TIME.fullmatch(s) if s else None
        if m and m.group("S"):
            cur.setdefault("time", parse_time(s))
            if out and _EMAIL.fullmatch(out[-1].strip() or "-"):
                cur.setdefault("email", out[-1].strip())
                out[-1] = ""
            out.append("")
            continue
        if _TZ_ONLY.match(line) and cur.get("time") and len(cur["time"]) == 19:
            cur["time"] += s
            out.append("")
            continue
        out.append(line)
    if cur:
        stamps.append(cur)
    for st in stamps:
        st.setdefault("source", "stamp")
        st["page"] = page
    if not stamps:
        return text, []
    # keep the text's length structure simple: removed lines become empty lines
    return "\n".join(out), stamps


def _find_label(line: str):
    """(kind, text before the label, value) of the first stamp label on the line;
    ``Cơ quan:`` counts only at the start of its line (``các cơ quan: ...`` is prose)."""
    if ":" not in line:
        return None   # every label ends with its colon
    for m in _LABEL.finditer(line):
        k = _kind(m.group("label"))
        pre = line[:m.start()]
        if k == "org" and _WORDCHAR.search(pre):
            continue
        return k, pre, line[m.end():]
    return None


def _label_at(s: str):
    """(kind, "", value) when ``s`` opens with a stamp label (after spaces):
    the next field of a stamp run into one line (``Cơ quan:`` too)."""
    m = _LABEL.match(s, len(s) - len(s.lstrip()))
    return (_kind(m.group("label")), "", s[m.end():]) if m else None


def _value_end(kind: str, v: str) -> int:
    """Where a label's value ``v`` ends inside its line piece, when something
    follows it: a time at the end of its timestamp (``12.07.2025 10:15:00
    +07:00``), another field where the next label starts; 0 when the value
    runs to the piece's end."""
    if kind == "time":
        lead = len(v) - len(v.lstrip(" \t*_"))
        t = _TIME.match(v, lead)
        return t.end() if t and v[t.end():].strip() else 0
    nxt = _LABEL.search(v)
    while nxt is not None and nxt.start() > 0 and _WORDCHAR.match(v, nxt.start() - 1):
        nxt = _LABEL.search(v, nxt.start() + 1)   # (a label starts a word)
    return nxt.start() if nxt else 0


def _kind(label: str) -> str:
    from baocao.normalizers.fold import fold

    f = fold(label.lower())
    if f.startswith(("ky", "nguoi", "signed")):
        return "name"
    if f.startswith("co"):
        return "org"
    return "time"


def parse_stamp_block(text: str, page: int | None = None) -> dict | None:
    """A signature-stamp annotation's own text (lines of a name/organisation,
    an e-mail, a time) → one stamp record; None when it holds no time,
    e-mail or ``Ký bởi`` label (it is then not a stamp)."""
    body, stamps = split_stamp(text, page)
    rec = stamps[0] if stamps else {"source": "stamp", "page": page}
    email = _EMAIL.search(text)
    if email:
        rec.setdefault("email", email.group(0))
    rest = [ln.strip() for ln in body.split("\n") if ln.strip() and not _EMAIL.fullmatch(ln.strip())
            and not _TZ_ONLY.match(ln)]
    if rest and "name" not in rec:
        rec["name"] = " ".join(rest)
    if not (stamps or email):
        return None
    return rec


# -- signature dictionaries -------------------------------------------------

def pdf_signatures(pdf) -> list[dict]:
    """Signature dictionaries of a pypdfium2 document (cheap: no validation)."""
    import pypdfium2.raw as c

    out = []
    try:
        n = c.FPDF_GetSignatureCount(pdf.raw)
    except Exception:
        return out
    for i in range(max(n, 0)):
        sig = c.FPDF_GetSignatureObject(pdf.raw, i)
        if not sig:
            continue
        rec: dict = {"source": "pdf", "page": None}
        size = c.FPDFSignatureObj_GetTime(sig, None, 0)
        if size > 0:
            buf = ctypes.create_string_buffer(size)
            c.FPDFSignatureObj_GetTime(sig, buf, size)
            rec["time"] = parse_time(buf.value.decode("latin-1", "replace"))
        size = c.FPDFSignatureObj_GetReason(sig, None, 0)
        reason = ""
        if size > 2:
            buf = ctypes.create_string_buffer(size)
            c.FPDFSignatureObj_GetReason(sig, buf, size)
            reason = buf.raw[:size - 2].decode("utf-16-le", "replace").strip()
        size = c.FPDFSignatureObj_GetContents(sig, None, 0)
        if size > 0:
            buf = (ctypes.c_ubyte * size)()
            c.FPDFSignatureObj_GetContents(sig, buf, size)
            rec.update(_certificate_subject(bytes(buf)))
        if not rec.get("name") and reason:
            m = re.match(r"\s*([^<]{2,80}?)\s*<([^>]+)>", reason)
            if m:
                rec["name"], rec["email"] = m.group(1), m.group(2)
        if reason:
            rec["reason"] = reason
        out.append(rec)
    return out


def _certificate_subject(der: bytes) -> dict:
    """CN / O / e-mail of the signer (end-entity) certificate of a PKCS#7 blob."""
    try:
        from cryptography.hazmat.primitives.serialization import pkcs7
        from cryptography.x509.oid import NameOID

        certs = pkcs7.load_der_pkcs7_certificates(der.rstrip(b"\0"))
    except Exception:
        return {}
    if not certs:
        return {}
    issuers = {c.issuer.rfc4514_string() for c in certs}
    leaf = next((c for c in certs if c.subject.rfc4514_string() not in issuers), certs[0])

    def attr(oid):
        vals = leaf.subject.get_attributes_for_oid(oid)
        return str(vals[0].value) if vals else None

    rec = {"name": attr(NameOID.COMMON_NAME), "org": attr(NameOID.ORGANIZATION_NAME)}
    unit = attr(NameOID.ORGANIZATIONAL_UNIT_NAME)
    if unit:
        rec["unit"] = unit
    email = attr(NameOID.EMAIL_ADDRESS)
    if email:
        rec["email"] = email
    return {k: v for k, v in rec.items() if v}


# -- document columns -------------------------------------------------------

def summarise(signatures: list[dict]) -> dict:
    """``signed_by``, ``signed_org``, ``signed_at`` of the first signature, and
    ``signatures`` (JSON list of all, duplicates — same name and time — once).

    First = the earliest-timed signature dictionary; without dictionaries the
    first stamp (in page order).  A stamp's organisation fills ``signed_org``
    when the dictionary has none."""
    seen, uniq = set(), []
    for s in signatures:
        key = (s.get("source"), s.get("name"), s.get("time"))
        if key in seen:
            continue
        seen.add(key)
        uniq.append(s)
    if not uniq:
        return {"signed_by": None, "signed_org": None, "signed_at": None, "signatures": None}
    dicts = sorted((s for s in uniq if s.get("source") == "pdf"), key=lambda s: s.get("time") or "9")
    stamps = [s for s in uniq if s.get("source") != "pdf"]
    first = dicts[0] if dicts else stamps[0]
    org = first.get("org") or next((s.get("org") for s in stamps if s.get("org")), None)
    return {
        "signed_by": first.get("name"),
        "signed_org": org,
        "signed_at": first.get("time"),
        "signatures": json.dumps(dicts + stamps, ensure_ascii=False, sort_keys=True),
    }
