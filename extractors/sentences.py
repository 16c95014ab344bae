"""Sentence boundaries in normalised report text (our own rules, no model):
the one home of sentence splitting.

Two rule sets, for two jobs:

* :func:`sentence_spans` / :func:`sentence_at` — readable sentences of the
  text as written (``baocao cites``, ``show``, the spaCy component), the
  rules below;
* :func:`view_sentence_ends` — the coarser ends the statistics extractor
  bounds a figure's scope search with, found on the folded lower-case cue
  view (final ``. ; ! ?``, a list item at a line start, a blank line before a
  capital of the text).  Its rows depend on these exact ends, so it keeps them.

spaCy's rule-based ``sentencizer`` is no use here: the Vietnamese blank
tokenizer without pyvi splits on spaces only, so ``phủ.`` or
``59/2023/NĐ-CP.`` is one token and the sentencizer never sees a final
period; and reports wrap lines mid-sentence, so a line break says little.
The rules, applied to the text exactly as the pipeline wrote it:

1. **Final punctuation** ``.`` ``!`` ``?`` ``…`` (with any closing quotes,
   brackets or Markdown ``**`` after it) ends a sentence when whitespace
   follows and the next word does not start with a lower-case letter
   (``năm 2024. Ủy ban`` and ``59/2023/NĐ-CP. Trong`` end sentences; ``v.v. và``
   does not).  Not after a known abbreviation (``TP.``, ``ThS.``, ``Tp.``,
   ``v.v.`` ... see ``ABBREVIATIONS``), a single capital (an initial, ``Nguyễn
   V. An``), or a list number at the start of a line (``1.``, ``II.``,
   ``1.2.``).  Periods inside tokens (``1.234``, ``TP.HCM``) never count.
2. **Line breaks** (``\\n``, and ``\\f`` between pages) end a sentence when the
   line before ends with ``. ! ? … : ;``, or is a heading (no lower-case
   letter, or wholly ``**bold**``, or ``#`` Markdown), or the next line starts
   a list item (``-``, ``+``, ``•``, ``*``, ``a)``, ``1.``, ``2)``, ``II.``,
   ``Điều 3``) or is a heading, or the next line starts with a capital and
   either a blank line separates them or the line before is short (under
   ``SHORT_LINE`` of the width the document wraps at: a wrapped line is
   nearly full, a paragraph's last line or a title is not).
   Any other line break is a wrap inside a sentence
   (``...của UBND \\nhuyện Thanh Miện...``).
3. A sentence longer than ``MAX_SENTENCE`` characters is cut at the line
   break (or, failing that, the space) nearest to the limit, so a run-on list
   without punctuation never swallows a whole page.

``sentence_spans(text)`` gives ``(start, end)`` pairs (leading and trailing
whitespace excluded) in order; ``sentence_at(text, start, end)`` the sentence
(or run of sentences) that holds a span.  Neither raises on any input.
"""
from __future__ import annotations

import bisect
import re
from typing import Optional, Sequence

import regex

MAX_SENTENCE = 1500
SHORT_LINE = 0.75  # a line shorter than this share of the usual line width ends its paragraph

# Abbreviations after which a period does not end a sentence (compared
# case-sensitively on the diacritic-bearing word and on its ASCII spelling).
ABBREVIATIONS = frozenset("""
TP Tp tp TT Tt Q P X H T Th ThS Ths TS Ts PGS GS BS Bs KS CN NCS Đ/c đ/c Ông Bà ông bà
v.v vv tr Tr St Sđd sđd tt Nxb NXB Cty đ/v Đ/v Dr Mr Mrs No
""".split())

