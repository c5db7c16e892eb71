"""Test settings. The test command (scripts/test.sh) starts a throwaway PostgreSQL and sets
DATABASE_URL; without it the suite falls back to SQLite so a single test can be run quickly."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}

# Evidence uploads and report PDFs of the test run go to a throwaway directory (a Celery worker
# started by a test is given the test process's one through CCHC_TEST_MEDIA_ROOT), removed when
# the process that made it ends (not by a process forked from it).
if os.environ.get("CCHC_TEST_MEDIA_ROOT"):
    MEDIA_ROOT = Path(os.environ["CCHC_TEST_MEDIA_ROOT"])
else:
    MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cchc-test-media-"))
    _made_by = os.getpid()
    atexit.register(lambda: os.getpid() == _made_by and shutil.rmtree(MEDIA_ROOT, ignore_errors=True))
for _name in ("evidence", "reports"):
    STORAGES[_name] = {  # noqa: F405
        **STORAGES[_name],  # noqa: F405
        "OPTIONS": {"location": MEDIA_ROOT / _name},  # noqa: F405
    }

# Pages cached in the test process's memory (emptied before each test, tests/conftest.py); a
# recompute does not warm pages unless a test asks for it (tests/reports/test_caching.py).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": CACHE_KEY_FUNCTION,  # noqa: F405
    }
}
PAGE_CACHE_WARM = False

# Each pytest worker's test database a copy of the seeded one scripts/test.sh builds once per run
# (tests/template_db.py; PostgreSQL's CREATE DATABASE … TEMPLATE).
if os.environ.get("CCHC_TEST_DB_TEMPLATE"):
    DATABASES["default"].setdefault("TEST", {})["TEMPLATE"] = os.environ["CCHC_TEST_DB_TEMPLATE"]  # noqa: F405
