"""Numbers and days written by hand are not read: the header keeps the print.

An office prints ``Số:      /BC-SYT`` and ``ngày    tháng 10 năm 2017`` and
writes the number and the day by hand on the signed copy.  Tesseract reads
the handwriting as debris (``*†``: the header extractor already leaves such
a number or day blank) or as plausible digits at a low confidence (the
handwritten ``1983`` read as ``4292`` at 53): a guess.  Tesseract's words
below :data:`baocao.pipeline.stages.tesseract.LOW_CONFIDENCE` come with each
OCR'd page (``Page.ocr_low``, offsets in the page's OCR text); when the
header's number digits or its day are such a word, the header keeps the
printed part (``/BC-SYT``, ``2017-10``) and the review note says so
(``handwritten: number not read (OCR confidence 53)``).

A number written right against the print (``Số:542/UBND``) often comes
out of OCR as debris glued to the printed symbol (``#//CT-UBND``,
``2ƒổ /QĐ-UBND_``, ``4Í/BC-UBND``, measured on rendered pages with
:mod:`synth.handwriting`) that the header extractor cannot place, so the
document would have no number at all.  When the header found none, the
first ``Số:`` line of the OCR'd first page shows debris (not a plain
number: ``ƒ 25`` for a handwritten 125, both read above 90) and then a
printed symbol, the header keeps the printed symbol (:func:`printed_symbol`),
never the debris; the note gives the lowest confidence of the words there
when one read below 60 (``/QĐ-UBND_`` read 37 after the debris ``2ƒổ``).  A
symbol the pen damaged too (``0Ÿ /C-UBND``) is not kept either.
Confidence does not tell a *glued* printed number from handwriting (a printed
``Số:542/UBND`` glued into one word read 11, ``Số:218/QĐ-UBND`` 26): a
token that the extractor read as digits and symbol is left as read.

Only a word that *is* the digits counts: a token that glues the digits to a
printed symbol (``01/2024/QĐ-UBND``) gets its confidence from the letters
too (a printed one read 55 on a clean scan), so it is left as read.  A party
number (``45-BC/ĐU``) is left as read too.  Offsets go from the OCR text to
the document's text through the signature-stamp removal (only where the page
text before the word is unchanged) and the normalisation (its offset map,
only at exact character boundaries); a word that cannot be placed exactly is
dropped, never moved to a guess.
"""
from __future__ import annotations

import bisect
import re

_PUNCT = " \t.,;:()[]_…·-–—*"
_PLAIN_NUMBER = re.compile(r"[0-9]{1,6}[A-Za-z]?")
# the number line of a scanned header: "Số:" (OCR: "số:", "Số :"), debris up to
# 12 characters, then the printed symbol ("/CT-UBND", "/QĐ-UBND", "/UBND- KSTTHC")
_NUMBER_LINE = re.compile(r"(?m)^[^\S\n]{0,8}[^\w\n]{0,3}[Ss][ốỐoO][^\S\n]{0,2}[:.][^\S\n]{0,6}"
                          r"(?P<debris>[^\s][^\n]{0,11}?)[^\S\n]{0,3}"
                          r"(?P<sym>/[A-ZĐ][A-ZĐ0-9&]{0,14}(?:[^\S\n]{0,2}-[^\S\n]{0,2}[A-ZĐ0-9&]{1,14}){0,5})"
                          r"(?![A-Za-zĐđ0-9])")
TOP_LINES = 15              # the number line is among the first page's first lines


def _to_normalised(offsets: list[int], raw_pos: int) -> int | None:
    """The normalised index whose character came from raw index ``raw_pos``
    exactly (``offsets`` is the normaliser's map, non-decreasing), or None."""
    i = bisect.bisect_left(offsets, raw_pos)
    if i < len(offsets) and offsets[i] == raw_pos:
        return i
    return None


