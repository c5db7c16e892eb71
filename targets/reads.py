"""Reads of targets written as SQL (``cchc.sql``; issue 26): the thresholds a page prints with
each target's goal, read for many targets at once. Each function says the ORM query it
replaces; tests/reports/test_reads.py and tests/reporting/test_reads.py compare the two."""

from __future__ import annotations

from agencies.models import AdministrativeLevel
from cchc.sql import Columns, among, column, rows, table

from .models import Target, TargetLevelThreshold

_THRESHOLD = Columns(TargetLevelThreshold, "h")
_THRESHOLD_LEVEL = Columns(AdministrativeLevel, "hl")
_WITH_LEVEL = TargetLevelThreshold.objects.select_related("level")


def thresholds_into(targets: list[Target]) -> None:
    """Each target's thresholds per level (with the level) read as ``prefetch_related(
    Prefetch("level_thresholds", queryset=TargetLevelThreshold.objects.select_related("level")))``
    gives them (ordered by the level's order), and kept where that keeps them, so that what reads
    a target's goal (``Target.as_spec``, the ``target_figure`` filter) reads no more: one query
    for all the targets."""
    if not targets:
        return
    by_target: dict[int, list] = {target.pk: [] for target in targets}
    where, params = among(f"h.{column(TargetLevelThreshold, 'target')}", by_target)
    found = rows(
        f"SELECT {_THRESHOLD.sql}, {_THRESHOLD_LEVEL.sql} FROM {table(TargetLevelThreshold)} h"
        f" JOIN {table(AdministrativeLevel)} hl ON hl.id = h.{column(TargetLevelThreshold, 'level')}"
        f" WHERE {where}"
        f" ORDER BY h.{column(TargetLevelThreshold, 'target')}, hl.{column(AdministrativeLevel, 'order')}",
        params,
        _THRESHOLD,
        _THRESHOLD_LEVEL,
    )
    for threshold, level in found:
        threshold.level = level
        by_target[threshold.target_id].append(threshold)
    for target in targets:
        for threshold in by_target[target.pk]:
            threshold.target = target
        _prefetched(target, "level_thresholds", by_target[target.pk], _WITH_LEVEL)


def _prefetched(instance, name: str, objects: list, queryset) -> None:
    """``objects`` kept as ``prefetch_related(Prefetch(name, queryset))`` keeps them: the
    related manager's query set (``queryset`` filtered to the instance), already evaluated."""
    prefetched = getattr(instance, name)._apply_rel_filters(queryset.all())  # a copy: it is changed
    prefetched._result_cache, prefetched._prefetch_done = objects, True
    instance._prefetched_objects_cache = {
        **getattr(instance, "_prefetched_objects_cache", {}),
        name: prefetched,
    }