_FINAL = re.compile(r"[.!?…]+(?:[\"'”’»)\]]|\*\*)*(?=\s)")
_WORD_BEFORE = re.compile(r"(\S+?)[.!?…]*(?:[\"'”’»)\]]|\*\*)*$")
_LIST_START = re.compile(
    r"""^\s*(?:
        [-+•·–—▪◦]\s            # dash or bullet
      | \*(?!\*)\s?              # Markdown bullet, not **bold**
      | \#{1,6}\s                # Markdown heading
      | [a-zđ][)]\s?             # a) b)
      | \(?[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}[.)]\s   # 1.  2)  1.2.
      | \(?[IVXLC]{1,6}[.)]\s    # II.  IV)
      | (?:Điều|Dieu|Mục|Muc|Phần|Phan|Chương|Chuong)\s+[0-9IVXLC]{1,4}\b
    )""",
    re.X,
)
_LIST_NUMBER = re.compile(r"^\(?(?:[0-9]{1,2}(?:\.[0-9]{1,2}){0,3}|[IVXLC]{1,6}|[a-zđ])[.)]?$")
_LINE_END_STOP = re.compile(r"[.!?…:;](?:[\"'”’»)\]]|\*\*)*\s*$")


def _is_heading(line: str) -> bool:
    s = line.strip()
    if not s:
        return False
    if s.startswith("#"):
        return True
    if s.startswith("**") and s.endswith("**") and len(s) > 4:
        return True
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and not any(c.islower() for c in letters)


def _starts_lower(s: str) -> bool:
    for c in s:
        if c.isalpha():
            return c.islower()
        if c.isdigit():
            return False
        if c in "\"'“‘«([*_":
            continue
        return False
    return False


def _starts_upper(s: str) -> bool:
    for c in s:
        if c.isalpha():
            return c.isupper()
        if c in "\"'“‘«([*_":
            continue
        return False
    return False


def _period_ends(text: str, m: re.Match, line_start: int) -> bool:
    """Whether the final punctuation matched by ``m`` ends a sentence."""
    j = m.end()
    n = len(text)
    while j < n and text[j].isspace():
        j += 1
    if j < n and _starts_lower(text[j:j + 8]):
        return False
    punct = text[m.start():m.end()]
    if not punct.startswith("."):
        return True  # ! ? … always end
    # the word the period closes
    k = m.start()
    w0 = k
    while w0 > line_start and not text[w0 - 1].isspace():
        w0 -= 1
    word = text[w0:k].lstrip("(\"'“‘«*")
    if not word:
        return True
    if word in ABBREVIATIONS or word.rstrip(".") in ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial
    if w0 == line_start or not text[line_start:w0].strip():
        if _LIST_NUMBER.match(word):
            return False  # "1." or "II." opening a line
    return True


def _cuts(text: str) -> list[int]:
    """Offsets where a sentence ends (the character after its last one)."""
    cuts: set[int] = set()
    # line structure: (start, end) of each line, '\n' and '\f' both break lines
    lines: list[tuple[int, int]] = []
    pos = 0
    for m in re.finditer(r"[\n\f]", text):
        lines.append((pos, m.start()))
        pos = m.end()
    lines.append((pos, len(text)))
    line_starts = [a for a, _ in lines]

    for m in _FINAL.finditer(text):
        li = bisect.bisect_right(line_starts, m.start()) - 1
        if _period_ends(text, m, line_starts[li]):
            cuts.add(m.end())

    short = SHORT_LINE * _usual_width(text, lines)

    prev: Optional[tuple[int, int]] = None
    blank_between = False
    for a, b in lines:
        line = text[a:b]
        if not line.strip():
            if prev is not None:
                blank_between = True
            continue
        if prev is not None:
            pa, pb = prev
            pline = text[pa:pb]
            end = pa + len(pline.rstrip())
            stop = _LINE_END_STOP.search(pline)
            if stop is not None and stop.group(0).lstrip().startswith("."):
                stop_brk = _line_end_period_ends(text, pa, end, line)
            else:
                stop_brk = stop is not None
            brk = (
                stop_brk
                or _is_heading(pline)
                or _LIST_START.match(line) is not None
                or _is_heading(line)
                or ((blank_between or len(pline.strip()) < short)
                    and _starts_upper(line.lstrip())
                    and not pline.rstrip().endswith((",", "-", "(", "/")))
            )
            if brk:
                cuts.add(end)
        prev = (a, b)
        blank_between = False
    return sorted(cuts)


