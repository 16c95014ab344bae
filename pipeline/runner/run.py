"""Orchestrate a run: discover → (cache | ingest → OCR pages → finish) → write.

Work is split into tasks (ingest a file, OCR one page, finish a document) so
that a long scan spreads over every worker.  Results are cached by content
hash as they arrive; the tables are assembled from the cache at the end, in
source-path order, so they are identical whatever the worker count or
completion order.
"""
from __future__ import annotations

import collections
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from baocao.pipeline.runner.cache import Cache, atomic_write_bytes, prune_stale, result_key
from baocao.pipeline.runner.quick import (MANIFEST, Options, OutputLock, Summary, _overlap,  # noqa: F401
                                          check_folders, check_options, clean_leftovers, fingerprint_of,
                                          last_archive, published_summary, save_manifest, source_entries, unchanged)
from baocao.pipeline.stages.discover import SourceFile
from baocao.pipeline.errors import ExitCode, RunError, write_failure
from baocao.pipeline.surfaces.terminal import plain
from baocao.pipeline.results import error_result

__all__ = ["Options", "RunError", "Summary", "run"]


@dataclass
class _Doc:
    doc_id: str
    src: SourceFile
    ingested: object = None
    pending: int = 0
    incomplete: list = field(default_factory=list)  # why parts were not read (timeout, crash): review reasons
    lost: set = field(default_factory=set)          # indexes of pages whose OCR was lost

    @property
    def key(self) -> str:
        return result_key(self.doc_id, self.src.file_type)


def _make_engine(opts: Options):
    if opts.engine == "local":
        from baocao.pipeline.runner.engines import LocalEngine
        engine = LocalEngine(opts.workers, opts.max_memory)
        if engine.capped:
            print(f"baocao: {engine.capped}", file=sys.stderr)
        return engine
    if opts.engine == "dask":
        from baocao.pipeline.runner.engines import DaskEngine
        try:
            return DaskEngine(opts.scheduler, opts.workers)
        except ImportError:
            raise RunError(ExitCode.BAD_ARGS, "--engine dask needs dask.distributed: pip install 'baocao[dask]'") from None
        except OSError as exc:
            raise RunError(ExitCode.BAD_ARGS, f"cannot reach the dask scheduler {opts.scheduler}: {exc}") from None
    raise RunError(ExitCode.BAD_ARGS, f"unknown engine {opts.engine!r} (local or dask)")


