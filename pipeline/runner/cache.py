"""Content-addressed cache of per-document results, inside the output folder.

``OUT/.cache/r-<fingerprint>/<ab>/<doc_id>.<type>.<ocr>.json.gz`` holds one
document's full result (text, rows).  ``<fingerprint>`` names the code and
data that made it (:mod:`baocao.pipeline.runner.fingerprint`): after an edit
to an extractor or a data table, no old result is reused.  A file whose bytes did not change is
never re-processed; a stat index (size, mtime) avoids even re-hashing it.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import tempfile
from pathlib import Path

from baocao.pipeline.runner.fingerprint import code_fingerprint


HASH_SECONDS = 120.0   # hashing one file may take at most this long


def sha256_file(path: Path, bufsize: int = 1 << 20, seconds: float = HASH_SECONDS) -> str:
    """SHA-256 of a regular file's bytes, read once.  Raises OSError when the
    file yields more bytes than its size said (a /proc file, a growing file)
    or when reading takes longer than ``seconds``."""
    import errno
    import time

    h = hashlib.sha256()
    deadline = time.monotonic() + seconds
    with open(path, "rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        n = 0
        while True:
            b = fh.read(bufsize)
            if not b:
                break
            n += len(b)
            if n > size:
                raise OSError(errno.EIO, "file grew while being read")
            if time.monotonic() > deadline:
                raise OSError(errno.ETIMEDOUT, f"hashing took over {seconds:g} s")
            h.update(b)
    return h.hexdigest()


def atomic_write_bytes(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write whole or not at all; any OSError (ENOSPC, EPERM) is a RunError with exit 4.

    ``durable=False`` skips the fsync: for the per-document cache and text
    files, written by the thousand.  They are still published by rename (a
    reader never sees half a file); what a power cut could leave is a cached
    result that does not read back, and such a result is deleted and redone
    (:meth:`Cache.discard`).  The tables, the manifest and the stat index are
    written durably, and the dataset's publish step syncs its folder."""
    from baocao.pipeline.errors import write_failure

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    except OSError as exc:
        raise write_failure(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, OSError):
            raise write_failure(path, exc) from None
        raise


class Cache:
    def __init__(self, out_dir: Path, ocr_mode: str):
        self.fingerprint = code_fingerprint()
        self.root = Path(out_dir) / ".cache" / f"r-{self.fingerprint}"
        self.ocr_mode = ocr_mode
        self.index_path = Path(out_dir) / ".cache" / "stat-index.json"
        try:
            self.index: dict = json.loads(self.index_path.read_text())
        except (OSError, ValueError):
            self.index = {}
        self._index_dirty = False

    # -- hashing with a stat index -------------------------------------
    def doc_id(self, path: Path) -> str:
        st = path.stat()
        key = str(path)
        sig = [st.st_size, st.st_mtime_ns, st.st_ino]
        hit = self.index.get(key)
        if hit and hit[0] == sig:
            return hit[1]
        digest = sha256_file(path)[:16]
        self.index[key] = [sig, digest]
        self._index_dirty = True
        return digest

    def save_index(self) -> None:
        if self._index_dirty:
            atomic_write_bytes(self.index_path, json.dumps(self.index, sort_keys=True).encode())
            self._index_dirty = False

    # -- results ---------------------------------------------------------
    # A result depends on the bytes *and* on how they are read: the same
    # bytes named .txt and .pdf are two results.  Keys are "<doc_id>.<type>".
    def _path(self, key: str) -> Path:
        return self.root / key[:2] / f"{key}.{self.ocr_mode}.json.gz"

    def has(self, key: str) -> bool:
        return self._path(key).exists()

    def get(self, key: str) -> dict | None:
        try:
            with gzip.open(self._path(key), "rt", encoding="utf-8") as fh:
                return json.load(fh)
        except (OSError, ValueError, EOFError):
            return None

    def put(self, key: str, result: dict) -> None:
        # gzip level 1: a tenth of level 9's time for JSON, files about a third larger
        data = json.dumps(result, ensure_ascii=False, sort_keys=True).encode("utf-8")
        atomic_write_bytes(self._path(key), gzip.compress(data, compresslevel=1, mtime=0), durable=False)

    def discard(self, key: str) -> None:
        """Forget a cached result that does not read back (the next run redoes it)."""
        try:
            self._path(key).unlink()
        except OSError:
            pass


def result_key(doc_id: str, file_type: str) -> str:
    return f"{doc_id}.{file_type}"


def prune_stale(out_dir: Path) -> None:
    """Remove result folders made by other code or data (they can never be reused)."""
    import shutil

    keep = f"r-{code_fingerprint()}"
    for p in (Path(out_dir) / ".cache").glob("*"):
        if p.is_dir() and p.name != keep and (p.name.startswith("r-") or p.name.startswith("v")):
            shutil.rmtree(p, ignore_errors=True)
