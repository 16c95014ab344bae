"""Plain text files (.txt, .md): UTF-8, UTF-8 with BOM, UTF-16, legacy 8-bit."""
from __future__ import annotations

from pathlib import Path

from baocao.pipeline.errors import DocumentError
from baocao.pipeline.stages.ingest import Ingested, Page


def decode(data: bytes) -> tuple[str, str]:
    """(text, encoding name); raises DocumentError for undecodable bytes."""
    try:
        from baocao.normalizers.legacy import decode_bytes
    except ImportError:  # pragma: no cover - normalizers always ship
        decode_bytes = None
    if decode_bytes is not None:
        try:
            return decode_bytes(data)
        except ValueError as exc:
            raise DocumentError(str(exc).splitlines()[0] if str(exc) else "undecodable text") from None
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        raise DocumentError("undecodable text (not UTF-8/UTF-16)") from None


MAX_TEXT_BYTES = 64 << 20   # a report is well under 1 MB; beyond this the file is refused unread


def ingest_text(path: Path) -> Ingested:
    with open(path, "rb") as fh:
        data = fh.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise DocumentError(f"text file too large (over {MAX_TEXT_BYTES >> 20} MB)")
    if not data.strip():
        raise DocumentError("empty file")
    text, enc = decode(data)
    return Ingested(file_type="txt", pages=pages_of_text(text), encoding=enc)


def pages_of_text(text: str) -> list[Page]:
    """A text's pages: one, unless it carries form feeds (pdftotext output);
    line ends unified to ``\\n``."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    parts = text.split("\f")
    if parts and parts[-1].strip() == "" and len(parts) > 1:
        parts = parts[:-1]
    return [Page(number=i + 1, text=t, source="text") for i, t in enumerate(parts)]
