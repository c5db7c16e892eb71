"""The "Tạo kế hoạch từ văn bản" page's work between the request and the service: what a plan's
text proposes (kept in the reviewer's session until saved), the review page's forms built from
it, and the drafts the service writes from the confirmed forms. The reading itself is
``targets.plan_reading`` (pure); the writing ``targets.services.plan_from_text_create``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from agencies.access import own_province, province_bodies, province_of, reviews_province_of
from agencies.matching import AgencyName, agencies_match
from agencies.models import AdministrativeLevel, Agency
from cchc import clock
from plans.appendix import province_agency_names
from plans.models import ReformArea

from .forms import AreaRowForm, PlanHeaderForm, TargetRowForm, TaskRowForm
from .plan_reading import PlanReading, names_read, plan_read
from .proposals import proposal_areas, proposal_initial
from .services import AreaDraft, PlanDraft, TargetDraft, TaskDraft, plan_from_text_create

SESSION_KEY = "plan-from-text"

# --- what the text proposes -----------------------------------------------------------------


def _issuer_of(printed: str, user) -> Agency | None:
    """The body the header prints above the number, among those the reviewer may issue for:
    the whole printed name, else its last line (a sở under its "UBND TỈNH …")."""
    if not printed:
        return None
    bodies = list(province_bodies(user).only("pk", "name", "short_name", "aliases"))
    names = [AgencyName(a.pk, tuple(n for n in (a.name, a.short_name, *a.aliases) if n)) for a in bodies]
    for candidate in (printed, printed.split("\n")[-1]):
        found = agencies_match(candidate, names).agencies
        if len(found) == 1:
            return next(a for a in bodies if a.pk == found[0])
    return None


def _flat_tasks(reading: PlanReading) -> list[dict]:
    """Tasks and their sub-items in printed order, a sub-item naming its task's index."""
    rows: list[dict] = []
    for task in reading.tasks:
        parent = len(rows)
        rows.append(_task_row(task, None))
        rows += [_task_row(sub, parent) for sub in task.subtasks]
    return rows


def _task_row(task, parent: int | None) -> dict:
    return {
        "area": task.area,
        "code": task.code,
        "text": task.text,
        "lead": task.lead,
        "cooperating": task.cooperating,
        "product": task.product,
        "due_text": task.due_text,
        "parent": parent,
    }


def pending_from_text(user, text: str, name: str) -> dict:
    """Everything a plan's text proposes, as plain data for the session: the header, the
    areas (their leads matched among the province's bodies), the targets (each with the area
    its heading puts it in) and the tasks. Raises ``ValidationError`` when the text proposes
    nothing, or no province can be told (the reviewer belongs to none and the text names no
    body of theirs)."""
    reading = plan_read(text)
    if not (reading.areas or reading.targets or reading.tasks):
        raise ValidationError(
            _(
                "Không tìm thấy lĩnh vực, chỉ tiêu hay nhiệm vụ nào trong văn bản. Kế hoạch CCHC thường có "
                "các mục “Mục tiêu”, “Nhiệm vụ, giải pháp” và “Tổ chức thực hiện”."
            )
        )
    header = reading.header
    issuer = _issuer_of(header.issuer, user)
    if issuer is not None and not reviews_province_of(user, issuer):
        issuer = None
    province = province_of(issuer) if issuer is not None else own_province(user)
    if province is None:
        raise ValidationError(
            _("Không xác định được tỉnh của kế hoạch: tài khoản của bạn chưa gắn với cơ quan nào.")
        )
    year = header.year or clock.today().year
    names, place = province_agency_names(province, year, year)
    areas = [
        {
            "area": a.area,
            "code": a.code,
            "title": a.title,
            "lead": next(iter(names_read(a.lead, names, province=place).agencies), None),
            "lead_printed": a.lead,
            "lead_source": a.lead_source,
        }
        for a in reading.areas
    ]
    standard = {a.code: a for a in ReformArea.objects.all()}
    titles = [
        (a["area"], [a["title"], standard[a["area"]].name, standard[a["area"]].short_name])
        for a in areas
        if a["area"] in standard
    ]
    targets = reading.targets
    for target, area in zip(targets, proposal_areas(text, targets, titles), strict=True):
        target["area"] = area
    return {
        "name": name,
        "province": province.pk,
        "header": {**reading.as_data()["header"], "issuer": issuer.pk if issuer else province.pk},
        "areas": areas,
        "targets": targets,
        "tasks": _flat_tasks(reading),
    }


# --- the review page -----------------------------------------------------------------------------


