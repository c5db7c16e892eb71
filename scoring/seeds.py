"""Criteria sets from YAML files (``scoring/seed_data``, schema in its README): every file is
checked completely before anything is written, and a second load changes nothing. A set already
in the database is left alone when its content is the same; a draft with a different content is
replaced; a published one that differs is refused (a published set never changes: raise its
``version``)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

import yaml
from django.db import transaction
from django.utils import timezone

from agencies.models import Agency

from . import services, sources
from .imports import LEVEL_OF_DEPTH, NodeSpec
from .models import CriteriaSet
from .rules import Group, to_decimal, validate_bands, validate_rule

SEED_DIR = Path(__file__).resolve().parent / "seed_data"


class SeedError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class SetSeed:
    file: str
    fields: dict
    province_code: str
    status: str
    nodes: list[NodeSpec] = field(default_factory=list)


def _nodes(
    tree,
    where: str,
    errors: list[str],
    depth: int = 1,
    parent: str | None = None,
    out: list[NodeSpec] | None = None,
) -> list[NodeSpec]:
    out = [] if out is None else out
    for item in tree or []:
        code = str(item.get("code", "")).strip()
        label = f"{where} {code or '?'}"
        if depth > 3:
            errors.append(f"{label}: quá ba cấp (lĩnh vực → tiêu chí → tiêu chí thành phần).")
            continue
        if not code or (parent and not code.startswith(parent + ".")) or code.count(".") != depth - 1:
            errors.append(f"{label}: mã “{code}” không khớp với vị trí trong cây.")
        maximum = to_decimal(item.get("max"))
        if maximum is None or maximum < 0:
            errors.append(f"{label}: điểm tối đa “{item.get('max')}” không hợp lệ.")
            maximum = Decimal(0)
        rule = dict(item.get("rule") or {})
        kind = rule.pop("kind", "")
        measure = item.get("measure") or {}
        spec = NodeSpec(
            code=code,
            level=LEVEL_OF_DEPTH.get(depth, ""),
            title=str(item.get("title", "")).strip(),
            max_points=maximum.quantize(Decimal("0.01")),
            guidance=str(item.get("guidance") or "").strip(),
            evidence=str(item.get("evidence") or "").strip(),
            rule_kind=kind,
            rule_params=json.loads(json.dumps(rule, default=str)),
            area=str(item.get("area") or ""),
            measure=measure.get("code", ""),
            measure_params=measure.get("params") or {},
        )
        if not spec.title:
            errors.append(f"{label}: thiếu nội dung.")
        out.append(spec)
        children = item.get("children") or []
        if children:
            if kind or measure:
                errors.append(f"{label}: có tiêu chí con nên không có cách chấm riêng.")
            total = sum((to_decimal(c.get("max")) or Decimal(0) for c in children), Decimal(0))
            if total != maximum:
                errors.append(f"{label}: điểm tối đa {maximum} nhưng tiêu chí con cộng lại {total}.")
            _nodes(children, where, errors, depth + 1, code, out)
        else:
            errors += [f"{label}: {e}" for e in validate_rule(kind, spec.rule_params, maximum)]
            errors += [
                f"{label}: {e}" for e in services.binding_problems(spec.measure, kind, spec.rule_params)
            ]
    return out


def _read(path: Path, errors: list[str]) -> list[SetSeed]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        errors.append(f"{path.name}: YAML không đọc được: {exc}")
        return []
    seeds = []
    for index, item in enumerate(data.get("sets") or [], start=1):
        where = f"{path.name} (bộ {index})"
        decision = item.get("decision") or {}
        groups = list(item.get("applies_to") or [])
        if not groups or any(g not in Group.values for g in groups):
            errors.append(f"{where}: applies_to phải gồm {', '.join(Group.values)}.")
        bands = json.loads(json.dumps(item.get("bands") or [], default=str))
        errors += [f"{where}: {e}" for e in validate_bands(bands)]
        decision_date = decision.get("date")
        fields = {
            "year": int(item.get("year", 0)),
            "code": str(item.get("code", "")),
            "version": int(item.get("version", 1)),
            "title": str(item.get("title", "")),
            "decision_number": str(decision.get("number") or ""),
            "decision_date": decision_date if isinstance(decision_date, date) else None,
            "decision_title": str(decision.get("title") or ""),
            "applies_to": groups,
            "bands": bands,
            "is_example": bool(item.get("example")),
            "source_note": str(item.get("source_note") or "").strip(),
        }
        if not fields["code"] or not fields["title"] or not 2000 <= fields["year"] <= 2100:
            errors.append(f"{where}: cần code, title và year (2000–2100).")
        status = item.get("status", "draft")
        if status not in CriteriaSet.Status.values:
            errors.append(f"{where}: status “{status}” không hợp lệ.")
        seed = SetSeed(path.name, fields, str(item.get("province", "")), status)
        seed.nodes = _nodes(item.get("tree"), where, errors)
        if not seed.nodes:
            errors.append(f"{where}: không có tiêu chí nào.")
        seeds.append(seed)
    return seeds


def _signature(criteria_set: CriteriaSet | None, seed: SetSeed | None = None) -> str:
    """The content that must match for a set to be the same (fields and tree)."""
    if seed is not None:
        fields = {
            k: seed.fields[k]
            for k in (
                "title",
                "decision_number",
                "decision_title",
                "applies_to",
                "bands",
                "is_example",
                "source_note",
            )
        }
        nodes = [
            (
                n.code,
                n.title,
                str(n.max_points),
                n.rule_kind,
                n.rule_params,
                n.guidance,
                n.evidence,
                n.measure,
                n.measure_params,
            )
            for n in seed.nodes
        ]
    else:
        fields = {
            k: getattr(criteria_set, k)
            for k in (
                "title",
                "decision_number",
                "decision_title",
                "applies_to",
                "bands",
                "is_example",
                "source_note",
            )
        }
        nodes = [
            (
                n.code,
                n.title,
                str(n.max_points),
                n.rule_kind,
                n.rule_params,
                n.guidance,
                n.evidence_asked,
                n.measure,
                n.measure_params,
            )
            for n in criteria_set.nodes.order_by("position")
        ]
    return json.dumps([fields, nodes], sort_keys=True, default=str)


def criteria_sets_load(paths: list[Path] | None = None) -> list[tuple[str, str]]:
    """Load the files (every ``seed_data/*.yaml`` by default); returns (set title, what was
    done) per set. Raises :class:`SeedError` with every problem and writes nothing then."""
    paths = paths or sorted(SEED_DIR.glob("*.yaml"))
    errors: list[str] = []
    seeds = [seed for path in paths for seed in _read(Path(path), errors)]
    provinces = {
        a.code: a
        for a in Agency.objects.filter(code__in={s.province_code for s in seeds}, kind=Agency.Kind.UBND_TINH)
    }
    for seed in seeds:
        if seed.province_code not in provinces:
            errors.append(
                f"{seed.file}: không có tỉnh “{seed.province_code}” (nạp kế hoạch mẫu "
                f"trước: manage.py load_seed_plans)."
            )
    areas = sources.reform_area_ids()
    for seed in seeds:
        for node in seed.nodes:
            if node.area and node.area not in areas:
                errors.append(f"{seed.file} {node.code}: lĩnh vực chuẩn “{node.area}” không có.")
    if errors:
        raise SeedError(errors)
    done = []
    with transaction.atomic():
        for seed in seeds:
            province = provinces[seed.province_code]
            key = {k: seed.fields[k] for k in ("year", "code", "version")}
            existing = CriteriaSet.objects.filter(province=province, **key).first()
            if existing is not None and _signature(existing) == _signature(None, seed):
                done.append((existing.title, "không đổi"))
                continue
            if existing is not None and (existing.is_published or existing.assessments.exists()):
                raise SeedError(
                    [
                        f"{seed.file}: “{existing.title}” (phiên bản {existing.version}) "
                        "đã ban hành và khác tệp; bộ đã ban hành không sửa được, hãy "
                        "tăng version."
                    ]
                )
            criteria_set = existing or CriteriaSet(province=province, **key)
            for name, value in seed.fields.items():
                setattr(criteria_set, name, value)
            criteria_set.status = CriteriaSet.Status.DRAFT
            criteria_set.published_at = None
            criteria_set.save()
            services.criteria_nodes_replace(criteria_set=criteria_set, specs=seed.nodes)
            if seed.status == CriteriaSet.Status.PUBLISHED:
                problems = services.criteria_set_problems(criteria_set=criteria_set)
                if problems:
                    raise SeedError([f"{seed.file}: {p}" for p in problems])
                criteria_set.status = CriteriaSet.Status.PUBLISHED
                criteria_set.published_at = timezone.now()
                criteria_set.save()
            done.append((criteria_set.title, "đã nạp" if existing is None else "đã thay"))
    return done
