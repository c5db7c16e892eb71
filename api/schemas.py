"""The read API's resources: stable English snake_case field names, each described in
Vietnamese in the OpenAPI schema; dates in ISO 8601; numbers as numbers."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.urls import reverse
from ninja import Field, Schema

from plans.rules import TaskStatus

from . import selectors


class AreaOut(Schema):
    id: int = Field(..., description="Mã lĩnh vực của kế hoạch")
    code: str = Field(..., description="Số thứ tự lĩnh vực như in trong kế hoạch")
    title: str = Field(..., description="Tên lĩnh vực như in trong kế hoạch")
    standard_area: str = Field(..., description="Lĩnh vực CCHC chuẩn (theo Chỉ số CCHC)")
    lead_agency: str | None = Field(None, description="Cơ quan chủ trì, theo dõi lĩnh vực")

    @staticmethod
    def resolve_standard_area(obj):
        return obj.area.name

    @staticmethod
    def resolve_lead_agency(obj):
        return obj.lead_agency.name if obj.lead_agency else None


class TargetOut(Schema):
    id: int = Field(..., description="Mã chỉ tiêu")
    code: str = Field(..., description="Số hiệu chỉ tiêu")
    area_id: int | None = Field(None, description="Lĩnh vực của kế hoạch (trống: mục tiêu chung)")
    text: str = Field(..., description="Nội dung chỉ tiêu")
    statement: str = Field(..., description="Nguyên văn mục chỉ tiêu trong kế hoạch")
    measure: str = Field(
        ..., description="Loại số đo: rate, percent, count, quantity, rank, score, milestone"
    )
    comparator: str = Field(
        ..., description="So sánh: >=, >, <=, <, =, between, improve_by, above_baseline, done"
    )
    direction: str = Field(..., description="Chiều tốt: higher (càng cao càng tốt) hoặc lower")
    value: float | None = Field(None, description="Giá trị chỉ tiêu")
    value_max: float | None = Field(None, description="Giá trị trên (với khoảng)")
    unit: str = Field(..., description="Đơn vị tính")
    stretch: bool = Field(..., description="Chỉ tiêu phấn đấu")
    baseline_value: float | None = Field(None, description="Giá trị năm gốc")
    baseline_year: int | None = Field(None, description="Năm gốc")
    responsible_agency: str | None = Field(None, description="Cơ quan chịu trách nhiệm")

    @staticmethod
    def resolve_area_id(obj):
        return obj.statement.plan_area_id

    @staticmethod
    def resolve_statement(obj):
        return obj.statement.text

    @staticmethod
    def resolve_responsible_agency(obj):
        return obj.responsible_agency.name if obj.responsible_agency else None


class TaskOut(Schema):
    id: int = Field(..., description="Mã nhiệm vụ")
    code: str = Field(..., description="Số hiệu nhiệm vụ như in")
    area_id: int = Field(..., description="Lĩnh vực của kế hoạch")
    parent_id: int | None = Field(None, description="Nhiệm vụ cha (với nội dung con)")
    text: str = Field(..., description="Nội dung nhiệm vụ")
    lead_agencies: list[str] = Field(..., description="Cơ quan chủ trì")
    lead_groups: str = Field(..., description="Nhóm chủ trì như kế hoạch ghi")
    cooperating_groups: str = Field(..., description="Cơ quan, nhóm phối hợp như kế hoạch ghi")
    product: str = Field(..., description="Sản phẩm")
    due_text: str = Field(..., description="Thời gian hoàn thành như in")
    due_date: date | None = Field(None, description="Hạn hoàn thành (ISO 8601)")
    extended_due_date: date | None = Field(None, description="Hạn đã được gia hạn (ISO 8601)")
    recurring: bool = Field(..., description="Nhiệm vụ thường xuyên")

    @staticmethod
    def resolve_area_id(obj):
        return obj.plan_area_id

    @staticmethod
    def resolve_lead_agencies(obj):
        return [a.name for a in obj.lead_agencies.all()]


class PlanOut(Schema):
    id: int = Field(..., description="Mã kế hoạch")
    code: str = Field(..., description="Mã ngắn của kế hoạch")
    title: str = Field(..., description="Tên kế hoạch")
    number: str = Field(..., description="Số, ký hiệu văn bản (ví dụ 184/KH-UBND)")
    issue_date: date | None = Field(None, description="Ngày ban hành (ISO 8601)")
    issuer: str = Field(..., description="Cơ quan ban hành")
    year: int = Field(..., description="Năm kế hoạch")
    end_year: int | None = Field(None, description="Đến năm (kế hoạch nhiều năm)")
    status: str = Field(..., description="Trạng thái: in_force (đang thực hiện) hoặc closed (đã kết thúc)")

    @staticmethod
    def resolve_issuer(obj):
        return obj.issuer.name


class PlanDetailOut(PlanOut):
    areas: list[AreaOut] = Field(..., description="Các lĩnh vực của kế hoạch")
    targets: list[TargetOut] = Field(..., description="Các chỉ tiêu (theo lĩnh vực và mục tiêu chung)")
    tasks: list[TaskOut] = Field(..., description="Các nhiệm vụ")

    @staticmethod
    def resolve_areas(obj):
        return list(obj.areas.all())

    @staticmethod
    def resolve_targets(obj):
        statements = sorted(obj.target_statements.all(), key=lambda s: s.position)
        return [t for s in statements for t in s.targets.all()]

    @staticmethod
    def resolve_tasks(obj):
        return list(obj.tasks.all())


class PeriodOut(Schema):
    id: int = Field(..., description="Mã kỳ báo cáo")
    plan_id: int = Field(..., description="Kế hoạch")
    kind: str = Field(..., description="Kỳ: q1 (Quý I), h1 (6 tháng), q3 (Quý III), year (Năm)")
    title: str = Field(..., description="Tên kỳ báo cáo, ví dụ “Quý I năm 2024”")
    window_start: date = Field(..., description="Số liệu từ ngày (ISO 8601)")
    window_end: date = Field(..., description="Số liệu đến ngày (ISO 8601)")
    deadline: date = Field(..., description="Hạn báo cáo (ISO 8601)")


class CoverageOut(Schema):
    reported: int = Field(..., description="Số cơ quan có số liệu đã duyệt")
    expected: int = Field(..., description="Số cơ quan phải báo cáo")
    label: str = Field(..., description="Như trang tổng hợp ghi, ví dụ “10/18 cơ quan”")


class FigureOut(Schema):
    target_id: int = Field(..., description="Chỉ tiêu")
    target_code: str = Field(..., description="Số hiệu chỉ tiêu")
    target_text: str = Field(..., description="Nội dung chỉ tiêu")
    scope: str = Field(..., description="province (cả tỉnh) hoặc agency (một cơ quan)")
    agency_id: int | None = Field(None, description="Cơ quan (với phạm vi agency)")
    agency_name: str | None = Field(None, description="Tên cơ quan (với phạm vi agency)")
    numerator: float | None = Field(None, description="Tử số (tổng các kết quả đã duyệt, với chỉ tiêu tỷ lệ)")
    denominator: float | None = Field(
        None, description="Mẫu số (tổng các kết quả đã duyệt, với chỉ tiêu tỷ lệ)"
    )
    value: float | None = Field(
        None, description="Giá trị thực hiện (lũy kế từ đầu năm với số lượng và tỷ lệ)"
    )
    goal: float | None = Field(None, description="Giá trị phải đạt")
    unit: str = Field(..., description="Đơn vị tính")
    progress: float | None = Field(None, description="Tiến độ (1 = đạt chỉ tiêu; trên 1 là vượt)")
    met: bool | None = Field(None, description="Đã đạt chỉ tiêu")
    status: str = Field(..., description="Mã đánh giá: met, on_track, at_risk, off_track, no_data")
    judgement: str = Field(
        ..., description="Đánh giá bằng lời (đạt, đúng tiến độ, có nguy cơ, chậm, chưa có số liệu)"
    )
    judgement_is_final: bool = Field(..., description="Đánh giá cuối năm (kỳ Năm)")
    reason: str = Field(..., description="Lý do khi chưa đánh giá được")
    formula: str = Field(..., description="Cách tính số liệu")
    coverage: CoverageOut = Field(..., description="Số cơ quan mà số liệu dựa trên")
    explanation_url: str = Field(
        ..., description="Trang giải trình số liệu (các kết quả đã duyệt và công thức)"
    )

    @staticmethod
    def resolve_target_code(obj):
        return obj.target.code

    @staticmethod
    def resolve_target_text(obj):
        return obj.target.text

    @staticmethod
    def resolve_scope(obj):
        return "agency" if obj.scope.startswith("agency:") else "province"

    @staticmethod
    def resolve_agency_name(obj):
        return obj.agency.name if obj.agency_id else None

    @staticmethod
    def resolve_unit(obj):
        return obj.target.unit

    @staticmethod
    def resolve_judgement(obj):
        return selectors.figure_judgement(obj)

    @staticmethod
    def resolve_judgement_is_final(obj):
        return selectors.figure_is_final(obj)

    @staticmethod
    def resolve_coverage(obj):
        coverage = selectors.figure_coverage(obj)
        return {"reported": coverage.reported, "expected": coverage.expected, "label": coverage.label}

    @staticmethod
    def resolve_explanation_url(obj):
        url = settings.SITE_URL + reverse("reports:target_explain", args=[obj.period_id, obj.target_id])
        return url + ("" if obj.scope == "province" else f"?pham-vi={obj.scope}")


class TaskStatusOut(Schema):
    task_id: int = Field(..., description="Nhiệm vụ")
    task_code: str = Field(..., description="Số hiệu nhiệm vụ")
    task_text: str = Field(..., description="Nội dung nhiệm vụ")
    area_code: str = Field(..., description="Lĩnh vực của kế hoạch")
    status: str = Field(
        ..., description="Mã tình trạng: not_due, in_progress, done_on_time, done_late, overdue"
    )
    status_label: str = Field(..., description="Tình trạng bằng lời")
    due: date = Field(..., description="Hạn dùng để đánh giá (ISO 8601; đã tính gia hạn)")
    completed_on: date | None = Field(None, description="Ngày hoàn thành (ISO 8601)")
    leads: int = Field(..., description="Số cơ quan chủ trì")
    leads_done: int = Field(..., description="Số cơ quan chủ trì đã hoàn thành")
    percent: int = Field(..., description="% hoàn thành")

    @staticmethod
    def resolve_task_code(obj):
        return obj.task.code

    @staticmethod
    def resolve_task_text(obj):
        return obj.task.text

    @staticmethod
    def resolve_area_code(obj):
        return obj.task.plan_area.code

    @staticmethod
    def resolve_status_label(obj):
        return str(TaskStatus.LABELS.get(obj.status, obj.status))


class ComplianceOut(Schema):
    agency_id: int = Field(..., description="Cơ quan")
    agency_name: str = Field(..., description="Tên cơ quan")
    submission_status: str = Field(
        ...,
        description=(
            "Báo cáo của kỳ: missing (chưa có), draft, to_head (chờ thủ trưởng cơ quan duyệt, chưa gửi), "
            "submitted, returned, approved"
        ),
    )
    submitted_on_time: bool | None = Field(None, description="Gửi đúng hạn (theo lần gửi đầu tiên)")
    targets: int = Field(..., description="Số chỉ tiêu phải báo cáo")
    targets_met: int = Field(..., description="Số chỉ tiêu đạt")
    targets_no_data: int = Field(..., description="Số chỉ tiêu chưa có số liệu đã duyệt")
    tasks: int = Field(..., description="Số nhiệm vụ chủ trì")
    tasks_done_on_time: int = Field(..., description="Số nhiệm vụ hoàn thành đúng hạn")
    tasks_overdue: int = Field(..., description="Số nhiệm vụ quá hạn")

    @staticmethod
    def resolve_agency_name(obj):
        return obj.agency.name


def _absolute(context, name: str, *args) -> str:
    request = (context or {}).get("request")
    path = reverse(name, args=args)
    return request.build_absolute_uri(path) if request is not None else settings.SITE_URL + path


class ReportOut(Schema):
    id: int = Field(..., description="Mã báo cáo")
    plan_id: int = Field(..., description="Kế hoạch")
    period_id: int = Field(..., description="Kỳ báo cáo")
    period_title: str = Field(..., description="Kỳ báo cáo, ví dụ “Quý I năm 2024”")
    agency_id: int | None = Field(None, description="Cơ quan báo cáo (trống: báo cáo của UBND tỉnh)")
    agency_name: str | None = Field(None, description="Tên cơ quan báo cáo")
    number: str = Field(..., description="Số, ký hiệu văn bản, ví dụ “12/BC-UBND”")
    issued_on: date = Field(..., description="Ngày ban hành (ISO 8601)")
    version: int = Field(..., description="Phiên bản")
    pdf_url: str | None = Field(None, description="Tải PDF (cùng mã truy cập)")
    xlsx_url: str = Field(..., description="Tải XLSX (cùng mã truy cập)")
    json_url: str = Field(..., description="Tải số liệu JSON của báo cáo (cùng mã truy cập)")

    @staticmethod
    def resolve_plan_id(obj):
        return obj.period.plan_id

    @staticmethod
    def resolve_period_title(obj):
        return obj.period.title

    @staticmethod
    def resolve_agency_name(obj):
        return obj.agency.name if obj.agency_id else None

    @staticmethod
    def resolve_number(obj):
        return f"{obj.number}/{obj.series}"

    @staticmethod
    def resolve_pdf_url(obj, context):
        return _absolute(context, "api-v1:report_pdf", obj.pk) if obj.file else None

    @staticmethod
    def resolve_xlsx_url(obj, context):
        return _absolute(context, "api-v1:report_xlsx", obj.pk)

    @staticmethod
    def resolve_json_url(obj, context):
        return _absolute(context, "api-v1:report_json", obj.pk)


class ParRankOut(Schema):
    rank: int | None = Field(None, description="Thứ hạng trong nhóm")
    unit_id: int = Field(..., description="Cơ quan, đơn vị")
    unit: str = Field(..., description="Tên cơ quan, đơn vị")
    index: float | None = Field(None, description="Chỉ số CCHC (% so với điểm tối đa)")
    band: str = Field(..., description="Xếp loại")


class ParGroupOut(Schema):
    code: str = Field(..., description="Nhóm đơn vị")
    label: str = Field(..., description="Tên nhóm")
    rows: list[ParRankOut] = Field(..., description="Xếp hạng trong nhóm")


class ParResultOut(Schema):
    id: int = Field(..., description="Mã quyết định công bố")
    year: int = Field(..., description="Năm đánh giá")
    number: str = Field(..., description="Số, ký hiệu quyết định công bố")
    issued_on: date = Field(..., description="Ngày ban hành (ISO 8601)")
    is_demo: bool = Field(..., description="Dữ liệu mẫu")
    groups: list[ParGroupOut] = Field(..., description="Xếp hạng theo nhóm")

    @staticmethod
    def resolve_year(obj):
        return obj.round.year

    @staticmethod
    def resolve_number(obj):
        return f"{obj.number}/{obj.series}"

    @staticmethod
    def resolve_is_demo(obj):
        return obj.is_demo or obj.round.is_demo

    @staticmethod
    def resolve_groups(obj):
        return [
            {
                "code": g["code"],
                "label": g["label"],
                "rows": [
                    {
                        "rank": r["rank"],
                        "unit_id": r["unit_id"],
                        "unit": r["unit"],
                        "index": float(r["index_value"])
                        if r.get("index_value") not in (None, "None")
                        else None,
                        "band": r["band"],
                    }
                    for r in g["rows"]
                ],
            }
            for g in (obj.data or {}).get("groups", [])
        ]


class ErrorOut(Schema):
    detail: str = Field(..., description="Lý do")
