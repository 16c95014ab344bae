"""Render (Vietnamese) text into realistic documents.

Public functions
----------------
- :func:`text_to_pdf`        text -> PDF with a real text layer (returns page count)
- :func:`pdf_to_images`      PDF -> list of PIL images (pypdfium2)
- :func:`degrade`            PIL image -> scan-like damaged grayscale image (seeded)
- :func:`images_to_pdf`      images -> image-only PDF (grayscale JPEG inside)
- :func:`text_to_scan_pdf`   text -> rendered, rasterised, degraded, image-only PDF
- :func:`make_mixed_pdf`     text-layer pages and scanned pages in one PDF
- :func:`text_to_image`      text -> PNG / JPEG / (multi-page) TIFF
- :func:`text_to_docx`       text -> DOCX (python-docx), optional table
- :func:`find_font`          locate a TTF font covering Vietnamese

All outputs are deterministic: reportlab runs with ``invariant=1`` and fixed
metadata, noise is seeded, DOCX zip entries get a fixed timestamp.

Text conventions: a form feed ``\\f`` starts a new page; lines are kept as
given and wrapped to the page width when too long; blank lines are kept as
vertical space.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
from PIL import Image, ImageFilter

__all__ = [
    "A4",
    "FontNotFoundError",
    "find_font",
    "text_to_pdf",
    "pdf_to_images",
    "degrade",
    "images_to_pdf",
    "text_to_scan_pdf",
    "make_mixed_pdf",
    "text_to_image",
    "text_to_docx",
]

MM = 72.0 / 25.4
A4 = (595.2755905511812, 841.8897637795277)  # points, same as reportlab.lib.pagesizes.A4
DEFAULT_MARGINS = (20 * MM, 20 * MM, 20 * MM, 20 * MM)  # left, top, right, bottom

# Fixed metadata so repeated runs give the same bytes.
_FIXED_DATE = _dt.datetime(2024, 1, 1, 0, 0, 0)
_PRODUCER = "baocao synth"

# Letters a font must have to be usable for Vietnamese.
_VI_PROBE = "ĐđƯưƠơẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"

_KNOWN_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",  # Debian / Ubuntu
    "/usr/share/fonts/dejavu",  # Fedora / Arch
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
    "/Library/Fonts",
    os.path.expanduser("~/.fonts"),
    os.path.expanduser("~/.local/share/fonts"),
)

_FONT_FILES = {
    ("DejaVu Sans", False): "DejaVuSans.ttf",
    ("DejaVu Sans", True): "DejaVuSans-Bold.ttf",
    ("DejaVu Serif", False): "DejaVuSerif.ttf",
    ("DejaVu Serif", True): "DejaVuSerif-Bold.ttf",
}


# --------------------------------------------------------------------------- fonts


class FontNotFoundError(RuntimeError):
    """No usable TTF font covering Vietnamese was found."""


def _font_covers_vietnamese(path: str) -> bool:
    from reportlab.pdfbase.ttfonts import TTFontFile

    try:
        face = TTFontFile(path)
    except Exception:
        return False
    cmap = face.charToGlyph
    return all(ord(ch) in cmap for ch in _VI_PROBE)


def _fc_match(family: str, bold: bool) -> str | None:
    """Ask fontconfig for ``family``; ignore its fallback to some other family."""
    exe = shutil.which("fc-match")
    if not exe:
        return None
    pattern = f"{family}:style={'Bold' if bold else 'Book'}"
    try:
        out = subprocess.run(
            [exe, "--format=%{file}\\n%{family}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    path, _, families = out.partition("\n")
    if family.lower() not in [f.strip().lower() for f in families.split(",")]:
        return None
    return path.strip() or None


def _matplotlib_font(fname: str) -> str | None:
    try:
        import matplotlib  # type: ignore
    except Exception:
        return None
    p = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / fname
    return str(p) if p.is_file() else None


_font_cache: dict[tuple[str, bool], str] = {}


def find_font(family: str = "DejaVu Sans", *, bold: bool = False) -> str:
    """Return the path of a TTF file for ``family`` that covers Vietnamese.

    Lookup order: environment variable ``SYNTH_FONT`` / ``SYNTH_FONT_BOLD``
    (a path), known install directories, ``fc-match``, matplotlib's bundled
    DejaVu fonts. Every candidate is checked for the Vietnamese letters.
    Raises :class:`FontNotFoundError` with an explanation when nothing fits.
    """
    key = (family, bold)
    if key in _font_cache:
        return _font_cache[key]
    candidates: list[str] = []
    env = os.environ.get("SYNTH_FONT_BOLD" if bold else "SYNTH_FONT")
    if env:
        candidates.append(env)
    fname = _FONT_FILES.get(key)
    if fname:
        candidates += [os.path.join(d, fname) for d in _KNOWN_FONT_DIRS]
    fc = _fc_match(family, bold)
    if fc:
        candidates.append(fc)
    if fname:
        mp = _matplotlib_font(fname)
        if mp:
            candidates.append(mp)
    tried = []
    for cand in candidates:
        if not cand or not os.path.isfile(cand):
            continue
        tried.append(cand)
        if cand.lower().endswith((".ttf", ".otf")) and _font_covers_vietnamese(cand):
            _font_cache[key] = cand
            return cand
    raise FontNotFoundError(
        f"No TrueType font for {family!r} (bold={bold}) covering Vietnamese was found. "
        f"Tried: {tried or 'nothing usable'}. Install fonts-dejavu-core "
        "(apt-get install fonts-dejavu-core) or set SYNTH_FONT / SYNTH_FONT_BOLD "
        "to the path of a .ttf file that has Vietnamese glyphs."
    )


def _register_fonts(family: str) -> tuple[str, str]:
    """Register regular + bold TTF fonts with reportlab; return their names."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for bold in (False, True):
        path = find_font(family, bold=bold)
        name = "Synth-" + re.sub(r"[^A-Za-z0-9]", "", family) + ("-Bold" if bold else "")
        try:
            pdfmetrics.getFont(name)
        except KeyError:
            pdfmetrics.registerFont(TTFont(name, path))
        names.append(name)
    return names[0], names[1]


