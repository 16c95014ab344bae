"""Write a minimal Word 97 (.doc) file, for tests: no Word, no LibreOffice.

Written for this project from the published format descriptions ([MS-CFB]
compound file v3, [MS-DOC] FIB and piece table); what catdoc needs to read
the text and nothing more (no styles, fonts or formatting).  One OLE
compound file with a ``WordDocument`` stream (the FIB, then the text) and a
``1Table`` stream (the piece table, ``Clx``).  ``unicode=False`` stores the
text as 8-bit ("compressed") cp1252 characters, which is how Word 97-2003
keeps text typed in a TCVN3 (.VnTime) or VNI font: pass the legacy bytes as
their cp1252 characters (``to_tcvn3``); ``unicode=True`` stores UTF-16.
"""
from __future__ import annotations

import struct

ENDOFCHAIN, FREESECT, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
SECTOR = 512


def _entry(name: str, typ: int, left: int, right: int, child: int, start: int, size: int) -> bytes:
    e = bytearray(128)
    nm = name.encode("utf-16-le")
    e[0:len(nm)] = nm
    struct.pack_into("<HBB", e, 64, len(nm) + 2 if name else 0, typ, 1)   # name length, type, black
    struct.pack_into("<III", e, 68, left, right, child)
    struct.pack_into("<II", e, 116, start, size)
    return bytes(e)


def compound_file(word_document: bytes, table: bytes) -> bytes:
    """An OLE compound file (512-byte sectors, one FAT sector) holding two
    streams; each is padded to 4096 bytes so that none lives in a mini stream."""
    chains, data, start = [], b"", 2          # sector 0: FAT, sector 1: directory
    for blob in (word_document, table):
        size = max(4096, -(-len(blob) // SECTOR) * SECTOR)
        blob = blob + b"\0" * (size - len(blob))
        chains.append((start, size // SECTOR, size))
        data += blob
        start += size // SECTOR
    if start > 128:
        raise ValueError("text too long for one FAT sector")
    fat = [FATSECT, ENDOFCHAIN]
    for s, n, _ in chains:
        fat += [s + i + 1 for i in range(n - 1)] + [ENDOFCHAIN]
    fat += [FREESECT] * (128 - len(fat))
    hdr = bytearray(SECTOR)
    hdr[0:8] = bytes.fromhex("D0CF11E0A1B11AE1")
    struct.pack_into("<HHHHH", hdr, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", hdr, 40, 0, 1, 1, 0, 0x1000, ENDOFCHAIN, 0, ENDOFCHAIN, 0)
    struct.pack_into("<109I", hdr, 76, 0, *([FREESECT] * 108))
    (s1, _, l1), (s2, _, l2) = chains
    directory = (_entry("Root Entry", 5, NOSTREAM, NOSTREAM, 1, ENDOFCHAIN, 0)
                 + _entry("WordDocument", 2, 2, NOSTREAM, NOSTREAM, s1, l1)
                 + _entry("1Table", 2, NOSTREAM, NOSTREAM, NOSTREAM, s2, l2)
                 + _entry("", 0, NOSTREAM, NOSTREAM, NOSTREAM, 0, 0))
    return bytes(hdr) + struct.pack("<128I", *fat) + directory + data


def word97(text: str, *, unicode: bool = False) -> bytes:
    """The bytes of a .doc whose main text is ``text`` (lines = paragraphs)."""
    body = text.replace("\n", "\r") + "\r"
    raw = body.encode("utf-16-le" if unicode else "cp1252")
    fc = 0x800                                 # the text starts after the FIB
    fib = bytearray(fc)
    # FibBase: wIdent, nFib (Word 97), unused, lid, pnNext, flags (fWhichTblStm = 1Table, fExtChar)
    struct.pack_into("<HHHHHH", fib, 0, 0xA5EC, 0xC1, 0, 0x042A, 0, 0x0200 | 0x1000)
    struct.pack_into("<H", fib, 12, 0xBF)                      # nFibBack
    struct.pack_into("<II", fib, 24, fc, fc + len(raw))        # fcMin, fcMac (older readers)
    struct.pack_into("<H", fib, 32, 14)                        # csw
    struct.pack_into("<H", fib, 62, 22)                        # cslw
    struct.pack_into("<I", fib, 64, fc + len(raw))             # cbMac
    struct.pack_into("<i", fib, 76, len(body))                 # ccpText
    struct.pack_into("<H", fib, 152, 0x5D)                     # cbRgFcLcb (Word 97)
    # piece table: one piece covering the text; bit 30 of fc = 8-bit text at fc/2
    piece_fc = (fc * 2) | 0x40000000 if not unicode else fc
    plc = struct.pack("<ii", 0, len(body)) + struct.pack("<HIH", 0, piece_fc, 0)
    clx = b"\x02" + struct.pack("<I", len(plc)) + plc
    struct.pack_into("<II", fib, 154 + 33 * 8, 0, len(clx))    # fcClx, lcbClx
    return compound_file(bytes(fib) + raw, clx)


def write_doc(path, text: str, *, unicode: bool = False) -> None:
    with open(path, "wb") as f:
        f.write(word97(text, unicode=unicode))
