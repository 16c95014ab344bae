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
import zlib
from pathlib import Path

from baocao.pipeline.runner.fingerprint import code_fingerprint


HASH_SECONDS = 120.0   # hashing one file may take at most this long (a run uses its --timeout)


def _open_for_hash(path: Path):
    return open(path, "rb")


def sha256_file(path: Path, bufsize: int = 1 << 20, seconds: float | None = None) -> str:
    """SHA-256 of a regular file's bytes, read once.  Raises OSError when the
    file yields more bytes than its size said (a /proc file, a growing file)
    or when reading takes longer than ``seconds`` (default ``HASH_SECONDS``).

    The limit is a timer, not a check between reads: the file is read in a
    helper thread, so a read that blocks (a hung network mount) cannot hold
    the run; the thread is left to finish or die with the process, and stops
    at its next read when it does return."""
    import errno
    import threading

    limit = HASH_SECONDS if seconds is None else seconds
    box: dict = {}
    stop = threading.Event()

    def read():
        try:
            h = hashlib.sha256()
            with _open_for_hash(path) as fh:
                size = os.fstat(fh.fileno()).st_size
                n = 0
                while not stop.is_set():
                    b = fh.read(bufsize)
                    if not b:
                        box["digest"] = h.hexdigest()
                        return
                    n += len(b)
                    if n > size:
                        raise OSError(errno.EIO, "file grew while being read")
                    h.update(b)
        except BaseException as exc:  # noqa: BLE001 - handed to the caller
            box["error"] = exc

    t = threading.Thread(target=read, name="baocao-hash", daemon=True)
    t.start()
    t.join(limit)
    if t.is_alive():
        stop.set()
        raise OSError(errno.ETIMEDOUT, f"hashing took over {limit:g} s (slow or blocking source)")
    if "error" in box:
        raise box["error"]
    return box["digest"]


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
        self.fingerprint = code_fingerprint(Path(out_dir) / ".cache")
        self.root = Path(out_dir) / ".cache" / f"r-{self.fingerprint}"
        self.ocr_mode = ocr_mode
        self.index_path = Path(out_dir) / ".cache" / "stat-index.json"
        try:
            self.index: dict = json.loads(self.index_path.read_text())
        except (OSError, ValueError):
            self.index = {}
        self._index_dirty = False
        self.held: dict = {}   # results kept for this run only (incomplete documents), never written

    # -- hashing with a stat index -------------------------------------
    def doc_id(self, path: Path, seconds: float | None = None) -> str:
        """The file's id (first 16 hex of its SHA-256); ``seconds`` bounds the hashing."""
        st = path.stat()
        key = str(path)
        sig = [st.st_size, st.st_mtime_ns, st.st_ino]
        hit = self.index.get(key)
        if hit and hit[0] == sig:
            return hit[1]
        digest = sha256_file(path, seconds=seconds)[:16]
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

    def hold(self, key: str, result: dict) -> None:
        """Serve ``result`` to this run's tables without caching it (the next run reads the file again)."""
        self.held[key] = result

    def get(self, key: str) -> dict | None:
        if key in self.held:
            return self.held[key]
        try:   # whole bytes, then one decompress and one parse: faster than a streamed gzip file
            return json.loads(gzip.decompress(self._path(key).read_bytes()))
        except (OSError, ValueError, EOFError, zlib.error):   # zlib.error: damaged compressed bytes
            return None

    def put(self, key: str, result: dict) -> None:
        self.put_encoded(key, encode_result(result))

    def put_encoded(self, key: str, data: bytes) -> None:
        """Cache a result already encoded by :func:`encode_result` (a worker
        encodes it: the main process then only writes the bytes)."""
        atomic_write_bytes(self._path(key), data, durable=False)

    def discard(self, key: str) -> None:
        """Forget a cached result that does not read back (the next run redoes it)."""
        try:
            self._path(key).unlink()
        except OSError:
            pass


def encode_result(result: dict) -> bytes:
    """A result's bytes in the cache: sorted-key JSON, gzip level 1 (a tenth
    of level 9's time for JSON, files about a third larger), no timestamp, so
    the same result is the same bytes wherever it was encoded."""
    data = json.dumps(result, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return gzip.compress(data, compresslevel=1, mtime=0)


def result_key(doc_id: str, file_type: str) -> str:
    return f"{doc_id}.{file_type}"


def prune_stale(out_dir: Path) -> None:
    """Remove result folders made by other code or data (they can never be reused)."""
    import shutil

    keep = f"r-{code_fingerprint(Path(out_dir) / '.cache')}"
    for p in (Path(out_dir) / ".cache").glob("*"):
        if p.name != keep and p.is_dir() and (p.name.startswith("r-") or p.name.startswith("v")):
            shutil.rmtree(p, ignore_errors=True)
