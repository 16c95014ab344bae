"""The document's own identity: type, number, date, issuer, place, period, signer.

An administrative document (Nghị định 30/2020/NĐ-CP, Phụ lục I) opens with a
header block: the issuing body top left (``UỶ BAN NHÂN DÂN`` / ``THỊ TRẤN THANH
MIỆN``) with the number below it (``Số: 04/BC-UBND``), the national motto top
right with the place and date below it (``Song Vân, ngày 11 tháng 01 năm
2024``), then the type word in capitals (``BÁO CÁO``) and the title.  It ends
with a signature block: ``TM. ỦY BAN NHÂN DÂN`` / ``CHỦ TỊCH`` / the name.

Rules (all matching on ``fold(text)``, so copies without diacritics and
OCR'd text behave alike; cue words live in ``data/header_cues.tsv``):

* **doc_type**: the first type word in capitals that opens a line (or follows
  the date/motto when the header was flattened into one line); else the type
  code of the document's own number (``04/BC-UBND`` → ``BC``; an issuer code
  first, ``1515/UBND-NV``, is a công văn → ``CV``).
* **doc_number** and its span: the symbol after ``Số:`` (OCR'd ``Sb:``,
  ``S6:``) before the type word, canonicalised with
  :func:`extractors.canonical.canonical_key`; a blank number stays blank
  (``/BC-UBND``); a slash lost between the digits and a type code the table
  knows is put back (``175QĐ-SYT`` → ``175/QĐ-SYT``); a type or issuer code
  no table knows, one letter off the title's type or the header's body, is
  theirs (a stamp's ink: ``756/TB-PBND`` → ``756/TB-UBND``, :func:`_mend_codes`).
* **issue_date**: ``<place>, ngày D tháng M năm Y`` before the type word; ISO,
  ``YYYY-MM`` when the day is blank, null when absent or the month is blank.
* **issuer**: the body (``ỦY BAN NHÂN DÂN``→``UBND``) and the unit line
  (``THỊ TRẤN THANH MIỆN``) of the header; what is missing is taken, in
  order, from the place of the date line, the signature (``TM. ỦY BAN NHÂN
  DÂN``), the issuer code of the number (``-UBND``) and the body text (the unit
  most often named in ``UBND xã``, the place most often after that unit).
  Formatted ``UBND thị trấn Thanh Miện``; a numbered ward keeps its capital
  (``UBND Phường 4``).
  A two-line header's lower body takes the upper line's place (``UBND TỈNH
  BÌNH THUẬN`` / ``SỞ NỘI VỤ`` → ``Sở Nội vụ tỉnh Bình Thuận``; ``CÔNG AN
  TỈNH`` → ``Công an tỉnh ...``; ``VĂN PHÒNG`` alone → ``Văn phòng UBND tỉnh
  ...``), also when OCR ran the upper line's words together or doubled a
  letter (``UBNDTÏỈNH PHÚ THỌ``); central bodies (``THỦ TƯỚNG CHÍNH PHỦ``,
  ``BỘ Y TẾ``) are named as they stand.  Lines without marks are compared
  folded (``SO NOI VU``).
  Joint documents name every co-issuer in printed order, joined by `` - ``
  (``BỘ TÀI CHÍNH - BỘ NỘI VỤ``, or one body a line → ``Bộ Tài chính - Bộ Nội
  vụ``; ``joint`` rows, :func:`_joint_issuer`); a dash inside one body's name
  (``PHÒNG TÀI CHÍNH - KẾ HOẠCH``) does not split it; a province's bodies
  jointly under its committee's line take its place once (``Sở Tài chính - Sở
  Nội vụ tỉnh Hà Tĩnh``).  The council and committee
  jointly: ``HĐND - UBND tỉnh Hà Tĩnh``; a council's standing organ issues in its
  own name: ``Thường trực HĐND tỉnh Quảng Nam`` (``organ_standing`` rows).
* **location**: the place of the date line (a name of two joined by a dash
  kept whole: ``Bà Rịa - Vũng Tàu``); without a date line, the issuer's
  place (``Thanh Miện``, ``Phường 4``), or, for a central body, its seat
  (``seat`` row of the cue table: Hà Nội).
* **period**: the first period named in the title (``6 tháng đầu năm``,
  ``quý I``, ``năm 2023``), with the year that follows it or the next year of
  the title.
* **signer**: in the last 1500 characters, the first line after the last
  signature title (``CHỦ TỊCH``, ``KT.``/``TM.`` lines) that is a personal name:
  2-6 capitalised words, each with the shape of a Vietnamese syllable.  When
  no title in capitals is followed by a name, the same under a title in
  sentence case that is the whole of its cell (``Chủ tịch``, ``Phó Giám
  đốc``; its name may stand on a recipients' row); when no title could be
  read (OCR debris: ``GIÁM bóc``), a line that is a name and nothing else
  near the last ``Nơi nhận:``.  A title is never the signer.  A letter
  without a type word whose body no rule finds (short wrapped lines opening
  with no ``body`` word) is searched from its number or date line.

OCR damage is read through where a rule looks: digits read as letters in
numbers and dates (``S0: o4/BC``, ``2o24``), letters read as digits inside
words (``M1ỆN``, ``Tà1``), words run together (``UBNDSong Vân``,
``PhạmQuangHùng``, ``THANHMIỆN`` spelled as the text spells it elsewhere).

Only the header region (the first 1500 characters, before the type word or the
first body paragraph) and the signature region (last 1500) are read, plus the
whole text for the issuer's unit and place when the header lacks them; fields
not found are None, never guessed.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex

from baocao.normalizers.diacritics import is_vietnamese_syllable, looks_like_syllable
from baocao.normalizers.fold import fold

from baocao.datatables import DataTable
from baocao.extractors import codes, confusions
from baocao.extractors.canonical import canonical_key, restore_slash
from baocao.extractors.dates import DATE_LINE_YEARS, find_date_line, iso_date
from baocao.extractors.layout import reading_view
from baocao.extractors.models import Header

DATA = Path(__file__).resolve().parent / "data"

CUES_TABLE = DataTable(DATA / "header_cues.tsv", columns=("kind", "text"), optional=("value",))
SURNAMES_TABLE = DataTable(DATA / "surnames.tsv", columns=("surname",))
WORDS_TABLE = DataTable(DATA / "header_words.tsv", columns=("phrase",))
HEAD_CHARS = 1500
TAIL_CHARS = 1500

_MARKUP = " \t\f\r*#_>|"

# patterns of the functions below, compiled once (a module-level regex call looks its
# string up in regex's cache on every call: ~65 calls a document)
_TAG = regex.compile(r"</?[a-z]{1,5}>")
_WIDE_GAP = regex.compile(r" {2,}")
_CELL_GAP2 = regex.compile(r"\t|[ ]{2,}|\s\|")
_ROMAN_ITEM = regex.compile(r"^(?:[IVX]{1,4}|\d{1,2})[.)\-]")
_HEAD_TITLE = regex.compile(r"(?:PHO\s{1,3})?(?:CHU\s{1,3}TICH|GIAM\s{1,3}DOC)\b")
_LINE = regex.compile(r"[^\n]+")
_TOKEN = regex.compile(r"[^\s]{1,30}")
_WORD_APOS = regex.compile(r"[\p{L}\p{N}]+(?:['’]\p{L}+)?")
_NEXT_WORD = regex.compile(r"[ \t*_]{1,6}([\p{L}\p{N}]+)")
_CAPS_RUN = regex.compile(r"[A-Z]{1,8}(?![A-Za-z])")
_KEY_SEP = regex.compile(r"[-/]")
_YEAR_NEXT = regex.compile(r"\s{0,3}[,.]?\s{0,3}((?:19|20)\d\d)(?!\d)")
_YEAR_ANY = regex.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
_NAM_END = regex.compile(r"n[a-z]m$", regex.I)
_VOWEL = regex.compile(r"[aeiouy]")
_GAP2 = regex.compile(r"\s{2,}|\t")
_GAP_END = regex.compile(r"(?:\t|\s{2,}|:\s*)$")
_CELL_GAP3 = regex.compile(r"\t|\s{3,}")
_DIGIT = regex.compile(r"\d")
_LABEL_LINE = regex.compile(r"^[^:\t]{2,30}:[ \t]")
_CAPS_COMMA_END = regex.compile(r"\p{Lu},[ \t*_]*$")
_CAPS_DASH_END = regex.compile(r"\p{Lu}[ \t]+[-–][ \t*_]*$")
_WORD_NUMBER = regex.compile(r"(?<=\p{L} )\d{1,2}(?= |$)")
_REPEATS = regex.compile(r"(.)\1+")
_CELL_GAP3_BAR = regex.compile(r"\t|\s{3,}|\s\|")
_NOT_ISSUER_LINE = regex.compile(r"(?:Kinh\s+gui|CONG\s+HOA|Doc\s+lap)", regex.I)
_COLON_END = regex.compile(r"[ \t*_]{0,4}:[ \t*_]*(?:\n|$)")
_CUA = regex.compile(r"c[u]a\s{1,3}", regex.I)
_NEXT_TOKEN = regex.compile(r"\s*\S+")
_VE_VIEC = regex.compile(r"\s{1,3}ve\s{1,3}(?:viec\s{1,3})?", regex.I)

# the national motto where a flattened header runs it into a place name (folded,
# any case; OCR's "Poc 1ap", "CQNG HOA XA"; the Party's ĐẢNG CỘNG SẢN VIỆT NAM): its words only in their context (CỘNG HÒA before
# XÃ, ĐỘC LẬP before "-"/TỰ, HẠNH PHÚC after "-"/DO), so that a place named
# with them stays whole (Vĩnh Phúc, Công Hải, Mỹ Hạnh, xã Cộng Hòa, xã Độc Lập)
_MOTTO_PHRASE = regex.compile(
    r"(?<![A-Za-z])(?:c[a-z]ng\s{1,3}h[a-z]a(?=\s{1,3}x[a-z](?![A-Za-z]))"
    r"|dang\s{1,3}cong\s{1,3}san(?=\s{1,3}viet(?![A-Za-z]))"
    r"|[dp]oc\s{0,3}[l1i]ap(?=\s{0,3}(?:[-–]|tu(?![A-Za-z])))"
    r"|(?:[-–]|(?<![A-Za-z])do)\s{0,3}hanh\s{1,3}phuc)(?![A-Za-z])", regex.I)


# --------------------------------------------------------------------------
# cue tables

@dataclass(frozen=True)
class _Cues:
    type_re: "regex.Pattern[str]"
    type_code: dict[str, str]          # _key(phrase) -> code
    organ_re: "regex.Pattern[str]"
    organ_abbr: dict[str, str]
    unit_re: "regex.Pattern[str]"      # upper case, at a line start or after an organ
    unit_glued_re: "regex.Pattern[str]"  # upper case, run into the next word
    unit_any_re: "regex.Pattern[str]"  # any case, in running text
    unit_name: dict[str, str]          # folded upper -> as written in issuer
    unit_alt: str                      # alternation of the folded unit words
    organ_alt: str                     # alternation of the folded organ words
    title_re: "regex.Pattern[str]"
    stop_words: frozenset[str]         # folded upper words that end a place name (Số, TM.)
    periods: tuple[tuple["regex.Pattern[str]", str], ...]
    body_re: "regex.Pattern[str]"
    agency: tuple[tuple[str, str, bool], ...]   # (upper phrase with marks, as in issuer, place follows)
    central: dict[str, str]            # upper line with marks -> issuer
    proper: dict[str, str]             # upper phrase with marks -> as written inside a name
    fields: frozenset[str]             # upper phrases opening with a unit word that are no place (XÃ HỘI)
    offices: frozenset[str]            # agency heads that alone name the organ's office (Văn phòng)
    seat: Optional[str]                # where the central bodies sit (their place without a date line)
    notname: frozenset[str]            # lower words with marks never in a person's name
    honorific_re: "regex.Pattern[str]"  # a rank or degree before a name (folded, at the start)
    ethnic: frozenset[str]             # folded lower name prefixes of the Central Highlands (y, ksor, ro mah)
    titles_exact: tuple[str, ...]      # signature titles, lower case with marks
    surnames: frozenset[str]
    site_re: "regex.Pattern[str]"      # a line of a legal-information site (folded, at a line start)
    site_strong_re: "regex.Pattern[str]"  # ... one no document line opens with (not `weak`)
    type_any_re: "regex.Pattern[str]"  # a type word in any case (the gazette's title sentence)
    stamp_re: "regex.Pattern[str]"     # a mail-register stamp's label (folded, any case): no heading
    stamp_line_re: "regex.Pattern[str]"  # a line of that stamp (folded, case as written), at a line start
    agency_fold: frozenset[str]        # one-word agency heads compared folded on a marked line (SỞ for SƠ)
    under: dict[str, str]              # folded upper central line -> the words after its committees' names
    whole: frozenset[str]              # agency heads (upper, marks) whose units are named with the whole line


def _phrase_re(phrase: str, sep: str = r"\s{1,3}") -> str:
    return sep.join(regex.escape(w) for w in fold(phrase).split())


def _honorific_re(phrase: str) -> str:
    """A rank or degree (``PGS.TS.``, ``Đại tá``): its dots optional, spaces free."""
    return "".join(r"\.?\s{0,2}" if ch == "." else r"\s{1,3}" if ch == " " else regex.escape(ch)
                   for ch in fold(phrase).rstrip("."))


def _glued_phrase_re(phrase: str) -> str:
    """A cue phrase whose words OCR may have run together (``UY BANNHAN DAN``)."""
    return _phrase_re(phrase, r"\s{0,3}")


# a cue's O/I as OCR prints them (data/ocr_confusions.tsv, use "caps"): O → [O0], I → [I1l]
_OCR_LETTER = confusions.alternatives("caps")


def _ocr_phrase_re(phrase: str) -> str:
    """Like :func:`_phrase_re`, also when OCR read ``O`` as ``0`` or ``I`` as ``1``."""
    return r"\s{0,3}".join("".join(_OCR_LETTER.get(ch, regex.escape(ch)) for ch in w)
                           for w in fold(phrase).split())


# digits OCR read as letters (2o24, o1, 1I, l1): a token with at least one real digit
_DL = confusions.char_class("digit")
_DIGITISH = regex.compile(rf"(?<![A-Za-z])(?=[0-9{_DL}]{{0,3}}[0-9])[0-9{_DL}]{{1,4}}(?![A-Za-z])")
_DIGIT_TR = confusions.translation("digit")


_DIGIT_RUN = frozenset("0123456789" + _DL)
# a digit with a misread digit next to it: a token to repair holds one (it is a run
# of digits and misread digits with both kinds in it).  Said from the digit (a
# class the engine scans for fast: 0.06 ms a 25 KB text, 0.5 with the two
# alternatives "[0-9][OolI]|[OolI][0-9]")
_MIXED_DIGITS = regex.compile(rf"[0-9](?:(?<=[{_DL}][0-9])|(?=[{_DL}]))")


def _digitish(m) -> str:
    return m.group().translate(_DIGIT_TR)


def _fix_digits(f: str) -> str:
    """The folded text with OCR'd digits repaired (same length): each token of
    :data:`_DIGITISH` translated.

    Only a run of digits and misread digits (``[0-9OolI]``, maximal) that holds
    both kinds side by side has anything to repair, and where the tokens of a
    run fall depends only on the run and the characters either side of it: so
    the pattern is run over each such run (with those two characters), found
    from :data:`_MIXED_DIGITS`; a text without one (most) is returned as it is.
    The same result as the pattern over the whole text
    (tests/test_speed_equivalence.py)."""
    m = _MIXED_DIGITS.search(f)
    if m is None:
        return f
    parts: list[str] = []
    last = 0
    n = len(f)
    while m is not None:
        a, b = m.span()
        while a > 0 and f[a - 1] in _DIGIT_RUN:
            a -= 1
        while b < n and f[b] in _DIGIT_RUN:
            b += 1
        a0 = max(a - 1, 0)
        fixed = _DIGITISH.sub(_digitish, f[a0:b + 1])
        parts.append(f[last:a])
        parts.append(fixed[a - a0:b - a0])
        last = b
        m = _MIXED_DIGITS.search(f, b)
    parts.append(f[last:])
    return "".join(parts)


def _fix_digits_reference(f: str) -> str:
    """:func:`_fix_digits` as the one pattern over the whole text (tests)."""
    return _DIGITISH.sub(_digitish, f)


def _key(s: str) -> str:
    """Lookup key of a matched cue: folded, upper case, without spaces."""
    return "".join(s.split()).upper()


@lru_cache(maxsize=1)
def cues() -> _Cues:
    rows: dict[str, list[tuple[str, str]]] = {}
    for r in CUES_TABLE.rows():
        rows.setdefault(r["kind"].strip(), []).append((r["text"].strip(), (r.get("value") or "").strip()))

    def alt(items, phrase_re=_phrase_re):
        return "|".join(sorted({phrase_re(t) for t, _ in items}, key=len, reverse=True))

    type_code = {_key(fold(t)): v for t, v in rows["type"]}
    organ_abbr = {_key(fold(t)): v for t, v in rows["organ"]}
    unit_name = {_key(fold(t)): v for t, v in rows["unit"]}
    # words of the number line and the signature, which follow the place in a flattened
    # header (the motto's words end a name only in the motto: _MOTTO_PHRASE)
    stop = {"SO", "SB", "S6", "SE", "TM", "KT"}
    periods = tuple((regex.compile(rf"(?<![0-9])(?:{t})", regex.I), v) for t, v in rows["period"])
    body = "|".join(_phrase_re(t) for t, _ in rows["body"])
    unit_alt, organ_alt = alt(rows["unit"], _glued_phrase_re), alt(rows["organ"], _glued_phrase_re)
    get = lambda k: rows.get(k, [])
    surnames = frozenset(r["surname"].strip() for r in SURNAMES_TABLE.rows())
    agency = [(t.upper(), v, False) for t, v in get("agency")] + [(t.upper(), v, True) for t, v in get("agency_place")]
    agency.sort(key=lambda x: len(x[0]), reverse=True)
    return _Cues(
        agency=tuple(agency),
        central={t.upper(): v for t, v in get("central")},
        proper={t.upper(): v for t, v in get("proper")},
        fields=frozenset(t.upper() for t, _ in get("field")),
        offices=frozenset(v for t, v in get("office")),
        seat=next((t for t, _ in get("seat")), None),
        notname=frozenset(t.lower() for t, _ in get("notname")),
        honorific_re=regex.compile(r"^(?:" + alt(get("honorific"), _honorific_re) + r")(?![A-Za-z])\.?\s{0,3}",
                                   regex.I),
        ethnic=frozenset(fold(t).lower() for t, _ in get("ethnic")),
        titles_exact=tuple(sorted({t.lower() for t, _ in rows["title"]}, key=len, reverse=True)),
        surnames=surnames,
        type_any_re=regex.compile(rf"(?<![A-Za-z])(?:{alt(rows['type'])})(?![A-Za-z])", regex.I),
        agency_fold=frozenset(t.upper() for t, _ in get("agency_fold")),
        under={" ".join(fold(t).upper().split()): v for t, v in get("under")},
        whole=frozenset(t.upper() for t, _ in get("whole")),
        stamp_re=regex.compile(rf"(?:{alt(get('stamp')) or '(?!)'})(?![A-Za-z])", regex.I),
        stamp_line_re=regex.compile(rf"^[^\S\n]{{0,3}}[^\sA-Za-z0-9]{{0,3}}[^\S\n]{{0,2}}(?:{alt(get('stamp') + get('stamp_line')) or '(?!)'})"
                                    r"(?![A-Za-z])", regex.M),
        site_strong_re=regex.compile(rf"^[{regex.escape(_MARKUP)}]*(?:{alt([r for r in get('site') if r[1] != 'weak'])})",
                                     regex.I | regex.M),
        site_re=regex.compile(rf"^[{regex.escape(_MARKUP)}]*(?:{alt(get('site'))})", regex.I | regex.M),
        type_re=regex.compile(rf"(?<![A-Za-z])(?:{alt(rows['type'], _ocr_phrase_re)})(?![A-Za-z])"),
        type_code=type_code,
        # an organ, also when OCR ran it into the unit word after it (UBNDTỈNH PHÚ THỌ)
        organ_re=regex.compile(rf"(?<![A-Za-z\-/])(?:{organ_alt})(?:(?![A-Za-z\-])|(?=(?:{unit_alt})(?![a-z])))"),
        organ_abbr=organ_abbr,
        unit_re=regex.compile(rf"(?:(?<![A-Za-z])|(?<=(?<![A-Za-z])(?:{organ_alt})))(?:{unit_alt})(?![A-Za-z])"),
        unit_glued_re=regex.compile(rf"(?<![A-Za-z])(?:{unit_alt})(?=[A-Z])"),
        unit_any_re=regex.compile(rf"(?<![A-Za-z])(?:{unit_alt})(?![A-Za-z])", regex.I),
        unit_name=unit_name,
        unit_alt=unit_alt,
        organ_alt=organ_alt,
        title_re=regex.compile(
            rf"(?<![A-Za-z])(?:(?:TM|KT|TL|TUQ|Q)\s{{0,2}}\.|(?:{alt(rows['title'])})|CH\s{{1,4}}TICH)(?![A-Za-z])"),
        stop_words=frozenset(stop),
        periods=periods,
        body_re=regex.compile(rf"^[{regex.escape(_MARKUP)}]*(?:{body})\b", regex.I),
    )



@lru_cache(maxsize=1)
def _organ_res() -> tuple["regex.Pattern[str]", ...]:
    """The organ patterns the functions below match, compiled once (formatting
    the alternation and looking it up in regex's cache cost a call each time):
    0 an organ and its spaces in running text (any case, _infer_unit); 1 an
    organ opening a word-ended segment (_block_issuer); 2 an organ, also run into
    its unit word; 3 an organ opening a line (_parent_place); 4 an organ and its
    spaces (any case, _local_body_at)."""
    c = cues()
    return (regex.compile(rf"(?<![A-Za-z])(?:{c.organ_alt})\s{{1,2}}", regex.I),
            regex.compile(rf"(?:{c.organ_alt})\b"),
            regex.compile(rf"(?:{c.organ_alt})(?:(?![A-Z])|(?={c.unit_alt}))"),
            regex.compile(rf"(?:{c.organ_alt})"),
            regex.compile(rf"(?:{c.organ_alt})\s{{1,3}}", regex.I))

# --------------------------------------------------------------------------
# helpers

def _line_bounds(text: str, pos: int) -> tuple[int, int]:
    s = text.rfind("\n", 0, pos) + 1
    e = text.find("\n", pos)
    return s, (len(text) if e < 0 else e)


def _clean(s: str) -> str:
    s = _TAG.sub(" ", s)
    s = s.replace("**", " ").replace("__", " ")
    return " ".join(s.strip(_MARKUP + "\n").split())


# 7hị → Thị: a digit opening a name word, read as the capital of the ``name`` rows
_NAME_FIRST = {s: r for s, r in confusions.pairs("name") if s.isdigit() and r.isupper()}


def _repair_ocr_word(w: str) -> str:
    """``M1ỆN`` → ``MIỆN``, ``H0ang`` → ``Hoang``, ``Tà1`` → ``Tài``: digits OCR
    put inside a word, kept only when the result has the shape of a syllable;
    a digit opening a word of small letters is the capital the ``name`` rows of
    ``ocr_confusions.tsv`` give it (``7hị`` → ``Thị``: a seal's ink over a name)."""
    if not any(ch.isdigit() for ch in w) or not any(ch.isalpha() for ch in w):
        return w
    caps = _is_caps_word(w)
    out = []
    for k, ch in enumerate(w):
        if k == 0 and ch.isdigit() and ch in _NAME_FIRST and w[1:].isalpha() and w[1:].islower():
            ch = _NAME_FIRST[ch]
        elif ch == "0":
            ch = "O" if caps or k == 0 else "o"
        elif ch == "1":
            ch = "L" if k == 0 else ("I" if caps else "i")
        out.append(ch)
    r = "".join(out)
    return r if looks_like_syllable(r) else w


_GLUED_WORDS = regex.compile(r"(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu}{2})(?=\p{Lu}\p{Ll})")


def _split_glued(s: str) -> str:
    """``PhạmQuangHùng`` → ``Phạm Quang Hùng`` (a space OCR lost between words)."""
    return _GLUED_WORDS.sub(" ", s)


def _title_case(word: str) -> str:
    return word[:1].upper() + word[1:].lower() if word else word


def _is_caps_word(w: str) -> bool:
    letters = [c for c in w if c.isalpha()]
    return len(letters) >= 1 and all(c.isupper() for c in letters)


_UNDIGIT_TR = confusions.translation("caps")  # BA0 CA0 → BAO CAO


@dataclass
class _Heading:
    start: int
    end: int
    code: str


_FLAT_BEFORE = regex.compile(r"(?:n[a-z]m\s{0,3}(?:19|20)\d\d|[Hh][a-z]nh\s{1,3}ph[a-z]{1,3}c)\W{0,5}$")


# a type word typed with a space between its letters (``B Á O  C Á O``, ``T Ờ  T R Ì N H``)
_SPACED = regex.compile(r"^[ \t*_#]*(?P<w>\p{Lu}(?: \p{Lu})+(?: {2,}\p{Lu}(?: \p{Lu})+)*)[ \t*_]*$", regex.M)


def _spaced_heading(text: str, limit: int, begin: int) -> Optional[_Heading]:
    """The first line in ``[begin, limit)`` that is a type word with its letters
    spaced out (words apart by two spaces or more)."""
    for m in _SPACED.finditer(text, begin, limit):
        phrase = " ".join(w.replace(" ", "") for w in _WIDE_GAP.split(m.group("w")))
        code = cues().type_code.get(_key(fold(phrase)))
        if code:
            return _Heading(m.start("w"), m.end("w"), code)
    return None


_SPECK = regex.compile(r"^[^\p{L}\p{N}]*\p{L}?[^\p{L}\p{N}]*$")


def _specks(prefix: str) -> bool:
    """Only OCR specks before a type word that ends its line (``ặ : CHỈ THỊ``: a
    seal's or a stamp's edge): tokens of at most one letter, no digit; or a
    stamp's debris (``MBÊ» hư THÔNG BÁO``): at most three short tokens, twelve
    characters in all, one of them no syllable of any shape (letters glued to
    signs, ``MBÊ»``), a small letter or a glued sign among them, none with a
    digit (a day, a number)."""
    tokens = prefix.split()
    if all(_SPECK.match(t) for t in tokens):
        return True
    if len(tokens) > 3 or len(prefix.strip()) > 12 or any(ch.isdigit() for ch in prefix):
        return False
    words = [t for t in tokens if not _SPECK.match(t)]
    # OCR's, not a header's: a small letter before the title in capitals, or a sign
    # glued to letters (an abbreviation in capitals, PHÒNG TC - KẾ HOẠCH, is a header's)
    ocr_like = any(ch.islower() for ch in prefix) or any(not t.isalpha() for t in words)
    return ocr_like and any(not looks_like_syllable(t) for t in words)


def _stamp_day_before(f: str, ls: int, pos: int) -> bool:
    """Only a mail stamp's day (``Ngày: 22/1/2023``, :data:`_STAMP_DAY`) or its
    empty forwarding line (``Chuyển: ......``) before ``pos`` on its line: OCR
    read the stamp printed left of the title into the title's line
    (``Ngày: 22/1/2023 THÔNG BÁO``)."""
    m = _STAMP_DAY.match(f, ls, pos) or _STAMP_FORWARD.match(f, ls, pos)
    return bool(m) and not f[m.end():pos].strip(" \t")


# the stamp's forwarding line with nothing filled in ("Chuyển: ......", "Chuyen;")
_STAMP_FORWARD = regex.compile(r"[^\S\n]{0,3}[^\sA-Za-z0-9]{0,3}[^\S\n]{0,2}chuy[a-z]n[^\S\n]{0,2}[:;,.]?[ .…]*", regex.I)


def _find_heading(text: str, f: str, limit: int, begin: int = 0) -> Optional[_Heading]:
    """The first type word opening a line (or after the flattened motto/date),
    also one with its letters spaced out (:func:`_spaced_heading`), or one
    that ends its line after OCR specks or a mail stamp's day only
    (:func:`_specks`, :func:`_stamp_day_before`); not one
    that continues a body's name wrapped in the header (``PHÒNG TÀI CHÍNH -``
    / ``KẾ HOẠCH``)."""
    c = cues()
    spaced = _spaced_heading(text, limit, begin) if "  " in text[begin:limit] else None
    if spaced:
        limit = spaced.start
    for m in c.type_re.finditer(f, begin, limit):
        if c.stamp_re.match(f, m.start()):
            continue   # CÔNG VĂN ĐẾN: the mail register's stamp, not the title
        ls, le = _line_bounds(f, m.start())
        prefix = text[ls:m.start()]
        if (prefix.strip(_MARKUP) and not _FLAT_BEFORE.search(f[max(ls, m.start() - 80):m.start()])
                and not ((_specks(prefix) or _stamp_day_before(f, ls, m.start()))
                         and not text[m.end():le].strip(_MARKUP + ".:"))):
            continue
        if _continues_name(text, ls) or _name_line_above_number(text, f, ls, m.end(), le):
            continue   # PHÒNG TÀI CHÍNH - / KẾ HOẠCH: a body's name wrapped, not the title
        code = c.type_code.get(_key(m.group().translate(_UNDIGIT_TR)))
        if code:
            return _Heading(m.start(), m.end(), code)
    return spaced


# a header line in capitals that a wrapped name goes on after (PHÒNG TÀI CHÍNH -,
# SỞ VĂN HÓA, THỂ THAO VÀ): a joiner closes it
_NAME_JOINER = regex.compile(r"\p{Lu}{2,}[ \t]*(?:[-–,]|[ \t]V[AÀ])[ \t*_]*$")


def _name_line_above_number(text: str, f: str, ls: int, word_end: int, le: int) -> bool:
    """The type word opens a line of a body's name in the header's left column:
    more words in capitals follow it on its line (``DỰ ÁN ĐẦU TƯ XÂY DỰNG``), the
    line above opens with an agency head (``BAN QUẢN LÝ``) and the number line
    (``Số:``) comes below it."""
    cue = _NUM_CUE.search(f, word_end, le)   # a joined cell: the number on the same line
    rest = _clean(_CELL_GAP2.split(text[word_end:cue.start() if cue else le].strip(" "))[0])
    if len(rest.split()) < 2 or not _mostly_caps(rest) or ls <= 0:
        return False
    ps = text.rfind("\n", 0, ls - 1) + 1
    above = _clean(_CELL_GAP2.split(text[ps:ls - 1].strip(" |"))[0])
    if not above or not _mostly_caps(above) or _agency_head(above) is None:
        return False
    below = text[le:le + 160]
    return cue is not None or any(_NUM_CUE.match(fold(_clean(x))) for x in below.split("\n")[1:3])


def _continues_name(text: str, ls: int) -> bool:
    """The line at ``ls`` continues the header line in capitals right above it
    (that line closing with ``-``, ``,`` or ``VÀ``; the other column, after a
    gap, left out)."""
    if ls <= 0:
        return False
    ps = text.rfind("\n", 0, ls - 1) + 1
    above = text[ps:ls - 1]
    above = _CELL_GAP2.split(above.strip(" |"))[0] if above.strip() else ""
    return _NAME_JOINER.search(above.rstrip(" *_|")) is not None and _mostly_caps(above)


def _mostly_caps(s: str) -> bool:
    letters = [ch for ch in s if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _is_rule(s: str) -> bool:
    return len(s) >= 3 and all(ch in "-_=–—.*~ " for ch in s)


# a paragraph that opens with its date ("Ngày 12/11/2024, tại trụ sở ...",
# "Sáng ngày 05 tháng 3 năm 2024, ...", "Hôm nay, ..."): the body, not the title
_DATED_OPENING = regex.compile(r"^[\s*_>|]*(?:(?:sang|chieu|toi)\s{1,3})?ngay\s{1,3}\d|^[\s*_>|]*hom\s{1,3}nay\b",
                               regex.I)


def _title(text: str, pos: int) -> Optional[str]:
    """The title (trích yếu): the rest of the type word's line and the lines
    after it while they continue it (lower-case start, a trailing comma, bold
    after bold, or a short line right below), up to five lines.  A title line in
    capitals is continued by one in sentence case only when that one opens in
    lower case right below it (``KẾT LUẬN CỦA BAN THƯỜNG VỤ`` / ``về tình
    hình ...``); else capitals and sentence case are two headings."""
    c = cues()
    limit = min(len(text), pos + 1500)
    parts: list[str] = []
    blank = 0
    prev = ""
    prev_bold = False
    i = pos
    first = True
    while i < limit and len(parts) < 5:
        j = text.find("\n", i)
        j = limit if j < 0 or j > limit else j
        raw = text[i:j]
        line = _clean(raw)
        bold = raw.strip().startswith("**")
        i = j + 1
        if first:
            first = False
            if line:
                parts.append(line)
                prev, prev_bold = line, bold
            continue
        if not line:
            blank += 1
            if blank > 4:
                break
            continue
        if _is_rule(line):
            if parts:
                break
            continue
        if not parts:
            parts.append(line)
            prev, prev_bold, blank = line, bold, 0
            continue
        # a body cue ("Trong", "Để") opens a paragraph, not the next line of a title in capitals
        body = ((c.body_re.search(fold(line)) is not None or _DATED_OPENING.match(fold(line)) is not None)
                and not (_mostly_caps(line) and _mostly_caps(prev)))
        if _mostly_caps(line) and _is_authority_line(line):
            break  # CHỦ TỊCH ỦY BAN NHÂN DÂN ..., BỘ TRƯỞNG BỘ Y TẾ: who decides, not the title
        if _mostly_caps(line) != _mostly_caps(prev) and not (
                line[0].islower() and blank == 0 and _mostly_caps(prev) and not body):
            break  # capitals after a sentence-case title: the next heading (a line right
            # below capitals that opens in lower case, "về ...", still continues them)
        cont = (
            line[0].islower()
            or (prev.endswith((",", ";", "-", "và")) and not body)
            or (bold and prev_bold and blank == 0)
            or (blank == 0 and len(line) < 100 and not body and not prev.endswith((".", ":"))
                and not _ROMAN_ITEM.match(line))
        )
        if not cont:
            break
        parts.append(line)
        prev, prev_bold, blank = line, bold, 0
    return " ".join(parts).strip(" .:") or None


def _is_authority_line(line: str) -> bool:
    """The line in capitals below a title naming who decides (``CHỦ TỊCH ỦY BAN
    NHÂN DÂN TỈNH``, ``BỘ TRƯỞNG BỘ Y TẾ``, ``THỦ TƯỚNG CHÍNH PHỦ``, ``CHÍNH PHỦ``)."""
    c = cues()
    fl = fold(line).upper().lstrip(_MARKUP)
    up = " ".join(_clean(line).upper().split()).rstrip(" :")
    return bool(c.title_re.match(fl) or c.organ_re.match(fl) or up in c.central
                or _HEAD_TITLE.match(fl))


def _body_start(text: str, f: str, limit: int, begin: int = 0) -> int:
    """Where the first body paragraph starts, when there is no type word."""
    c = cues()
    for m in _LINE.finditer(text, pos=begin, endpos=limit):
        # a long line is body text, unless it is the first (a flattened header) or a
        # letter's subject kept on one line ("V/v cơ chế đặc thù … Long Thành" above the date line)
        if ((m.start() > begin and len(m.group()) > 120 and not _VV.match(f[m.start():m.end()]))
                or c.body_re.search(f[m.start():m.end()])):
            return m.start()
    return limit


# --------------------------------------------------------------------------
# number, date

# "Số:" and its OCR readings (Sô, S6, Sb, Se), also with the vowel lost ("S: 12/BC");
# "Sấ:" (folded "Sa") of a scan only with its colon and a number after it
_NUM_CUE = regex.compile(r"(?<![A-Za-z])(?:S[oO06bBeE](?:\s{0,2}[:;.]|(?=\s{1,3}[0-9.…_/]))|S[aA]?\s{0,2}:(?=\s{0,3}[0-9.…_/]))")
# (the party's dash may be OCR's ";": 303;CV/HU, read only when canonical_key takes it)
_SYMBOL = regex.compile(
    r"[ \t]{0,20}(?:\*{1,3}[ \t]{0,3})?(?:\n[ \t*_]{0,6}(?=[0-9]))?(?P<sym>"
    r"(?P<num>[0-9]{1,6}(?:\.[0-9]{1,3})?[A-Za-z]?(?=[ \t]{0,3}/)|[0-9]{1,6}|[0-9" + _DL + r"]{1,6}(?=[ \t]{0,3}/))?"
    r"[ \t]{0,12}(?:[.…_·]{1,20}[ \t]{0,3})?"
    r"/[ \t]{0,3}(?:(?:19|20)\d\d[ \t]{0,2}/[ \t]{0,2})?(?:[A-Za-z]|[0-9](?=[A-Za-z]))[A-Za-z0-9&]{0,14}(?:\.[A-Za-z0-9&]{1,10})?"
    r"(?:(?:[ \t]{0,2}\\?-[ \t]{0,2}|(?<=[A-Za-z]):(?=[A-Z]))[A-Za-z0-9&]{1,14}(?:\.[A-Za-z0-9&]{1,10})?){0,5}"
    r"|[0-9]{1,6}[ \t]{0,2}(?:\\?-|;)[ \t]{0,2}[A-Za-z]{1,6}[ \t]{0,2}/[ \t]{0,2}[A-Za-z]{1,8}"
    r"(?:\\?-[A-Z]{1,10}){0,2})"
)


# a Title-case word glued to a code in capitals (UBNDSong, DUONGPoc)
_GLUED_TAIL = regex.compile(r"(?<=[A-Z]{2})[A-Z][a-z]{1,}$")


@dataclass
class _Number:
    start: Optional[int]
    end: Optional[int]
    key: str
    note: Optional[str] = None


# what a handwritten number leaves in OCR'd print before the printed "/BC-UBND":
# a short token that is not a number ("J†§", "4Jÿ®", "Ô"), or "/74" before the
# printed symbol (a number is never followed by a slash and more digits)
_HAND_JUNK = regex.compile(r"[ \t]{0,20}(?:(?=[^\s/]{0,6}[^\s/0-9.…_·])[^\s/]{1,6}[ \t]{0,3}(?=/)"
                           r"|/[0-9]{1,4}(?=/[A-Za-z]))")


# debris of handwriting run into the printed slash, up to the printed letters:
# "3/%QĐ-SYT", "/#⁄/UBND- KSTTHC"
_HAND_SLASH = regex.compile(r"[ \t]{0,6}[0-9A-Za-z]{0,5}[ \t]{0,2}/(?=[^\sA-Za-z]{0,6}?[ \t]{0,2}[A-Za-z])"
                            r"(?:[^\sA-Za-z0-9]|[0-9](?=[^\sA-Za-z]{0,5}?/)){1,6}?[ \t]{0,2}(?=[A-Za-z])")
_SYMBOL_TAIL = regex.compile(r"[A-Za-z][A-Za-z0-9&]{0,14}(?:[ \t]{0,2}-[ \t]{0,2}[A-Za-z0-9&]{1,14}){1,5}")
# a number whose slash was lost ("Số: 175QĐ-SYT" of a scanner's OCR or a
# hurried typist): digits glued to a type code the table knows, then a dash
# and a code; read as 175/QĐ-SYT (extractors/citations.py reads the body's
# mentions the same way)
_GLUED_SYMBOL = regex.compile(r"[ \t]{0,3}(?P<sym>[0-9]{1,5}[A-Za-z]{1,6}"
                              r"(?:[ \t]{0,2}-[ \t]{0,2}[A-Za-z0-9&]{1,14}){1,5})(?![A-Za-z0-9&/])")


def _glued_number(text: str, f: str, pos: int) -> Optional[_Number]:
    g = _GLUED_SYMBOL.match(f, pos, min(len(f), pos + 80))
    if not g:
        return None
    a, b = g.span("sym")
    restored = restore_slash(text[a:b])
    return _Number(a, b, *restored) if restored else None


def _key_of(text: str, f: str, s) -> Optional[str]:
    a, b = s.span("sym")
    return canonical_key(text[a:b].strip(" \t.…_·"))


@lru_cache(maxsize=1)
def _label_cue() -> "regex.Pattern[str]":
    """``Nghị quyết số: 1211/2016/UBTVQH13``, ``Luật số: 10/2022/QH15``: the
    number line of laws and of the National Assembly's bodies names the kind
    before a lower-case ``số`` (the ``type`` and ``label`` rows of
    ``header_cues.tsv``), at a line or cell start."""
    words = [r["text"].strip() for r in CUES_TABLE.rows() if r["kind"].strip() in ("type", "label")]
    alt = "|".join(sorted({_phrase_re(w) for w in words}, key=len, reverse=True))
    return regex.compile(rf"(?:^|(?<=[\n|*\t]))[ \t*]{{0,4}}(?:{alt})\s{{1,3}}so\s{{0,2}}:", regex.I)


def _number_cues(f: str, begin: int, end: int) -> list:
    """The ``Số:`` cues of the window, then those after a kind word (``Nghị quyết số:``)."""
    return list(_NUM_CUE.finditer(f, begin, end)) + list(_label_cue().finditer(f, begin, end))


# a dash a scan read as a colon between two codes (4224/BC:SGDĐT), glued to both
_COLON_DASH = regex.compile(r"(?<=[A-Za-z]):(?=[A-Z])")


def _find_number(text: str, f: str, end: int, begin: int = 0) -> Optional[_Number]:
    """The symbol after the first ``Số:`` cue.  A number written by hand after
    printing is not read (OCR makes debris of it): the printed part is kept
    (``/STTTT-CNTT``), never a guess."""
    for m in _number_cues(f, begin, end):
        s = _SYMBOL.match(f, m.end(), min(len(f), m.end() + 120))
        if not s or s.group("sym").lstrip(" \t.…_·").startswith("/") or not _key_of(text, f, s):
            j = _HAND_JUNK.match(f, m.end(), min(len(f), m.end() + 40))
            if j:
                s2 = _SYMBOL.match(f, j.end(), min(len(f), j.end() + 120))
                if s2 and s2.group("sym").lstrip(" \t").startswith("/"):
                    s = s2
        if not s:
            below = _symbol_below(text, f, m.end())
            if below:
                return below
            # a handwritten number run into the printed slash ("3/%QĐ-SYT"): the
            # printed symbol after the debris, number left blank
            j = _HAND_SLASH.match(f, m.end(), min(len(f), m.end() + 40))
            if j:
                t = _SYMBOL_TAIL.match(f, j.end(), min(len(f), j.end() + 80))
                if t:
                    key = canonical_key("/" + text[t.start():t.end()])
                    if key and key.startswith("/") and _type_of_symbol(key):
                        return _Number(None, None, key)  # no span: the printed text is not the key
            glued = _glued_number(text, f, m.end())
            if glued:
                return glued
            continue
        a, b = s.span("sym")
        while a < b and text[a] in ".…_· \t":
            a += 1
        glued = _GLUED_TAIL.search(f, a, b)  # 04/BC-UBNDSong Vân: a space lost
        if glued:
            b = glued.start()
        b = _split_code_end(f, a, b)
        key = canonical_key(_COLON_DASH.sub("-", text[a:b]))
        if key:
            return _Number(a, b, key)
    return _number_lost_s(text, f, end, begin) or _number_on_date_line(text, f, end, begin)


# a line that is nothing but a symbol left without its number ("/TTr-VPCP")
_BARE_SYMBOL_LINE = regex.compile(r"[ \t*_]{0,6}(?P<sym>/[ \t]{0,2}[A-Za-z][A-Za-z0-9&]{0,14}"
                                  r"(?:[ \t]{0,2}-[ \t]{0,2}[A-Za-z0-9&]{1,14}){0,5})[ \t*_]*$", regex.M)
_BELOW_LINES = 6


def _symbol_below(text: str, f: str, pos: int) -> Optional[_Number]:
    """A draft's number cell read apart from its cue: ``Số:`` ends its line, the
    right column's motto lines (and blank lines) follow, then a line holding only
    the printed symbol with its number left blank (``/TTr-VPCP``), as a DOCX
    table of a draft reads cell by cell.  Only motto and blank lines may stand
    between; the key is the symbol's, blank number and all."""
    if f[pos:f.find("\n", pos) if "\n" in f[pos:] else len(f)].strip(_MARKUP):
        return None   # the cue's line goes on: not a cell of its own
    at = f.find("\n", pos)
    for _ in range(_BELOW_LINES):
        if at < 0:
            return None
        ls = at + 1
        le = f.find("\n", ls)
        le = len(f) if le < 0 else le
        line = f[ls:le]
        if line.strip(_MARKUP + "-"):
            sym = _BARE_SYMBOL_LINE.match(f, ls, le)
            if sym:
                a, b = sym.span("sym")
                key = canonical_key(text[a:b])
                return _Number(a, b, key) if key and _type_of_symbol(key) else None
            if not (_MOTTO_PHRASE.search(line) or _MOTTO.search(line) or _is_rule(line.strip())):
                return None
        at = le if le < len(f) else -1
    return None


# where a symbol may start on the date line's left (not inside a word or another symbol)
_SYMBOL_START = regex.compile(r"(?<![0-9A-Za-z/\-])(?=[0-9])")


def _number_on_date_line(text: str, f: str, end: int, begin: int) -> Optional[_Number]:
    """The number of a scan whose ``Số:`` cue a mail stamp or a seal printed
    over (OCR reads ``SểkoBn k 756/TB-UBND``, ``ĐÊ§&ỹB: 499/BC-UBND``): the
    two columns of the header share one line, the number on the left of the
    date line (``... 756/TB-UBND Phú Yên, ngày 11 tháng 4 năm 2025``).  Taken
    only there, only when no cue gave a number, and only a whole symbol whose
    type code the table knows (the last one before the place, which follows
    it with its comma: not a mention ``số 02/2017/TT-VPCP ngày ...``); not
    when the cue was read before it (``Số: ƒ 25 /BC-PGDĐT``: what a cue's
    reading left is handwriting, :func:`_find_number`); noted."""
    line = find_date_line(f, begin, end)
    if line is None:
        return None
    ls, _ = _line_bounds(text, line.start)
    found = None
    starts = [m.start() for m in _SYMBOL_START.finditer(f, ls, line.start)]
    glued = _CUE_DEBRIS.match(f, ls, line.start)   # "ốr67/NQ-SNN": the cue's debris glued to the digits
    for pos in ([glued.end()] if glued else []) + starts:
        s = _SYMBOL.match(f, pos, line.start)
        if not s or not s.group("sym")[:1].isdigit():
            continue
        a, b = s.span("sym")
        key = canonical_key(text[a:b])
        if (key and not key.startswith("/") and _type_of_symbol(key) and not _CITED_BEFORE.search(f, ls, a)
                and _PLACE_AFTER.fullmatch(f, b, line.start) and not _NUM_CUE.search(f, ls, a)):
            found = _Number(a, b, key, "cue not read (a stamp over it): " + text[ls:b].strip())
    return found


# what is left of the cue at the line's start, glued to the number's digits ("ốr67/...")
_CUE_DEBRIS = regex.compile(r"[^\S\n]{0,3}[^\s0-9/]{1,3}(?=[0-9])")
# the symbol is a mention ("Thông tư số 02/2017/TT-VPCP ngày ..."), not the own number
# (a kind word before "số"; a "Số" opening the line is the cue itself: "Số67/BC-UBND")
_CITED_BEFORE = regex.compile(r"[A-Za-z][^\s]*\s{1,3}so\s{0,2}$", regex.I)
# between the own number and "ngày": the place and its comma ("756/TB-UBND Phú Yên, ngày")
_PLACE_AFTER = regex.compile(r"[ \t]{1,30}[^\n,;]{2,60},[ \t]{0,3}")


# the register's day on a mail stamp ("Ngày: 21/3/2025", "Ngay; 7/3"), at a line start
_STAMP_DAY = regex.compile(r"^[^\S\n]{0,3}[^\sA-Za-z0-9]{0,3}[^\S\n]{0,2}ng[a-z]?y[^\S\n]{0,2}[:;][^\S\n]{0,3}"
                           r"[0-9]{1,2}[^\S\n]?[/.\-][^\S\n]?[0-9]{1,2}(?:[^\S\n]?[/.\-][^\S\n]?[0-9]{2,4})?(?![0-9])",
                           regex.I | regex.M)
# the register's number: "Số: 699", digits alone on their line (no symbol)
_STAMP_NO = regex.compile(r"^[^\S\n]{0,3}S[oO06e]?[^\S\n]{0,2}[:;]?[^\S\n]{0,3}[0-9]{1,6}[^\S\n]*$", regex.M)
_STAMP_NEAR = 3   # lines
_FILLED_LINE = regex.compile(r"\n(?=[^\S\n]*\S)")


def _stamp_spans(f: str, begin: int, end: int) -> list[tuple[int, int]]:
    """The ``Số: 699`` and ``Ngày: 21/3/2025`` of a mail register's stamp
    (``ĐẾN`` / ``Số:`` / ``Ngày:`` / ``Chuyển:``) printed over a scanned
    header: the lines of ``f[begin:end]`` (the header and title, before the
    first body line) that give a bare number or a day after a label at the
    line start (the number's colon may be lost), taken only
    near another line of the stamp (``stamp`` and ``stamp_line`` rows of
    ``header_cues.tsv``, within :data:`_STAMP_NEAR` lines not counting blank
    ones) or each other (within two).  The document's own number has a symbol and its date line a
    place before ``ngày``, so neither is one of these."""
    c = cues()
    # lines counted without the blank ones (OCR puts blank lines between a stamp's lines)
    line_no = lambda pos: len(_FILLED_LINE.findall(f, begin, pos))  # noqa: E731
    anchors = [line_no(m.start()) for m in c.stamp_line_re.finditer(f, begin, end)]
    days = [(line_no(m.start()), m.span()) for m in _STAMP_DAY.finditer(f, begin, end)]
    nos = [(line_no(m.start()), m.span()) for m in _STAMP_NO.finditer(f, begin, end)]
    out = []
    for mine, other in ((days, nos), (nos, days)):
        for ln, (a, b) in mine:
            if any(abs(ln - x) <= _STAMP_NEAR for x in anchors) or any(0 < abs(ln - x) <= 2 for x, _ in other):
                out.append((a, b))
    return sorted(out)


# the rest of a code OCR split off with a blank: "UBN D", "UBND T" is not one
_CODE_REST = regex.compile(r"[ ]{1,2}(?P<rest>[A-Z]{1,2})(?![A-Za-z0-9])")


def _split_code_end(f: str, a: int, b: int) -> int:
    """The end of the own number when OCR split its last code with a blank
    (``215/BC-UBN D Hòa Vang``): one or two capitals after it are its rest
    when they join it into a code of the tables (:func:`_joins_code`); else ``b``."""
    m = _CODE_REST.match(f, b)
    return m.end() if m and _joins_code(f[a:b], m.group("rest")) else b


def _joins_code(symbol: str, rest: str) -> bool:
    """Whether ``rest`` (capitals) completes the last code of ``symbol``
    (:func:`codes.joins_code`, the citations' rule too)."""
    return codes.joins_code(_KEY_SEP.split(symbol)[-1].strip(), rest)


# "ố: 4475/NQ-UBND": a line opening with the cue's vowel and colon, its S lost to a
# stamp or the page's edge in a scan
_LOST_S = regex.compile(r"^[\s*_|>]{0,6}[oO0]\s{0,2}:\s{0,3}(?=[0-9])", regex.M)


def _number_lost_s(text: str, f: str, end: int, begin: int) -> Optional[_Number]:
    """The number of a ``Số:`` line whose ``S`` a scan lost (``ố: 4475/NQ-UBND``):
    taken only when its symbol is whole and its type code is one the table
    knows, so a stray ``o:`` before a figure is no number."""
    for m in _LOST_S.finditer(f, begin, end):
        s = _SYMBOL.match(f, m.end(), min(len(f), m.end() + 120))
        if not s:
            continue
        a, b = s.span("sym")
        key = canonical_key(text[a:b])
        if key and not key.startswith("/") and _type_of_symbol(key):
            return _Number(a, b, key, "cue read without its S: " + text[m.start():b].strip())
    return None


# the addressee line of a letter, on the fold ("Kính gửi:", OCR's "Kinh gửi")
_KINH_GUI = regex.compile(r"(?<![^\n])[^\S\n]{0,8}[\W_]{0,3}[^\S\n]{0,2}Kinh\s{1,3}gui\s{0,2}[:;]", regex.I)


def _letter_number(key: str) -> bool:
    """``3769/BQLKCN-VP``: a number, then an issuer code and a unit code and no
    type code anywhere (numbering.md: a công văn's number names its issuer and
    drafting unit, other documents put their type code first); the issuer code
    open-ended (a Ban or Sở of a province the table does not list)."""
    parts = key.split("/")
    if len(parts) != 2 or not parts[0].isdigit():
        return False
    segs = parts[1].split("-")
    return (len(segs) == 2 and all(len(x) >= 2 and x.isalpha() for x in segs)
            and not any(codes.type_code(x) for x in segs))


def _type_of_symbol(key: str) -> Optional[str]:
    """Type code of a canonical own number; CV when the issuer comes first."""
    if "/" not in key:
        return None
    head, _, tail = key.partition("/")
    if "-" in head and not head.replace("-", "").isdigit():  # party: 45-BC/ĐU
        seg = head.split("-", 1)[1]
    else:
        rest = tail.split("/")
        seg = (rest[-1] if len(rest) > 1 else rest[0]).split("-")[0]
    t = codes.type_code(seg)
    if t:
        return t.code
    if codes.issuer_code(seg):
        return "CV"
    return None


@dataclass
class _DateLine:
    iso: Optional[str]
    place: Optional[str]
    day: Optional[tuple] = None   # span of the day's digits
    month_blank: bool = False


def _stops_name(fw: str, f: str, pos: int) -> bool:
    """Whether the word ``fw`` (folded, upper case) at ``f[pos]`` ends a place
    name: ``TM``/``KT`` always; ``Số`` and its OCR spellings (``SB``, ``SE``)
    only as the number's cue (``Số:``, ``Số 04``), so a place named with the
    syllable (``Chư Sê``, ``Sê San``) stays whole."""
    if fw not in cues().stop_words:
        return False
    return fw in ("TM", "KT") or bool(_NUM_CUE.match(f, pos))


# a place-name syllable of the Central Highlands written with an apostrophe after
# its onset (Cư M'gar, Ea H'leo, Đắk R'lấp, M'Drắk)
_APOS_WORD = regex.compile(r"^\p{L}{1,3}['’]\p{L}{1,8}$")


def _word_ok(w: str) -> bool:
    """Letters only, or a syllable with an apostrophe after its onset (``M'gar``)."""
    return w.isalpha() or _APOS_WORD.match(w) is not None


# two capitalised syllables a hyphen joins without blanks, as the date lines of
# Ninh Thuận's capital and of Bà Rịa - Vũng Tàu print them (``Phan Rang-Tháp Chàm``,
# ``Bà Rịa-Vũng Tàu``, ``Thừa Thiên-Huế``): one token of the place, kept as printed
_HYPHEN_WORD = regex.compile(r"^\p{Lu}[\p{L}'’]{0,9}(?:-\p{Lu}[\p{L}'’]{0,9})+$")


def _syllables(words: list[str]) -> int:
    """Syllables of a place's words, a hyphenated token counting each of its parts."""
    return sum(len(w.split("-")) for w in words if w != "-")


def _debris_word(w: str) -> bool:
    """A word OCR made of a photo's desk edge or a fold (``Yeisgosetpeeoptdhiee``):
    longer than any syllable (in capitals: than two, since OCR glues two
    syllables, ``THANHMIỆN``, and that is split elsewhere), no Vietnamese
    syllable; it is no part of a place name."""
    return (len(w) > (14 if w.isupper() else 8) and w.isalpha() and not is_vietnamese_syllable(w))


def _place_before(text: str, ls: int, pos: int) -> Optional[str]:
    """Capitalised words right before ``, ngày`` on the date line (``Song Vân``,
    ``Phường 4``), after the motto when a flattened header put it there
    (:data:`_MOTTO_PHRASE`); stops at codes, capitals, lower-case words and
    ``Số``.  A unit word opening the name is dropped (``Tỉnh Lai Châu`` → ``Lai
    Châu``), unless the name is a number (``Phường 4``)."""
    out: list[str] = []
    a = max(ls, pos - 80)
    for motto in _MOTTO_PHRASE.finditer(fold(text[a:pos])):  # the place follows the motto
        a = max(ls, pos - 80) + motto.end()
    toks = _split_glued(text[a:pos]).split()
    for k, tok in enumerate(reversed(toks)):
        w = _repair_ocr_word(tok.strip(_MARKUP + ","))
        if (w and len(w) <= 2 and w.isupper() and k + 1 < len(toks) and _CODE_END.search(toks[-k - 2])
                and _joins_code(toks[-k - 2], w)):
            break   # "215/BC-UBN D Hòa Vang": the rest of a code OCR split off, not the place
        if not w:
            break
        if w in ("-", "–") and out and out[-1] != "-":
            out.append("-")  # Bà Rịa - Vũng Tàu
            continue
        glued = None if w.isalnum() or _APOS_WORD.match(w) else _GLUED_TAIL.search(fold(w))
        if glued:  # 04/BC-UBNDSong Vân: the place's first word glued to the number
            out.append(w[glued.start():])
            break
        if w.isdigit():
            if out or len(w) > 3:
                break
            out.append(w)
            continue
        if not out and _debris_word(w):
            continue   # OCR debris between the place and ", ngày" (a photo's desk edge)
        if _HYPHEN_WORD.match(w) and all(_word_ok(x) and not _is_caps_word(x) for x in w.split("-")):
            out.append(w)   # Phan Rang-Tháp Chàm: "Rang-Tháp" is two syllables of the name
            if _syllables(out) >= 4:
                break
            continue
        if not _word_ok(w) or not w[0].isupper() or (len(w) > 1 and _is_caps_word(w)):
            break
        if _stops_name(fold(w).upper(), fold(tok), 0):
            break
        out.append(w)
        if _syllables(out) >= 4:
            break
    while out and out[-1] == "-":
        out.pop()
    if a == ls and (not out or not out[-1].isdigit()) and _bare_line(text[a:pos], out):
        out += _wrapped_place(text, ls, out)
    out.reverse()
    n = _unit_prefix(out)
    if n and not out[n].isdigit():
        out = out[n:]   # Tỉnh Lai Châu → Lai Châu; Phường 4 stays whole
    if not out or out[0].isdigit():
        return None
    return " ".join(out)


# a token ending in a symbol's code ("215/BC-UBN")
_CODE_END = regex.compile(r"[0-9][^\s]*[/\-][A-ZĐ]{1,8}$")


def _bare_line(seg: str, words: list[str]) -> bool:
    """Whether the words read before ``, ngày`` are all the date line holds before it."""
    return len(seg.strip(_MARKUP + ",").split()) == len(words)


def _unit_prefix(words: list[str]) -> int:
    """How many of the first words are a unit word of the cue table, in any
    case (``Thành phố``, ``thành phố``, ``Thị xã``, ``Tỉnh``): 0, 1 or 2."""
    units = _unit_words()
    for n in (2, 1):
        if len(words) > n and " ".join(words[:n]).upper() in units:
            return n
    return 0


def _wrapped_place(text: str, ls: int, got: list[str]) -> list[str]:
    """The start of a place name a hard-wrapped header (a web copy's short lines) left
    on the line above the date line: ``*Lai`` over ``Châu, ngày 28 …``, ``Thanh`` over
    ``Hóa, ngày …``, ``Bà Rịa - Vũng`` over ``Tàu, ngày …``, or the whole name, ``Quảng
    Bình,`` over ``ngày 25 …``.  Only a line made of nothing but such words (capitalised,
    at most 4 with the ones below) — the comma after them only when no word of the name
    is on the date line, not the date line's own words again — reversed.  A unit word
    opening that line, in any case, is dropped first (``Thành phố Hồ Chí`` over
    ``Minh, ngày …`` → ``Hồ Chí Minh``; ``thị xã Buôn`` over ``Hồ, ngày …`` → ``Buôn
    Hồ``), as on one line, where the scan stops at the unit's lower-case word."""
    if ls < 2 or text[ls - 1] != "\n":
        return []
    ps = text.rfind("\n", 0, ls - 1) + 1
    prev = text[ps:ls - 1].strip(_MARKUP)
    if not prev or prev.endswith(",") != (not got):
        return []
    words = prev.rstrip(",").split()
    words = words[_unit_prefix(words):]   # Thành phố Hồ Chí / Minh: the unit word is no part of the name
    named = [w for w in words if w not in ("-", "–")]
    if (not named or words[0] in ("-", "–") or len(named) + len([w for w in got if w != "-"]) > 4
            or [w.lower() for w in words] == [w.lower() for w in reversed(got)]):
        return []   # too long for a place, or the name over its own date line (Title-case header)
    for w in named:
        if not _word_ok(w) or not w[0].isupper() or (len(w) > 1 and _is_caps_word(w)) \
                or _stops_name(fold(w).upper(), fold(w), 0):
            return []
    return ["-" if w == "–" else w for w in reversed(words)]


def _find_date(text: str, f: str, end: int, begin: int = 0) -> Optional[_DateLine]:
    """The date line (its grammar: :func:`extractors.dates.find_date_line`) and its place."""
    line = find_date_line(f, begin, end)
    if line is None:
        return None
    ls, _ = _line_bounds(text, line.start)
    day = (line.day_start, line.day_end) if line.day_start is not None else None
    return _DateLine(line.iso, _place_before(text, ls, line.start), day, line.month_blank)


# --------------------------------------------------------------------------
# issuer

@dataclass
class _Place:
    unit: Optional[str]     # as written in issuer (lower case)
    name: Optional[str]     # Title Case, or digits


def _name_after(text: str, pos: int, caps: bool) -> Optional[str]:
    """Up to 4 place-name words starting at ``pos``: capitals when ``caps``
    (the header's ``THANH MIỆN``), else capitalised words (``Thanh Miện``),
    up to the motto a flattened header runs on into (:data:`_MOTTO_PHRASE`).
    Words OCR ran together are split first (``DUONGPoc``, ``ThanhMien``)."""
    c = cues()
    window = text[pos:pos + 80]
    motto = _MOTTO_PHRASE.search(fold(window))  # the name ends where the motto starts
    window = _split_glued(window[:motto.start()] if motto else window)
    wf = fold(window)
    out: list[str] = []
    last = 0   # where the last word read ends: a line break after it ends the name
    for m in _TOKEN.finditer(window):
        if out and "\n" in window[last:m.start()]:
            break
        last = m.end()
        tok = m.group().strip(_MARKUP + "(")
        if tok in ("-", "–") and out and out[-1] != "-":
            out.append("-")  # a name of two joined (BÀ RỊA - VŨNG TÀU)
            continue
        word = _WORD_APOS.match(tok)
        if not word:
            break
        w = _repair_ocr_word(word.group())
        if w.isdigit() and len(w) <= 3 and not out:
            out.append(w)
            break
        if not _word_ok(w) or _debris_word(w):
            break
        fw = fold(w).upper()
        if _stops_name(fw, wf, m.start()):
            break
        if out and fw in c.unit_name and _is_unit_word(w) and _names_next(window, m.end()):
            break  # a flattened header: the next unit and its place (HUYỆN X XÃ Y)
        if out and (c.type_re.match(wf, m.start()) or c.organ_re.match(wf, m.start())):
            break  # a flattened header runs on into the next phrase
        if caps and not _is_caps_word(w):
            break
        if not caps and not w[0].isupper():
            break
        out.append(_title_case(w) if caps else w)
        if word.end() < len(tok):  # punctuation ends the name
            break
        if len([x for x in out if x != "-"]) >= 4:
            break
    while out and out[-1] == "-":
        out.pop()
    return " ".join(out) or None


def _names_next(window: str, pos: int) -> bool:
    """A place name follows ``pos`` on its line (a word in capitals that is no
    motto or number word): then the unit word before it opens a new unit; at
    the end of the line it is the last syllable of the name (``HÀ TINH``, the
    marks lost)."""
    m = _NEXT_WORD.match(window, pos=pos)
    if not m:
        return False
    w = m.group(1)
    return ((_is_caps_word(w) or w.isdigit()) and fold(w).upper() not in cues().stop_words
            and not _MOTTO_PHRASE.match(fold(window), m.start(1)))


def _is_unit_word(w: str) -> bool:
    """``TỈNH`` is a unit word, ``TĨNH`` (Hà Tĩnh) is not: with its marks the
    word must be spelled as the unit; without any (a stripped copy) it counts."""
    if fold(w) == w:
        return True
    return w.upper() in {t.upper() for t in _unit_words()}


@lru_cache(maxsize=1)
def _unit_words() -> frozenset[str]:
    return frozenset(r["text"].strip() for r in CUES_TABLE.rows() if r["kind"] == "unit")


@lru_cache(maxsize=1)
def _unit_rank() -> dict[str, float]:
    """How high a unit word stands (``unit_levels.tsv``: xã 0, huyện 1, tỉnh 2; a
    word of two levels, thành phố, between them)."""
    from baocao.extractors.units import LEVEL_ORDER, LEVELS_TABLE

    levels: dict[str, list[int]] = {}
    for r in LEVELS_TABLE.rows():
        levels.setdefault(r["word"].strip(), []).append(LEVEL_ORDER[r["level"].strip()])
    return {w: sum(v) / len(v) for w, v in levels.items()}


@lru_cache(maxsize=1)
def _joint_organ_re() -> "regex.Pattern[str]":
    """An organ and a dash right before another organ on its line (on the fold)."""
    return regex.compile(rf"(?<![A-Za-z])(?P<organ>{cues().organ_alt})[ \t*_]{{0,3}}[-–][ \t*_]{{0,3}}$")


def _header_place(text: str, f: str, end: int, begin: int = 0) -> tuple[Optional[str], Optional[_Place]]:
    """(organ abbreviation, unit + name) from the header block: the lowest unit
    line with a name; a later line naming a higher unit does not replace it."""
    c = cues()
    organs = list(c.organ_re.finditer(f, begin, end))
    place: Optional[_Place] = None
    place_pos = -1
    units = list(c.unit_re.finditer(f, begin, end))
    for g in c.unit_glued_re.finditer(f, begin, end):  # THỊ TRẤNTHANH MIỆN: a lost space
        rest = _CAPS_RUN.match(f, pos=g.end())
        if rest and looks_like_syllable(rest.group()):
            units.append(g)
    units.sort(key=lambda m: m.start())
    # a header flattened into one line: the left column's lower line opens right
    # after the motto's first line (ỦY BAN NHÂN DÂN CỘNG HÒA ... VIỆT NAM TỈNH LÂM ĐỒNG Độc lập ...)
    after_motto = {x.start("seg") for x in _MOTTO_BETWEEN.finditer(f, begin, end)}
    for m in units:
        ls, _ = _line_bounds(f, m.start())
        before = f[ls:m.start()]
        after_organ = any(0 <= m.start() - o.end() <= 6 and not f[o.end():m.start()].strip(" \t\n*")
                          for o in organs)
        if before.strip(_MARKUP) and not after_organ and m.start() not in after_motto:
            continue
        name = _name_after(text, m.end(), caps=True)
        unit = c.unit_name[_key(m.group())]
        # a line below the issuer's naming a higher unit is its address (ỦY BAN NHÂN
        # DÂN / XÃ NAM ĐÀ / TỈNH LÂM ĐỒNG since July 2025), not the issuer
        if name and not (place and _unit_rank().get(unit, 0) > _unit_rank().get(place.unit, 0)):
            place, place_pos = _Place(unit, name), m.start()
    organ = None
    if organs:
        before = [o for o in organs if place_pos < 0 or o.start() < place_pos]
        o = before[-1] if before else organs[0]
        organ = c.organ_abbr.get(_key(o.group()))
        # the council and its committee jointly (HĐND - UBND TỈNH HÀ TĨNH): both organs
        joint = _joint_organ_re().search(f, _line_bounds(f, o.start())[0], o.start())
        if organ and joint:
            first = c.organ_abbr.get(_key(joint.group("organ")))
            if first and first != organ:
                organ = f"{first} - {organ}"
    if place is None:
        place = _bare_place_line(text, f, end, begin)
    if place is not None and place.name:
        place.name = _respace(place.name, text, f)
    return organ, place


# the motto's start where it ends a header line (also with OCR's letters lost or
# misread: "CQNG HOA", "Dc lp - Tr do")
_MOTTO = regex.compile(r"C[A-Z]NG\s{1,3}HOA|Doc\s{1,3}lap|DOC\s{1,3}LAP|(?<![A-Za-z])D[o0]?c\s{1,3}l[a]?p\s{0,3}[-–]")


def _respace(name: str, text: str, f: str) -> str:
    """A header place whose words OCR ran together (``THANHMIEN``) spelled as
    the text spells it elsewhere (``Thanh Miện``)."""
    if " " in name or len(name) < 6 or not name.isalpha() or looks_like_syllable(name):
        return name
    pat = regex.compile(r"(?<![A-Za-z])" + r"[ \t]?".join(map(regex.escape, fold(name))) + r"(?![A-Za-z])",
                        regex.I)
    for m in pat.finditer(f):
        raw = text[m.start():m.end()]
        if " " in raw or "\t" in raw:
            return " ".join(_title_case(w) for w in raw.split())
    return name


def _bare_place_line(text: str, f: str, end: int, begin: int = 0) -> Optional[_Place]:
    """A header line in capitals naming only the place (``SONG VÂN``)."""
    c = cues()
    stop_at = end
    for pat in (_NUM_CUE, _MOTTO):
        m = pat.search(f, begin, end)
        if m:
            stop_at = min(stop_at, m.start())
    for m in _LINE.finditer(text, pos=begin, endpos=stop_at):
        words = _clean(m.group()).split()
        if not 1 <= len(words) <= 4 or not all(w.isalpha() and _is_caps_word(w) for w in words):
            continue
        if sum(len(w) for w in words) < 3:
            continue
        fl = fold(" ".join(words))
        if any(fold(w).upper() in c.stop_words for w in words) or _MOTTO_PHRASE.search(fl) or any(
                p.search(fl) for p in (c.type_re, c.organ_re, c.title_re, c.unit_re)):
            continue
        return _Place(None, " ".join(_title_case(w) for w in words))
    return None


_SIG_PREFIX = regex.compile(r"(?:TM|KT|TL|TUQ|Q)\s{0,2}\.\s{0,3}$")


def _signature_organ(text: str, f: str, start: int) -> Optional[str]:
    """The body named in the signature (``TM. ỦY BAN NHÂN DÂN``)."""
    c = cues()
    found = None
    for m in c.organ_re.finditer(f, start):
        ls, _ = _line_bounds(f, m.start())
        if _SIG_PREFIX.search(f[max(ls, m.start() - 10):m.start()]) or not f[ls:m.start()].strip(_MARKUP):
            found = c.organ_abbr.get(_key(m.group()))
    return found


def _one_off(a: str, b: str) -> bool:
    """``a`` is ``b`` with one letter other, or one put in (``PBND``/``UBND``, ``TPB``/``TB``)."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    return len(a) == len(b) + 1 and any(a[:i] + a[i + 1:] == b for i in range(len(a)))


def _mend_codes(key: str, heading_code: Optional[str], organ: Optional[str]) -> Optional[str]:
    """The own number with the codes a stamp's or seal's ink changed put back
    (``756/TB-PBND`` under ``ỦY BAN NHÂN DÂN`` → ``756/TB-UBND``;
    ``621/TPB-UBND`` titled ``THÔNG BÁO`` → ``621/TB-UBND``): the symbol's type
    code, when no code of ``type_codes.tsv``, is the title's type code if one
    letter other or one put in makes them differ; its issuer code (the code
    after the type), when no code of ``issuer_codes.tsv``, is the header's
    body (``organ``: the issuer block's or the signature's) the same way.
    Witnessed by the page, never guessed: None when nothing changes."""
    parts = regex.split(r"([-/])", key)
    words = [i for i, p in enumerate(parts) if p and p[0].isalpha()]
    if not words:
        return None
    out = list(parts)
    t = words[0]
    if heading_code and codes.type_code(parts[t]) is None and _one_off(parts[t], heading_code.upper()):
        out[t] = heading_code
    if len(words) > 1 and organ:
        i = words[1]
        if codes.issuer_code(parts[i]) is None and codes.issuer_code(organ) and _one_off(parts[i], organ):
            out[i] = organ
    new = "".join(out)
    return new if new != key else None


# where an agency's name ends and its place begins (Sở Nội vụ | tỉnh Bình Thuận)
_AGENCY_PLACE = regex.compile(r"\s(?:tỉnh|thành phố|huyện|quận|thị xã|thị trấn|xã|phường|đặc khu)\s")


def _agency_initials(issuer: str) -> Optional[str]:
    """The code offices make of an agency's name: its head's first letter and
    the first letter of each word of its field, "và" and the place left out
    (``Sở Nội vụ tỉnh Bình Thuận`` → ``SNV``; ``Sở Giáo dục và Đào tạo`` →
    ``SGDĐT``).  None for a name of fewer than two words or with other signs."""
    name = _AGENCY_PLACE.split(" " + issuer + " ", maxsplit=1)[0].split()
    words = [w for w in name if w.lower() != "và"]
    if len(words) < 2 or not all(w.isalpha() for w in words):
        return None
    return "".join(w[0] for w in words).upper()


def _mend_agency_code(key: str, raw: str, issuer: str) -> Optional[str]:
    """The own number's issuer code as the header's body makes it when a scan
    misread one of its letters as a digit that the code table then read as
    another body (``4963/8NV-VP`` under ``SỞ NỘI VỤ``: ``8`` → ``B`` gave
    ``BNV``, the Bộ; the Sở's code is ``SNV``): only a code whose printed form
    holds a digit, that differs from the key's, and is one character off the
    body's initials (:func:`_agency_initials`).  None otherwise."""
    ini = _agency_initials(issuer)
    if not ini:
        return None
    parts, raws = regex.split(r"([-/])", key), regex.split(r"([-/])", "".join(raw.split()))
    if len(parts) != len(raws):
        return None
    for i, (p, r) in enumerate(zip(parts, raws)):
        if p and p[0].isalpha() and p != r.upper() and any(ch.isdigit() for ch in r) \
                and p != ini and _one_off(r.upper(), ini) and len(r) == len(ini):
            return "".join(parts[:i] + [ini] + parts[i + 1:])
    return None


def _organ_of_key(key: Optional[str]) -> Optional[str]:
    if not key:
        return None
    abbr = set(cues().organ_abbr.values())
    for seg in _KEY_SEP.split(key):
        if seg in abbr:
            return seg
    return None


def _infer_unit(text: str, f: str, name: Optional[str]) -> Optional[str]:
    """The unit the text most often puts before ``name``, else after ``UBND``."""
    c = cues()
    counts: Counter = Counter()
    if name:
        pat = regex.compile(rf"(?<![A-Za-z])({c.unit_alt})\s{{1,2}}{_phrase_re(name)}(?![A-Za-z])", regex.I)
        for m in pat.finditer(f):
            counts[c.unit_name.get(_key(m.group(1)))] += 1
        counts.pop(None, None)
        if counts:
            return counts.most_common(1)[0][0]
    for m in _organ_res()[0].finditer(f):
        u = c.unit_any_re.match(f, m.end())
        if not u:
            continue
        nxt = text[u.end():u.end() + 2].strip()
        if nxt[:1].isupper() or nxt[:1].isdigit():
            continue  # names a place: another body (UBND huyện Thanh Miện)
        counts[c.unit_name.get(_key(u.group()))] += 1
    counts.pop(None, None)
    return _clear_winner(counts)


def _infer_name(text: str, f: str, unit: str) -> Optional[str]:
    """The place most often named after ``unit`` in the text."""
    c = cues()
    counts: Counter = Counter()
    for m in c.unit_any_re.finditer(f):
        if c.unit_name.get(_key(m.group())) != unit:
            continue
        name = _name_after(text, m.end(), caps=False)
        if name:
            counts[name] += 1
    return _clear_winner(counts)


def _clear_winner(counts: Counter):
    """The most frequent value, or None when there is none or a tie."""
    if not counts:
        return None
    best = counts.most_common(2)
    if len(best) > 1 and best[0][1] == best[1][1]:
        return None
    return best[0][0]


def _place_text(place: _Place) -> str:
    """``Thanh Miện``; a numbered ward or district keeps its unit: ``Phường 4``."""
    if place.unit and place.name.isdigit():
        return f"{place.unit[:1].upper()}{place.unit[1:]} {place.name}"
    return place.name


def _format_issuer(organ: str, place: _Place) -> str:
    """``UBND thị trấn Thanh Miện``, ``UBND Phường 4``, ``UBND Song Vân``."""
    if place.unit and not place.name.isdigit():
        return f"{organ} {place.unit} {place.name}"
    return f"{organ} {_place_text(place)}"


def _place_from_location(loc: Optional[str]) -> Optional[_Place]:
    if not loc:
        return None
    c = cues()
    words = loc.split()
    fw = fold(words[0]).upper()
    for k in range(min(2, len(words) - 1), 0, -1):
        u = c.unit_name.get(_key(fold(" ".join(words[:k]))))
        if u:
            return _Place(u, " ".join(words[k:]))
    if fw in c.unit_name:
        return None
    return _Place(None, loc)


# --------------------------------------------------------------------------
# period, signer

_TITLE_DATE = regex.compile(r"(?<![A-Za-z])ngay\s{1,3}\d{1,2}\s{1,3}thang\s{1,3}\d{1,2}\s{1,3}nam\s{1,3}\d{4}"
                           r"|(?<![0-9/])\d{1,2}/\d{1,2}/\d{4}", regex.I)


def _period(title: Optional[str]) -> Optional[str]:
    if not title:
        return None
    ft = _fix_digits(fold(title))
    # a full date in the title ("Quyết định số 193 ngày 20 tháng 12 năm 2001") names no period
    ft = _TITLE_DATE.sub(lambda m: " " * len(m.group()), ft)
    best = None
    for pat, tpl in cues().periods:
        m = pat.search(ft)
        if m and (best is None or m.start() < best[0].start()
                  or (m.start() == best[0].start() and m.end() > best[0].end())):
            best = (m, tpl)
    if best is None:
        return None
    m, tpl = best
    y = _YEAR_NEXT.match(ft[m.end():])
    if not y:
        y = _YEAR_ANY.search(ft[m.end():])
    year = y.group(1) if y else None
    g = m.groupdict()
    q = g.get("q")
    if q:
        q = {"1": "I", "2": "II", "3": "III", "4": "IV"}.get(q, q.upper())
    vals = {"year": year or "", "q": q or "", "m": str(int(g["m"])) if g.get("m") else "",
            "y1": g.get("y1") or "", "y2": g.get("y2") or ""}
    out = tpl.format(**vals)
    if not year and "{year}" in tpl:
        out = out.rstrip()
        if out.endswith(" năm") and not _NAM_END.search(m.group().strip()):
            out = out[: -len(" năm")]
    return " ".join(out.split()) or None


_SKIP_LINE = regex.compile(r"^\(?\s*(?:đã\s*ký|da\s*ky|ký\s*bởi|ky\s*boi|signed)\b.*$|^\[.*\]$", regex.I)
_CELL_SPLIT = regex.compile(r"\t+|[ \u00a0]{3,}")


# the Ê Đê women's prefix H' and the K'Ho men's K' (H' Yim Kđoh, H'Yim, K' Điệu, K'Brẻ)
_H_PREFIX = regex.compile(r"^[HK]['’](?:\p{Lu}\p{Ll}{1,7})?$")
_LOOSE_SYLLABLE = regex.compile(r"^\p{L}[^\W\d_]{0,7}$")


def _ethnic(words: list[str]) -> bool:
    """The name opens with a family name or prefix of the Central Highlands
    (``ethnic`` rows: ``Y Blơ``, ``Ksor Phước``, ``Rơ Mah Tuân``)."""
    ethnic = cues().ethnic
    return (_H_PREFIX.match(words[0]) is not None or fold(words[0]).lower() in ethnic
            or (len(words) > 2 and fold(words[0] + " " + words[1]).lower() in ethnic))


def _words_ok(words: list[str]) -> bool:
    """Each word capitalised (or all in capitals) with the shape of a syllable
    (of any shape with a vowel, ≤ 8 letters, in a name of the Central
    Highlands: ``Kđăm``); no ``notname`` word, except as the given name
    closing a name of three words or more (``Lê Trường Lưu``)."""
    c = cues()
    caps = all(_is_caps_word(w) for w in words)
    loose = None  # computed when a word needs it
    for k, w in enumerate(words):
        if k == 0 and _H_PREFIX.match(w):
            continue  # H' Yim Kđoh, H'Yim: the Ê Đê women's prefix
        if not w.isalpha() or not w[0].isupper():
            return False
        if not caps and not w[1:].islower() and len(w) > 1:
            return False
        shaped = w if not caps else _title_case(w)
        if not looks_like_syllable(shaped):
            if loose is None:
                loose = _ethnic(words)
            if not (loose and _LOOSE_SYLLABLE.match(shaped) and _VOWEL.search(fold(shaped).lower())):
                return False
        if w.lower() in c.notname and not (k == len(words) - 1 and k >= 2):
            return False
    return True


@lru_cache(maxsize=1)
def _honorific_initials() -> frozenset[str]:
    return frozenset(fold(r["text"].strip()[:1]).upper() for r in CUES_TABLE.rows() if r["kind"] == "honorific")


def _drop_honorific(s: str) -> str:
    """``Đại tá Bùi Quang Thanh`` → ``Bùi Quang Thanh``, ``PGS.TS. Trần Văn An`` →
    ``Trần Văn An``: a rank or degree (``honorific`` rows) before a name."""
    if not s or fold(s[0]).upper() not in _honorific_initials():
        return s
    m = cues().honorific_re.match(fold(s))
    return s[m.end():] if m and m.end() < len(s) else s


def _is_name(line: str) -> bool:
    """A personal name: 2–5 capitalised syllables (or all in capitals), the
    first a family name, none of them a title word (``notname`` in ``header_cues.tsv``: ``Thứ Trưởng``,
    ``Chủ nhiệm``, ``Giám đốc`` are titles), holding no signature title,
    body or unit word."""
    words = line.split()
    if not 2 <= len(words) <= 5 or not _words_ok(words):
        return False
    c = cues()
    low = " " + " ".join(words).lower() + " "
    if any(f" {t} " in low for t in c.titles_exact):
        return False
    fl = fold(line).upper()
    if fold(line) == line and c.title_re.search(fl):  # a copy without marks: folded titles
        return False
    if c.organ_re.search(fl) or any(_is_unit_word(w) and fold(w).upper() in c.unit_name for w in words):
        return False
    # a Vietnamese name opens with a family name (surnames.tsv, compared without
    # marks: OCR and stripped copies); a rarer family name is taken when a
    # middle name follows it (Ksor Văn Ly, Y Thị Bình)
    return (fold(_title_case(words[0])) in _surnames_folded()
            or (len(words) >= 3 and fold(words[1]).lower() in ("van", "thi")) or _ethnic(words))


@lru_cache(maxsize=1)
def _surnames_folded() -> frozenset[str]:
    return frozenset(fold(s) for s in cues().surnames)


# what stands around a name line besides it: punctuation, and the specks a seal's
# edge or the signature's ink leave in OCR (`Đỗ Xuân Trường, “Lê Văn An)
_NAME_DEBRIS = " .,;:`'\"~^‘’“”•·«»‹›|_"


_COLUMN_GAP = regex.compile(r"(?:[ ]{2,}|\t)[*_]*")


# a family name joined to the next word by a dash a seal's ink drew (Nguyễn-Thị Lệ Thu)
_FAMILY_DASH = regex.compile(r"(?<![\p{L}-])(?P<fam>\p{Lu}\p{Ll}{0,6})-(?=\p{Lu}\p{Ll})")


def _unhyphen_family(s: str) -> str:
    """``Nguyễn-Thị Lệ Thu`` → ``Nguyễn Thị Lệ Thu``: a dash between a family
    name of ``surnames.tsv`` (as spelt) and a capitalised word is a blank OCR
    misread; Vietnamese names join no words with a dash."""
    if "-" not in s:
        return s
    return _FAMILY_DASH.sub(lambda m: m["fam"] + " " if m["fam"] in cues().surnames else m.group(), s)


def _name_in(line: str, tail_ok: bool) -> Optional[str]:
    """The name a signature line holds: the line (or one of its cells, split at
    tabs and wide gaps) when it is a name; with ``tail_ok``, also the end of a
    line that ran the two columns together (``- Nội vụ, Phùng Tô Long``) when
    it starts with a family name (or, right after a gap of two spaces, with a
    prefix of the Central Highlands: ``Y Jốk Niê``); not the end of a line in
    capitals (``VỤ TRƯỞNG`` / ``VÀ QUẢN LÝ KHOA HỌC``: its ``LÝ KHOA HỌC``)."""
    cleaned = " ".join(_repair_ocr_word(w) for w in _unhyphen_family(_split_glued(_clean(line))).split())
    cands = [cleaned] + [" ".join(_clean(x).split()) for x in _CELL_SPLIT.split(line) if x.strip()]
    for cand in cands:
        cand = cand.strip(_NAME_DEBRIS)
        # a rank, degree or address (Ông, Bà) before the name; a family name
        # spelled like one (Ông Ích Khiêm) stays when the rest is no name
        for c2 in dict.fromkeys((_drop_honorific(cand), cand)):
            if c2 and not _SKIP_LINE.match(c2) and _is_name(c2):
                return c2
    if tail_ok:
        c = cues()
        words = cleaned.rstrip(" .;").split()
        # what follows each gap between the columns, as words
        after_gaps = {tuple(_clean(line[g.end():]).rstrip(" .;").split()) for g in _COLUMN_GAP.finditer(line)}
        for k in range(min(5, len(words) - 1), 1, -1):
            tail = words[-k:]
            head = " ".join(words[:-k])
            # the tail after the gap between the columns, or after punctuation
            gap = tuple(tail) in after_gaps
            if not head.endswith((",", ";", ":")) and not gap:
                if not _GAP2.search(line):
                    continue
                if all(_is_caps_word(w) for w in tail) and _is_caps_word(words[-k - 1]) \
                        and len(words[-k - 1]) > 1:
                    continue  # a title's line in capitals (VÀ QUẢN LÝ KHOA HỌC) does not end in a name
            if (_title_case(tail[0]) in c.surnames or (gap and _ethnic(tail))) and _is_name(" ".join(tail)):
                return " ".join(tail)
    return None


def _name_closing_titles(rest: str) -> Optional[str]:
    """The name closing a signature cell whose lines a conversion joined into
    one (``KT. CHỦ TỊCH PHÓ CHỦ TỊCH Lê Ngọc Khánh``; ``rest``: what follows
    the first title): the words after the last title in capitals when they
    are a name, else the run of capitalised words that closes the line after
    words all in capitals (a one-letter prefix, ``Y Ngọc``, goes with it).
    A name in capitals there is not told from the unit's name (``VỤ TRƯỞNG
    VỤ PHÁP CHẾ``): not read."""
    cl = _clean(rest)
    if not cl:
        return None
    fl = fold(cl).upper()
    last = None
    for last in cues().title_re.finditer(fl):
        pass
    after = _drop_honorific(cl[last.end():] if last is not None else cl).strip(" .,;:")
    if after and not _mostly_caps(after) and _is_name(after):
        return after
    words = cl.split()
    k = len(words)
    while k > 0 and not _is_caps_word(words[k - 1]):
        k -= 1
    if k > 0 and len(words[k - 1]) == 1:
        k -= 1
    if k == 0 or k == len(words) or not all(_is_caps_word(w) for w in words[:k]):
        return None
    tail = _drop_honorific(" ".join(words[k:]).strip(" .,;:"))
    return tail if _is_name(tail) else None


_SIG_CUE = regex.compile(r"(?:^|(?<=[\t*|>]|[ ]{2}|:\s))")
_SIG_WINDOW = 30          # lines after a signature title where its name may stand
_PROSE_WORDS = 14         # a line this long is body text: the signature is not here


def _signer(text: str, f: str, start: int, end: Optional[int] = None) -> tuple[Optional[str], int]:
    """The signer: after a signature title line (``TM.``/``KT.``/``TL.``/
    ``TUQ.``/``Q.`` or a title in capitals, at a line or cell start), the
    first name within the next lines (skipping ``(Đã ký)``, the lines of
    ``Nơi nhận:`` and other cells of the table); the last such title of the
    text that is followed by a name wins.  Body prose ends the search.
    Returns (name, end of the first signature title's line; -1 without one)."""
    c = cues()
    found = None
    first_title_end = -1
    end = len(text) if end is None else end
    for m in c.title_re.finditer(f, start, end):
        ls, le = _line_bounds(text, m.start())
        before = text[ls:m.start()]
        if before.strip(_MARKUP) and not _SIG_CUE.search(before[-3:] if len(before) >= 3 else before) \
                and not _GAP_END.search(before):
            continue
        seg = _CELL_GAP3.split(text[m.start():le])[0]
        after_title = seg[m.end() - m.start():]
        closing = _name_closing_titles(after_title) if any(ch.islower() for ch in after_title) else None
        if not _mostly_caps(seg) and not closing:
            continue
        if first_title_end < 0:
            first_title_end = le
        # the rest of the title's own cell may hold the name (a table flattened into one line)
        name = closing
        rest = text[m.end():le]
        for cell in _CELL_SPLIT.split(rest)[1:] if name is None else ():
            name = _name_in(cell, False)
            if name:
                break
        if name is None:
            name = _name_below(text, le, end)
        if name:
            found = _as_signer(name)
    return found, first_title_end


def _as_signer(name: str) -> str:
    """A name found in capitals written as a name (``NGUYỄN VĂN AN`` → ``Nguyễn Văn An``)."""
    words = name.split()
    if all(_is_caps_word(w) for w in words):
        words = [_title_case(w) for w in words]
    return " ".join(words)


def _name_below(text: str, le: int, end: int) -> Optional[str]:
    """The first name in the lines after a signature title's line (ending at
    ``le``), within :data:`_SIG_WINDOW` lines; body prose ends the search."""
    c = cues()
    n = 0
    seal = False
    for lm in _LINE.finditer(text, pos=le, endpos=min(end, le + 3000)):
        line = lm.group()
        if not line.strip(_MARKUP):
            continue
        n += 1
        if n > _SIG_WINDOW:
            break
        # the seal's text read as lines (ỦY BAN / NHÂN DÂN / HUYỆN / ĐỊNH QUÁN):
        # the line after a lone unit word is the unit's name, not the signer
        after_unit, seal = seal, _key(fold(_clean(line))) in c.unit_name
        name = None if after_unit else _name_in(line, True) or _name_lower_initial(line) or _name_after_speck(line)
        if name:
            return name
        if len(line.split()) > _PROSE_WORDS and not _CELL_SPLIT.search(line.strip()):
            break
    return None


def _name_after_speck(line: str) -> Optional[str]:
    """A name of three words or more after one short word that is no family name
    (``Tây Lê Quang Minh``: OCR read the signature's ink or the seal's edge
    left of the name as a word): the rest, when it opens with a family name of
    ``surnames.tsv`` as spelt (marks and all) and is a name; only on a line
    below a signature title (:func:`_name_below`), where a name stands."""
    words = _clean(line).strip(_NAME_DEBRIS).split()
    if not 4 <= len(words) <= 6 or len(words[0].strip(_NAME_DEBRIS)) > 4:
        return None
    first = words[0].strip(_NAME_DEBRIS)
    if fold(_title_case(first)) in _surnames_folded() or words[1] not in cues().surnames:
        return None
    return _name_in(" ".join(words[1:]), False)


def _name_lower_initial(line: str) -> Optional[str]:
    """A name line whose first letter a scan read in lower case (the seal's
    ink over it: ``trần Văn Khánh``): taken, capitalised, when that word is a
    family name of ``surnames.tsv`` as spelt (marks and all) and the rest of
    the line, capitalised, is a name; only on a line below a signature title
    (:func:`_name_below`)."""
    s = line.strip(_NAME_DEBRIS + " \t")
    if not s[:1].islower():
        return None
    first, _, rest = s.partition(" ")
    cap = first[:1].upper() + first[1:]
    if cap not in cues().surnames or not rest:
        return None
    return _name_in(cap + " " + rest, False)


@lru_cache(maxsize=1)
def _title_cell_re() -> "regex.Pattern[str]":
    """A signature title in any case (``Chủ tịch``, ``KT. Giám đốc``, ``Phó Giám
    đốc``; folded), to be matched against a whole cell."""
    titles = "|".join(sorted({_phrase_re(t) for t, _ in _cue_rows("title")}, key=len, reverse=True))
    return regex.compile(rf"(?:(?:TM|KT|TL|TUQ|Q)\s{{0,2}}\.\s{{0,3}})?(?:PHO\s{{1,3}})?(?:{titles})", regex.I)


# where a cell of a line ends: a tab, a gap of two spaces, a table's bar
_TITLE_CELL_SPLIT = regex.compile(r"\t|[ ]{2,}|\|")


def _cue_rows(kind: str) -> list[tuple[str, str]]:
    return [(r["text"].strip(), (r.get("value") or "").strip()) for r in CUES_TABLE.rows()
            if r["kind"].strip() == kind]


def _title_cell_signer(text: str, f: str, start: int, end: Optional[int] = None) -> Optional[str]:
    """The signer under a signature title written in sentence case (``Chủ
    tịch``; ``KT. Giám đốc`` / ``Phó Giám đốc``) that is the whole of its cell
    (a line, or a piece of it between tabs, gaps of two spaces and ``|``; a
    flattened table puts it after the recipients' column), in the text's
    tail (:data:`TAIL_CHARS` + 1500 characters): the first name in the next lines, as under a title in capitals
    (:func:`_signer`; also a name after a gap on a recipients' row, ``- Lưu:
    VT.   Nguyễn Văn An``), or the name run into the title's own cell (``Phó Chủ
    tịch Nguyễn Văn Hải``, :func:`_name_after_title`); the last such title followed by a name wins.
    Used only when no title in capitals gave a name.  A title is never the
    name: a line holding a title word is no name (:func:`_is_name`)."""
    end = len(text) if end is None else end
    lo = max(start, end - TAIL_CHARS - 1500)   # (the signature is in the text's tail: _closing_name's window)
    lo = text.rfind("\n", 0, lo) + 1 if lo > start else start
    cell_re = _title_cell_re()
    found = None
    for lm in _LINE.finditer(f, pos=lo, endpos=end):
        raw = _TITLE_CELL_SPLIT.split(text[lm.start():lm.end()])   # (fold keeps every offset)
        for k, cell in enumerate(_TITLE_CELL_SPLIT.split(lm.group())):
            if cell_re.fullmatch(cell.strip(_MARKUP + ".:")):
                name = _name_below(text, lm.end(), end)
                if name:
                    found = _as_signer(name)
                break
            name = _name_after_title(cell, raw[k], cell_re)
            if name and _signature_place(text, f, lm, k, raw, end):
                found = name
                break
    return found


def _signature_place(text: str, f: str, lm, k: int, raw: list[str], end: int) -> bool:
    """Where a title run into its name signs (not prose that names a person
    by title, ``... của`` / ``Chủ tịch Hồ Chí Minh``): a cell after the
    recipients' column on its row (``- Lưu: VT.   Phó Chủ tịch Nguyễn Văn
    Hải``), or a line that only blanks, ``(Đã ký)`` lines or ``Nơi nhận:``
    follow (the last line, the one above the recipients)."""
    if k > 0 and (raw[0].strip(_MARKUP).startswith(("-", "+", "–")) or _RECIPIENTS.match(f, lm.start())):
        return True
    for nxt in _LINE.finditer(text, pos=lm.end(), endpos=end):
        line = nxt.group().strip(_MARKUP)
        if not line or _SKIP_LINE.match(line):
            continue
        return _RECIPIENTS.match(f, nxt.start() + len(nxt.group()) - len(nxt.group().lstrip(_MARKUP))) is not None
    return True


def _name_after_title(cell: str, raw: str, cell_re) -> Optional[str]:
    """The name a cell holds right after its sentence-case title, on one line
    with it (``Phó Chủ tịch Nguyễn Văn Hải``; ``cell`` folded, ``raw`` as
    printed): the title at the cell's start, a blank, then a name and nothing
    else (:func:`_is_name`: a title, ``Phó Giám đốc``, a body, ``Ủy ban``, is
    none)."""
    lead = len(cell) - len(cell.lstrip(_MARKUP))
    m = cell_re.match(cell, lead)
    if not m or m.start() != lead or not cell[m.end():m.end() + 1].isspace():
        return None
    rest = raw[m.end():].strip(_MARKUP + " .,;:")
    if not rest[:1].isupper():
        return None
    rest = _drop_honorific(rest)
    return _as_signer(rest) if _is_name(rest) else None


_RECIPIENTS = regex.compile(r"(?<![A-Za-z])N[o0][il1]\s{0,2}nh[a-z]n\s{0,2}:", regex.I)
_CLOSING_BEFORE = 6       # lines above "Nơi nhận:" where the signature's name may stand
_CLOSING_AFTER = 25       # ... and below it


def _closing_name(text: str, f: str, start: int, end: Optional[int] = None) -> Optional[str]:
    """The signer when no signature title could be read (OCR made debris of
    it: ``GIÁM bóc``; the title is in a stamp): a line that is a personal name
    and nothing else, near the last ``Nơi nhận:`` of the text (within six
    lines above it or 25 below it), the nearest below first."""
    end = len(text) if end is None else end
    cue = None
    for cue in _RECIPIENTS.finditer(f, max(start, end - TAIL_CHARS - 1500), end):
        pass
    if cue is None:
        return None
    ls, le = _line_bounds(text, cue.start())
    below = [m for m in _LINE.finditer(text, pos=le, endpos=end) if m.group().strip(_MARKUP)]
    above = [m for m in _LINE.finditer(text, pos=max(start, ls - 600), endpos=ls)
             if m.group().strip(_MARKUP)]
    for m in below[:_CLOSING_AFTER] + list(reversed(above))[:_CLOSING_BEFORE]:
        line = " ".join(_repair_ocr_word(w) for w in _split_glued(_clean(m.group())).split()).strip(" .,;:")
        line = next((x for x in dict.fromkeys((_drop_honorific(line), line)) if x and _is_name(x)), None)
        if line:
            words = line.split()
            if all(_is_caps_word(w) for w in words):
                words = [_title_case(w) for w in words]
            return " ".join(words)
    return None


# --------------------------------------------------------------------------
# where the document starts; the issuing body of a multi-line header

# the mottos printed top right: the nation's, the Party's, and the Youth Union's
# (ĐOÀN TNCS HỒ CHÍ MINH, a phrase of its own: not the union's name in a left
# line, BAN CHẤP HÀNH ĐOÀN TNCS HỒ CHÍ MINH TỈNH X)
_MOTTO_START = regex.compile(r"CONG\s{1,3}HOA\s{1,3}XA\s{1,3}HOI|DANG\s{1,3}CONG\s{1,3}SAN\s{1,3}VIET\s{1,3}NAM"
                             r"|C[A-Z]NG\s{1,3}H[A-Z]A\s{1,3}X[A-Z]\s{1,3}H"
                             r"|(?<![A-Z] )DOAN\s{1,3}(?:TNCS|THANH\s{1,3}NIEN\s{1,3}CONG\s{1,3}SAN)\s{1,3}"
                             r"HO\s{1,3}CHI\s{1,3}MINH(?=[ \t*_]*(?:$|\||<br>|\t|[ ]{3}))", regex.M)
_BACK_LINES = 10


def _doc_start(text: str, f: str) -> int:
    """Where the document starts: the issuer block around the first national
    motto (``CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM``, ``ĐẢNG CỘNG SẢN VIỆT NAM``).
    What stands before it — a legal-information site's metadata block, a
    digital-signature stamp — is skipped.  From the motto's line, earlier lines
    belong to the block while they are blank, rules, lines in capitals,
    ``Số:`` lines, table rows or a layout cell joined into one line (an organ
    in capitals, then ``Số:``; up to ten lines; short lines between them, a
    wrapped ``V/v`` line, are passed over; the joined cell may open with an
    agency or a central body as well, ``BỘ TÀI CHÍNH Số: 8123/BTC-NSNN V/v
    ...``, or with the last line of a body's name when its V/v follows the
    number, ``VỀ TRẬT TỰ XÃ HỘI Số: 1520/C06-P4 V/v ...``); 0 when there is
    no motto."""
    m = _MOTTO_START.search(f)
    if not m:
        return 0
    ls, _ = _line_bounds(text, m.start())
    start = ls
    pos = ls
    for _ in range(_BACK_LINES):
        if pos <= 0:
            break
        ps = text.rfind("\n", 0, pos - 1) + 1
        line = text[ps:pos - 1] if pos - 1 >= ps else ""
        cl = _clean(line)
        cue = _NUM_CUE.search(fold(cl))
        ok = (not cl or _is_rule(cl) or _mostly_caps(_DIGIT.sub("", cl))
              or _NUM_CUE.match(fold(cl)) or line.lstrip().startswith("|")
              # a layout cell whose lines a conversion joined: the issuer in capitals,
              # then its number and V/v line ("ỦY BAN NHÂN DÂN TỈNH X ---- Số: 12/UBND-NC V/v ...")
              or (cue is not None and cue.start() > 0 and _mostly_caps(cl[:cue.start()])
                  and (cues().organ_re.search(fold(cl[:cue.start()]).upper()) is not None
                       or _agency_head(cl[:cue.start()]) is not None
                       or _vv_after_number(cl) is not None)))
        # a wrapped "V/v ..." line between the number and the motto is tolerated;
        # a site's "Label:<tab>value" line or prose is not
        tolerated = ((len(cl.split()) <= 10 or _VV.match(fold(cl)) is not None)
                     and not _LABEL_LINE.match(cl))
        if not ok and not tolerated:
            break
        if cl and ok:
            start = ps
        pos = ps
    return start


_SITE_LINES = 2      # site lines that make a site block
_SITE_WINDOW = 10    # ... within this many lines


def _site_lines(f: str, a: int, b: int, strong: bool = False) -> list[int]:
    """Starts of the lines in [a, b) that open with a site cue (``strong``:
    not a ``weak`` one)."""
    c = cues()
    return [m.start() for m in (c.site_strong_re if strong else c.site_re).finditer(f, a, b)]


def _document_span(text: str, f: str, begin: int, signature: int,
                   body: int) -> tuple[Optional[int], Optional[int]]:
    """(start, end) of the document inside a page saved from a legal-information
    site, else (None, None).  Before ``begin`` (the motto block) a site puts
    its menus and metadata block (``Số hiệu:``, ``Loại văn bản:``, ``Ngày ban
    hành:``); after the signature its links (``Văn bản liên quan``, ``Tải
    về``, ``Bản quyền``).  The start is ``begin`` when at least two site lines
    stand before it.  The end is the first site line after the first
    signature title (``signature``: the end of its line) when the start was a
    site block; else, and in a document without a signature (searched from
    ``body``, the end of the header), the first of two site lines within ten
    lines (without a metadata block, only lines no document opens with:
    ``Văn bản liên quan``, ``Tải về``, not ``Đăng ký``)."""
    start = begin if begin > 0 and len(_site_lines(f, 0, begin)) >= _SITE_LINES else None
    end = None
    anchor = signature if signature >= 0 else body
    one_is_enough = start is not None and signature >= 0
    if anchor >= 0:
        lines = _site_lines(f, anchor, len(f), strong=start is None)
        for k, pos in enumerate(lines):
            if one_is_enough:
                end = pos
                break
            window_end = pos
            for _ in range(_SITE_WINDOW):
                nx = f.find("\n", window_end + 1)
                if nx < 0:
                    window_end = len(f)
                    break
                window_end = nx
            if sum(1 for q in lines[k:] if q < window_end) >= _SITE_LINES:
                end = pos
                break
    if end is not None:
        while end > 0 and text[end - 1] in "\n \t":
            end -= 1
    return start, end


def _issuer_lines(text: str, f: str, begin: int, end: int) -> list[tuple[int, str]]:
    """(offset, text) of the header lines in capitals before the type word: the
    left column of the header, each line cut at the motto, the number cue, the
    date line and wide gaps (the other column of a flattened table); a comma
    closing a line is kept (the name goes on below it).  A line that is a mail
    stamp's label alone (``ĐẾN``: ``stamp``/``stamp_line`` rows) is none of them."""
    out = []
    wrapped = [x.span() for x in _MOTTO_WRAPPED.finditer(f, begin, end)]
    for m in _LINE.finditer(text, pos=begin, endpos=end):
        a, b = m.span()
        cut = b
        for pat in (_MOTTO_START, _MOTTO, _NUM_CUE):
            x = pat.search(f, a, b)
            if x:
                cut = min(cut, x.start())
        inside = [s for s, e in wrapped if s < b and e > a]
        if inside and inside[0] <= a:
            continue  # a line of the motto a hard-wrapped header broke (HÒA XÃ HỘI … / HỘI CHỦ NGHĨA …)
        if inside:
            cut = min(cut, inside[0])
        gap = _CELL_GAP3.search(text[a:cut].strip())
        seg = text[a:cut]
        if gap:
            lead = len(seg) - len(seg.lstrip())
            seg = seg[:lead + gap.start()]
        got = _issuer_seg(seg, text[a:cut])
        if got:
            out.append((a, got))
        # a whole header flattened into one line (a document site's preview, a text layer
        # read without its layout): the left column's lower line stands between the
        # motto's two lines (UBND TỈNH NINH THUẬN CỘNG HÒA ... VIỆT NAM SỞ GIÁO DỤC VÀ ĐÀO
        # TẠO Độc lập - Tự do - Hạnh phúc Số: ...)
        between = _MOTTO_BETWEEN.search(f, a, b)
        if between:
            got = _issuer_seg(text[between.start("seg"):between.end("seg")],
                              text[between.start("seg"):between.end("seg")])
            if got:
                out.append((between.start("seg"), got))
    return _join_wrapped_heads(text, out)


# the motto's first line, then a run in capitals, then its second line, on one line
_MOTTO_BETWEEN = regex.compile(
    r"C[A-Z]NG\s{1,3}H[A-Z]A\s{1,3}X[A-Z]\s{1,3}H[A-Z]I\s{1,3}CH[A-Z]\s{1,3}NGH[A-Z]A\s{1,3}VI[A-Z]T\s{1,3}NAM"
    r"[\s*_|]{1,6}(?P<seg>[A-Z][^\n]{1,80}?)[\s*_|]{1,6}(?=Doc\s{1,3}lap|DOC\s{1,3}LAP)")


# a document site's page number ("1.") opening its preview's first line, before capitals
_PAGE_ITEM = regex.compile(r"^\d{1,2}\.[ \t]{1,4}(?=\p{Lu}{2})")


def _issuer_seg(seg: str, raw: str) -> Optional[str]:
    """A candidate header line cleaned (rules, leader dots, glued words), or None when
    it is no issuer line: fewer than two letters, not mostly capitals, a rule, a mail
    stamp's label alone, or holding other than letters and short numbers.  ``raw`` is
    the line as printed up to its cut (a comma or dash closing it is kept)."""
    seg = _clean(seg).strip(" :;_-.,—–~·…")  # rules and leader dots OCR put around the line
    seg = _PAGE_ITEM.sub("", seg)   # "1. UBND TỈNH ...": a preview's page number before the header
    if _CAPS_COMMA_END.search(raw.rstrip()):
        seg += ","   # a name wrapped after its comma (HỘI ĐỒNG PHỐI HỢP PHỔ BIẾN, / GIÁO DỤC PHÁP LUẬT)
    elif _CAPS_DASH_END.search(raw.rstrip()):
        seg += " -"  # ... or after its dash (PHÒNG TÀI CHÍNH - / KẾ HOẠCH)
    if len([ch for ch in seg if ch.isalpha()]) < 2 or not _mostly_caps(seg) or _is_rule(seg):
        return None
    sm = cues().stamp_line_re.match(fold(seg))
    if sm and not fold(seg)[sm.end():].strip(_MARKUP + " .:;"):
        return None   # a mail stamp's label line printed over the header (ĐẾN, CÔNG VĂN ĐẾN)
    # letters, and a number of one or two digits as a word of its own (CHI BỘ THÔN 3,
    # KHU VỰC 1, PHƯỜNG 4); not a number or date line
    if not all(ch.isalpha() or ch in " -,.&()" for ch in _WORD_NUMBER.sub("", seg)):
        return None
    return _unglue(seg)


# the national motto over line breaks and markup (a web copy's short lines: **CỘNG / HÒA XÃ
# HỘI CHỦ NGHĨA VIỆT NAM**, CỘNG HÒA XÃ / HỘI CHỦ NGHĨA VIỆT NAM), on the fold
_MOTTO_WRAPPED = regex.compile(
    r"C[A-Z]NG[\s*_|]{1,6}H[A-Z]A[\s*_|]{1,6}X[A-Z][\s*_|]{1,6}H[A-Z]I[\s*_|]{1,6}CH[A-Z][\s*_|]{1,6}"
    r"NGH[A-Z]A[\s*_|]{1,6}VI[A-Z]T[\s*_|]{1,6}NAM")


def _join_wrapped_heads(text: str, lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Two header lines, the second right under the first, joined when a hard wrap split
    a body's name there: the first is no body alone and the pair opens with an organ or
    agency name that runs past the break (``ỦY`` / ``BAN NHÂN DÂN``, ``UỶ BAN NHÂN`` /
    ``DÂN``); or the pair is a central body's whole name (``central`` rows) and the first
    line is none alone (``ỦY BAN THƯỜNG VỤ`` / ``QUỐC HỘI``, ``VĂN PHÒNG`` / ``CHÍNH
    PHỦ``, ``KIỂM TOÁN`` / ``NHÀ NƯỚC``: legal sites and narrow cells wrap them so, and
    the lower line alone would name another body or none)."""
    c = cues()
    out: list[tuple[int, str]] = []
    for a, seg in lines:
        if out:
            pa, prev = out[-1]
            nl = text.find("\n", pa)
            fp = fold(prev).upper()
            adjacent = nl >= 0 and text.find("\n", nl + 1, a) < 0
            if adjacent and not _central_of(prev) and _central_of(f"{prev} {seg}"):
                out[-1] = (pa, f"{prev} {seg}")
                continue
            if adjacent and not c.organ_re.match(fp) and not _agency_head(prev):
                both = f"{prev} {seg}"
                m = c.organ_re.match(fold(both).upper())
                head = _agency_head(both)
                if (m and m.end() > len(fp) + 1) or (head and len(head[0]) > len(prev) + 1):
                    out[-1] = (pa, both)
                    continue
        out.append((a, seg))
    return out


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    """Folded words of the header's fixed phrases (organs, bodies, units, their
    abbreviations): where OCR runs two words together (``UBNDTỈNH``,
    ``SỞTHÔNG``, ``NHÂN DÂNTỈNH``), one side is one of these."""
    out = set()
    for r in CUES_TABLE.rows():
        if r["kind"] in ("organ", "agency", "agency_place", "unit", "central"):
            out.update(fold(r["text"]).upper().split())
    return frozenset(out)


def _unglue_word(w: str) -> str:
    """``UBNDTỈNH`` → ``UBND TỈNH``, ``SỞTHÔNG`` → ``SỞ THÔNG``: a word in capitals
    that is no syllable, split where its head is a word of the header's fixed
    phrases and the rest is a syllable, a field of ``header_words.tsv`` run
    together (``BỘYTẾ`` → ``BỘ Y TẾ``), or splits again the same way."""
    if len(w) < 4 or not w.isalpha() or not _is_caps_word(w) or looks_like_syllable(w):
        return w
    heads = _head_words()
    for k in range(len(w) - 2, 1, -1):
        left, right = w[:k], w[k:]
        if fold(left).upper() not in heads:
            continue
        if looks_like_syllable(right):
            return f"{left} {right}"
        lengths = _glued_fields().get(fold(right).upper())
        if lengths:   # BỘYTẾ, SỞTƯPHÁP: the rest is a field of header_words.tsv run together
            cut, words = 0, []
            for n in lengths:
                words.append(right[cut:cut + n])
                cut += n
            return " ".join([left] + words)
        rest = _unglue_word(right)
        if rest != right:
            return f"{left} {rest}"
    return w


@lru_cache(maxsize=1)
def _glued_fields() -> dict[str, tuple[int, ...]]:
    """A ``header_words.tsv`` phrase's letters run together, folded in capitals
    (``YTE``, ``TUPHAP``) → the lengths of its words (a fold two phrases share
    with other lengths is left out)."""
    out: dict[str, Optional[tuple[int, ...]]] = {}
    for r in WORDS_TABLE.rows():
        words = r["phrase"].split()
        if not all(w.isalpha() for w in words):
            continue
        k = fold("".join(words)).upper()
        n = tuple(len(w) for w in words)
        out[k] = None if k in out and out[k] != n else n
    return {k: v for k, v in out.items() if v}


def _unglue(seg: str) -> str:
    return " ".join(_unglue_word(w) for w in seg.split())


def _marked(line: str) -> bool:
    """The line has tone marks or a đ (else: a copy or OCR without them)."""
    return fold(line) != line


def _central_of(line: str) -> Optional[str]:
    """The central body a header line names (``THỦ TƯỚNG CHÍNH PHỦ``); a line
    without marks (``THU TUONG CHINH PHU``) is compared folded, and so is a line
    whose letters differ from the name's only by marks OCR lost (``BAN CHẤP HÀNH
    TRUNG UONG``: each letter as the name spells it or as it folds)."""
    c = cues()
    up = " ".join(line.upper().split()).rstrip(" :")
    if up in c.central:
        return c.central[up]
    phrase = _central_marked_by_fold().get(fold(up).upper())
    # a line without marks, or one OCR lost some marks of (BAN CHẤP HÀNH TRUNG UONG: the horns of Ư, Ơ)
    if phrase and (not _marked(up) or _marks_lost(up, phrase)):
        return c.central[phrase]
    return None


def _marks_lost(written: str, phrase: str) -> bool:
    """``written`` is ``phrase`` with some of its marks lost (OCR of bold capitals:
    ``TRUNG UONG`` for ``TRUNG ƯƠNG``): each letter as the phrase spells it or as it folds."""
    return len(written) == len(phrase) and all(a == b or a == fold(b).upper() for a, b in zip(written, phrase))


@lru_cache(maxsize=1)
def _central_marked_by_fold() -> dict[str, str]:
    return {fold(k).upper(): k for k in cues().central}


def _agency_head(line: str) -> Optional[tuple[str, str, bool]]:
    """The agency head (cue table, longest first) opening a header line.  A line
    without marks is compared folded.  A line in capitals with marks is compared
    as written, and also folded, since OCR misreads the marks of bold capitals
    (``SƠ GIÁO DỤC``, ``BAN QUẦN LÝ``); the folded match is taken only when no
    head as long or longer matches as written, and a one-word head only when
    the cue table lists it as ``agency_fold`` (not ĐÀI: ĐẠI HỘI, ĐẠI HỌC)."""
    up = " " + " ".join(line.upper().split()) + " "
    plain = not _marked(up)
    exact = None
    marked, folded = _agency_index()
    words = up.split()
    first = words[0] if words else ""
    if plain:
        for phrase, fphrase, shown, place in folded.get(first, ()):
            if up.startswith(fphrase):
                exact = phrase, shown, place
                break
    else:
        for phrase, fphrase, shown, place in marked.get(first, ()):
            if up.startswith(" " + phrase + " "):
                exact = phrase, shown, place
                break
    if not plain and _mostly_caps(line):
        fup = fold(up).upper()
        fwords = fup.split()
        for phrase, fphrase, shown, place in folded.get(fwords[0] if fwords else "", ()):
            if exact and len(phrase) <= len(exact[0]):
                break
            if " " not in phrase and phrase not in cues().agency_fold:
                continue   # ĐÀI folds like ĐẠI (ĐẠI HỘI, ĐẠI HỌC): one word is compared folded only if listed
            if fup.startswith(fphrase):
                return phrase, shown, place
    return exact


@lru_cache(maxsize=1)
def _agency_index() -> tuple[dict, dict]:
    """The agency heads (longest first) by their first word, as written and
    folded: ``{word: ((phrase, " FOLDED PHRASE ", shown, place), ...)}``.  A
    head opens a line only if the line's first word is the head's (the line
    is compared single-spaced), so only those heads are tried, in the same
    order as the whole list."""
    marked: dict[str, list] = {}
    folded: dict[str, list] = {}
    for phrase, shown, place in cues().agency:
        fp = fold(phrase).upper()
        entry = (phrase, " " + fp + " ", shown, place)
        w, fw = phrase.split(), fp.split()
        marked.setdefault(w[0] if w else "", []).append(entry)
        folded.setdefault(fw[0] if fw else "", []).append(entry)
    return ({k: tuple(v) for k, v in marked.items()}, {k: tuple(v) for k, v in folded.items()})


def _field_case(words: list[str], cap_first: bool = True) -> list[str]:
    """A body's field in sentence case, a capital after "và", "," and "-":
    ``NỘI VỤ`` → ``Nội vụ``; ``VĂN HÓA, THỂ THAO VÀ DU LỊCH`` → ``Văn hóa, Thể
    thao và Du lịch``; proper words (``CHÍNH PHỦ``, ``TRUNG ƯƠNG``) and the
    place after a unit word (``TỈNH LÂM ĐỒNG``) keep their capitals, but a
    ``field`` phrase of the cue table opening with a unit word (``XÃ HỘI``) is
    no place.  Words without marks (a stripped copy) are compared folded; on a
    line with marks, a proper phrase OCR lost some marks of (``TRUNG UONG``) is
    the phrase (``Trung ương``).
    ``cap_first``: False when the body's head already opened its field (``Ban
    Quản lý`` + ``CÁC KHU CÔNG NGHIỆP`` → ``các khu công nghiệp``)."""
    c = cues()
    plain = not any(_marked(w) for w in words)
    key = (lambda x: fold(x).upper()) if plain else (lambda x: x.upper())
    proper = {key(k): v for k, v in c.proper.items()}
    if not plain:   # a proper phrase whose marks OCR lost in part (TRUNG UONG): as the phrase
        proper.update(_proper_lost(tuple(words)))
    fields = {key(k) for k in c.fields}
    out: list[str] = []
    cap_next, place = cap_first, False
    i = 0
    while i < len(words):
        w = words[i]
        two = key(" ".join(words[i:i + 2])).strip(",")
        three = key(" ".join(words[i:i + 3])).strip(",")
        if three in proper and i + 2 < len(words):   # HỒ CHÍ MINH
            out.extend(proper[three].split())
            i += 3
            cap_next = False
            continue
        if two in proper and i + 1 < len(words):
            out.extend(proper[two].split())
            i += 2
            cap_next = False
            continue
        if key(w).strip(",") in proper:
            out.append(proper[key(w).strip(",")] + ("," if w.endswith(",") else ""))
            i += 1
            cap_next = False
            continue
        if not place and two in fields and i + 1 < len(words):
            out.append(_title_case(w) if cap_next else w.lower())
            out.append(words[i + 1].lower())
            cap_next = words[i + 1].endswith(",")
            i += 2
            continue
        n = _unit_at(words, i)
        if n:  # TỈNH LÂM ĐỒNG: the place follows; CÔNG AN TỈNH: the unit closes the name
            # as the unit table spells it (TINH without marks: tỉnh; TP.: thành phố)
            unit = c.unit_name.get(_key(fold(" ".join(words[i:i + n])).upper().strip(",")))
            out.extend(unit.split() if unit else [x.lower() for x in words[i:i + n]])
            place = i + n < len(words)
            i += n
            continue
        if place:
            out.append(_title_case(w))
        elif w in ("-", "–"):
            out.append("-")
            cap_next = True
            i += 1
            continue
        elif key(w) == key("VÀ"):
            out.append(w.lower())
            cap_next = True
            i += 1
            continue
        elif _is_acronym(w):
            out.append(w)
            cap_next = w.endswith(",")
        else:
            out.append(_title_case(w) if cap_next else w.lower())
            cap_next = w.endswith(",")
        i += 1
    return out


def _proper_lost(words: tuple[str, ...]) -> dict[str, str]:
    """Runs of one to three of ``words`` (upper case) that are a ``proper`` phrase with
    some of its marks lost (``TRUNG UONG``), and the phrase as written in a name."""
    by_fold = _proper_by_fold()
    out = {}
    up = [w.upper().strip(",") for w in words]
    for n in (1, 2, 3):
        for i in range(len(up) - n + 1):
            run = " ".join(up[i:i + n])
            phrase = by_fold.get(fold(run).upper())
            if phrase and run != phrase and _marks_lost(run, phrase):
                out[run] = cues().proper[phrase]
    return out


@lru_cache(maxsize=1)
def _proper_by_fold() -> dict[str, str]:
    return {fold(k).upper(): k for k in cues().proper}


_VOWELS = frozenset("AEIOUY")


def _is_acronym(w: str) -> bool:
    """A word in capitals without a vowel is an abbreviation, not a word of the
    field: ``THCS``, ``THPT``, ``TNHH`` keep their capitals in a name."""
    core = w.strip(",.")
    return len(core) >= 2 and core.isupper() and not any(ch in _VOWELS for ch in fold(core).upper())


def _agency_name(line: str, bare: bool = False) -> Optional[str]:
    """``SỞ NỘI VỤ`` → ``Sở Nội vụ``; ``THỦ TƯỚNG CHÍNH PHỦ`` → ``Thủ tướng Chính phủ``.
    A head alone (``VĂN PHÒNG``) is a name only with ``bare``."""
    central = _central_of(line)
    if central:
        return central
    head = _agency_head(line)
    if not head:
        return None
    up = " ".join(line.upper().split())
    phrase, shown, place = head
    rest = up[len(phrase):].split()
    if not rest:
        return shown if bare else None
    opened = any(w[:1].isupper() for w in shown.split()[1:])  # Ban Quản lý, Bộ Chỉ huy
    tail = [_title_case(w) for w in rest] if place else _field_case(rest, cap_first=not opened)
    return " ".join([shown] + tail)


def _unit_at(words: list[str], i: int) -> int:
    """How many words of a unit (``TỈNH``, ``THÀNH PHỐ``) open ``words[i:]``; 0
    when none does or a ``field`` phrase does (``XÃ HỘI``).  Words without
    marks are compared folded."""
    plain = not any(_marked(w) for w in words)
    key = (lambda x: fold(x).upper()) if plain else (lambda x: x.upper())
    c = cues()
    fields = {key(k) for k in c.fields}
    if key(" ".join(words[i:i + 2])).strip(",") in fields:
        return 0
    if i > 0 and key(" ".join(words[i - 1:i + 1])).strip(",") in fields:
        return 0   # the second word of a field (CO QUAN without marks: no QUẬN)
    units = {key(u) for u in _unit_words()}
    for n in (2, 1):
        if i + n <= len(words) and key(" ".join(words[i:i + n])).strip(",") in units:
            return n
    return 0


def _has_place(line: str) -> bool:
    """A unit and the place after it (``CÔNG AN TỈNH HÀ TĨNH``), past the head word."""
    words = line.split()
    for k in range(1, len(words)):
        n = _unit_at(words, k)
        if n and k + n < len(words):
            return True
    return False


def _block_issuer(text: str, f: str, lines: list[tuple[int, str]],
                  organ: Optional[str], place: Optional[_Place], number_at: Optional[int] = None) -> Optional[str]:
    """The issuer of a header whose lowest line is a body other than a People's
    Committee/Council: ``UBND TỈNH BÌNH THUẬN`` / ``SỞ NỘI VỤ`` → ``Sở Nội vụ
    tỉnh Bình Thuận`` (the upper line's place added when the lower line names
    none); a central body (``THỦ TƯỚNG CHÍNH PHỦ``, ``BỘ Y TẾ``) as it is.
    None when the lowest body is an ``organ`` (UBND, HĐND, Đảng ủy): the
    organ + unit rules format those; but an agency head longer than the organ
    that opens the line is an agency (``ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH``).  A
    body under the Party's central committee is named with the words of its
    ``under`` row (``Ban Tuyên giáo Trung ương``); a name that a unit word
    closes takes the place an upper line names after that word (``Đảng ủy
    Khối các cơ quan tỉnh Thanh Hóa``)."""
    c = cues()
    if not lines:
        return None
    # the lowest line that opens a body; the lines after it continue it
    idx = None
    for k, (_, seg) in enumerate(lines):
        fs = fold(seg).upper()
        if _is_standing(seg):
            continue  # BAN THƯỜNG TRỰC under its body: the body issues
        if (_agency_head(seg) or _central_of(seg)
                or c.organ_re.match(fs) or _organ_res()[1].match(fs)):
            idx = k
    if idx is None:
        return None
    seg = lines[idx][1]
    prev = lines[idx][0]
    for off, more in lines[idx + 1:]:
        joined = seg.endswith((",", "-")) or seg.upper().endswith(" VÀ")   # the name goes on below
        if not joined and c.type_re.match(fold(more)):
            tm = c.type_re.search(f, off, _line_bounds(text, off)[1])
            joined = tm is not None and _name_line_above_number(text, f, off, tm.end(), _line_bounds(text, off)[1])
        if (c.type_re.match(fold(more)) and not joined) or len((seg + " " + more).split()) > 14 \
                or _is_standing(more):
            break
        if _NUM_CUE.search(f, text.find("\n", prev) + 1, off) or (number_at is not None and prev < number_at < off):
            break  # the number line closes the issuer block (a type word OCR misread follows it; its cue misread)
        seg, prev = seg + " " + more, off
    seg = seg.rstrip(",- ")
    party = _party_committee(seg, lines[:idx])
    if party:
        return party
    fs = fold(seg).upper()
    organ_m = _organ_res()[2].match(fs)
    head = _agency_head(seg)
    if organ_m and not (head and len(head[0]) > organ_m.end()):  # ĐẢNG ỦY KHỐI ...: an agency, not the organ
        return None
    parents = lines[:idx]
    name = _agency_name(seg, bare=bool(parents))
    if not name:
        return None
    def ministry(x: str) -> bool:  # a ministry (BỘ Y TẾ), not a local body named Bộ (BỘ CHỈ HUY QUÂN SỰ)
        head = _agency_head(x)
        return (head is not None and head[1] == "Bộ") or _starts_with(x, ("BAN CHẤP HÀNH",))
    if _central_of(seg) or _has_place(seg) or ministry(seg):
        return name
    suffix = c.under.get(" ".join(fold(parents[-1][1]).upper().split())) if parents else None
    if suffix and not name.endswith(" " + suffix):
        return f"{name} {suffix}"  # BAN CHẤP HÀNH TRUNG ƯƠNG / BAN TUYÊN GIÁO: Ban Tuyên giáo Trung ương
    head = _agency_head(seg)
    office = head is not None and head[1] in c.offices and name == head[1]
    if office and parents and _agency_name(parents[-1][1]) and (_central_of(parents[-1][1]) or ministry(parents[-1][1])):
        return f"{name} {_agency_name(parents[-1][1])}"  # BỘ Y TẾ / VĂN PHÒNG: Văn phòng Bộ Y tế
    if any(_agency_name(p) and (_central_of(p) or ministry(p)) for _, p in parents):
        return name  # under a ministry: the body's own name
    upper = _upper_body(parents, office)
    if upper:
        return f"{name} {upper}"
    if parents and place and place.name and not (organ in ("UBND", "HĐND") and place.unit):
        got = _parent_place(parents, place, text, f)
        if got:
            organ, place = got
    if parents and place and place.name and organ in ("UBND", "HĐND") and place.unit:
        head = _agency_head(seg)
        if head and head[1] in c.offices and name == head[1]:  # VĂN PHÒNG alone: the organ's office
            return f"{name} {organ} {place.unit} {place.name}"
        if name.endswith(" " + place.unit):  # CÔNG AN TỈNH: the unit's place
            return f"{name} {place.name}"
        words = name.split()
        if any(_unit_at(words, k) and k + _unit_at(words, k) == len(words) for k in range(1, len(words))):
            return name  # closed by another unit than the upper line's
        return f"{name} {place.unit} {place.name}"
    return _close_unit(name, parents, place)


_JOINT_DASH = regex.compile(r"[ \t]+[-–](?:[ \t]+|$)")


@lru_cache(maxsize=1)
def _joint_rows() -> tuple[frozenset[str], dict[str, str], tuple[str, ...], tuple[str, ...]]:
    """``joint`` rows: heads (no value: ``BỘ``, a ministry, named by its line) and whole
    names (with the name in `issuer`) of the bodies that co-issue joint documents;
    ``not_joint`` rows: heads that open like one but name a command under a ministry
    (``BỘ TƯ LỆNH``, ``BỘ TỔNG THAM MƯU``).  Keys are folded, single-spaced."""
    heads, names, nots, local = set(), {}, [], []
    for r in CUES_TABLE.rows():
        kind, key = r["kind"].strip(), " ".join(fold(r["text"]).upper().split())
        if kind == "joint":
            value = (r.get("value") or "").strip()
            if value and value != "local":
                names[key] = value
            else:
                heads.add(key)
                if value == "local":
                    local.append(key)
        elif kind == "not_joint":
            nots.append(key)
    return frozenset(heads), names, tuple(nots), tuple(local)


def _joint_local(name: str) -> bool:
    """A co-issuer's name in `issuer` that opens with a local ``joint`` head (Sở ...)."""
    return any(fold(name).upper().startswith(h + " ") for h in _joint_rows()[3])


def _joint_peer(part: str) -> Optional[str]:
    """The name in `issuer` of a co-issuer a joint header's part names whole (a
    ``joint`` name row), or the part's own name when it opens with a ``joint`` head
    and with no ``not_joint`` one; None otherwise."""
    heads, names, nots, _ = _joint_rows()
    key = " ".join(fold(part).upper().split())
    if key in names:
        return names[key]
    if any(key == n or key.startswith(n + " ") for n in nots):
        return None
    if not any(key.startswith(h + " ") for h in heads):
        return None
    return _agency_name(part)


def _joint_issuer(lines: list[tuple[int, str]], organ: Optional[str] = None,
                  place: Optional[_Place] = None) -> Optional[str]:
    """The co-issuers of a joint document (a joint circular or resolution), named in
    `issuer` in their printed order joined by `` - ``: ``BỘ TÀI CHÍNH - BỘ NỘI VỤ`` →
    ``Bộ Tài chính - Bộ Nội vụ``; ``BỘ Y TẾ`` / ``BỘ TÀI CHÍNH`` (one body a line of the
    left column) → ``Bộ Y tế - Bộ Tài chính``.  The header lines are split at their
    spaced dashes; a part that opens a co-issuer (``joint`` rows: a ministry, the
    Supreme Court and Procuracy, ...) starts a body, any other part continues the body
    before it, after its dash (``BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI`` is one body, and
    so are ``PHÒNG TÀI CHÍNH - KẾ HOẠCH``, ``SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI``).
    None unless the lines' parts make two co-issuers or more (a ministry above one
    of its departments, ``BỘ Y TẾ`` / ``VỤ KẾ HOẠCH - TÀI CHÍNH``, is no joint header).
    Local bodies of one province under its committee's line (``UBND TỈNH HÀ TĨNH`` /
    ``SỞ TÀI CHÍNH - SỞ NỘI VỤ``; a ``joint`` head with value ``local``) take that
    line's unit and place once, at the end: ``Sở Tài chính - Sở Nội vụ tỉnh Hà Tĩnh``."""
    if lines and organ in ("UBND", "HĐND") and place and place.unit and place.name \
            and cues().organ_re.match(fold(lines[0][1]).upper()) and len(lines) > 1:
        names = _joint_names(lines[1:])
        if names and all(_joint_local(n) for n in names):
            return f"{' - '.join(names)} {place.unit} {place.name}"
        return None
    names = _joint_names(lines)
    return " - ".join(names) if names else None


def _joint_names(lines: list[tuple[int, str]]) -> Optional[list[str]]:
    """The co-issuers' names of :func:`_joint_issuer`, or None."""
    groups: list[str] = []
    for _, line in lines:
        parts = [p for p in _JOINT_DASH.split(line.strip()) if p.strip()]
        for k, part in enumerate(parts):
            if _joint_peer(part) or not groups:
                groups.append(part)
            else:
                groups[-1] += (" - " if k else " ") + part
    if len(groups) < 2:
        return None
    names = [_joint_peer(g) for g in groups]
    if not all(names) or len(set(names)) < len(names):
        return None   # a body printed twice (a copy's repeated cell) is no joint header
    return names


@lru_cache(maxsize=1)
def _committees() -> tuple[dict[str, str], tuple[str, ...]]:
    """``committee`` rows (folded words → name in `issuer`) and ``party_org`` heads."""
    com = {" ".join(fold(r["text"]).upper().split()): (r.get("value") or "").strip()
           for r in CUES_TABLE.rows() if r["kind"].strip() == "committee"}
    org = tuple(" ".join(fold(r["text"]).upper().split()) for r in CUES_TABLE.rows()
                if r["kind"].strip() == "party_org")
    return com, org


def _party_committee(seg: str, parents: list[tuple[int, str]]) -> Optional[str]:
    """A party committee printed without its place under the party organisation that
    names it: ``ĐẢNG BỘ TỈNH QUẢNG TRỊ`` / ``TỈNH ỦY`` → ``Tỉnh ủy Quảng Trị``; ``ĐẢNG BỘ
    XÃ CAM LỘ`` / ``BAN THƯỜNG VỤ ĐẢNG ỦY`` → ``Ban Thường vụ Đảng ủy xã Cam Lộ``
    (``committee`` and ``party_org`` rows of ``header_cues.tsv``).  The line is the
    committee's word alone, or a ``standing`` organ and that word; the nearest upper
    line opens with the organisation's head, then a unit word and the place.  The
    place follows the committee alone when the committee's word names the unit
    (``TỈNH ỦY``), else, for an ``organ`` row's word (``ĐẢNG ỦY``), after the
    organisation's unit word (xã Cam Lộ).
    None otherwise (the other rules name the body)."""
    com, org = _committees()
    words = seg.split()
    fw = [fold(w).upper() for w in words]
    for n in (2, 1):
        if len(fw) >= n and " ".join(fw[-n:]) in com:
            shown, prefix = com[" ".join(fw[-n:])], words[:-n]
            break
    else:
        return None
    if prefix and not _is_standing(" ".join(prefix)):
        return None
    if not parents:
        return None
    upper = parents[-1][1].split()
    fu = [fold(w).upper() for w in upper]
    head = next((len(h.split()) for h in org if fu[:len(h.split())] == h.split()), 0)
    if not head:
        return None
    k = _unit_at(upper, head)
    if not k or head + k >= len(upper):
        return None
    unit = cues().unit_name.get(_key(" ".join(fu[head:head + k])))
    place = " ".join(_title_case(w) for w in upper[head + k:])
    # an organ's word (ĐẢNG ỦY, like ỦY BAN NHÂN DÂN) takes the unit before the place;
    # the others name their unit themselves (TỈNH ỦY, THÀNH ỦY)
    names_unit = _key(" ".join(fw[-n:])) not in cues().organ_abbr
    out = [shown] + ([] if names_unit or not unit else [unit]) + [place]
    if prefix:
        pw = [w.lower() for w in prefix]
        pw[0] = pw[0].capitalize()
        if len(pw) > 1 and pw[0] == "Ban":
            pw[1] = pw[1].capitalize()   # Ban Thường vụ, Ban Thường trực
        out = pw + out
    return " ".join(out)


def _close_unit(name: str, parents: list[tuple[int, str]], place: Optional[_Place]) -> str:
    """A body's name that a unit word closes without its place (``ĐẢNG ỦY KHỐI
    CÁC CƠ QUAN TỈNH`` under ``ĐẢNG BỘ TỈNH THANH HÓA``) takes the place an
    upper line names after the same unit word, else the header's place when
    its unit is that word."""
    words = name.split()
    n = next((n for n in (2, 1) if len(words) > n and _unit_at(words, len(words) - n) == n), 0)
    if not n:
        return name
    unit = " ".join(words[-n:]).lower()
    for _, p in reversed(parents):
        pw = p.split()
        for k in range(len(pw)):
            m = _unit_at(pw, k)
            if m and k + m < len(pw) and fold(" ".join(pw[k:k + m])).lower() == fold(unit):
                return " ".join(words + [_title_case(w) for w in pw[k + m:]])
    if place and place.name and place.unit == unit:
        return f"{name} {place.name}"
    return name


@lru_cache(maxsize=1)
def _organ_standings() -> dict[str, tuple[str, str]]:
    """``organ_standing`` rows: folded standing organ → (the organ it belongs to, its name)."""
    out = {}
    for r in CUES_TABLE.rows():
        if r["kind"].strip() == "organ_standing":
            organ, _, shown = (r.get("value") or "").strip().partition(" ")
            out[" ".join(fold(r["text"]).upper().split())] = (organ, shown.strip())
    return out


def _organ_standing(lines: list[tuple[int, str]], organ: str) -> Optional[str]:
    """The standing organ of a council that issues in its own name (``organ_standing``
    rows: ``THƯỜNG TRỰC HĐND TỈNH QUẢNG NAM``, ``HĐND TỈNH QUẢNG NAM`` / ``THƯỜNG
    TRỰC``, ``THƯỜNG TRỰC`` / ``HỘI ĐỒNG NHÂN DÂN`` / ``HUYỆN ĐIỆN BÀN`` → ``Thường
    trực HĐND ...``): its words alone on a header line, or opening the organ's line;
    the name it takes before the organ's issuer, or None."""
    c = cues()
    for key, (owner, shown) in _organ_standings().items():
        if owner != organ:
            continue
        for _, line in lines:
            fl = " ".join(fold(_clean(line)).upper().split())
            if fl == key:
                return shown
            if fl.startswith(key + " "):
                m = c.organ_re.match(fl, len(key) + 1)
                if m and c.organ_abbr.get(_key(m.group())) == organ:
                    return shown
    return None


def _is_standing(line: str) -> bool:
    """A line that is only a standing organ of the body above it (``BAN
    THƯỜNG TRỰC`` under ``ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM HUYỆN X``; the
    ``standing`` rows of ``header_cues.tsv``)."""
    return " ".join(fold(_clean(line)).upper().split()) in _standing()


@lru_cache(maxsize=1)
def _standing() -> frozenset[str]:
    return frozenset(" ".join(fold(r["text"]).upper().split()) for r in CUES_TABLE.rows()
                     if r["kind"].strip() == "standing")


def _upper_body(parents: list[tuple[int, str]], office: bool = False) -> Optional[str]:
    """What the nearest upper line adds to a body that names no place of its
    own: a party committee (``TỈNH ỦY HÀ NAM`` / ``BAN TUYÊN GIÁO`` → ``Ban
    Tuyên giáo Tỉnh ủy Hà Nam``) is named whole; an agency of a place (``SỞ
    NÔNG NGHIỆP VÀ PTNT TỈNH LÂM ĐỒNG`` / ``CHI CỤC KIỂM LÂM``) gives its unit
    and place (``Chi cục Kiểm lâm tỉnh Lâm Đồng``), except a body whose units
    are named with it whole (``whole`` rows: ``CÔNG AN TỈNH NGHỆ AN`` / ``PHÒNG
    CẢNH SÁT GIAO THÔNG`` → ``Phòng Cảnh sát giao thông Công an tỉnh Nghệ
    An``).  None for other upper lines (an organ's: the organ and unit rules
    add its place).  An ``office`` alone (``VĂN PHÒNG``) is the office of the body above it,
    named whole (``ĐOÀN ĐBQH VÀ HĐND`` / ``TỈNH HÀ TĨNH`` / ``VĂN PHÒNG`` →
    ``Văn phòng Đoàn ĐBQH và HĐND tỉnh Hà Tĩnh``); a nearest line that is only
    a unit and its place continues the line above it (the body's name wrapped)."""
    if not parents:
        return None
    line = parents[-1][1]
    if len(parents) > 1 and _unit_at(line.split(), 0) and _agency_head(parents[-2][1]) \
            and not cues().organ_re.match(fold(parents[-2][1]).upper()):
        line = parents[-2][1] + " " + line   # ĐOÀN ĐBQH VÀ HĐND / TỈNH HÀ TĨNH: one name
    head = _agency_head(line)
    if head is None or cues().organ_re.match(fold(line).upper()):
        return None  # ỦY BAN NHÂN DÂN TỈNH X: the organ rules name the office or agency
    full = _agency_name(line)
    if not full:
        return None
    if head[2]:  # Tỉnh ủy, Huyện ủy: the committee and its place
        return full
    if not _has_place(line):
        return None
    if head[0] in cues().whole or office:  # CÔNG AN TỈNH X / PHÒNG ...: the unit of the whole body
        return full
    m = _unit_tail_re().search(full)
    return m.group() if m else None


@lru_cache(maxsize=1)
def _unit_tail_re() -> "regex.Pattern[str]":
    """A unit word as an issuer writes it (``tỉnh``, ``thành phố``) and the place after it, to the end."""
    units = "|".join(regex.escape(u) for u in sorted(set(cues().unit_name.values()), key=len, reverse=True))
    return regex.compile(rf"(?<= )(?:{units}) \S.*$")


def _parent_place(parents: list[tuple[int, str]], place: _Place, text: str,
                  f: str) -> Optional[tuple[str, _Place]]:
    """(organ, place with its unit) of the upper line of a two-line header that
    the organ and unit rules could not read (OCR ran the words together or
    doubled a letter: ``UBNDTÏỈNH PHÚ THỌ``): the nearest upper line that opens
    with an organ and names the place of the date line; its unit is the word
    between them (a doubled letter undone), else the unit the text puts before
    the place most often (``tỉnh Phú Thọ``)."""
    c = cues()
    pname = fold(place.name).upper()
    for _, p in reversed(parents):
        fp = fold(p).upper()
        o = _organ_res()[3].match(fp)
        if not o:
            continue
        k = fp.find(pname, o.end())
        if k < 0:
            continue
        organ = c.organ_abbr.get(_key(o.group()))
        between = fp[o.end():k].replace(" ", "")
        unit = place.unit
        if not unit and between:
            unit = c.unit_name.get(between) or c.unit_name.get(_REPEATS.sub(r"\1", between))
        if not unit and not between:
            return None
        unit = unit or _infer_unit(text, f, place.name)
        if organ and unit:
            return organ, _Place(unit, place.name)
    return None


def _is_central(issuer: Optional[str]) -> bool:
    """A central body (``central`` rows of the cue table) or a ministry (``Bộ Y tế``)."""
    if not issuer:
        return False
    c = cues()
    if issuer in c.central.values():
        return True
    head = _agency_head(issuer.upper())
    return head is not None and head[1] == "Bộ"


def _starts_with(line: str, heads: tuple[str, ...]) -> bool:
    """The line in capitals opens with one of ``heads`` (folded when it has no marks)."""
    up = line.upper()
    if not _marked(up):
        return up.startswith(tuple(fold(h).upper() for h in heads))
    return up.startswith(heads)


# --------------------------------------------------------------------------

def extract_header(text: str) -> Header:
    """The document's own header fields (see the module docstring).  Errors are
    not caught here: the extract stage's guard reports them."""
    if not isinstance(text, str) or not text.strip():
        return Header()
    return _extract(text)


def _extract(text: str) -> Header:
    view = reading_view(text)
    if view is None:
        return _extract_in(text)
    h = _extract_in(view.text)
    if h.number_start is not None:  # the number's span, back in the text as it is
        a, b = view.span(h.number_start, h.number_end)
        if canonical_key(text[a:b]) == h.doc_number:
            h.number_start, h.number_end = a, b
        else:
            h.number_start = h.number_end = None
    if h.day_start is not None:  # the day's span too
        a, b = view.span(h.day_start, h.day_end)
        if text[a:b] == view.text[h.day_start:h.day_end]:
            h.day_start, h.day_end = a, b
        else:
            h.day_start = h.day_end = None
    if h.body_start is not None:
        h.body_start = view.offs[h.body_start]
    if h.body_end is not None and h.body_end > 0:
        h.body_end = view.offs[h.body_end - 1] + 1
    return h


# V/v, also as OCR misreads its slash and small v (V#w, V/y, Vlv)
# (before it, what a seal's or a stamp's edge leaves in a scan's OCR: quotes, dots;
# not part of the subject)
_VV_DEBRIS = "“”\"'‘’`„«»~^.,:;="
_VV = regex.compile(r"^[\s*_|>" + regex.escape(_VV_DEBRIS) + r"]*(?:V\s?/\s?v|V\s?[/#\\|!lI1]\s?[vwy](?=[\s:.])|V[eê\u1ec1]\s{1,3}vi[eê\u1ec7]c)\b",
                    regex.I)


_VV_INLINE = regex.compile(r"(?<=\s)V\s?/\s?[vV]\s")


def _vv_after_number(line: str) -> Optional[str]:
    """The ``V/v`` of a layout cell whose lines a conversion joined into one
    (``... Số: 12/UBND-NC V/v triển khai ...``): from ``V/v`` after the number
    to the end of the cell."""
    fl = fold(line)
    cue = _NUM_CUE.search(fl)
    vv = _VV_INLINE.search(fl, cue.end()) if cue else None
    if not vv:
        return None
    cell = _CELL_GAP3_BAR.split(line[vv.start():])[0]
    return _clean(cell).strip(" .") or None


# the date line under a V/v cell of a stacked layout (a PDF's text layer puts the
# right column's date line after the left column's V/v): a place, a comma, ngày
_DATE_LINE_START = regex.compile(r"[A-Z][^\n,]{1,40},\s{0,3}ngay\s")
# ... or on the V/v line's own row, after a gap (OCR: "năm 2025  Hà Nội, ngày 24 ...")
_GAP_DATE_LINE = regex.compile(r"\s{2,}(?=[A-Z][^\n,]{1,40},\s{0,3}ngay\s)")


def _subject(text: str, f: str, begin: int, end: int) -> Optional[str]:
    """The ``V/v ...`` (or ``Về việc ...``) line of an official letter, with the
    lines that continue it, up to ``Kính gửi``, the date line or a blank line
    (also a date line on the V/v line's own row after a gap of two spaces or
    more: OCR's columns); or the ``V/v`` after the number in a layout cell
    joined into one line."""
    for m in _LINE.finditer(text, pos=begin, endpos=end):
        if not _VV.match(fold(m.group())):
            inline = _vv_after_number(m.group())
            if inline:
                return inline
            continue
        parts = []
        for line in text[m.start():min(len(text), m.start() + 600)].split("\n"):
            cell = _CELL_GAP3.split(line.strip())[0] if line.strip() else ""
            gap = _GAP_DATE_LINE.search(fold(cell))
            if gap and gap.start() > 0:  # OCR put the right column's date line after two spaces
                cell = cell[:gap.start()]
            cl = _clean(cell)
            if not cl:
                if parts:
                    break
                continue
            if parts and (_NOT_ISSUER_LINE.match(fold(cl))
                          or _mostly_caps(cl) or _DATE_LINE_START.match(fold(cl))):
                break
            parts.append(cl)
            if len(parts) >= 4:
                break
        return " ".join(parts).strip(" .").lstrip(_VV_DEBRIS + " ") or None
    return None


# the title sentence of the Official Gazette (Công báo) and of legal databases,
# printed instead of a header block: "Quyết định của Thủ tướng Chính phủ số
# 115/2004/QĐ-TTg ngày 25 tháng 6 năm 2004 về việc ..." (folded, any case)
_GAZETTE = regex.compile(
    r"(?:\s{1,3}c[u]a\s{1,3}(?P<org>[^\n]{2,80}?))?\s{1,3}so\s{0,3}:?\s{0,3}"
    r"(?P<sym>[0-9]{1,6}[A-Za-z]?(?:\s{0,2}/\s{0,2}[A-Za-z0-9Đđ&]{1,15}){1,2}(?:\s{0,2}-\s{0,2}[A-Za-z0-9Đđ&]{1,15}){0,5}"
    r"|[0-9]{1,6}-[A-Za-z]{1,6}/[A-Za-z]{1,8})"
    r"\s{1,3}ngay\s{1,3}(?P<d>\d{1,2})\s{1,3}thang\s{1,3}(?P<m>\d{1,2})\s{1,3}nam\s{1,3}(?P<y>(?:19|20)\d\d)"
    r"\s{0,3}[,;]?\s{0,3}(?:ve\s{1,3}(?:viec\s{1,3})?)?",
    regex.I,
)


def _local_body_at(text: str, f: str, pos: int) -> Optional[tuple[str, int]]:
    """(issuer, end) of a local body named at ``pos`` in running text (``Ủy ban
    nhân dân tỉnh Hà Tĩnh``, ``UBND huyện Đông Anh``): an organ, a unit word and
    the capitalised place after it."""
    c = cues()
    o = _organ_res()[4].match(f[pos:pos + 40])
    if not o:
        return None
    u = c.unit_any_re.match(f, pos + o.end())
    organ = c.organ_abbr.get(_key(o.group()).upper())
    if not u or not organ:
        return None
    name = _name_after(text, u.end() + 1, caps=False) if text[u.end():u.end() + 1] == " " else None
    if not name:
        return None
    end = u.end() + 1 + len(name)
    if text[u.end() + 1:end] != name:
        return None
    return _format_issuer(organ, _Place(c.unit_name[_key(u.group()).upper()], name)), end


def _is_formula(f: str, heading: _Heading) -> bool:
    """The heading is the enacting formula of the body (``QUYẾT ĐỊNH:``,
    ``QUYẾT NGHỊ:`` before Điều 1), not the document's type word: a colon
    closes it and nothing else stands on its line."""
    return _COLON_END.match(f[heading.end:heading.end + 12]) is not None


def _gazette(text: str, f: str, begin: int, limit: int) -> Optional[dict]:
    """The fields of a gazette title sentence opening the text (its first
    non-blank line starts with a type word in any case): kind, number, date,
    issuer (``của <body>``, else the body the number's code implies:
    ``TTg`` → Thủ tướng Chính phủ) and subject (what follows ``về việc``, up
    to the authority line or the first body paragraph)."""
    c = cues()
    first = regex.compile(r"[^\S\n]*\n|[ \t*#_>]+").match  # skip blank lines and markup
    pos = begin
    while pos < limit:
        m = first(f, pos)
        if not m or m.end() == pos:
            break
        pos = m.end()
    k = c.type_any_re.match(f, pos)
    if not k:
        return None
    g = _GAZETTE.match(f, k.end(), min(len(f), k.end() + 300))
    if not g:
        return None
    code = c.type_code.get(_key(k.group()).upper())
    key = canonical_key(text[g.start("sym"):g.end("sym")])
    if not code or not key:
        return None
    iso = iso_date(int(g.group("y")), int(g.group("m")), int(g.group("d")), years=DATE_LINE_YEARS)
    issuer = None
    if g.group("org"):
        org = " ".join(_clean(text[g.start("org"):g.end("org")]).split())
        issuer = c.central.get(org.upper()) or _agency_name(org) or None
    if issuer is None:
        seg = key.split("-")[-1]
        ic = codes.issuer_code(seg)
        issuer = ic.name if ic and ic.implied else None
    after = g.end()
    if not g.group("org"):  # "... năm 2017 của Văn phòng Chính phủ hướng dẫn ...": a central body
        o = _CUA.match(f[after:after + 8])
        if o:
            up = " ".join(text[after + o.end():after + o.end() + 80].upper().split())
            for name in sorted(c.central, key=len, reverse=True):
                if up.startswith(name + " ") or up == name:
                    issuer = c.central[name]
                    n = 0
                    p2 = after + o.end()
                    while n < len(name.split()):  # skip the body's words
                        w = _NEXT_TOKEN.match(text[p2:])
                        p2 += w.end()
                        n += 1
                    after = p2
                    break
            else:
                local = _local_body_at(text, f, after + o.end())
                if local:
                    issuer, after = local
            if after > g.end():  # the body named: "về việc" opens the subject after it
                v = _VE_VIEC.match(f[after:after + 16])
                after += v.end() if v else 0
    parts = []
    rest = text[after:min(len(text), after + 800)].split("\n")
    for k2, line in enumerate(rest):
        cl = _clean(line)
        if not cl:
            if parts:
                break
            continue
        if k2 > 0 and (_is_authority_line(cl) or c.body_re.search(fold(cl))):
            break
        parts.append(cl)
        if len(parts) >= 6:
            break
    subject = " ".join(parts).strip(" .;:") or None
    return dict(code=code, key=key, start=g.start("sym"), end=g.end("sym"), iso=iso, issuer=issuer,
                subject=subject)


def _respell(name: Optional[str], text: str, f: str) -> Optional[str]:
    """The issuer spelled as the text spells it most often: a header line in
    capitals is where OCR misreads marks most (``TRUYÈN THÔNG`` for ``TRUYỀN
    THÔNG``), and the body repeats the name (``Sở Thông tin và Truyền thông``).
    Each word keeps its case; only its marks change, and only to a spelling
    with marks that the text holds more often than every other (a clear
    winner); the whole name is looked for, else its longest head.  A head the
    text holds only in capitals is passed over for a shorter one: the header's
    own line (where the name was read, misread marks and all, while the cue
    table spelt its head: ``BAN QUẦN LÝ`` → ``Ban Quản lý``) is no evidence
    for itself.  The words are looked for on one line (``VĂN PHÒNG`` / ``Số:``
    is no spelling of ``Văn phòng Sở``)."""
    if not name:
        return name
    words = name.split()
    best = None
    for k in range(len(words), 1, -1):  # the whole name, else its longest head the text repeats
        lead = words[:k]
        pat = regex.compile(r"(?<![A-Za-z])" + r"[ \t]{1,3}".join(regex.escape(fold(w)) for w in lead)
                            + r"(?![A-Za-z])", regex.I)
        counts: Counter = Counter()
        lower = False
        for m in pat.finditer(f):
            seen = text[m.start():m.end()]
            got = tuple(w.lower() for w in seen.split())
            if len(got) == k:
                counts[got] += 1
                lower = lower or not seen.isupper()
        if counts and lower:
            best = _clear_winner(counts)
            break
    if not best:
        return name
    fixed = {u.lower() for u in _unit_words() for u in u.split()}  # the table's own words (tỉnh, thành phố)
    out = []
    for w, b in zip(words, best):
        if (b == w.lower() or fold(b) != fold(w.lower()) or fold(b) == b  # never to a spelling without marks
                or w in fixed):
            out.append(w)
        elif _is_caps_word(w) and len(w) > 1:
            out.append(b.upper())
        else:
            out.append(b[:1].upper() + b[1:] if w[:1].isupper() else b)
    return " ".join(out + words[len(best):])


def _wrapped_unit_name(issuer: Optional[str], location: Optional[str], head: str) -> Optional[str]:
    """The place of the issuer's unit whole when a hard wrap cut it (``TỈNH THỪA`` /
    ``THIÊN HUẾ`` read ``UBND tỉnh Thừa``): the issuer ends with the first words of the
    date line's place, and the header (folded) prints the place's words in capitals
    across a line break."""
    if not issuer or not location:
        return issuer
    iw, lw = issuer.split(), location.split()
    for k in range(min(len(lw) - 1, len(iw) - 1), 0, -1):
        if [w.lower() for w in iw[-k:]] == [w.lower() for w in lw[:k]]:
            words = fold(location).upper().split()
            first = r"[ \t]{1,3}".join(map(regex.escape, words[:k]))
            rest = r"[ \t]{1,3}".join(map(regex.escape, words[k:]))
            if regex.search(rf"(?<![A-Z]){first}[ \t*_|]{{0,4}}\n[\s*_|]{{0,6}}{rest}(?![A-Z])", head):
                return " ".join(iw[:-k] + lw)
            break
    return issuer


@lru_cache(maxsize=1)
def _phrase_marks() -> dict[tuple[str, ...], Optional[tuple[str, ...]]]:
    """Folded lower words of each ``header_words.tsv`` phrase → its words (None when two share the fold)."""
    out: dict[tuple[str, ...], Optional[tuple[str, ...]]] = {}
    for r in WORDS_TABLE.rows():
        words = tuple(r["phrase"].split())
        k = tuple(fold(w).lower() for w in words)
        out[k] = None if k in out and out[k] != words else words
    return out


def _place_levels(word: str) -> frozenset[str]:
    """The levels (``unit_levels.tsv``) a unit word or a committee's head names:
    ``tỉnh``, ``Tỉnh ủy`` → province; ``Thành ủy`` → a city's (thành phố)."""
    from baocao.extractors.units import LEVELS_TABLE

    w = word.lower()
    w = {"thành": "thành phố", "thị": "thị xã"}.get(w, w)   # Thành ủy, Thị ủy: the head's unit
    return frozenset(r["level"].strip() for r in LEVELS_TABLE.rows() if r["word"].strip() == w)


def _in_case_of(spelling: str, written: str) -> str:
    """``spelling`` in the case of ``written`` (capitals, capitalised or lower), its punctuation kept."""
    core = written.rstrip(",")
    if core.isupper() and len(core) > 1:
        sp = spelling.upper()
    elif core[:1].isupper():
        sp = spelling[:1].upper() + spelling[1:]
    else:
        sp = spelling[:1].lower() + spelling[1:] if not spelling[1:2].isupper() else spelling
    return sp + written[len(core):]


def _place_marks(name: list[str], levels: frozenset[str]) -> Optional[list[str]]:
    """A place name written without marks (``Binh Dinh``) as the unit lists spell
    it at those levels, when every list agrees on one spelling."""
    from baocao.extractors import admin_units as au

    k = au.key(" ".join(name))
    by_short = au.lists().by_short
    found = {u.short for era in ("legacy", "2025") for level in levels for u in by_short.get((era, level, k), ())}
    if len(found) != 1:
        return None
    sp = next(iter(found)).split()
    return sp if len(sp) == len(name) else None


def _restore_marks(issuer: Optional[str], text: str, location: Optional[str]) -> Optional[str]:
    """The issuer's runs of words without any marks, in a document that has
    marks elsewhere (OCR lost those of the header's bold capitals: ``Sở Tai
    chinh``, ``Tỉnh ủy Binh Dinh``), spelt from the tables: the longest phrase
    of ``header_words.tsv`` that folds like the run (``Tài chính``; also a run
    that lost or changed some of its marks only, ``Giao dục và Đào tạo`` →
    ``Giáo dục và Đào tạo``: the phrase is how the body's field is spelt), and a
    place after a unit word or a committee's head (``tỉnh``, ``Tỉnh ủy``) as the
    unit lists spell it at that level (``Bình Định``).  Only where the header
    itself shows marks were lost, not absent: its date line's place has marks
    (without a date line, the header region has some); a copy stripped of its
    marks, or a header typed without them, stays as it is.  Only marks change."""
    if not issuer or not (_marked(location) if location else _marked(text[:HEAD_CHARS])):
        return issuer
    words = issuer.split()
    out = list(words)
    plain = [fold(w) == w for w in words]
    marks = _phrase_marks()
    i = 0
    while i < len(words):
        # a place after a unit word (tỉnh Binh Dinh) or a committee's head (Tỉnh ủy Binh Dinh)
        head = out[i - 1] if i > 0 else ""
        if i > 0 and words[i][:1].isupper() and plain[i]:
            levels = _place_levels(head) if fold(head) != head else frozenset()
            if not levels and i > 1 and fold(out[i - 1]).lower() in ("uy", "doan"):
                levels = _place_levels(out[i - 2])
            n = 0
            while i + n < len(words) and n < 4 and plain[i + n] and words[i + n][:1].isupper() \
                    and words[i + n].isalpha():
                n += 1
            sp = _place_marks(words[i:i + n], levels) if levels and n else None
            if sp:
                out[i:i + n] = [_in_case_of(a, b) for a, b in zip(sp, words[i:i + n])]
                i += n
                continue
        for n in range(min(8, len(words) - i), 1, -1):
            hit = marks.get(tuple(fold(w).lower().rstrip(",") for w in words[i:i + n]))
            if hit:
                out[i:i + n] = [_in_case_of(a, b) for a, b in zip(hit, words[i:i + n])]
                i += n
                break
        else:
            i += 1
    return " ".join(out)


def _capital_place(issuer: str, location: str) -> str:
    """The date line's place named in lower case inside the issuer, where the
    field's sentence case reached a place no unit word announced (``KHO BẠC NHÀ
    NƯỚC BẮC KẠN`` → ``Kho bạc Nhà nước bắc kạn``, dated ``Bắc Kạn, ngày ...``;
    ``TRƯỜNG THCS KIM CHUNG`` at ``Kim Chung``): it takes the place's capitals.
    Only whole words after the first, only a place of two words or more."""
    low = location.lower()
    if low == location or " " not in location:
        return issuer
    m = regex.search(rf"(?<=\S )(?<![A-Za-zÀ-ỹ]){regex.escape(low)}(?![A-Za-zÀ-ỹ])", issuer)
    return issuer[:m.start()] + location + issuer[m.end():] if m else issuer


def _marked_place(issuer: Optional[str], location: Optional[str]) -> Optional[str]:
    """The issuer's place with the marks of the date line's (``UBND HUYEN DIEN
    CHAU`` above ``Diễn Châu, ngày ...``: a header in capitals that lost its
    marks to a caps font or OCR → ``UBND huyện Diễn Châu``); only a place
    without any marks takes them, and only when it is the same place folded."""
    if not issuer or not location:
        return issuer
    issuer = _capital_place(issuer, location)
    if not _marked(location):
        return issuer
    tail = issuer[-len(location):]
    if (len(issuer) > len(location) and issuer[-len(location) - 1] == " " and not _marked(tail)
            and tail.lower() == fold(location).lower()):
        return issuer[:-len(location)] + location
    return issuer


def _extract_in(text: str) -> Header:
    f = _fix_digits(fold(text))
    begin = _doc_start(text, f)
    limit = min(len(text), begin + HEAD_CHARS)
    h = Header()
    heading = _find_heading(text, f, limit, begin)
    if heading:
        h.title = _title(text, heading.end)
        region_end = heading.start
    else:
        region_end = _body_start(text, f, limit, begin)
    h.subject = h.title or _subject(text, f, begin, max(region_end, min(limit, begin + 800)))

    num = _find_number(text, f, region_end, begin)
    if num:
        h.doc_number, h.number_start, h.number_end = num.key, num.start, num.end
        h.number_note = num.note
    h.doc_type = heading.code if heading else (_type_of_symbol(num.key) if num else None)
    if h.doc_type is None and h.subject and _VV.match(fold(h.subject)) and (num is None or "/" in num.key):
        h.doc_type = "CV"  # a letter "V/v ..." without a type word: công văn
    if h.doc_type is None and num and _letter_number(num.key) and _KINH_GUI.search(f, num.end or begin, limit + 400):
        h.doc_type = "CV"  # no title, a letter's number (ISSUER-UNIT) and a "Kính gửi:" line: công văn

    date = _find_date(text, f, region_end, begin)
    if date:
        h.issue_date = date.iso
        h.month_blank = date.month_blank
        h.location = date.place
        if date.day:
            h.day_start, h.day_end = date.day

    organ, place = _header_place(text, f, region_end, begin)
    if place is None or place.name is None:
        place = _place_from_location(h.location) or place
    lines = _issuer_lines(text, f, begin, region_end)   # the header's issuer lines, read once
    block = (_joint_issuer(lines, organ, place)
             or _block_issuer(text, f, lines, organ, place, num.start if num else None))
    tail = max(0, len(text) - TAIL_CHARS)
    organ = organ or _signature_organ(text, f, tail)
    if num and h.doc_number == num.key:
        mended = _mend_codes(num.key, heading.code if heading else None, organ)
        if mended:
            h.number_note = "; ".join(filter(None, (h.number_note, f"codes read through the stamp's ink: {num.key} → {mended}")))
            h.doc_number = mended
    organ = organ or _organ_of_key(num.key if num else None)
    if block:
        h.issuer = block
    else:
        if place is None:
            unit = _infer_unit(text, f, None)
            name = _infer_name(text, f, unit) if unit else None
            place = _Place(unit, name) if name else None
        elif place.unit is None:
            place.unit = _infer_unit(text, f, place.name)
        if organ and place and place.name:
            h.issuer = _format_issuer(organ, place)
            standing = _organ_standing(lines, organ)
            if standing:
                h.issuer = f"{standing} {h.issuer}"
    if h.location is None and not block and place and place.name:
        h.location = _place_text(place)

    h.period = _period(h.title)
    gz = _gazette(text, f, begin, limit) if num is None else None
    if gz and (heading is None or f[begin:heading.start].strip(_MARKUP + "\n") == ""
               or _is_formula(f, heading)):
        h.doc_type, h.doc_number = gz["code"], gz["key"]
        a, b = gz["start"], gz["end"]
        if canonical_key(text[a:b]) == gz["key"]:
            h.number_start, h.number_end = a, b
        h.issue_date = gz["iso"]
        h.day_start = h.day_end = None   # (the gazette sentence's day: not a date line's)
        h.issuer = gz["issuer"] or h.issuer
        h.title = h.subject = gz["subject"] or h.subject
        h.period = _period(h.title)
    h.issuer = _marked_place(_restore_marks(_respell(h.issuer, text, f), text, h.location), h.location)
    h.issuer = _wrapped_unit_name(h.issuer, h.location, f[begin:region_end])
    if num and h.doc_number == num.key and num.start is not None and block:
        mended = _mend_agency_code(num.key, text[num.start:num.end], block)
        if mended:
            h.number_note = "; ".join(filter(None, (h.number_note, f"issuer code read as the header's body: {num.key} → {mended}")))
            h.doc_number = mended
    if h.location is None and _is_central(h.issuer):
        h.location = cues().seat  # no date line: a central body's documents are dated at its seat
    sig_from = heading.end if heading else region_end
    if heading is None and region_end >= limit:
        # no type word and no body line found (a letter's body wrapped into short lines
        # that open with no `body` word, as a PDF's text layer holds it): the header
        # ends with the number or date line, and the signature may lie before `limit`
        ends = [x for x in (h.number_end, h.day_end) if x is not None]
        if ends:
            sig_from = min(sig_from, _line_bounds(text, max(ends))[1])
    # the stamp may lie over the title too: up to the first body line after it
    h.stamp_spans = _stamp_spans(f, begin, _body_start(text, f, limit, heading.end) if heading else region_end)
    h.signer, first_title = _signer(text, f, sig_from)
    h.body_start, h.body_end = _document_span(text, f, begin, first_title, sig_from)
    if h.body_end is not None:  # names in the site's text are not the signer
        h.signer, _ = _signer(text, f, sig_from, h.body_end)
    if h.signer is None:
        h.signer = _title_cell_signer(text, f, sig_from, h.body_end) or _closing_name(text, f, sig_from, h.body_end)
    return h