class _Progress:
    def __init__(self, enabled: bool, total: int):
        self.bar = None
        if enabled and total:
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn,
                                       TimeElapsedColumn, TimeRemainingColumn)
            self.bar = Progress(TextColumn("[bold]baocao"), BarColumn(), MofNCompleteColumn(),
                                TextColumn("docs"), TimeElapsedColumn(), TimeRemainingColumn(),
                                TextColumn("{task.fields[note]}", markup=False), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("run", total=total, note="")

    def advance(self, note: str = ""):
        if self.bar:
            self.bar.update(self.task, advance=1, note=plain(note)[-40:])

    def close(self):
        if self.bar:
            self.bar.stop()


POLL_SECONDS = 0.25  # the scheduler looks at deadlines at least this often: a timeout fires within it


class Scheduler:
    """Feeds tasks to an engine with bounded in-flight work; handles failures.

    ``--timeout S`` is measured from the moment a worker began the task (its
    start mark, not when it was queued) and fires within ``POLL_SECONDS`` of
    S; the hung worker is killed with the pool, which restarts.

    A task that hangs or crashes costs only what it had not done: reading a
    PDF keeps the pages read before the one that hung (the worker's
    checkpoint), a lost OCR page leaves that page unread.  Such a document is
    kept with ``needs_review`` and the reason (``timed out after 300 s at page
    7 of 9: pages 7..9 not read``), is never cached, and is read again by the
    next run.  Only a document of which nothing was read is an error row."""

    def __init__(self, engine, opts: Options, cache: Cache, progress: _Progress):
        self.engine, self.opts, self.cache, self.progress = engine, opts, cache, progress
        self.queue: collections.deque = collections.deque()
        self.inflight: dict = {}            # future -> (kind, doc, page_index, args)
        self.started: dict = {}             # future -> wall time its worker began it
        self.transient: dict[str, str] = {}  # result key -> error not cached
        self.partial: dict[str, str] = {}    # result key -> what was not read (kept for this run, not cached)
        self.crash_counts: dict = {}         # (key, kind, page) -> crashes it was in
        self.late: list[float] = []          # each timeout: seconds past --timeout when it fired
        self.done_docs: set[str] = set()
        self.summaries: dict = {}           # result key -> links.packed_summary of a result cached by this run
        self.isolate = 0                    # after a crash: run one task at a time
        self.ocr_span = [None, None]        # monotonic time first OCR task submitted, last one done
        self.max_inflight = max(2, engine.workers * 2)

    # -- submission ------------------------------------------------------
    def push(self, kind, doc, page_index, fn, *args):
        self.queue.append((kind, doc, page_index, fn, args))

    def _fill(self):
        limit = 1 if self.isolate else self.max_inflight
        while self.queue and len(self.inflight) < limit:
            kind, doc, idx, fn, args = self.queue.popleft()
            if doc.key in self.done_docs:
                continue
            fut = self.engine.submit(fn, *args)
            self.inflight[fut] = (kind, doc, idx, fn, args)
            if kind == "ocr" and self.ocr_span[0] is None:
                self.ocr_span[0] = time.monotonic()

    # -- completion ------------------------------------------------------
    def _finish_doc(self, doc: _Doc, result: dict | None, error: str | None, transient: bool):
        if doc.key in self.done_docs:
            return
        self.done_docs.add(doc.key)
        ingested, doc.ingested = doc.ingested, None  # memory stays flat: drop page texts once done
        if result is None:
            pages = len(ingested.pages) if ingested is not None else 0
            result = error_result(doc.doc_id, doc.src.file_type, error, pages)
            if transient:
                self.transient[doc.key] = error
                self.progress.advance(doc.src.rel)
                return
        if _changed_since_discovery(doc.src):  # these bytes are not the ones hashed: never cache them
            self.transient[doc.key] = "file changed during the run (run again to process it)"
            self.progress.advance(doc.src.rel)
            return
        if doc.incomplete:  # kept for this run's tables, never cached: the next run reads it again
            reasons = "; ".join(doc.incomplete)
            d = result["document"]
            d["needs_review"] = True
            d["review_reason"] = "; ".join(r for r in (reasons, d.get("review_reason")) if r)
            self.partial[doc.key] = reasons
            self.cache.hold(doc.key, result)
            if result.get("text") is not None:
                write_text(self.opts.out, doc.doc_id, result["text"])
            self.progress.advance(doc.src.rel)
            return
        self.cache.put(doc.key, result)
        from baocao.pipeline.runner.links import packed_summary

        self.summaries[doc.key] = packed_summary(result)   # the tables' links pass does not read it back
        if result.get("text") is not None:
            write_text(self.opts.out, doc.doc_id, result["text"])
        self.progress.advance(doc.src.rel)

    def _handle(self, kind, doc: _Doc, idx, value: dict):
        if doc.key in self.done_docs:
            return
        if "error" in value:
            self._finish_doc(doc, None, value["error"], value.get("transient", False))
            return
        if kind == "ingest" and "finished" in value:
            self._finished(doc, value)
        elif kind == "ingest":
            self._ingested(doc, value["ingested"])
        elif kind == "ocr":
            self.ocr_span[1] = time.monotonic()
            page = doc.ingested.pages[idx]
            from baocao.pipeline.stages.choose import take_ocr

            if value.get("blank") and page.needs_ocr == "no text layer":
                # a scanned page with no ink and no text: noted as ingest notes a blank page
                # (a blank page under a text layer falls through: its OCR reading is empty)
                kept = [n for n in (page.note or "").split("; ") if n and n != page.needs_ocr]
                page.note = "; ".join(kept + ["blank page"])
                page.layer_text, page.needs_ocr = None, None
                self._page_done(doc)
                return
            take_ocr(page, value["text"], value["confidence"], value.get("low_words"))
            if value.get("rotation"):
                turned = f"turned {value['rotation']}° before OCR"
                page.note = f"{page.note}; {turned}" if page.note else turned
            if page.source == "ocr":   # (not when the text layer was kept over the OCR reading)
                page.image_repairs = list(value.get("repairs") or [])
            page.needs_ocr = None
            self._page_done(doc)
        elif kind == "finish":
            self._finish_doc(doc, value["result"], None, False)

    def _finished(self, doc: _Doc, value: dict):
        """A document read and finished in one task (:func:`~baocao.pipeline.runner.tasks.task_read`):
        ``_finish_doc`` for a result the worker already encoded for the cache.
        (A first task has nothing incomplete: a lost part goes through ``_lost``.)"""
        if doc.key in self.done_docs:
            return
        self.done_docs.add(doc.key)
        doc.ingested = None
        if _changed_since_discovery(doc.src):  # these bytes are not the ones hashed: never cache them
            self.transient[doc.key] = "file changed during the run (run again to process it)"
            self.progress.advance(doc.src.rel)
            return
        self.cache.put_encoded(doc.key, value["finished"])
        self.summaries[doc.key] = value["links"]
        if value.get("text") is not None:
            write_text(self.opts.out, doc.doc_id, value["text"])
        self.progress.advance(doc.src.rel)

    def _ingested(self, doc: _Doc, ingested):
        doc.ingested = ingested
        need = [p for p in ingested.pages if p.needs_ocr]
        if not need:
            self._push_finish(doc)
            return
        doc.pending = len(need)
        from baocao.pipeline.runner.tasks import task_ocr

        for p in need:
            self.push("ocr", doc, p.number - 1, task_ocr, str(doc.src.path), ingested.file_type,
                      p.number - 1, self.opts.timeout)

    def _page_done(self, doc: _Doc):
        doc.pending -= 1
        if doc.pending == 0:
            self._push_finish(doc)

    def _lost(self, kind, doc: _Doc, idx, records: list, crash: str | None):
        """A task was killed: hung past --timeout (``crash`` None) or crashed its worker.
        Keep what it had done (see the class docstring)."""
        how = "worker crashed" if crash else f"timed out after {self.opts.timeout:g} s"
        from baocao.pipeline.runner.tasks import FINISHING

        if kind == "ingest" and records and records[-1] == FINISHING:  # read whole: the extraction was lost
            kind, records = "finish", []
        if kind == "ingest" and len(records) >= 2 and isinstance(records[0], int):
            from baocao.pipeline.stages.ingest import Ingested

            total, pages = records[0], records[1:]
            k = len(pages) + 1
            doc.incomplete.append(f"{how} at page {k} of {total}: "
                                  + (f"pages {k}..{total} not read" if k < total else f"page {total} not read"))
            self._ingested(doc, Ingested(file_type=doc.src.file_type, pages=pages))
            return
        if kind == "ocr" and doc.ingested is not None:
            page = doc.ingested.pages[idx]
            why = f"OCR {how.replace('worker crashed', 'crashed its worker')}: not read"
            page.needs_ocr = None
            page.note = f"{page.note}; {why}" if page.note else why
            doc.lost.add(idx)
            doc.incomplete.append(f"page {idx + 1}: {why}")
            self._page_done(doc)
            return
        if crash:
            self._finish_doc(doc, None, crash, True)
        else:
            step = {"ingest": "reading", "ocr": "OCR", "finish": "extraction"}[kind]
            self._finish_doc(doc, None, f"timeout after {self.opts.timeout:g} s in {step}", True)

    def _push_finish(self, doc: _Doc):
        from baocao.pipeline.runner.tasks import task_finish

        if doc.lost and len(doc.lost) >= len(doc.ingested.pages):  # nothing was read: an error row
            self._finish_doc(doc, None, "; ".join(doc.incomplete), True)
            return
        self.push("finish", doc, None, task_finish, doc.doc_id, doc.ingested.file_type,
                  doc.ingested.pages, doc.ingested.encoding)

    def _crashed(self, message: str):
        """The pool died: every in-flight task is a suspect; retry them one by one."""
        suspects = list(self.inflight.items())
        self.inflight.clear()
        self.started.clear()
        guilty = []
        for fut, (kind, doc, idx, fn, args) in suspects:
            task = (doc.key, kind, idx)
            self.crash_counts[task] = self.crash_counts.get(task, 0) + 1
            if self.crash_counts[task] >= 2 or len(suspects) == 1:
                guilty.append((kind, doc, idx, self.engine.checkpoint(fut) if kind == "ingest" else []))
            else:
                self.queue.appendleft((kind, doc, idx, fn, args))
        self.engine.restart()
        for kind, doc, idx, records in guilty:  # not cached: retried on the next run
            self._lost(kind, doc, idx, records, message)
        self.isolate = len(suspects)

    def _check_timeouts(self):
        """A task running (per the worker's own start mark) longer than --timeout is hung."""
        now = time.time()
        hung = []
        for fut in list(self.inflight):
            t0 = self.started.get(fut)
            if t0 is None:
                t0 = self.engine.started_at(fut)
                if t0 is not None:
                    self.started[fut] = t0
            if t0 is not None and now - t0 >= self.opts.timeout:
                hung.append(fut)
                self.late.append(now - t0 - self.opts.timeout)
        if not hung:
            return
        lost = []
        for fut in hung:
            kind, doc, idx, _, _ = self.inflight.pop(fut)
            self.started.pop(fut, None)
            lost.append((kind, doc, idx, self.engine.checkpoint(fut) if kind == "ingest" else []))
        # a hung worker cannot be interrupted: restart the pool, resubmit the rest
        others = list(self.inflight.values())
        self.inflight.clear()
        self.started.clear()
        self.engine.restart()
        for item in reversed(others):
            self.queue.appendleft(item)
        for kind, doc, idx, records in lost:
            self._lost(kind, doc, idx, records, None)

    def _wait_time(self) -> float:
        """How long to wait for a result: until the next deadline, at most 0.25 s."""
        now, wait = time.time(), POLL_SECONDS
        for t0 in self.started.values():
            wait = min(wait, max(0.01, t0 + self.opts.timeout - now))
        return wait

    def run(self):
        self._fill()
        while self.inflight or self.queue:
            done = self.engine.wait_any(list(self.inflight), timeout=self._wait_time())
            crash = None
            for fut in done:
                kind, doc, idx, fn, args = self.inflight.get(fut, (None,) * 5)
                if kind is None:
                    continue
                value, crash_msg = self.engine.outcome(fut)
                if crash_msg:
                    crash = crash_msg
                    continue
                del self.inflight[fut]
                self.started.pop(fut, None)
                if self.isolate:
                    self.isolate -= 1
                self._handle(kind, doc, idx, value)
            if crash or self.engine.is_broken():
                self._crashed(crash or "worker crashed")
            self._check_timeouts()
            self._fill()


def _changed_since_discovery(src: SourceFile) -> bool:
    """True when the file's (size, mtime, inode, device) differ from when it was hashed."""
    if src.sig is None:
        return False
    try:
        st = src.path.stat()
    except OSError:
        return True
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_dev) != tuple(src.sig)


