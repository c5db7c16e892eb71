"""Real servers a test starts and stops itself: a Redis of its own, Celery worker processes on
the test database, and the web code's Celery app pointed at a broker."""

from __future__ import annotations

import contextlib
import itertools
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


#: each worker a test starts has a name of its own (``wait_for_worker``, ``worker_inspect``)
_worker_numbers = itertools.count(1)


def start_worker(redis_url: str, **extra_env) -> subprocess.Popen:
    """A worker process (one task at a time, both queues) on the test database, its Celery node
    name in its ``nodename`` (unique in the run: a ping or an inspection is addressed to it and
    answered as soon as it replies, instead of waiting out its timeout for other replies)."""
    nodename = f"test{next(_worker_numbers)}.{os.getpid()}@{socket.gethostname()}"
    process = subprocess.Popen(
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
            "--hostname",
            nodename,
        ],
        env=worker_env(redis_url, **extra_env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    process.nodename = nodename  # type: ignore[attr-defined]
    return process


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
    """Seconds until the worker answers a ping; fails if it exits or stays silent. The ping is
    addressed to the worker by name, so it returns on its reply (a ping to every worker waits
    out its whole timeout, one second, for replies that may come); the worker is then the one
    ``worker_inspect(client)`` asks."""
    started = time.monotonic()
    nodename = worker.nodename  # type: ignore[attr-defined]
    while not client.control.ping(destination=[nodename], timeout=0.5):
        if worker.poll() is not None:
            pytest.fail(f"Celery worker exited: {worker.stdout.read()}")
        if time.monotonic() - started > timeout:
            pytest.fail(f"Celery worker did not answer within {timeout:.0f} s")
    client.test_worker = nodename  # type: ignore[attr-defined]
    return time.monotonic() - started


def worker_inspect(client: Celery, timeout: float = 5):
    """``client.control.inspect`` addressed to the worker ``wait_for_worker`` last saw answer:
    its answers come as soon as it replies, not after ``timeout`` (an inspection of every
    worker waits that long for replies that may come)."""
    return client.control.inspect(timeout=timeout, destination=[client.test_worker])  # type: ignore[attr-defined]


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
