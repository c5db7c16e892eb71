"""From the extraction engine's proposals to targets the reviewer accepts.

:func:`targets.extraction.targets_extract` reads a plan's text and proposes targets in the
vocabulary of ``export_plan``. This module turns a proposal into what the review page starts
from (the plan area guessed from its printed number, the direction the wording implies, whether
the plan already has it) and saves the accepted ones: all or none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from agencies.models import AdministrativeLevel
from cchc.text import fold

from . import rules
from .extraction import overlap
from .models import Target, TargetLevelThreshold, TargetStatement

# Words that make a change against a baseline a reduction ("giảm tối thiểu 2,5% biên chế").
_LOWER_WORDS = ("giam", "rut ngan", "cat giam", "tinh gian")


def guess_direction(measure: str, comparator: str, text: str) -> str:
    """The direction the comparator implies, else the one the wording says (a reduction is
    "lower"), else "higher". Ranks improve downwards."""
    implied = rules.implied_direction(measure, comparator)
    if implied is not None:
        return implied
    if measure == rules.Measure.RANK:
        return rules.Direction.LOWER
    words = f" {_key(text)} "
    if any(f" {w} " in words for w in _LOWER_WORDS):
        return rules.Direction.LOWER
    return rules.Direction.HIGHER


#: share of a heading's words that must be in an area's title for it to name that area
HEADING_OVERLAP = 0.8
_HEADING = re.compile(r"^\s*(?:[IVXLC]+|\d+)\s*[.)]\s+(\S.*)$")


def _key(text: str) -> str:
    return " ".join(fold(text).split())


def proposal_areas(text: str, proposals: list[dict], areas: list[tuple[str, list[str]]]) -> list[str]:
    """The plan area each proposal sits under in the text: the last heading line before its
    sentence that names one of the plan's areas, whatever its numbering ("2. Xây dựng chính
    quyền số" names "Xây dựng và phát triển chính quyền điện tử, chính quyền số": every word of
    the heading is in the title). ``areas`` are (code, [titles]) pairs. Where the text names no
    area at all, the proposal's printed number decides (:func:`guess_area_code`); a proposal
    before the first area heading is a general target ("")."""
    headings = []  # (offset in the folded text, area code)
    folded_lines, offset = [], 0
    for line in text.splitlines():
        key = _key(line)
        if not key:  # a blank line (PDF text has them inside sentences) joins nothing
            continue
        match = _HEADING.match(line)
        name = _key(re.sub(r"\(.*?\)", "", match.group(1))).rstrip(" .:;") if match else ""
        if name and len(name.split()) <= 15:
            score, code = max(
                ((overlap(name, title), code) for code, titles in areas for title in titles),
                default=(0.0, ""),
            )
            if score >= HEADING_OVERLAP:
                headings.append((offset, code))
        folded_lines.append(key)
        offset += len(key) + 1
    if not headings:
        codes = [code for code, _titles in areas]
        return [guess_area_code(p.get("code"), codes) for p in proposals]
    whole = " ".join(folded_lines)
    found = []
    for proposal in proposals:
        probe = _key(proposal.get("source") or proposal.get("text") or "")[:60]
        at = whole.find(probe) if probe else -1
        before = [code for start, code in headings if start <= at] if at >= 0 else []
        found.append(before[-1] if before else "")
    return found


def guess_area_code(code: str | None, area_codes: list[str]) -> str:
    """The plan area a proposal's printed number puts it in: "2.a.1" is under area "2" when the
    plan has an area numbered "2". Unnumbered proposals are the plan's general targets ("")."""
    if not code:
        return ""
    head = code.split(".")[0]
    return head if head in area_codes else ""


def proposal_initial(proposal: dict, *, area_codes: list[str], known_texts: set[str]) -> dict:
    """The review form's starting values for one proposal."""
    levels = proposal.get("levels") or {}
    text = proposal.get("text") or ""
    known = _key(text) in known_texts
    initial = {
        "accept": not known,
        "area": (
            proposal["area"]
            if proposal.get("area") in area_codes
            else guess_area_code(proposal.get("code"), area_codes)
        ),
        "code": proposal.get("code") or "",
        "text": text,
        "measure": proposal.get("measure") or "",
        "comparator": proposal.get("comparator") or "",
        "direction": guess_direction(proposal.get("measure") or "", proposal.get("comparator") or "", text),
        "value": _decimal(proposal.get("value")),
        "value_max": _decimal(proposal.get("value_max")),
        "unit": proposal.get("unit") or "",
        "stretch": bool(proposal.get("stretch")),
        # a count (units reduced, inspections held) builds up over the year, as a share of a
        # plan or budget does (DOMAIN.md "Target verdict")
        "cumulative": bool(proposal.get("cumulative")) or proposal.get("measure") == rules.Measure.COUNT,
        "baseline_year": proposal.get("baseline_year"),
    }
    for level, value in levels.items():
        initial[f"level_{level}"] = _decimal(value)
    return {"initial": initial, "known": known}


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def known_target_texts(plan) -> set[str]:
    """The folded texts of the plan's targets, so a proposal it already has starts unticked."""
    return {_key(t) for t in Target.objects.filter(statement__plan=plan).values_list("text", flat=True)}