def write_text(out: Path, doc_id: str, text: str) -> None:
    atomic_write_bytes(out / "text" / f"{doc_id}.txt", text.encode("utf-8"), durable=False)


def check_data_tables() -> None:
    """Read every data table before anything starts: a malformed one stops the
    run (exit 1) with ``<path>:<line>: <what is wrong>``, never empty rows."""
    from baocao.datatables import DataTableError, check_all

    try:
        check_all()
    except DataTableError as exc:
        raise RunError(ExitCode.FAILED, f"broken data table {exc}") from None


def run(opts: Options) -> Summary:
    """Run the pipeline: the published tables' summary when nothing changed
    (:func:`baocao.pipeline.runner.quick.unchanged`), else :func:`run_full`."""
    t0 = time.monotonic()
    work: list = []
    summary = unchanged(opts, t0, work)
    return summary if summary is not None else run_full(opts, t0, prestart=not work)


def run_full(opts: Options, t0: float | None = None, prestart: bool = True) -> Summary:
    """The full run (:func:`baocao.pipeline.runner.quick.run` tries the
    unchanged re-run first).  Nothing is written before every check passed:
    options, data tables, the archive and output folders
    (:func:`~baocao.pipeline.runner.quick.check_folders`).  Every write failure
    is a ``RunError`` with exit 4.  ``prestart``: start the workers' forkserver
    before the checks (when documents are likely to need processing)."""
    t0 = time.monotonic() if t0 is None else t0
    archive, out = Path(opts.archive), Path(opts.out)
    check_options(opts)
    if opts.engine == "local" and prestart:   # its warm-up runs beside the checks and the hashing below
        from baocao.pipeline.runner.engines import start_forkserver

        start_forkserver()
    check_data_tables()
    check_folders(archive, out)
    with OutputLock(out):
        try:
            return _run_locked(opts, archive, out, t0)
        except OSError as exc:  # a write the helpers did not map themselves
            raise write_failure(out, exc) from None


