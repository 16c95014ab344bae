"""Child processes die with the run, stay within their memory, leave no files.

Rules (Linux; elsewhere the calls are skipped):

* **Death follows the parent.**  The forkserver (started by the main
  process) and every worker (forked by the forkserver) ask the kernel for
  ``SIGKILL`` when their parent dies (``prctl(PR_SET_PDEATHSIG)``), and so
  does every tesseract a worker starts.  Killing the main process, even
  with ``kill -9``, therefore takes down the forkserver, then the workers,
  then their tesseracts; the resource tracker exits when they all have
  closed its pipe.  Nothing is left holding the caller's stdout/stderr, so
  ``baocao run ... | tee`` sees end of file.  The forkserver gets
  ``SIGTERM`` first: it removes the temporary folders of its main process.
* **Temporary files live in a per-run folder** ``<tmp>/baocao-<uid>/<pid>-<n>``
  (``<tmp>`` is ``/dev/shm`` when writable, else the system temp folder):
  page images for tesseract and pytesseract's own files go there
  (``tempfile.tempdir`` is set in each worker).  The run removes it when it
  ends; a run killed before that leaves it to the next run, which removes
  every folder whose process is gone.
* **Memory budget.**  Each worker sets ``RLIMIT_AS`` (address space) to the
  budget; its tesseract inherits it.  An allocation past it fails
  (``MemoryError`` → the document's ``out of memory`` error, or the worker
  dies → ``worker crashed``), the machine does not.
* **Start times.**  A task wrapped by ``run_task`` marks its start with a file
  ``start-<seq>`` in the run folder, so the scheduler times a task from the
  moment a worker really began it, not from when it was queued.
"""
from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import tempfile
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1
GUARD_ENV = "BAOCAO_FORKSERVER_OF"   # pid of the main process, for the forkserver's guard


def set_pdeathsig(sig: int = signal.SIGKILL) -> bool:
    """Ask the kernel to send ``sig`` to this process when its parent dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):  # pragma: no cover - not Linux
        return False


def tmp_root() -> Path:
    shm = "/dev/shm"
    base = shm if os.path.isdir(shm) and os.access(shm, os.W_OK) else tempfile.gettempdir()
    return Path(base) / f"baocao-{os.getuid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def clean_stale_run_dirs() -> None:
    """Remove the run folders of processes that no longer exist."""
    root = tmp_root()
    try:
        entries = list(root.iterdir())
    except OSError:
        return
    for p in entries:
        m = re.fullmatch(r"(\d+)-\w+", p.name)
        if m and not _alive(int(m.group(1))):
            shutil.rmtree(p, ignore_errors=True)


def new_run_dir() -> Path:
    root = tmp_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=root))


def remove_run_dirs_of(pid: int) -> None:
    for p in tmp_root().glob(f"{pid}-*"):
        shutil.rmtree(p, ignore_errors=True)


# -- in the forkserver -------------------------------------------------------

def _forkserver_guard() -> None:
    """Imported into the forkserver (a preload module): die with the main process."""
    main = os.environ.get(GUARD_ENV)
    if not main or not main.isdigit() or os.getppid() != int(main):
        return

    def on_parent_death(signum, frame):
        remove_run_dirs_of(int(main))
        os._exit(1)

    signal.signal(signal.SIGTERM, on_parent_death)
    set_pdeathsig(signal.SIGTERM)
    if not _alive(int(main)) or os.getppid() != int(main):  # died before the prctl
        on_parent_death(None, None)


# -- in each worker ----------------------------------------------------------

_RUN_DIR: str | None = None


def worker_init(run_dir: str, memory_bytes: int | None) -> None:
    """Initializer of every worker process (see the module rules)."""
    global _RUN_DIR
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the forkserver's handler
    set_pdeathsig(signal.SIGKILL)
    _RUN_DIR = run_dir
    os.environ["TMPDIR"] = run_dir
    os.environ["BAOCAO_RUN_DIR"] = run_dir
    tempfile.tempdir = run_dir
    if memory_bytes:
        import resource

        try:
            soft, hard = resource.getrlimit(resource.RLIMIT_AS)
            limit = memory_bytes if hard == resource.RLIM_INFINITY else min(memory_bytes, hard)
            resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
        except (ValueError, OSError):  # pragma: no cover
            pass
    try:
        from PIL import Image

        from baocao.pipeline.stages.ingest.image import MAX_PIXELS
        Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    except ImportError:  # pragma: no cover
        pass
    _guard_subprocesses()


def _child_pdeathsig() -> None:  # runs in the forked child, before exec
    set_pdeathsig(signal.SIGKILL)


def _guard_subprocesses() -> None:
    """tesseract (started by pytesseract) dies with its worker."""
    try:
        import pytesseract.pytesseract as pt
    except ImportError:  # pragma: no cover
        return
    if getattr(pt.subprocess_args, "_baocao", False):
        return
    original = pt.subprocess_args

    def subprocess_args(*a, **k):
        kw = original(*a, **k)
        kw["preexec_fn"] = _child_pdeathsig
        return kw

    subprocess_args._baocao = True
    pt.subprocess_args = subprocess_args


def run_task(seq: int, fn, *args):
    """Run ``fn(*args)`` in a worker, marking its real start for the scheduler."""
    marker = os.path.join(_RUN_DIR, f"start-{seq}") if _RUN_DIR else None
    if marker:
        try:
            with open(marker, "wb"):
                pass
        except OSError:
            marker = None
    try:
        return fn(*args)
    finally:
        if marker:
            try:
                os.unlink(marker)
            except OSError:
                pass


def started_at(run_dir: Path, seq: int) -> float | None:
    """Wall-clock time a worker began task ``seq``, or None (not started, or done)."""
    try:
        return os.stat(run_dir / f"start-{seq}").st_mtime
    except OSError:
        return None


def memory_budget(workers: int) -> int:
    """Default address-space budget per worker: 80 % of the machine's memory
    shared by the workers, at least 1 GiB, at most 16 GiB."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        total = 8 << 30
    return int(min(16 << 30, max(1 << 30, 0.8 * total / max(1, workers))))


def parse_size(text: str) -> int:
    """``2G``, ``1500M``, ``800k``, ``1073741824`` → bytes (ValueError otherwise)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kKmMgGtT]?)i?[bB]?\s*", str(text))
    if not m:
        raise ValueError(f"not a size: {text!r} (e.g. 2G, 1500M)")
    n = float(m.group(1)) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}[m.group(2).lower()]
    if n < 1:
        raise ValueError(f"not a size: {text!r}")
    return int(n)


def kill_tree_wait(procs, timeout: float = 5.0) -> None:
    """Kill processes and wait (briefly) until they are gone."""
    for p in procs:
        try:
            p.kill()
        except Exception:  # noqa: BLE001
            pass
    deadline = time.monotonic() + timeout
    for p in procs:
        try:
            p.join(max(0.0, deadline - time.monotonic()))
        except Exception:  # noqa: BLE001
            pass


_forkserver_guard()
