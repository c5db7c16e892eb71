"""CPU seconds used so far by the benchmark's gunicorn workers and PostgreSQL, and by the whole
machine (the machine is shared: what the others use shows here). Two snapshots, one before and
one after the locust run, give each one's share of the run.

Usage: ``python -m bench.concurrency.cpu GUNICORN_PID POSTMASTER_PID >> cpu.jsonl``."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()  # fields from the 3rd on (state, ppid, ...)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue
    return found


def process_seconds(pid: int, *, with_children: bool) -> float:
    """utime + stime of ``pid`` (+ those of its live children and the ones it reaped)."""
    fields = _stat(pid)
    ticks = int(fields[11]) + int(fields[12])
    if with_children:
        ticks += int(fields[13]) + int(fields[14])
        for child in _children(pid):
            try:
                child_fields = _stat(child)
                ticks += int(child_fields[11]) + int(child_fields[12])
            except OSError:
                continue
    return ticks / TICK


def machine_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of every core since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / TICK, sum(fields) / TICK


def main(argv=None):
    gunicorn, postmaster = (int(v) for v in (argv or sys.argv[1:]))
    busy, total = machine_seconds()
    print(
        json.dumps(
            {
                "at": time.time(),
                "gunicorn": process_seconds(gunicorn, with_children=True),
                "postgres": process_seconds(postmaster, with_children=True),
                "machine_busy": busy,
                "machine_total": total,
            }
        )
    )


if __name__ == "__main__":
    main()
