"""Report documents: the list per plan, a report's page (status, texts, issuing, versions),
the status the page polls while the PDF is made, and the downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from agencies.access import can_review_plan, own_agency_only
from agencies.models import Agency
from cchc.collation import vietnamese
from cchc.downloads import XLSX, private_download, private_json_download, stored_file_open
from cchc.fields import parse_id
from cchc.text import fold
from plans.access import belongs_together, can_read_plan_dashboard, require_together
from plans.models import Plan, ReportingPeriod
from reporting.models import ProgressRun

from . import documents, services, spreadsheets
from .access import can_read_report, can_write_report
from .forms import ReportIssueForm, ReportTextsForm
from .models import Report

REPORT_RELATED = ("period__plan__issuer", "agency")


def _report(request, report_id) -> Report:
    report = get_object_or_404(Report.objects.select_related(*REPORT_RELATED), pk=report_id)
    if not can_read_report(request.user, report):
        raise PermissionDenied
    return report


@login_required
def report_list(request, plan_id):
    plan = get_object_or_404(Plan.objects.select_related("issuer"), pk=plan_id)
    sees_all = can_read_plan_dashboard(request.user, plan)
    own = own_agency_only(request.user)
    if not sees_all and not belongs_together(plan, own):  # own: an agency's staff, or None
        raise PermissionDenied
    reports = Report.objects.filter(period__plan=plan).select_related(*REPORT_RELATED)
    if not sees_all:
        reports = reports.filter(agency=own)
    by_period: dict[int, list[Report]] = {}
    for report in reports.order_by(vietnamese("agency__name"), "-version"):
        by_period.setdefault(report.period_id, []).append(report)
    can_draft_province = can_review_plan(request.user, plan)
    can_draft_own = own is not None and can_write_report(request.user, plan, own)
    reads_only = not (can_draft_province or can_draft_own)
    periods = [
        (
            p,
            _listed([r for r in by_period.get(p.pk, []) if r.agency_id is None], reads_only),
            _listed([r for r in by_period.get(p.pk, []) if r.agency_id is not None], reads_only),
        )
        for p in plan.periods.order_by("position")
    ]
    agencies = []
    if can_draft_province:
        children = Agency.objects.filter(parent=plan.issuer_id).only("pk", "name")
        agencies = list(children.order_by(vietnamese("name")))
    return render(
        request,
        "reports/report_list.html",
        {
            "plan": plan,
            "periods": periods,
            "sees_all": sees_all,
            "own": own,
            "agencies": agencies,
            "can_draft_province": can_draft_province,
            "can_draft_own": can_draft_own,
        },
    )


def _listed(reports: list[Report], reads_only: bool) -> list[Report]:
    """Who only reads (leadership, an agency's head) sees the issued reports first and the
    drafts after them; who writes sees the draft first (its button opens it)."""
    if not reads_only:
        return reports
    return sorted(reports, key=lambda r: r.state != Report.State.ISSUED)


@login_required
@require_POST
def report_create(request, period_id):
    """Open the draft of the province's report, or of an agency's ("co_quan"), and make its
    preview."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan__issuer"), pk=period_id)
    agency = None
    chosen = request.POST.get("co_quan", "")
    if chosen:
        agency_id = parse_id(chosen)
        if agency_id is None:  # not an id this site printed
            raise Http404
        agency = get_object_or_404(Agency.objects.select_related("parent__parent"), pk=agency_id)
        require_together(period.plan, agency)  # an agency of the plan's province only
    if not can_write_report(request.user, period.plan, agency):
        raise PermissionDenied
    report, created = services.report_draft_get_or_create(period=period, agency=agency, user=request.user)
    if created:
        services.report_render_request(report=report)
    return redirect("reports:report_detail", report.pk)


def _may_write(request, report: Report) -> bool:
    return can_write_report(request.user, report.period.plan, report.agency)


def _detail_context(request, report: Report, *, texts_form=None, issue_form=None) -> dict:
    versions = list(
        Report.objects.filter(period=report.period, agency=report.agency)
        .select_related("issued_by")
        .order_by("-version")
    )
    sections = documents.section_texts(report.data, report.texts)
    run = ProgressRun.objects.filter(period=report.period).first()
    writable = report.state == Report.State.DRAFT and _may_write(request, report)
    if writable and texts_form is None:
        texts_form = ReportTextsForm(sections=sections)
    if writable and issue_form is None:
        issue_form = ReportIssueForm(plan=report.period.plan)
    return {
        "report": report,
        "plan": report.period.plan,
        "versions": versions,
        "texts_form": texts_form if writable else None,
        "issue_form": issue_form if writable else None,
        "can_new_version": report.state == Report.State.ISSUED and _may_write(request, report),
        "figures_newer": bool(
            run
            and report.data_taken_at
            and report.state == Report.State.DRAFT
            and run.computed_at > report.data_taken_at
        ),
        "texts_newer": bool(
            report.texts_changed_at
            and report.render_started_at
            and report.texts_changed_at > report.render_started_at
        ),
        "status_url": reverse("reports:report_status", args=[report.pk]),
        "sections": sections if report.data else [],
    }


