"""Sending a job to the broker without ever failing or waiting the request that asks for it.

Each job is first a durable record in the database, written with the change that asks for it
(a recompute request, a report queued for rendering); once the change is committed it is sent
here. A broker that is down costs a request a fraction of a second and undoes nothing: the beat
jobs send again whatever the broker never got."""

from __future__ import annotations

import logging
from importlib import import_module

from celery import current_app
from django.db import InterfaceError, OperationalError

log = logging.getLogger(__name__)

#: what a job retries with backoff: the database hiccuping (a restart, a dropped connection)
TRANSIENT = (OperationalError, InterfaceError)
#: one quick retry, then give up and leave the job to the beat job
PUBLISH_RETRY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}


def send(task_name: str, *args) -> bool:
    """Give the task named ``task_name`` ("reporting.tasks.progress_recompute") to the broker;
    False (logged) when the broker cannot take it. No result is asked for, so nothing waits on
    the result store either. Tasks are named, not imported: the module that asks for a job does
    not import the module that runs it (which imports the services that ask). In-process (the
    embedded default) the task runs at once, as ``apply_async`` does there."""
    task = _registered(task_name)
    try:
        task.apply_async(args=args, ignore_result=True, retry=True, retry_policy=PUBLISH_RETRY)
    except Exception:  # noqa: BLE001 - the durable record is kept; the beat job sends it again
        log.warning("could not queue %s%r; the beat job will send it again", task.name, args, exc_info=True)
        return False
    return True


def _registered(task_name: str):
    """The task of that name. A web process imports no task module of its own accord (a worker
    does, at start): the module the name starts with is imported first, which registers it."""
    if task_name not in current_app.tasks:
        import_module(task_name.rpartition(".")[0])
    return current_app.tasks[task_name]