@dataclass(frozen=True)
class Accepted:
    """One accepted proposal as the reviewer corrected it."""

    source: str
    area: object | None  # a PlanArea of the plan, or None for a general target
    code: str
    text: str
    measure: str
    comparator: str
    direction: str
    value: Decimal | None
    value_max: Decimal | None
    unit: str
    stretch: bool
    baseline_year: int | None
    levels: dict[str, Decimal]
    #: the printed item the target belongs to (the engine's ``statement``): targets of one item
    #: make one statement; without it, those of one sentence (``source``) do
    statement: str = ""
    cumulative: bool = False

    @property
    def spec(self) -> rules.TargetSpec:
        return rules.TargetSpec(
            measure=self.measure,
            comparator=self.comparator,
            direction=self.direction,
            value=self.value,
            value_max=self.value_max,
            unit=self.unit,
            stretch=self.stretch,
            baseline_year=self.baseline_year,
            cumulative=self.cumulative,
            levels=self.levels,
        )


@transaction.atomic
def targets_accept(*, plan, accepted: list[Accepted]) -> int:
    """Save the accepted targets after the plan's existing ones: proposals of the same printed
    item (``statement``), or else read from the same sentence, become one statement (the item
    or the sentence is its text), in the order given. Every target is checked by the same rules
    as the admin's; one invalid target saves nothing."""
    errors = [
        f"{item.code or item.text[:40]}: {message}"
        for item in accepted
        for messages in rules.validate_target(item.spec).values()
        for message in messages
    ]
    if errors:
        raise ValidationError(errors)
    if not accepted:
        return 0
    levels = {level.code: level for level in AdministrativeLevel.objects.all()}
    unknown = {code for item in accepted for code in item.levels} - set(levels)
    if unknown:
        raise ValidationError(_("Cấp hành chính không có: %s.") % ", ".join(sorted(unknown)))
    position = TargetStatement.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0
    statements: dict[tuple, TargetStatement] = {}
    within: dict[tuple, int] = {}
    rows, scopes = [], []
    for item in accepted:
        key = (item.statement or item.source, item.area.pk if item.area else None)
        if key not in statements:
            position += 1
            statements[key] = TargetStatement(
                plan=plan,
                plan_area=item.area,
                code=item.code,
                position=position,
                text=item.statement or item.source or item.text,
            )
        within[key] = within.get(key, 0) + 1
        rows.append(
            Target(
                statement=statements[key],
                code=item.code,
                position=within[key],
                text=item.text,
                measure=item.measure,
                comparator=item.comparator,
                direction=item.direction,
                value=item.value,
                value_max=item.value_max,
                unit=item.unit,
                stretch=item.stretch,
                cumulative=item.cumulative,
                baseline_year=item.baseline_year,
                responsible_agency=item.area.lead_agency if item.area else None,
                reporting_scope=(
                    Target.ReportingScope.LEVELS if item.levels else Target.ReportingScope.RESPONSIBLE
                ),
            )
        )
        scopes.append(item.levels)
    TargetStatement.objects.bulk_create(statements.values())
    for row in rows:
        row.statement_id = row.statement.pk
    rows = bulk_create_with_history(rows, Target)
    pairs = list(zip(rows, scopes, strict=True))
    TargetLevelThreshold.objects.bulk_create(
        TargetLevelThreshold(target=target, level=levels[code], value=value)
        for target, item_levels in pairs
        for code, value in item_levels.items()
    )
    through = Target.reporting_levels.through
    through.objects.bulk_create(
        through(target_id=target.pk, administrativelevel_id=levels[code].pk)
        for target, item_levels in pairs
        for code in item_levels
    )
    return len(rows)
