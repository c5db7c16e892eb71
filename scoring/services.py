"""Writes of the scoring, one service per act (keyword-only ``<entity>_<action>``). Each checks
who may do it, in which step and window, and refuses with a Vietnamese ``ValidationError`` that
names the field or leaf it is about; nothing is half written (one transaction each). Every
change of a leaf's points goes through ``save()`` or ``bulk_update_with_history`` so that its
history says who, when and why."""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from agencies.models import Agency
from cchc.collation import vietnamese
from cchc.history import history_attribute
from cchc.uploads import UploadError, spreadsheet_read

from . import access, documents, jobs, sources
from .imports import CriteriaImportError, NodeSpec, criteria_rows_read, survey_rows_read
from .models import (
    Assessment,
    CouncilMembership,
    CriteriaNode,
    CriteriaSet,
    ExplanationRequest,
    LeafScore,
    Publication,
    ScoringFile,
    ScoringRound,
)
from .rules import (
    GROUP_OF_KIND,
    Group,
    RuleKind,
    State,
    next_state,
    points_label,
    validate_bands,
    validate_rule,
    window_open,
)
from .rules import score as rule_score

RECOMPUTED = "Tính lại từ dữ liệu kế hoạch"


def today() -> date:
    return timezone.localdate()


# --- criteria sets -------------------------------------------------------------------------------


def criteria_set_problems(*, criteria_set: CriteriaSet) -> list[str]:
    """What keeps a set from being published, in Vietnamese (empty: nothing): a parent whose
    children do not add up to its maximum, a leaf without a valid rule, a binding to an unknown
    measure or one whose values its rule cannot score, bands that overlap, no group."""
    problems: list[str] = []
    nodes = list(criteria_set.nodes.order_by("position"))
    if not nodes:
        problems.append(_("Bộ chỉ số chưa có tiêu chí nào."))
    groups = criteria_set.applies_to
    if not isinstance(groups, list) or not groups or any(g not in Group.values for g in groups):
        problems.append(
            _("Nhóm đơn vị áp dụng phải là một hoặc nhiều trong: %(groups)s.")
            % {"groups": ", ".join(Group.values)}
        )
    problems += validate_bands(criteria_set.bands)
    children: dict[int, list[CriteriaNode]] = {}
    for node in nodes:
        if node.parent_id:
            children.setdefault(node.parent_id, []).append(node)
    for node in nodes:
        kids = children.get(node.pk)
        if kids:
            total = sum((k.max_points for k in kids), Decimal(0))
            if total != node.max_points:
                problems.append(
                    _("%(code)s: điểm tối đa %(max)s nhưng các tiêu chí bên dưới cộng lại %(sum)s.")
                    % {"code": node.code, "max": points_label(node.max_points), "sum": points_label(total)}
                )
            if node.rule_kind or node.measure:
                problems.append(
                    _("%(code)s có tiêu chí con nên không có cách chấm riêng.") % {"code": node.code}
                )
            continue
        for problem in validate_rule(node.rule_kind, node.rule_params, node.max_points):
            problems.append(f"{node.code}: {problem}")
        problems += [
            f"{node.code}: {p}" for p in binding_problems(node.measure, node.rule_kind, node.rule_params)
        ]
    return problems


def binding_problems(measure: str, kind: str, params: Mapping) -> list[str]:
    """Whether a leaf's rule can score its measure's values."""
    if not measure:
        return []
    spec = sources.MEASURES.get(measure)
    if spec is None:
        return [_("không có số liệu “%(code)s” để gắn.") % {"code": measure}]
    if spec.value_kind == "tier":
        keys = {t.get("key") for t in params.get("tiers", [])} if kind == RuleKind.TIERED else set()
        if not {"dung_han", "muon"} <= keys:
            return [
                _("số liệu “%(label)s” cần cách chấm theo mức có các mã dung_han và muon.")
                % {"label": spec.label}
            ]
    elif kind not in (RuleKind.BANDS, RuleKind.RATIO, RuleKind.YES_NO):
        return [
            _("số liệu “%(label)s” là một tỷ lệ: cần cách chấm theo khoảng, tỷ lệ hoặc có/không.")
            % {"label": spec.label}
        ]
    return []


def _editable(criteria_set: CriteriaSet) -> None:
    if criteria_set.is_published:
        raise ValidationError(_("Bộ chỉ số đã ban hành không sửa được; hãy tạo phiên bản mới."))
    if criteria_set.assessments.exists():
        raise ValidationError(_("Bộ chỉ số đã được dùng để chấm điểm, không thay được cây tiêu chí."))


