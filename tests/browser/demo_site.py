"""One live demo site per test module, for journeys that read the demo or change it in ways the
module undoes. ``live_server`` makes every test transactional (the database flushed after each,
so ``seeded_transactional`` loads the seed plans and the demo again for every test); this
serves the demo the session loaded (``tests/conftest.py``), committed, from a server of the
module's own. The module's tests are marked ``django_db``: whatever the test body writes stays
in its transaction, so the preparations the server must see are made in module fixtures. What
the server itself commits (a return, a resend, their notifications and history) is undone when
the module ends: on PostgreSQL the session's seeded data is copied back (``tests/snapshot.py``),
so the tests that run after the module on the same worker see the session's data, not the
journey's.

Use it as ``from tests.browser.demo_site import demo_site_fixture  # noqa: F401`` and request
``demo_site`` (its ``url``)."""

import pytest
from pytest_django.live_server_helper import LiveServer

from demo.data import demo_data_load
from reporting.models import Submission
from targets.seeds import seed_plans_load
from tests.conftest import ensure_reference_data
from tests.snapshot import snapshot_restore


@pytest.fixture(scope="module", name="demo_site")
def demo_site_fixture(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        if not snapshot_restore() and not Submission.objects.filter(is_demo=True).exists():
            # on SQLite: a transactional test flushed it
            ensure_reference_data()
            seed_plans_load()
            demo_data_load()
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield server
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            snapshot_restore()
