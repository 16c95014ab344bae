#!/usr/bin/env python3
"""Where a whole text run's CPU goes, and how two checkouts compare on it.

    python bench/run_cpu.py ARCHIVE ROUNDS CHECKOUT[,CHECKOUT...] [OCR_MODE]

Each round runs ``baocao run ARCHIVE --ocr never --workers 2`` (``--ocr OCR_MODE``
when given: ``auto`` for a scanned archive, whose tesseract processes count too) once from each
checkout (alternating, so a shared machine's load swings hit them alike; the
code imported is the checkout's: ``PYTHONPATH=CHECKOUT``) and reports its wall
seconds and the CPU seconds of every process of the run -- the main process,
the forkserver (its warm-up) and the workers -- read from /proc every 20 ms by
session (a process's last 20 ms may be missed).  CPU seconds move much less
with the machine's load than wall seconds do.  Make an archive like
bench/run.py's text part with ``make_text_archive``.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: str):
    try:
        s = open(f"/proc/{pid}/stat").read()
    except OSError:
        return None
    f = s[s.rindex(")") + 2:].split()
    return int(f[3]), (int(f[11]) + int(f[12])) / TICK   # session, utime + stime


def one_run(checkout: str, archive: Path, out: Path, ocr: str = "never") -> tuple[float, float, float]:
    """(wall s, CPU s of all the run's processes, CPU s of its main process)."""
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    p = subprocess.Popen([sys.executable, "-m", "baocao", "run", str(archive), "--out", str(out), "--no-progress",
                          "--ocr", ocr, "--workers", "2"], stdout=subprocess.DEVNULL,
                         env=dict(os.environ, PYTHONPATH=checkout), cwd=checkout, start_new_session=True)
    cpu: dict = {}
    while p.poll() is None:
        for name in os.listdir("/proc"):
            if name.isdigit():
                st = _stat(name)
                if st and st[0] == p.pid:
                    cpu[name] = st[1]
        time.sleep(0.02)
    if p.returncode:
        raise SystemExit(f"{checkout}: baocao run exited {p.returncode}")
    return time.perf_counter() - t0, sum(cpu.values()), cpu.get(str(p.pid), 0.0)


def main() -> None:
    archive, rounds, checkouts = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(",")
    ocr = sys.argv[4] if len(sys.argv) > 4 else "never"
    size = sum(p.stat().st_size for p in archive.rglob("*") if p.is_file())
    out = Path(tempfile.mkdtemp(prefix="run_cpu-"))
    res: dict = {c: [] for c in checkouts}
    try:
        for _ in range(rounds):
            for c in checkouts:
                w, tot, m = one_run(c, archive, out / "o", ocr)
                res[c].append((w, tot, m))
                print(f"{c}: wall {w:.2f} s  cpu {tot:.2f} s (main {m:.2f})  {size / 1e6 / w:.3f} MB/s", flush=True)
    finally:
        shutil.rmtree(out, ignore_errors=True)
    for c, rs in res.items():
        w, tot, m = zip(*rs)
        print(f"{c}: wall min {min(w):.2f} median {statistics.median(w):.2f} | cpu min {min(tot):.2f} "
              f"median {statistics.median(tot):.2f} | main cpu median {statistics.median(m):.2f}")


if __name__ == "__main__":
    main()
