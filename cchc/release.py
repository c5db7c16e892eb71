"""What this release of the code is, for the cache's keys (``CACHES["default"]["KEY_FUNCTION"]``).

A page, an API answer or a public page is cached for ``PAGE_CACHE_SECONDS`` under a key of what
its figures depend on; Redis outlives a deploy, so without this a new release would serve the
old release's HTML for up to ten minutes: its layout, its links (a URL renamed answers 404) and
its static files' hashed names (gone after ``collectstatic``: a page without its CSS). Every
key carries a digest of what pages are made from (the project's Python, templates, scripts,
styles and compiled translations), so a release never reads another's entries. The web
processes and the Celery worker run the same image and agree on it (a recompute warms the
pages the web serves)."""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

#: what a page is made from
SUFFIXES = frozenset({".py", ".html", ".js", ".css", ".mo"})
#: never part of a page: the virtual environment, the tests, what is built or stored at run time
SKIPPED = frozenset({".venv", "node_modules", "tests", "build", "artifacts", "media", "staticfiles", ".git"})


def code_digest(root: Path) -> str:
    """A digest of every page-making file under ``root`` (its path and content)."""
    found = []
    for folder, folders, files in os.walk(root):
        folders[:] = [name for name in folders if name not in SKIPPED and not name.startswith(".")]
        found += [Path(folder, name) for name in files if Path(name).suffix in SUFFIXES]
    digest = hashlib.sha256()
    for path in sorted(found):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


@functools.cache
def release() -> str:
    """This process's release (worked out once, on the first cache call)."""
    return code_digest(Path(settings.BASE_DIR))


def cache_key(key: str, key_prefix: str, version: int) -> str:
    """Django's default key (``prefix:version:key``) with the release after the prefix."""
    return f"{key_prefix}:{release()}:{version}:{key}"
