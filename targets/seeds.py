"""Loading the transcribed seed plans (``targets/seed_data/*.yaml``, schema in its README).

Two stages, so that bad input writes nothing: every file is parsed and validated completely
(each problem reported as ``file:line: message``), and only then is everything written in one
transaction. Writes compare before saving, so loading the same files again changes nothing —
not a row, not a history entry.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import yaml
from django.db import transaction

from agencies.models import AdministrativeLevel, Agency
from cchc import clock
from cchc.fields import PLAN_YEARS
from plans.models import Plan, PlanArea, ReformArea, Task
from plans.services import plan_periods_create_defaults

from . import rules
from .models import Target, TargetLevelThreshold, TargetStatement

SEED_DIR = Path(__file__).resolve().parent / "seed_data"


class SeedError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


# --- YAML with line numbers ---------------------------------------------------------------


class _Node(dict):
    """A mapping that remembers the line it starts on and the line of each key."""

    line: int = 0
    key_lines: dict


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode):
    data = _Node()
    data.line = node.start_mark.line + 1
    data.key_lines = {}
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in data:
            raise yaml.constructor.ConstructorError(None, None, f"khóa “{key}” bị lặp", key_node.start_mark)
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = key_node.start_mark.line + 1


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_seed_file(path: Path):
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SeedError([f"{path.name}: không đọc được tệp ({exc})"]) from exc
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path.name}:{mark.line + 1}" if mark else path.name
        problem = getattr(exc, "problem", None) or str(exc)
        raise SeedError([f"{where}: tệp YAML sai cú pháp: {problem}"]) from exc


# --- validation ---------------------------------------------------------------------------


@dataclass
class _Checker:
    filename: str
    level_codes: set[str]
    area_codes: set[str]
    problems: list[str] = field(default_factory=list)
    agency_codes: set[str] = field(default_factory=set)

    def error(self, node, message, key=None):
        line = getattr(node, "line", 0)
        if key is not None and isinstance(node, _Node):
            line = node.key_lines.get(key, line)
        self.problems.append(f"{self.filename}:{line}: {message}")

    def mapping(self, node, where, required=(), optional=()):
        if not isinstance(node, dict):
            self.error(node, f"{where}: cần một bảng khóa–giá trị")
            return False
        allowed = set(required) | set(optional)
        for key in node:
            if key not in allowed:
                self.error(node, f"{where}: khóa không hợp lệ “{key}”", key)
        for key in required:
            if key not in node or node[key] in (None, ""):
                self.error(node, f"{where}: thiếu “{key}”")
        return True

    def text(self, node, key, where, required=True):
        value = node.get(key)
        if value is None or value == "":
            if required:
                self.error(node, f"{where}: thiếu “{key}”", key)
            return ""
        if not isinstance(value, str | int):
            self.error(node, f"{where}: “{key}” phải là chuỗi", key)
            return ""
        return str(value).strip()

    def number(self, node, key, where):
        value = node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            self.error(node, f"{where}: “{key}” phải là số", key)
            return None
        try:
            return Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            self.error(node, f"{where}: “{key}” = “{value}” không phải là số", key)
            return None

    def agency(self, node, key, where, required=True):
        code = node.get(key)
        if code in (None, ""):
            if required:
                self.error(node, f"{where}: thiếu “{key}”", key)
            return None
        if code not in self.agency_codes:
            self.error(node, f"{where}: không có cơ quan mã “{code}” trong “agencies”", key)
            return None
        return code

    def date(self, node, key, where):
        value = node.get(key)
        if value in (None, ""):
            return None
        if isinstance(value, dt.date):
            return value
        self.error(node, f"{where}: “{key}” phải là ngày dạng YYYY-MM-DD", key)
        return None


AGENCY_KEYS = (
    "code",
    "name",
    "short_name",
    "kind",
    "level",
    "parent",
    "symbol",
    "place",
    "aliases",
    "governing_body",
    "valid_from",
    "valid_to",
)
TARGET_KEYS = (
    "code",
    "text",
    "measure",
    "comparator",
    "value",
    "value_max",
    "unit",
    "direction",
    "levels",
    "stretch",
    "cumulative",
    "baseline_year",
    "baseline_value",
    "note",
    "sub_of",
    "responsible",
    "reporters",
)
TASK_KEYS = (
    "code",
    "text",
    "lead",
    "lead_groups",
    "cooperating",
    "cooperating_groups",
    "product",
    "due_text",
    "due_date",
    "recurring",
    "subtasks",
)


def validate_seed(doc, filename: str, level_codes: set[str], area_codes: set[str]):
    """Check one parsed seed file; returns (problems, normalised plan data)."""
    check = _Checker(filename, level_codes, area_codes)
    if not check.mapping(
        doc, "tệp", required=("province", "agencies", "plan", "areas"), optional=("general_targets",)
    ):
        return check.problems, None

    agencies = _check_agencies(check, doc.get("agencies"))
    plan = _check_plan(check, doc.get("plan"))
    areas = []
    for index, area_node in enumerate(doc.get("areas") or []):
        areas.append(_check_area(check, area_node, index))
    seen_areas = [a["area"] for a in areas if a and a["area"]]
    for code in {c for c in seen_areas if seen_areas.count(c) > 1}:
        check.error(doc, f"lĩnh vực “{code}” xuất hiện hai lần", "areas")
    general = [
        _check_statement(check, node, default_responsible=None, where="mục tiêu chung")
        for node in (doc.get("general_targets") or [])
    ]
    data = {"agencies": agencies, "plan": plan, "areas": areas, "general_targets": general}
    return check.problems, data


def _check_agencies(check, nodes):
    if not isinstance(nodes, list) or not nodes:
        check.error(nodes, "“agencies” phải là một danh sách cơ quan")
        return []
    for node in nodes:
        if isinstance(node, dict) and node.get("code"):
            if node["code"] in check.agency_codes:
                check.error(node, f"mã cơ quan “{node['code']}” bị lặp", "code")
            check.agency_codes.add(node["code"])
    result = []
    for node in nodes:
        where = f"cơ quan “{node.get('code', '?')}”" if isinstance(node, dict) else "cơ quan"
        if not check.mapping(node, where, required=("code", "name", "kind", "level"), optional=AGENCY_KEYS):
            continue
        if node.get("kind") not in Agency.Kind.values:
            check.error(node, f"{where}: loại “{node.get('kind')}” không hợp lệ", "kind")
        if node.get("level") not in check.level_codes:
            check.error(node, f"{where}: cấp “{node.get('level')}” không hợp lệ", "level")
        aliases = node.get("aliases") or []
        if not isinstance(aliases, list):
            check.error(node, f"{where}: “aliases” phải là danh sách", "aliases")
            aliases = []
        result.append(
            {
                "code": node["code"],
                "name": check.text(node, "name", where),
                "short_name": check.text(node, "short_name", where, required=False),
                "kind": node.get("kind"),
                "level": node.get("level"),
                "parent": check.agency(node, "parent", where, required=False),
                "symbol": check.text(node, "symbol", where, required=False),
                "place_name": check.text(node, "place", where, required=False),
                "governing_body": node.get("governing_body"),
                "aliases": [str(a) for a in aliases],
                "valid_from": check.date(node, "valid_from", where),
                "valid_to": check.date(node, "valid_to", where),
                "line": node.line,
            }
        )
    return result


def _check_plan(check, node):
    where = "kế hoạch"
    if not check.mapping(
        node,
        where,
        required=("code", "title", "issuer", "year"),
        optional=("number", "issue_date", "status", "legal_bases", "parent", "signer", "recipients"),
    ):
        return None
    status = node.get("status") or Plan.Status.IN_FORCE
    if status not in Plan.Status.values:
        check.error(node, f"{where}: trạng thái “{status}” không hợp lệ", "status")
    year = node.get("year")
    if not isinstance(year, int) or not PLAN_YEARS[0] <= year <= PLAN_YEARS[1]:
        check.error(node, f"{where}: năm “{year}” không hợp lệ", "year")
    signer = node.get("signer") or {}
    if signer:
        check.mapping(signer, "người ký", required=("name", "title"), optional=("authority",))
    recipients = node.get("recipients") or []
    if not isinstance(recipients, list):
        check.error(node, f"{where}: “recipients” phải là danh sách", "recipients")
        recipients = []
    parent = None
    if node.get("parent"):
        pnode = node["parent"]
        if check.mapping(
            pnode,
            "kế hoạch giai đoạn",
            required=("code", "title", "year"),
            optional=("number", "issue_date", "end_year"),
        ):
            parent = {
                "code": pnode["code"],
                "title": check.text(pnode, "title", "kế hoạch giai đoạn"),
                "number": check.text(pnode, "number", "kế hoạch giai đoạn", required=False),
                "issue_date": check.date(pnode, "issue_date", "kế hoạch giai đoạn"),
                "year": pnode.get("year"),
                "end_year": pnode.get("end_year"),
            }
    return {
        "code": node["code"],
        "title": check.text(node, "title", where),
        "issuer": check.agency(node, "issuer", where),
        "number": check.text(node, "number", where, required=False),
        "issue_date": check.date(node, "issue_date", where),
        "year": year,
        "status": status,
        "legal_bases": check.text(node, "legal_bases", where, required=False),
        "signer_name": str(signer.get("name") or ""),
        "signer_title": str(signer.get("title") or ""),
        "signer_authority": str(signer.get("authority") or ""),
        "recipients": [str(r) for r in recipients],
        "parent": parent,
    }


def _check_area(check, node, index):
    where = f"lĩnh vực thứ {index + 1}"
    if not check.mapping(
        node, where, required=("area", "code", "title"), optional=("lead", "targets", "tasks")
    ):
        return None
    if node["area"] not in check.area_codes:
        check.error(node, f"{where}: mã lĩnh vực chuẩn “{node['area']}” không hợp lệ", "area")
    lead = check.agency(node, "lead", where, required=False)
    where = f"lĩnh vực {node['code']}"
    return {
        "area": node["area"],
        "code": str(node["code"]),
        "title": check.text(node, "title", where),
        "lead": lead,
        "statements": [_check_statement(check, s, lead, where) for s in node.get("targets") or []],
        "tasks": [_check_task(check, t, lead, where) for t in node.get("tasks") or []],
        "line": node.line,
    }


def _check_statement(check, node, default_responsible, where):
    if not check.mapping(node, f"{where}: mục chỉ tiêu", required=("text", "targets"), optional=("code",)):
        return None
    code = str(node.get("code") or "")
    where = f"mục chỉ tiêu {code or '(không số)'}"
    targets_nodes = node.get("targets")
    if not isinstance(targets_nodes, list) or not targets_nodes:
        check.error(node, f"{where}: cần ít nhất một chỉ tiêu trong “targets”", "targets")
        targets_nodes = []
    targets = []
    for index, tnode in enumerate(targets_nodes):
        target = _check_target(check, tnode, index, len(targets_nodes), code, default_responsible, where)
        targets.append(target)
    return {"code": code, "text": check.text(node, "text", where), "targets": targets, "line": node.line}


def _check_target(check, node, index, count, statement_code, default_responsible, where):
    where = f"{where}, chỉ tiêu thứ {index + 1}"
    if not check.mapping(node, where, required=("text", "measure", "comparator"), optional=TARGET_KEYS):
        return None
    measure, comparator = node.get("measure"), node.get("comparator")
    direction = node.get("direction") or rules.implied_direction(measure, comparator)
    if direction is None:
        check.error(node, f"{where}: cần “direction” (higher/lower) với so sánh “{comparator}”")
        direction = rules.Direction.HIGHER
    levels = {}
    if node.get("levels") is not None:
        if not isinstance(node["levels"], dict):
            check.error(node, f"{where}: “levels” phải là bảng cấp: ngưỡng", "levels")
        else:
            for code in node["levels"]:
                if code not in check.level_codes:
                    check.error(node, f"{where}: cấp “{code}” không hợp lệ", "levels")
                levels[code] = check.number(node["levels"], code, where)
    spec = rules.TargetSpec(
        measure=measure,
        comparator=comparator,
        direction=direction,
        value=check.number(node, "value", where),
        value_max=check.number(node, "value_max", where),
        unit=str(node.get("unit") or ""),
        stretch=bool(node.get("stretch")),
        cumulative=bool(node.get("cumulative")),
        baseline_value=check.number(node, "baseline_value", where),
        baseline_year=node.get("baseline_year"),
        levels={k: v for k, v in levels.items() if v is not None},
    )
    for name, messages in rules.validate_target(spec).items():
        for message in messages:
            check.error(node, f"{where}: {message}", name if name in node else None)
    sub_of = node.get("sub_of")
    if sub_of is not None and (not isinstance(sub_of, int) or not 0 <= sub_of < index):
        check.error(
            node,
            f"{where}: “sub_of” phải là số thứ tự (từ 0) của một chỉ tiêu đứng trước trong cùng mục",
            "sub_of",
        )
        sub_of = None
    responsible = check.agency(node, "responsible", where, required=False) or default_responsible
    if responsible is None:
        check.error(node, f"{where}: thiếu “responsible” (cơ quan chịu trách nhiệm)")
    scope, scope_levels, scope_agencies = _reporters(check, node, where)
    code = node.get("code") or (statement_code if count == 1 else f"{statement_code}.{index + 1}")
    return {
        "code": str(code),
        "text": check.text(node, "text", where),
        "spec": spec,
        "note": str(node.get("note") or ""),
        "sub_of": sub_of,
        "responsible": responsible,
        "scope": scope,
        "scope_levels": scope_levels,
        "scope_agencies": scope_agencies,
        "line": node.line,
    }


def _reporters(check, node, where):
    value = node.get("reporters", "responsible")
    if value in ("all", "responsible"):
        return value, [], []
    if isinstance(value, list) and value:
        if all(v in check.level_codes for v in value):
            return Target.ReportingScope.LEVELS, list(value), []
        unknown = [v for v in value if v not in check.agency_codes]
        if unknown:
            check.error(
                node,
                f"{where}: “reporters” có mã không phải cấp hay cơ quan: {', '.join(map(str, unknown))}",
                "reporters",
            )
        return Target.ReportingScope.NAMED, [], list(value)
    check.error(
        node, f"{where}: “reporters” phải là all, responsible hoặc danh sách cấp/cơ quan", "reporters"
    )
    return Target.ReportingScope.RESPONSIBLE, [], []


def _check_task(check, node, default_lead, where):
    if not check.mapping(node, f"{where}: nhiệm vụ", required=("code", "text"), optional=TASK_KEYS):
        return None
    where = f"nhiệm vụ {node['code']}"
    leads = node.get("lead") or ([default_lead] if default_lead else [])
    cooperating = node.get("cooperating") or []
    for key, codes in (("lead", leads), ("cooperating", cooperating)):
        if not isinstance(codes, list):
            check.error(node, f"{where}: “{key}” phải là danh sách mã cơ quan", key)
            continue
        for code in codes:
            if code not in check.agency_codes:
                check.error(node, f"{where}: không có cơ quan mã “{code}”", key)
    if not leads and not node.get("lead_groups"):
        check.error(node, f"{where}: thiếu cơ quan chủ trì")
    recurring = node.get("recurring", False)
    if not isinstance(recurring, bool):
        check.error(node, f"{where}: “recurring” phải là true/false", "recurring")
    return {
        "code": str(node["code"]),
        "text": check.text(node, "text", where),
        "lead": leads if isinstance(leads, list) else [],
        "lead_groups": check.text(node, "lead_groups", where, required=False),
        "cooperating": cooperating if isinstance(cooperating, list) else [],
        "cooperating_groups": check.text(node, "cooperating_groups", where, required=False),
        "product": check.text(node, "product", where, required=False),
        "due_text": check.text(node, "due_text", where, required=False),
        "due_date": check.date(node, "due_date", where),
        "recurring": bool(recurring),
        "subtasks": [_check_task(check, s, default_lead, where) for s in node.get("subtasks") or []],
        "line": node.line,
    }


# --- writing ------------------------------------------------------------------------------


def _upsert(model, lookup: dict, values: dict):
    """Create, or update only the fields that differ. Returns (object, changed)."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.full_clean()
        obj.save()
        return obj, True
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.full_clean()
        obj.save()
    return obj, bool(changed)


