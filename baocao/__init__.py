"""baocao: Vietnamese government documents into tables people can trust.

The library in three calls::

    import baocao
    r = baocao.extract(open("report.txt", encoding="utf-8").read())
    r.header["doc_number"], [c["key"] for c in r.citations]

    summary = baocao.run("archive/", "out/")      # what ``baocao run`` does
    tables = baocao.load("out/")                  # typed pandas DataFrames

* :func:`extract` — one text → its header and its citation, date and
  statistics rows (normalised, with spans, pages and confidences), exactly
  the rows ``baocao run`` writes for a text file with those bytes.
* :func:`run` — process an archive folder into the tables of CONTRACT.md.
* :func:`load` — a run's tables as pandas DataFrames.

Layout: ``baocao.normalizers`` (text repair and the folded matching view),
``baocao.extractors`` (pure functions: normalised text → typed records),
``baocao.pipeline`` (``runner`` runs the work, ``stages`` are the steps of
one document, ``surfaces`` are the CLI, queries, report, loaders, spaCy).
"""
from __future__ import annotations

import os as _os

__version__ = "0.2.0"

# Installed (wheel or editable), setuptools maps pipeline/, extractors/ and
# normalizers/ to baocao.pipeline, baocao.extractors, baocao.normalizers.
# Run from a checkout that was not installed (or from a git worktree of one),
# those folders sit beside this one: look for the sub-packages there too.
_here = _os.path.dirname(_os.path.abspath(__file__))
_root = _os.path.dirname(_here)
if (not _os.path.isdir(_os.path.join(_here, "pipeline"))
        and _os.path.isfile(_os.path.join(_root, "pipeline", "__init__.py"))
        and _os.path.isfile(_os.path.join(_root, "pyproject.toml"))):
    __path__.append(_root)  # type: ignore[name-defined]  # noqa: F821

from baocao.api import DocumentResult, extract, load, run  # noqa: E402

__all__ = ["DocumentResult", "extract", "load", "run", "__version__"]
