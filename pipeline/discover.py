"""Walk an archive folder and list its documents in a stable order."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

FILE_TYPES = {
    ".txt": "txt", ".md": "txt", ".text": "txt",
    ".pdf": "pdf",
    ".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image",
    ".docx": "docx",
}


@dataclass(frozen=True)
class SourceFile:
    path: Path          # absolute path on disk
    rel: str            # path relative to the archive, '/'-separated
    file_type: str      # txt | pdf | image | docx | unknown:<ext>
    problem: str | None = None  # set when the entry cannot even be read (loop, dangling link)


def file_type_of(name: str) -> str:
    ext = os.path.splitext(name)[1].lower()
    return FILE_TYPES.get(ext, f"unsupported{ext or ''}")


def discover(archive: Path) -> list[SourceFile]:
    """Every regular file below ``archive`` (symlinks followed once, loops reported).

    Hidden files and folders (names starting with '.') are skipped: they are
    editor/OS artefacts (.DS_Store, .git), not documents.
    """
    archive = Path(archive)
    out: list[SourceFile] = []
    seen_dirs: set[tuple[int, int]] = set()

    def walk(d: Path, rel_prefix: str) -> None:
        try:
            st = d.stat()
        except OSError:
            return
        key = (st.st_dev, st.st_ino)
        if key in seen_dirs:
            return
        seen_dirs.add(key)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            out.append(SourceFile(d, rel_prefix.rstrip("/") or ".", "folder", f"unreadable folder: {exc.strerror}"))
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            rel = rel_prefix + e.name
            p = Path(e.path)
            try:
                if e.is_dir(follow_symlinks=True):
                    walk(p, rel + "/")
                    continue
                if e.is_file(follow_symlinks=True):
                    out.append(SourceFile(p, rel, file_type_of(e.name)))
                    continue
            except OSError as exc:  # symlink loop, permission
                out.append(SourceFile(p, rel, file_type_of(e.name), f"unreadable: {exc.strerror or exc}"))
                continue
            if e.is_symlink():
                out.append(SourceFile(p, rel, file_type_of(e.name), "broken symbolic link"))
            else:
                out.append(SourceFile(p, rel, "special", "not a regular file"))

    walk(archive, "")
    out.sort(key=lambda s: s.rel)
    return out
