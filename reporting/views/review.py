"""The reviewer's side: the queue of a period and one submission to approve or return."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from agencies.access import require_plan_reviewer
from plans.models import ReportingPeriod

from ..access import head_must_approve
from ..forms import ReturnForm
from ..models import Submission
from ..selectors.history import submission_history
from ..selectors.locks import period_locks
from ..selectors.review import changes_since_return, review_queue, submission_review_lines
from ..services import submissions as services


@login_required
def period_review_queue(request, period_id):
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan__issuer"), pk=period_id)
    require_plan_reviewer(request.user, period.plan)
    rows = review_queue(period)
    period_lock, reopened = period_locks(period)
    for row in rows:
        row.lock, row.reopening = reopened.get(row.agency.pk, (period_lock, None))
    counts = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    # each row named as its tile is ("Chờ duyệt", not the agency's "Đã gửi"; "Chưa gửi" as on the
    # dashboards); a report still with its head where the province no longer asks for one keeps
    # its own name
    states = _queue_states(period)
    labels = dict(states)
    for row in rows:
        row.label = labels.get(row.state) or row.submission.get_status_display()
    wanted = request.GET.get("trang_thai", "")
    if wanted:
        rows = [r for r in rows if r.state == wanted]
    return render(
        request,
        "reporting/review_queue.html",
        {
            "period": period,
            "rows": rows,
            "counts": counts,
            "wanted": wanted,
            "period_lock": period_lock,
            "periods": period.plan.periods.order_by("position"),
            "states": states,
        },
    )


def _queue_states(period) -> list[tuple[str, str]]:
    """The queue's tiles; "Chờ thủ trưởng duyệt" where the province's heads approve first."""
    states = [
        ("submitted", _("Chờ duyệt")),
        ("returned", _("Bị trả lại")),
        ("approved", _("Đã duyệt")),
        ("draft", _("Đang nhập")),
        ("missing", _("Chưa gửi")),
    ]
    if head_must_approve(period.plan.issuer):
        states.insert(3, ("to_head", _("Chờ thủ trưởng duyệt")))
    return states


def _review_page(request, submission, previous, results, updates, form, *, status=200):
    for error in form.non_field_errors():
        messages.error(request, error)
    if any(form.errors.get(name) for name in form.fields if name != "__all__"):
        messages.error(
            request, _("Lý do trả lại chưa đúng (quá dài hoặc có ký tự không hợp lệ); hãy gõ lại lý do.")
        )
    _keep_marks(form, results, updates)
    return render(
        request,
        "reporting/submission_review.html",
        {
            "resent": changes_since_return(submission, results, updates),
            "submission": submission,
            "previous": previous,
            "results": results,
            "updates": updates,
            "posted": request.POST if request.method == "POST" else {},
            "form": form,
            "history": submission_history(submission),
        },
        status=status,
    )


def _keep_marks(form, results, updates) -> None:
    """The lines the reviewer ticked "trả lại", and their reasons, as posted: a page that comes
    back with an error keeps them."""
    for side, lines in (("t", results), ("k", updates)):
        for line in lines:
            line.marked = bool(form[f"return-{side}{line.pk}"].value()) if form.is_bound else False
            line.note_typed = (form[f"note-{side}{line.pk}"].value() or "") if form.is_bound else ""


def _decided_meanwhile(request):
    messages.error(
        request,
        _(
            "Báo cáo vừa được duyệt hoặc trả lại (ở một cửa sổ khác, hoặc "
            "bởi người khác); xem lại trạng thái bên dưới."
        ),
    )
    return redirect(request.path)


@login_required
def submission_review(request, submission_id):
    submission = get_object_or_404(
        Submission.objects.select_related("agency", "period__plan__issuer", "submitted_by"), pk=submission_id
    )
    require_plan_reviewer(request.user, submission.period.plan)
    previous, results, updates = submission_review_lines(submission)
    form = ReturnForm(request.POST if request.method == "POST" else None, results=results, updates=updates)
    if request.method != "POST":
        if services.submission_open(submission=submission, user=request.user):
            submission.refresh_from_db(fields=["opened_at"])  # the agency can no longer withdraw it
        return _review_page(request, submission, previous, results, updates, form)
    if submission.status != Submission.Status.SUBMITTED:
        messages.error(request, _("Chỉ duyệt hoặc trả lại được báo cáo đang chờ duyệt."))
        return redirect(request.path)
    if "approve" not in request.POST and not form.is_valid():
        return _review_page(request, submission, previous, results, updates, form, status=400)
    try:
        if "approve" in request.POST:
            services.submission_approve(submission=submission, user=request.user)
            messages.success(request, _("Đã duyệt báo cáo của %s.") % submission.agency)
        else:
            services.submission_return(
                submission=submission,
                user=request.user,
                reason=form.cleaned_data["reason"],
                target_notes=form.target_notes,
                task_notes=form.task_notes,
            )
            messages.success(request, _("Đã trả lại báo cáo của %s.") % submission.agency)
    except services.AlreadyDecidedError:
        return _decided_meanwhile(request)
    return redirect("reporting:review_queue", submission.period_id)
