"""Report documents (``Report``): drafts, their rendering by Celery, editing, issuing and new
versions. A render is claimed with a conditional UPDATE, so asking twice while one is queued
or running renders once, whichever process asks; an issued report renders only from its
frozen snapshot."""

from __future__ import annotations

import re
import time
import uuid
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from agencies.models import Agency
from cchc import clock
from cchc.jobs import send
from plans.models import Plan, ReportingPeriod

from . import documents
from .models import Report

#: the job that lays out a report's PDF (``reports.tasks``)
RENDER_TASK = "reports.tasks.report_render"

#: a render still "running" after this long was lost with its worker; it may be asked again
RENDER_STALE_AFTER = timedelta(minutes=10)
NUMBER = re.compile(r"^[1-9][0-9]{0,5}$")


def number_error() -> str:
    return _("Số văn bản là một số nguyên dương, ví dụ 12.")


def _documents(period: ReportingPeriod, agency: Agency | None):
    return Report.objects.filter(period=period, agency=agency)


def report_draft_get_or_create(
    *, period: ReportingPeriod, agency: Agency | None = None, user=None, automatic: bool = False
) -> tuple[Report, bool]:
    """The document's draft: the one there is, or a new version carrying the section texts of
    the latest issued one. Two requests at once make one draft (the database allows one)."""
    draft = _documents(period, agency).filter(state=Report.State.DRAFT).first()
    if draft is not None:
        return draft, False
    latest = _documents(period, agency).order_by("-version").first()
    try:
        with transaction.atomic():
            draft = Report.objects.create(
                period=period,
                agency=agency,
                version=latest.version + 1 if latest else 1,
                texts=dict(latest.texts) if latest else {},
                created_by=user,
                automatic=automatic,
            )
    except IntegrityError:
        return _documents(period, agency).get(state=Report.State.DRAFT), False
    return draft, True


def report_render_request(*, report: Report) -> bool:
    """Queue the rendering of ``report`` unless it is queued or running already (or an issued
    report's PDF is made). Returns whether a render was queued."""
    now = timezone.now()
    busy = Q(render_status__in=[Report.Render.QUEUED, Report.Render.RUNNING])
    lost = Q(render_requested_at__lt=now - RENDER_STALE_AFTER)
    queryset = Report.objects.filter(pk=report.pk).filter(~busy | lost)
    if report.state == Report.State.ISSUED:
        queryset = queryset.exclude(render_status=Report.Render.DONE)
    with transaction.atomic():
        queued = queryset.update(
            render_status=Report.Render.QUEUED, render_progress=0, render_error="", render_requested_at=now
        )
        if queued:
            transaction.on_commit(lambda: send(RENDER_TASK, report.pk))  # or the beat job
    report.refresh_from_db()
    return bool(queued)


def _progress(report_id: int, percent: int) -> None:
    Report.objects.filter(pk=report_id).update(render_progress=percent)


