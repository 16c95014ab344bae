"""The header's names respelled where a scan's OCR misread their marks, from
the tables that know how they are spelt.

OCR of a header or a signature in bold capitals loses or swaps marks more
than any other line (``THÀNH PHỐ CẦN THƠ`` read ``CÂN THƠ``, ``Đặng Văn Lưu``
read ``Đáng Văn Lưu``), and a lost mark is a wrong field.  Rules, each
written as a note of the document (``spelling_note``: what was read, what it
became, which table said so):

* **Places.**  A place the unit resolver (:mod:`~baocao.extractors.units`)
  chose although its marks differ from the list's (``Cân Thơ`` for the
  list's ``Cần Thơ``) takes the list's spelling, in the issuer and in the
  date line's place when that names the same unit (same folded key).  Not
  when the spelling as written is itself the name of some unit in either
  list (a real variant), nor a word that is no Vietnamese syllable in the
  list's spelling (a transliterated word, ``Đắk``/``Đăk``, has more than one
  spelling in use).
* **The signer's family name.**  A first word that is no family name of
  ``surnames.tsv`` but folds like exactly one of them (``Đáng`` → ``Đặng``,
  ``Nguyên`` → ``Nguyễn``) takes that one's spelling.  A fold shared by two
  family names (``Dương``/``Đường``) changes nothing, nor does a name written
  without any marks (a stripped copy: marking its family name alone would
  leave it half spelt).
* **Thị.**  A middle word that folds to ``thi`` but is not ``Thị`` (``Thi``,
  ``Thí``: OCR drops the dot below first), in a name of three words or more
  that opens with a family name, is ``Thị``: Vietnamese women's names carry
  it, and no other ``thi`` syllable stands there.  A family name as the table
  spells it opens the name even when its fold is another's too (``Dương``,
  ``Đường``): only a first word to respell needs the fold to be one name's.

* **Other name words, on OCR'd documents only.**  A middle or given name
  word not in ``name_syllables.tsv`` that folds like exactly one of its rows
  (``Đúc`` → ``Đức``, ``Xuấn`` → ``Xuân``) takes that row's spelling: OCR is
  what misreads marks; a typed name stays as typed, and so does a name of the
  Central Highlands or the Khmer (``ethnic`` rows of ``header_cues.tsv``;
  a first word spelt with marks as a family name, ``Châu``, is no Khmer
  ``Chau``).  A middle word printed without any marks whose fold several
  rows share takes the row marked ``middle`` (``Van`` → ``Văn``).
* **A seal's ink over the name, on OCR'd documents only.**  A first word that
  is no family name and folds like none becomes the one family name that a
  letter read the other way by the ``name`` rows of ``ocr_confusions.tsv``
  gives (``Chân`` → ``Châu``), also a first word holding a letter no
  Vietnamese word has (``Phạñ`` → ``Phạm``); a second word one letter off
  ``Thị`` and no row of ``name_syllables.tsv`` (``Phị``) is ``Thị``; a middle
  or given word holding such a letter, the one row of ``name_syllables.tsv``
  the confusion rows make of it (``Tuấñ`` → ``Tuấn``).

Only marks change, never letters (but for the seal's letters above, from the
confusion table), so a field keeps its folded form (and the search views built
on it).
"""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Optional

from baocao.datatables import DataTable
from baocao.extractors import admin_units as au
from baocao.extractors.units import SPELLING, _tone_norm
from baocao.normalizers.diacritics import is_vietnamese_syllable
from baocao.normalizers.fold import fold


_VOWELS = "aăâeêioôơuưy"
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_LETTERS = frozenset("bcdđghklmnpqrstvx" + "".join(unicodedata.normalize("NFC", v + t)
                                                  for v in _VOWELS for t in _TONES))


def _vietnamese(s: str) -> bool:
    """Only letters of the Vietnamese alphabet (any case), spaces and hyphens:
    ``Phạñ`` (an ``m`` read ``ñ``) is no misread mark, and is left alone."""
    return all(c in _LETTERS or c in " -" for c in unicodedata.normalize("NFC", s.lower()))


