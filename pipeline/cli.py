"""Command line: ``baocao run ARCHIVE_DIR [--out DIR] ...`` (see CONTRACT.md)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import ExitCode

DEFAULT_OUT = "data/processed"


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="baocao", description="Vietnamese local-government reports into tables.")
    sub = p.add_subparsers(dest="command", required=True)

    r = sub.add_parser("run", help="process an archive folder into tables")
    r.add_argument("archive", type=Path, help="folder of reports (txt, md, pdf, images, docx)")
    r.add_argument("--out", type=Path, default=Path(DEFAULT_OUT), help=f"output folder (default {DEFAULT_OUT})")
    r.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    r.add_argument("--ocr", choices=("auto", "always", "never"), default="auto",
                   help="auto: OCR pages without a usable text layer (default)")
    r.add_argument("--engine", choices=("local", "dask"), default="local")
    r.add_argument("--scheduler", default=None, help="dask scheduler address, e.g. tcp://10.0.0.5:8786")
    r.add_argument("--timeout", type=float, default=300.0,
                   help="time limit in seconds for any one step of a document (reading, OCR of a page, extraction)")
    g = r.add_mutually_exclusive_group()
    g.add_argument("--progress", dest="progress", action="store_true", default=None, help="always show progress")
    g.add_argument("--no-progress", dest="progress", action="store_false", help="never show progress")
    return p


def cmd_run(a) -> int:
    from .run import Options, RunError, run

    if a.workers is not None and a.workers < 1:
        print("baocao: --workers must be at least 1", file=sys.stderr)
        return ExitCode.BAD_ARGS
    opts = Options(archive=a.archive, out=a.out, workers=a.workers, ocr=a.ocr, engine=a.engine,
                   scheduler=a.scheduler, timeout=a.timeout, progress=a.progress)
    try:
        summary = run(opts)
    except RunError as exc:
        print(f"baocao: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("baocao: interrupted; finished documents are cached, run again to continue", file=sys.stderr)
        return ExitCode.INTERRUPTED
    print(summary.line(a.out))
    return ExitCode.OK


def main(argv: list[str] | None = None) -> int:
    a = _parser().parse_args(argv)
    if a.command == "run":
        return int(cmd_run(a))
    return int(ExitCode.BAD_ARGS)


if __name__ == "__main__":
    raise SystemExit(main())
