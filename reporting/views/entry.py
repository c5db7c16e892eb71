"""The reporter's page: one agency, one period, every target and task assigned to it."""

import logging
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError, IntegrityError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import access_agency, can_write_agency, user_is_reviewer
from agencies.models import Agency
from cchc.clock import today
from cchc.fields import add_service_error, parse_id, plan_date_window
from plans.access import readable_area_ids, require_together
from plans.models import ReportingPeriod
from plans.rules import LockState
from targets.rules import format_number

from ..access import can_approve_as_head, can_withdraw_submission, head_must_approve
from ..evidence import check_upload
from ..forms import TargetLineForm, TaskLineForm
from ..models import EvidenceFile, Submission, TargetResult
from ..selectors.entry import EntrySheet, entry_sheet
from ..selectors.history import submission_history
from ..selectors.locks import agency_lock
from ..services import submissions as services

logger = logging.getLogger(__name__)
TEMPLATE = "reporting/submission_entry.html"


def _initial_target(line):
    r = line.result
    if r is None:
        p = line.proposal  # a bound target's figure from the one-stop system, to confirm
        if p is None:
            return {}
        return {
            "numerator": format_number(p.numerator),
            "denominator": format_number(p.denominator),
            "value": format_number(p.value),
        }
    done = None if r.done is None else ("yes" if r.done else "no")
    return {
        "numerator": format_number(r.numerator),
        "denominator": format_number(r.denominator),
        "value": format_number(r.value),
        "transactions": format_number(r.transactions),
        "done": done,
        "not_applicable": r.not_applicable,
        "not_applicable_reason": r.not_applicable_reason,
        "comment": r.comment,
        "correction_reason": r.correction_reason,
    }


def _initial_task(line):
    u = line.update
    if u is None:
        return {}
    return {
        "progress": u.progress,
        "percent": u.percent,
        "completed_on": u.completed_on,
        "evidence_number": u.evidence_number,
        "evidence_date": u.evidence_date,
        "evidence_token": u.evidence_file_id,
        "not_applicable": u.not_applicable,
        "note": u.note,
    }


def _forms(sheet, data=None, files=None, evidence=None):
    """One form per line. ``evidence``: the agency's files the task lines may point at; on a
    GET, the ones already attached."""
    if evidence is None:
        evidence = {
            line.update.evidence_file_id: line.update.evidence_file
            for line in sheet.task_lines
            if line.update and line.update.evidence_file_id
        }
    plan = sheet.period.plan
    window = plan_date_window(plan.year, plan.end_year)
    for line in sheet.target_lines:
        line.form = TargetLineForm(
            data,
            target=line.target,
            proposal=line.proposal,
            prefix=f"t{line.target.pk}",
            initial=_initial_target(line),
        )
    for line in sheet.task_lines:
        line.form = TaskLineForm(
            data,
            files,
            task=line.task,
            prefix=f"k{line.task.pk}",
            initial=_initial_task(line),
            evidence_files=evidence,
            date_window=window,
            # today, or the end of an old period's window (its work was done by then)
            calendar_opens=min(today(), sheet.period.window_end),
        )
    return [line.form for line in sheet.target_lines + sheet.task_lines]


def _store_uploads(request, sheet, agency):
    """Keep every valid uploaded evidence file at once and point its line at it, so a page
    refused for another reason does not lose the files (an invalid file stays in ``files`` for
    its form to explain). Returns the data, the remaining files and the agency's files the
    lines may point at (one query)."""
    data, files = request.POST.copy(), request.FILES.copy()
    for line in sheet.task_lines:
        key = f"k{line.task.pk}-evidence_upload"
        upload = files.get(key)
        if upload is None:
            continue
        try:
            kind = check_upload(upload)
        except ValidationError:
            continue
        stored = services.evidence_store(upload=upload, kind=kind, agency=agency, user=request.user)
        data[f"k{line.task.pk}-evidence_token"] = str(stored.pk)
        del files[key]
    tokens = set()
    for line in sheet.task_lines:
        token = parse_id(data.get(f"k{line.task.pk}-evidence_token", ""))
        if token is not None:
            tokens.add(token)
    evidence = {e.pk: e for e in EvidenceFile.objects.filter(agency=agency, pk__in=tokens)}
    return data, files, evidence


def _stale_message(period, agency) -> str:
    """Who saved the report since this page was opened, and when (local time)."""
    current = Submission.objects.filter(period=period, agency=agency).first()
    last = current.history.select_related("history_user").first() if current else None
    who = _("người khác")
    if last is not None and last.history_user is not None:
        who = last.history_user.get_full_name() or last.history_user.username
    when = date_format(timezone.localtime(current.updated_at), "DATETIME_FORMAT") if current else "—"
    return _(
        "Báo cáo này vừa được %(who)s lưu lúc %(when)s, sau khi bạn mở trang. Số "
        "liệu bạn nhập vẫn còn trên trang nhưng chưa được lưu: hãy mở báo cáo ở "
        "thẻ khác để xem bản mới, rồi nhập lại những chỗ cần sửa."
    ) % {"who": who, "when": when}


