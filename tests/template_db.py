"""The seeded test database built once per run, for every pytest worker to copy (issue 26: the
suite's time).

Each pytest-xdist worker used to migrate its own test database and load both seed plans and the
demo data into it (about 45 s a worker). scripts/test.sh instead runs this module once, beside
the static checks: it migrates a database named ``TEMPLATE``, loads the reference data, the seed
plans and the demo into it, with the media files they write in the directory the caller names
(``CCHC_TEST_MEDIA_ROOT``), and closes its connection. Then, with ``CCHC_TEST_DB_TEMPLATE`` set to
that name (cchc/settings/test.py), each worker's test database is created as a copy of it
(PostgreSQL's ``CREATE DATABASE … TEMPLATE``, a file copy) and tests/conftest.py copies the
media files instead of loading the data again.

    CCHC_TEST_MEDIA_ROOT=<dir> python -m tests.template_db

scripts/test.sh starts pytest while this runs (the workers collect the tests meanwhile): with
``CCHC_TEST_DB_TEMPLATE_STATUS`` set, the exit status is written to that file when the template is
ready or has failed, and each worker waits for it before it creates its database
(tests/conftest.py, ``template_wait``).
"""

from __future__ import annotations

import os
import sys

TEMPLATE = "test_cchc_template"


def main() -> int:
    status = 1
    try:
        status = build()
    finally:
        if path := os.environ.get("CCHC_TEST_DB_TEMPLATE_STATUS"):
            with open(f"{path}.part", "w") as file:
                file.write(f"{status}\n")
            os.replace(f"{path}.part", path)  # whoever reads it reads it whole
    return status


def build() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cchc.settings.test")
    os.environ.pop("CCHC_TEST_DB_TEMPLATE", None)  # built from the migrations, not copied
    if not os.environ.get("CCHC_TEST_MEDIA_ROOT"):
        print("CCHC_TEST_MEDIA_ROOT: the directory the demo's files go to", file=sys.stderr)
        return 2
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        print("the test database template needs PostgreSQL (DATABASE_URL)", file=sys.stderr)
        return 2
    from demo.data import demo_data_load
    from targets.seeds import seed_plans_load
    from tests.conftest import ensure_reference_data

    connection.settings_dict["TEST"]["NAME"] = TEMPLATE
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False, keepdb=False)
    ensure_reference_data()
    seed_plans_load()
    demo_data_load()
    connection.close()  # a template is copied only while no one is connected to it
    return 0


if __name__ == "__main__":
    sys.exit(main())
