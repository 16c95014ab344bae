"""A run's options, its summary, the manifest of what the published tables were
made from, and the unchanged re-run that stops at it.

An unchanged re-run is the most frequent run of an archive (a cron job, a
second look) and should cost what Python's start-up costs.  This module is
what it imports: the standard library, the discovery walk, the stat index and
the code fingerprint — none of the extractors, pyarrow, DuckDB or the
scheduler (:mod:`baocao.pipeline.runner.run`, imported only when there is
work).  ``run.run`` (and the CLI) try :func:`unchanged` first; when any
input, the code, a data table or a published file differs they hand over to
the full run (``run.run_full``).

The data tables are not re-read on an unchanged re-run: the manifest's
fingerprint covers every ``*.tsv`` and ``*.py`` byte of the packages
(:mod:`~baocao.pipeline.runner.fingerprint`), and the run that wrote it had
checked them (a broken table stops a run before it starts).
"""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from baocao.pipeline.errors import ExitCode, RunError, write_failure

MANIFEST = Path(".cache") / "manifest.json"


@dataclass
class Options:
    archive: Path
    out: Path
    workers: int | None = None
    ocr: str = "auto"
    engine: str = "local"
    scheduler: str | None = None
    timeout: float = 300.0      # seconds for any one task (read a file, OCR a page, extract)
    max_memory: int | None = None  # bytes of address space per worker (None: from the machine)
    progress: bool | None = None  # None: only on a terminal


@dataclass
class Summary:
    documents: int = 0
    pages: int = 0
    ocr_pages: int = 0
    errors: int = 0
    reused: int = 0
    processed: int = 0
    seconds: float = 0.0
    ocr_seconds: float = 0.0    # wall time of the OCR stage (first page started → last page done)
    incomplete: int = 0         # documents kept with pages not read (a late page timed out or crashed)
    counts: dict = field(default_factory=dict)

    def line(self, out: Path) -> str:
        ocr = f" (OCR {self.ocr_seconds:.1f} s)" if self.ocr_seconds else ""
        part = f" ({self.incomplete} incomplete: pages not read)" if self.incomplete else ""
        return (f"baocao: {self.documents} documents ({self.processed} processed, {self.reused} reused), "
                f"{self.pages} pages, {self.ocr_pages} OCR'd, {self.errors} errors{part}, "
                f"{self.seconds:.1f} s{ocr} → {out}")


