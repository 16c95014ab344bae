"""Exit codes of the CLI, run-level failures, and the exceptions that become `error` rows."""
from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    """Every status the ``baocao`` command exits with (README, "Reliability")."""
    OK = 0                   # the command finished (a run's documents may still have errors)
    FAILED = 1               # an unexpected internal error (one-line message; BAOCAO_DEBUG=1 shows the traceback)
    BAD_ARGS = 2             # usage error; archive and output folders overlap; output holds files baocao did not make
    NO_INPUT = 3             # archive folder missing / not a folder; no tables in the output folder
    OUTPUT_NOT_WRITABLE = 4  # any write failure (ENOSPC, EPERM on text/, .cache/, the lock, the tables) or
                             # a new dataset that failed verification: the previous dataset stays published
    LOCKED = 5               # another run holds the output folder
    NOT_FOUND = 6            # `show`: no such document, or an ambiguous doc_id prefix
    INTERRUPTED = 130        # Ctrl-C (SIGINT): finished documents stay cached
    TERMINATED = 143         # SIGTERM: same as an interruption


class RunError(Exception):
    """The run (or a command) cannot proceed; ``code`` is the exit status, the message one line."""

    def __init__(self, code: ExitCode, message: str):
        super().__init__(" ".join(str(message).split()))
        self.code = code


def write_failure(what, exc: OSError) -> RunError:
    """An OSError while writing ``what`` (a path or a description) as exit 4 with one line."""
    reason = exc.strerror or type(exc).__name__
    where = getattr(exc, "filename", None) or what
    return RunError(ExitCode.OUTPUT_NOT_WRITABLE, f"cannot write {where}: {reason}")


class DocumentError(Exception):
    """A document cannot be processed; the message is the one-line `error`."""


class TransientError(DocumentError):
    """An error that may not recur (timeout, crash, file vanished): not cached."""


def one_line(exc: BaseException) -> str:
    """A short, single-line reason for an exception."""
    if isinstance(exc, DocumentError):
        msg = str(exc)
    else:
        text = str(exc).strip()
        msg = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
    msg = " ".join(msg.split())
    return msg[:300]
