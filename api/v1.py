"""The read API, version 1 (``/api/v1/``), with django-ninja: GET only, a client system's token,
its province only, lists paginated (``page``, ``page_size`` up to 200). Its OpenAPI schema is
``/api/v1/openapi.json`` and the browsable documentation ``/api/v1/docs`` (Swagger UI from
django-ninja's own static files: no CDN)."""

from __future__ import annotations

import json

from django.http import Http404, HttpResponse
from django.utils.text import slugify
from ninja import NinjaAPI
from ninja.pagination import PageNumberPagination, paginate

from cchc.downloads import XLSX, private_download, stored_file_open
from reports import spreadsheets

from . import schemas, selectors
from .auth import ClientToken, RateLimited
from .caching import cached_period_list

DESCRIPTION = """
API chỉ đọc số liệu kế hoạch cải cách hành chính của **một tỉnh** cho hệ thống thông tin báo cáo
của tỉnh và các hệ thống khác.

- Xác thực: `Authorization: Bearer <mã truy cập>`; mã do quản trị viên cấp cho từng hệ thống
  (chỉ hiện một lần), gắn với một tỉnh, có thể bị thu hồi.
- Chỉ đọc (GET); mỗi mã tối đa một số lượt gọi mỗi phút (quá thì trả 429 kèm `Retry-After`);
  mọi lượt gọi được ghi nhật ký.
- Chỉ có số liệu **đã duyệt**: không bao giờ có số liệu đang nhập hay chờ duyệt, báo cáo dự thảo
  hay kế hoạch dự thảo.
- Ngày theo ISO 8601, số là số. Danh sách phân trang: `page` (từ 1), `page_size` (tối đa 200).
"""


class Pages(PageNumberPagination):
    def __init__(self, **kwargs):
        super().__init__(page_size=50, max_page_size=200, **kwargs)


api = NinjaAPI(
    title="CCHC — API đọc số liệu",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api-v1",
    auth=ClientToken(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@api.exception_handler(RateLimited)
def _rate_limited(request, exc: RateLimited):
    response = api.create_response(
        request, {"detail": "Quá số lượt gọi cho phép trong một phút; thử lại sau."}, status=429
    )
    response["Retry-After"] = str(exc.retry_after)
    return response


def _found(obj):
    if obj is None:
        raise Http404
    return obj


ERRORS = {401: schemas.ErrorOut, 404: schemas.ErrorOut, 429: schemas.ErrorOut}


@api.get("/plans", response=list[schemas.PlanOut], tags=["Kế hoạch"], summary="Các kế hoạch của tỉnh")
@paginate(Pages)
def plan_list(request):
    return selectors.province_plans(request.auth.province)


@api.get(
    "/plans/{plan_id}",
    response={200: schemas.PlanDetailOut, **ERRORS},
    tags=["Kế hoạch"],
    summary="Một kế hoạch với lĩnh vực, chỉ tiêu và nhiệm vụ",
)
def plan_detail(request, plan_id: int):
    return _found(selectors.plan_detail(request.auth.province, plan_id))


@api.get(
    "/plans/{plan_id}/periods",
    response={200: list[schemas.PeriodOut], **ERRORS},
    tags=["Kế hoạch"],
    summary="Các kỳ báo cáo của kế hoạch",
)
def plan_periods(request, plan_id: int):
    plan = _found(selectors.province_plans(request.auth.province).filter(pk=plan_id).first())
    return list(plan.periods.order_by("position"))


@api.get(
    "/periods/{period_id}/figures",
    response={200: list[schemas.FigureOut], **ERRORS},
    tags=["Số liệu"],
    summary="Số liệu đã duyệt của các chỉ tiêu trong kỳ (cả tỉnh hoặc từng cơ quan)",
)
@cached_period_list(schemas.FigureOut)
@paginate(Pages)
def period_figures(request, period_id: int, scope: str = "province", agency_id: int | None = None):
    """``scope``: ``province`` (số liệu cả tỉnh) hoặc ``agency`` (từng cơ quan; ``agency_id``
    để lấy một cơ quan)."""
    period = _found(selectors.province_period(request.auth.province, period_id))
    return selectors.period_figures(
        period, scope="agency" if scope == "agency" else "province", agency_id=agency_id
    )


@api.get(
    "/periods/{period_id}/tasks",
    response={200: list[schemas.TaskStatusOut], **ERRORS},
    tags=["Số liệu"],
    summary="Tình trạng các nhiệm vụ tại kỳ báo cáo",
)
@cached_period_list(schemas.TaskStatusOut)
@paginate(Pages)
def period_tasks(request, period_id: int):
    return selectors.period_tasks(_found(selectors.province_period(request.auth.province, period_id)))


@api.get(
    "/periods/{period_id}/compliance",
    response={200: list[schemas.ComplianceOut], **ERRORS},
    tags=["Số liệu"],
    summary="Tình hình báo cáo của các cơ quan trong kỳ",
)
@cached_period_list(schemas.ComplianceOut)
@paginate(Pages)
def period_compliance(request, period_id: int):
    return selectors.period_compliance(_found(selectors.province_period(request.auth.province, period_id)))


@api.get(
    "/reports", response=list[schemas.ReportOut], tags=["Báo cáo"], summary="Các báo cáo định kỳ đã phát hành"
)
@paginate(Pages)
def report_list(request, plan_id: int | None = None):
    return selectors.issued_reports(request.auth.province, plan_id=plan_id)


def _report(request, report_id: int):
    return _found(selectors.issued_report(request.auth.province, report_id))


def _filename(report, ext: str) -> str:
    who = slugify(report.agency.short_name or report.agency.name) if report.agency_id else "ubnd-tinh"
    return f"bao-cao-{report.period.kind}-{report.period.window_end.year}-{who}-v{report.version}.{ext}"


@api.get(
    "/reports/{report_id}/pdf",
    response={200: None, **ERRORS},
    tags=["Báo cáo"],
    summary="Tệp PDF của báo cáo",
)
def report_pdf(request, report_id: int):
    report = _report(request, report_id)
    if not report.file:
        raise Http404
    return private_download(
        stored_file_open(report.file), filename=_filename(report, "pdf"), content_type="application/pdf"
    )


@api.get(
    "/reports/{report_id}/xlsx",
    response={200: None, **ERRORS},
    tags=["Báo cáo"],
    summary="Tệp XLSX của báo cáo",
)
def report_xlsx(request, report_id: int):
    report = _report(request, report_id)
    return private_download(
        spreadsheets.report_workbook(report.data, heading=str(report.title)),
        filename=_filename(report, "xlsx"),
        content_type=XLSX,
    )


@api.get(
    "/reports/{report_id}/json",
    response={200: None, **ERRORS},
    tags=["Báo cáo"],
    summary="Số liệu của báo cáo (JSON, cùng số liệu với tệp XLSX)",
)
def report_json(request, report_id: int):
    report = _report(request, report_id)
    response = HttpResponse(
        json.dumps(report.data, ensure_ascii=False, indent=1), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(report, "json")}"'
    return response


@api.get(
    "/par-index",
    response=list[schemas.ParResultOut],
    tags=["Chỉ số CCHC"],
    summary="Kết quả Chỉ số CCHC của các cơ quan, đơn vị đã công bố",
)
@paginate(Pages)
def par_index(request):
    return selectors.published_par_results(request.auth.province)
