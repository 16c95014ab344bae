"""Text for a terminal or a spreadsheet: untrusted names and document text made inert.

* ``plain(s)``: control characters (C0 except tab/newline, DEL, C1) and
  whole ANSI escape sequences (CSI ``ESC [ ... final``, OSC ``ESC ] ... BEL/ST``,
  two-character ``ESC x``) are removed, so a file name or a document cannot
  move the cursor, retitle the window, hide text or write hyperlinks.
  ``newline=False`` also turns newlines and tabs into spaces (one-line fields).
* ``csv_cell(v)``: a text cell beginning with ``=``, ``+``, ``-``, ``@`` (or a
  tab/CR, which some spreadsheets skip) gets a leading ``'`` so a spreadsheet
  shows it as text instead of evaluating a formula (``=HYPERLINK(...)``,
  ``@SUM(...)``, ``-1+1``).  Numbers stay numbers.
* Markup: terminal output never goes through rich's markup parser
  (``markup=False`` / ``Text``), so ``x[/]y.txt`` is just a name.
"""
from __future__ import annotations

import re

_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"          # CSI
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"      # DCS, SOS, PM, APC ... ST
    r"|\x1b[ -~]?"                       # two-character escapes (and a lone ESC)
    r"|\x9b[0-?]*[ -/]*[@-~]"            # 8-bit CSI
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def plain(s, newline: bool = True) -> str:
    if s is None:
        return ""
    s = _CONTROLS.sub("", _ESCAPES.sub("", str(s)))
    if not newline:
        s = s.replace("\n", " ").replace("\t", " ")
    return s


def csv_cell(v):
    if isinstance(v, str) and v.startswith(FORMULA_START):
        return "'" + v
    return v
