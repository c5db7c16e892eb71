"""What one entry request costs the server, step by step, with nobody else on the machine: each
prepared reporter (``prepare.py``) in turn opens each of its periods' entry page, saves a draft,
saves again and sends, each post followed by the redirect's page, as ``locustfile.py`` does but
one request at a time, in this process, through Django's test client (the same URL routing,
middleware, views, queries and templates as gunicorn runs; no network). Per step: requests,
mean elapsed time, mean CPU time of this process (the database's not included) and mean SQL
queries. Run it on the database ``run.sh`` prepares, before and after a change, side by side
(the machine's speed drifts: compare runs made one after the other, alternating).

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

    prepared = json.loads(Path(os.environ["BENCH_USERS"]).read_text(encoding="utf-8"))["users"]
    totals: dict[str, list[float]] = {}

    def timed(step: str, request, *args):
        started, cpu = time.perf_counter(), time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response = request(*args)
        total = totals.setdefault(step, [0, 0.0, 0.0, 0])
        total[0] += 1
        total[1] += time.perf_counter() - started
        total[2] += time.process_time() - cpu
        total[3] += len(queries)
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
    print("| step | requests | elapsed | CPU (this process) | SQL queries |")
    print("|---|---|---|---|---|")
    every = [0, 0.0, 0.0, 0]
    for step, (count, elapsed, cpu, queries) in totals.items():
        every = [every[0] + count, every[1] + elapsed, every[2] + cpu, every[3] + queries]
        print(_row(step, count, elapsed, cpu, queries))
    print(_row("**all**", *every))


def _row(step: str, count: int, elapsed: float, cpu: float, queries: int) -> str:
    return (
        f"| {step} | {count} | {elapsed / count * 1000:.1f} ms | {cpu / count * 1000:.1f} ms | "
        f"{queries / count:.1f} |"
    )


if __name__ == "__main__":
    main()
