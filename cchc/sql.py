"""Rows read by hand-written SQL into the ORM's own objects (issue 26: pages at the floor).

A dashboard's first reads (the plan's version, its periods, a drill-down's stored rows) are
small queries on indexed columns: the database answers them in a fraction of a millisecond, and
the ORM spent three to ten times that building each one's SQL. Written once as SQL, they are
read here into the same model instances and values the ORM gives: every concrete column of a
model in a SELECT (:class:`Columns`), each value passed through the converters the ORM applies
(so SQLite's text dates and JSON come back as PostgreSQL's do), and ``Model.from_db`` to make
the instance. The SQL names tables and columns from the models (:func:`table`, :func:`column`),
never by hand.

Only for reads a page makes on every request; everything else stays in the ORM. One write
too (:func:`update_rows`): the report lines an entry page's save changes (the request a
reporter makes most after opening the page) and a review decision's lines.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

#: an id PostgreSQL's bigint and SQLite's INTEGER hold; beyond it no row has it (the ORM gives
#: an empty result for such a lookup, SQLite's driver would raise)
MAX_ID = 2**63 - 1

#: where a connection keeps its converters of each part, found once: on the connection itself
#: (a thread has its own, the backend's converters are its own methods, and they go with it)
_FOUND = "_cchc_sql_converters"


def table(model) -> str:
    return f'"{model._meta.db_table}"'


def column(model, name: str) -> str:
    """The column of the model's field ``name`` (a foreign key's: its id's)."""
    return f'"{model._meta.get_field(name).column}"'


def storable_id(value: int) -> bool:
    """Whether ``value`` can be an id in the database (a URL's id may be any whole number)."""
    return -MAX_ID <= value <= MAX_ID


def among(column_sql: str, values, using: str = DEFAULT_DB_ALIAS) -> tuple[str, list]:
    """``column IN (values)`` and its parameters: on PostgreSQL one array parameter (``=
    ANY(%s)``: its driver splits a query's text at each placeholder, a cost per id), on SQLite
    a placeholder each."""
    values = list(values)
    if connections[using].vendor == "postgresql":
        return f"{column_sql} = ANY(%s)", [values]
    return f"{column_sql} IN ({', '.join(['%s'] * len(values))})", values


class Columns:
    """Every concrete column of ``model`` under the table's ``alias``, in the model's order: the
    part of a SELECT that reads one instance (``sql``); :func:`rows` makes the instance from
    those values, None when its primary key is NULL (a LEFT JOIN that found nothing)."""

    def __init__(self, model, alias: str):
        self.model, self.alias = model, alias
        self.fields = list(model._meta.concrete_fields)
        self.attnames = [f.attname for f in self.fields]
        self.sql = ", ".join(f'{alias}."{f.column}"' for f in self.fields)
        self.pk_index = next(i for i, f in enumerate(self.fields) if f.primary_key)

    def __len__(self) -> int:
        return len(self.fields)


def _converters(field, connection) -> tuple:
    """What the ORM passes a value of ``field``'s column through: the backend's converters,
    then the field's (a date from SQLite's text, a JSON document parsed, a decimal of the
    field's places)."""
    col = field.get_col(field.model._meta.db_table)
    return col, connection.ops.get_db_converters(col) + col.get_db_converters(connection)


def _converted(converters: tuple, value, connection):
    col, functions = converters
    if value is None:
        return None
    for convert in functions:
        value = convert(value, col, connection)
    return value


def rows(sql: str, params: Sequence, *parts, using: str = DEFAULT_DB_ALIAS) -> list[tuple]:
    """Each row of the query as a tuple, one item per part, the parts' columns in the SELECT
    in their order: a :class:`Columns` gives its instance (or None), a model field one value
    of that field's column converted as the ORM does (an aggregate of it too), None the
    column's value as the driver gives it."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    found = connection.__dict__.setdefault(_FOUND, {})
    for part in parts:
        if part is not None and part not in found:
            fields = part.fields if isinstance(part, Columns) else [part]
            found[part] = [_converters(f, connection) for f in fields]
    out = []
    for row in fetched:
        items, at = [], 0
        for part in parts:
            if part is None:
                items.append(row[at])
                at += 1
            elif isinstance(part, Columns):
                values = row[at : at + len(part)]
                at += len(part)
                if values[part.pk_index] is None:
                    items.append(None)
                    continue
                converted = [_converted(c, v, connection) for c, v in zip(found[part], values, strict=True)]
                items.append(part.model.from_db(using, part.attnames, converted))
            else:
                items.append(_converted(found[part][0], row[at], connection))
                at += 1
        out.append(tuple(items))
    return out


def update_rows(objs: Sequence, fields: Sequence[str], using: str = DEFAULT_DB_ALIAS) -> None:
    """Write ``fields`` of each of ``objs`` (saved instances of one model) by one UPDATE of its
    row, all sent at once (``executemany``), each value as ``Model.save(update_fields=...)``
    writes it: the field's ``pre_save`` (an ``auto_now`` date becomes now, on the instance too)
    then its ``get_db_prep_save``.

    What ``QuerySet.bulk_update`` writes, without its query of a CASE per field holding a WHEN
    per row, which the ORM builds and compiles in Python: for a report's 13 lines, most of a
    save's time. Unlike it, an ``auto_now`` field named in ``fields`` is set to now (as a save
    sets it), not written back unchanged. Like ``save(update_fields=...)``, a row that is not
    there is an error (``DatabaseError``), not a silent no-op."""
    objs = list(objs)
    if not objs:
        return
    meta = objs[0]._meta
    targets = [meta.get_field(name) for name in fields]
    if any(
        not f.concrete
        or f.many_to_many
        or f.primary_key
        or getattr(f, "generated", False)
        or f.model is not meta.concrete_model  # a parent table's column
        for f in targets
    ):
        raise ValueError(f"update_rows writes the model's own columns other than the key: {list(fields)}")
    if any(obj.pk is None for obj in objs):
        raise ValueError("update_rows writes saved rows only (an object has no key)")
    for obj in objs:  # as a save refuses a related object not saved yet
        obj._prepare_related_fields_for_save(operation_name="update_rows", fields=targets)
    connection = connections[using]
    assignments = ", ".join(f'"{f.column}" = %s' for f in targets)
    statement = f'UPDATE {table(meta.model)} SET {assignments} WHERE "{meta.pk.column}" = %s'
    params = [
        [f.get_db_prep_save(f.pre_save(obj, False), connection) for f in targets] + [obj.pk] for obj in objs
    ]
    with connection.cursor() as cursor:
        cursor.executemany(statement, params)
        updated = cursor.rowcount  # summed over the statements (psycopg 3, sqlite3)
    if updated != len(objs):
        raise DatabaseError(f"update_rows: {len(objs)} rows to write, {updated} found")