# --------------------------------------------------------------------------- text layout

_CTRL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _clean_line(line: str) -> str:
    return _CTRL_RE.sub(" ", line.replace("\r", "").expandtabs(4))


def _wrap(line: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap of one line to ``width`` points (long words are split)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if stringWidth(line, font, size) <= width:
        return [line]
    out: list[str] = []
    cur = ""
    for tok in re.split(r"( +)", line):
        if not tok:
            continue
        cand = cur + tok
        if stringWidth(cand, font, size) <= width:
            cur = cand
            continue
        if tok.startswith(" "):  # break at the spaces; they vanish at the wrap
            out.append(cur)
            cur = ""
            continue
        if cur.strip():
            out.append(cur.rstrip(" "))
        cur = ""
        # a word longer than the line: cut it into pieces
        while stringWidth(tok, font, size) > width:
            n = len(tok)
            while n > 1 and stringWidth(tok[:n], font, size) > width:
                n -= 1
            out.append(tok[:n])
            tok = tok[n:]
        cur = tok
    if cur.strip() or not out:
        out.append(cur)
    return out


def _is_caps_heading(line: str) -> bool:
    s = line.strip()
    if len(s) < 3 or not any(c.isalpha() for c in s):
        return False
    return s.upper() == s


def _draw_text(
    c,
    text: str,
    *,
    fonts: tuple[str, str],
    font_size: float,
    page_size: tuple[float, float],
    margins: tuple[float, float, float, float],
    leading: float | None,
    bold_caps: bool,
) -> int:
    """Draw ``text`` on reportlab canvas ``c``; every page is closed with showPage().

    Returns the number of pages drawn.
    """
    regular, bold = fonts
    left, top, right, bottom = margins
    pw, ph = page_size
    width = pw - left - right
    if width <= font_size:
        raise ValueError("page too narrow for the margins")
    lead = leading or font_size * 1.35
    pages = 0
    for chunk in text.split("\f"):
        c.setPageSize(page_size)
        pages += 1
        y = ph - top - font_size
        for raw in chunk.split("\n"):
            line = _clean_line(raw)
            if not line.strip():
                y -= lead
                continue
            font = bold if bold_caps and _is_caps_heading(line) else regular
            for piece in _wrap(line, font, font_size, width):
                if y < bottom:
                    c.showPage()
                    c.setPageSize(page_size)
                    pages += 1
                    y = ph - top - font_size
                c.setFont(font, font_size)
                c.drawString(left, y, piece)
                y -= lead
        c.showPage()
    return pages


@contextlib.contextmanager
def _canvas(out, page_size):
    """A deterministic reportlab canvas (invariant, fixed metadata, no ASCII85)."""
    from reportlab import rl_config
    from reportlab.pdfgen import canvas

    old_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        target = out if hasattr(out, "write") else str(out)
        c = canvas.Canvas(target, pagesize=page_size, invariant=1, pageCompression=1)
        c.setAuthor(_PRODUCER)
        c.setCreator(_PRODUCER)
        c.setProducer(_PRODUCER)
        yield c
        c.save()
    finally:
        rl_config.useA85 = old_a85


def text_to_pdf(
    text: str,
    out_path,
    *,
    font_size: float = 12,
    page_size: tuple[float, float] = A4,
    margins: float | tuple[float, float, float, float] = DEFAULT_MARGINS,
    font_family: str = "DejaVu Sans",
    leading: float | None = None,
    bold_caps: bool = True,
    title: str | None = None,
) -> int:
    """Render ``text`` to a PDF with a real (extractable) text layer.

    ``out_path`` may be a path or a writable binary file object. Long lines
    wrap at the page width, pages break when full and at every ``\\f``.
    ``margins`` is one number (points) or (left, top, right, bottom).
    With ``bold_caps`` all-capital lines (headings) are set in bold.
    Returns the page count.
    """
    if isinstance(margins, (int, float)):
        margins = (float(margins),) * 4
    fonts = _register_fonts(font_family)
    with _canvas(out_path, page_size) as c:
        if title:
            c.setTitle(title)
        n = _draw_text(
            c,
            text,
            fonts=fonts,
            font_size=font_size,
            page_size=page_size,
            margins=tuple(margins),
            leading=leading,
            bold_caps=bold_caps,
        )
    return n


def _text_pdf_bytes(text: str, **kw) -> bytes:
    buf = io.BytesIO()
    text_to_pdf(text, buf, **kw)
    return buf.getvalue()


# --------------------------------------------------------------------------- raster


def pdf_to_images(
    pdf_path,
    *,
    dpi: int = 300,
    pages: Iterable[int] | None = None,
    grayscale: bool = False,
) -> list[Image.Image]:
    """Rasterise a PDF (path or bytes) with pypdfium2; one PIL image per page.

    ``pages`` selects 0-based page indices (default: all).
    """
    import pypdfium2 as pdfium

    src = pdf_path if isinstance(pdf_path, (bytes, bytearray)) else str(pdf_path)
    pdf = pdfium.PdfDocument(src)
    try:
        idx = range(len(pdf)) if pages is None else list(pages)
        out = []
        for i in idx:
            page = pdf[i]
            try:
                bmp = page.render(scale=dpi / 72.0, grayscale=grayscale)
                img = bmp.to_pil()
                img.info["dpi"] = (dpi, dpi)
                out.append(img.copy())
            finally:
                page.close()
        return out
    finally:
        pdf.close()


def degrade(
    img: Image.Image,
    *,
    rotate_deg: float = 0.0,
    noise: float = 0.0,
    blur: float = 0.0,
    seed: int = 0,
    jpeg_quality: int | None = None,
    speckle: float | None = None,
) -> Image.Image:
    """Scan-like damage, deterministic for a given ``seed``.

    Steps, in the order a scanner would cause them: grayscale; rotation by
    ``rotate_deg`` degrees (white fill, same size); gaussian blur of radius
    ``blur`` pixels; gaussian noise with standard deviation ``noise`` * 255
    plus salt-and-pepper specks on a ``speckle`` fraction of pixels (default
    ``noise / 100``); optional JPEG re-encoding at ``jpeg_quality``.
    Returns a new mode-"L" image.
    """
    g = img.convert("L")
    if rotate_deg:
        g = g.rotate(rotate_deg, resample=Image.BICUBIC, expand=False, fillcolor=255)
    if blur and blur > 0:
        g = g.filter(ImageFilter.GaussianBlur(radius=blur))
    if speckle is None:
        speckle = noise / 100.0
    if noise > 0 or speckle > 0:
        rng = np.random.default_rng(seed)
        arr = np.asarray(g, dtype=np.float32).copy()
        if noise > 0:
            arr += rng.normal(0.0, noise * 255.0, size=arr.shape).astype(np.float32)
        if speckle > 0:
            r = rng.random(size=arr.shape, dtype=np.float32)
            arr[r < speckle * 0.5] = 0.0  # pepper: dust
            arr[r > 1.0 - speckle * 0.5] = 255.0  # salt: dropouts in strokes
        g = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")
    if jpeg_quality:
        buf = io.BytesIO()
        g.save(buf, format="JPEG", quality=int(jpeg_quality))
        buf.seek(0)
        g = Image.open(buf)
        g.load()
        g = g.convert("L")
    if "dpi" in img.info:
        g.info["dpi"] = img.info["dpi"]
    return g


def images_to_pdf(
    images: Sequence[Image.Image],
    out_path,
    *,
    dpi: int = 300,
    jpeg_quality: int = 75,
    grayscale: bool = True,
) -> int:
    """Write an image-only PDF (no text layer), one page per image.

    Each page is sized so the image prints at ``dpi``; images are stored as
    (grayscale) baseline JPEG at ``jpeg_quality``. Returns the page count.
    """
    from reportlab.lib.utils import ImageReader

    if not images:
        raise ValueError("images_to_pdf needs at least one image")
    with _canvas(out_path, A4) as c:
        for img in images:
            _draw_image_page(c, img, dpi=dpi, jpeg_quality=jpeg_quality, grayscale=grayscale, reader=ImageReader)
    return len(images)


def _draw_image_page(c, img, *, dpi, jpeg_quality, grayscale, reader):
    im = img.convert("L" if grayscale else "RGB")
    buf = io.BytesIO()
    im.save(buf, format="JPEG", quality=int(jpeg_quality), optimize=True)
    buf.seek(0)
    w_pt = im.width * 72.0 / dpi
    h_pt = im.height * 72.0 / dpi
    c.setPageSize((w_pt, h_pt))
    c.drawImage(reader(buf), 0, 0, width=w_pt, height=h_pt)
    c.showPage()


def _scan_images(
    text: str,
    *,
    dpi: int,
    rotate_deg: float,
    noise: float,
    blur: float,
    seed: int,
    max_pages: int | None,
    jitter: float,
    pdf_kwargs: dict,
    speckle: float | None = None,
) -> list[Image.Image]:
    pdf = _text_pdf_bytes(text, **pdf_kwargs)
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    n = len(doc)
    doc.close()
    if max_pages is not None:
        n = min(n, max_pages)
    pages = pdf_to_images(pdf, dpi=dpi, pages=range(n), grayscale=True)
    rng = np.random.default_rng(seed)
    out = []
    for i, page in enumerate(pages):
        angle = rotate_deg + (float(rng.uniform(-jitter, jitter)) if jitter else 0.0)
        out.append(degrade(page, rotate_deg=angle, noise=noise, blur=blur, seed=seed + i, speckle=speckle))
    return out


def text_to_scan_pdf(
    text: str,
    out_path,
    *,
    dpi: int = 300,
    rotate_deg: float = 0.7,
    noise: float = 0.04,
    blur: float = 0.0,
    seed: int = 0,
    max_pages: int | None = None,
    jitter: float = 0.0,
    jpeg_quality: int = 75,
    speckle: float | None = None,
    **pdf_kwargs,
) -> int:
    """Render ``text``, rasterise at ``dpi``, degrade, and write an image-only PDF.

    Page ``i`` is rotated by ``rotate_deg`` (+ a seeded uniform offset within
    ``±jitter``) and gets noise seeded with ``seed + i`` (``noise``, ``blur``,
    ``speckle`` as in :func:`degrade`). Extra keyword
    arguments (``font_size``, ``margins``, ...) go to :func:`text_to_pdf`.
    Returns the page count (after ``max_pages``).
    """
    imgs = _scan_images(
        text,
        dpi=dpi,
        rotate_deg=rotate_deg,
        noise=noise,
        blur=blur,
        seed=seed,
        max_pages=max_pages,
        jitter=jitter,
        pdf_kwargs=pdf_kwargs,
        speckle=speckle,
    )
    return images_to_pdf(imgs, out_path, dpi=dpi, jpeg_quality=jpeg_quality)


_KIND = {"t": "text", "text": "text", "s": "scan", "scan": "scan", "i": "scan", "image": "scan"}


def make_mixed_pdf(
    text_pages: Sequence[str],
    scan_pages: Sequence[str],
    out_path,
    order: Sequence[str] | str | None = None,
    *,
    dpi: int = 200,
    rotate_deg: float = 0.7,
    noise: float = 0.04,
    blur: float = 0.0,
    seed: int = 0,
    jpeg_quality: int = 75,
    font_size: float = 12,
    page_size: tuple[float, float] = A4,
) -> list[str]:
    """A PDF mixing text-layer pages and image-only (scanned) pages.

    ``text_pages`` and ``scan_pages`` hold one string per intended page.
    ``order`` lists the kinds to emit, consuming each list in turn, e.g.
    ``["text", "scan"]`` or the string ``"tst"``; default: all text pages,
    then all scan pages. A string too long for one page spills onto further
    pages of the same kind. Returns the kind of every output page
    (``"text"`` or ``"scan"``), in order.
    """
    from reportlab.lib.utils import ImageReader

    if order is None:
        kinds = ["text"] * len(text_pages) + ["scan"] * len(scan_pages)
    else:
        try:
            kinds = [_KIND[k.lower()] for k in order]
        except KeyError as e:
            raise ValueError(f"unknown page kind {e.args[0]!r} in order") from None
        if kinds.count("text") != len(text_pages) or kinds.count("scan") != len(scan_pages):
            raise ValueError("order must use every text page and every scan page exactly once")
    fonts = _register_fonts("DejaVu Sans")
    t_iter, s_iter = iter(text_pages), iter(scan_pages)
    out_kinds: list[str] = []
    with _canvas(out_path, page_size) as c:
        for k_i, kind in enumerate(kinds):
            if kind == "text":
                n = _draw_text(
                    c,
                    next(t_iter),
                    fonts=fonts,
                    font_size=font_size,
                    page_size=page_size,
                    margins=DEFAULT_MARGINS,
                    leading=None,
                    bold_caps=True,
                )
                out_kinds += ["text"] * n
            else:
                imgs = _scan_images(
                    next(s_iter),
                    dpi=dpi,
                    rotate_deg=rotate_deg,
                    noise=noise,
                    blur=blur,
                    seed=seed + 1000 * k_i,
                    max_pages=None,
                    jitter=0.0,
                    pdf_kwargs={"font_size": font_size, "page_size": page_size},
                )
                for img in imgs:
                    _draw_image_page(c, img, dpi=dpi, jpeg_quality=jpeg_quality, grayscale=True, reader=ImageReader)
                out_kinds += ["scan"] * len(imgs)
    return out_kinds


# --------------------------------------------------------------------------- images

_IMG_FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".tif": "TIFF", ".tiff": "TIFF"}


