"""Generated data at national scale, for the benchmarks under ``bench/`` (issue 9).

``scale_data_generate`` builds N provinces, each with a UBND tỉnh, 14 sở (the seed province's
own bodies cloned, plus standard ones up to 14) and M communes (UBND xã, level "xa"); for each
of Y years an annual plan cloned from a seed plan's structure (areas, statements, targets with
their level thresholds and reporting scopes, tasks with their leads), the default periods, and
an approved report of every reporting agency for every period with its target results and task
updates. It is the two-tier map of today: the seed's district-level bodies are not copied, and a
target reported by "cấp huyện" is reported by the communes.

Everything is marked as generated: agency and plan codes start with the prefix
(``scale-p01-…``), plans carry ``source_note = "scale:<prefix>"``, submissions ``is_demo``.
Rows are written with ``bulk_create`` in batches; the numbers are drawn as the demo draws them
(:class:`demo.data._PlanDemo`), from a seeded generator, so a run is reproducible.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.db import transaction
from django.utils import timezone

from agencies.models import AdministrativeLevel, Agency, User
from demo.data import _PlanDemo, demo_baseline
from plans.models import Plan, PlanArea, ReportingPeriod, Task
from reporting.models import EvidenceFile, Submission, TargetResult, TaskUpdate
from reporting.progress import period_progress_compute
from reporting.services.rollover import _Rollover, rollover_title
from reports.models import Report
from targets.models import Target, TargetStatement
from targets.rules import BASELINE_COMPARATORS, REPORTING_KINDS

BATCH = 2000
DEFAULT_PREFIX = "scale"
DEFAULT_SOURCE = "hai-duong-2024"
PROVINCE_BODIES = 14  # sở and Văn phòng UBND per province (DOMAIN.md: "~14 sở")
QUARTER_ENDS = {1: date(2000, 3, 31), 2: date(2000, 6, 30), 3: date(2000, 9, 30), 4: date(2000, 12, 31)}
GENERATED_NOTE = "Dữ liệu sinh tự động để đo hiệu năng."

#: Standard departments added to the seed province's own until a province has 14.
EXTRA_BODIES = [
    ("sxd", "Sở Xây dựng", "Sở Xây dựng", "SXD"),
    ("syt", "Sở Y tế", "Sở Y tế", "SYT"),
    ("sgddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "SGDĐT"),
    ("snnmt", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "SNNMT"),
    ("sct", "Sở Công Thương", "Sở Công Thương", "SCT"),
    ("svhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL", "SVHTTDL"),
    ("sdttg", "Sở Dân tộc và Tôn giáo", "Sở DT&TG", "SDTTG"),
    ("ttr", "Thanh tra tỉnh", "Thanh tra tỉnh", "TTr"),
    ("skhcn", "Sở Khoa học và Công nghệ", "Sở KH&CN", "SKHCN"),
]
_NAME_HEADS = [
    "An",
    "Bình",
    "Hòa",
    "Tân",
    "Phú",
    "Thạnh",
    "Long",
    "Vĩnh",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Hưng",
    "Minh",
    "Quang",
    "Thuận",
]
_NAME_TAILS = [
    "Sơn",
    "Lợi",
    "Phước",
    "Thành",
    "Hải",
    "Lạc",
    "Mỹ",
    "Khánh",
    "Định",
    "Xuân",
    "Trung",
    "Điền",
    "Hiệp",
    "Lâm",
    "Phong",
    "Tiến",
]


class ScaleDataError(Exception):
    """The generator refuses to run; the message says why."""


def commune_name(index: int) -> str:
    """A plausible commune name, distinct for the first 256 of a province."""
    head = _NAME_HEADS[(index // len(_NAME_TAILS)) % len(_NAME_HEADS)]
    tail = _NAME_TAILS[index % len(_NAME_TAILS)]
    lap = index // (len(_NAME_HEADS) * len(_NAME_TAILS))
    return f"{head} {tail}" + (f" {lap + 1}" if lap else "")


def expected_counts(
    *, provinces: int, communes: int, years: int, seed_bodies: int, reporting_seed_bodies: int
) -> dict[str, int]:
    """Agencies and plans a run makes (what the test checks by hand)."""
    extra = max(0, PROVINCE_BODIES - reporting_seed_bodies)
    per_province = 1 + seed_bodies + min(extra, len(EXTRA_BODIES)) + communes
    return {
        "agencies": provinces * per_province,
        "plans": provinces * years,
        "periods": provinces * years * 4,
    }


@dataclass
class ScaleSummary:
    provinces: int = 0
    agencies: int = 0
    plans: int = 0
    periods: int = 0
    targets: int = 0
    tasks: int = 0
    submissions: int = 0
    results: int = 0
    task_updates: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def generated_exists(prefix: str) -> bool:
    return (
        Agency.objects.filter(code__startswith=f"{prefix}-p").exists()
        or Plan.objects.filter(source_note=f"scale:{prefix}").exists()
    )


def generated_delete(prefix: str) -> None:
    """Remove everything a previous run with this prefix made."""
    plans = Plan.objects.filter(source_note=f"scale:{prefix}")
    Report.objects.filter(period__plan__in=plans).delete()
    Submission.objects.filter(period__plan__in=plans).delete()
    # tasks and statements protect the plan's areas: children first
    Task.objects.filter(plan__in=plans).delete()
    TargetStatement.objects.filter(plan__in=plans).delete()
    PlanArea.objects.filter(plan__in=plans).delete()
    plans.delete()
    agencies = Agency.objects.filter(code__startswith=f"{prefix}-p")
    EvidenceFile.objects.filter(agency__in=agencies).delete()  # the demo's, copied with its lines
    User.objects.filter(agency__in=agencies).delete()
    agencies.exclude(parent=None).delete()
    agencies.delete()


# --- agencies --------------------------------------------------------------------------------


def _province_agencies(
    source: Plan, prefix: str, number: int, communes: int, levels: dict[str, AdministrativeLevel]
) -> tuple[Agency, dict[int, Agency], list]:
    """One province's UBND tỉnh, its bodies (seed ones keyed by the seed agency's id) and its
    communes, saved. Returns (issuer, seed id → clone, all children)."""
    seed_issuer = source.issuer
    place = f"Mẫu {number:02d}"
    seed_place = seed_issuer.place_name or ""
    code = f"{prefix}-p{number:02d}"

    def localise(text: str) -> str:
        return text.replace(seed_place, place) if seed_place else text

    issuer = Agency.objects.create(
        code=f"{code}-ubnd",
        name=f"Ủy ban nhân dân tỉnh {place}",
        short_name=f"UBND tỉnh {place}",
        kind=Agency.Kind.UBND_TINH,
        level=levels["tinh"],
        symbol="UBND",
        place_name=place,
        signer_authority=seed_issuer.signer_authority,
        signer_title=seed_issuer.signer_title,
        signer_name=seed_issuer.signer_name,
    )
    seed_children = list(
        Agency.objects.filter(parent=seed_issuer).exclude(kind=Agency.Kind.UBND_HUYEN).order_by("pk")
    )
    clones, rows = {}, []
    for old in seed_children:
        suffix = old.code.split("-", 1)[1] if "-" in old.code else old.code
        new = Agency(
            code=f"{code}-{suffix}"[:60],
            name=localise(old.name),
            short_name=localise(old.short_name),
            kind=old.kind,
            level=old.level,
            parent=issuer,
            symbol=old.symbol,
            place_name=place,
            governing_body=f"UBND TỈNH {place.upper()}",
            signer_title=old.signer_title,
        )
        clones[old.pk] = new
        rows.append(new)
    taken = {a.code for a in rows}
    reporting = sum(1 for a in rows if a.kind in REPORTING_KINDS)
    for suffix, name, short, symbol in EXTRA_BODIES:
        if reporting >= PROVINCE_BODIES:
            break
        if f"{code}-{suffix}" in taken:
            continue
        rows.append(
            Agency(
                code=f"{code}-{suffix}",
                name=name,
                short_name=short,
                kind=Agency.Kind.SO,
                level=levels["tinh"],
                parent=issuer,
                symbol=symbol,
                place_name=place,
                governing_body=f"UBND TỈNH {place.upper()}",
            )
        )
        reporting += 1
    for index in range(communes):
        name = commune_name(index)
        rows.append(
            Agency(
                code=f"{code}-x{index + 1:04d}",
                name=f"Ủy ban nhân dân xã {name}",
                short_name=f"UBND xã {name}",
                kind=Agency.Kind.UBND_XA,
                level=levels["xa"],
                parent=issuer,
                symbol="UBND",
                place_name=name,
                governing_body=f"UBND TỈNH {place.upper()}",
            )
        )
    Agency.objects.bulk_create(rows, batch_size=BATCH)
    return issuer, clones, rows


# --- plans -----------------------------------------------------------------------------------


def _shift_year(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class _PlanClone(_Rollover):
    """A rollover with another issuer, year and agencies: the seed plan's structure for a
    generated province. Baselines are the seed's (marked demo), every task is copied with its
    due date moved to the plan's year, the "cấp huyện" reporting level becomes "cấp xã"."""

    def __init__(
        self,
        source: Plan,
        *,
        issuer: Agency,
        clones: dict[int, Agency],
        year: int,
        code: str,
        levels: dict[str, AdministrativeLevel],
        seed: int = 1,
    ):
        super().__init__(source, None)
        self.seed = seed
        self.year = year
        self.issuer = issuer
        self.clones = clones
        self.code = code
        self.levels = levels
        self.reason = GENERATED_NOTE

    def read(self):
        super().read()
        # The seed's baseline, or the demo's when the seed prints none (as load_demo does).
        self.figures = {}
        for target in self.targets:
            value = target.baseline_value
            if value is None and target.comparator in BASELINE_COMPARATORS:
                value = demo_baseline(target)
            if value is not None:
                self.figures[target.pk] = value
        self.demo_targets = set(self.figures)
        self.final_status = {}  # every task is copied
        huyen, xa = self.levels.get("huyen"), self.levels["xa"]
        pairs = [
            (t, xa.pk if huyen is not None and level == huyen.pk else level)
            for t, level in self.target_levels
        ]
        self.target_levels = list(dict.fromkeys(pairs))

    def map_agencies(self):
        self.carriers = {old: [new] for old, new in self.clones.items()}
        self.carriers[self.source.issuer_id] = [self.issuer]

    def plan(self) -> Plan:
        source = self.source
        place = source.issuer.place_name or ""
        title = rollover_title(source.title, source.year, self.year)
        if place:
            title = title.replace(place, self.issuer.place_name)
        plan = Plan(
            code=self.code,
            title=title,
            issuer=self.issuer,
            number=f"{self.year % 100 + 10}/KH-UBND",
            issue_date=date(self.year, 1, 15),
            year=self.year,
            status=Plan.Status.IN_FORCE,
            legal_bases=source.legal_bases,
            signer_authority=source.signer_authority,
            signer_title=source.signer_title,
            signer_name=source.signer_name,
            recipients=list(source.recipients),
            source_note=f"scale:{self.code.split('-p')[0]}",
        )
        plan.save()
        return plan

    def copy(self, plan: Plan):
        super().copy(plan)
        shift = self.year - self.source.year
        rng = random.Random(f"{self.seed}-{plan.code}-due")
        new_tasks = list(Task.objects.filter(plan=plan).order_by("position"))
        for old, new in zip(self.tasks, new_tasks, strict=True):
            new.carried_over_from_id = None
            new.due_date = _shift_year(old.due_date, shift)
            if new.due_date is None and not new.recurring:
                # The seeds print no times: a quarter's end, so that some tasks fall due each period.
                quarter = rng.choice([1, 2, 2, 3, 4, 4])
                new.due_date = QUARTER_ENDS[quarter].replace(year=self.year)
                new.due_text = f"Quý {'I' * quarter if quarter < 4 else 'IV'}/{self.year}"
        Task.objects.bulk_update(new_tasks, ["due_date", "due_text", "carried_over_from"], batch_size=BATCH)
        Target.objects.filter(statement__plan=plan, baseline_year__isnull=False).update(
            baseline_year=self.year - 1
        )


