"""Which bodies carry an agency's work on a given day, read from the succession records
(DOMAIN.md "Agencies": merges, splits, renames, and in 2025 the end of the district level).

A record says: from ``effective_date`` the predecessor's work is carried by the successor. So:

- a chain is followed to its end (A renamed to B, B merged into C: A's work is C's);
- a split (one predecessor, several records) gives every successor;
- a dissolution with a successor hands the work to it, like a merge: the kind of a record does
  not change how work passes, it only says why;
- a record not yet in force on the day asked is ignored, and so is a later step of a chain
  dated before the step that led to it (B → A in 2022 after A → B in 2020 is a rename back:
  A's work is A's again from 2022, and the 2020 record is not walked a second time);
- an agency with no record in force carries its own work;
- bad data that loops (A → B and B → A on the same day) ends the walk; an agency whose every
  record leads back into such a loop is treated as carrying its own work.

:func:`successor_ids` is a plain function over plain tuples (no database), so every case is
tested without one; :func:`successors_map` reads the records and the agencies in two queries
whatever the number of agencies asked about.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterable
from datetime import date
from typing import NamedTuple


class Succession(NamedTuple):
    """One succession record as plain data; a plain 4-tuple in this order works as well."""

    predecessor_id: int
    successor_id: int
    kind: str
    effective_date: date


class _Graph:
    """The records in force on ``on``, by predecessor, oldest first."""

    def __init__(self, edges: Iterable[tuple], on: date):
        self.out: dict[int, list[tuple[date, int]]] = defaultdict(list)
        for predecessor, successor, _kind, effective in edges:
            if effective <= on and predecessor != successor:
                self.out[predecessor].append((effective, successor))
        for records in self.out.values():
            records.sort()

    def carriers(self, agency_id: int) -> tuple[int, ...]:
        # Walk states (agency, the day its work reached it): a record applies from that day
        # on. States are finite (agencies × record dates) and each is visited once, so the walk
        # ends even on looping data.
        start = (agency_id, None)
        seen = {start}
        queue = deque([start])
        found: set[int] = set()
        while queue:
            current, since = queue.popleft()
            steps = [
                (effective, successor)
                for effective, successor in self.out.get(current, ())
                if since is None or effective >= since
            ]
            if not steps:
                found.add(current)
                continue
            for effective, successor in steps:
                state = (successor, effective)
                if state not in seen:
                    seen.add(state)
                    queue.append(state)
        return tuple(sorted(found)) if found else (agency_id,)


def successor_ids(edges: Iterable[tuple], agency_id: int, *, on: date) -> tuple[int, ...]:
    """The ids of the agencies that carry ``agency_id``'s work on ``on`` (ascending; the
    agency itself when no record in force applies). ``edges``: (predecessor id, successor id,
    kind, effective date) tuples, e.g. :class:`Succession`."""
    return _Graph(edges, on).carriers(agency_id)


def successor_ids_map(
    edges: Iterable[tuple], agency_ids: Iterable[int], *, on: date
) -> dict[int, tuple[int, ...]]:
    """:func:`successor_ids` for many agencies at once (the records are indexed once)."""
    graph = _Graph(edges, on)
    return {agency_id: graph.carriers(agency_id) for agency_id in agency_ids}


def accountable_ids(assigned: Iterable[int], *, edges: Iterable[tuple], validity: dict, on: date) -> set[int]:
    """Who answers on ``on`` for work assigned today to ``assigned``: an assigned body in
    force that day; for one not yet in force, the predecessors whose work passed to it after
    that day (through the succession records ``edges``, as for :func:`successor_ids`), and so on
    back. ``validity``: agency id → (valid from, valid to), either None.
    So after Sở TT&TT merged into a new Sở KH&CN on 1/7, a period cut off on 14/3 is still Sở
    TT&TT's to report, and one cut off on 14/12 is Sở KH&CN's; a body that has ended answers
    for nothing. A body that already existed answers for what it is assigned today, also
    before a merge into it; what the merged body reported before the merge still counts in
    the figures, and after it is carried by its successor (``reporting.progress``)."""

    def in_force(pk):
        start, end = validity.get(pk, (None, None))
        return (start is None or start <= on) and (end is None or end >= on)

    edges = list(edges)
    found, seen, stack = set(), set(), list(assigned)
    while stack:
        pk = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        start = validity.get(pk, (None, None))[0]
        if in_force(pk):
            found.add(pk)
        elif start is not None and start > on:  # not created yet: its forerunners
            stack.extend(p for p, s, _kind, effective in edges if s == pk and effective > on)
    return found


def later_successor_ids_map(
    edges: Iterable[tuple], agency_ids: Iterable[int], *, after: date
) -> dict[int, set[int]]:
    """agency id → every body its work passes to through records effective after ``after``,
    the intermediate ones included (merged into Sở KH&ĐT, then Sở KH&ĐT into Sở Tài chính:
    both)."""
    onward = defaultdict(set)
    for predecessor, successor, _kind, effective in edges:
        if effective > after:
            onward[predecessor].add(successor)
    result = {}
    for agency_id in agency_ids:
        reached, stack = set(), list(onward.get(agency_id, ()))
        while stack:
            pk = stack.pop()
            if pk not in reached:
                reached.add(pk)
                stack.extend(onward.get(pk, ()))
        result[agency_id] = reached
    return result


def succession_edges(*, after: date | None = None) -> list[Succession]:
    """Every succession record as plain tuples, for the functions above; with ``after``, only
    those taking effect after that day."""
    from .models import AgencySuccession

    records = AgencySuccession.objects.all()
    if after is not None:
        records = records.filter(effective_date__gt=after)
    return [
        Succession(*row)
        for row in records.values_list("predecessor_id", "successor_id", "kind", "effective_date")
    ]


def successors_map(agency_ids: Iterable[int], *, on: date) -> dict:
    """agency id → the :class:`~agencies.models.Agency` objects carrying its work on ``on``
    (``[itself]`` when nothing changed; ``[]`` for an id with no agency). Two queries: the
    records in force, then every agency named in the answer."""
    from .models import Agency, AgencySuccession

    agency_ids = list(dict.fromkeys(agency_ids))
    if not agency_ids:
        return {}
    edges = AgencySuccession.objects.filter(effective_date__lte=on).values_list(
        "predecessor_id", "successor_id", "kind", "effective_date"
    )
    carriers = successor_ids_map(edges, agency_ids, on=on)
    wanted = {pk for ids in carriers.values() for pk in ids}
    agencies = Agency.objects.select_related("level").in_bulk(wanted)
    return {agency_id: [agencies[pk] for pk in ids if pk in agencies] for agency_id, ids in carriers.items()}
