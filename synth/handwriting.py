"""Numbers written by hand on a printed page (seeded, deterministic).

Offices print ``Số:      /BC-UBND`` and write the number by hand on the
signed copy, often right against the print (``Số:542/UBND``).
:func:`hand_digits` draws digits as a pen would: each digit a few strokes
(from :data:`STROKES`, in a unit box), slanted, each point jittered, the
line width varying; :func:`write` puts them on a page image at a place.
"""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

__all__ = ["STROKES", "hand_digits", "write"]

# Each digit: strokes, each a polyline of (x, y) in a unit box (y down).
STROKES = {
    "0": [[(0.5, 0), (0.15, 0.2), (0.1, 0.6), (0.35, 1), (0.75, 0.9), (0.9, 0.45), (0.75, 0.08), (0.5, 0)]],
    "1": [[(0.25, 0.25), (0.6, 0), (0.55, 1)]],
    "2": [[(0.1, 0.25), (0.4, 0), (0.8, 0.1), (0.8, 0.4), (0.1, 1), (0.95, 0.95)]],
    "3": [[(0.1, 0.1), (0.7, 0.05), (0.4, 0.45), (0.85, 0.65), (0.6, 1), (0.1, 0.9)]],
    "4": [[(0.65, 1), (0.6, 0), (0.05, 0.7), (0.95, 0.7)]],
    "5": [[(0.85, 0), (0.25, 0.05), (0.2, 0.45), (0.7, 0.45), (0.85, 0.75), (0.55, 1), (0.1, 0.9)]],
    "6": [[(0.75, 0.05), (0.3, 0.3), (0.15, 0.75), (0.45, 1), (0.8, 0.8), (0.6, 0.5), (0.2, 0.65)]],
    "7": [[(0.05, 0.05), (0.9, 0), (0.4, 1)], [(0.3, 0.5), (0.75, 0.5)]],
    "8": [[(0.5, 0.5), (0.15, 0.25), (0.5, 0), (0.8, 0.25), (0.5, 0.5), (0.15, 0.75), (0.5, 1), (0.85, 0.75), (0.5, 0.5)]],
    "9": [[(0.8, 0.3), (0.5, 0.5), (0.2, 0.3), (0.5, 0), (0.8, 0.3), (0.7, 1)]],
}


def hand_digits(digits: str, height: int, *, seed: int = 0, slant: float = 0.25,
                jitter: float = 0.06, width: float = 0.09) -> Image.Image:
    """``digits`` as handwriting, ``height`` px tall: an ``L`` image, ink 0 on 255,
    as wide as the digits need (about 0.7 ``height`` each)."""
    rng = np.random.default_rng(seed)
    w_one = 0.7 * height
    W = int(len(digits) * w_one + height * (slant + 0.4))
    img = Image.new("L", (W, int(height * 1.3)), 255)
    d = ImageDraw.Draw(img)
    x0 = height * 0.15
    for ch in digits:
        scale = height * rng.uniform(0.85, 1.1)
        for stroke in STROKES[ch]:
            pts = []
            for x, y in stroke:
                x += rng.normal(0, jitter)
                y += rng.normal(0, jitter)
                px = x0 + x * w_one * 0.9 + (1 - y) * slant * scale
                py = height * 0.15 + y * scale
                pts.append((px, py))
            d.line(pts, fill=int(rng.integers(10, 60)), width=max(1, round(height * width * rng.uniform(0.8, 1.2))),
                   joint="curve")
        x0 += w_one * rng.uniform(0.9, 1.1)
    return img


def write(page: Image.Image, digits: str, at: tuple[int, int], height: int, *, seed: int = 0) -> Image.Image:
    """``page`` with ``digits`` handwritten with their top-left at ``at`` (ink
    multiplied in: the print under it stays dark).  Returns a new image."""
    from PIL import ImageChops

    ink = hand_digits(digits, height, seed=seed)
    layer = Image.new("L", page.size, 255)
    layer.paste(ink, at)
    if page.mode == "RGB":
        layer = layer.convert("RGB")
    return ImageChops.multiply(page.convert(layer.mode) if page.mode not in ("L", "RGB") else page, layer)
