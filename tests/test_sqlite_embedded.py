"""The embedded default (a SQLite file, tasks in-process) under writes at once (issue 19, item
10): four reviewers approving four reports at the same moment got "database is locked" (a 500).
The suite runs on PostgreSQL, so this test starts a process of its own on a SQLite file with the
embedded default's settings (cchc.settings.local), migrates it, builds four submitted reports and
approves them through the review page in four threads at once, a few rounds."""

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ROUNDS = 3
AGENCIES = 4


def test_four_approvals_at_once_on_the_embedded_sqlite_all_go_through(tmp_path):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("REDIS_URL", "DJANGO_SETTINGS_MODULE", "CONN_MAX_AGE")
    }
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_SETTINGS_MODULE="cchc.settings.local",
        ALLOWED_HOSTS="testserver",
        MEDIA_ROOT=str(tmp_path / "media"),
        EMAIL_URL="dummymail://",
        LOG_LEVEL="ERROR",
    )
    run = subprocess.run(
        [
            sys.executable,
            "-c",
            "from tests.test_sqlite_embedded import approvals_at_once; "
            f"approvals_at_once({ROUNDS}, {AGENCIES})",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-5000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    print(result)
    assert result["vendor"] == "sqlite" and result["file"].endswith("db.sqlite3")
    assert result["failures"] == [], result["failures"]
    assert result["approved"] == ROUNDS * AGENCIES
    assert result["journal_mode"] == "wal"  # readers do not wait for a writer


@pytest.mark.parametrize(
    "url, options",
    [
        (
            "sqlite:////srv/cchc/db.sqlite3",
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 30,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        ),
        (
            "sqlite:////srv/cchc/db.sqlite3?timeout=5",
            {
                "transaction_mode": "IMMEDIATE",
                "timeout": 5,
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        ),
        ("postgres://u@h/db", {}),
    ],
)
def test_the_sqlite_options_apply_to_a_sqlite_database_only(monkeypatch, url, options):
    monkeypatch.setenv("DATABASE_URL", url)
    sys.modules.pop("cchc.settings.base", None)
    try:
        base = importlib.import_module("cchc.settings.base")
        assert base.DATABASES["default"].get("OPTIONS", {}) == options
    finally:
        sys.modules.pop("cchc.settings.base", None)


def approvals_at_once(rounds: int, agencies: int) -> None:
    """Run in the child process: prints one JSON line with what happened."""
    import threading
    import traceback

    import django

    django.setup()
    from django.core.management import call_command
    from django.core.signals import got_request_exception
    from django.db import connection, connections
    from django.test import Client
    from django.urls import reverse

    from agencies.models import User
    from reporting.models import Submission
    from tests.factories import UserFactory
    from tests.reporting.test_entry_scale import build, post_data

    call_command("migrate", verbosity=0)
    reviewer = UserFactory(role=User.Role.REVIEWER, is_superuser=True)
    errors = {}  # thread → the exception its request ended with (a 500 for the user)

    def record(sender, request=None, **kwargs):
        error = sys.exc_info()[1]
        where = [
            line.strip()
            for line in traceback.format_exc().splitlines()
            if f'File "{ROOT}/' in line and "/.venv/" not in line
        ]
        errors[threading.get_ident()] = {"error": repr(error), "where": where}

    got_request_exception.connect(record)
    failures, approved = [], 0
    for round_ in range(rounds):
        submissions = []
        for _i in range(agencies):
            period, agency, reporter = build(6, 3)
            reporting = Client()
            reporting.force_login(reporter)
            response = reporting.post(
                reverse("reporting:submission_entry", args=[period.pk, agency.pk]),
                {**post_data(period, agency), "submit": ""},
            )
            assert response.status_code == 302, response.content.decode()[:2000]
            submissions.append(Submission.objects.get(period=period, agency=agency))
        assert {s.status for s in submissions} == {Submission.Status.SUBMITTED}
        reviewers = [Client(raise_request_exception=False) for _s in submissions]
        for browser in reviewers:
            browser.force_login(reviewer)
        barrier = threading.Barrier(len(submissions), timeout=30)

        def approve(browser, submission, barrier=barrier, round_=round_):
            try:
                barrier.wait()
                response = browser.post(
                    reverse("reporting:submission_review", args=[submission.pk]), {"approve": "1"}
                )
                if response.status_code != 302:
                    failures.append(
                        {
                            "round": round_ + 1,
                            "status": response.status_code,
                            **errors.get(threading.get_ident(), {}),
                        }
                    )
            finally:
                connections.close_all()

        threads = [
            threading.Thread(target=approve, args=pair) for pair in zip(reviewers, submissions, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        approved += Submission.objects.filter(
            pk__in=[s.pk for s in submissions], status=Submission.Status.APPROVED
        ).count()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "file": str(connection.settings_dict["NAME"]),
                "journal_mode": journal_mode,
                "approved": approved,
                "failures": failures,
            }
        )
    )