def text_to_image(
    text: str,
    out_path,
    *,
    dpi: int = 300,
    rotate_deg: float = 0.0,
    noise: float = 0.0,
    blur: float = 0.0,
    seed: int = 0,
    max_pages: int | None = None,
    jpeg_quality: int = 85,
    **pdf_kwargs,
) -> list[Path]:
    """Render ``text`` to raster image file(s); format from the suffix.

    ``.tif``/``.tiff``: all pages in one multi-page TIFF (deflate compressed).
    ``.png``/``.jpg``/``.jpeg``: page 1 goes to ``out_path``, page n >= 2 to
    ``<stem>-p<n><suffix>`` next to it. Scan damage as in :func:`degrade`
    (none by default). Returns the paths written.
    """
    out_path = Path(out_path)
    fmt = _IMG_FORMATS.get(out_path.suffix.lower())
    if fmt is None:
        raise ValueError(f"unsupported image suffix {out_path.suffix!r}; use one of {sorted(_IMG_FORMATS)}")
    imgs = _scan_images(
        text,
        dpi=dpi,
        rotate_deg=rotate_deg,
        noise=noise,
        blur=blur,
        seed=seed,
        max_pages=max_pages,
        jitter=0.0,
        pdf_kwargs=pdf_kwargs,
    )
    out_path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "TIFF":
        imgs[0].save(
            out_path,
            format="TIFF",
            save_all=True,
            append_images=imgs[1:],
            compression="tiff_deflate",
            dpi=(dpi, dpi),
        )
        return [out_path]
    written = []
    for i, img in enumerate(imgs, start=1):
        p = out_path if i == 1 else out_path.with_name(f"{out_path.stem}-p{i}{out_path.suffix}")
        if fmt == "JPEG":
            img.save(p, format="JPEG", quality=jpeg_quality, dpi=(dpi, dpi))
        else:
            img.save(p, format="PNG", dpi=(dpi, dpi), optimize=True)
        written.append(p)
    return written