@login_required
def report_detail(request, report_id):
    report = _report(request, report_id)
    texts_form = None
    if request.method == "POST":
        if report.state != Report.State.DRAFT or not _may_write(request, report):
            raise PermissionDenied
        texts_form = ReportTextsForm(
            request.POST, sections=documents.section_texts(report.data, report.texts)
        )
        if texts_form.is_valid():
            try:
                services.report_texts_save(report=report, texts=texts_form.cleaned_data)
            except ValidationError as error:  # issued meanwhile (another tab, another reviewer)
                texts_form.add_error(None, error)
                return render(
                    request,
                    "reports/report_detail.html",
                    _detail_context(request, report, texts_form=texts_form),
                    status=400,
                )
            if services.report_render_request(report=report):
                messages.success(request, _("Đã lưu. Bản xem trước đang được tạo lại."))
            else:
                messages.info(
                    request,
                    _(
                        "Đã lưu. Tệp đang được tạo; bấm “Tạo lại bản xem "
                        "trước” khi xong để có nội dung vừa sửa."
                    ),
                )
            return redirect("reports:report_detail", report.pk)
    return render(
        request,
        "reports/report_detail.html",
        _detail_context(request, report, texts_form=texts_form),
        status=400 if texts_form is not None else 200,
    )


@login_required
@require_POST
def report_render(request, report_id):
    report = _report(request, report_id)
    if not _may_write(request, report):
        raise PermissionDenied
    if not services.report_render_request(report=report):
        messages.info(request, _("Tệp đang được tạo; không cần yêu cầu lại."))
    return redirect("reports:report_detail", report.pk)


@login_required
def report_issue(request, report_id):
    """ "Phát hành" asks first: the detail page's form comes here by GET and is shown back,
    number and date, with what issuing does and a button that POSTs; the POST issues."""
    report = _report(request, report_id)
    if not _may_write(request, report):
        raise PermissionDenied
    if request.method != "POST" and report.state != Report.State.DRAFT:
        return redirect("reports:report_detail", report.pk)
    form = ReportIssueForm(request.POST if request.method == "POST" else request.GET, plan=report.period.plan)
    if form.is_valid():
        if request.method != "POST":
            return render(request, "reports/report_issue_confirm.html", {"report": report, "form": form})
        if _issued(request, report, form):
            return redirect("reports:report_detail", report.pk)
    return render(
        request, "reports/report_detail.html", _detail_context(request, report, issue_form=form), status=400
    )


def _issued(request, report: Report, form: ReportIssueForm) -> bool:
    try:
        services.report_issue(
            report=report,
            number=form.cleaned_data["number"],
            issued_on=form.cleaned_data["issued_on"],
            user=request.user,
        )
    except ValidationError as error:
        form.add_error(None, error)  # a per-field error lands on its field
        return False
    messages.success(request, _("Đã phát hành báo cáo số %(n)s.") % {"n": form.cleaned_data["number"]})
    return True


@login_required
@require_POST
def report_new_version(request, report_id):
    report = _report(request, report_id)
    if report.state != Report.State.ISSUED or not _may_write(request, report):
        raise PermissionDenied
    draft = services.report_version_new(report=report, user=request.user)
    return redirect("reports:report_detail", draft.pk)


@login_required
def report_status(request, report_id):
    report = _report(request, report_id)
    return JsonResponse(
        {
            "status": report.render_status,
            "label": report.get_render_status_display(),
            "progress": report.render_progress,
            "error": report.render_error,
            "busy": report.is_busy,
        }
    )


def _filename(report: Report, extension: str) -> str:
    # folded first: slugify drops "Đ" ("Sở KH&ĐT" would be "so-kht")
    who = slugify(fold(report.agency.short_name or report.agency.name)) if report.agency_id else "ubnd-tinh"
    period = slugify(fold(report.period.title))
    return f"bao-cao-cchc-{period}-{who}-v{report.version}.{extension}"


@login_required
def report_pdf(request, report_id):
    """The report's PDF; while it is made again, not the old file (its figures and texts may no
    longer be the report's): back to the report's page, which shows the progress."""
    report = _report(request, report_id)
    if report.is_busy:
        messages.info(request, _("Tệp PDF đang được tạo lại; nút tải hiện ra khi tệp mới xong."))
        return redirect("reports:report_detail", report.pk)
    if not report.file:
        raise Http404(_("Báo cáo chưa có tệp PDF."))
    return private_download(
        stored_file_open(report.file), filename=_filename(report, "pdf"), content_type="application/pdf"
    )


@login_required
def report_xlsx(request, report_id):
    report = _report(request, report_id)
    if report.data is None:
        raise Http404(_("Báo cáo chưa có số liệu."))
    return private_download(
        spreadsheets.report_workbook(report.data, heading=str(report.title)),
        filename=_filename(report, "xlsx"),
        content_type=XLSX,
    )


@login_required
def report_json(request, report_id):
    """The report's figures as JSON: the snapshot its XLSX and PDF are made from."""
    report = _report(request, report_id)
    if report.data is None:
        raise Http404(_("Báo cáo chưa có số liệu."))
    return private_json_download(report.data, filename=_filename(report, "json"))
