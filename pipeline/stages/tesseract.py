"""Thin wrapper around the tesseract program (via pytesseract).

One call per page image, one thread per process (``OMP_THREAD_LIMIT=1``):
parallelism comes from running pages in several worker processes.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field

from baocao.pipeline.errors import DocumentError

LANG = os.environ.get("BAOCAO_OCR_LANG", "vie")
os.environ.setdefault("OMP_THREAD_LIMIT", "1")

_LOADED: list = []        # the pytesseract module, once loaded in this process
_ON_LOAD: list = []       # callables given it when it loads (runner/children.py: death signal)


def when_loaded(fn) -> None:
    """Call ``fn(pytesseract.pytesseract)`` when this process first loads
    pytesseract (at once if it has): a run's worker patches how tesseract is
    started there, without loading pytesseract in workers that never OCR."""
    if _LOADED:
        fn(_LOADED[0].pytesseract)
    else:
        _ON_LOAD.append(fn)


def pytesseract_module():
    """pytesseract, loaded once per process.

    pytesseract imports pandas, when it is installed, for its DataFrame output
    (0.6 s of a worker's start; baocao reads ``Output.DICT`` only): when pandas
    is not loaded yet it is hidden during the import (``sys.modules['pandas'] =
    None`` makes pytesseract's ``import pandas`` fail the way a missing pandas
    does) and un-hidden right after, so pandas stays importable as usual."""
    if _LOADED:
        return _LOADED[0]
    import sys

    hide = "pandas" not in sys.modules
    if hide:
        sys.modules["pandas"] = None
    try:
        import pytesseract
    finally:
        if hide and sys.modules.get("pandas", 0) is None:
            del sys.modules["pandas"]
    _LOADED.append(pytesseract)
    while _ON_LOAD:
        _ON_LOAD.pop(0)(pytesseract.pytesseract)
    return pytesseract


@dataclass
class OcrResult:
    text: str
    confidence: float | None   # mean word confidence 0-100, None when no words
    words: int
    rotation: int = 0          # degrees the page was turned (clockwise) before OCR
    repairs: list = field(default_factory=list)   # image repairs before OCR (stages/repairs.py)
    # words read below LOW_CONFIDENCE: (start, end, confidence) in ``text``
    low_words: list = field(default_factory=list)
    blank: bool = False        # the page has no ink: not OCR'd (stages/ocr.py)


# A word tesseract reads below this confidence is not trusted as a header's
# number or day (stages/handwriting.py).  Measured with `vie` on the real scans
# (../shared/real: d714245d4975da6a, d0f66a8ab7bdbae4, 4fedb2cd6e5f240c,
# f24e5079685d41b1, 0191c9b24ac66096) and the sample scan
# data/raw/003_318e51082e090e4d.scan.pdf: handwritten numbers and days read
# 0-53 (the handwritten "1983" read as "4292" at 53, day debris "*†" 24,
# "{Ô" 7, "Ô" 39, "—" 28); of 183 printed digits-only words 177 read >= 66
# (5% quantile 66, median 96; the six below are list markers "1." "2." and
# table cells), and the printed numbers after "Số:" read 83-92.  60 sits
# between the two.  Tokens that glue digits to a printed symbol are judged by
# letters too ("01/2024/QĐ-UBND" printed reads 55): stages/handwriting.py only
# trusts a low word that holds the digits alone.
LOW_CONFIDENCE = 60.0


# A page read this badly may be lying on its side: ask tesseract's orientation
# detection (OSD) and, if it says so, OCR the turned page and keep the better read.
RETRY_BELOW = 60.0
MIN_OSD_CONFIDENCE = 1.0


def ocr_page_image(image, lang: str = LANG, timeout: float = 0) -> OcrResult:
    """OCR with an orientation retry for pages that read badly."""
    first = ocr_image(image, lang=lang, timeout=timeout)
    if first.confidence is not None and first.confidence >= RETRY_BELOW:
        return first
    angle = detect_rotation(image, timeout=timeout)
    if not angle:
        return first
    turned = ocr_image(image.rotate(-angle, expand=True, fillcolor=255), lang=lang, timeout=timeout)
    turned.rotation = angle
    if (turned.confidence or 0) > (first.confidence or 0):
        return turned
    return first


def detect_rotation(image, timeout: float = 0) -> int:
    """Clockwise degrees (0, 90, 180, 270) that put the text upright, per OSD."""
    import re

    pytesseract = pytesseract_module()
    try:
        osd = pytesseract.image_to_osd(image, config="--psm 0", timeout=timeout)
    except Exception:  # too little text for OSD, timeout: leave the page as it is
        return 0
    rot = re.search(r"Rotate:\s*(\d+)", osd)
    conf = re.search(r"Orientation confidence:\s*([\d.]+)", osd)
    if not rot or not conf or float(conf.group(1)) < MIN_OSD_CONFIDENCE:
        return 0
    return int(rot.group(1)) % 360


def available() -> bool:
    return shutil.which("tesseract") is not None


def ocr_image(image, lang: str = LANG, psm: int = 3, timeout: float = 0) -> OcrResult:
    """OCR a PIL image; returns text rebuilt line by line and word confidence."""
    pytesseract = pytesseract_module()

    if not available():
        raise DocumentError("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-vie)")
    # pytesseract would hand tesseract a PNG it compresses first (seconds for
    # a 300 dpi page); an uncompressed BMP in RAM-backed /dev/shm costs ~30 ms.
    # In a run's worker it goes into the run's own folder (removed with the
    # run, or by the next one when the run was killed: runner/children.py).
    tmpdir = os.environ.get("BAOCAO_RUN_DIR")
    if not (tmpdir and os.path.isdir(tmpdir)):
        tmpdir = "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None
    fd, img_path = tempfile.mkstemp(suffix=".bmp", prefix="baocao-ocr-", dir=tmpdir)
    os.close(fd)
    try:
        # the page's real resolution when known (a 200 dpi CCITT scan read as
        # 96 dpi loses ~2 points of confidence); PIL writes 96 dpi otherwise
        dpi = image.info.get("dpi")
        image.save(img_path, format="BMP", **({"dpi": dpi} if dpi and dpi[0] else {}))
        data = pytesseract.image_to_data(
            img_path, lang=lang, config=f"--psm {psm}", output_type=pytesseract.Output.DICT,
            timeout=timeout,
        )
    except RuntimeError as exc:  # pytesseract raises RuntimeError on timeout
        raise DocumentError(f"timeout after {timeout:g} s in OCR") from exc
    except pytesseract.TesseractError as exc:
        raise DocumentError(f"tesseract failed: {' '.join(str(exc.message).split())[:120]}") from None
    finally:
        try:
            os.unlink(img_path)
        except OSError:
            pass
    return result_of_data(data)


def result_of_data(data: dict) -> OcrResult:
    """The page text (rebuilt line by line, a blank line between blocks), the
    mean word confidence and the low-confidence words, from tesseract's
    ``image_to_data`` dictionary (pure: tests replay recorded output)."""
    lines: list[str] = []
    lows: list[list[tuple[int, int, float]]] = []   # per line: (start, end, confidence) in the line
    confs: list[float] = []
    current_key = None
    current: list[str] = []
    current_low: list[tuple[int, int, float]] = []
    width = 0          # length of the current line so far
    last_block = None
    for i, word in enumerate(data["text"]):
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        if data["level"][i] != 5:
            continue
        if key != current_key:
            if current:
                lines.append(" ".join(current))
                lows.append(current_low)
            if last_block is not None and key[:2] != last_block:
                lines.append("")
                lows.append([])
            current_key, current, current_low, width, last_block = key, [], [], 0, key[:2]
        w = (word or "").strip()
        if not w:
            continue
        start = width + (1 if current else 0)
        current.append(w)
        width = start + len(w)
        try:
            c = float(data["conf"][i])
        except (TypeError, ValueError):
            c = -1
        if c >= 0:
            confs.append(c)
            if c < LOW_CONFIDENCE:
                current_low.append((start, width, round(c, 1)))
    if current:
        lines.append(" ".join(current))
        lows.append(current_low)
    joined = "\n".join(lines)
    lead = len(joined) - len(joined.lstrip("\n"))
    text = joined.strip("\n") + "\n"
    low: list[tuple[int, int, float]] = []
    at = 0
    for line, ws in zip(lines, lows):
        low.extend((at + a - lead, at + b - lead, c) for a, b, c in ws)
        at += len(line) + 1
    conf = round(sum(confs) / len(confs), 2) if confs else None
    return OcrResult(text=text, confidence=conf, words=len(confs), low_words=low)


def version_signature() -> str:
    """The tesseract program's version and its model file (size, mtime), for
    the cache fingerprint: a new tesseract or model re-OCRs on the next run.
    No program: ``none`` (OCR'd pages then fail with their own error)."""
    import subprocess

    exe = shutil.which("tesseract")
    if exe is None:
        return "none"
    try:
        out = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=10)
        version = (out.stdout or out.stderr).splitlines()[0].strip()
    except (OSError, subprocess.SubprocessError, IndexError):
        version = "unknown"
    model = ""
    for d in (os.environ.get("TESSDATA_PREFIX", ""), "/usr/share/tesseract-ocr/5/tessdata",
              "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata"):
        p = os.path.join(d, f"{LANG}.traineddata") if d else ""
        if p and os.path.isfile(p):
            st = os.stat(p)
            model = f"{st.st_size}:{int(st.st_mtime)}"
            break
    return f"{version} {LANG}:{model}"