def _run_locked(opts: Options, archive: Path, out: Path, t0: float) -> Summary:
    clean_leftovers(out)
    prune_stale(out)
    cache = Cache(out, opts.ocr)
    entries = source_entries(archive, out, cache, opts.timeout)

    fingerprint = fingerprint_of(entries, opts.ocr, cache.fingerprint)
    todo: dict[str, _Doc] = {}
    for src, doc_id, problem in entries:
        if doc_id:
            key = result_key(doc_id, src.file_type)
            if key not in todo and not cache.has(key):
                todo[key] = _Doc(doc_id, src)

    if not todo:
        cached = published_summary(out, fingerprint)
        if cached is not None:  # nothing changed since the last published tables
            cached.seconds = time.monotonic() - t0
            cached.reused, cached.processed = cached.documents, 0
            return cached

    show = sys.stderr.isatty() if opts.progress is None else opts.progress
    progress = _Progress(show, len(todo))
    summary = Summary()
    engine = _make_engine(opts) if todo else None
    sched = None
    preload = _preload_publish()   # the writers' imports, while the workers work
    try:
        if engine is not None:
            from baocao.pipeline.runner.tasks import task_ingest, task_read

            sched = Scheduler(engine, opts, cache, progress)
            for doc in todo.values():
                if doc.src.file_type in READ_AND_FINISH:
                    sched.push("ingest", doc, None, task_read, task_ingest, doc.doc_id, str(doc.src.path),
                               doc.src.file_type, opts.ocr)
                else:
                    sched.push("ingest", doc, None, task_ingest, str(doc.src.path), doc.src.file_type, opts.ocr)
            sched.run()
    except BaseException:
        progress.close()
        if engine is not None:
            engine.terminate()
        raise
    else:
        progress.close()
        if engine is not None:
            engine.close()
    finally:
        preload.join()
    transient = sched.transient if sched else {}
    partial = sched.partial if sched else {}

    summary = _assemble(out, entries, cache, transient, set(todo), sched.summaries if sched else None)
    summary.seconds = time.monotonic() - t0
    summary.incomplete = sum(1 for src, doc_id, _ in entries
                             if doc_id and result_key(doc_id, src.file_type) in partial)
    if sched and None not in sched.ocr_span:
        summary.ocr_seconds = sched.ocr_span[1] - sched.ocr_span[0]
    save_manifest(out, archive, fingerprint if not (transient or partial) else None, summary)
    return summary