def _assignment_kept(statement, position) -> bool:
    """Who reports a target, once somebody changed it in the app (the reviewer on the target's
    page, or the demo), is theirs: reloading the plan keeps it, as it keeps a baseline entered
    later. The loader's own writes are recorded by nobody."""
    return Target.history.filter(
        statement_id=statement.pk, position=position, history_user__isnull=False
    ).exists()


def _set_m2m(manager, objects) -> bool:
    wanted = {o.pk for o in objects}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(objects)
    return True


@dataclass
class LoadSummary:
    plans: list[str] = field(default_factory=list)
    changed: int = 0
    statements: int = 0
    targets: int = 0
    tasks: int = 0


_KIND_DEFAULTS = {
    # kind: (governing body?, signer authority, signer title)
    Agency.Kind.UBND_TINH: (False, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    Agency.Kind.UBND_HUYEN: (False, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    Agency.Kind.UBND_XA: (False, "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
    Agency.Kind.SO: (True, "", "GIÁM ĐỐC"),
    Agency.Kind.VAN_PHONG_UBND: (True, "", "CHÁNH VĂN PHÒNG"),
    Agency.Kind.DON_VI_SU_NGHIEP: (True, "", "GIÁM ĐỐC"),
}


class _Writer:
    def __init__(self, summary: LoadSummary):
        self.summary = summary
        self.levels = {lv.code: lv for lv in AdministrativeLevel.objects.all()}
        self.areas = {a.code: a for a in ReformArea.objects.all()}
        self.agencies: dict[str, Agency] = {}

    def count(self, changed):
        self.summary.changed += int(changed)

    def write(self, data):
        for item in data["agencies"]:
            self.agency(item, data)
        plan = self.plan(data["plan"])
        statement_pos = 0
        for statement in data["general_targets"]:
            statement_pos += 1
            self.statement(plan, None, statement, statement_pos)
        task_pos = 0
        kept_tasks = []
        for area_position, item in enumerate(data["areas"], start=1):
            plan_area, changed = _upsert(
                PlanArea,
                {"plan": plan, "area": self.areas[item["area"]]},
                {
                    "code": item["code"],
                    "title": item["title"],
                    "position": area_position,
                    "lead_agency_id": self.agencies[item["lead"]].pk if item["lead"] else None,
                },
            )
            self.count(changed)
            for statement in item["statements"]:
                statement_pos += 1
                self.statement(plan, plan_area, statement, statement_pos)
            for task in item["tasks"]:
                task_pos = self.task(plan, plan_area, None, task, task_pos, kept_tasks)
        self.prune(plan, statement_pos, kept_tasks, [a["area"] for a in data["areas"]])
        plan_periods_create_defaults(plan=plan)
        self.summary.plans.append(plan.code)

    def agency(self, item, data):
        province_name = ""
        kind = item["kind"]
        parent = self.agencies.get(item["parent"]) if item["parent"] else None
        if parent is not None and parent.kind == Agency.Kind.UBND_TINH:
            province_name = parent.place_name
        has_governing, authority, title = _KIND_DEFAULTS.get(kind, (True, "", ""))
        governing = item["governing_body"]
        if governing is None:
            governing = f"UBND TỈNH {province_name.upper()}" if has_governing and province_name else ""
        values = {
            "name": item["name"],
            "short_name": item["short_name"],
            "kind": kind,
            "level_id": self.levels[item["level"]].pk,
            "parent_id": parent.pk if parent else None,
            "symbol": item["symbol"],
            "place_name": item["place_name"],
            "aliases": item["aliases"],
            "governing_body": governing,
            "signer_authority": authority,
            "signer_title": title,
            # Validity the seed does not give is set by a restructuring recorded later:
            # reloading the seed must not bring a merged body back to life.
            **{key: item[key] for key in ("valid_from", "valid_to") if item[key] is not None},
        }
        agency, changed = _upsert(Agency, {"code": item["code"]}, values)
        self.count(changed)
        self.agencies[item["code"]] = agency

    def plan(self, item):
        issuer = self.agencies[item["issuer"]]
        parent = None
        if item["parent"]:
            p = item["parent"]
            parent, changed = _upsert(
                Plan,
                {"code": p["code"]},
                {
                    "title": p["title"],
                    "issuer_id": issuer.pk,
                    "number": p["number"],
                    "issue_date": p["issue_date"],
                    "year": p["year"],
                    "end_year": p["end_year"],
                    "status": Plan.Status.CLOSED
                    if (p["end_year"] or p["year"]) < clock.today().year
                    else Plan.Status.IN_FORCE,
                },
            )
            self.count(changed)
        plan, changed = _upsert(
            Plan,
            {"code": item["code"]},
            {
                "title": item["title"],
                "issuer_id": issuer.pk,
                "number": item["number"],
                "issue_date": item["issue_date"],
                "year": item["year"],
                "end_year": None,
                "parent_id": parent.pk if parent else None,
                "status": item["status"],
                "legal_bases": item["legal_bases"],
                "signer_name": item["signer_name"],
                "signer_title": item["signer_title"],
                "signer_authority": item["signer_authority"],
                "recipients": item["recipients"],
                "source_note": "seed",
            },
        )
        self.count(changed)
        return plan

    def statement(self, plan, plan_area, item, position):
        statement, changed = _upsert(
            TargetStatement,
            {"plan": plan, "position": position},
            {"plan_area_id": plan_area.pk if plan_area else None, "code": item["code"], "text": item["text"]},
        )
        self.count(changed)
        self.summary.statements += 1
        saved = []
        for index, target in enumerate(item["targets"], start=1):
            saved.append(self.target(statement, target, index, saved))
        self.count(statement.targets.exclude(position__lte=len(saved)).delete()[0] > 0)

    def target(self, statement, item, position, previous):
        spec = item["spec"]
        parent = previous[item["sub_of"]] if item["sub_of"] is not None else None
        scope = item["scope"]
        kept = _assignment_kept(statement, position)
        target, changed = _upsert(
            Target,
            {"statement": statement, "position": position},
            {
                "parent_id": parent.pk if parent else None,
                "code": item["code"],
                "text": item["text"],
                "measure": spec.measure,
                "comparator": spec.comparator,
                "direction": spec.direction,
                "value": spec.value,
                "value_max": spec.value_max,
                "unit": spec.unit,
                "stretch": spec.stretch,
                "cumulative": spec.cumulative,
                "baseline_year": spec.baseline_year,
                "note": item["note"],
                "responsible_agency_id": self.agencies[item["responsible"]].pk,
                **({} if kept else {"reporting_scope": scope}),
                # A baseline the plan does not print is entered later (or filled by the demo):
                # reloading the plan must not erase it.
                **(
                    {"baseline_value": spec.baseline_value, "baseline_is_demo": False}
                    if spec.baseline_value is not None
                    else {}
                ),
            },
        )
        self.count(changed)
        if not kept:
            self.count(_set_m2m(target.reporting_levels, [self.levels[c] for c in item["scope_levels"]]))
            self.count(
                _set_m2m(target.reporting_agencies, [self.agencies[c] for c in item["scope_agencies"]])
            )
        self.thresholds(target, spec.levels)
        self.summary.targets += 1
        return target

    def thresholds(self, target, levels):
        existing = {t.level.code: t for t in target.level_thresholds.select_related("level")}
        for code, value in levels.items():
            _obj, changed = _upsert(
                TargetLevelThreshold, {"target": target, "level": self.levels[code]}, {"value": value}
            )
            self.count(changed)
        for code, threshold in existing.items():
            if code not in levels:
                threshold.delete()
                self.count(True)

    def task(self, plan, plan_area, parent, item, position, kept):
        position += 1
        task, changed = _upsert(
            Task,
            {"plan": plan, "position": position},
            {
                "plan_area_id": plan_area.pk,
                "parent_id": parent.pk if parent else None,
                "code": item["code"],
                "text": item["text"],
                "lead_groups": item["lead_groups"],
                "cooperating_groups": item["cooperating_groups"],
                "product": item["product"],
                "due_text": item["due_text"],
                "recurring": item["recurring"],
                # A date the plan does not print is set later by the reviewer (or the demo):
                # reloading the plan must not erase it, as with baselines.
                **({"due_date": item["due_date"]} if item["due_date"] is not None else {}),
            },
        )
        self.count(changed)
        self.count(_set_m2m(task.lead_agencies, [self.agencies[c] for c in item["lead"]]))
        self.count(_set_m2m(task.cooperating_agencies, [self.agencies[c] for c in item["cooperating"]]))
        kept.append(task.pk)
        self.summary.tasks += 1
        for sub in item["subtasks"]:
            position = self.task(plan, plan_area, task, sub, position, kept)
        return position

    def prune(self, plan, statement_count, kept_tasks, area_codes):
        """Remove what an earlier version of the file had and this one does not."""
        removed = plan.target_statements.filter(position__gt=statement_count).delete()[0]
        removed += plan.tasks.exclude(pk__in=kept_tasks).delete()[0]
        removed += plan.areas.exclude(area__code__in=area_codes).delete()[0]
        self.count(removed > 0)


def seed_plans_load(*, paths: list[Path] | None = None) -> LoadSummary:
    """Validate every seed file, then write them all in one transaction (or nothing)."""
    paths = sorted(paths if paths is not None else SEED_DIR.glob("*.yaml"))
    if not paths:
        raise SeedError([f"{SEED_DIR}: không có tệp *.yaml nào"])
    level_codes = set(AdministrativeLevel.objects.values_list("code", flat=True))
    area_codes = set(ReformArea.objects.values_list("code", flat=True))
    problems, documents = [], []
    for path in paths:
        try:
            doc = read_seed_file(path)
        except SeedError as exc:
            problems.extend(exc.problems)
            continue
        file_problems, data = validate_seed(doc, path.name, level_codes, area_codes)
        problems.extend(file_problems)
        documents.append(data)
    if problems:
        raise SeedError(problems)
    summary = LoadSummary()
    with transaction.atomic():
        writer = _Writer(summary)
        for data in documents:
            writer.write(data)
    return summary