@transaction.atomic
def criteria_nodes_replace(*, criteria_set: CriteriaSet, specs: list[NodeSpec]) -> int:
    """Replace a draft set's tree with ``specs`` (in printed order, parents before children)."""
    _editable(criteria_set)
    criteria_set.nodes.all().delete()
    areas = sources.reform_area_ids()
    by_code: dict[str, CriteriaNode] = {}
    for position, spec in enumerate(specs, start=1):
        node = CriteriaNode.objects.create(
            criteria_set=criteria_set,
            parent=by_code.get(spec.parent_code or ""),
            level=spec.level,
            code=spec.code,
            title=spec.title,
            max_points=spec.max_points,
            position=position,
            reform_area_id=areas.get(spec.area),
            rule_kind=spec.rule_kind,
            rule_params=spec.rule_params,
            guidance=spec.guidance,
            evidence_asked=spec.evidence,
            measure=spec.measure,
            measure_params=spec.measure_params,
        )
        by_code[spec.code] = node
    return len(by_code)


def criteria_set_import(*, criteria_set: CriteriaSet, content: bytes, user) -> int:
    """A draft set's tree from an XLSX in the printed layout: every row or none. Refusals list
    every problem by its row (``CriteriaImportError.errors``)."""
    access.require_manager(user, criteria_set.province)
    _editable(criteria_set)
    try:
        sheet = spreadsheet_read(content)
    except UploadError as error:
        raise CriteriaImportError([str(error)]) from error
    specs = criteria_rows_read(sheet.rows)
    return criteria_nodes_replace(criteria_set=criteria_set, specs=specs)


@transaction.atomic
def criteria_set_publish(*, criteria_set: CriteriaSet, user) -> CriteriaSet:
    access.require_manager(user, criteria_set.province)
    criteria_set = CriteriaSet.objects.select_for_update().get(pk=criteria_set.pk)
    if criteria_set.is_published:
        raise ValidationError(_("Bộ chỉ số này đã ban hành."))
    problems = criteria_set_problems(criteria_set=criteria_set)
    if problems:
        raise ValidationError(problems)
    criteria_set.status = CriteriaSet.Status.PUBLISHED
    criteria_set.published_at, criteria_set.published_by = timezone.now(), user
    history_attribute(criteria_set, user=user, reason=_("Ban hành"))
    criteria_set.save()
    return criteria_set


@transaction.atomic
def criteria_set_copy(
    *, source: CriteriaSet, user, year: int | None = None, province: Agency | None = None
) -> CriteriaSet:
    """A new draft from ``source``: next year's set (``year``, default the year after), or a new
    version of the same year. The tree, the rules and the bindings are copied; the decision is
    not (the new set will have its own)."""
    province = province or source.province
    if user is not None:
        access.require_manager(user, province)
    year = year or source.year + 1
    last = (
        (
            CriteriaSet.objects.filter(province=province, year=year, code=source.code).aggregate(
                v=Max("version")
            )["v"]
        )
        or 0
    )
    copy = CriteriaSet.objects.create(
        province=province,
        year=year,
        code=source.code,
        version=last + 1,
        title=source.title.replace(str(source.year), str(year)) if year != source.year else source.title,
        applies_to=list(source.applies_to),
        bands=list(source.bands),
        is_example=source.is_example,
        source_note=source.source_note,
        copied_from=source,
    )
    by_old: dict[int, CriteriaNode] = {}
    for node in source.nodes.order_by("position"):
        by_old[node.pk] = CriteriaNode.objects.create(
            criteria_set=copy,
            parent=None if node.parent_id is None else by_old.get(node.parent_id),
            level=node.level,
            code=node.code,
            title=node.title,
            max_points=node.max_points,
            position=node.position,
            reform_area_id=node.reform_area_id,
            rule_kind=node.rule_kind,
            rule_params=node.rule_params,
            guidance=node.guidance,
            evidence_asked=node.evidence_asked,
            measure=node.measure,
            measure_params=node.measure_params,
        )
    return copy


# --- the round ------------------------------------------------------------------------------------


def _published_sets(province: Agency, year: int) -> dict[str, CriteriaSet]:
    """The set each group is scored on: the latest published version of each code."""
    latest: dict[str, CriteriaSet] = {}
    for criteria_set in CriteriaSet.objects.filter(
        province=province, year=year, status=CriteriaSet.Status.PUBLISHED
    ).order_by("code", "-version"):
        latest.setdefault(criteria_set.code, criteria_set)
    by_group: dict[str, CriteriaSet] = {}
    for criteria_set in latest.values():
        for group in criteria_set.applies_to:
            if group in by_group:
                raise ValidationError(
                    _("Nhóm “%(group)s” có hai bộ chỉ số đã ban hành năm %(year)s: %(a)s và %(b)s.")
                    % {
                        "group": dict(Group.choices).get(group, group),
                        "year": year,
                        "a": by_group[group].title,
                        "b": criteria_set.title,
                    }
                )
            by_group[group] = criteria_set
    return by_group


