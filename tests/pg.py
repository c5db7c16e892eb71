"""Extra databases on the PostgreSQL server of scripts/test.sh (DATABASE_URL), for tests that
restore or migrate a whole database: created with a unique name, dropped by the caller."""

from __future__ import annotations

import os
import uuid

import psycopg

SERVER_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SERVER_URL.split("://", 1)[0] in ("postgres", "postgresql", "pgsql", "psql")


def url_of(name: str) -> str:
    return f"{SERVER_URL.rsplit('/', 1)[0]}/{name}"


def sql(url: str, query: str, *params):
    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(query, params)
        return cursor.fetchall() if cursor.description else []


def database_create(prefix: str, created: list[str], template: str = "") -> str:
    """A new database, empty or a copy of ``template``; its name is appended to ``created`` for
    the caller to drop."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    created.append(name)
    sql(SERVER_URL, f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
    return url_of(name)


def databases_drop(names: list[str]) -> None:
    for name in names:
        sql(SERVER_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def tables(url: str) -> list[str]:
    return [
        row[0]
        for row in sql(
            url,
            "SELECT tablename FROM pg_tables WHERE schemaname "
            "NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
        )
    ]


def fingerprint(url: str) -> dict[str, tuple[int, str]]:
    """Every table of the database: its row count and an md5 over all its rows, every column."""
    return {
        table: tuple(
            sql(
                url,
                f"SELECT count(*), md5(coalesce(string_agg(t::text, '|' "
                f"ORDER BY t::text), '')) FROM \"{table}\" t",
            )[0]
        )
        for table in tables(url)
    }
