"""Test settings. The test command (scripts/test.sh) starts a throwaway PostgreSQL and sets
DATABASE_URL; without it the suite falls back to SQLite so a single test can be run quickly."""

import tempfile
from pathlib import Path

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}

# Evidence uploads of the test run go to a throwaway directory.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cchc-test-media-"))
STORAGES["evidence"] = {  # noqa: F405
    **STORAGES["evidence"], "OPTIONS": {"location": MEDIA_ROOT / "evidence"},  # noqa: F405
}
