"""Damaged *text* variants, for tests and benchmarks.

- :func:`strip_diacritics` - what a diacritic-stripping export or an English
  OCR model leaves of Vietnamese: ``Nghị định số 59/2023/NĐ-CP`` ->
  ``Nghi dinh so 59/2023/ND-CP``.
- :func:`ocr_like_noise` - seeded OCR-style confusions (O/0, l/1, I/l),
  dropped/doubled spaces, a hyphen lost at a line end.

Both keep the line structure: the same number of ``\\n`` and ``\\f``, in the
same order, so page/line positions stay comparable with the source.
"""

from __future__ import annotations

import random
import unicodedata

from unidecode import unidecode

__all__ = ["strip_diacritics", "ocr_like_noise", "OCR_CONFUSIONS"]

# Letters produced by broken PDF font maps that stand for Vietnamese letters.
_FONT_DAMAGE = {"ƣ": "ư", "Ƣ": "Ư"}


def strip_diacritics(text: str, *, ascii_only: bool = True) -> str:
    """Remove Vietnamese diacritics, keeping every line break and form feed.

    ``ascii_only=True`` (default) transliterates each line with unidecode, so
    typographic quotes, dashes and ellipses become ASCII too (as in plain-ASCII
    exports). ``ascii_only=False`` only removes combining marks and maps
    ``đ/Đ`` to ``d/D``, leaving other characters alone (same length for
    NFC Vietnamese text).
    """
    text = "".join(_FONT_DAMAGE.get(ch, ch) for ch in text)
    if ascii_only:
        out = []
        for line in text.split("\n"):
            pages = line.split("\f")
            out.append("\f".join(unidecode(p).replace("\n", " ").replace("\f", " ") for p in pages))
        return "\n".join(out)
    res = []
    for ch in text:
        if ch in "đĐ":
            res.append("d" if ch == "đ" else "D")
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        res.append(base or ch)
    return "".join(res)


# character -> what OCR engines commonly read instead
OCR_CONFUSIONS: dict[str, tuple[str, ...]] = {
    "O": ("0",),
    "0": ("O", "o"),
    "o": ("0",),
    "l": ("1", "I"),
    "1": ("l", "I"),
    "I": ("l", "1"),
    "i": ("1",),
}

# Relative weight of each kind of damage; the probability of an event at an
# eligible site is ``rate * weight`` (capped at 1).
_WEIGHTS = {
    "char": 1.0,  # a confusable character is swapped
    "space_drop": 0.5,  # a single space disappears (words run together)
    "space_double": 0.5,  # a space is doubled
    "line_hyphen": 10.0,  # a hyphen at the end of a line is lost
}


def ocr_like_noise(
    text: str,
    *,
    seed: int = 0,
    rate: float = 0.02,
    confusions: dict[str, tuple[str, ...]] | None = None,
) -> str:
    """Inject OCR-like errors, deterministically for a given ``seed``.

    ``rate`` is the base probability per eligible site (see ``_WEIGHTS`` for
    how it scales per kind of damage). Line breaks and form feeds are never
    added, removed or moved; ``rate=0`` returns the text unchanged.
    """
    if rate <= 0 or not text:
        return text
    conf = OCR_CONFUSIONS if confusions is None else confusions
    rng = random.Random(seed)
    p = {k: min(1.0, rate * w) for k, w in _WEIGHTS.items()}
    out_lines = []
    for line in text.split("\n"):
        # hyphen lost at line end ("kinh tế -\n", "99-\nQĐ/TW")
        body = line.rstrip(" ")
        tail = line[len(body) :]
        if len(body) > 1 and body.endswith("-") and rng.random() < p["line_hyphen"]:
            line = body[:-1] + tail
        buf = []
        prev = ""
        for ch in line:
            if ch in conf:
                if rng.random() < p["char"]:
                    ch = rng.choice(conf[ch])
            elif ch == " " and prev not in ("", " ", "\f"):
                r = rng.random()
                if r < p["space_drop"]:
                    ch = ""
                elif r < p["space_drop"] + p["space_double"]:
                    ch = "  "
            buf.append(ch)
            prev = ch[-1:] if ch else prev
        out_lines.append("".join(buf))
    return "\n".join(out_lines)