def province_units(province: Agency, year: int) -> list[Agency]:
    """The province's scored units in ``year``: its sở and Văn phòng UBND, its UBND cấp huyện
    (before 1/7/2025) and UBND xã (directly or under a district), in force on 31 December (or
    on the last day they existed that year)."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    units = (
        Agency.objects.filter(kind__in=list(GROUP_OF_KIND))
        .filter(Q(parent=province) | Q(parent__parent=province))
        .exclude(valid_to__lt=start)
        .exclude(valid_from__gt=end)
        .order_by("kind", vietnamese("name"))
    )
    return list(units)


@transaction.atomic
def scoring_round_open(
    *,
    province: Agency,
    year: int,
    user=None,
    title: str = "",
    is_demo: bool = False,
    windows: Mapping | None = None,
) -> ScoringRound:
    """The province's round for ``year`` with an assessment (and a row per leaf) for each of its
    units whose group has a published set; units added since are added on a second call. Their
    bound leaves are computed right after (a recompute is asked for)."""
    if user is not None:
        access.require_manager(user, province)
    sets = _published_sets(province, year)
    if not sets:
        raise ValidationError(_("Chưa có bộ chỉ số nào đã ban hành cho năm %(year)s.") % {"year": year})
    round_, _new = ScoringRound.objects.get_or_create(
        province=province,
        year=year,
        defaults={
            "title": title or _("Chấm điểm Chỉ số CCHC năm %(year)s") % {"year": year},
            "is_demo": is_demo,
            **(windows or {}),
        },
    )
    existing = set(round_.assessments.values_list("unit_id", flat=True))
    leaves_of: dict[int, list[int]] = {}
    new_scores = []
    for unit in province_units(province, year):
        group = GROUP_OF_KIND[unit.kind]
        criteria_set = sets.get(group)
        if criteria_set is None or unit.pk in existing:
            continue
        if criteria_set.pk not in leaves_of:
            leaves_of[criteria_set.pk] = list(
                criteria_set.nodes.filter(children__isnull=True).values_list("pk", flat=True)
            )
        assessment = Assessment.objects.create(
            round=round_, unit=unit, criteria_set=criteria_set, group=group, is_demo=is_demo
        )
        new_scores += [LeafScore(assessment=assessment, node_id=n) for n in leaves_of[criteria_set.pk]]
    LeafScore.objects.bulk_create(new_scores, batch_size=2000)
    jobs.recompute_request(round_.pk)
    return round_


@transaction.atomic
def round_windows_set(*, round_: ScoringRound, user, **dates) -> ScoringRound:
    access.require_manager(user, round_.province)
    for name, value in dates.items():
        if name not in {
            "self_start",
            "self_end",
            "appraisal_start",
            "appraisal_end",
            "explanation_start",
            "explanation_end",
        }:
            raise ValueError(name)
        setattr(round_, name, value)
    errors = {}
    for step in ("self", "appraisal", "explanation"):
        start, end = getattr(round_, f"{step}_start"), getattr(round_, f"{step}_end")
        if start and end and end < start:
            errors[f"{step}_end"] = _("Ngày kết thúc trước ngày bắt đầu.")
    if errors:
        raise ValidationError(errors)
    history_attribute(round_, user=user, reason=_("Đặt thời hạn các bước"))
    round_.save()
    return round_


@transaction.atomic
def council_member_set(
    *, round_: ScoringRound, member, units: Iterable[Agency], user=None, title: str = ""
) -> CouncilMembership:
    if user is not None:
        access.require_manager(user, round_.province)
    units = list(units)
    assessed = set(round_.assessments.values_list("unit_id", flat=True))
    if any(u.pk not in assessed for u in units):
        raise ValidationError(_("Chỉ phân công các đơn vị được chấm điểm trong đợt này."))
    membership, _new = CouncilMembership.objects.update_or_create(
        round=round_, user=member, defaults={"title": title}
    )
    membership.units.set(units)
    return membership


# --- a leaf's points --------------------------------------------------------------------------------


@dataclass
class Entry:
    """What a page sends for one leaf: points as typed (None: left empty), words, files."""

    points: Decimal | None = None
    reason: str = ""
    note: str = ""
    uploads: list = field(default_factory=list)
    given: bool = True  # the field was on the page


def _scores(assessment: Assessment, ids: Iterable[int]) -> dict[int, LeafScore]:
    return {
        s.pk: s
        for s in LeafScore.objects.select_for_update(of=("self",))
        .select_related("node")
        .filter(assessment=assessment, pk__in=list(ids))
    }


def _check_points(score: LeafScore, points: Decimal | None, key: str, errors: dict) -> None:
    if points is None:
        return
    maximum = score.node.max_points
    if points < 0 or points > maximum:
        errors.setdefault(key, []).append(_("Điểm phải từ 0 đến %(max)s.") % {"max": points_label(maximum)})
    elif points != points.quantize(Decimal("0.01")):
        errors.setdefault(key, []).append(_("Tối đa 2 chữ số thập phân."))


def _store_files(uploads, unit_id: int, user, key: str, errors: dict) -> list[ScoringFile]:
    stored = []
    for upload in uploads:
        try:
            kind = sources.check_upload(upload)
        except ValidationError as error:
            errors.setdefault(key, []).extend(error.messages)
            continue
        stored.append((upload, kind))
    if errors:
        return []
    files = []
    for upload, kind in stored:
        item = ScoringFile(
            unit_id=unit_id,
            name=sources.safe_name(upload.name),
            kind=kind,
            size=upload.size,
            sha256=sources.sha256_of(upload),
            uploaded_by=user,
        )
        item.file.save(item.name, upload, save=False)
        item.save()
        files.append(item)
    return files


def _transition(assessment: Assessment, action: str) -> None:
    state = next_state(assessment.state, action)
    if state is None:
        raise ValidationError(
            _("Không thể làm việc này ở bước “%(state)s”.") % {"state": assessment.get_state_display()}
        )
    assessment.state = state


def _locked(assessment: Assessment) -> Assessment:
    return (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("round__province", "unit")
        .get(pk=assessment.pk)
    )


@transaction.atomic
def self_scores_save(
    *, assessment: Assessment, user, entries: Mapping[int, Entry], on: date | None = None
) -> int:
    """The unit's reporter scores its leaves (points, the reason when they differ from the points
    computed from the data, an explanation, evidence files), while the assessment is being
    self-scored and within the round's window. All or nothing; errors keyed ``self-<leaf id>``."""
    assessment = _locked(assessment)
    if not access.is_unit_reporter(user, assessment.unit_id):
        raise PermissionDenied
    if assessment.state != State.SELF:
        raise ValidationError(_("Đơn vị đã gửi kết quả tự chấm; không sửa được nữa."))
    round_ = assessment.round
    if not window_open(round_.self_start, round_.self_end, on or today()):
        raise ValidationError(
            _("Ngoài thời hạn tự chấm điểm (%(window)s).")
            % {"window": window_label(round_.self_start, round_.self_end)}
        )
    scores = _scores(assessment, entries)
    errors: dict[str, list[str]] = {}
    changed = 0
    for pk, entry in entries.items():
        score = scores.get(pk)
        if score is None:
            raise ValidationError(_("Tiêu chí không thuộc kết quả chấm điểm này."))
        if score.node.rule_kind == RuleKind.SURVEY:
            continue
        key = f"self-{pk}"
        points = entry.points if entry.given else score.self_points
        _check_points(score, points, key, errors)
        reason = entry.reason.strip()
        if (
            points is not None
            and score.computed_points is not None
            and points != score.computed_points
            and not reason
        ):
            errors.setdefault(key, []).append(
                _("Điểm khác điểm tính từ dữ liệu (%(computed)s): cần ghi lý do.")
                % {"computed": points_label(score.computed_points)}
            )
        files = _store_files(entry.uploads, assessment.unit_id, user, key, errors)
        if errors:
            continue
        new = (points, reason if points != score.computed_points else "", entry.note.strip())
        if new != (score.self_points, score.self_reason, score.self_note) or files:
            score.self_points, score.self_reason, score.self_note = new
            history_attribute(score, user=user, reason=reason or _("Tự chấm"))
            score.save()
            score.files.add(*files)
            changed += 1
    if errors:
        transaction.set_rollback(True)
        raise ValidationError(errors)
    return changed


