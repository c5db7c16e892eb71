"""The round's results: the ranking with bands, the dashboards, the projection while the year
runs."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cchc.collation import sort_key
from cchc.fields import WindowDateField, parse_id, plan_date_window

from .. import access, charts, selectors, services
from .common import round_for


def _published(round_):
    return selectors.issued_publication(round_)


@login_required
def ranking(request, pk):
    """The ranking by group with bands: the frozen ranking of the issued decision for everyone
    of the province; before it, the Sở Nội vụ and the leadership see the current result
    (provisional until the result is fixed)."""
    round_ = round_for(request, pk)
    publication = _published(round_)
    if not access.can_read_ranking(request.user, round_, published=publication is not None):
        raise PermissionDenied
    live = access.sees_every_unit(request.user, round_)
    results = selectors.round_results(round_) if live else None
    groups = []
    if results is not None:
        for code, label, units in results.by_group():
            bands = units[0].assessment.criteria_set.bands if units else []
            groups.append(
                {
                    "label": label,
                    "units": units,
                    "median": results.medians[code][""],
                    "chart": charts.index_bars(
                        [
                            (u.assessment.unit.short_name or u.assessment.unit.name, u.index, u.band)
                            for u in units
                        ],
                        title=_("Chỉ số CCHC — %(group)s") % {"group": label},
                        bands=bands,
                    ),
                }
            )
    return render(
        request,
        "scoring/ranking.html",
        {
            "round": round_,
            "groups": groups,
            "publication": publication,
            "live": live,
            "frozen": publication.data if publication is not None else None,
        },
    )


def _unit_choice(request, units) -> int | None:
    raw = request.GET.get("don-vi")
    if raw is None:
        return None
    pk = parse_id(raw)
    if pk is None or pk not in units:
        raise Http404
    return pk


@login_required
def dashboard(request, pk):
    """Ranking with bands, a unit's index per lĩnh vực against its group's median, self vs
    appraised gaps, the leaves most often lost, year on year."""
    round_ = round_for(request, pk)
    publication = _published(round_)
    if not access.can_read_ranking(request.user, round_, published=publication is not None):
        raise PermissionDenied
    if not access.sees_every_unit(request.user, round_):
        raise PermissionDenied  # the province-wide figures before and after: managers, leaders
    results = selectors.round_results(round_)
    units = {u.assessment.unit_id: u for u in results.units}
    chosen = _unit_choice(request, units) or (results.units[0].assessment.unit_id if results.units else None)
    unit_chart = None
    if chosen is not None:
        unit = units[chosen]
        group = unit.assessment.group
        unit_chart = charts.area_bars(
            [
                (f"{code}. {title}", unit.areas.get(code, (0, 0, None))[2], results.medians[group].get(code))
                for code, title in results.areas[group]
            ],
            title=_("%(unit)s: chỉ số theo lĩnh vực so với trung vị của nhóm")
            % {"unit": unit.assessment.unit.name},
        )
    previous = selectors.previous_results(round_, units)
    year_on_year = [
        {
            "unit": u.assessment.unit,
            "now": u.index,
            "before": previous[u.assessment.unit_id].index if u.assessment.unit_id in previous else None,
        }
        for u in sorted(results.units, key=lambda u: sort_key(u.assessment.unit.name))
    ]
    for row in year_on_year:
        row["delta"] = (
            (row["now"] - row["before"]) if row["now"] is not None and row["before"] is not None else None
        )
    groups = []
    for code, label, members in results.by_group():
        bands = members[0].assessment.criteria_set.bands if members else []
        groups.append(
            {
                "label": label,
                "chart": charts.index_bars(
                    [
                        (u.assessment.unit.short_name or u.assessment.unit.name, u.index, u.band)
                        for u in members
                    ],
                    title=_("Xếp hạng — %(group)s") % {"group": label},
                    bands=bands,
                ),
                "median": results.medians[code][""],
            }
        )
    gap_chart = charts.gap_bars(
        [(g["unit"].short_name or g["unit"].name, g["self"], g["appraised"]) for g in results.gaps],
        title=_("Tự chấm và thẩm định (điểm, không kể điều tra xã hội học)"),
    )
    return render(
        request,
        "scoring/dashboard.html",
        {
            "round": round_,
            "results": results,
            "groups": groups,
            "chosen": chosen,
            "unit_chart": unit_chart,
            "gap_chart": gap_chart,
            "year_on_year": year_on_year,
            "has_previous": bool(previous),
            "publication": publication,
            "units": sorted(results.units, key=lambda u: sort_key(u.assessment.unit.name)),
        },
    )


class ProjectionDayForm(forms.Form):
    """The day a projection is made at (``?ngay=``, dd/mm/yyyy), within the round's year and
    the years either side (``cchc.fields.plan_date_window``)."""

    ngay = WindowDateField(label=_lazy("Đến ngày"), required=False)

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ngay"].window = plan_date_window(year)


def _as_of(request, round_) -> tuple[date, ProjectionDayForm]:
    """The day asked for, else today kept within the days the page accepts (the round's year and
    the years either side: the window's last day once it is past, so a round long over is shown
    as of that day, not answered with a 404). A day typed otherwise is said next to the field,
    the page shown at that default day."""
    first, last = plan_date_window(round_.year)
    default = min(max(services.today(), first), last)
    if not request.GET.get("ngay", "").strip():
        return default, ProjectionDayForm(initial={"ngay": default}, year=round_.year)
    form = ProjectionDayForm(request.GET, year=round_.year)
    return (form.cleaned_data["ngay"] if form.is_valid() else default), form


@login_required
def projection(request, pk):
    """Each unit's expected index from the data so far: bound leaves as the data stand, the rest
    at last year's final points or blank, each said so. The Sở Nội vụ and the leadership see
    every unit and the expected ranking; a unit's staff (and a council member) their own."""
    round_ = round_for(request, pk)
    all_ids = list(round_.assessments.values_list("unit_id", flat=True))
    readable = access.readable_unit_ids(request.user, round_, all_ids)
    if not readable:
        raise PermissionDenied
    as_of, day_form = _as_of(request, round_)
    sees_all = access.sees_every_unit(request.user, round_)
    chosen = _unit_choice(request, readable)
    if chosen is None and not sees_all:
        chosen = min(readable)
    items, period = selectors.projection(round_, as_of, unit_ids=readable)
    detail = next((p for p in items if p.assessment.unit_id == chosen), None)
    if detail is not None:
        detail.lost_leaves = sorted(
            (leaf for leaf in detail.leaves if leaf.lost is not None and leaf.lost > 0),
            key=lambda leaf: -leaf.lost,
        )
    return render(
        request,
        "scoring/projection.html",
        {
            "round": round_,
            "items": sorted(items, key=lambda p: (p.assessment.group, p.rank or 10**6)),
            "detail": detail,
            "as_of": as_of,
            "day_form": day_form,
            "period": period,
            "sees_all": sees_all,
        },
        status=400 if day_form.errors else 200,
    )
