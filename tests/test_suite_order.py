"""The order the suite's tests are handed out in (tests/conftest.py, ``_dispatch_order``): the
tests that need neither the test database nor its template first, the long ones first, and never
a test that commits before one that is rolled back (pytest-django's order: a committing test
empties the tables after it, and the rolled-back tests read the seeded data)."""

from pathlib import Path

from tests.conftest import BEFORE_THE_TEMPLATE, LONGEST_FIRST, _database_use

ROOT = Path(__file__).resolve().parent.parent


def _path(item) -> str:
    return item.nodeid.split("::", 1)[0]


def test_every_file_named_exists():
    assert [p for p in BEFORE_THE_TEMPLATE + LONGEST_FIRST if not (ROOT / p).is_file()] == []


def test_the_tests_handed_out_before_the_template_use_no_database(request):
    items = [item for item in request.session.items if _path(item) in BEFORE_THE_TEMPLATE]
    assert [item.nodeid for item in items if _database_use(item) != 2] == []
    sources = [(ROOT / path).read_text("utf-8") for path in BEFORE_THE_TEMPLATE]
    assert not any("CCHC_TEST_DB_TEMPLATE" in text or "template_wait" in text for text in sources)


def test_a_group_of_tests_one_worker_runs_uses_the_database_one_way(request):
    """pytest-xdist hands a group (``xdist_group``) out whole, where its first test stands: a
    committing test in a group of rolled-back ones would run among them and empty the tables
    under the rest."""
    uses: dict[str, set[int]] = {}
    for item in request.session.items:
        if marker := item.get_closest_marker("xdist_group"):
            name = marker.args[0] if marker.args else marker.kwargs.get("name")
            uses.setdefault(name, set()).add(_database_use(item))
    assert {name: use for name, use in uses.items() if len(use) > 1} == {}


def test_this_session_s_order(request):
    items = request.session.items
    uses = [_database_use(item) for item in items]
    # first the tests that need no template, then the rest
    before = [i for i, item in enumerate(items) if _path(item) in BEFORE_THE_TEMPLATE]
    assert before == list(range(len(before)))
    # every rolled-back test before every committing one
    rolled_back = [i for i, use in enumerate(uses) if use == 0]
    committing = [i for i, use in enumerate(uses) if use == 1]
    if rolled_back and committing:
        assert max(rolled_back) < min(committing)
    # each part with its long files first, in LONGEST_FIRST's order
    for part in (0, 1):
        ranks = [
            LONGEST_FIRST.index(_path(item)) if _path(item) in LONGEST_FIRST else len(LONGEST_FIRST)
            for item, use in zip(items, uses, strict=True)
            if use == part or (part == 0 and use == 2 and _path(item) in LONGEST_FIRST)
        ]
        assert ranks == sorted(ranks)
    # the short tests without the test database last
    short_no_db = [
        i
        for i, (item, use) in enumerate(zip(items, uses, strict=True))
        if use == 2 and _path(item) not in LONGEST_FIRST + BEFORE_THE_TEMPLATE
    ]
    assert short_no_db == list(range(len(items) - len(short_no_db), len(items)))
