"""The Celery app, configured from Django settings under the ``CELERY_`` namespace.

With no ``REDIS_URL`` set the settings make tasks run in-process (``task_always_eager``), so the
embedded default needs no broker and the same task code runs either way.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings.local")

app = Celery("cchc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
