"""Execution engines: where tasks run.  Same tasks, same results.

- ``LocalEngine``: a process pool on this machine (default).
- ``DaskEngine``: a ``dask.distributed`` cluster (``--engine dask --scheduler
  tcp://host:8786``); workers must see the archive at the same path.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
import shutil
import sys
from concurrent import futures as cf

from baocao.pipeline.runner import children

MAX_WORKERS_PER_CORE = 4


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def capped_workers(requested: int | None) -> tuple[int, str | None]:
    """(workers to start, message when the request was capped at 4 × cores)."""
    n = requested or default_workers()
    cap = MAX_WORKERS_PER_CORE * cores()
    if n > cap:
        return cap, f"--workers {n} capped to {cap} ({MAX_WORKERS_PER_CORE} per core)"
    return n, None


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


def _start_helpers_detached() -> None:
    """Start multiprocessing's resource tracker with stdout/stderr on /dev/null.

    The tracker is a helper process that outlives a killed main process by a
    moment; started lazily it would inherit the run's output streams and hold a
    caller's pipe open after the run died (rule: every exit path releases the
    output streams).  Starting it here, with the streams detached, keeps the
    promise; it still reports leaked resources through its own pipe."""
    from multiprocessing import resource_tracker
    if getattr(resource_tracker._resource_tracker, "_pid", None) is not None:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    saved = [os.dup(1), os.dup(2)]
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        os.dup2(null, 2)
        resource_tracker.ensure_running()
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, null):
            os.close(fd)


PRELOAD = ["baocao.pipeline.runner.children", "baocao.pipeline.runner.tasks", "baocao.pipeline.stages.process",
           "baocao.pipeline.stages.ingest.pdf", "baocao.pipeline.runner.warm"]   # compiled patterns, loaded tables


def _forkserver_context():
    _start_helpers_detached()
    ctx = multiprocessing.get_context("forkserver")
    os.environ[children.GUARD_ENV] = str(os.getpid())  # read by the forkserver when it starts
    try:
        ctx.set_forkserver_preload(PRELOAD)
    except Exception:  # pragma: no cover
        pass
    return ctx


def start_forkserver() -> None:
    """Start the forkserver now, without waiting for it: it imports and warms
    its preload (:mod:`~baocao.pipeline.runner.warm`, ~1 s of CPU) while the
    main process checks the data tables and hashes the archive, instead of
    after (the first worker's fork waits for it).  The same server is then
    used by the pool (one per process, as before)."""
    from multiprocessing import forkserver

    _forkserver_context()
    forkserver.ensure_running()


class LocalEngine:
    """A process pool on this machine; see :mod:`baocao.pipeline.runner.children`
    for how its processes die with the run, their memory budget and their
    per-run temporary folder."""
    name = "local"

    def __init__(self, workers: int | None = None, memory_bytes: int | None = None):
        self.workers, self.capped = capped_workers(workers)
        self.memory_bytes = memory_bytes if memory_bytes is not None else children.memory_budget(self.workers)
        children.clean_stale_run_dirs()
        self.run_dir = children.new_run_dir()
        self._seq = itertools.count()
        self._seqs: dict = {}
        self._new_pool()

    def _new_pool(self):
        ctx = _forkserver_context()
        self.pool = cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, max_tasks_per_child=500,
                                           initializer=children.worker_init,
                                           initargs=(str(self.run_dir), self.memory_bytes))

    def submit(self, fn, *args):
        seq = next(self._seq)
        fut = self.pool.submit(children.run_task, seq, fn, *args)
        self._seqs[fut] = seq
        return fut

    def wait_any(self, fs, timeout: float | None):
        done, _ = cf.wait(fs, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return done

    def outcome(self, fut):
        """(value, crash message or None) of a finished future.  A crashed task's
        number is kept until the pool restarts, so its checkpoint can be read."""
        try:
            value = fut.result()
            self._seqs.pop(fut, None)
            return value, None
        except cf.process.BrokenProcessPool:
            return None, "worker crashed (killed, segfault or out of memory)"
        except Exception as exc:  # pragma: no cover - tasks catch their own errors
            self._seqs.pop(fut, None)
            return None, f"{type(exc).__name__}: {exc}"

    def started_at(self, fut) -> float | None:
        """Wall-clock time a worker began this task (None: still queued)."""
        seq = self._seqs.get(fut)
        return None if seq is None else children.started_at(self.run_dir, seq)

    def checkpoint(self, fut) -> list:
        """What a killed or hung task had handed over (``children.checkpoint``)."""
        seq = self._seqs.get(fut)
        return [] if seq is None else children.read_checkpoint(self.run_dir, seq)

    def is_broken(self) -> bool:
        return bool(getattr(self.pool, "_broken", False))

    def _kill_workers(self):
        """Kill the pool's workers and let its manager thread see it.

        A worker killed while it sends a result leaves part of a message in the
        result pipe; the pool's manager thread, reading it, would wait for the
        rest forever (the main process holds the pipe's write end too), and the
        interpreter's exit joins that thread: the run would never end (seen
        after SIGTERM with 100 MB documents).  Closing the main's write end once
        the workers are dead turns the wait into end of file, which the manager
        treats as a broken pool: it fails the pending tasks, closes the call
        queue and exits.  Python's own break-up of a broken pool then frees the
        call queue's feeder thread (it closes the queue's reader)."""
        procs = list((getattr(self.pool, "_processes", None) or {}).values())
        children.kill_tree_wait(procs)
        writer = getattr(getattr(self.pool, "_result_queue", None), "_writer", None)
        if procs and writer is not None:
            try:
                writer.close()
            except OSError:  # pragma: no cover - already closed
                pass

    def restart(self):
        """Kill every worker (a hung or crashed one included) and start afresh."""
        self._kill_workers()
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._seqs.clear()
        children.clear_task_files(self.run_dir)  # marks and checkpoints of the killed tasks
        self._new_pool()

    def _remove_run_dir(self):
        shutil.rmtree(self.run_dir, ignore_errors=True)

    def close(self):
        try:
            self.pool.shutdown(wait=True, cancel_futures=True)
        finally:
            self._remove_run_dir()

    def terminate(self):
        """Stop now (Ctrl-C, SIGTERM, an error): kill the workers rather than wait for a long OCR page."""
        try:
            self._kill_workers()
            self.pool.shutdown(wait=False, cancel_futures=True)
        finally:
            self._remove_run_dir()


class DaskEngine:
    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None):
        from distributed import Client, LocalCluster

        self._cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            self._cluster = LocalCluster(
                n_workers=workers or default_workers(), threads_per_worker=1,
                processes=True, dashboard_address=None,
            )
            self.client = Client(self._cluster)
        self.workers = len(self.client.scheduler_info().get("workers", {})) or 1

    def submit(self, fn, *args):
        return self.client.submit(fn, *args, pure=False)

    def wait_any(self, fs, timeout: float | None):
        from distributed import wait

        try:
            res = wait(list(fs), timeout=timeout, return_when="FIRST_COMPLETED")
        except TimeoutError:
            return set()
        except Exception:
            return {f for f in fs if f.done()}
        return set(res.done)

    @staticmethod
    def outcome(fut):
        try:
            return fut.result(), None
        except Exception as exc:
            return None, f"worker failed: {type(exc).__name__}: {exc}"

    capped = None

    @staticmethod
    def started_at(fut) -> float | None:
        # Dask does not tell queued from running; its own worker management
        # handles lost workers, and OCR carries tesseract's own timeout.
        return None

    @staticmethod
    def checkpoint(fut) -> list:  # a dask worker's files are not ours to read
        return []

    def is_broken(self) -> bool:
        return False

    def restart(self):  # pragma: no cover - dask retries lost workers itself
        pass

    def close(self):
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    terminate = close
