"""Reads of the scoring for its pages, the PDF and the XLSX: a set's tree, a unit's sheet, the
round's results (index per unit and per lĩnh vực, ranking with ties by group, bands), the
dashboards' figures and the projection while the year runs. Each reads a fixed number of
queries whatever the number of units (tested)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch

from cchc.collation import sort_key, vietnamese

from . import sources
from .imports import rule_text
from .models import (
    Assessment,
    CriteriaNode,
    CriteriaSet,
    ExplanationRequest,
    LeafScore,
    Publication,
    ScoringFile,
    ScoringRound,
)
from .rules import (
    Group,
    LeafPoints,
    RuleKind,
    Source,
    band_of,
    final_points,
    median,
    points_label,
    projected_points,
    rank_with_ties,
    score,
    unit_index,
)

ZERO = Decimal(0)


# --- a set's tree ----------------------------------------------------------------------------------


@dataclass
class NodeRow:
    node: CriteriaNode
    depth: int
    is_leaf: bool
    area: str
    rule: str = ""
    measure_label: str = ""


def set_nodes(criteria_set_ids) -> dict[int, list[CriteriaNode]]:
    """The nodes of the sets, in order (one query)."""
    out: dict[int, list[CriteriaNode]] = defaultdict(list)
    for node in CriteriaNode.objects.filter(criteria_set_id__in=list(criteria_set_ids)).order_by(
        "criteria_set_id", "position"
    ):
        out[node.criteria_set_id].append(node)
    return out


def tree_rows(nodes: list[CriteriaNode]) -> list[NodeRow]:
    """The tree in printed order with each node's depth, its lĩnh vực's code and, for a leaf, its
    rule in words and its binding."""
    parents = {n.parent_id for n in nodes if n.parent_id}
    by_id = {n.pk: n for n in nodes}
    rows = []
    for node in nodes:
        depth, top = 0, node
        while top.parent_id and top.parent_id in by_id and depth < 5:
            top, depth = by_id[top.parent_id], depth + 1
        is_leaf = node.pk not in parents
        measure = sources.MEASURES.get(node.measure)
        rows.append(
            NodeRow(
                node,
                depth,
                is_leaf,
                top.code,
                rule=node.guidance
                or (
                    rule_text(node.rule_kind, node.rule_params, node.max_points)
                    if is_leaf and node.rule_kind
                    else ""
                ),
                measure_label=str(measure.label) if measure else "",
            )
        )
    return rows


def area_of_nodes(nodes: list[CriteriaNode]) -> dict[int, tuple[str, str]]:
    """node id → (its lĩnh vực's code, title)."""
    by_id = {n.pk: n for n in nodes}
    out = {}
    for node in nodes:
        top, depth = node, 0
        while top.parent_id and top.parent_id in by_id and depth < 5:
            top, depth = by_id[top.parent_id], depth + 1
        out[node.pk] = (top.code, top.title)
    return out


def province_sets(province) -> list[CriteriaSet]:
    return list(CriteriaSet.objects.filter(province=province).order_by("-year", "code", "-version"))


# --- a unit's sheet ---------------------------------------------------------------------------------


@dataclass
class SheetRow:
    row: NodeRow
    score: LeafScore | None = None
    final: Decimal | None = None
    final_source: str = ""
    explanation: ExplanationRequest | None = None
    totals: dict = field(default_factory=dict)  # for a parent: sums of its leaves


@dataclass
class Sheet:
    assessment: Assessment
    rows: list[SheetRow]
    totals: dict[str, Decimal | None]
    index: dict
    history: list


def assessment_sheet(assessment: Assessment, *, with_history: bool = True) -> Sheet:
    """Every node of the unit's set with the leaf's scores, files, explanation and final
    points, the sums of every parent, and the history of the leaves (newest first)."""
    nodes = list(assessment.criteria_set.nodes.order_by("position"))
    rows = tree_rows(nodes)
    scores = {
        s.node_id: s
        for s in LeafScore.objects.filter(assessment=assessment)
        .select_related("explanation", "appraised_by")
        .prefetch_related(
            Prefetch("files", queryset=ScoringFile.objects.order_by("pk")),
            Prefetch("explanation__files", queryset=ScoringFile.objects.order_by("pk")),
        )
    }
    sheet_rows = []
    sums: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    by_id = {n.pk: n for n in nodes}
    for row in rows:
        item = SheetRow(row)
        if row.is_leaf:
            score = scores.get(row.node.pk)
            item.score = score
            if score is not None:
                item.final, item.final_source = final_points(
                    kind=row.node.rule_kind,
                    self_points=score.self_points,
                    appraised=score.appraised_points,
                    council=score.council_points,
                    survey=score.survey_points,
                )
                item.explanation = getattr(score, "explanation", None)
                parent = row.node.parent_id
                values = {
                    "max": row.node.max_points,
                    "self": score.self_points,
                    "appraised": score.appraised_points,
                    "final": item.final,
                    "computed": score.computed_points,
                }
                while parent is not None:
                    for key, value in values.items():
                        if value is not None:  # a column nobody filled stays "—"
                            sums[parent][key] += value
                    parent = by_id[parent].parent_id if parent in by_id else None
        sheet_rows.append(item)
    for item in sheet_rows:
        if not item.row.is_leaf:
            item.totals = dict(sums.get(item.row.node.pk, {}))
    totals: dict[str, Decimal | None] = {
        "max": sum((r.row.node.max_points for r in sheet_rows if r.row.is_leaf), ZERO)
    }
    for key in ("self", "appraised", "final", "computed"):
        parts = [
            r.totals[key] for r in sheet_rows if r.row.depth == 0 and not r.row.is_leaf and key in r.totals
        ]
        totals[key] = sum(parts, ZERO) if parts else None
    leaves = [LeafPoints(r.row.area, r.row.node.max_points, r.final) for r in sheet_rows if r.row.is_leaf]
    index = unit_index(leaves)
    history = leaf_history(assessment) if with_history else []
    return Sheet(assessment, sheet_rows, totals, {"index": index.index, "areas": index.areas}, history)


@dataclass
class HistoryLine:
    when: datetime
    who: str
    code: str
    what: str
    why: str


FIELDS = [
    ("self_points", "Tự chấm"),
    ("appraised_points", "Thẩm định"),
    ("council_points", "Hội đồng"),
    ("survey_points", "Điều tra XHH"),
    ("computed_points", "Tính từ dữ liệu"),
]


def leaf_history(assessment: Assessment) -> list[HistoryLine]:
    """Every change of a leaf's points: who, when, what and why (one query)."""
    records = (
        LeafScore.history.filter(assessment_id=assessment.pk)
        .select_related("history_user", "node")
        .order_by("id", "history_date", "history_id")
    )
    previous: dict[int, object] = {}
    lines = []
    for record in records:
        before = previous.get(record.id)
        previous[record.id] = record
        for name, label in FIELDS:
            old = getattr(before, name) if before is not None else None
            new = getattr(record, name)
            if old != new and not (before is None and new is None):
                who = (
                    record.history_user.get_full_name() or record.history_user.username
                    if record.history_user
                    else "Hệ thống"
                )
                lines.append(
                    HistoryLine(
                        record.history_date,
                        who,
                        record.node.code,
                        f"{label}: {points_label(old)} → {points_label(new)}",
                        record.history_change_reason or "",
                    )
                )
    return sorted(lines, key=lambda line: line.when, reverse=True)


# --- the round's results ------------------------------------------------------------------------------


@dataclass
class UnitResult:
    assessment: Assessment
    index: Decimal | None
    points: Decimal
    max_points: Decimal
    areas: dict[str, tuple[Decimal, Decimal, Decimal | None]]
    self_points: Decimal = ZERO
    appraised_points: Decimal = ZERO
    rank: int | None = None
    band: str | None = None

    @property
    def gap(self) -> Decimal:
        """Points the unit gave itself above the appraisal (negative: below it)."""
        return self.self_points - self.appraised_points


@dataclass
class Results:
    round: ScoringRound
    units: list[UnitResult]
    areas: dict[str, list[tuple[str, str]]]  # group → [(code, title)]
    groups: list[tuple[str, str]]  # (code, label) in order
    medians: dict[str, dict[str, Decimal | None]]  # group → area code ("" total) → median
    lost: list[dict]  # leaves most often lost
    gaps: list[dict]  # self vs appraised per unit

    def by_group(self) -> list[tuple[str, str, list[UnitResult]]]:
        return [
            (
                code,
                label,
                sorted(
                    [u for u in self.units if u.assessment.group == code],
                    key=lambda u: (u.rank or 10**6, sort_key(u.assessment.unit.name)),
                ),
            )
            for code, label in self.groups
        ]


def _assessments(round_: ScoringRound, unit_ids=None):
    qs = round_.assessments.select_related("unit", "criteria_set").order_by("group", vietnamese("unit__name"))
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    return list(qs)


def round_results(round_: ScoringRound, *, unit_ids=None) -> Results:
    """Every unit's final points, index and index per lĩnh vực, its rank in its group (ties
    share a rank), its band (the set's), the medians of each group, the leaves most often lost
    and the gaps between self-assessment and appraisal. ``unit_ids``: only those units (a
    unit's own view); ranks and medians are then of those only, so callers that show a rank to a
    unit pass every unit and filter after."""
    assessments = _assessments(round_, unit_ids)
    nodes_of = set_nodes({a.criteria_set_id for a in assessments})
    area_of: dict[int, tuple[str, str]] = {}
    areas_by_set: dict[int, list[tuple[str, str]]] = {}
    node_info: dict[int, CriteriaNode] = {}
    for set_id, nodes in nodes_of.items():
        area_of.update(area_of_nodes(nodes))
        areas_by_set[set_id] = [(n.code, n.title) for n in nodes if n.parent_id is None]
        node_info.update({n.pk: n for n in nodes})
    per_unit: dict[int, list] = defaultdict(list)
    lost: dict[str, dict] = {}
    for row in LeafScore.objects.filter(assessment__in=assessments).values(
        "assessment_id", "node_id", "self_points", "appraised_points", "council_points", "survey_points"
    ):
        per_unit[row["assessment_id"]].append(row)
    results = []
    for assessment in assessments:
        leaves, self_total, appraised_total = [], ZERO, ZERO
        for row in per_unit.get(assessment.pk, []):
            node = node_info[row["node_id"]]
            points, _source = final_points(
                kind=node.rule_kind,
                self_points=row["self_points"],
                appraised=row["appraised_points"],
                council=row["council_points"],
                survey=row["survey_points"],
            )
            leaves.append(LeafPoints(area_of[node.pk][0], node.max_points, points))
            if node.rule_kind != RuleKind.SURVEY:
                self_total += row["self_points"] or ZERO
                appraised_total += (
                    row["appraised_points"]
                    if row["appraised_points"] is not None
                    else row["self_points"] or ZERO
                )
            if points is not None and points < node.max_points:
                item = lost.setdefault(
                    node.code + "|" + str(assessment.criteria_set_id),
                    {
                        "code": node.code,
                        "title": node.title,
                        "max": node.max_points,
                        "units": 0,
                        "points": ZERO,
                    },
                )
                item["units"] += 1
                item["points"] += node.max_points - points
        index = unit_index(leaves)
        results.append(
            UnitResult(
                assessment,
                index.index,
                index.points,
                index.max_points,
                index.areas,
                self_total,
                appraised_total,
            )
        )
    groups = [
        (code, str(label)) for code, label in Group.choices if any(a.group == code for a in assessments)
    ]
    medians: dict[str, dict[str, Decimal | None]] = {}
    areas: dict[str, list[tuple[str, str]]] = {}
    for code, _label in groups:
        members = [u for u in results if u.assessment.group == code]
        for unit, rank in zip(members, _ranks(members), strict=True):
            unit.rank = rank
            unit.band = band_of(unit.index, unit.assessment.criteria_set.bands)
        areas[code] = areas_by_set.get(members[0].assessment.criteria_set_id, []) if members else []
        medians[code] = {"": median(u.index for u in members)}
        for area_code, _title in areas[code]:
            medians[code][area_code] = median(u.areas.get(area_code, (0, 0, None))[2] for u in members)
    gaps: list[dict[str, Any]] = [
        {
            "unit": u.assessment.unit,
            "self": u.self_points,
            "appraised": u.appraised_points,
            "gap": u.self_points - u.appraised_points,
        }
        for u in results
    ]
    gaps.sort(key=lambda g: g["gap"], reverse=True)
    lost_list = sorted(lost.values(), key=lambda i: (-i["units"], -i["points"], i["code"]))
    return Results(round_, results, areas, groups, medians, lost_list[:10], gaps)


def _ranks(members: list[UnitResult]) -> list[int | None]:
    ranks = rank_with_ties({i: u.index for i, u in enumerate(members)})
    return [ranks[i] for i in range(len(members))]


def previous_results(round_: ScoringRound, unit_ids) -> dict[int, UnitResult]:
    """Last year's final results of the same province, by unit (year on year)."""
    previous = ScoringRound.objects.filter(
        province_id=round_.province_id, year=round_.year - 1, finalized_at__isnull=False
    ).first()
    if previous is None:
        return {}
    results = round_results(previous)
    return {u.assessment.unit_id: u for u in results.units if u.assessment.unit_id in set(unit_ids)}


def issued_publication(round_: ScoringRound) -> Publication | None:
    return round_.publications.filter(state=Publication.State.ISSUED).first()


# --- the projection while the year runs ---------------------------------------------------------------


@dataclass
class ProjectedLeaf:
    code: str
    title: str
    max_points: Decimal
    points: Decimal | None
    source: str
    reason: str = ""
    evidence: dict = field(default_factory=dict)

    @property
    def lost(self) -> Decimal | None:
        return None if self.points is None else self.max_points - self.points


@dataclass
class Projection:
    assessment: Assessment
    leaves: list[ProjectedLeaf]
    points: Decimal
    max_points: Decimal
    index: Decimal | None
    known_max: Decimal  # the maximum of the leaves that have projected points
    from_data: int
    from_last_year: int
    blank: int
    rank: int | None = None


def projection(round_: ScoringRound, as_of: date, *, unit_ids=None) -> tuple[list[Projection], str]:
    """Each unit's index as the data stand on ``as_of``: the leaves bound to the plan's data
    scored from the latest period ended by then, every other leaf at last year's final points
    for the same leaf (same code) or blank, each said so. Ranked within the group on the
    projected index. Returns the projections and the period the data come from."""
    assessments = _assessments(round_)
    plan = sources.year_plan(round_.province_id, round_.year)
    period = plan.ended_by(as_of) if plan else None
    nodes_of = set_nodes({a.criteria_set_id for a in assessments})
    scores: defaultdict[int, dict[int, Mapping[str, object]]] = defaultdict(dict)  # assessment → node → row
    for row in LeafScore.objects.filter(assessment__in=assessments).values("assessment_id", "node_id"):
        scores[row["assessment_id"]][row["node_id"]] = row
    bindings = [(n.measure, n.measure_params) for nodes in nodes_of.values() for n in nodes if n.measure]
    unit_list = [a.unit_id for a in assessments]
    measured = sources.measures_compute(plan, period, unit_list, bindings) if plan else {}
    last_year = _last_year_points(round_, unit_list)
    out = []
    for assessment in assessments:
        nodes = nodes_of.get(assessment.criteria_set_id, [])
        parents = {n.parent_id for n in nodes}
        leaves = []
        for node in nodes:
            if node.pk in parents:
                continue
            result, outcome_reason, computed = None, "", None
            if node.measure:
                found = measured.get(sources.binding_key(node.measure, node.measure_params), {})
                result = found.get(assessment.unit_id)
                outcome = score(
                    node.rule_kind, node.rule_params, node.max_points, result.value if result else None
                )
                computed, outcome_reason = outcome.points, outcome.reason or (result.reason if result else "")
            points, source = projected_points(
                computed=computed,
                bound=bool(node.measure),
                last_year=last_year.get((assessment.unit_id, node.code)),
            )
            leaves.append(
                ProjectedLeaf(
                    node.code,
                    node.title,
                    node.max_points,
                    points,
                    source,
                    outcome_reason if node.measure else "",
                    result.as_json() if result else {},
                )
            )
        total = sum((leaf.points or ZERO for leaf in leaves), ZERO)
        maximum = sum((leaf.max_points for leaf in leaves), ZERO)
        known = sum((leaf.max_points for leaf in leaves if leaf.points is not None), ZERO)
        index = unit_index(LeafPoints("", leaf.max_points, leaf.points) for leaf in leaves).index
        out.append(
            Projection(
                assessment,
                leaves,
                total,
                maximum,
                index,
                known,
                sum(1 for leaf in leaves if leaf.source == Source.COMPUTED),
                sum(1 for leaf in leaves if leaf.source == Source.LAST_YEAR),
                sum(1 for leaf in leaves if leaf.source == Source.NONE),
            )
        )
    for group in {p.assessment.group for p in out}:
        members = [p for p in out if p.assessment.group == group]
        ranks = rank_with_ties({i: p.index for i, p in enumerate(members)})
        for i, member in enumerate(members):
            member.rank = ranks[i]
    if unit_ids is not None:
        out = [p for p in out if p.assessment.unit_id in set(unit_ids)]
    return out, (period.title if period else "")


def _last_year_points(round_: ScoringRound, unit_ids) -> dict[tuple[int, str], Decimal]:
    """(unit, leaf code) → last year's final points (one query)."""
    out = {}
    rows = LeafScore.objects.filter(
        assessment__round__province_id=round_.province_id,
        assessment__round__year=round_.year - 1,
        assessment__round__finalized_at__isnull=False,
        assessment__unit_id__in=list(unit_ids),
    ).values(
        "assessment__unit_id",
        "node__code",
        "node__rule_kind",
        "self_points",
        "appraised_points",
        "council_points",
        "survey_points",
    )
    for row in rows:
        points, _source = final_points(
            kind=row["node__rule_kind"],
            self_points=row["self_points"],
            appraised=row["appraised_points"],
            council=row["council_points"],
            survey=row["survey_points"],
        )
        if points is not None:
            out[(row["assessment__unit_id"], row["node__code"])] = points
    return out
