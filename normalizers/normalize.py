"""The normalisation chain: raw text → the text every extractor reads.

Steps, in order (each in its own module, each driven by a data table):

1. ``legacy``  TCVN3 / VNI / VPS / VISCII / UTF-8-as-cp1252 mojibake → Unicode
   (:mod:`normalizers.legacy`; repairs ``legacy:tcvn3``, ``legacy:vni``,
   ``legacy:vps``, ``legacy:viscii``, ``legacy:tcvn3-mac``, ``legacy:utf8``).
   First, because the legacy bytes (0xAD is TCVN3 ``ư``) look like the junk
   the next step removes.
2. ``glyphs``  ``ƣ``→``ư``, eth→``Đ``, no-break spaces, zero-width characters
   (:func:`normalizers.repair.repair_glyphs`; ``glyph_map``, ``spaces``,
   ``zero_width``).
3. ``nfc``     NFC with Vietnamese mark order (:func:`normalizers.repair.repair_nfc`).
4. ``vowels``  one vowel OCR read as two, each with one of its marks (``BÉÊN`` →
   ``BẾN``; :func:`normalizers.repair.repair_doubled_vowels`; ``ocr_doubled_vowel``).
5. ``caps``    capitals with letters dropped by broken fonts
   (:func:`normalizers.repair.repair_caps`; ``caps_restored``).

``Normalized.offsets`` has ``len(text) + 1`` entries: ``offsets[i]`` is the
index in the raw text where normalised character ``i`` came from (the last
entry is ``len(raw)``); it never decreases, so a span ``[s, e)`` of the
normalised text maps to ``[offsets[s], offsets[e])`` of the raw text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Optional

from baocao.normalizers.legacy import repair_legacy
from baocao.normalizers.repair import repair_caps, repair_doubled_vowels, repair_glyphs, repair_nfc

Piece = tuple[int, int, str]
Step = Callable[[str], Optional[tuple[list[Piece], list[str]]]]

STEPS: tuple[tuple[str, Step], ...] = (
    ("legacy", repair_legacy),
    ("glyphs", repair_glyphs),
    ("nfc", repair_nfc),
    ("vowels", repair_doubled_vowels),
    ("caps", repair_caps),
)


@dataclass(eq=False)
class Normalized:
    """``offsets`` (see the module docstring) is made on first use when no step
    changed the text's length (the identity: a page's worth of integers that a
    run reads only for handwritten words)."""
    text: str
    repairs: list[str] = field(default_factory=list)
    _offsets: Optional[list[int]] = field(default=None, repr=False)
    warnings: list[str] = field(default_factory=list)  # "normalizer X failed: ..." (one line each)

    @property
    def offsets(self) -> list[int]:
        if self._offsets is None:
            self._offsets = list(range(len(self.text) + 1))
        return self._offsets

    def __eq__(self, other):
        if not isinstance(other, Normalized):
            return NotImplemented
        return ((self.text, self.repairs, self.offsets, self.warnings)
                == (other.text, other.repairs, other.offsets, other.warnings))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw-text span a normalised span came from."""
        return self.offsets[start], self.offsets[end]


def apply_pieces(src: str, pieces: list[Piece]) -> tuple[str, list[int]]:
    """Text made of ``pieces`` and the map from its indices to ``src`` indices.

    A piece whose output has the same length as its source maps one to one;
    otherwise every output character maps to the piece's source start.
    """
    out: list[str] = []
    offs: list[int] = []
    for s, e, o in pieces:
        out.append(o)
        if len(o) == e - s:
            offs.extend(range(s, e))
        else:
            offs.extend([s] * len(o))
    offs.append(len(src))
    return "".join(out), offs


def _one_to_one(pieces: list[Piece], n: int) -> bool:
    """The pieces cover ``[0, n)`` in order, each as long as its source: the
    map :func:`apply_pieces` gives is then ``range(n + 1)``."""
    pos = 0
    for s, e, o in pieces:
        if s != pos or len(o) != e - s:
            return False
        pos = e
    return pos == n


def normalize_text(raw: str) -> Normalized:
    """Run the chain on ``raw``; never raises on a str.

    A step that raises is skipped (the text goes on unrepaired by it) and
    the failure is reported in ``warnings`` — the document row shows it and
    is flagged for review — never swallowed."""
    if not isinstance(raw, str):
        raise TypeError("normalize_text expects str; decode bytes with normalizers.legacy.decode_bytes")
    text = raw
    offsets = None   # the identity (range(len(raw) + 1)) until a step changes the text
    repairs: list[str] = []
    warnings: list[str] = []
    for name, step in STEPS:
        try:
            res = step(text)
        except Exception as exc:  # the normalise stage's guard: visible, not fatal
            detail = " ".join(str(exc).split())[:200]
            warnings.append(f"normalizer {name} failed: {type(exc).__name__}" + (f": {detail}" if detail else ""))
            res = None
        if res is None:
            continue
        pieces, names = res
        if _one_to_one(pieces, len(text)):
            # apply_pieces' map would be the identity: the offsets stay as they are
            new = "".join([p[2] for p in pieces])
            if new == text:
                continue
        else:
            new, local = apply_pieces(text, pieces)
            if new == text:
                continue
            # composing with the identity is ``local`` itself; else one C-level map
            offsets = local if offsets is None else list(map(offsets.__getitem__, local))
        text = new
        for n in names:
            if n not in repairs:
                repairs.append(n)
    # offsets None: every step kept the length (len(text) == len(raw)), the map is the identity
    return Normalized(text, repairs, offsets, warnings)
