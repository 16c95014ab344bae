"""The fingerprint of the code and data that make a document's result.

A cached result is reused only when it was made by the same code and data:
the cache folder is named by a hash of

* every ``.py`` file of the packages that turn bytes into rows
  (``baocao``, ``baocao.normalizers``, ``baocao.extractors`` and
  ``baocao.pipeline`` minus its ``surfaces``, which only read tables),
* every data table under their ``data/`` folders (``*.tsv``),
* the versions of the libraries that read files (pypdfium2, pdfplumber,
  python-docx, Pillow, regex, unidecode; vietnamadminunits, whose lists
  resolve the administrative unit), of the tesseract program with
  its Vietnamese model (the model file's size and mtime) and of catdoc
  (which reads ``.doc`` files),

so editing ``extractors/data/laws.tsv`` (or any extractor) re-processes the
archive on the next run, and nothing else does.  Computed once per process
(about 2 ms for the ~70 files).
"""
from __future__ import annotations

import functools
import hashlib
from pathlib import Path

import baocao

_SKIP = ("surfaces",)


def _package_roots() -> list[Path]:
    import baocao.extractors
    import baocao.normalizers
    import baocao.pipeline

    roots = [Path(baocao.__file__).parent]
    for mod in (baocao.normalizers, baocao.extractors, baocao.pipeline):
        roots.append(Path(mod.__file__).parent)
    return roots


def _files() -> list[tuple[str, Path]]:
    out = []
    for root in _package_roots():
        for p in sorted(root.rglob("*")):
            rel = p.relative_to(root)
            if any(part in _SKIP or part == "__pycache__" for part in rel.parts):
                continue
            if p.suffix in (".py", ".tsv") and p.is_file():
                out.append((f"{root.name}/{rel.as_posix()}", p))
    return out


def _library_versions() -> list[str]:
    from importlib import metadata

    out = []
    for dist in ("pypdfium2", "pdfplumber", "python-docx", "pillow", "regex", "unidecode",
                 "vietnamadminunits"):
        try:
            out.append(f"{dist}={metadata.version(dist)}")
        except metadata.PackageNotFoundError:
            out.append(f"{dist}=none")
    from baocao.pipeline.stages import tesseract

    out.append(f"tesseract={tesseract.version_signature()}")
    from baocao.pipeline.stages import catdoc

    out.append(f"catdoc={catdoc.version_signature()}")
    return out


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """16 hex characters naming the code, data and readers of this install."""
    h = hashlib.sha256()
    for name, path in _files():
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for v in _library_versions():
        h.update(v.encode() + b"\0")
    return h.hexdigest()[:16]
