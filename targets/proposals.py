"""From the extraction engine's proposals to targets the reviewer accepts.

:func:`targets.extraction.targets_extract` reads a plan's text and proposes targets in the
vocabulary of ``export_plan``. This module turns a proposal into what the review page starts
from (the plan area guessed from its printed number, the direction the wording implies, whether
the plan already has it) and saves the accepted ones: all or none.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
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
        "due_date": _date(proposal.get("due_date")),
    }
    for level, value in levels.items():
        initial[f"level_{level}"] = _decimal(value)
    return {"initial": initial, "known": known}


def _decimal(value) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _date(value) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


# --- codes ---------------------------------------------------------------------------------

#: the prefix of the plan's general targets' codes, as the seed plans print them ("MT.1")
GENERAL_PREFIX = "MT"
#: the letters Vietnamese plans number items with: a) b) c) d) đ) e) g) h) i) k) …
VN_LETTERS = (
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
)


def code_prefix(area_code: str) -> str:
    """What the codes of an area's targets start with: the area's number ("2" → "2.1"), or
    "MT" for the plan's general targets."""
    return area_code or GENERAL_PREFIX


def next_code(prefix: str, taken: Iterable[str]) -> str:
    """The next item's code in an area after the codes it has, numbered as they are: after
    "2.a", "2.b" comes "2.c" (Vietnamese letters: after "d" comes "đ"), after "3.1" … "3.8"
    comes "3.9", after "MT.1.2" comes "MT.2"; an area with no numbered item starts at
    "<prefix>.1". Never a code already taken."""
    taken = set(taken)
    numbers, letters = [0], [-1]
    for code in taken:
        if not code.startswith(f"{prefix}."):
            continue
        head = code[len(prefix) + 1 :].split(".")[0]
        if head.isascii() and head.isdecimal():
            numbers.append(int(head))
        elif head in VN_LETTERS:
            letters.append(VN_LETTERS.index(head))
    if max(letters) >= 0 and max(numbers) == 0 and max(letters) + 1 < len(VN_LETTERS):
        candidate = f"{prefix}.{VN_LETTERS[max(letters) + 1]}"
        if candidate not in taken:
            return candidate
    n = max(numbers) + 1
    while f"{prefix}.{n}" in taken:
        n += 1
    return f"{prefix}.{n}"


def codes_fill(
    items: list[tuple[str, str, str]], taken: dict[str, set[str]], *, follow_plan: bool = False
) -> list[str]:
    """The codes of new targets: ``items`` are (area code, "" for a general target; the code
    given, maybe ""; the statement it belongs to), in the order they are added; ``taken`` the
    codes the plan has in each area (its statements' and targets', :func:`plan_codes_taken`).
    A code given is kept; a blank one becomes the next item of its area after every code taken
    there and every code given here (:func:`next_code`): one item per statement, its targets
    "<item>.1", "<item>.2" … when it has several, as the seed plans number them.
    ``follow_plan``: in an area where the plan already has items, the codes given (a text
    numbering its items afresh) are replaced too, so new items go on after the plan's."""
    if follow_plan:
        items = [(area, "" if taken.get(area) else code, statement) for area, code, statement in items]
    used = {area: set(codes) for area, codes in taken.items()}
    for area, code, _statement in items:
        if code:
            used.setdefault(area, set()).add(code)
    blanks: dict[tuple[str, str], int] = {}
    for area, code, statement in items:
        if not code:
            blanks[(area, statement)] = blanks.get((area, statement), 0) + 1
    heads: dict[tuple[str, str], str] = {}
    within: dict[tuple[str, str], int] = {}
    codes = []
    for area, code, statement in items:
        if code:
            codes.append(code)
            continue
        key = (area, statement)
        if key not in heads:
            heads[key] = next_code(code_prefix(area), used.setdefault(area, set()))
            used[area].add(heads[key])
        within[key] = within.get(key, 0) + 1
        codes.append(heads[key] if blanks[key] == 1 else f"{heads[key]}.{within[key]}")
        used[area].add(codes[-1])
    return codes


def plan_codes_taken(plan) -> dict[str, set[str]]:
    """The codes the plan's statements and targets have, by the code of their area ("" for the
    general targets)."""
    taken: dict[str, set[str]] = {}
    rows = TargetStatement.objects.filter(plan=plan).values_list("plan_area__code", "code", "targets__code")
    for area, statement_code, target_code in rows:
        codes = taken.setdefault(area or "", set())
        codes.update(c for c in (statement_code, target_code) if c)
    return taken


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
    due_date: date | None = None

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
def targets_accept(*, plan, accepted: list[Accepted]) -> list[str]:
    """Save the accepted targets after the plan's existing ones: proposals of the same printed
    item (``statement``), or else read from the same sentence, become one statement (the item
    or the sentence is its text), in the order given. Every target is checked by the same rules
    as the admin's; one invalid target saves nothing. A target without a code gets the next
    one of its area (:func:`codes_fill`); returns the codes saved, in order."""
    errors = [
        f"{item.code or item.text[:40]}: {message}"
        for item in accepted
        for messages in rules.validate_target(item.spec).values()
        for message in messages
    ]
    if errors:
        raise ValidationError(errors)
    if not accepted:
        return []
    accepted = _coded(plan, accepted)
    levels = {level.code: level for level in AdministrativeLevel.objects.all()}
    unknown = {code for item in accepted for code in item.levels} - set(levels)
    if unknown:
        raise ValidationError(_("Cấp hành chính không có: %s.") % ", ".join(sorted(unknown)))
    position = TargetStatement.objects.filter(plan=plan).aggregate(m=Max("position"))["m"] or 0
    statements: dict[tuple, TargetStatement] = {}
    within: dict[tuple, int] = {}
    rows, scopes = [], []
    grouped: dict[tuple, list[str]] = {}
    for item in accepted:
        grouped.setdefault(_statement_key(item), []).append(item.code)
    for item in accepted:
        key = _statement_key(item)
        if key not in statements:
            position += 1
            statements[key] = TargetStatement(
                plan=plan,
                plan_area=item.area,
                code=statement_code(grouped[key]),
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
                due_date=item.due_date,
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
    return [row.code for row in rows]


def _statement_key(item: Accepted) -> tuple:
    return (item.statement or item.source, item.area.pk if item.area else None)


def statement_code(codes: list[str]) -> str:
    """A statement's code from its targets' ("2.4.1", "2.4.2" → "2.4"; "1.a", "1.a.1" →
    "1.a"): the dotted part they share when it is an item's ("2.4", not "2"), else the
    first's."""
    parts = [code.split(".") for code in codes if code]
    if not parts:
        return ""
    shared = []
    for segments in zip(*parts, strict=False):
        if len(set(segments)) > 1:
            break
        shared.append(segments[0])
    return ".".join(shared) if len(parts) > 1 and len(shared) >= 2 else ".".join(parts[0])


def _coded(plan, accepted: list[Accepted]) -> list[Accepted]:
    """The accepted targets, those without a code given the next codes of their area
    (:func:`codes_fill`): a target is never saved without one."""
    items = [
        (item.area.code if item.area else "", item.code, item.statement or item.source) for item in accepted
    ]
    codes = codes_fill(items, plan_codes_taken(plan))
    return [replace(item, code=code) for item, code in zip(accepted, codes, strict=True)]
