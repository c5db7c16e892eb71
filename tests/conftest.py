import contextlib
import importlib
import os
import shutil

import pytest
from django.apps import apps
from hypothesis import settings as hypothesis_settings

from demo.data import demo_data_load
from targets.seeds import seed_plans_load
from tests.snapshot import flush_by_delete, snapshot_restore, snapshot_take


def pytest_configure(config):
    """Under pytest-xdist (scripts/test.sh runs the suite on several workers) each worker has
    its own database (pytest-django adds the worker's name) and its own Redis database, so the
    Celery workers a test starts never take another worker's tasks."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    url = os.environ.get("CCHC_TEST_REDIS_URL")
    if worker.startswith("gw") and url:
        os.environ["CCHC_TEST_REDIS_URL"] = f"{url.rsplit('/', 1)[0]}/{1 + int(worker[2:])}"


def pytest_collection_modifyitems(config, items):
    """scripts/test.sh runs the serial tests from the files that say ``pytest.mark.serial``: a
    test marked serial another way would run nowhere."""
    for item in items:
        if item.get_closest_marker("serial") and "pytest.mark.serial" not in item.path.read_text("utf-8"):
            raise pytest.UsageError(f"{item.nodeid}: mark it with pytest.mark.serial in its file")


def pytest_make_parametrize_id(config, val, argname):
    """A file's bytes named by their length, not their content: a zip built while collecting
    carries the time it was built, and pytest-xdist's workers must collect the same test ids."""
    if isinstance(val, bytes | bytearray):
        return f"{argname}-{len(val)}B"
    return None


def ensure_reference_data():
    """Levels and reform areas come from data migrations; a transactional test's flush removes
    them, so tests that run after one put them back the same way the migrations do."""
    levels = importlib.import_module("agencies.migrations.0002_administrative_levels")
    areas = importlib.import_module("plans.migrations.0002_standard_reform_areas")
    levels.create_levels(apps, None)
    areas.create_areas(apps, None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Both seed plans and the demo data, loaded once for every non-transactional test (or
    copied with the database from the template scripts/test.sh built)."""
    with django_db_blocker.unblock():
        if not template_media_copy():
            ensure_reference_data()
            seed_plans_load()
            demo_data_load()
        snapshot_take()
    from django.db import connection

    flush_by_delete(connection)


def template_media_copy() -> bool:
    """With a test database copied from the seeded template (tests/template_db.py), the files
    the template's seeds and demo wrote, copied into this process's media directory."""
    from django.conf import settings
    from django.db import connection

    from reporting.models import Submission

    if not os.environ.get("CCHC_TEST_DB_TEMPLATE") or connection.vendor != "postgresql":
        return False
    if not Submission.objects.filter(is_demo=True).exists():
        pytest.fail("the test database template holds no demo data (tests/template_db.py)")
    source = os.environ.get("CCHC_TEST_DB_TEMPLATE_MEDIA")
    if source and os.path.isdir(source):
        shutil.copytree(source, settings.MEDIA_ROOT, dirs_exist_ok=True)
    return True


@contextlib.contextmanager
def module_rows(django_db_blocker, build):
    """Rows a module's tests all read, written once for the module (issue 26: the suite's time)
    inside a transaction that is rolled back when the module ends. Each test's own transaction
    (pytest-django's ``django_db``) is then a savepoint inside it, rolled back after the test as
    before: every test starts from the rows as the module wrote them, and the next module from
    the session's data. Only for modules whose tests are all non-transactional (a flush or a
    second connection would not see or would break the open transaction).

        @pytest.fixture(scope="module")
        def world(django_db_setup, django_db_blocker):
            with module_rows(django_db_blocker, build) as rows:
                yield rows

    ``build()`` writes the rows (database access allowed) and its result is what ``with`` gives.
    """
    from django.db import transaction

    atomic = transaction.atomic()
    with django_db_blocker.unblock():
        atomic.__enter__()
    try:
        with django_db_blocker.unblock():
            rows = build()
        yield rows
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with no cached page (reports.caching) nor API rate-limit window: ids and
    versions repeat from test to test."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def seeded_transactional(transactional_db):
    """For tests whose data must be committed (live server, Celery worker): the session's seeded
    data copied back (tests/snapshot.py), or loaded again on SQLite."""
    if snapshot_restore():
        return
    ensure_reference_data()
    seed_plans_load()
    demo_data_load()


def running_in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


# In CI the property tests draw the same examples on every run (a failure is reproducible
# from the log, and a green run stays green); locally they explore afresh each time.
hypothesis_settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if running_in_ci():
    hypothesis_settings.load_profile("ci")