def document_low_words(raw_texts: list[str], bodies: list[str], offsets: list[list[int] | None],
                       lows: list[list], normalised: list[str]) -> list[tuple[int, int, float]]:
    """The low-confidence OCR words of every page, in the document's text.

    ``raw_texts``: each page's text as OCR gave it; ``bodies``: after the
    signature stamp was taken out; ``offsets``: the normaliser's map of each
    page (normalised index → body index); ``lows``: each page's
    ``(start, end, confidence)`` in ``raw_texts``; ``normalised``: each
    page's normalised text (joined with ``\\f`` into the document's text)."""
    out: list[tuple[int, int, float]] = []
    base = 0
    for raw, body, offs, low, norm in zip(raw_texts, bodies, offsets, lows, normalised):
        for w in low or []:
            try:
                s, e, c = int(w[0]), int(w[1]), float(w[2])
            except (TypeError, ValueError, IndexError):
                continue
            if not (0 <= s < e <= len(raw)):
                continue
            if body != raw and body[:e] != raw[:e]:
                continue   # the stamp removal moved text before the word
            if offs is None:
                continue
            a, b = _to_normalised(offs, s), _to_normalised(offs, e)
            if a is None or b is None or not (0 <= a < b <= len(norm)):
                continue
            out.append((base + a, base + b, c))
        base += len(norm) + 1
    return out


def _low_word_holding(text: str, start: int, end: int, digits: str, low) -> float | None:
    """The confidence of the low word that is ``digits`` (punctuation aside)
    and holds ``[start, end)``, or None."""
    for a, b, c in low:
        if a <= start and end <= b and text[a:b].strip(_PUNCT) == digits:
            return c
    return None


def unread_parts(header: dict, text: str, low) -> dict[str, float]:
    """Blank the header's handwritten number and day that OCR read with low
    confidence (in place: ``doc_number`` keeps its printed part,
    ``issue_date`` its month); returns ``{"number": conf, "day": conf}`` for
    what was blanked."""
    out: dict[str, float] = {}
    if not low:
        return out
    glued = printed_symbol(header, text, low)
    if glued is not None and glued >= 0:
        out["number"] = glued
    num, a, b = header.get("doc_number"), header.get("number_start"), header.get("number_end")
    if isinstance(num, str) and "/" in num and not num.startswith("/") and a is not None and b is not None:
        raw = text[a:b]
        slash = raw.find("/")
        digits = raw[:slash].strip(_PUNCT) if slash > 0 else ""
        if digits and _PLAIN_NUMBER.fullmatch(digits):
            d0 = a + raw.index(digits)
            c = _low_word_holding(text, d0, d0 + len(digits), digits, low)
            if c is not None:
                header["doc_number"] = num[num.index("/"):]
                header["number_start"] = a + slash
                out["number"] = c
    iso, ds, de = header.get("issue_date"), header.get("day_start"), header.get("day_end")
    if isinstance(iso, str) and len(iso) == 10 and ds is not None and de is not None:
        day = text[ds:de]
        c = _low_word_holding(text, ds, de, day, low) if day.isdigit() else None
        if c is not None:
            header["issue_date"] = iso[:7]
            header["day_start"] = header["day_end"] = None
            out["day"] = c
    return out


def printed_symbol(header: dict, text: str, low) -> float | None:
    """A header with no number whose scanned number line is handwriting debris
    glued to the printed symbol (``Số: #//CT-UBND``) gets the printed part
    (``/CT-UBND``, in place, with its span); returns the debris' OCR
    confidence, or None when nothing was done."""
    page = text.split("\f", 1)[0]
    if header.get("doc_number") or not any(s < len(page) for s, _, _ in low or []):
        return None   # a number found, or the first page not OCR'd
    from baocao.extractors.canonical import canonical_key
    from baocao.extractors.codes import issuer_code, type_code

    top = "\n".join(page.split("\n")[:TOP_LINES])
    m = _NUMBER_LINE.search(top)
    if not m:
        return None
    debris = m.group("debris").strip(_PUNCT)
    if not debris or _PLAIN_NUMBER.fullmatch(debris):
        return None   # nothing written, or digits the extractor did not take: not handwriting's
    key = canonical_key(m.group("sym"))
    if not key or not key.startswith("/"):
        return None
    segs = key[1:].replace("/", "-").split("-")
    if len(segs[0]) < 2 or not (len(segs) > 1 or type_code(segs[0]) or issuer_code(segs[0])):
        return None   # the print damaged too ("/C-UBND": the pen ran over the B)
    header["doc_number"] = key
    header["number_start"], header["number_end"] = m.span("sym")
    a, b = m.start("debris"), m.end("sym")
    confs = [c for s, e, c in low if s < b and e > a]
    return min(confs) if confs else -1.0