@lru_cache(maxsize=1)
def _list_spellings() -> frozenset[str]:
    """Every unit's short name in either list, tone placement made equal."""
    return frozenset(_tone_norm(u.short) for units in au.lists().by_short.values() for u in units)


def _by_fold(spellings) -> dict[str, Optional[str]]:
    """Folded lower word → its spelling among ``spellings`` (None when two share the fold)."""
    out: dict[str, Optional[str]] = {}
    for s in spellings:
        k = fold(s).lower()
        out[k] = None if k in out and out[k] != s else s
    return out


def _surnames() -> frozenset[str]:
    from baocao.extractors.header import cues

    return cues().surnames


@lru_cache(maxsize=1)
def _surnames_by_fold() -> dict[str, Optional[str]]:
    return _by_fold(_surnames())


def _in_case(spelling: str, written: str) -> str:
    """``spelling`` in capitals when the word ``written`` is (a word of two letters or more)."""
    return spelling.upper() if written.isupper() and len(written) > 1 else spelling


def _same_case(official: str, written: str) -> str:
    """``official``'s marks in ``written``'s case, word by word."""
    return " ".join(_in_case(o, w) for o, w in zip(official.split(), written.split()))


def _replace_last(s: str, old: str, new: str) -> str:
    i = s.rfind(old)
    return s if i < 0 else s[:i] + new + s[i + len(old):]


def _misread(written: str, official: str) -> bool:
    """``written`` is ``official`` with other marks, as OCR misreads them: the
    same letters folded, only Vietnamese letters, marks that differ beyond
    their placement, no unit of either list spelt so, and every word that
    changes a Vietnamese syllable in the list's spelling (a transliterated
    word, ``Đắk``/``Đăk``, ``Lắk``, has more than one spelling in use)."""
    if (au.key(written) != au.key(official) or not _vietnamese(written)
            or _tone_norm(written) == _tone_norm(official) or _tone_norm(written) in _list_spellings()):
        return False
    ws, os_ = written.split(), official.split()
    return len(ws) == len(os_) and all(is_vietnamese_syllable(o) for w, o in zip(ws, os_)
                                       if _tone_norm(w) != _tone_norm(o))


def respell_place(header: dict, unit: dict) -> list[str]:
    """Respell the issuer's and the date line's place in ``header`` (see the
    module rules) from the unit row's :data:`~baocao.extractors.units.SPELLING`;
    returns the notes."""
    spelling = unit.get(SPELLING)
    if not spelling:
        return []
    written, official = spelling
    notes = []
    issuer = header.get("issuer")
    if issuer and written in issuer and _misread(written, official):
        new = _same_case(official, written)
        header["issuer"] = _replace_last(issuer, written, new)
        notes.append(f"issuer place {written!r} → {new!r} (unit list)")
    loc = header.get("location")
    if loc and _misread(loc, official):
        header["location"] = _same_case(official, loc)
        notes.append(f"place {loc!r} → {header['location']!r} (unit list)")
    return notes


def _nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


NAMES_TABLE = DataTable(Path(__file__).resolve().parent / "data" / "name_syllables.tsv", columns=("syllable",),
                        optional=("middle",))


@lru_cache(maxsize=1)
def _name_syllables() -> tuple[frozenset[str], dict[str, Optional[str]]]:
    """(the table's syllables, folded lower syllable → its spelling or None when two share it)."""
    rows = frozenset(r["syllable"].strip() for r in NAMES_TABLE.rows())
    return rows, _by_fold(rows)


