"""Image repairs before OCR: one small pure function per repair.

Each repair takes a PIL image and returns ``(image, note)``: the repaired
image and a short note for ``pages.repairs`` (``red-ink``, ``deskew:1.8``,
``turned:90``, ``bilevel:200dpi``), or the image unchanged and ``None`` when
the page did not need it.  :func:`repair_page` applies them in order and
returns the grayscale (or bilevel) image tesseract reads plus the notes.

- :func:`suppress_colour_ink`: on a page really in colour, pixels of red or
  blue ink (seals, "ĐẾN" stamps, signatures) become paper white before the
  page goes to gray, so the black text under a seal is read.  Where black
  text crosses the ink the pixel is dark, not saturated, and stays.
- :func:`flatten_light`: a page in uneven light or on tinted paper (a phone
  photo) divided by its paper's brightness, so the paper is white everywhere.
- :func:`drop_show_through`: the reverse side's text seen through thin paper
  (light gray ink away from the page's dark print) becomes paper.  Measured
  with ``python -m synth.measure_repairs`` on three rendered A4 report pages
  at 300 dpi: show-through of the next page (``synth.paper.show_through``,
  strength 0.45) read 81.8 mean confidence / CER 9.3 % without the repair and
  95.3 / 0.12 % with it; a phone photo (``synth.paper.phone_photo``) with
  show-through 66.8 / 53 % without either repair, 66.9 / 65 % flattened only,
  77.7 / 27 % with the show-through step only, 95.4 / 0.09 % with both; a
  phone photo alone 95.3 / 0.22 % without, 95.5 / 0.03 % flattened (tesseract
  copes with gentle light by itself); the clean pages are not touched.  A
  sealed page photographed (tests/test_scan_repairs.py): 93.9 / 1.1 %
  without flattening, 95.5 / 0.26 % with it (the seal left gray by dim light
  whitened).  On the shared real scans only one page (a torn,
  smudged form) shows light ink away from its print: 52.9 -> 56.8.
- :func:`rectify_sheet`: a phone photo of a sheet lying on a desk, taken
  at an angle: the sheet's four corners (paper brighter than the desk on all
  four edges of the photo) mapped onto an upright rectangle, the desk cut
  away (``sheet:4.2``).  Scans and rendered pages have no desk around them
  and are never touched (a 5 ms test on a 1/16 copy; the shared real scans'
  repairs and text are unchanged).  Measured with ``python -m
  synth.measure_repairs --pages 3 --kinds photo-tilted,photo``: photos held
  at an angle (corners moved up to 6 % of the page) read CER 1.30 % without
  the step and 0.06 % with it (confidence 95.33 / 95.41); the gentle photos
  (up to 2.5 %) 0.03 % either way; ~0.6 s more a photographed page.
- :func:`turn_sideways`: a page whose text lines run vertically (a portrait
  page stored landscape, a phone photo taken sideways) is turned upright;
  tesseract's orientation detection says which way.
- :func:`deskew`: the angle that makes the row profile of the ink sharpest
  (projection profile), applied when 0.5° ≤ |angle| ≤ 10° (``MIN_SKEW``, ``MAX_SKEW``).
- A bilevel (1-bit, CCITT) page is read at its own resolution, never
  resampled to 300 dpi (:func:`is_bilevel`; only a deskew rotates it).

Everything is measured on a reduced copy (about 1000 px on the long side),
so a repair costs tens of milliseconds on a 300 dpi page.
"""
from __future__ import annotations

import numpy as np

# The repairs repair_page applies, in order (a name left out is skipped).
STEPS = ("exif", "sheet", "colour", "flatten", "show-through", "turn", "deskew")

# --- colour ink -------------------------------------------------------------
# Hue on PIL's 0-255 scale: red wraps around 0, blue is ~200-260°.
RED_HUE = (235, 18)          # (from, to) wrapping: h >= 235 or h <= 18
BLUE_HUE = (135, 190)
MIN_CHROMA = 55              # max(R,G,B) - min(R,G,B) of an ink pixel (0-255)
TINT = 14                    # chroma of a pixel lightened on a colour page (seal halos too)
MIN_INK_SHARE = 0.0015       # share of the page in red/blue ink that makes it "in colour"
MAX_COLOUR_SHARE = 0.5       # more than this is a coloured paper or photo, not ink