def window_label(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{start:%d/%m/%Y} – {end:%d/%m/%Y}"
    if end:
        return _("đến %(day)s") % {"day": f"{end:%d/%m/%Y}"}
    if start:
        return _("từ %(day)s") % {"day": f"{start:%d/%m/%Y}"}
    return _("không giới hạn")


@transaction.atomic
def assessment_submit(*, assessment: Assessment, user, on: date | None = None) -> Assessment:
    """The reporter sends the self-assessment to the head: every leaf but the survey's scored."""
    assessment = _locked(assessment)
    if not access.is_unit_reporter(user, assessment.unit_id):
        raise PermissionDenied
    round_ = assessment.round
    if not window_open(round_.self_start, round_.self_end, on or today()):
        raise ValidationError(
            _("Ngoài thời hạn tự chấm điểm (%(window)s).")
            % {"window": window_label(round_.self_start, round_.self_end)}
        )
    missing = list(
        assessment.scores.filter(self_points__isnull=True)
        .exclude(node__rule_kind=RuleKind.SURVEY)
        .order_by("node__position")
        .values_list("node__code", flat=True)
    )
    if missing:
        raise ValidationError(_("Chưa tự chấm các tiêu chí: %(codes)s.") % {"codes": ", ".join(missing)})
    _transition(assessment, "submit")
    assessment.submitted_by, assessment.submitted_at = user, timezone.now()
    assessment.return_note = ""
    history_attribute(assessment, user=user, reason=_("Trình thủ trưởng"))
    assessment.save()
    return assessment


@transaction.atomic
def assessment_approve(*, assessment: Assessment, user) -> Assessment:
    """The head approves the self-assessment: it is sent to the Sở Nội vụ."""
    assessment = _locked(assessment)
    if not access.is_unit_head(user, assessment.unit_id):
        raise PermissionDenied
    _transition(assessment, "approve")
    assessment.approved_by, assessment.approved_at = user, timezone.now()
    history_attribute(assessment, user=user, reason=_("Thủ trưởng duyệt, gửi Sở Nội vụ"))
    assessment.save()
    return assessment


@transaction.atomic
def assessment_return(*, assessment: Assessment, user, note: str) -> Assessment:
    assessment = _locked(assessment)
    if not access.is_unit_head(user, assessment.unit_id):
        raise PermissionDenied
    if not note.strip():
        raise ValidationError({"note": _("Ghi lý do trả lại.")})
    _transition(assessment, "return")
    assessment.return_note = note.strip()
    history_attribute(assessment, user=user, reason=note.strip())
    assessment.save()
    return assessment


APPRAISABLE = {State.SENT, State.APPRAISAL, State.EXPLANATION}


@transaction.atomic
def appraisal_save(
    *, assessment: Assessment, user, entries: Mapping[int, Entry], on: date | None = None
) -> int:
    """A council member assigned to the unit scores its leaves with a comment (required when the
    points differ from the unit's own or from those computed from the data), within the
    appraisal window. Errors keyed ``appraise-<leaf id>``."""
    assessment = _locked(assessment)
    if not access.can_appraise(user, assessment):
        raise PermissionDenied
    if assessment.state not in APPRAISABLE:
        raise ValidationError(
            _("Không thẩm định được ở bước “%(state)s”.") % {"state": assessment.get_state_display()}
        )
    round_ = assessment.round
    if not window_open(round_.appraisal_start, round_.appraisal_end, on or today()):
        raise ValidationError(
            _("Ngoài thời hạn thẩm định (%(window)s).")
            % {"window": window_label(round_.appraisal_start, round_.appraisal_end)}
        )
    scores = _scores(assessment, entries)
    errors: dict[str, list[str]] = {}
    changed = 0
    now = timezone.now()
    for pk, entry in entries.items():
        score = scores.get(pk)
        if score is None:
            raise ValidationError(_("Tiêu chí không thuộc kết quả chấm điểm này."))
        if score.node.rule_kind == RuleKind.SURVEY or not entry.given:
            continue
        key = f"appraise-{pk}"
        _check_points(score, entry.points, key, errors)
        comment = entry.reason.strip()
        differs = entry.points is not None and (
            (score.self_points is not None and entry.points != score.self_points)
            or (score.computed_points is not None and entry.points != score.computed_points)
        )
        if differs and not comment:
            errors.setdefault(key, []).append(
                _("Điểm thẩm định khác điểm tự chấm hoặc điểm tính từ dữ liệu: cần ghi nhận xét.")
            )
        if errors or (entry.points, comment) == (score.appraised_points, score.appraisal_comment):
            continue
        score.appraised_points, score.appraisal_comment = entry.points, comment
        score.appraised_by, score.appraised_at = user, now
        history_attribute(score, user=user, reason=comment or _("Thẩm định"))
        score.save()
        changed += 1
    if errors:
        transaction.set_rollback(True)
        raise ValidationError(errors)
    if changed and assessment.state == State.SENT:
        _transition(assessment, "appraise")
        history_attribute(assessment, user=user, reason=_("Bắt đầu thẩm định"))
        assessment.save()
    return changed


@transaction.atomic
def explanations_request(
    *, assessment: Assessment, user, questions: Mapping[int, str], on: date | None = None
) -> int:
    """The Sở Nội vụ or an assigned council member asks the unit to explain chosen leaves, by the
    round's deadline."""
    assessment = _locked(assessment)
    if not access.can_ask_explanations(user, assessment):
        raise PermissionDenied
    if assessment.state not in APPRAISABLE:
        raise ValidationError(
            _("Không yêu cầu giải trình được ở bước “%(state)s”.") % {"state": assessment.get_state_display()}
        )
    asked = {pk: q.strip() for pk, q in questions.items() if q and q.strip()}
    if not asked:
        raise ValidationError(_("Chọn ít nhất một tiêu chí và ghi nội dung cần giải trình."))
    scores = _scores(assessment, asked)
    for pk, question in asked.items():
        score = scores.get(pk)
        if score is None:
            raise ValidationError(_("Tiêu chí không thuộc kết quả chấm điểm này."))
        ExplanationRequest.objects.update_or_create(
            score=score,
            defaults={"question": question, "requested_by": user, "due_on": assessment.round.explanation_end},
        )
    if assessment.state != State.EXPLANATION:
        _transition(assessment, "ask")
        history_attribute(assessment, user=user, reason=_("Yêu cầu giải trình"))
        assessment.save()
    return len(asked)


@transaction.atomic
def explanation_answer(
    *, request: ExplanationRequest, user, text: str, uploads=(), on: date | None = None
) -> ExplanationRequest:
    """The unit's reporter answers a request with text and files, by its deadline."""
    request = (
        ExplanationRequest.objects.select_for_update(of=("self",))
        .select_related("score__assessment__round")
        .get(pk=request.pk)
    )
    assessment = request.score.assessment
    if not access.is_unit_reporter(user, assessment.unit_id):
        raise PermissionDenied
    if assessment.state != State.EXPLANATION:
        raise ValidationError(_("Không còn ở bước giải trình."))
    day = on or today()
    if request.due_on and day > request.due_on:
        raise ValidationError(_("Đã quá hạn giải trình (%(day)s).") % {"day": f"{request.due_on:%d/%m/%Y}"})
    if not text.strip():
        raise ValidationError({"answer": _("Ghi nội dung giải trình.")})
    errors: dict[str, list[str]] = {}
    files = _store_files(uploads, assessment.unit_id, user, "files", errors)
    if errors:
        raise ValidationError(errors)
    request.answer, request.answered_by, request.answered_at = text.strip(), user, timezone.now()
    history_attribute(request, user=user, reason=_("Giải trình"))
    request.save()
    request.files.add(*files)
    return request


DECIDABLE = {State.SENT, State.APPRAISAL, State.EXPLANATION, State.COUNCIL}


@transaction.atomic
def council_decide(*, assessment: Assessment, user, entries: Mapping[int, Entry]) -> int:
    """The Sở Nội vụ records the council's decision: the leaves it changed, each with its reason
    (the others keep the appraisal). The assessment is then decided."""
    assessment = _locked(assessment)
    access.require_manager(user, assessment.round.province)
    if assessment.state not in DECIDABLE:
        raise ValidationError(
            _("Không ghi quyết định của Hội đồng được ở bước “%(state)s”.")
            % {"state": assessment.get_state_display()}
        )
    scores = _scores(assessment, entries)
    errors: dict[str, list[str]] = {}
    changed = 0
    for pk, entry in entries.items():
        score = scores.get(pk)
        if score is None:
            raise ValidationError(_("Tiêu chí không thuộc kết quả chấm điểm này."))
        if not entry.given or score.node.rule_kind == RuleKind.SURVEY:
            continue
        key = f"council-{pk}"
        _check_points(score, entry.points, key, errors)
        reason = entry.reason.strip()
        if entry.points is not None and not reason:
            errors.setdefault(key, []).append(_("Ghi lý do Hội đồng quyết định điểm này."))
        if errors or (entry.points, reason if entry.points is not None else "") == (
            score.council_points,
            score.council_reason,
        ):
            continue
        score.council_points = entry.points
        score.council_reason = reason if entry.points is not None else ""
        history_attribute(score, user=user, reason=reason or _("Hội đồng giữ điểm thẩm định"))
        score.save()
        changed += 1
    if errors:
        transaction.set_rollback(True)
        raise ValidationError(errors)
    _transition(assessment, "decide")
    history_attribute(assessment, user=user, reason=_("Hội đồng thẩm định quyết định"))
    assessment.save()
    return changed


@transaction.atomic
def survey_points_set(
    *, round_: ScoringRound, user, points: Mapping[tuple[int, int], Decimal | None], reason: str = ""
) -> int:
    """The survey's points per unit and survey leaf ({(assessment id, node id): points}), before
    the result is fixed. Errors keyed ``survey-<assessment id>-<node id>``."""
    access.require_manager(user, round_.province)
    if round_.is_final:
        raise ValidationError(_("Kết quả đã chốt; không sửa điểm điều tra được nữa."))
    scores = {
        (s.assessment_id, s.node_id): s
        for s in LeafScore.objects.select_for_update(of=("self",))
        .select_related("node")
        .filter(
            assessment__round=round_,
            node__rule_kind=RuleKind.SURVEY,
            assessment_id__in={a for a, _n in points},
        )
    }
    errors: dict[str, list[str]] = {}
    changed = 0
    for key, value in points.items():
        score = scores.get(key)
        if score is None:
            raise ValidationError(_("Tiêu chí điều tra không thuộc đợt này."))
        name = f"survey-{key[0]}-{key[1]}"
        _check_points(score, value, name, errors)
        if errors or value == score.survey_points:
            continue
        score.survey_points = value
        history_attribute(score, user=user, reason=reason or _("Điểm điều tra xã hội học"))
        score.save()
        changed += 1
    if errors:
        transaction.set_rollback(True)
        raise ValidationError(errors)
    return changed


def survey_import(*, round_: ScoringRound, user, content: bytes) -> int:
    """Survey points from an XLSX, one row per unit (its code and name, then one column per survey
    leaf, headed by its code): every cell or none, problems named by row and column."""
    access.require_manager(user, round_.province)
    try:
        sheet = spreadsheet_read(content)
    except UploadError as error:
        raise CriteriaImportError([str(error)]) from error
    units = dict(round_.assessments.values_list("unit__code", "pk"))
    leaves = LeafScore.objects.filter(assessment__round=round_, node__rule_kind=RuleKind.SURVEY).values_list(
        "assessment_id", "node__code", "node_id", "node__max_points"
    )
    node_of = {(a, code): (n, maximum) for a, code, n, maximum in leaves}
    values = survey_rows_read(sheet.rows, units, node_of)
    return survey_points_set(
        round_=round_, user=user, points=values, reason=_("Nhập từ tệp kết quả điều tra")
    )


@transaction.atomic
def round_finalize(*, round_: ScoringRound, user) -> ScoringRound:
    """Fix the result: every unit's assessment decided by the council and every survey leaf
    scored. The index, the ranking and the bands follow from the final points."""
    access.require_manager(user, round_.province)
    round_ = ScoringRound.objects.select_for_update().get(pk=round_.pk)
    if round_.is_final:
        raise ValidationError(_("Kết quả của đợt đã chốt."))
    waiting = list(
        round_.assessments.exclude(state=State.COUNCIL)
        .order_by(vietnamese("unit__name"))
        .values_list("unit__name", flat=True)
    )
    if waiting:
        raise ValidationError(
            _("Hội đồng chưa quyết định kết quả của: %(units)s.") % {"units": "; ".join(waiting)}
        )
    no_survey = list(
        LeafScore.objects.filter(
            assessment__round=round_, node__rule_kind=RuleKind.SURVEY, survey_points__isnull=True
        )
        .order_by(vietnamese("assessment__unit__name"))
        .values_list("assessment__unit__name", flat=True)
        .distinct()
    )
    if no_survey:
        raise ValidationError(
            _("Chưa có điểm điều tra xã hội học của: %(units)s.")
            % {"units": "; ".join(dict.fromkeys(no_survey))}
        )
    for assessment in round_.assessments.all():
        _transition(assessment, "finalize")
        history_attribute(assessment, user=user, reason=_("Chốt kết quả"))
        assessment.save()
    round_.finalized_at, round_.finalized_by = timezone.now(), user
    history_attribute(round_, user=user, reason=_("Chốt kết quả"))
    round_.save()
    return round_


# --- computed from the plan's data ---------------------------------------------------------------------


@dataclass
class ComputeSummary:
    assessments: int = 0
    leaves: int = 0
    changed: int = 0
    milliseconds: int = 0


def round_scores_compute(*, round_id: int, as_of: date | None = None) -> ComputeSummary:
    """Compute every bound leaf of every unit of the round not yet final, from the plan's data as
    of ``as_of`` (today): the year period once its window has ended, else the latest period
    ended. The points and their evidence are stored beside each leaf; a unit still
    self-scoring that has not changed the proposal gets the new points as its proposal.
    Idempotent: a second run changes nothing."""
    started = time.monotonic()
    summary = ComputeSummary()
    with transaction.atomic():
        round_ = ScoringRound.objects.select_for_update().select_related("province").get(pk=round_id)
        plan = sources.year_plan(round_.province_id, round_.year)
        day = as_of or today()
        period = None
        if plan is not None:
            period = (
                plan.year_period
                if plan.year_period and plan.year_period.window_end <= day
                else plan.ended_by(day)
            )
        scores = list(
            LeafScore.objects.select_for_update(of=("self",))
            .filter(assessment__round=round_)
            .exclude(assessment__state=State.FINAL)
            .exclude(node__measure="")
            .select_related("node", "assessment")
        )  # every field: the history copies them
        units = sorted({s.assessment.unit_id for s in scores})
        summary.assessments = len({s.assessment_id for s in scores})
        summary.leaves = len(scores)
        results = {}
        if plan is not None and units:
            results = sources.measures_compute(
                plan, period, units, [(s.node.measure, s.node.measure_params) for s in scores]
            )
        now = timezone.now()
        changed = []
        for score in scores:
            node = score.node
            found = results.get(sources.binding_key(node.measure, node.measure_params), {})
            result = found.get(score.assessment.unit_id)
            if plan is None:
                result = sources.MeasureResult(
                    None, reason=_("Tỉnh chưa có kế hoạch CCHC năm %(year)s.") % {"year": round_.year}
                )
            outcome = rule_score(
                node.rule_kind, node.rule_params, node.max_points, result.value if result else None
            )
            evidence = {
                **(result.as_json() if result else {}),
                "measure": node.measure,
                "points_reason": outcome.reason,
                "as_of": f"{day:%d/%m/%Y}",
            }
            if (outcome.points, evidence) == (score.computed_points, score.computed_evidence):
                continue
            proposal_untouched = score.self_points is None or (
                score.self_points == score.computed_points and not score.self_reason
            )
            if score.assessment.state == State.SELF and proposal_untouched:
                score.self_points = outcome.points
            score.computed_points, score.computed_evidence = outcome.points, evidence
            score.computed_at = now
            changed.append(score)
        if changed:
            bulk_update_with_history(
                changed,
                LeafScore,
                ["computed_points", "computed_evidence", "computed_at", "self_points"],
                batch_size=1000,
                default_change_reason=RECOMPUTED,
            )
        summary.changed = len(changed)
        round_.computed_at = now
        summary.milliseconds = int((time.monotonic() - started) * 1000)
        round_.computed_ms = summary.milliseconds
        ScoringRound.objects.filter(pk=round_.pk).update(computed_at=now, computed_ms=summary.milliseconds)
    return summary


# --- publication --------------------------------------------------------------------------------------

NUMBER_PATTERN = r"^[1-9][0-9]{0,5}$"


@transaction.atomic
def publication_draft(*, round_: ScoringRound, user) -> Publication:
    """The draft of the Quyết định công bố of a final round (the existing draft if there is one),
    with its snapshot of the ranking; its PDF is made in the background."""
    access.require_manager(user, round_.province)
    if not round_.is_final:
        raise ValidationError(_("Chốt kết quả trước khi lập quyết định công bố."))
    if round_.publications.filter(state=Publication.State.ISSUED).exists():
        raise ValidationError(_("Quyết định công bố của đợt này đã ban hành."))
    publication = round_.publications.filter(state=Publication.State.DRAFT).first()
    if publication is None:
        publication = Publication(round=round_, created_by=user, is_demo=round_.is_demo)
    publication.data = documents.publication_data(round_)
    publication.data_taken_at = timezone.now()
    publication.save()
    publication_render_request(publication=publication)
    return publication


def publication_render_request(*, publication: Publication) -> None:
    """Ask for the PDF: recorded on the row, sent once committed (the beat job sends again what
    the broker never got)."""
    Publication.objects.filter(pk=publication.pk).update(
        render_status=Publication.Render.QUEUED, render_requested_at=timezone.now(), render_error=""
    )
    jobs.render_request(publication.pk)


def publication_render(*, publication_id: int) -> bool:
    """Make the PDF of a queued publication (claimed with a conditional update, so a duplicate
    message does nothing)."""
    claimed = Publication.objects.filter(pk=publication_id, render_status=Publication.Render.QUEUED).update(
        render_status=Publication.Render.RUNNING, render_started_at=timezone.now()
    )
    if not claimed:
        return False
    publication = Publication.objects.select_related("round__province").get(pk=publication_id)
    if publication.data is None:  # a draft is made with its snapshot: a publication has one
        raise ValueError(f"publication {publication_id} has no ranking to lay out")
    pdf = documents.publication_pdf(
        publication.data, number=publication.number, issued_on=publication.issued_on
    )
    old = publication.file.name if publication.file else ""
    publication.file.save(documents.publication_filename(publication), ContentFile(pdf), save=False)
    publication.render_status = Publication.Render.DONE
    publication.render_finished_at = timezone.now()
    publication.render_attempts += 1
    publication.save(update_fields=["file", "render_status", "render_finished_at", "render_attempts"])
    if old and old != publication.file.name:
        publication.file.storage.delete(old)
    return True


def publication_render_fail(*, publication_id: int, error: str) -> None:
    Publication.objects.filter(pk=publication_id).update(
        render_status=Publication.Render.FAILED, render_error=error[:500], render_finished_at=timezone.now()
    )


def publication_issue(*, publication: Publication, number: str, issued_on: date | None, user) -> Publication:
    """Issue the draft as previewed, numbered and dated: its ranking is frozen (``data``) and
    every unit of the province can read it. A number already used by the issuer that year is
    refused."""
    number = (number or "").strip()
    errors = {}
    if not re.match(NUMBER_PATTERN, number):
        errors["number"] = _("Số quyết định là một số nguyên dương, ví dụ 12.")
    if issued_on is None:
        errors["issued_on"] = _("Nhập ngày ban hành (dd/mm/yyyy).")
    with transaction.atomic():
        publication = (
            Publication.objects.select_for_update(of=("self",))
            .select_related("round__province")
            .get(pk=publication.pk)
        )
        access.require_manager(user, publication.round.province)
        if publication.is_issued:
            raise ValidationError(_("Quyết định này đã ban hành."))
        if publication.is_busy or publication.render_status != Publication.Render.DONE:
            raise ValidationError(_("Hãy tạo bản xem trước và kiểm tra trước khi ban hành."))
        if errors or issued_on is None:  # (no date is one of the errors)
            raise ValidationError(errors)
        issuer = publication.round.province
        series = f"QĐ-{issuer.symbol or 'UBND'}"
        holder = Publication.objects.filter(
            issuer=issuer,
            series=series,
            issued_year=issued_on.year,
            number=number,
            state=Publication.State.ISSUED,
        ).first()
        if holder is not None:
            raise ValidationError(
                {
                    "number": _("Số %(number)s/%(series)s năm %(year)s đã dùng.")
                    % {"number": number, "series": series, "year": issued_on.year}
                }
            )
        publication.state = Publication.State.ISSUED
        publication.number, publication.issued_on = number, issued_on
        publication.issuer, publication.series, publication.issued_year = (issuer, series, issued_on.year)
        publication.issued_by, publication.issued_at = user, timezone.now()
        try:
            with transaction.atomic():
                publication.save()
        except IntegrityError:
            raise ValidationError(
                {
                    "number": _("Số %(number)s/%(series)s năm %(year)s đã dùng.")
                    % {"number": number, "series": series, "year": issued_on.year}
                }
            ) from None
        publication_render_request(publication=publication)
    return publication


# --- files ---------------------------------------------------------------------------------------------


def file_assessments(scoring_file: ScoringFile) -> list[Assessment]:
    """The assessments a file is attached to (through a leaf or an explanation)."""
    ids = set(scoring_file.leaf_scores.values_list("assessment_id", flat=True)) | set(
        scoring_file.explanations.values_list("score__assessment_id", flat=True)
    )
    return list(Assessment.objects.filter(pk__in=ids).select_related("round__province"))
