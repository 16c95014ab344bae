"""Exit codes of the CLI and the exceptions that become `error` rows."""
from __future__ import annotations

import enum


class ExitCode(enum.IntEnum):
    OK = 0                 # the run finished (documents may still have errors)
    BAD_ARGS = 2           # usage error
    NO_INPUT = 3           # archive folder missing / not a folder
    OUTPUT_NOT_WRITABLE = 4
    LOCKED = 5             # another run holds the output folder
    INTERRUPTED = 130


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