# --- skew -------------------------------------------------------------------
# degrees; below this tesseract copes by itself: on the bench's synthetic scans (0.4°)
# the rotation cost ~0.3 s a page and the OCR stage fell from 0.92 to 0.76 of the ceiling;
# on the real 200 dpi bilevel pages skews of 0.5-0.9° gained 1.1-1.5 points of confidence
MIN_SKEW = 0.5
MAX_SKEW = 10.0              # beyond this it is a layout, not a skew
WORK_SIDE = 1000             # long side of the reduced copy the angles are measured on

# --- uneven light, tinted paper (phone photos) --------------------------------
BG_SIDE = 400                # long side of the copy the paper's brightness is estimated on
BG_WINDOW = 9                # its max filter (px of that copy, ~2 text lines at 300 dpi): wider than a stroke
MIN_UNEVEN = 40              # paper levels (gray 0-255) between the darkest and brightest page region
MIN_DULL = 215               # paper darker than this everywhere: a gray or tinted sheet, a dim photo

# --- show-through (the reverse side seen through thin paper) -----------------
SHOW_MARGIN = 30             # gray levels below the paper a pixel must be to count as ink at all
MIN_SHOW_SHARE = 0.004       # share of the page in light ink away from any dark stroke
MAX_TEXT_GRAY = 110          # the page's own print is at most this gray (mean of the dark class)
EDGE = 0.08                  # share of each side left out when show-through is counted
NEAR = 5                     # px (of a 300 dpi page): a light pixel this close to a dark one is a stroke edge

# --- a photographed sheet on a desk (perspective) ------------------------------
SHEET_SIDE = 400             # long side of the copy the sheet's outline is found on
MIN_SHEET_STEP = 0.35        # the sheet's edge: log brightness up by this (paper 1.4x the desk) over 4 px
MIN_EDGE_ROWS = 0.7          # share of the rows (columns) along a side that must show the step
SHEET_SHARE = (0.45, 0.97)   # share of the frame the sheet covers

# --- orientation --------------------------------------------------------------
LANDSCAPE = 1.05             # width / height above which a page is checked for lying on its side


def _small(gray, side: int = WORK_SIDE):
    """A reduced grayscale copy of ``gray`` (its long side ``side`` px) as a PIL image."""
    from PIL import Image

    w, h = gray.size
    k = side / max(w, h)
    if k >= 1:
        return gray
    return gray.resize((max(1, round(w * k)), max(1, round(h * k))), Image.BILINEAR)


def pixels(gray) -> np.ndarray:
    """The pixels of an ``L`` image as a read-only ``uint8`` array (height, width):
    the same values as ``np.asarray(gray)``, through one ``tobytes`` copy
    (measured on a 300 dpi A4 page: 3.7 ms against 13 ms for ``np.asarray``,
    which goes through PIL's array interface).  Other modes: ``np.asarray``."""
    if gray.mode != "L":
        return np.asarray(gray, dtype=np.uint8)
    w, h = gray.size
    return np.frombuffer(gray.tobytes(), dtype=np.uint8).reshape(h, w)


def _ink(gray) -> np.ndarray:
    """A boolean ink mask of a grayscale image (dark against the page's paper)."""
    a = np.asarray(gray, dtype=np.uint8)
    return a < min(160.0, _paper(a) * 0.7)


def is_bilevel(image) -> bool:
    """A 1-bit image, or a grayscale one holding only black and white."""
    if image.mode == "1":
        return True
    if image.mode != "L":
        return False
    hist = image.histogram()
    return sum(hist[1:255]) == 0


def _paper(gray_array: np.ndarray) -> int:
    """The paper's gray level: the 90th percentile of the page (from its histogram)."""
    hist = np.bincount(gray_array.ravel(), minlength=256)
    return int(np.searchsorted(np.cumsum(hist), 0.9 * gray_array.size))


