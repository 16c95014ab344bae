"""Walk an archive folder and list its documents in a stable order."""
from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

FILE_TYPES = {
    ".txt": "txt", ".md": "txt", ".text": "txt",
    ".pdf": "pdf",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
    ".docx": "docx",
    ".doc": "doc",
}


@dataclass(frozen=True)
class SourceFile:
    path: Path          # path on disk
    rel: str            # path relative to the archive, '/'-separated, printable
    file_type: str      # txt | pdf | image | docx | doc | unsupported.<ext> | special
    problem: str | None = None  # set when the entry cannot even be read (loop, dangling link)
    sig: tuple | None = None    # (size, mtime_ns, inode, device) when discovered: a change is detected later

    @property
    def size(self) -> int | None:
        return self.sig[0] if self.sig else None


def file_type_of(name: str) -> str:
    ext = os.path.splitext(name)[1].lower()
    return FILE_TYPES.get(ext, f"unsupported{ext or ''}")


def printable(name: str) -> str:
    """A file name as valid UTF-8 text: undecodable bytes become ``\\xNN``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def discover(archive: Path, exclude: tuple[Path, ...] = ()) -> list[SourceFile]:
    """Every regular file below ``archive`` (symlinks followed inside it, loops cut).

    Only regular files inside the archive are documents: a symbolic link
    whose target (resolved) lies outside the archive folder, file or folder,
    is an error row ``symbolic link out of the archive`` and is never opened
    or hashed; so is anything that is not a regular file (device, socket,
    pipe) — ``not a regular file``.

    Every file is a document, hidden ones included (``.DS_Store`` becomes an
    ``unsupported file type`` row: nothing is dropped silently).  Hidden
    *folders* (``.git``, ``.cache``) are not walked: they hold tool state, not
    reports; nor are the folders in ``exclude`` (the run's own output folder
    when it lies inside the archive).  The walk is iterative, so folder depth
    is not limited by recursion.
    """
    archive = Path(archive)
    root = os.path.realpath(archive)
    excluded = set()
    for x in exclude:
        try:
            st = Path(x).stat()
            excluded.add((st.st_dev, st.st_ino))
        except OSError:
            pass
    out: list[SourceFile] = []
    seen_dirs: set[tuple[int, int]] = set()
    stack: list[tuple[Path, str]] = [(archive, "")]
    while stack:
        d, prefix = stack.pop()
        try:
            st = d.stat()
        except OSError as exc:
            out.append(SourceFile(d, prefix.rstrip("/") or ".", "folder", f"unreadable folder: {exc.strerror}"))
            continue
        if (st.st_dev, st.st_ino) in seen_dirs or (st.st_dev, st.st_ino) in excluded:
            continue  # a symlink loop, a second link to a folder already walked, our output
        seen_dirs.add((st.st_dev, st.st_ino))
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            out.append(SourceFile(d, prefix.rstrip("/") or ".", "folder", f"unreadable folder: {exc.strerror}"))
            continue
        for e in entries:
            rel = prefix + printable(e.name)
            p = Path(e.path)
            try:
                st_e = os.stat(e.path)  # follows symlinks; raises on loops and dangling links
            except OSError as exc:
                reason = "broken symbolic link" if e.is_symlink() else f"unreadable: {exc.strerror or exc}"
                if getattr(exc, "errno", None) == 40:  # ELOOP
                    reason = "symbolic link loop"
                out.append(SourceFile(p, rel, file_type_of(e.name), reason))
                continue
            if e.is_symlink() and not _inside(os.path.realpath(e.path), root):
                out.append(SourceFile(p, rel, "folder" if stat.S_ISDIR(st_e.st_mode) else file_type_of(e.name),
                                      "symbolic link out of the archive (not followed)"))
                continue
            if stat.S_ISDIR(st_e.st_mode):
                if not e.name.startswith("."):
                    stack.append((p, rel + "/"))
            elif stat.S_ISREG(st_e.st_mode):
                out.append(SourceFile(p, rel, file_type_of(e.name),
                                      sig=(st_e.st_size, st_e.st_mtime_ns, st_e.st_ino, st_e.st_dev)))
            else:
                out.append(SourceFile(p, rel, "special", "not a regular file (device, socket or pipe)"))
    out.sort(key=lambda s: s.rel)
    return out