def respell_signer(header: dict, ocr: bool = False) -> list[str]:
    """Respell the signer's family name and ``Thị`` (see the module rules), and
    with ``ocr`` (a page of the document was OCR'd) its other words from
    ``name_syllables.tsv``; returns the notes."""
    name = header.get("signer")
    if not name or fold(name) == name:   # a copy without any marks: not a misreading (half a name marked helps no one)
        return []
    words = _nfc(name).split()
    surnames = _surnames()
    fixed = list(words)
    if _titled(words[0]) not in surnames:
        # its marks misread (a Vietnamese word), else a letter read the other way under the
        # ink (OCR only; also Phạñ: a letter no Vietnamese word has)
        known = ((_surnames_by_fold().get(fold(words[0]).lower()) if _vietnamese(words[0]) else None)
                 or (_swapped_surname(words[0]) if ocr else None))
        if known:
            fixed[0] = _in_case(known, words[0])
    opens = _titled(fixed[0]) in surnames   # a family name of the table, also one whose fold another shares
    if opens and len(fixed) >= 3:
        for i in range(1, len(fixed) - 1):
            if fold(fixed[i]).lower() == "thi" and fixed[i].lower() != "thị":
                fixed[i] = _in_case("Thị", fixed[i])
            elif ocr and i == 1 and _one_letter_off(fixed[i].lower(), "thị") and _titled(fixed[i]) not in _name_syllables()[0]:
                fixed[i] = _in_case("Thị", fixed[i])
    tables = "surname table"
    if ocr and opens and not _ethnic_name(fixed):
        listed, by_fold = _name_syllables()
        for i in range(1, len(fixed)):
            w = fixed[i]
            known = by_fold.get(fold(w).lower()) if _vietnamese(w) and _titled(w) not in listed else None
            if known is None and not _vietnamese(w):
                known = _swapped_in(w, listed)   # Tuấñ: a letter no Vietnamese word has
            if known is None and i < len(fixed) - 1 and fold(w) == w and _vietnamese(w):
                known = _middle_names().get(w.lower())   # Van: a middle word's lost marks
            if known:
                fixed[i] = _in_case(known, w)
                tables = "surname and name tables"
    new = " ".join(fixed)
    if new == " ".join(words):
        return []
    header["signer"] = new
    return [f"signer {name!r} → {new!r} ({tables})"]


def _one_letter_off(a: str, b: str) -> bool:
    """Same length, one letter other (marks compared as written)."""
    return len(a) == len(b) and sum(x != y for x, y in zip(_nfc(a), _nfc(b))) == 1


def _swapped_surname(w: str) -> Optional[str]:
    """The one family name of ``surnames.tsv`` that ``w`` becomes with one
    letter read the other way by the ``name`` rows of ``ocr_confusions.tsv``
    (``Chân`` → ``Châu``: a seal's ink closed the ``u``); None when none or
    several do."""
    return _swapped_in(w, _surnames())


def _swapped_in(w: str, spellings) -> Optional[str]:
    """The one spelling of ``spellings`` (capitalised words) that ``w`` becomes with
    one letter read the other way by the ``name`` rows of ``ocr_confusions.tsv``
    (``Phạñ`` → ``Phạm``, ``Chân`` → ``Châu``); None when none or several do."""
    from baocao.extractors import confusions

    low = _nfc(w).lower()
    hits = {(low[:k] + r + low[k + 1:]).capitalize() for s, r in confusions.pairs("name") if s.isalpha()
            for k, ch in enumerate(low) if ch == s}
    hits = {h for h in hits if h in spellings}
    return hits.pop() if len(hits) == 1 else None


@lru_cache(maxsize=1)
def _middle_names() -> dict[str, str]:
    """Folded lower syllable → the ``middle`` row of ``name_syllables.tsv``
    that folds so (``van`` → ``Văn``; a middle word OCR printed without marks)."""
    return {fold(r["syllable"]).lower(): r["syllable"].strip() for r in NAMES_TABLE.rows()
            if (r.get("middle") or "").strip() == "yes"}


def _titled(w: str) -> str:
    return w[:1] + w[1:].lower()


def _ethnic_name(words: list[str]) -> bool:
    """A name of the Central Highlands or the Khmer (header_cues.tsv ``ethnic``):
    its syllables are not those of Vietnamese names.  A first word spelt with
    marks as a family name of ``surnames.tsv`` (``Châu``, not the Khmer
    ``Chau``) opens a Vietnamese name."""
    from baocao.extractors.header import cues

    if fold(words[0]) != words[0] and _titled(words[0]) in _surnames():
        return False
    return fold(words[0]).lower() in cues().ethnic
