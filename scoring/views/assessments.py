"""A unit's sheet: every leaf with the points computed from the data and their evidence, the
unit's own score, the appraisal, the explanation and the council's decision side by side, and the
forms of whoever may act at this step (the unit's reporter and head, an assigned council member,
the Sở Nội vụ). A refused save shows the page again with every error beside what was typed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cchc.downloads import private_download, stored_file_open

from .. import access, selectors, services, sources
from ..forms import read_points
from ..models import ExplanationRequest, ScoringFile
from ..rules import State, window_open
from ..services import APPRAISABLE, DECIDABLE, Entry, window_label
from .common import assessment_for, error_messages

ERROR_KEYS = ("self", "appraise", "council", "ask")


def _abilities(user, assessment) -> dict:
    round_ = assessment.round
    today = services.today()
    state = assessment.state
    reporter = access.is_unit_reporter(user, assessment.unit_id)
    manager = access.can_manage(user, round_.province)
    return {
        "can_self": reporter
        and state == State.SELF
        and window_open(round_.self_start, round_.self_end, today),
        "can_approve": access.is_unit_head(user, assessment.unit_id) and state == State.HEAD,
        "can_appraise": access.can_appraise(user, assessment)
        and state in APPRAISABLE
        and window_open(round_.appraisal_start, round_.appraisal_end, today),
        "can_ask": access.can_ask_explanations(user, assessment) and state in APPRAISABLE,
        "can_answer": reporter and state == State.EXPLANATION,
        "can_decide": manager and state in DECIDABLE,
        "manager": manager,
        "self_window": window_label(round_.self_start, round_.self_end),
        "appraisal_window": window_label(round_.appraisal_start, round_.appraisal_end),
        "explanation_window": window_label(round_.explanation_start, round_.explanation_end),
    }


def _render(request, assessment, *, typed=None, errors=None, status=200):
    typed, errors = typed or {}, errors or {}
    sheet = selectors.assessment_sheet(assessment)
    for item in sheet.rows:
        if item.score is None:
            continue
        pk = item.score.pk
        item.typed = {
            key: typed.get(f"{key}-{pk}")
            for key in ("self", "reason", "note", "appraise", "comment", "council", "creason", "question")
        }
        item.errors = [m for key in ERROR_KEYS for m in errors.get(f"{key}-{pk}", [])]
    general = [m for key, values in errors.items() if key.split("-")[0] not in ERROR_KEYS for m in values]
    return render(
        request,
        "scoring/assessment.html",
        {
            "assessment": assessment,
            "round": assessment.round,
            "sheet": sheet,
            "set": assessment.criteria_set,
            "general_errors": general,
            "measures": sources.MEASURES,
            **_abilities(request.user, assessment),
        },
        status=status,
    )


@login_required
def assessment_detail(request, pk):
    return _render(request, assessment_for(request, pk))


def _entries(
    request, assessment, points_key: str, text_key: str, *, note_key: str = "", files_key: str = ""
) -> tuple[dict[int, Entry], dict[str, str], dict[str, list]]:
    """Each leaf's inputs from the POST: points read the Vietnamese way, the words as typed."""
    entries, typed, errors = {}, {}, {}
    for pk in assessment.scores.values_list("pk", flat=True):
        name = f"{points_key}-{pk}"
        if name not in request.POST:
            continue
        raw = request.POST.get(name, "")
        typed[name] = raw
        entry = Entry(reason=request.POST.get(f"{text_key}-{pk}", "")[:5000])
        typed[f"{text_key}-{pk}"] = entry.reason
        if note_key:
            entry.note = request.POST.get(f"{note_key}-{pk}", "")[:5000]
            typed[f"{note_key}-{pk}"] = entry.note
        if files_key:
            entry.uploads = request.FILES.getlist(f"{files_key}-{pk}")[:5]
        try:
            entry.points = read_points(raw)
        except ValidationError as error:
            errors[name] = error.messages
        entries[pk] = entry
    return entries, typed, errors


def _save(request, assessment, service, entries_args: tuple, done: str, **kwargs):
    entries, typed, errors = _entries(request, assessment, *entries_args, **kwargs)
    if not errors:
        try:
            changed = service(assessment=assessment, user=request.user, entries=entries)
        except ValidationError as error:
            errors = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
        else:
            messages.success(request, done % {"n": changed})
            return redirect("scoring:assessment", pk=assessment.pk)
    return _render(request, assessment, typed=typed, errors=errors, status=400)