# --- results ---------------------------------------------------------------------------------


class _ScaleResults(_PlanDemo):
    """The demo's numbers, but every agency reports every period and is approved, and rows
    are written in bulk."""

    def __init__(self, plan: Plan, reviewer, seed: int):
        super().__init__(plan, reviewer)
        self.rng = random.Random(f"{seed}-{plan.code}")

    def run(self) -> tuple[int, int, int]:
        task_leads, reporting = self.reporting()
        zone = timezone.get_current_timezone()
        submissions = []
        for period in self.periods:
            deadline = datetime.combine(period.deadline, clock(16, 30), tzinfo=zone)
            for agency_id in sorted(reporting):
                sent = deadline - timedelta(days=self.rng.randint(-4, 9), hours=self.rng.randint(0, 6))
                submissions.append(
                    Submission(
                        agency_id=agency_id,
                        period=period,
                        status=Submission.Status.APPROVED,
                        submitted_at=sent,
                        reviewed_at=sent + timedelta(days=self.rng.randint(1, 5)),
                        reviewed_by=self.reviewer,
                        is_demo=True,
                    )
                )
        Submission.objects.bulk_create(submissions, batch_size=BATCH)
        results, updates = [], []
        counts = [len(submissions), 0, 0]
        for submission in submissions:
            results += self._results(submission, submission.agency_id, submission.period)
            updates += self._task_updates(
                submission, task_leads.get(submission.agency_id, []), submission.period
            )
            if len(results) >= BATCH * 5:
                TargetResult.objects.bulk_create(results, batch_size=BATCH)
                counts[1] += len(results)
                results = []
            if len(updates) >= BATCH * 5:
                TaskUpdate.objects.bulk_create(updates, batch_size=BATCH)
                counts[2] += len(updates)
                updates = []
        TargetResult.objects.bulk_create(results, batch_size=BATCH)
        TaskUpdate.objects.bulk_create(updates, batch_size=BATCH)
        counts[1] += len(results)
        counts[2] += len(updates)
        return tuple(counts)