def _hue_chroma(image):
    """Hue (PIL's 0-255 scale), chroma (max - min channel) and the brightest channel,
    from one HSV conversion (V is the brightest channel, S = chroma / V)."""
    hsv = np.asarray(image.convert("RGB").convert("HSV"))
    hue, sat, hi = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    chroma = (sat.astype(np.uint16) * hi // 255).astype(np.uint8)
    return hue, chroma, hi


def _ink_hues(hue: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    red = (hue >= RED_HUE[0]) | (hue <= RED_HUE[1])
    blue = (hue >= BLUE_HUE[0]) & (hue <= BLUE_HUE[1])
    return red, blue


def colour_ink_mask(image) -> np.ndarray | None:
    """Where the page has strong red or blue ink (boolean array), or None when it is
    not a colour page (grayscale, a colour scan of a black-and-white page, coloured
    paper or a photograph)."""
    if image.mode not in ("RGB", "RGBA", "P", "CMYK", "YCbCr", "LAB", "HSV"):
        return None
    hue, chroma, _ = _hue_chroma(image)
    strong = chroma >= MIN_CHROMA
    if float(strong.mean()) > MAX_COLOUR_SHARE:
        return None
    red, blue = _ink_hues(hue)
    mask = strong & (red | blue)
    if float(mask.mean()) < MIN_INK_SHARE:
        return None
    return mask


def suppress_colour_ink(image):
    """Red and blue ink lightened to the paper on a colour page; returns ``(gray image, note)``.

    On a colour page, a pixel tinted red or blue (``chroma >= TINT``, the pale
    halo of a seal and JPEG bleeding included) takes its brightest channel as
    its gray level: red seal ink is bright in red, so it vanishes into the
    paper, while where it was stamped over black text the red channel keeps
    that text's own darkness (measured: better than painting the seal white,
    which eats the edges of the letters under it).  A pixel of strong blue ink
    (``chroma >= MIN_CHROMA``) becomes paper: blue ballpoint (handwritten
    numbers and signatures) is dark even in blue.  Black text is dark in
    every channel and not saturated: it stays black.  A page that is not in colour is only converted to gray
    (note ``None``)."""
    from PIL import Image

    if colour_ink_mask(image) is None:
        return image.convert("L"), None
    hue, chroma, hi = _hue_chroma(image)
    red, blue = _ink_hues(hue)
    tinted = chroma >= TINT
    gray = np.asarray(image.convert("L")).copy()
    sel = tinted & (red | blue)
    gray[sel] = hi[sel]
    strong = chroma >= MIN_CHROMA
    gray[strong & blue] = _paper(gray)   # blue ink is often dark (ballpoint): its brightest channel is not paper
    kinds = [name for name, m in (("red-ink", red), ("blue-ink", blue))
             if float((strong & m).mean()) >= MIN_INK_SHARE / 3]
    out = Image.fromarray(gray, mode="L")
    out.info["colour_ink"] = sel   # where the ink was: not show-through (drop_show_through)
    return out, ",".join(kinds) or "colour-ink"


def _sharpness(prof: np.ndarray) -> float:
    """How strongly an ink profile (ink pixels per row) alternates (text lines and gaps)."""
    prof = prof.astype(np.float64)
    if prof.size < 3 or not prof.any():
        return 0.0
    return float(np.sum(np.diff(prof) ** 2) / max(1.0, prof.sum()))


def _half_mask(ink: np.ndarray) -> np.ndarray:
    """``ink`` at half size: a pixel is ink when any of its 2 x 2 block is."""
    h, w = ink.shape
    a = ink[:h - h % 2, :w - w % 2]
    return a[0::2, 0::2] | a[1::2, 0::2] | a[0::2, 1::2] | a[1::2, 1::2]


def estimate_skew(gray) -> float | None:
    """The page's skew in degrees (counter-clockwise positive, as PIL's ``rotate``
    undoes it), by the sharpest row profile; None when the page has too little ink.
    See :func:`_estimate_skew`."""
    return _estimate_skew(gray)[0]


def _estimate_skew(gray):
    """``(angle or None, the reduced copy it was measured on)``.

    The ink mask of the reduced copy (long side ``WORK_SIDE``) is turned
    through the angles of a coarse search (1° steps over ±``MAX_SKEW``), then
    of a fine one (0.1° steps over ±1° around the coarse best); the angle whose
    rotated mask has the sharpest row profile wins.  The coarse search runs on
    the mask at half size (2 x 2 blocks, a quarter of the pixels: text lines
    keep the same pitch in proportion, so the same angles are sharp); the
    fine one, which decides the angle, on the mask itself, each angle turned
    once (the fine grid meets the coarse one)."""
    from PIL import Image

    small = _small(gray)
    ink = _ink(small)
    if ink.mean() < 0.002:
        return None, small

    def scorer(a: np.ndarray):
        mask = Image.fromarray(a.astype(np.uint8) * 255)
        seen: dict[float, float] = {}

        def score(angle: float) -> float:
            angle = float(angle)
            if angle not in seen:
                r = mask.rotate(angle, resample=Image.NEAREST, expand=False, fillcolor=0)
                # ink pixels per row: the mask is 0/255 and stays so (nearest neighbours)
                seen[angle] = _sharpness(pixels(r).sum(axis=1, dtype=np.int64) // 255)
            return seen[angle]
        return score

    half = _half_mask(ink)
    coarse_score = scorer(half) if min(half.shape) >= 50 else scorer(ink)
    score = scorer(ink)
    coarse = np.arange(-MAX_SKEW, MAX_SKEW + 0.01, 1.0)
    best = max(coarse, key=coarse_score)
    fine = np.arange(best - 1.0, best + 1.001, 0.1)
    scores = [score(a) for a in fine]
    best = float(fine[int(np.argmax(scores))])
    if score(0.0) <= 0:
        return None, small
    return round(best, 1), small


def deskew(gray):
    """Rotate a skewed page straight; returns ``(image, note)`` (``deskew:1.8``).

    Bicubic, also for a bilevel page (its edges turn gray): on a real 200 dpi
    CCITT page skewed 1.4° tesseract read 92.9 with bicubic, 92.0 with nearest
    neighbours (which keeps it bilevel but makes the strokes jagged)."""
    from PIL import Image

    angle, small = _estimate_skew(gray)
    if angle is None or not MIN_SKEW <= abs(angle) <= MAX_SKEW:
        return gray, None
    paper = 255 if is_bilevel(gray) else _paper(np.asarray(small))
    out = gray.rotate(angle, resample=Image.BICUBIC, expand=True, fillcolor=paper)
    return out, f"deskew:{angle:g}"


def paper_background(gray):
    """The paper's brightness under the page, as a reduced image (long side
    ``BG_SIDE``): a max filter wider than a stroke takes the print away, a min
    filter of the same size puts the sheet's edge back where it was (a desk
    around a photographed sheet stays dark, so it is divided into white too),
    a slight blur smooths what is left."""
    from PIL import Image, ImageFilter

    small = _small(gray, BG_SIDE)
    a = np.asarray(small.convert("L") if small.mode != "L" else small, dtype=np.uint8)
    closed = Image.fromarray(_square_filter(_square_filter(a, BG_WINDOW, np.maximum), BG_WINDOW, np.minimum),
                             mode="L")
    return closed.filter(ImageFilter.GaussianBlur(1.5))


def _square_filter(a: np.ndarray, size: int, op) -> np.ndarray:
    """PIL's ``MaxFilter(size)`` (``op=np.maximum``) or ``MinFilter(size)``
    (``np.minimum``) of a 2-D array: the same pixels (PIL pads by repeating
    the edge; a square's max is the max over its rows' maxima), computed as
    two passes of ``size`` shifted array operations instead of a rank filter
    over every square (64 -> 0.7 ms on a 400 px page copy;
    tests/test_scan_repairs.py compares it with PIL's)."""
    r = size // 2
    p = np.pad(a, r, mode="edge")
    h, w = a.shape
    rows = p[:, 0:w].copy()
    for d in range(1, size):
        op(rows, p[:, d:d + w], out=rows)
    out = rows[0:h].copy()
    for d in range(1, size):
        op(out, rows[d:d + h], out=out)
    return out


def flatten_light(gray, colour_ink: np.ndarray | None = None):
    """A page in uneven light or on tinted paper (a phone photo: a lamp at one
    side, a shadow, cream paper) divided by its paper's brightness, so the
    paper is white everywhere and the print keeps its contrast; returns
    ``(image, note)`` (``flatten:62``: the paper's brightness varied by 62
    levels).  A page whose paper is even and white is left alone: tesseract's
    global threshold copes with it.  What lies around the sheet in a photo (a
    desk) becomes paper-white too.  A seal :func:`suppress_colour_ink` took
    out (``colour_ink``, its mask) is only as bright as the light on it: in a
    dim corner it stays gray over the words; divided, what of it is lighter
    than the print (Otsu's threshold of the ink) becomes paper, while the
    print under it, dark in every channel, stays."""
    from PIL import Image

    bg = paper_background(gray)
    b = np.asarray(bg, dtype=np.uint8)
    lo, mid, hi = (int(v) for v in np.percentile(b, (5, 50, 95)))
    if hi - lo < MIN_UNEVEN and mid >= MIN_DULL:
        return gray, None
    full = np.maximum(np.asarray(bg.resize(gray.size, Image.BILINEAR), dtype=np.uint16), 1)
    out = np.minimum(np.asarray(gray, dtype=np.uint16) * 255 // full, 255).astype(np.uint8)
    if colour_ink is not None and colour_ink.shape == out.shape:
        hist = np.bincount(out.ravel(), minlength=256)
        t = _otsu(hist[:255 - SHOW_MARGIN])
        out[colour_ink & (out >= t)] = 255
    img = Image.fromarray(out, mode="L")
    return img, f"flatten:{hi - lo}"


def _quad_area(q: np.ndarray) -> float:
    x, y = q[:, 0], q[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


def _edge_line(logb: np.ndarray, side: str):
    """The sheet's edge on one side of the paper's (log) brightness: per row
    (left/right) or column (top/bottom), where the brightness steps up most
    from the frame's edge into its outer third; a line ``pos = a·t + b``
    fitted to those steps (``t`` the row or column), refitted without the
    points more than 3 px off.  None when fewer than ``MIN_EDGE_ROWS`` of the
    rows or columns step by ``MIN_SHEET_STEP`` or the steps do not lie on a line."""
    a = logb if side in ("left", "right") else logb.T
    if side in ("right", "bottom"):
        a = a[:, ::-1]
    n, m = a.shape
    third = m // 3
    step = a[:, 4:third + 4] - a[:, :third]          # brightness 4 px further in, minus here
    ts = np.arange(round(n * 0.1), round(n * 0.9))
    pos = np.argmax(step[ts], axis=1)
    ok = step[ts, pos] >= MIN_SHEET_STEP
    if ok.mean() < MIN_EDGE_ROWS:
        return None
    t, x = ts[ok].astype(np.float64), pos[ok].astype(np.float64) + 2.0
    for _ in range(2):
        k, c = np.polyfit(t, x, 1)
        near = np.abs(x - (k * t + c)) <= 3.0
        if near.mean() < 0.8 or near.sum() < 10:
            return None
        t, x = t[near], x[near]
    k, c = np.polyfit(t, x, 1)
    if side in ("right", "bottom"):     # back to the frame's coordinates
        k, c = -k, (m - 1) - c
    return k, c


def _desk_on_all_sides(gray) -> bool:
    """The cheap test first (a 1/16 copy, ~2 ms a page): each outer strip of
    the frame darker than the page's paper by the sheet's step.  A scan or a
    rendered page has paper (or a margin of it) at some edge and stops here."""
    k = max(1, min(gray.size) // 150)
    a = np.asarray(gray.reduce(k) if k > 1 else gray, dtype=np.float64)
    paper = np.percentile(a, 90)
    limit = (paper + 8.0) / np.exp(MIN_SHEET_STEP) - 8.0
    return all(float(np.median(strip)) <= limit for strip in (a[:2], a[-2:], a[:, :2], a[:, -2:]))


def sheet_corners(gray) -> np.ndarray | None:
    """The corners (top-left, top-right, bottom-right, bottom-left; px of
    ``gray``) of a sheet photographed on a darker desk, or None when the image
    is not such a photo.  On the paper's brightness (:func:`paper_background`,
    the print taken away), in log scale (a lamp's fall-off multiplies paper
    and desk alike, so the sheet's edge is a step of the same height
    everywhere), each side's edge is the line through the rows' or columns'
    biggest steps up into the sheet (:func:`_edge_line`).  The image is a
    photo of a sheet only when all four edges are found (the desk shows
    along all four sides: a scan, a rendered page, a scan with one dark edge
    is never one) and the sheet covers ``SHEET_SHARE`` of the frame."""
    if not _desk_on_all_sides(gray):
        return None
    bg = np.asarray(paper_background(gray) if max(gray.size) > SHEET_SIDE else gray, dtype=np.float64)
    h, w = bg.shape
    logb = np.log(bg + 8.0)
    lines = {}
    for side in ("left", "right", "top", "bottom"):
        fit = _edge_line(logb, side)
        if fit is None:
            return None
        lines[side] = fit

    def meet(vertical: str, horizontal: str) -> tuple[float, float]:
        kv, cv = lines[vertical]      # x = kv·y + cv
        kh, ch = lines[horizontal]    # y = kh·x + ch
        y = (kh * cv + ch) / (1.0 - kh * kv)
        return kv * y + cv, y

    q = np.array([meet("left", "top"), meet("right", "top"), meet("right", "bottom"), meet("left", "bottom")])
    q += 0.5
    share = _quad_area(q) / (w * h)
    if not (SHEET_SHARE[0] <= share <= SHEET_SHARE[1]):
        return None
    return q * np.array([gray.size[0] / w, gray.size[1] / h])


def perspective_coeffs(src, dst) -> list[float]:
    """PIL's ``Image.PERSPECTIVE`` coefficients mapping output points ``dst``
    to input points ``src`` (four of each; also used by synth/ and bench/)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return np.linalg.solve(np.asarray(rows, dtype=np.float64), np.asarray(rhs, dtype=np.float64)).tolist()


def rectify_sheet(image):
    """A sheet photographed on a desk, at an angle, cut out of the photo and
    mapped onto an upright rectangle (a perspective transform through its four
    corners, :func:`sheet_corners`); returns ``(image, note)``
    (``sheet:4.2``: the corners moved up to 4.2 % of the sheet's size from a
    rectangle's).  What is not such a photo is returned unchanged (measured:
    the module docstring)."""
    from PIL import Image

    gray = image if image.mode == "L" else image.convert("L")
    q = sheet_corners(gray)
    if q is None:
        return image, None
    tl, tr, br, bl = q
    W = round(max(np.hypot(*(tr - tl)), np.hypot(*(br - bl))))
    H = round(max(np.hypot(*(bl - tl)), np.hypot(*(br - tr))))
    if W < 100 or H < 100:
        return image, None
    rect = np.array([[0, 0], [W, 0], [W, H], [0, H]], dtype=np.float64)
    # how far the corners stand from the rectangle's (after the best shift): the perspective
    shift = float(np.max(np.abs((q - q.mean(axis=0)) - (rect - rect.mean(axis=0)))) / max(W, H) * 100)
    fill = 255 if image.mode in ("L", "1") else (255, 255, 255)
    out = image.transform((W, H), Image.PERSPECTIVE, perspective_coeffs(q, rect), Image.BICUBIC, fillcolor=fill)
    if "dpi" in image.info:
        out.info["dpi"] = image.info["dpi"]
    return out, f"sheet:{shift:.1f}"


def _otsu(hist: np.ndarray) -> int:
    """Otsu's threshold of a 256-bin histogram: a level is in the dark class when ``< t``."""
    hist = hist.astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(hist.size, dtype=np.float64)
    w0 = np.cumsum(hist)
    m0 = np.cumsum(hist * levels)
    w1 = total - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (m0[-1] * w0 / total - m0) ** 2 / (w0 * w1)
    between[~np.isfinite(between)] = 0
    return int(np.argmax(between)) + 1


def _dilate(mask: np.ndarray, r: int) -> np.ndarray:
    """``mask`` grown by ``r`` px (a square), by shifted ORs (separable)."""
    out = mask.copy()
    for axis in (0, 1):
        grown = out.copy()
        for k in range(1, r + 1):
            a = np.roll(out, k, axis=axis)
            b = np.roll(out, -k, axis=axis)
            grown |= a | b
        out = grown
    return out


def _every_other(gray, a: np.ndarray | None, box: tuple[int, int, int, int]) -> np.ndarray:
    """``a[::2, ::2][y0:y1, x0:x1]`` (``box = (x0, y0, x1, y1)``) of an ``L``
    image's pixels without reading all of them into an array: PIL's nearest
    neighbour affine transform takes input pixel ``int(2 * (x + 0.5) + c)``
    for output pixel ``x``; ``c = 2 * x0 - 0.5`` makes it ``2 * (x + x0)``
    (tests/test_scan_repairs.py compares the two).  ``a`` given (another
    mode): sliced from it."""
    from PIL import Image

    x0, y0, x1, y1 = box
    if a is not None or x1 <= x0 or y1 <= y0:
        return (pixels(gray) if a is None else a)[::2, ::2][y0:y1, x0:x1]
    sub = gray.transform((x1 - x0, y1 - y0), Image.AFFINE, (2, 0, 2 * x0 - 0.5, 0, 2, 2 * y0 - 0.5),
                         resample=Image.NEAREST)
    return pixels(sub)


def drop_show_through(gray, colour_ink: np.ndarray | None = None):
    """The reverse side's text, seen through thin paper, taken out; returns
    ``(image, note)`` (``show-through:2.1``: 2.1 % of the page was such ink).

    Show-through is light gray ink (the back's black print, scattered by the
    paper) beside the page's own dark print.  The page's ink (pixels
    ``SHOW_MARGIN`` below the paper) splits in two classes at Otsu's
    threshold; when the dark class is print (mean at most ``MAX_TEXT_GRAY``)
    and enough of the light class lies away from any dark stroke (more than
    ``NEAR`` px: not a stroke's anti-aliased edge), the page shows through and
    every light-class pixel becomes paper.  A page whose print is all light
    (a faint scan) has no dark class to keep and is left alone.  Where
    :func:`suppress_colour_ink` lightened a seal (``colour_ink``, its mask)
    the light gray left is the seal's, not the back's: it is not counted."""
    from PIL import Image

    W, H = gray.size
    if gray.mode == "L":   # PIL's histogram of an "L" image: the same counts as np.bincount, 7x faster
        a = None
        hist = np.asarray(gray.histogram(), dtype=np.int64)
    else:
        a = np.asarray(gray, dtype=np.uint8)
        hist = np.bincount(a.ravel(), minlength=256)
    paper = int(np.searchsorted(np.cumsum(hist), 0.9 * W * H))
    top = max(0, paper - SHOW_MARGIN)        # levels below this are ink
    ink_hist = hist[:top]
    if ink_hist.sum() < MIN_SHOW_SHARE * W * H:
        return gray, None
    t = _otsu(ink_hist)
    n_dark = hist[:t].sum()
    if not n_dark or float((hist[:t] * np.arange(t)).sum() / n_dark) > MAX_TEXT_GRAY:
        return gray, None
    # where the light ink lies, measured on every other pixel (a quarter of the work),
    # counted inside the page's margins: the sheet's edge in a photo, a scanner's
    # border are light-gray lines away from the print too.  Only that part (and the
    # dilation's reach around it) is looked at.
    dpi = (gray.info.get("dpi") or (300, 300))[0] or 300
    r = max(1, round(NEAR * dpi / 600))
    h, w = (H + 1) // 2, (W + 1) // 2        # every other pixel
    my, mx = round(h * EDGE), round(w * EDGE)
    if my >= r and mx >= r:
        y0, x0, y1, x1 = my - r, mx - r, h - my + r, w - mx + r
    else:
        y0, x0, y1, x1 = 0, 0, h, w
    s = _every_other(gray, a, (x0, y0, x1, y1))
    dark = s < t
    light = (s >= t) & (s < top)
    far = light & ~_dilate(dark, r)
    if colour_ink is not None and colour_ink.shape == (H, W):
        far &= ~_dilate(colour_ink[::2, ::2][y0:y1, x0:x1], 1)
    share = float(far[my - y0:h - my - y0, mx - x0:w - mx - x0].mean())
    if share < MIN_SHOW_SHARE:
        return gray, None
    a = pixels(gray) if a is None else a
    out = a.copy()
    out[(a >= t) & (a < top)] = paper
    img = Image.fromarray(out, mode="L")
    return img, f"show-through:{100 * share:.1f}"


def turn_sideways(gray, timeout: float = 0):
    """A page lying on its side turned upright; returns ``(image, note)`` (``turned:90``).

    A page wider than it is tall (a portrait page stored landscape, a phone
    photo taken sideways) is checked with tesseract's orientation detection;
    a landscape page that is upright (a wide table) stays as it is.  Portrait
    pages that read badly get the same check after OCR
    (:func:`baocao.pipeline.stages.tesseract.ocr_page_image`)."""
    w, h = gray.size
    if w <= h * LANDSCAPE:
        return gray, None
    from baocao.pipeline.stages.tesseract import detect_rotation

    angle = detect_rotation(gray, timeout=timeout)
    if angle not in (90, 180, 270):
        return gray, None
    return turn(gray, angle), f"turned:{angle}"


def turn(gray, angle: int):
    """``gray`` turned ``angle`` degrees clockwise (lossless for multiples of 90)."""
    from PIL import Image

    op = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
          270: Image.Transpose.ROTATE_90}.get(angle % 360)
    return gray.transpose(op) if op is not None else gray


_EXIF_OPS = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE",
             6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}


def exif_upright(image):
    """A photo turned as its EXIF orientation tag says (``info["orientation"]``, set
    when the frame was read): phones store sideways and record the turn in the tag.
    Returns ``(image, note)`` (``exif:6``)."""
    from PIL import Image

    tag = image.info.get("orientation")
    op = _EXIF_OPS.get(tag)
    if not op:
        return image, None
    out = image.transpose(getattr(Image.Transpose, op))
    out.info.pop("orientation", None)
    return out, f"exif:{tag}"


def repair_page(image, timeout: float = 0):
    """The page image tesseract reads and the repairs done, in order.

    ``image`` is the page as decoded (colour when the scan is in colour, ``1``
    or ``L`` for a bilevel scan)."""
    notes: list[str] = []
    bilevel = False
    colour_ink = None
    if "exif" in STEPS:
        image, note = exif_upright(image)
        if note:
            notes.append(note)
    if "sheet" in STEPS and image.mode != "1" and not (image.mode == "L" and is_bilevel(image)):
        image, note = rectify_sheet(image)   # a photo of a sheet on a desk (a scanner has no desk)
        if note:
            notes.append(note)
    if image.mode == "1" or (image.mode == "L" and is_bilevel(image)):
        gray = image.convert("L")   # 0/255 only: lossless
        bilevel = True
        dpi = image.info.get("dpi")
        notes.append(f"bilevel:{round(dpi[0])}dpi" if dpi and dpi[0] else "bilevel")
    elif "colour" in STEPS:
        gray, note = suppress_colour_ink(image)
        colour_ink = gray.info.pop("colour_ink", None)
        if note:
            notes.append(note)
    else:
        gray = image.convert("L")
    steps = {"flatten": lambda g: flatten_light(g, colour_ink), "show-through": lambda g: drop_show_through(g, colour_ink),
             "turn": lambda g: turn_sideways(g, timeout), "deskew": deskew}
    if bilevel:
        steps.pop("flatten")   # black and white already: no light to even out, no gray to drop
        steps.pop("show-through")
    dpi = image.info.get("dpi")
    for name in STEPS:
        if name in steps:
            if dpi:
                gray.info["dpi"] = dpi   # a repair's new image does not carry it
            gray, note = steps[name](gray)
            if note:
                notes.append(note)
    if dpi:
        gray.info["dpi"] = dpi
    return gray, notes
