"""Damage of the paper and of the camera, on page *images* (seeded, deterministic).

- :func:`show_through` - the reverse side of a thin sheet seen through it: the
  back page mirrored left-right, its ink lightened and blurred (paper scatters
  it), multiplied into the front as a scanner sees it.
- :func:`phone_photo` - a page photographed with a phone instead of scanned:
  off-white paper, light falling off across the sheet (a lamp at one side, a
  darker corner), the page a slight trapezoid on a darker desk (perspective),
  a little blur and sensor noise, saved as JPEG.
- :func:`render_page` - one page of text as a clean grayscale image (the
  input both take), through :mod:`synth.render`.

They start from clean renders (:func:`synth.render.pdf_to_images` of
:func:`synth.render.text_to_pdf`) and return PIL images, so a test can put the
result in a PDF (:func:`synth.render.images_to_pdf`) or save it as a photo.
"""
from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageFilter

from baocao.pipeline.stages.repairs import perspective_coeffs

__all__ = ["render_page", "show_through", "phone_photo"]


def render_page(text: str, *, dpi: int = 300, page: int = 0, **pdf_kwargs) -> Image.Image:
    """Page ``page`` of ``text`` (as :func:`synth.render.text_to_pdf` lays it out)
    rendered clean at ``dpi``, mode ``L``."""
    from synth.render import _text_pdf_bytes, pdf_to_images

    pdf = _text_pdf_bytes(text, **pdf_kwargs)
    img = pdf_to_images(pdf, dpi=dpi, pages=[page], grayscale=True)[0].convert("L")
    img.info["dpi"] = (dpi, dpi)
    return img


def show_through(front: Image.Image, back: Image.Image, *, strength: float = 0.35,
                 blur: float = 1.5) -> Image.Image:
    """``front`` with ``back`` showing through the paper: ``back`` mirrored
    left-right (as it is seen from the front), its ink darkness scaled by
    ``strength`` (0.35: black print shows as gray ~165 on white paper),
    blurred by ``blur`` px and multiplied with the front (where the front's
    own ink lies, it stays dark).  An RGB front (a seal on it) stays RGB,
    anything else comes out grayscale; the size is the front's (``back`` is
    fitted to it)."""
    colour = front.mode == "RGB"
    f = front if colour else front.convert("L")
    b = back.convert("L").transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    if b.size != f.size:
        b = b.resize(f.size, Image.BILINEAR)
    if blur > 0:
        b = b.filter(ImageFilter.GaussianBlur(blur))
    ink = 1.0 - np.asarray(b, dtype=np.float32) / 255.0
    through = 1.0 - strength * ink
    if colour:
        through = through[:, :, None]
    out = np.asarray(f, dtype=np.float32) * through
    img = Image.fromarray(np.clip(out + 0.5, 0, 255).astype(np.uint8), mode="RGB" if colour else "L")
    if "dpi" in front.info:
        img.info["dpi"] = front.info["dpi"]
    return img


def phone_photo(page: Image.Image, *, seed: int = 0, paper=(238, 228, 204), light: float = 0.45,
                tilt: float = 0.025, desk=(92, 84, 76), margin: float = 0.04, blur: float = 0.8,
                noise: float = 4.0, jpeg_quality: int = 80) -> Image.Image:
    """``page`` (a clean render, black on white, a seal in colour) as a phone photo of it, RGB.

    - ``paper``: the sheet's colour where the light is full (cream);
    - ``light``: how much darker the far corner is than the lit one
      (0.45: 45 % less light; a linear fall-off plus a vignette);
    - ``tilt``: the perspective, as a share of the page size each corner moves
      (seeded directions: the top narrower or wider, one side longer);
    - ``desk``: what lies around the sheet (``margin`` of the frame each side);
    - then a Gaussian ``blur`` (px), sensor ``noise`` (std, 0-255) and JPEG at
      ``jpeg_quality``.  The frame keeps ``page.info["dpi"]`` if given."""
    rng = np.random.default_rng(seed)
    g = np.asarray(page.convert("RGB"), dtype=np.float32) / 255.0   # a seal keeps its colour
    h, w = g.shape[:2]
    rgb = g * np.asarray(paper, dtype=np.float32)[None, None, :]
    # the sheet on the desk, in a frame with a margin around it
    mx, my = round(w * margin), round(h * margin)
    W, H = w + 2 * mx, h + 2 * my
    sheet = Image.fromarray(np.clip(rgb, 0, 255).astype(np.uint8), mode="RGB")
    # perspective: the sheet's corners in the frame, each moved by up to tilt
    d = lambda n: rng.uniform(0.3, 1.0) * tilt * n  # noqa: E731
    top_in = d(w) * (1 if rng.random() < 0.5 else -1)
    side = d(h)
    dst = [(mx + max(0.0, top_in), my + side * 0.5), (mx + w - max(0.0, top_in), my),
           (mx + w + min(0.0, top_in) * 0.5, my + h), (mx - min(0.0, top_in) * 0.5, my + h - side * 0.3)]
    src = [(0, 0), (w, 0), (w, h), (0, h)]
    coeffs = perspective_coeffs(src, dst)
    frame = Image.new("RGB", (W, H), tuple(desk))
    warped = sheet.transform((W, H), Image.PERSPECTIVE, coeffs, Image.BICUBIC, fillcolor=tuple(desk))
    mask = Image.new("L", (w, h), 255).transform((W, H), Image.PERSPECTIVE, coeffs, Image.BILINEAR, fillcolor=0)
    frame.paste(warped, (0, 0), mask)
    # light: brightest at a seeded corner, falling off linearly and with a vignette
    yy, xx = np.mgrid[0:H, 0:W].astype(np.float32)
    cx, cy = (0.0 if rng.random() < 0.5 else W), (0.0 if rng.random() < 0.5 else H)
    dist = np.hypot((xx - cx) / W, (yy - cy) / H) / np.sqrt(2.0)
    vign = np.hypot(xx / W - 0.5, yy / H - 0.5) / np.sqrt(0.5)
    field = 1.0 - light * (0.75 * dist + 0.25 * vign ** 2)
    arr = np.asarray(frame, dtype=np.float32) * field[:, :, None]
    if noise > 0:
        arr += rng.normal(0.0, noise, size=arr.shape).astype(np.float32)
    out = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="RGB")
    if blur > 0:
        out = out.filter(ImageFilter.GaussianBlur(blur))
    buf = io.BytesIO()
    out.save(buf, format="JPEG", quality=int(jpeg_quality))
    buf.seek(0)
    out = Image.open(buf)
    out.load()
    out = out.convert("RGB")
    if "dpi" in page.info:
        out.info["dpi"] = page.info["dpi"]
    return out