class OutputLock:
    """An exclusive lock on the output folder (refuses concurrent runs)."""

    def __init__(self, out: Path):
        self.path = out / ".baocao.lock"
        self.fh = None

    def __enter__(self):
        try:
            self.fh = open(self.path, "a+")
        except OSError as exc:
            raise write_failure(self.path, exc) from None
        try:
            fcntl.flock(self.fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.fh.close()
            raise RunError(ExitCode.LOCKED, f"another baocao run is using {self.path.parent} (lock {self.path})") from None
        try:
            self.fh.seek(0)
            self.fh.truncate()
            self.fh.write(f"{os.getpid()}\n")
            self.fh.flush()
        except OSError as exc:
            self.fh.close()
            raise write_failure(self.path, exc) from None
        return self

    def __exit__(self, *exc):
        try:
            fcntl.flock(self.fh, fcntl.LOCK_UN)
        finally:
            self.fh.close()


def check_options(opts: Options) -> None:
    """Refuse bad options before anything is touched (RunError with the exit code)."""
    import math

    if opts.ocr not in ("auto", "always", "never"):
        raise RunError(ExitCode.BAD_ARGS, f"--ocr must be auto, always or never (got {opts.ocr!r})")
    t = opts.timeout
    if isinstance(t, bool) or not isinstance(t, (int, float)) or not math.isfinite(t) or t <= 0:
        raise RunError(ExitCode.BAD_ARGS, f"--timeout must be a positive number of seconds (got {t!r})")
    if opts.workers is not None and (isinstance(opts.workers, bool) or not isinstance(opts.workers, int)
                                     or opts.workers < 1):
        raise RunError(ExitCode.BAD_ARGS, f"--workers must be at least 1 (got {opts.workers!r})")
    if opts.max_memory is not None and (not isinstance(opts.max_memory, int) or opts.max_memory < 512 << 20):
        raise RunError(ExitCode.BAD_ARGS, f"--max-memory must be at least 512M (got {opts.max_memory!r})")


def _overlap(a: Path, b: Path) -> bool:
    """True when the two folders (symlinks resolved) are the same or one lies inside the other."""
    a, b = a.resolve(), b.resolve()
    return a == b or a.is_relative_to(b) or b.is_relative_to(a)


def check_folders(archive: Path, out: Path) -> None:
    """Nothing is written before every check passed: the archive folder, no
    overlap between archive and output (either inside the other), an output
    folder whose published names are ours and that can be written."""
    from baocao.pipeline.runner.publish import foreign_outputs

    if not archive.is_dir():
        raise RunError(ExitCode.NO_INPUT, f"no such folder: {archive}")
    if _overlap(archive, out):
        raise RunError(ExitCode.BAD_ARGS, f"the output folder {out} and the archive {archive} overlap "
                       "(one is, or lies inside, the other): choose an output folder outside the archive")
    if out.is_dir():
        foreign = foreign_outputs(out)
        if foreign:
            raise RunError(ExitCode.BAD_ARGS, f"{out} holds {', '.join(foreign)} that no baocao run made: "
                           "refusing to replace them (choose another output folder)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "text").mkdir(exist_ok=True)
        probe = out / f".write-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise RunError(ExitCode.OUTPUT_NOT_WRITABLE, f"output folder not writable: {out} ({exc.strerror})") from None


def clean_leftovers(out: Path) -> None:
    """Remove what a killed run left behind (we hold the lock: nobody else is writing).
    Only names this program makes: ``.staging-*`` folders (older layout), unfinished
    ``.versions/<n>``, ``.tmp-*`` files in the output folder and ``text/``."""
    from baocao.pipeline.runner.publish import clean_unfinished

    for p in out.glob(".staging-*"):
        shutil.rmtree(p, ignore_errors=True)
    clean_unfinished(out)
    for p in list(out.glob(".tmp-*")) + list((out / "text").glob(".tmp-*")):
        try:
            if p.is_file() or p.is_symlink():
                p.unlink()
        except OSError:
            pass


def source_entries(archive: Path, out: Path, cache, timeout: float) -> list:
    """(source file, doc id or None, problem or None) for every file of the archive;
    doc ids from the stat index (hashing only new or changed files)."""
    from baocao.pipeline.stages.discover import discover

    entries = []
    for src in discover(archive, exclude=(out,)):
        if src.problem:
            entries.append((src, None, src.problem))
            continue
        try:
            entries.append((src, cache.doc_id(src.path, timeout), None))
        except OSError as exc:
            entries.append((src, None, f"unreadable: {exc.strerror or exc}"))
    cache.save_index()
    return entries


# -- the manifest: what the published tables were made from --------------------

def fingerprint_of(entries, ocr: str, cache_fingerprint: str) -> str:
    import hashlib

    h = hashlib.sha256()
    h.update(json.dumps([cache_fingerprint, ocr]).encode())
    for src, doc_id, problem in entries:
        h.update(json.dumps([src.rel, src.file_type, doc_id, problem]).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _file_sigs(out: Path) -> dict | None:
    from baocao.pipeline.runner.publish import current_version, published_names

    cur = current_version(out)
    sigs = {"version": cur.name if cur is not None else None}
    for name in published_names():
        try:
            st = (out / name).stat()
        except OSError:
            return None
        sigs[name] = [st.st_size, st.st_mtime_ns]
    return sigs


def save_manifest(out: Path, archive: Path, fingerprint: str | None, summary: Summary) -> None:
    """What the published tables were made from; ``archive`` lets ``report`` refuse to write into it."""
    from baocao.pipeline.runner.cache import atomic_write_bytes

    data = {"fingerprint": fingerprint, "files": _file_sigs(out), "archive": str(Path(archive).resolve()),
            "summary": {k: getattr(summary, k) for k in ("documents", "pages", "ocr_pages", "errors")}}
    atomic_write_bytes(out / MANIFEST, json.dumps(data, sort_keys=True).encode())


def last_archive(out: Path) -> Path | None:
    """The archive folder of the run that published ``out``'s tables (from its manifest)."""
    try:
        a = json.loads((Path(out) / MANIFEST).read_text()).get("archive")
    except (OSError, ValueError, AttributeError):
        return None
    return Path(a) if a else None


def published_summary(out: Path, fingerprint: str) -> Summary | None:
    """The last run's summary when its tables were built from exactly these inputs."""
    try:
        data = json.loads((out / MANIFEST).read_text())
    except (OSError, ValueError):
        return None
    if data.get("fingerprint") != fingerprint or data.get("files") != _file_sigs(out):
        return None
    return Summary(**data["summary"])


# -- the unchanged re-run ----------------------------------------------------------

def unchanged(opts: Options, t0: float | None = None, work: list | None = None) -> Summary | None:
    """The published tables' summary when nothing changed since they were made
    (every input file's bytes, the code, the data tables, the readers' versions,
    ``--ocr``, the published files); None when there is work to do.  Raises the
    same ``RunError`` as the full run for bad options or folders.  ``work``
    (a list) gets False appended when every document's result is cached
    (only the tables are to be rebuilt: no worker will be needed)."""
    from baocao.pipeline.runner.cache import Cache, prune_stale, result_key

    t0 = time.monotonic() if t0 is None else t0
    archive, out = Path(opts.archive), Path(opts.out)
    check_options(opts)
    if not (out / MANIFEST).is_file():
        return None   # never published here: a first run (checks and all) follows
    check_folders(archive, out)
    with OutputLock(out):
        try:
            clean_leftovers(out)
            prune_stale(out)
            cache = Cache(out, opts.ocr)
            entries = source_entries(archive, out, cache, opts.timeout)
        except OSError as exc:
            raise write_failure(out, exc) from None
        for src, doc_id, _ in entries:
            if doc_id and not cache.has(result_key(doc_id, src.file_type)):
                return None
        if work is not None:
            work.append(False)
        summary = published_summary(out, fingerprint_of(entries, opts.ocr, cache.fingerprint))
    if summary is not None:
        summary.seconds = time.monotonic() - t0
        summary.reused, summary.processed = summary.documents, 0
    return summary
