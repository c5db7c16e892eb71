"""The order the suite's tests are handed out in (tests/conftest.py, ``_dispatch_order``): the
long ones first, and never a test that commits before one that is rolled back (pytest-django's
order: a committing test empties the tables after it, and the rolled-back tests read the seeded
data)."""

from pathlib import Path

from tests.conftest import LONGEST_FIRST, _database_use

ROOT = Path(__file__).resolve().parent.parent


def test_every_file_named_as_long_exists():
    assert [path for path in LONGEST_FIRST if not (ROOT / path).is_file()] == []


def test_this_session_hands_out_the_long_tests_first_and_commits_after_rollbacks(request):
    items = request.session.items
    uses = [_database_use(item) for item in items]
    rolled_back = [i for i, use in enumerate(uses) if use == 0]
    committing = [i for i, use in enumerate(uses) if use == 1]
    if rolled_back and committing:
        assert max(rolled_back) < min(committing)
    # each kind of test with its long files first, in LONGEST_FIRST's order
    for kind in (0, 1):
        ranks = [
            LONGEST_FIRST.index(path)
            if (path := item.nodeid.split("::")[0]) in LONGEST_FIRST
            else len(LONGEST_FIRST)
            for item, use in zip(items, uses, strict=True)
            if use == kind
        ]
        assert ranks == sorted(ranks)
    # the long tests without the test database before every test that uses it
    first_db = min(i for i, use in enumerate(uses) if use != 2) if any(u != 2 for u in uses) else len(items)
    long_no_db = [
        i
        for i, (item, use) in enumerate(zip(items, uses, strict=True))
        if use == 2 and item.nodeid.split("::")[0] in LONGEST_FIRST
    ]
    assert all(i < first_db for i in long_no_db)
