"""The seeded database of a test session, kept so that a transactional test gets it back in a
second instead of loading both seed plans and the demo again (issue 26: the suite's time).

A transactional test (live server, Celery worker, two connections racing) commits, so Django
empties every table after it; the next one needs the seeds and the demo again. Loading them
through the services takes about 15 s a test on this machine's PostgreSQL. On PostgreSQL the
session's tables are copied once, right after the session loaded them (``COPY … TO STDOUT``,
binary), with the media files they name; a transactional test that asks for the seeded data
gets every table emptied and copied back, identity sequences set past the highest id, and any
missing media file written back. Django's foreign keys are ``DEFERRABLE INITIALLY DEFERRED``,
so the tables are emptied and copied back in any order inside one transaction.

The tables are emptied with ``DELETE``, not ``TRUNCATE`` (issue 26: the suite's time): a
``TRUNCATE`` of the 87 tables gives each table, index and TOAST table a new file, about 0,5 s
each time, where deleting the few megabytes of rows takes some 20 ms. The same goes for the flush
Django runs after every transactional test (``flush_by_delete``). Nothing else differs: the
foreign keys are all checked at commit (no ``ON DELETE`` action, no trigger or rule), and the
identity sequences are set past the highest id as before.

On SQLite (a single test run quickly without PostgreSQL) the data is loaded again as before."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction

#: never emptied by Django's flush, so never copied back
KEPT = {"django_migrations"}


@dataclass
class Snapshot:
    tables: dict[str, bytes] = field(default_factory=dict)
    identities: list[tuple[str, str]] = field(default_factory=list)
    media: dict[str, bytes] = field(default_factory=dict)


_taken: Snapshot | None = None


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def snapshot_take() -> None:
    """Copy every table and the media files of the seeded session (PostgreSQL only)."""
    global _taken
    if connection.vendor != "postgresql":
        return
    snapshot = Snapshot()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
        tables = [name for (name,) in cursor.fetchall() if name not in KEPT]
        cursor.execute(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = current_schema()
              AND (is_identity = 'YES' OR column_default LIKE %s)
            """,
            ["nextval(%"],
        )
        snapshot.identities = [(t, c) for t, c in cursor.fetchall() if t not in KEPT]
        raw = cursor.cursor
        for table in tables:
            with raw.copy(f"COPY {_quote(table)} TO STDOUT (FORMAT BINARY)") as copy:
                snapshot.tables[table] = b"".join(bytes(chunk) for chunk in copy)
    root = Path(settings.MEDIA_ROOT)
    if root.is_dir():
        for path in root.rglob("*"):
            if path.is_file():
                snapshot.media[str(path.relative_to(root))] = path.read_bytes()
    _taken = snapshot


def snapshot_held() -> bool:
    """Whether the session's seeded data can be copied back (``snapshot_restore``)."""
    return _taken is not None and connection.vendor == "postgresql"


def snapshot_restore() -> bool:
    """Put the seeded session's tables and media back; False when there is no snapshot (SQLite),
    and the caller loads the data itself."""
    if _taken is None or connection.vendor != "postgresql":
        return False
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _taken.tables:
            cursor.execute(f"DELETE FROM {_quote(table)}")
        raw = cursor.cursor
        for table, data in _taken.tables.items():
            with raw.copy(f"COPY {_quote(table)} FROM STDIN (FORMAT BINARY)") as copy:
                copy.write(data)
        for table, column in _taken.identities:
            highest = f"COALESCE(MAX({_quote(column)}), 0) + 1"
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence(%s, %s), {highest}, false) FROM {_quote(table)}",
                [_quote(table), column],
            )
    root = Path(settings.MEDIA_ROOT)
    for name, content in _taken.media.items():
        path = root / name
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    ContentType.objects.clear_cache()
    return True


def flush_by_delete(wrapper) -> None:
    """Django's flush after a transactional test (``TransactionTestCase._fixture_teardown``)
    empties every table with one ``DELETE`` each instead of one ``TRUNCATE`` of them all, on this
    connection of the test process (PostgreSQL only). A flush that resets the sequences or
    cascades to tables it does not name is left to Django's ``TRUNCATE``."""
    if wrapper.vendor != "postgresql":
        return
    ops = wrapper.ops
    truncate = ops.sql_flush

    def sql_flush(style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return truncate(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(ops.quote_name(t))};" for t in tables]

    ops.sql_flush = sql_flush