def _show_line_errors(sheet, error: services.LinesInvalidError) -> None:
    """Put what the model refused beside the line's fields (or atop the line)."""
    lines = sheet.target_lines if error.model is TargetResult else sheet.task_lines
    forms = {(line.target.pk if error.model is TargetResult else line.task.pk): line.form for line in lines}
    for key, fields in error.lines.items():
        if key in forms:
            add_service_error(forms[key], ValidationError(fields))


def _locked_message(lock) -> str:
    return _(
        "Kỳ báo cáo đã khóa từ ngày %(date)s nên chưa lưu được. Số liệu bạn nhập vẫn còn "
        "trên trang: hãy đề nghị Sở Nội vụ mở lại kỳ báo cáo cho cơ quan rồi lưu lại."
    ) % {"date": lock.locks_on.strftime("%d/%m/%Y")}


@dataclass
class _Page:
    """What the page needs before anything is typed: the sheet, who may write it, the lock."""

    period: ReportingPeriod
    agency: Agency
    area_ids: set[int] | None
    sheet: EntrySheet
    lock: LockState
    writer: bool
    locked_out: bool

    def withdrawable(self, user) -> bool:
        """The agency's reporter may take the report back: sent, not yet opened by the Sở Nội vụ,
        or waiting for the agency's head (``submission_withdraw``)."""
        s = self.sheet.submission
        return bool(
            s is not None
            and (
                (s.status == Submission.Status.SUBMITTED and s.opened_at is None)
                or s.status == Submission.Status.AWAITING_HEAD
            )
            and can_withdraw_submission(user, self.agency)
        )

    def head_decides(self, user) -> bool:
        """The agency's head has this report waiting for their approval."""
        s = self.sheet.submission
        return bool(
            s is not None
            and s.status == Submission.Status.AWAITING_HEAD
            and can_approve_as_head(user, self.agency)
        )

    def context(self, request, **extra) -> dict:
        version = self.sheet.submission.version if self.sheet.submission else 0
        return {
            "sheet": self.sheet,
            "version": version,
            "lock": self.lock,
            "locked_out": self.locked_out,
            "statuses": Submission.Status,
            "reviewer": user_is_reviewer(request.user),
            "area_limited": self.area_ids is not None,
            "withdrawable": self.withdrawable(request.user),
            "head_decides": self.head_decides(request.user),
            "head_approval": head_must_approve(self.agency),
            **extra,
        }