@login_required
@require_POST
def self_save(request, pk):
    assessment = assessment_for(request, pk)
    if not access.is_unit_reporter(request.user, assessment.unit_id):
        raise PermissionDenied
    return _save(
        request,
        assessment,
        services.self_scores_save,
        ("self", "reason"),
        _("Đã lưu điểm tự chấm (%(n)s tiêu chí thay đổi)."),
        note_key="note",
        files_key="files",
    )


@login_required
@require_POST
def appraise(request, pk):
    assessment = assessment_for(request, pk)
    if not access.can_appraise(request.user, assessment):
        raise PermissionDenied
    return _save(
        request,
        assessment,
        services.appraisal_save,
        ("appraise", "comment"),
        _("Đã lưu điểm thẩm định (%(n)s tiêu chí thay đổi)."),
    )


@login_required
@require_POST
def council_decide(request, pk):
    assessment = assessment_for(request, pk)
    access.require_manager(request.user, assessment.round.province)
    return _save(
        request,
        assessment,
        services.council_decide,
        ("council", "creason"),
        _("Đã ghi quyết định của Hội đồng (%(n)s tiêu chí thay đổi)."),
    )


def _act(request, assessment, action, done: str, **kwargs):
    try:
        action(assessment=assessment, user=request.user, **kwargs)
    except ValidationError as error:
        return _render(request, assessment, errors={"__all__": error_messages(error)}, status=400)
    messages.success(request, done)
    return redirect("scoring:assessment", pk=assessment.pk)


@login_required
@require_POST
def assessment_submit(request, pk):
    assessment = assessment_for(request, pk)
    if not access.is_unit_reporter(request.user, assessment.unit_id):
        raise PermissionDenied
    return _act(
        request, assessment, services.assessment_submit, _("Đã trình thủ trưởng duyệt kết quả tự chấm.")
    )


@login_required
@require_POST
def assessment_approve(request, pk):
    assessment = assessment_for(request, pk)
    if not access.is_unit_head(request.user, assessment.unit_id):
        raise PermissionDenied
    if request.POST.get("decision") == "return":
        return _act(
            request,
            assessment,
            services.assessment_return,
            _("Đã trả lại để tự chấm lại."),
            note=request.POST.get("note", "")[:2000],
        )
    return _act(
        request, assessment, services.assessment_approve, _("Đã duyệt và gửi kết quả tự chấm đến Sở Nội vụ.")
    )


@login_required
@require_POST
def explanations_ask(request, pk):
    assessment = assessment_for(request, pk)
    if not access.can_ask_explanations(request.user, assessment):
        raise PermissionDenied
    questions, typed = {}, {}
    for score_pk in assessment.scores.values_list("pk", flat=True):
        if request.POST.get(f"ask-{score_pk}"):
            text = request.POST.get(f"question-{score_pk}", "")[:2000]
            typed[f"question-{score_pk}"] = text
            questions[score_pk] = text or _("Đề nghị đơn vị giải trình về điểm tiêu chí này.")
    try:
        count = services.explanations_request(assessment=assessment, user=request.user, questions=questions)
    except ValidationError as error:
        return _render(
            request, assessment, typed=typed, errors={"__all__": error_messages(error)}, status=400
        )
    messages.success(request, _("Đã gửi yêu cầu giải trình %(n)s tiêu chí.") % {"n": count})
    return redirect("scoring:assessment", pk=pk)


@login_required
@require_POST
def explanation_answer(request, pk):
    request_ = get_object_or_404(
        ExplanationRequest.objects.select_related(
            "score__assessment__round__province", "score__assessment__unit", "score__assessment__criteria_set"
        ),
        pk=pk,
    )
    assessment = request_.score.assessment
    access.require_assessment_reader(request.user, assessment)
    if not access.is_unit_reporter(request.user, assessment.unit_id):
        raise PermissionDenied
    try:
        services.explanation_answer(
            request=request_,
            user=request.user,
            text=request.POST.get("answer", "")[:5000],
            uploads=request.FILES.getlist("files")[:5],
        )
    except ValidationError as error:
        return _render(request, assessment, errors={"__all__": error_messages(error)}, status=400)
    messages.success(request, _("Đã gửi giải trình tiêu chí %(code)s.") % {"code": request_.score.node.code})
    return redirect("scoring:assessment", pk=assessment.pk)


@login_required
def file_download(request, pk):
    """A file attached to a leaf or an explanation: whoever may read its assessment."""
    item = get_object_or_404(ScoringFile, pk=pk)
    if not access.can_read_file(request.user, item, services.file_assessments(item)):
        raise PermissionDenied
    return private_download(
        stored_file_open(item.file), filename=item.name, content_type=sources.CONTENT_TYPES[item.kind]
    )
