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


#: Tests that use neither the test database nor its template: handed out first, while
#: scripts/test.sh still builds the template (tests/template_db.py) the others wait for.
BEFORE_THE_TEMPLATE = [
    "tests/test_sqlite_embedded.py",  # 27 s: its own SQLite file, migrated
    "tests/test_migration_layout.py",  # 20 s: its own databases, migrated
]

#: The files with the longest tests (or groups of tests one worker runs, ``xdist_group``),
#: longest first: seconds of one test or group in a whole run of scripts/test.sh, 07/12/2026.
#: pytest-xdist hands the tests out in the order of the collection (``--no-loadscope-reorder``),
#: two at a time to each worker; a test of 30 s handed out last kept one worker busy while the
#: other had finished (issue 26: the suite's time). Not the scoring tests: the first of them on a
#: worker commits the scoring demo for the rest of that worker's session
#: (tests/scoring/conftest.py); moved to the front, they would put it under the tests after them.
#: Not tests/test_upload_limits.py either: its time limits are for a machine not at its busiest.
LONGEST_FIRST = [
    "tests/browser/test_roles_journey.py",  # 40 (a group)
    "tests/test_scope.py",  # 38
    "tests/test_backup_restore.py",  # 19 (a group)
    "tests/browser/test_report_journey.py",  # 19
    "tests/browser/test_review_journey.py",  # 19 (a group)
    "tests/browser/test_scoring_journey.py",  # 19
    "tests/reports/test_documents.py",  # 11
    "tests/reports/test_reads.py",  # 9
    "tests/browser/test_head_journey.py",  # 9
    "tests/browser/test_entry_journey.py",  # 9
    "tests/test_fault_tolerance.py",  # 9
    "tests/test_snapshot.py",  # 9
    "tests/browser/test_reporting_journey.py",  # 9
    "tests/test_hostile_input.py",  # 8
    "tests/reports/test_drill_rows.py",  # 7
    "tests/bench/test_scale.py",  # 7
    "tests/reports/test_worker.py",  # 6
    "tests/browser/test_dashboard_journey.py",  # 5
    "tests/test_permissions.py",  # 4
]


def _database_use(item) -> int:
    """pytest-django's order of a test (``get_order_number`` in its
    ``pytest_collection_modifyitems``): 0 for a test in a transaction rolled back after it, 1 for
    one that commits (the tables emptied after it), 2 for one that does not use the test
    database."""
    from django.test import TestCase, TransactionTestCase
    from pytest_django.fixtures import validate_django_db

    cls = getattr(item, "cls", None)
    if cls and issubclass(cls, TransactionTestCase):
        return 0 if issubclass(cls, TestCase) else 1
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", [])
    transaction, reset_sequences, *_rest = validate_django_db(marker) if marker else (False, False)
    if transaction or reset_sequences or "transactional_db" in fixtures or "live_server" in fixtures:
        return 1
    return 0 if marker or "db" in fixtures else 2


def _dispatch_order(item) -> tuple[int, int]:
    """Where pytest-xdist hands ``item`` out: the tests of ``BEFORE_THE_TEMPLATE`` first; then
    pytest-django's order, the rolled-back tests before those that commit, each part with its
    long tests first (the long tests without the test database among the rolled-back ones: they
    may run at any time); the short tests without the test database last, to even out the
    workers' ends."""
    path = item.nodeid.split("::", 1)[0]
    if path in BEFORE_THE_TEMPLATE:
        return (0, BEFORE_THE_TEMPLATE.index(path))
    long = LONGEST_FIRST.index(path) if path in LONGEST_FIRST else len(LONGEST_FIRST)
    use = _database_use(item)
    if use == 2:
        return (1, long) if long < len(LONGEST_FIRST) else (3, long)
    return (1 + use, long)


def pytest_collection_modifyitems(config, items):
    """scripts/test.sh runs the serial tests from the files that say ``pytest.mark.serial``: a
    test marked serial another way would run nowhere. The tests are ordered by
    ``_dispatch_order`` (a stable sort: a file's tests keep their order)."""
    for item in items:
        if item.get_closest_marker("serial") and "pytest.mark.serial" not in item.path.read_text("utf-8"):
            raise pytest.UsageError(f"{item.nodeid}: mark it with pytest.mark.serial in its file")
    items.sort(key=_dispatch_order)


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
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """Before this worker creates its test database: the template it copies is ready."""
    template_wait()


def template_wait(timeout: float = 900) -> None:
    """scripts/test.sh builds the test database template (tests/template_db.py) while pytest
    starts: wait for its status file (``CCHC_TEST_DB_TEMPLATE_STATUS``), and fail with the end of
    its log if it failed or its process ended without one."""
    import time

    path = os.environ.get("CCHC_TEST_DB_TEMPLATE_STATUS")
    if not path or not os.environ.get("CCHC_TEST_DB_TEMPLATE"):
        return
    pid = int(os.environ.get("CCHC_TEST_DB_TEMPLATE_PID") or 0)
    deadline = time.monotonic() + timeout
    while not os.path.exists(path):
        if pid and not _running(pid) and not os.path.exists(path):
            _template_failed("its process ended without a status")
        if time.monotonic() > deadline:
            _template_failed(f"not ready within {timeout:.0f} s")
        time.sleep(0.2)
    with open(path) as file:
        status = file.read().strip()
    if status != "0":
        _template_failed(f"exit status {status}")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a process that has ended but not been waited for by its parent yet is a zombie
    with contextlib.suppress(OSError), open(f"/proc/{pid}/stat") as file:
        return file.read().rsplit(") ", 1)[1][:1] != "Z"
    return True


def _template_failed(why: str) -> None:
    """One line, repeated by every test that needs the database; scripts/test.sh prints the
    template's log once at the end."""
    log = os.environ.get("CCHC_TEST_DB_TEMPLATE_LOG", "")
    pytest.fail(f"tests/template_db.py: {why} (its log: {log})", pytrace=False)


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
