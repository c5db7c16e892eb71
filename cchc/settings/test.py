"""Test settings. The test command (scripts/test.sh) starts a throwaway PostgreSQL and sets
DATABASE_URL; without it the suite falls back to SQLite so a single test can be run quickly."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