# --- the run ---------------------------------------------------------------------------------


def scale_data_generate(
    *,
    provinces: int,
    communes: int,
    years: int,
    start_year: int | None = None,
    seed: int = 1,
    prefix: str = DEFAULT_PREFIX,
    source_code: str = DEFAULT_SOURCE,
    replace: bool = False,
    progress: bool = True,
    log=None,
) -> ScaleSummary:
    """Generate the data (see the module's docstring). Refuses when data with ``prefix``
    exists, unless ``replace``. ``progress``: compute the stored progress of every generated
    period (what the dashboards read). ``log``: a callable given a line per province."""
    if provinces < 1 or communes < 0 or years < 1:
        raise ScaleDataError("provinces ≥ 1, communes ≥ 0, years ≥ 1")
    source = Plan.objects.select_related("issuer").filter(code=source_code).first()
    if source is None:
        raise ScaleDataError(f"Không có kế hoạch mẫu {source_code!r} (chạy load_seed_plans).")
    if start_year is None:
        start_year = timezone.localdate().year - years
    summary = ScaleSummary()
    started = time.perf_counter()
    with transaction.atomic():
        if generated_exists(prefix):
            if not replace:
                raise ScaleDataError(f"Đã có dữ liệu sinh với tiền tố {prefix!r}: dùng --replace để thay.")
            generated_delete(prefix)
    summary.seconds["delete"] = time.perf_counter() - started
    levels = {level.code: level for level in AdministrativeLevel.objects.all()}
    generated_periods = []
    write_started = time.perf_counter()
    for number in range(1, provinces + 1):
        with transaction.atomic():
            issuer, clones, children = _province_agencies(source, prefix, number, communes, levels)
            compiler = next((a for a in children if a.code.endswith("-snv")), None)
            reviewer = None
            if compiler is not None:
                reviewer = User(
                    username=f"{prefix}-p{number:02d}-reviewer",
                    role=User.Role.REVIEWER,
                    agency=compiler,
                    is_staff=True,
                )
                reviewer.set_unusable_password()
                reviewer.save()
            summary.agencies += 1 + len(children)
            for year in range(start_year, start_year + years):
                clone = _PlanClone(
                    source,
                    issuer=issuer,
                    clones=clones,
                    year=year,
                    code=f"{prefix}-p{number:02d}-{year}",
                    levels=levels,
                    seed=seed,
                )
                clone.read()
                clone.map_agencies()
                plan = clone.plan()
                clone.copy(plan)
                summary.plans += 1
                summary.targets += len(clone.targets)
                summary.tasks += len(clone.tasks)
                submissions, results, updates = _ScaleResults(plan, reviewer, seed).run()
                summary.submissions += submissions
                summary.results += results
                summary.task_updates += updates
                generated_periods += list(
                    ReportingPeriod.objects.filter(plan=plan).values_list("pk", flat=True)
                )
        summary.provinces += 1
        if log:
            log(
                f"tỉnh {number}/{provinces}: {summary.agencies} cơ quan, {summary.results} kết quả "
                f"({time.perf_counter() - started:.1f} s)"
            )
    summary.periods = len(generated_periods)
    summary.seconds["write"] = time.perf_counter() - write_started
    if progress:
        progress_started = time.perf_counter()
        for period_id in generated_periods:
            period_progress_compute(period_id=period_id)
        summary.seconds["progress"] = time.perf_counter() - progress_started
    summary.seconds["total"] = time.perf_counter() - started
    return summary
