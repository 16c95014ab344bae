"""Execution engines: where tasks run.  Same tasks, same results.

- ``LocalEngine``: a process pool on this machine (default).
- ``DaskEngine``: a ``dask.distributed`` cluster (``--engine dask --scheduler
  tcp://host:8786``); workers must see the archive at the same path.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent import futures as cf


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


class LocalEngine:
    name = "local"

    def __init__(self, workers: int | None = None):
        self.workers = workers or default_workers()
        self._new_pool()

    def _new_pool(self):
        ctx = multiprocessing.get_context("forkserver")
        try:
            ctx.set_forkserver_preload(["baocao.pipeline.runner.tasks", "baocao.pipeline.stages.process",
                                       "baocao.pipeline.stages.ingest.pdf"])
        except Exception:  # pragma: no cover
            pass
        self.pool = cf.ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx, max_tasks_per_child=500)

    def submit(self, fn, *args):
        return self.pool.submit(fn, *args)

    def wait_any(self, fs, timeout: float | None):
        done, _ = cf.wait(fs, timeout=timeout, return_when=cf.FIRST_COMPLETED)
        return done

    @staticmethod
    def outcome(fut):
        """(value, crash message or None) of a finished future."""
        try:
            return fut.result(), None
        except cf.process.BrokenProcessPool:
            return None, "worker crashed (killed, segfault or out of memory)"
        except Exception as exc:  # pragma: no cover - tasks catch their own errors
            return None, f"{type(exc).__name__}: {exc}"

    @staticmethod
    def running(fut) -> bool:
        return fut.running()

    def is_broken(self) -> bool:
        return bool(getattr(self.pool, "_broken", False))

    def restart(self):
        """Kill every worker (a hung or crashed one included) and start afresh."""
        procs = list(getattr(self.pool, "_processes", {}).values())
        for p in procs:
            try:
                p.kill()
            except Exception:
                pass
        self.pool.shutdown(wait=False, cancel_futures=True)
        self._new_pool()

    def close(self):
        self.pool.shutdown(wait=True, cancel_futures=True)

    def terminate(self):
        """Stop now (Ctrl-C): kill the workers rather than wait for a long OCR page."""
        for p in list(getattr(self.pool, "_processes", {}).values()):
            try:
                p.kill()
            except Exception:
                pass
        self.pool.shutdown(wait=False, cancel_futures=True)


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

    @staticmethod
    def running(fut) -> bool:
        # Dask does not tell queued from running; its own worker management
        # handles lost workers, and OCR carries tesseract's own timeout.
        return False

    def is_broken(self) -> bool:
        return False

    def restart(self):  # pragma: no cover - dask retries lost workers itself
        pass

    def close(self):
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    terminate = close
