"""OCR letter/digit confusions: one table (``data/ocr_confusions.tsv``), read
through :mod:`baocao.datatables`, for every extractor that reads through them.

Each row says that a character OCR printed (``seen``) may stand for another
(``read``) in one context (``use``; the table's comment lists them).  The
helpers below give each user the form it needs:

* :func:`translation` — a ``str.translate`` table (one reading per character);
* :func:`seen` / :func:`char_class` — the seen characters of some uses, in
  table order (for a regex character class);
* :func:`readings` — seen character → its readings in order (symbol codes);
* :func:`alternatives` — read character → regex class of itself and what OCR
  prints for it (``O`` → ``[O0]``), for matching cue phrases.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from baocao.datatables import DataTable

import re

USES = ("digit", "symbol", "code_digit", "word", "caps", "code", "name")


def _char(cell: str) -> str:
    if len(cell) != 1:
        raise ValueError("not one character")
    return cell


def _use(cell: str) -> frozenset[str]:
    words = frozenset(cell.split())
    if not words or not words <= set(USES):
        raise ValueError(f"not one or more of {', '.join(USES)}")
    return words


TABLE = DataTable(Path(__file__).resolve().parent / "data" / "ocr_confusions.tsv",
                  optional=("note",), types={"seen": _char, "read": _char, "use": _use})


@lru_cache(maxsize=None)
def pairs(*uses: str) -> tuple[tuple[str, str], ...]:
    """(seen, read) of the rows of ``uses``, in table order."""
    _use(" ".join(uses))
    return tuple((r["seen"], r["read"]) for r in TABLE.rows() if r["use"] & set(uses))


@lru_cache(maxsize=None)
def translation(*uses: str) -> dict[int, str]:
    """``str.translate`` table of ``uses``; a character read two ways is an error."""
    _use(" ".join(uses))
    out: dict[int, str] = {}
    for r in TABLE.rows():
        if r["use"] & set(uses):
            if ord(r["seen"]) in out and out[ord(r["seen"])] != r["read"]:
                raise r.error(f"{r['seen']!r} has two readings for {'/'.join(uses)}")
            out[ord(r["seen"])] = r["read"]
    return out


def seen(*uses: str) -> str:
    """The seen characters of ``uses`` in table order, each once."""
    return "".join(dict.fromkeys(s for s, _ in pairs(*uses)))


def char_class(*uses: str) -> str:
    """:func:`seen` escaped for the inside of a regex character class."""
    return "".join(re.escape(c) for c in seen(*uses))


def readings(use: str) -> dict[str, str]:
    """Seen character → its readings of ``use``, in the order they are tried."""
    out: dict[str, str] = {}
    for s, r in pairs(use):
        out[s] = out.get(s, "") + r
    return out


def alternatives(use: str) -> dict[str, str]:
    """Read character → regex class of itself and the characters printed for it."""
    out: dict[str, str] = {}
    for s, r in pairs(use):
        out[r] = out.get(r, r) + s
    return {r: f"[{chars}]" for r, chars in out.items()}
