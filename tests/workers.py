"""Real servers a test starts and stops itself: a Redis of its own, Celery worker processes on
the test database, and the web code's Celery app pointed at a broker."""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection

from cchc.celery import app as web_celery
from tests.conftest import running_in_ci


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(condition, *, timeout: float, what: str, every: float = 0.1):
    """Poll ``condition`` until it returns something true; fail with ``what`` after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"{what}: not within {timeout:.0f} s")
        time.sleep(every)


def needs_postgresql():
    if connection.vendor != "postgresql":
        if running_in_ci():
            pytest.fail("CI must run this test on PostgreSQL (scripts/test.sh starts one)")
        pytest.skip("needs PostgreSQL (scripts/test.sh starts one)")


class RedisServer:
    """A redis-server process on a port of its own, stopped and started again on that port."""

    def __init__(self, workdir):
        if not shutil.which("redis-server"):
            if running_in_ci():
                pytest.fail("CI must have redis-server (scripts/test.sh installs it)")
            pytest.skip("needs redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.workdir = workdir
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_until(self.answers, timeout=10, what="Redis did not start")

    def answers(self) -> bool:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.5) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
        return False

    def stop(self):
        """Gone as a crashed or stopped container is: its queued messages too (no persistence)."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


def worker_env(redis_url: str, **extra) -> dict:
    """The environment of a worker process on the test database and ``redis_url``."""
    db = connection.settings_dict
    return dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="cchc.settings.test",
        REDIS_URL=redis_url,
        CCHC_TEST_MEDIA_ROOT=str(settings.MEDIA_ROOT),
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        **extra,
    )


def start_worker(redis_url: str, **extra_env) -> subprocess.Popen:
    """A worker process (one task at a time, both queues) on the test database."""
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "cchc",
            "worker",
            "--pool",
            "solo",
            "--concurrency",
            "1",
            "-Q",
            "default,reports",
            "--without-gossip",
            "--without-mingle",
            "--loglevel",
            "WARNING",
        ],
        env=worker_env(redis_url, **extra_env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def client_app(redis_url: str) -> Celery:
    """A Celery app bound to ``redis_url`` that sends as the beat process would. Not made the
    current app: the web code's shared tasks resolve through the current app, and would
    otherwise go on sending to this broker after the test (where no worker listens)."""
    client = Celery("cchc-test-client", broker=redis_url, backend=redis_url, set_as_current=False)
    client.conf.task_default_queue = "default"
    return client


def wait_for_worker(client: Celery, worker: subprocess.Popen, timeout: float = 60) -> float:
    """Seconds until the worker answers a ping; fails if it exits or stays silent."""
    started = time.monotonic()
    while not client.control.ping(timeout=1):
        if worker.poll() is not None:
            pytest.fail(f"Celery worker exited: {worker.stdout.read()}")
        if time.monotonic() - started > timeout:
            pytest.fail(f"Celery worker did not answer within {timeout:.0f} s")
    return time.monotonic() - started


@contextlib.contextmanager
def web_celery_on(redis_url: str):
    """The web code's Celery app, eager in tests, sending to a real broker meanwhile. Its
    connection and producer pools are dropped both ways: an eager ``delay()`` earlier in the
    run leaves a producer pool bound to the in-memory broker, which would swallow the messages
    silently."""
    saved = {k: web_celery.conf[k] for k in ("task_always_eager", "broker_url", "result_backend")}
    web_celery.conf.update(task_always_eager=False, broker_url=redis_url, result_backend=redis_url)
    web_celery._pool = web_celery.amqp._producer_pool = None
    try:
        yield
    finally:
        web_celery.conf.update(**saved)
        web_celery._pool = web_celery.amqp._producer_pool = None
