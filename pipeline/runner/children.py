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
* **Checkpoints.**  A task may hand over its work as it goes (``checkpoint()``:
  ingest appends each page it has read) to ``pages-<seq>`` in the run folder,
  one length-prefixed pickle per record, written with one ``write``.  When the
  task is killed (timeout, crash) the scheduler reads the records that are
  whole (``read_checkpoint``): the pages read before the one that hung.  A task
  that returns removes its file.
"""
from __future__ import annotations

import ctypes
import os
import pickle
import struct
import re
import shutil
import signal
import tempfile
import time
from pathlib import Path

PR_SET_PDEATHSIG = 1
GUARD_ENV = "BAOCAO_FORKSERVER_OF"   # pid of the main process, for the forkserver's guard
FORKSERVER_ENV = "BAOCAO_FORKSERVER_PID"   # set in the forkserver: the parent its workers must have


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

def _in_forkserver() -> bool:
    """True while multiprocessing's forkserver imports its preload modules.

    The guard variable alone is not enough: it stays in the main process's
    environment, so a ``baocao`` command started by a program that ran a
    pool (a test, a notebook) would inherit it with a matching parent pid and
    take itself for a forkserver (SIGTERM → a silent exit 1)."""
    import sys

    f = sys._getframe(1)
    while f is not None:
        code = f.f_code
        if code.co_name == "main" and code.co_filename.replace("\\", "/").endswith("multiprocessing/forkserver.py"):
            return True
        f = f.f_back
    return False


def _forkserver_guard() -> None:
    """Imported into the forkserver (a preload module): die with the main process."""
    main = os.environ.get(GUARD_ENV)
    if not main or not main.isdigit() or os.getppid() != int(main) or not _in_forkserver():
        return

    def on_parent_death(signum, frame):
        remove_run_dirs_of(int(main))
        os._exit(1)

    signal.signal(signal.SIGTERM, on_parent_death)
    set_pdeathsig(signal.SIGTERM)
    os.environ[FORKSERVER_ENV] = str(os.getpid())  # its workers check they still have it (worker_init)
    if not _alive(int(main)) or os.getppid() != int(main):  # died before the prctl
        on_parent_death(None, None)


# -- in each worker ----------------------------------------------------------

_RUN_DIR: str | None = None


def worker_init(run_dir: str, memory_bytes: int | None) -> None:
    """Initializer of every worker process (see the module rules)."""
    global _RUN_DIR
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the forkserver's handler
    set_pdeathsig(signal.SIGKILL)
    server = os.environ.get(FORKSERVER_ENV)
    if server and server.isdigit() and os.getppid() != int(server):
        # the forkserver died between forking this worker and the prctl above (the
        # run was killed meanwhile): no death signal will come, so go now; otherwise
        # this worker would wait for work forever, holding the caller's output pipe
        os._exit(1)
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
    """tesseract (started by pytesseract) dies with its worker: the patch is
    made when the worker first loads pytesseract
    (:func:`baocao.pipeline.stages.tesseract.when_loaded`), so a worker that
    never OCRs does not load it (0.2-0.6 s of its start)."""
    from baocao.pipeline.stages.tesseract import when_loaded

    when_loaded(_patch_subprocess_args)


def _patch_subprocess_args(pt) -> None:
    if getattr(pt.subprocess_args, "_baocao", False):
        return
    original = pt.subprocess_args

    def subprocess_args(*a, **k):
        kw = original(*a, **k)
        kw["preexec_fn"] = _child_pdeathsig
        return kw

    subprocess_args._baocao = True
    pt.subprocess_args = subprocess_args


_SEQ: int | None = None   # the task this worker is running (for its checkpoint file)
_HEAD = struct.Struct("<Q")


def run_task(seq: int, fn, *args):
    """Run ``fn(*args)`` in a worker, marking its real start for the scheduler."""
    global _SEQ
    marker = os.path.join(_RUN_DIR, f"start-{seq}") if _RUN_DIR else None
    if marker:
        try:
            with open(marker, "wb"):
                pass
        except OSError:
            marker = None
    _SEQ = seq
    try:
        return fn(*args)
    finally:
        _SEQ = None
        for p in ([marker] if marker else []) + ([os.path.join(_RUN_DIR, f"pages-{seq}")] if _RUN_DIR else []):
            try:
                os.unlink(p)
            except OSError:
                pass


class Checkpoint:
    """Records a running task hands over as it goes (see the module rules).
    Outside a worker (``baocao.extract``, tests calling ingest directly) it
    keeps nothing and costs nothing."""

    def __init__(self, path: str | None):
        self.fd = None
        if path:
            try:
                self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            except OSError:
                self.fd = None

    def __call__(self, record) -> None:
        if self.fd is None:
            return
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        try:
            os.write(self.fd, _HEAD.pack(len(data)) + data)
        except OSError:  # a full /dev/shm: no partial result, the task itself goes on
            self.close()

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def checkpoint() -> Checkpoint:
    """The checkpoint of the task this worker is running (a no-op outside ``run_task``)."""
    if _RUN_DIR is None or _SEQ is None:
        return Checkpoint(None)
    return Checkpoint(os.path.join(_RUN_DIR, f"pages-{_SEQ}"))


def clear_task_files(run_dir: Path) -> None:
    """Remove start marks and checkpoints (every worker was killed: none is running)."""
    for pat in ("start-*", "pages-*"):
        for p in Path(run_dir).glob(pat):
            try:
                p.unlink()
            except OSError:
                pass


def read_checkpoint(run_dir: Path, seq: int, remove: bool = True) -> list:
    """The whole records task ``seq`` checkpointed (a record cut by a kill is dropped)."""
    path = Path(run_dir) / f"pages-{seq}"
    try:
        data = path.read_bytes()
    except OSError:
        return []
    if remove:
        try:
            path.unlink()
        except OSError:
            pass
    out, at = [], 0
    while at + _HEAD.size <= len(data):
        (n,) = _HEAD.unpack_from(data, at)
        at += _HEAD.size
        if at + n > len(data):
            break
        try:
            out.append(pickle.loads(data[at:at + n]))
        except Exception:  # noqa: BLE001 - a damaged record ends the list
            break
        at += n
    return out


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