def report_render(*, report_id: int) -> bool:
    """The worker's part: claim the queued render, take the figures (a draft only), lay out
    the PDF and store it. Returns False when there was nothing to do (a duplicate message)."""
    started = time.monotonic()
    claimed = Report.objects.filter(pk=report_id, render_status=Report.Render.QUEUED).update(
        render_status=Report.Render.RUNNING,
        render_started_at=timezone.now(),
        render_progress=5,
        render_attempts=F("render_attempts") + 1,
    )
    if not claimed:
        return False
    report = Report.objects.select_related("period__plan__issuer", "agency").get(pk=report_id)
    taken_at: datetime | None
    if report.state == Report.State.DRAFT:
        data, taken_at = report_snapshot(report), timezone.now()
    elif report.data is None:  # issuing takes the previewed figures: an issued report has them
        raise ValueError(f"issued report {report_id} has no figures to render")
    else:
        data, taken_at = report.data, report.data_taken_at
    _progress(report_id, 20)
    pdf = documents.render_pdf(
        data,
        number=report.number,
        issued_on=report.issued_on,
        texts=report.texts,
        draft=report.state == Report.State.DRAFT,
        step=lambda percent: _progress(report_id, 20 + percent * 3 // 4),
    )
    previous = report.file.name
    name = report.file.storage.save(
        f"{report.period.plan.year}/{report.period.plan.code}/{uuid.uuid4().hex}.pdf", ContentFile(pdf)
    )
    Report.objects.filter(pk=report_id).update(
        file=name,
        data=data,
        data_taken_at=taken_at,
        render_status=Report.Render.DONE,
        render_progress=100,
        render_error="",
        render_finished_at=timezone.now(),
        render_ms=int((time.monotonic() - started) * 1000),
    )
    if previous and report.state == Report.State.DRAFT:
        report.file.storage.delete(previous)  # a draft keeps only its latest preview
    return True


def report_render_retry_mark(*, report_id: int, error: str) -> None:
    """A transient failure: back in the queue for the retry, the reason shown meanwhile."""
    Report.objects.filter(pk=report_id).update(
        render_status=Report.Render.QUEUED,
        render_progress=0,
        render_error=_("Lỗi tạm thời, đang thử lại: %(error)s") % {"error": error},
    )


def report_render_fail(*, report_id: int, error: str) -> None:
    Report.objects.filter(pk=report_id).update(
        render_status=Report.Render.FAILED, render_error=error, render_finished_at=timezone.now()
    )


def report_snapshot(report: Report) -> dict:
    if report.agency is not None:
        return documents.agency_report_data(report.period, report.agency)
    return documents.province_report_data(report.period)


def report_texts_save(*, report: Report, texts: dict[str, str]) -> Report:
    """The reviewer's section texts. A text equal to the one written from the figures is not
    kept, so it follows the figures when they change."""
    with transaction.atomic():
        # the stored state, not the page's copy: a report issued meanwhile keeps its texts
        stored = Report.objects.select_for_update().only("state").get(pk=report.pk)
        if stored.state != Report.State.DRAFT:
            raise ValidationError(_("Báo cáo đã phát hành không sửa được; hãy tạo phiên bản mới."))
        defaults = (report.data or {}).get("defaults", {})
        kept = {}
        for key in documents.SECTION_KEYS:
            text = (texts.get(key) or "").replace("\r\n", "\n").strip()
            if key in texts and text != (defaults.get(key) or "").strip():
                kept[key] = text
        if kept != report.texts:
            report.texts = kept
            report.texts_changed_at = timezone.now()
            report.save(update_fields=["texts", "texts_changed_at"])
    return report


def report_issue(*, report: Report, number: str, issued_on: date | None, user) -> Report:
    """Issue the draft as it was last previewed (its figures stay as they were), numbered and
    dated; the PDF is made again with the number and the date. A number is the issuer's for a
    year ("101/BC-UBND" of 2023): taken already, or taken by another reviewer issuing another
    draft at the same moment (the database's constraint decides), it is refused with the
    report that has it, and nothing of this one is written."""
    number = (number or "").strip()
    errors = {}
    if not NUMBER.match(number):
        errors["number"] = number_error()
    if issued_on is None:
        errors["issued_on"] = _("Nhập ngày ban hành (dd/mm/yyyy).")
    with transaction.atomic():
        report = (
            Report.objects.select_for_update(of=("self",))
            .select_related("period__plan__issuer", "agency")
            .get(pk=report.pk)
        )
        if report.state != Report.State.DRAFT:
            raise ValidationError(_("Báo cáo này đã được phát hành."))
        if report.is_busy:
            raise ValidationError(_("Đang tạo bản xem trước; đợi xong rồi phát hành."))
        if report.data is None or report.render_status != Report.Render.DONE:
            raise ValidationError(_("Hãy tạo bản xem trước và kiểm tra trước khi phát hành."))
        if errors or issued_on is None:  # (no date is one of the errors)
            raise ValidationError(errors)
        issuer = report.agency if report.agency is not None else report.period.plan.issuer
        printed = (report.data.get("issuer") or {}).get("symbol")  # what the PDF prints
        series = f"BC-{printed or issuer.symbol or 'UBND'}"
        holder = _number_holder(issuer=issuer, series=series, issued_year=issued_on.year, number=number)
        if holder is not None:
            raise ValidationError({"number": _number_taken_error(holder)})
        report.state = Report.State.ISSUED
        report.number, report.issued_on = number, issued_on
        report.issuer, report.series = issuer, series
        report.issued_year = issued_on.year
        report.issued_by, report.issued_at = user, timezone.now()
        report.render_status = Report.Render.NONE
        try:
            with transaction.atomic():
                report.save()
        except IntegrityError:
            # another draft took the number after the check above (its transaction committed
            # while this one waited on the constraint's index)
            holder = _number_holder(issuer=issuer, series=series, issued_year=issued_on.year, number=number)
            if holder is None:
                raise
            raise ValidationError({"number": _number_taken_error(holder)}) from None
    report_render_request(report=report)
    return report


def _number_holder(*, issuer: Agency, series: str, issued_year: int, number: str) -> Report | None:
    return (
        Report.objects.filter(
            issuer=issuer, series=series, issued_year=issued_year, number=number, state=Report.State.ISSUED
        )
        .select_related("period")
        .first()
    )


def _number_taken_error(holder: Report) -> str:
    return _(
        "Số %(number)s/%(series)s năm %(year)s đã được dùng cho báo cáo %(period)s "
        "(phiên bản %(version)s, ngày %(date)s). Hãy dùng số khác."
    ) % {
        "number": holder.number,
        "series": holder.series,
        "year": holder.issued_year,
        "period": holder.period.title,
        "version": holder.version,
        "date": holder.issued_on.strftime("%d/%m/%Y") if holder.issued_on else "",  # issued: dated
    }


def report_version_new(*, report: Report, user) -> Report:
    """Changes after issuing: a new draft version (the texts carried over), rendered with the
    latest figures; the issued versions stay as they are."""
    draft, _created = report_draft_get_or_create(period=report.period, agency=report.agency, user=user)
    report_render_request(report=draft)
    return draft


def report_drafts_due(*, today: date | None = None) -> list[Report]:
    """Beat: a draft province report for every period whose deadline has passed and that has
    no report yet (plans in force)."""
    today = today or clock.today()
    province_report = Report.objects.filter(period=OuterRef("pk"), agency=None)
    periods = (
        ReportingPeriod.objects.filter(deadline__lt=today, plan__status=Plan.Status.IN_FORCE)
        .filter(~Exists(province_report))
        .select_related("plan")
    )
    made = []
    for period in periods:
        draft, created = report_draft_get_or_create(period=period, automatic=True)
        if created:
            report_render_request(report=draft)
            made.append(draft)
    return made