def _readable(request, period_id, agency_id) -> tuple[ReportingPeriod, Agency, set[int] | None]:
    """The period and agency of a report the user may read, and the plan areas whose lines
    they read (None: all); the entry page's and its history's one check."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan__issuer"), pk=period_id)
    agency = access_agency(
        request.user,
        get_object_or_404(Agency.objects.select_related("level", "parent__parent"), pk=agency_id),
    )
    require_together(period.plan, agency)  # a period of one province, an agency of another
    area_ids = readable_area_ids(request.user, period.plan)
    if area_ids is not None and not area_ids:
        raise PermissionDenied  # a coordinator whose agency leads no area of this plan
    return period, agency, area_ids


def _page(request, period_id, agency_id) -> _Page:
    period, agency, area_ids = _readable(request, period_id, agency_id)
    sheet = entry_sheet(period=period, agency=agency, area_ids=area_ids)
    lock = agency_lock(period, agency.pk)
    writer = can_write_agency(request.user, agency) and (
        sheet.submission is None or sheet.submission.is_editable_by_agency
    )
    locked_out = (
        writer
        and lock.locked
        and sheet.status != Submission.Status.RETURNED
        and not user_is_reviewer(request.user)
    )
    return _Page(period, agency, area_ids, sheet, lock, writer, locked_out)


@login_required
def submission_entry(request, period_id, agency_id):
    page = _page(request, period_id, agency_id)
    if request.method == "POST":
        if not page.writer:
            raise PermissionDenied
        return _post(request, page)
    _forms(page.sheet)
    return render(request, TEMPLATE, page.context(request, editable=page.writer and not page.locked_out))


@login_required
def submission_entry_history(request, period_id, agency_id):
    """The report's history, read when the reporter opens it on the entry page (``?phan=1``:
    the list alone, for the page to put in place) or as a page of its own; a coordinator reads
    the lines of their areas only, as on the entry page."""
    period, agency, area_ids = _readable(request, period_id, agency_id)
    submission = Submission.objects.filter(period=period, agency=agency).first()
    history = submission_history(submission, area_ids=area_ids) if submission else []
    if request.GET.get("phan"):
        return render(request, "reporting/_history_list.html", {"history": history})
    context = {"history": history, "period": period, "agency": agency}
    return render(request, "reporting/submission_entry_history.html", context)


@login_required
@require_POST
def submission_withdraw(request, period_id, agency_id):
    """Rút lại: the agency takes back the report it sent, while the Sở Nội vụ has not opened
    it; the page says whether it could."""
    page = _page(request, period_id, agency_id)
    if not can_withdraw_submission(request.user, page.agency) or page.sheet.submission is None:
        raise PermissionDenied
    try:
        services.submission_withdraw(submission=page.sheet.submission, user=request.user)
    except services.NotWithdrawableError:
        messages.error(
            request,
            _(
                "Không rút lại được: Sở Nội vụ đã mở hoặc đã xử lý báo cáo. Nếu cần sửa, hãy "
                "đề nghị Sở Nội vụ trả lại báo cáo."
            ),
        )
    else:
        messages.success(
            request, _("Đã rút lại báo cáo: báo cáo trở về trạng thái đang nhập; sửa xong hãy gửi lại.")
        )
    return redirect("reporting:submission_entry", period_id, agency_id)


@login_required
@require_POST
def submission_head_decide(request, period_id, agency_id):
    """The agency's head approves the report waiting for them ("Duyệt và gửi Sở Nội vụ") or
    returns it to the reporter with a reason; the page says what became of it."""
    page = _page(request, period_id, agency_id)
    if not can_approve_as_head(request.user, page.agency):
        raise PermissionDenied
    messages.add_message(request, *_head_decision(request, page.sheet.submission))
    return redirect("reporting:submission_entry", period_id, agency_id)


def _head_decision(request, submission) -> tuple[int, str]:
    """Approve or return (``head_reason``) as the head asked, and what to tell them."""
    gone = _("Báo cáo không còn chờ thủ trưởng duyệt: cán bộ đầu mối đã rút lại hoặc đã xử lý.")
    if submission is None:
        return messages.ERROR, gone
    try:
        if "approve" in request.POST:
            services.submission_head_approve(submission=submission, user=request.user)
            return messages.SUCCESS, _("Đã duyệt và gửi báo cáo tới Sở Nội vụ.")
        reason = request.POST.get("head_reason", "")
        services.submission_head_return(submission=submission, user=request.user, reason=reason)
        return messages.SUCCESS, _("Đã trả lại báo cáo cho cán bộ đầu mối kèm lý do.")
    except services.ReturnReasonMissingError:
        return messages.ERROR, _("Chưa trả lại: hãy ghi lý do để cán bộ đầu mối biết cần sửa gì.")
    except services.NotAwaitingHeadError:
        return messages.ERROR, gone
    except services.PeriodLockedError as exc:
        return messages.ERROR, _(
            "Kỳ báo cáo đã khóa từ ngày %(date)s nên chưa gửi được: hãy đề nghị Sở Nội vụ mở lại "
            "kỳ báo cáo cho cơ quan rồi duyệt lại."
        ) % {"date": exc.lock.locks_on.strftime("%d/%m/%Y")}


def _post(request, page: _Page):
    """Save every line that reads well as a draft (the others stay on the page as typed, with
    their messages), and send the report when asked and nothing is missing. What was typed is
    shown again whatever refuses it."""
    sheet = page.sheet
    if page.locked_out:
        _forms(sheet, request.POST)
        return _kept(request, page, _locked_message(page.lock), status=403)
    _forms(sheet, *_store_uploads(request, sheet, page.agency))
    targets = [line for line in sheet.target_lines if line.form.is_valid()]
    tasks = [line for line in sheet.task_lines if line.form.is_valid()]
    unread = len(sheet.target_lines) + len(sheet.task_lines) - len(targets) - len(tasks)
    try:
        outcome = services.submission_enter(
            period=page.period,
            agency=page.agency,
            user=request.user,
            version=_version(request),
            target_values={line.target: line.form.line_values() for line in targets},
            task_values={line.task: line.form.line_values() for line in tasks},
            send="submit" in request.POST and not unread,
            sheet=sheet,
        )
    except (services.StaleSubmissionError, IntegrityError):
        # saved meanwhile, or the same page sent twice at once (the other copy won)
        return _kept(request, page, _stale_message(page.period, page.agency), status=409)
    except services.PeriodLockedError as exc:
        return _kept(request, page, _locked_message(exc.lock), status=403)
    except services.LinesInvalidError as exc:
        _show_line_errors(sheet, exc)
        return _refused(request, page)
    except (ValidationError, DataError) as exc:
        return _kept(request, page, _unwritable_message(page, exc), status=400)
    if unread or outcome.missing:
        sheet.submission = outcome.submission  # the page carries the version just saved
        return _partly_saved(request, page, outcome, sending="submit" in request.POST)
    messages.add_message(request, *_outcome_message(outcome))
    return redirect(request.path)


def _partly_saved(request, page: _Page, outcome, *, sending: bool):
    """The page again after a save that left something out: the lines that did not read well
    (red, as typed), or, when sending, the lines that are not ready (each named, with what it
    lacks, beside its fields)."""
    sheet = page.sheet
    targets = [line.target.code for line in sheet.target_lines if line.form.errors]
    tasks = [line.task.code for line in sheet.task_lines if line.form.errors]
    if targets or tasks:
        # a target and a task may share a code ("1.a"): each list named
        named = ([_("chỉ tiêu %(codes)s") % {"codes": ", ".join(targets)}] if targets else []) + (
            [_("nhiệm vụ %(codes)s") % {"codes": ", ".join(tasks)}] if tasks else []
        )
        text = _(
            "Đã lưu nháp các dòng nhập đúng. Chưa lưu %(n)s dòng có ô nhập chưa đúng (tô đỏ bên "
            "dưới): %(lines)s. Số liệu bạn đã nhập vẫn được giữ nguyên trên trang."
        ) % {"n": len(targets) + len(tasks), "lines": "; ".join(named)}
        if sending:
            text += " " + _("Báo cáo chưa được gửi.")
        messages.error(request, text)
    if outcome.missing:
        _show_missing(sheet, outcome.missing)
        messages.warning(
            request,
            _("Đã lưu nháp. Chưa gửi được vì còn %(n)s dòng chưa đủ: %(lines)s.")
            % {"n": len(outcome.missing), "lines": "; ".join(str(line) for line in outcome.missing)}
            + " "
            + _(
                "Nhập số liệu hoặc chọn “Không phát sinh” kèm lý do; nhiệm vụ đã hoàn thành cần "
                "tệp, số và ngày văn bản kiểm chứng."
            ),
        )
    return render(
        request,
        TEMPLATE,
        page.context(request, editable=True),
    )


#: where a line's gap is shown on the page (``reporting.rules``); None: atop the line
_GAP_FIELDS = {
    "evidence_file": "evidence_upload",
    "evidence_number": "evidence_number",
    "evidence_date": "evidence_date",
    "half_rate": None,
    "empty": None,
}


def _show_missing(sheet, missing) -> None:
    """Put what each line lacks to be sent beside its fields."""
    forms = {("target", line.target.pk): line.form for line in sheet.target_lines}
    forms |= {("task", line.task.pk): line.form for line in sheet.task_lines}
    for line in missing:
        form = forms.get((line.kind, line.key))
        if form is None:
            continue
        for gap, reason in zip(line.gaps, line.reasons, strict=True):
            form.add_error(_GAP_FIELDS.get(gap), _("Cần để gửi: %s.") % reason)


def _version(request) -> int:
    """The version the page was made from; a page this server did not make is out of date."""
    version = parse_id(request.POST.get("version", ""))
    return -1 if version is None else version


def _outcome_message(outcome) -> tuple[int, str]:
    if outcome.sent and outcome.submission.status == Submission.Status.AWAITING_HEAD:
        return messages.SUCCESS, _(
            "Đã trình thủ trưởng cơ quan duyệt. Báo cáo chưa tới Sở Nội vụ: thủ trưởng duyệt thì "
            "báo cáo mới được gửi."
        )
    if outcome.sent:
        return messages.SUCCESS, _("Đã gửi báo cáo tới Sở Nội vụ.")
    return messages.SUCCESS, _("Đã lưu nháp.")


def _unwritable_message(page: _Page, exc) -> str:
    """No form lets such a value through; if one does, say so (and log it) and keep the
    typing."""
    logger.exception("entry of %s for %s refused by the model", page.period, page.agency)
    return _("Chưa lưu: số liệu không ghi được (%s). Số liệu bạn đã nhập vẫn được giữ nguyên.") % "; ".join(
        getattr(exc, "messages", []) or [_("giá trị vượt giới hạn")]
    )


def _kept(request, page: _Page, message: str, *, status: int):
    """The page again with what was typed and why it was not saved."""
    messages.error(request, message)
    return render(request, TEMPLATE, page.context(request, editable=True), status=status)


def _refused(request, page: _Page):
    """The page again with every line's errors and what was typed."""
    messages.error(
        request, _("Chưa lưu: có ô nhập chưa đúng (tô đỏ bên dưới). Số liệu bạn đã nhập vẫn được giữ nguyên.")
    )
    return render(request, TEMPLATE, page.context(request, editable=True))