# --------------------------------------------------------------------------- docx

_MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+")
_MD_INLINE_RE = re.compile(r"\*\*(.+?)\*\*|<sup>(.*?)</sup>", re.S)


def _add_md_runs(par, text: str, markdown: bool) -> None:
    if not markdown:
        par.add_run(text)
        return
    pos = 0
    for m in _MD_INLINE_RE.finditer(text):
        if m.start() > pos:
            par.add_run(text[pos : m.start()])
        if m.group(1) is not None:
            # bold text may itself contain a footnote marker
            inner = m.group(1)
            for j, part in enumerate(re.split(r"<sup>(.*?)</sup>", inner)):
                if not part:
                    continue
                run = par.add_run(part)
                run.bold = True
                if j % 2 == 1:
                    run.font.superscript = True
        else:
            run = par.add_run(m.group(2))
            run.font.superscript = True
        pos = m.end()
    if pos < len(text):
        par.add_run(text[pos:])


def _fix_zip(path: Path) -> None:
    """Rewrite a zip (docx) with fixed entry timestamps for reproducible bytes."""
    with zipfile.ZipFile(path) as zin:
        items = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zout:
        for name, data in items:
            zi = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o644 << 16
            zout.writestr(zi, data)


def text_to_docx(
    text: str,
    out_path,
    *,
    table_rows: Sequence[Sequence[str]] | None = None,
    table_after: int | None = None,
    paragraphs: str = "lines",
    markdown: bool = True,
    font_name: str = "Times New Roman",
    font_size: float = 13,
    title: str | None = None,
) -> int:
    """Write ``text`` as a DOCX file; returns the number of body paragraphs.

    ``paragraphs="lines"``: every non-blank line is a paragraph;
    ``"blocks"``: blank-line separated blocks, their lines joined by a space.
    With ``markdown`` (default) ``#`` headings become Heading styles,
    ``**bold**`` becomes bold runs and ``<sup>n</sup>`` superscript runs
    (as in DOCX->Markdown corpus text); ``\\f`` becomes a page break.
    ``table_rows`` adds a grid table (first row bold) after paragraph number
    ``table_after`` (0-based; default: at the end).
    """
    import docx
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    if paragraphs not in ("lines", "blocks"):
        raise ValueError("paragraphs must be 'lines' or 'blocks'")
    out_path = Path(out_path)
    d = docx.Document()
    st = d.styles["Normal"]
    st.font.name = font_name
    st.font.size = Pt(font_size)
    cp = d.core_properties
    cp.author = _PRODUCER
    cp.last_modified_by = _PRODUCER
    cp.created = _FIXED_DATE
    cp.modified = _FIXED_DATE
    cp.last_printed = _FIXED_DATE
    cp.revision = 1
    if title:
        cp.title = title

    pars = []
    for p_i, page in enumerate(text.split("\f")):
        if p_i > 0:
            brk = d.add_paragraph()
            brk.add_run().add_break(WD_BREAK.PAGE)
        if paragraphs == "lines":
            units = [ln.strip() for ln in page.split("\n")]
        else:
            units = [" ".join(x.strip() for x in blk.split("\n")) for blk in re.split(r"\n[ \t]*\n", page)]
        for unit in units:
            unit = _clean_line(unit).strip()
            if not unit:
                continue
            m = _MD_HEADING_RE.match(unit) if markdown else None
            if m:
                level = min(len(m.group(1)), 9)
                par = d.add_paragraph(style=f"Heading {level}")
                _add_md_runs(par, unit[m.end() :], markdown)
            else:
                par = d.add_paragraph()
                _add_md_runs(par, unit, markdown)
            pars.append(par)

    if table_rows:
        ncols = max(len(r) for r in table_rows)
        tbl = d.add_table(rows=len(table_rows), cols=ncols)
        tbl.style = "Table Grid"
        for r_i, row in enumerate(table_rows):
            for c_i in range(ncols):
                cell = tbl.cell(r_i, c_i)
                val = str(row[c_i]) if c_i < len(row) else ""
                run = cell.paragraphs[0].add_run(val)
                if r_i == 0:
                    run.bold = True
        if table_after is not None and pars:
            anchor = pars[max(0, min(table_after, len(pars) - 1))]
            anchor._p.addnext(tbl._tbl)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    d.save(str(out_path))
    _fix_zip(out_path)
    return len(pars)