def _usual_width(text: str, lines: list[tuple[int, int]]) -> float:
    """The width lines wrap at: the median length of lines that certainly
    wrap (the next line goes on in lower case), else the 90th percentile."""
    full = [text[a:b].strip() for a, b in lines]
    full = [s for s in full if s]
    wrapped = sorted(len(s) for s, nxt in zip(full, full[1:]) if _starts_lower(nxt))
    if len(wrapped) >= 3:
        return wrapped[len(wrapped) // 2]
    widths = sorted(len(s) for s in full)
    return widths[int(0.9 * (len(widths) - 1))] if widths else 0


def _line_end_period_ends(text: str, line_start: int, end: int, next_line: str) -> bool:
    """A line ending in '.': a break unless the period closes an abbreviation
    or an initial (``TP.`` / ``Nguyễn V.``) and the next line goes on."""
    if _LIST_START.match(next_line) or _is_heading(next_line):
        return True
    k = end
    while k > line_start and text[k - 1] in "\"'”’»)]*":
        k -= 1
    k -= 1  # the period
    w0 = k
    while w0 > line_start and not text[w0 - 1].isspace():
        w0 -= 1
    word = text[w0:k].lstrip("(\"'“‘«*")
    if word in ABBREVIATIONS or (len(word) == 1 and word.isupper()):
        return False
    if w0 == line_start or not text[line_start:w0].strip():
        if _LIST_NUMBER.match(word):
            return False
    return True


def _split_long(text: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    while b - a > MAX_SENTENCE:
        window = text[a + MAX_SENTENCE // 2:a + MAX_SENTENCE]
        k = max(window.rfind("\n"), window.rfind("\f"))
        if k < 0:
            k = window.rfind(" ")
        cut = a + MAX_SENTENCE // 2 + k if k >= 0 else a + MAX_SENTENCE
        seg = _strip(text, a, cut)
        if seg:
            out.append(seg)
        a = cut
    seg = _strip(text, a, b)
    if seg:
        out.append(seg)


def _strip(text: str, a: int, b: int) -> Optional[tuple[int, int]]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of ``text``, in order."""
    if not isinstance(text, str) or not text:
        return []
    try:
        cuts = _cuts(text)
    except Exception:  # never fail a query on odd text: fall back to lines
        cuts = [m.start() for m in re.finditer(r"\n", text)]
    out: list[tuple[int, int]] = []
    a = 0
    for c in cuts + [len(text)]:
        if c <= a:
            continue
        _split_long(text, a, c, out)
        a = c
    return out


def sentence_at(text: str, start: int, end: int,
                spans: Optional[Sequence[tuple[int, int]]] = None) -> tuple[int, int]:
    """The sentence holding ``text[start:end]`` (several when the span crosses
    a boundary); ``spans`` are ``sentence_spans(text)`` when already known."""
    if spans is None:
        spans = sentence_spans(text)
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    if not spans:
        return start, end
    starts = [s for s, _ in spans]
    i = max(0, bisect.bisect_right(starts, start) - 1)
    j = max(i, bisect.bisect_left(starts, end) - 1) if end > start else i
    a = min(spans[i][0], start)
    b = max(spans[j][1], end)
    return a, b


def clean(sentence: str) -> str:
    """A sentence on one line: whitespace runs (line breaks, page breaks) → one space."""
    return " ".join(sentence.split())


# --------------------------------------------------------------------------
# coarse ends on a folded view (the statistics extractor's scope window)

_VIEW_SENTENCE = regex.compile(
    r"[;!?]|\.(?=\s)|\n(?=[ \t]*(?:[-+*•]|\d{1,2}(?:\.\d{1,2})*[.)]|[a-z]\)|[ivx]{1,4}\.)[ \t])"
    r"|\n[ \t]*\n(?=[ \t]*[A-ZĐ*#])"
)
# a blank line before a capital: read on the text (the view is lower case)
_PARAGRAPH = regex.compile(r"\n[ \t]*\n(?=[ \t]*[A-ZĐ*#])")


def view_sentence_ends(view: str, text: str) -> list[int]:
    """Sorted offsets where a sentence ends, from ``view`` (a folded lower-case
    view as long as ``text``) and the paragraph breaks of ``text``."""
    ends = [m.end() for m in _VIEW_SENTENCE.finditer(view)]
    ends += [m.end() for m in _PARAGRAPH.finditer(text)]
    ends.sort()
    return ends
