"""Reporters entering results at once, as the browser does it: each simulated user logs in as
its own reporter (``prepare.py`` made them), then for each of its periods opens the entry page,
saves a draft, saves again, and submits, every post a multipart form with the CSRF token and
the version read from the page, followed by the redirect's page. Think time between actions:
``BENCH_WAIT_MIN``..``BENCH_WAIT_MAX`` seconds.

Two phases: every user logs in first (``login``), and the entry starts once all are logged in,
so the figures of the entry are not those of 200 password hashes at once; each user then
thinks before opening each period's page too. Each request's time
is kept with its phase (``BENCH_TIMES``, written on quitting); each successful save is written
to the ledger (``BENCH_LEDGER``) for ``verify.py``. The run ends when every user has submitted
every period (``--run-time`` is only a safety bound).

Env: BENCH_USERS (prepare.py's JSON), BENCH_LEDGER, BENCH_TIMES, BENCH_PASSWORD, BENCH_USER_COUNT
(the -u number, default every prepared user)."""

from __future__ import annotations

import json
import os
import re
import time
from pathlib import Path

import gevent
from gevent.event import Event
from locust import HttpUser, between, events, task

from bench.concurrency import values

PREPARED = json.loads(Path(os.environ["BENCH_USERS"]).read_text(encoding="utf-8"))["users"]
PASSWORD = os.environ.get("BENCH_PASSWORD", "bench-nhap-dong-thoi")
EXPECTED = int(os.environ.get("BENCH_USER_COUNT") or len(PREPARED))
WAIT = (float(os.environ.get("BENCH_WAIT_MIN", "5")), float(os.environ.get("BENCH_WAIT_MAX", "15")))
SAVES = (("save draft", "save"), ("re-save draft", "save"), ("submit", "submit"))

CSRF = values.CSRF
STATUS = re.compile(r'class="badge sub-(\w+)"')


class Run:
    """What the users share in the one locust process (gevent: no locks needed)."""

    next_user = 0
    logged_in = 0
    finished = 0
    phase = "login"
    all_logged_in = Event()
    all_finished = Event()
    records: list = []
    ledger = None
    started = {}


@events.request.add_listener
def on_request(request_type, name, response_time, response_length, exception=None, **kwargs):
    Run.records.append(
        (
            Run.phase,
            name,
            round(response_time, 2),
            exception is None,
            str(exception)[:200] if exception else "",
        )
    )


@events.test_start.add_listener
def on_start(environment, **kwargs):
    Run.ledger = open(os.environ["BENCH_LEDGER"], "a", encoding="utf-8")  # noqa: SIM115 (closed on quitting)
    Run.started["login"] = time.time()


@events.quitting.add_listener
def on_quitting(environment, **kwargs):
    Run.started.setdefault("end", time.time())
    with open(os.environ["BENCH_TIMES"], "w", encoding="utf-8") as out:
        json.dump(
            {
                "phases": Run.started,
                "users": EXPECTED,
                "logged_in": Run.logged_in,
                "finished": Run.finished,
                "wait": WAIT,
                "records": Run.records,
            },
            out,
        )
    if Run.ledger:
        Run.ledger.close()


def _arrived(counter: str, event: Event, phase: str | None = None):
    setattr(Run, counter, getattr(Run, counter) + 1)
    if getattr(Run, counter) >= EXPECTED and not event.is_set():
        Run.started[phase or "end"] = time.time()
        if phase:
            Run.phase = phase
        event.set()


class Reporter(HttpUser):
    wait_time = between(*WAIT)

    def on_start(self):
        self.account = PREPARED[Run.next_user % len(PREPARED)]
        Run.next_user += 1
        self.ok = self.login()
        _arrived("logged_in", Run.all_logged_in, phase="entry")
        Run.all_logged_in.wait()

    def login(self) -> bool:
        page = self.client.get("/dang-nhap/", name="login page")
        found = CSRF.search(page.text)
        if not found:
            return False
        with self.client.post(
            "/dang-nhap/",
            name="login",
            allow_redirects=False,
            catch_response=True,
            data={
                "csrfmiddlewaretoken": found.group(1),
                "username": self.account["username"],
                "password": PASSWORD,
            },
            headers={"Referer": self.client.base_url + "/dang-nhap/"},
        ) as response:
            if response.status_code != 302:
                response.failure(f"login refused ({response.status_code})")
                return False
        return True

    @task
    def report_every_period(self):
        if self.ok:
            for period_id in self.account["periods"]:
                if not self.report(period_id):
                    break
        _arrived("finished", Run.all_finished)
        if Run.all_finished.is_set():
            gevent.spawn_later(0.5, self.environment.runner.quit)
        Run.all_finished.wait()

    def page(self, url: str, expect: str | None = None):
        with self.client.get(url, name="entry page", catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"entry page {response.status_code}")
                return None
            status = STATUS.search(response.text)
            if expect and (status is None or status.group(1) != expect):
                response.failure(f"status {status.group(1) if status else '?'}, expected {expect}")
                return None
            return response.text

    def report(self, period_id: int) -> bool:
        """Open, save, save again, submit one period; False when a step failed."""
        url = f"/ke-hoach/ky/{period_id}/co-quan/{self.account['agency_id']}/"
        self.wait()  # finding the page: the users do not all open it the instant they log in
        text = self.page(url)
        for save_no, (name, button) in enumerate(SAVES, start=1):
            if text is None:
                return False
            self.wait()
            fields, targets, tasks = self.form(text, period_id, save_no, button)
            with self.client.post(
                url,
                name=name,
                files=fields,
                allow_redirects=False,
                catch_response=True,
                headers={"Referer": self.client.base_url + url},
            ) as response:
                if response.status_code != 302:
                    response.failure(f"{name}: {response.status_code}")
                    self.write_ledger(period_id, save_no, name, targets, tasks, False, response.status_code)
                    return False
            self.write_ledger(period_id, save_no, name, targets, tasks, True, 302)
            text = self.page(url, expect="submitted" if button == "submit" else "draft")
        return text is not None

    def form(self, text: str, period_id: int, save_no: int, button: str):
        """The multipart fields the browser sends for this page, filled for this save."""
        return values.entry_fields(text, self.account, period_id, save_no, button)

    def write_ledger(self, period_id, save_no, name, targets, tasks, ok, status):
        Run.ledger.write(
            json.dumps(
                {
                    "no": self.account["no"],
                    "username": self.account["username"],
                    "agency_id": self.account["agency_id"],
                    "period_id": period_id,
                    "save_no": save_no,
                    "step": name,
                    "ok": ok,
                    "status": status,
                    "targets": targets,
                    "tasks": tasks,
                    "at": time.time(),
                }
            )
            + "\n"
        )
        Run.ledger.flush()
