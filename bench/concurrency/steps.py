"""What one entry request costs the server, step by step, with nobody else on the machine: each
prepared reporter (``prepare.py``) in turn opens each of its periods' entry page, saves a draft,
saves again and sends, each post followed by the redirect's page, as ``locustfile.py`` does but
one request at a time, in this process, through Django's test client (the same URL routing,
middleware, views, queries and templates as gunicorn runs; no network). Per step: requests,
mean elapsed time, mean CPU time of this process, mean CPU time of the PostgreSQL process
serving its connection (when PostgreSQL runs on this machine: read from /proc; "—" otherwise)
and mean SQL queries (as Django counts them: an ``executemany`` is one). Run it on the
database ``run.sh`` prepares, before and after a change, side by side (the machine's speed
drifts: compare runs made one after the other, alternating).

    BENCH_USERS=users.json python -m bench.concurrency.steps [--users N]

The reports it writes are the prepared reporters' own; run ``prepare.py`` again to start afresh.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

STEPS = (("save draft", "save"), ("re-save draft", "save"), ("submit", "submit"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10, help="how many prepared reporters (default 10)")
    args = parser.parse_args()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from agencies.models import User
    from bench.concurrency import values
    from bench.concurrency.cpu import process_seconds

    def database_process() -> int | None:
        """The pid of the PostgreSQL process serving this connection, if it runs here."""
        raw = connection.connection
        if connection.vendor != "postgresql" or raw is None:
            return None
        pid = raw.info.backend_pid
        return pid if Path(f"/proc/{pid}/stat").exists() else None

    def database_seconds(pid: int | None) -> float | None:
        try:
            return process_seconds(pid, with_children=False) if pid else None
        except OSError:  # the connection was closed meanwhile
            return None

    prepared = json.loads(Path(os.environ["BENCH_USERS"]).read_text(encoding="utf-8"))["users"]
    totals: dict[str, list[float]] = {}

    def timed(step: str, request, *args):
        backend = database_process()
        database = database_seconds(backend)
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = request(*args)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        after = database_seconds(backend) if database_process() == backend else None
        total = totals.setdefault(step, [0, 0.0, 0.0, 0, 0.0, 0])
        total[0] += 1
        total[1] += elapsed
        total[2] += cpu
        total[3] += len(queries)
        if database is not None and after is not None:  # the same connection before and after
            total[4] += after - database
            total[5] += 1
        return response

    for account in prepared[: args.users]:
        client = Client()
        client.force_login(User.objects.get(username=account["username"]))  # no password hash
        for period_id in account["periods"]:
            url = f"/ke-hoach/ky/{period_id}/co-quan/{account['agency_id']}/"
            page = timed("entry page", client.get, url)
            for save_no, (step, button) in enumerate(STEPS, start=1):
                fields = values.entry_fields(page.content.decode(), account, period_id, save_no, button)[0]
                data = values.form_data(fields)
                posted = timed(step, client.post, url, data)
                if posted.status_code != 302:
                    raise SystemExit(f"{step} of {account['username']}: HTTP {posted.status_code}")
                page = timed("entry page", client.get, url)
    print("| step | requests | elapsed | CPU (this process) | CPU (PostgreSQL) | SQL queries |")
    print("|---|---|---|---|---|---|")
    every = [0, 0.0, 0.0, 0, 0.0, 0]
    for step, total in totals.items():
        every = [a + b for a, b in zip(every, total, strict=True)]
        print(_row(step, *total))
    print(_row("**all**", *every))


def _row(step: str, count: int, elapsed: float, cpu: float, queries: int, database: float, seen: int) -> str:
    """``database``: PostgreSQL's CPU over the ``seen`` requests made on one connection (the
    kernel counts a process's CPU in ticks of 10 ms: a mean over many requests)."""
    database_cell = f"{database / seen * 1000:.1f} ms" if seen else "—"
    return (
        f"| {step} | {count} | {elapsed / count * 1000:.1f} ms | {cpu / count * 1000:.1f} ms | "
        f"{database_cell} | {queries / count:.1f} |"
    )


if __name__ == "__main__":
    main()