@dataclass
class ReviewPage:
    """The review page's forms over the pending proposals (bound to ``data`` when posted)."""

    pending: dict
    data: object | None
    user: object

    def __post_init__(self) -> None:
        self.province = Agency.objects.get(pk=self.pending["province"])
        if not reviews_province_of(self.user, self.province):
            raise PermissionDenied
        bodies = Agency.objects.filter(Q(pk=self.province.pk) | Q(parent=self.province)).order_by(
            "kind", "name"
        )
        header = self.pending["header"]
        self.year = header.get("year") or clock.today().year
        self.names, self.place = province_agency_names(self.province, self.year, self.year)
        self.header_form = PlanHeaderForm(
            self.data, prefix="h", initial=_header_initial(header), issuers=bodies
        )
        standard = list(ReformArea.objects.order_by("number"))
        self.area_rows = _area_rows(self.pending["areas"], standard)
        self.area_forms = [
            AreaRowForm(self.data, prefix=f"a{i}", initial=a, standard=standard, agencies=bodies)
            for i, a in enumerate(self.area_rows)
        ]
        self.target_forms = self._target_forms()
        self.task_forms = [
            TaskRowForm(
                self.data,
                prefix=f"k{i}",
                initial={**t, "accept": True},
                area_rows=self.area_rows,
                names=self.names,
                province=self.place,
            )
            for i, t in enumerate(self.pending["tasks"])
        ]

    def _target_forms(self) -> list[TargetRowForm]:
        levels = list(AdministrativeLevel.objects.order_by("order"))
        codes = [a["area"] for a in self.area_rows]
        forms = []
        for i, proposal in enumerate(self.pending["targets"]):
            initial = proposal_initial(proposal, area_codes=codes, known_texts=set())["initial"]
            forms.append(
                TargetRowForm(
                    self.data, prefix=f"t{i}", initial=initial, area_rows=self.area_rows, levels=levels
                )
            )
        return forms

    def forms(self) -> list:
        return [self.header_form, *self.area_forms, *self.target_forms, *self.task_forms]

    def save(self):
        """The plan written from the confirmed forms, or None and why not."""
        if not all(form.is_valid() for form in self.forms()):
            return None, [_("Có mục chưa hợp lệ (đánh dấu đỏ bên dưới); chưa có gì được lưu.")]
        try:
            plan = plan_from_text_create(
                plan=self._plan(),
                areas=self._areas(),
                targets=self._targets(),
                tasks=self._tasks(),
                user=self.user,
            )
        except ValidationError as error:
            return None, error.messages
        return plan, []

    def _plan(self) -> PlanDraft:
        data = self.header_form.cleaned_data
        return PlanDraft(
            title=" ".join(data["title"].split()),
            number=data["number"].strip(),
            issue_date=data["issue_date"],
            year=data["year"],
            issuer=data["issuer"],
            legal_bases=data["legal_bases"].strip(),
            source_note=_("Tạo từ văn bản: %(name)s") % {"name": self.pending["name"]},
        )

    def _areas(self) -> list[AreaDraft]:
        return [
            AreaDraft(
                area=d["area"], code=d["code"].strip(), title=" ".join(d["title"].split()), lead=d["lead"]
            )
            for d in (f.cleaned_data for f in self.area_forms)
            if d["accept"]
        ]

    def _targets(self) -> list[TargetDraft]:
        drafts = []
        for form, proposal in zip(self.target_forms, self.pending["targets"], strict=True):
            d = form.cleaned_data
            if not d["accept"]:
                continue
            drafts.append(
                TargetDraft(
                    area=d["area"],
                    source=proposal.get("source") or "",
                    statement=proposal.get("statement") or "",
                    code=d["code"].strip(),
                    text=" ".join(d["text"].split()),
                    measure=d["measure"],
                    comparator=d["comparator"],
                    direction=d["direction"],
                    value=d["value"],
                    value_max=d["value_max"],
                    unit=d["unit"].strip(),
                    stretch=d["stretch"],
                    cumulative=d["cumulative"],
                    baseline_year=d["baseline_year"],
                    levels=form.levels(),
                    due_date=d.get("due_date"),
                )
            )
        return drafts

    def _tasks(self) -> list[TaskDraft]:
        drafts: list[TaskDraft] = []
        kept: dict[int, int] = {}  # index on the page → index among the accepted
        for index, (form, row) in enumerate(zip(self.task_forms, self.pending["tasks"], strict=True)):
            d = form.cleaned_data
            if not d["accept"]:
                continue
            kept[index] = len(drafts)
            lead, cooperating = d["lead_named"], d["cooperating_named"]
            drafts.append(
                TaskDraft(
                    area=d["area"],
                    code=d["code"].strip(),
                    text=" ".join(d["text"].split()),
                    lead=lead.agencies,
                    lead_groups=lead.groups,
                    cooperating=cooperating.agencies,
                    cooperating_groups=cooperating.groups,
                    product=d["product"].strip(),
                    due_text=" ".join(d["due_text"].split()),
                    parent=kept.get(row["parent"]) if row.get("parent") is not None else None,
                )
            )
        return drafts

    def context(self, errors: list[str]) -> dict:
        target_rows = [
            {"form": f, "source": p.get("source") or ""}
            for f, p in zip(self.target_forms, self.pending["targets"], strict=True)
        ]
        task_rows = [
            {"form": f, "sub": t.get("parent") is not None}
            for f, t in zip(self.task_forms, self.pending["tasks"], strict=True)
        ]
        area_rows = [
            {"form": f, "source": a.get("lead_source") or "", "printed": a.get("lead_printed") or ""}
            for f, a in zip(self.area_forms, self.area_rows, strict=True)
        ]
        return {
            "name": self.pending["name"],
            "province": self.province,
            "header_form": self.header_form,
            "area_rows": area_rows,
            "target_rows": target_rows,
            "task_rows": task_rows,
            "errors": errors,
        }


def _header_initial(header: dict) -> dict:
    issue_date = header.get("issue_date")
    return {
        "title": header.get("title") or "",
        "number": header.get("number") or "",
        "issue_date": date.fromisoformat(issue_date) if issue_date else None,
        "year": header.get("year"),
        "issuer": header.get("issuer"),
        "legal_bases": header.get("legal_bases") or "",
    }


def _area_rows(proposed: list[dict], standard: list[ReformArea]) -> list[dict]:
    """One row per standard area: those the text proposes first (ticked, as printed, with the
    lead read from "Tổ chức thực hiện"), then the others unticked (the reviewer may add an area
    the text did not name). Targets and tasks may be put in any of them."""
    rows = [{**a, "accept": True} for a in proposed]
    seen = {a["area"] for a in proposed}
    rows += [
        {"area": a.code, "code": str(a.number), "title": a.name, "lead": None, "accept": False}
        for a in standard
        if a.code not in seen
    ]
    return rows
