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
(about 2 ms for the ~80 files).

Asking for the readers' versions costs more than hashing the code
(``importlib.metadata`` and one ``tesseract --version`` and ``catdoc -V``
process each: 0.1–0.3 s, most of an unchanged re-run), so they are
remembered in ``OUT/.cache/readers.json`` under a key of what would change
with them: the modification times of the site-packages folders (installing,
upgrading or removing a Python package renames its ``*.dist-info`` folder
there), the programs' paths and stat, the stat of the Debian package
database (``apt-get install``/``upgrade`` rewrites it, so any system
package change asks again) and of the tesseract model files.  A miss asks
the readers again; it never reuses results by itself (the versions are then
hashed as before).
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
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
    """``(package/relative/path, path)`` of every ``.py`` and ``.tsv`` file, in
    the order of their path parts (what ``sorted(root.rglob("*"))`` gives);
    walked with ``os.walk`` pruning ``__pycache__`` and ``surfaces`` (a tenth
    of ``rglob``'s time: this runs on every re-run)."""
    out = []
    for root in _package_roots():
        found = []
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames if d not in _SKIP and d != "__pycache__"]
            rel_dir = os.path.relpath(dirpath, root)
            parts = () if rel_dir == "." else tuple(rel_dir.split(os.sep))
            for name in filenames:
                if name.endswith((".py", ".tsv")) and os.path.isfile(os.path.join(dirpath, name)):
                    found.append((parts + (name,), os.path.join(dirpath, name)))
        for parts, path in sorted(found):
            out.append((f"{root.name}/{'/'.join(parts)}", Path(path)))
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


def _stat_key(path: str | None) -> list | None:
    if not path:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [path, st.st_size, st.st_mtime_ns, st.st_ino]


_TESSDATA = ("/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata")


def readers_key() -> list:
    """What the readers' versions depend on (see the module's docstring): equal keys, equal versions."""
    import shutil
    import site

    tessdata = [os.environ.get("TESSDATA_PREFIX", ""), *_TESSDATA]
    sites = [*site.getsitepackages(), site.getusersitepackages()]
    return [sys.version, sys.prefix, os.environ.get("PATH", ""), tessdata,
            [_stat_key(d) for d in sites + [d for d in sys.path if d.endswith(("-packages", ".zip", ".egg"))]],
            [_stat_key(shutil.which(tool)) for tool in ("tesseract", "catdoc")],
            _stat_key("/var/lib/dpkg/status"),
            [_stat_key(os.path.join(d, "vie.traineddata")) for d in tessdata if d]]


def _readers(memo_dir: Path | None) -> list[str]:
    """The readers' versions, from ``memo_dir/readers.json`` when its key still holds."""
    if memo_dir is None:
        return _library_versions()
    memo = Path(memo_dir) / "readers.json"
    key = readers_key()
    try:
        data = json.loads(memo.read_text())
        if data.get("key") == json.loads(json.dumps(key)):
            return list(data["versions"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    versions = _library_versions()
    tmp = memo.with_name(f".tmp-readers-{os.getpid()}.json")
    try:   # whole or not at all (a reader never sees half a memo)
        memo.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps({"key": key, "versions": versions}))
        os.replace(tmp, memo)
    except OSError:  # a memo that cannot be written is asked again next time
        try:
            tmp.unlink()
        except OSError:
            pass
    return versions


@functools.lru_cache(maxsize=4)
def code_fingerprint(memo_dir: Path | None = None) -> str:
    """16 hex characters naming the code, data and readers of this install
    (``memo_dir``: where the readers' versions are remembered, the output's ``.cache``)."""
    h = hashlib.sha256()
    for name, path in _files():
        h.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    for v in _readers(memo_dir):
        h.update(v.encode() + b"\0")
    return h.hexdigest()[:16]