# file types read and finished in one task (tasks.task_read): their reading is
# quick, so --timeout still bounds each step about as when they were two tasks;
# a PDF's pages can take long to read, and a scan's need OCR tasks in between
READ_AND_FINISH = frozenset({"txt", "docx", "doc"})

TEXT_NAME = re.compile(r"[0-9a-f]{16}\.txt")


def _preload_publish():
    """A thread importing what writing and publishing the tables need (pyarrow,
    and pandas, which ``pyarrow.array`` imports on its first call; DuckDB): 1–2 s
    of CPU that otherwise runs after the last document, while the workers'
    cores are idle; here it runs while they work (a one-document archive
    leaves a core free).  Importing changes nothing; a failure is met again,
    and reported, by the writer itself."""
    import threading

    def load():
        try:
            import pyarrow as pa
            import pyarrow.parquet  # noqa: F401

            pa.array([0])
            import duckdb  # noqa: F401
        except Exception:  # noqa: BLE001 - see the docstring
            pass

    t = threading.Thread(target=load, name="baocao-preload", daemon=True)
    t.start()
    return t


def _assemble(out: Path, entries, cache: Cache, transient: dict, processed: set,
              summaries: dict | None = None) -> Summary:
    """Build every table and the DuckDB file in a new version folder, verify
    them, publish them in one step (:mod:`baocao.pipeline.runner.publish`).
    On any failure the new folder goes and the previous dataset stays."""
    from baocao.pipeline.runner import publish as pub
    from baocao.pipeline.runner.write import TableWriter

    summary = Summary()
    staging = pub.new_version(out)   # not visible to readers until pub.switch
    try:
        writer = TableWriter(staging)
        from baocao.pipeline.runner.links import ArchiveLinks

        # whole archive: own numbers → doc ids (``summaries``: of the results this run made, not read back)
        links = ArchiveLinks.collect(entries, cache, transient, summaries)
        first_path: dict[str, str] = {}
        keep_text: set[str] = set()
        for src, doc_id, problem in sorted(entries, key=lambda e: e[0].rel):
            rows: dict[str, list] = {}
            key = result_key(doc_id, src.file_type) if doc_id else None
            if problem or doc_id is None:
                result = error_result(doc_id, src.file_type, problem or "unreadable")
            elif key in transient:
                result = error_result(doc_id, src.file_type, transient[key])
            else:
                result = cache.get(key)
                if result is None:
                    cache.discard(key)   # unreadable (cut short): the next run redoes it
                    result = error_result(doc_id, src.file_type, "result missing from cache (re-run to retry)")
            doc = dict(result["document"])
            doc["doc_id"] = doc_id
            doc["source_path"] = src.rel
            doc["file_type"] = src.file_type if doc.get("file_type") is None else doc["file_type"]
            doc["size_bytes"] = src.size
            if key and key in first_path:
                doc["duplicate_of"] = first_path[key]
            else:
                if key:
                    first_path[key] = src.rel
                rows = {t: result.get(t) or [] for t in ("citations", "dates", "statistics", "pages")}
                if result.get("text") is not None:
                    keep_text.add(doc_id)
                    if not (out / "text" / f"{doc_id}.txt").exists():
                        write_text(out, doc_id, result["text"])
            doc["n_citations"] = len(result.get("citations") or [])
            doc["n_dates"] = len(result.get("dates") or [])
            doc["n_statistics"] = len(result.get("statistics") or [])
            links.fill(doc, rows)  # citations.cited_doc_id, documents.cited_by, links rows
            writer.add(doc, rows)
            summary.documents += 1
            summary.pages += int(doc.get("pages") or 0)
            summary.ocr_pages += int(doc.get("ocr_pages") or 0)
            summary.errors += int(bool(doc.get("error")))
            if key in processed:
                summary.processed += 1
            else:
                summary.reused += 1
        try:
            writer.close()
        except OSError as exc:
            raise write_failure(staging, exc) from None
        pub.write_duckdb(staging)
        pub.verify(staging, writer.counts)
        previous = pub.switch(out, staging)
    except BaseException:
        pub.discard(staging)
        raise
    pub.prune(out, keep={staging, previous})
    # text files of documents no longer in the archive go with their rows
    # (only names this program writes: <16 hex>.txt regular files)
    for p in (out / "text").iterdir():
        if TEXT_NAME.fullmatch(p.name) and p.stem not in keep_text and not p.is_symlink() and p.is_file():
            try:
                p.unlink()
            except OSError:
                pass
    summary.counts = dict(writer.counts)
    return summary
