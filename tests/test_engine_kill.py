"""Killing the pool's workers never leaves the run unable to exit.

A worker killed while it sends a result leaves part of a message in the
result pipe.  The pool's manager thread then waits for the rest of it, and
the interpreter's exit joins that thread: before the fix a run stopped by
SIGTERM (``LocalEngine.terminate``) or a pool restarted after a timeout
(``LocalEngine.restart``) could hang for ever at exit.  The test's
task writes the start of a result message into the pool's result pipe and
waits, as a worker killed part-way through its send leaves it (so the moment
does not depend on the machine's speed); the engine then kills the workers
and the test checks that the process exits.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

TASK = '''
import os, struct, sys, time

def half_sent_result():
    """Write the start of a 100 MB result message into the pool's result pipe,
    as a worker killed part-way through its send leaves it, then wait to be killed."""
    frame = sys._getframe()
    while "result_queue" not in frame.f_locals:   # concurrent.futures' _process_worker
        frame = frame.f_back
    writer = frame.f_locals["result_queue"]._writer
    os.write(writer.fileno(), struct.pack("!i", 100 << 20) + b"part of a pickle")
    time.sleep(600)
'''

MAIN = '''
import os, sys, time
sys.path.insert(0, {folder!r})
import task
from baocao.pipeline.runner.engines import LocalEngine

def waiting():
    """The manager thread is reading the half-sent message."""
    return any("_recv" in str(frame) for frame in sys._current_frames().values())

if __name__ == "__main__":
    e = LocalEngine(workers=1)
    e.submit(task.half_sent_result)
    deadline = time.monotonic() + 60
    while not waiting():
        if time.monotonic() > deadline:
            sys.exit("the manager never read the half-sent result")
        time.sleep(0.05)
    e.{how}()
    if {how!r} == "restart":
        e.terminate()
    print("done", flush=True)
'''


@pytest.mark.slow
@pytest.mark.parametrize("how", ["terminate", "restart"])
def test_a_worker_killed_while_sending_its_result_does_not_hang_the_exit(tmp_path, how):
    (tmp_path / "task.py").write_text(TASK)
    script = tmp_path / "main.py"
    script.write_text(textwrap.dedent(MAIN.format(folder=str(tmp_path), how=how)))
    try:
        r = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the process did not exit after {how}: {exc.stdout!r} {exc.stderr!r}")
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "done"
