import html
from urllib.parse import quote

from django import template
from django.utils.html import conditional_escape as esc
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from plans.templatetags.task_tags import task_due
from targets.progress import exceeded_by
from targets.rules import format_number
from targets.templatetags.target_tags import target_figure, vn_number

from .. import formatting, wording

register = template.Library()


@register.filter
def pct(progress):
    """A stored progress share as a whole percentage: 0,72 → "72%"."""
    return formatting.pct(progress)


@register.filter
def figure(row):
    """A stored figure as people read it (``reports.formatting.figure``)."""
    return formatting.figure(row)


@register.filter
def progress(row):
    """A target row's progress, never "100%" when not met (``reports.formatting.progress``)."""
    return formatting.progress(row)


@register.filter
def verdict(row):
    """A target row's verdict as printed ("Đạt, vượt 5%", "Không đạt")."""
    return formatting.verdict(row)


@register.filter
def coverage(row):
    """ "10/18 cơ quan": how many of the expected agencies a figure stands on."""
    return formatting.coverage(row)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def link(pattern, value):
    """A URL reversed once for a table's rows (``views_dashboards._link``), its next ``{}``
    slot filled with this row's ``value``."""
    return pattern.replace("{}", str(value), 1)


@register.filter
def compliance_cells(cells, labels):
    """A row of the reporting compliance matrix, ``(period, key)`` pairs, as its table cells:
    written here rather than by a template loop, the matrix having a cell per agency and
    period. A key says the report's state and, "_late", that it was first sent late: the cell
    shows both ("Đã duyệt · gửi muộn")."""
    return mark_safe("".join(_compliance_cell(key, labels) for _period, key in cells))


def _compliance_cell(key, labels) -> str:
    return (
        f'<td><span class="cell c-{escape(key.removesuffix("_late"))}'
        f'{" c-late" if key.endswith("_late") else ""}" data-state="{escape(key)}">'
        f"{escape(labels.get(key))}</span></td>"
    )


@register.filter
def shorten(text, limit=220):
    """A task's name cut at a word boundary with "…" when it is long (``wording.shorten``)."""
    return wording.shorten(text, int(limit))


def _agency_cell(row, agency_link: str, query: str, members_linked: bool) -> str:
    """The league's agency cell: a link to the agency's page, or a rolled-up body's name and
    its members (linked in the matrix, plain in the ranking)."""
    if not row.members:
        href = esc(agency_link.replace("{}", str(row.agency.pk), 1) + query)
        return f'<td><a href="{href}">{esc(row.agency.name)}</a></td>'
    if members_linked:
        members = "; ".join(
            f'<a href="{esc(agency_link.replace("{}", str(m.pk), 1) + query)}">{esc(m.name)}</a>'
            for m in row.members
        )
    else:
        members = "; ".join(esc(m.name) for m in row.members)
    return f'<td>{esc(row.agency.name)}<div class="small muted">{esc(_("gồm:"))} {members}</div></td>'


@register.simple_tag
def league_matrix_rows(rows, agency_link, period, labels):
    """The reporting compliance matrix's rows, one per agency of the league: written here
    rather than by a template loop (a province has ~120 agencies, each row a dozen lookups
    and filters in a template)."""
    query = f"?ky={period.pk}"
    # a cell depends on its key only (a handful of report states): each written once
    cell = {key: _compliance_cell(key, labels) for key in labels}
    return mark_safe(
        "".join(
            f'<tr data-agency="{row.agency.pk}">{_agency_cell(row, agency_link, query, True)}\n'
            f"      {''.join(cell.get(key) or _compliance_cell(key, labels) for _period, key in row.cells)}"
            "</tr>\n    "
            for row in rows
        )
    )


@register.simple_tag
def league_ranking_rows(rows, agency_link, period):
    """The league table's rows (rank, agency, reports on time, tasks, targets, score), as the
    matrix's: one string per row instead of a template loop."""
    query = f"?ky={period.pk}"
    awaiting = esc(_("chờ duyệt"))
    no_data = esc(_("chưa có số liệu"))
    out = []
    for rank, row in enumerate(rows, start=1):
        cells = [
            f'<tr data-agency="{row.agency.pk}">\n      <td class="num">{rank}</td>\n      '
            f"{_agency_cell(row, agency_link, query, False)}\n      "
            f'<td class="num">{row.reports_on_time}/{row.reports_due}</td>\n      '
        ]
        if row.awaiting_review:
            cells.append(
                f'<td class="num" colspan="2" data-awaiting><span class="cell c-submitted">{awaiting}'
                f'</span></td>\n      <td class="num"><span class="small muted">{awaiting}</span></td>'
            )
        else:
            figures = row.row
            tasks = (
                f"{figures.tasks_done_on_time}/{figures.tasks}"
                if figures is not None and figures.tasks
                else "—"
            )
            if figures is not None and figures.targets:
                targets = f"{figures.targets_met}/{figures.targets}"
                if figures.targets_no_data:
                    targets += (
                        f' <span class="small muted" title="{no_data}">({figures.targets_no_data} —)</span>'
                    )
            else:
                targets = "—"
            cells.append(
                f'<td class="num">{tasks}</td>\n      <td class="num">{targets}</td>\n      '
                f'<td class="num"><strong>{esc(formatting.pct(row.score))}</strong></td>'
            )
        cells.append("\n    </tr>")
        out.append("".join(cells))
    return mark_safe("".join(out))


@register.simple_tag
def agency_chips(rows):
    """The names of the rows' agencies, a chip each (a drill-down's agencies without figures:
    up to a province's ~120), written here rather than by a template loop."""
    return mark_safe("".join(f"<li>{html.escape(row.agency.name)}</li>" for row in rows))


@register.simple_tag
def target_agency_rows(rows, agency_link, explain_link, period, target):
    """The target drill-down's rows, one per agency (a province has ~120): the agency, its
    figure linked to the explanation, the goal, progress and verdict, written here rather than
    by a template loop. What rows share is written once: the target's rule, the separators, a
    goal, a level's name, a verdict (its status and how far beyond the goal)."""
    query = f"?ky={period.pk}"
    not_yet = esc(_("chưa có"))
    unit = "%" if target.unit == "%" else ""
    missing = ' class="missing"'
    spec, seps = target.as_spec(levels=None), formatting.separators()
    goals: dict = {None: "—"}
    level_names: dict = {}
    verdicts: dict = {}
    out = []
    for row in rows:
        agency = row.agency
        href = html.escape(agency_link.replace("{}", str(row.agency_id), 1) + query)
        explain = html.escape(f"{explain_link}?pham-vi={quote(row.scope, safe='/')}")
        goal = goals.get(row.goal)
        if goal is None:
            goal = goals[row.goal] = f"{esc(vn_number(row.goal))}{unit}"
        level = level_names.get(agency.level_id)
        if level is None:
            level = level_names[agency.level_id] = esc(agency.level.name if agency.level_id else "")
        judged = (row.status, exceeded_by(row.progress, row.met))
        verdict = verdicts.get(judged)
        if verdict is None:
            verdict = verdicts[judged] = esc(formatting.verdict(row))
        shown = not_yet if row.missing else html.escape(formatting.figure(row, spec, seps))
        out.append(
            f'<tr data-agency="{row.agency_id}"{missing if row.missing else ""}>\n'
            f'      <td><a href="{href}">{html.escape(agency.name)}</a> <span class="small muted">'
            f"{level}</span></td>\n"
            f'      <td class="num"><a href="{explain}" data-figure="value">{shown}</a></td>\n'
            f'      <td class="num">{goal}</td>\n'
            f'      <td class="num" data-figure="progress">{html.escape(formatting.progress(row))}</td>\n'
            f'      <td><span class="badge status-{html.escape(row.status)}">{verdict}'
            f"</span></td>\n    </tr>"
        )
    return mark_safe("".join(out))


@register.simple_tag
def overview_target_rows(rows, links, period, sparks, baseline_comparators):
    """The overview's target table, a group row before each reform area's first target and a
    row per target (its figure, coverage, progress, verdict and sparkline), written here rather
    than by a template loop of a dozen filters a row."""
    general = esc(_("Mục tiêu chung"))
    stretch = f' <span class="badge stretch">{esc(_("phấn đấu"))}</span>'
    how = esc(_("Số liệu và cách tính"))
    demo = f'<div><span class="badge demo" data-demo-baseline>{esc(_("năm gốc: dữ liệu mẫu"))}</span></div>'
    query = f"?ky={period.pk}"
    out, area_seen, first = [], None, True
    for row in rows:
        target = row.target
        area_id = target.statement.plan_area_id
        out.append("\n      ")
        if first or area_id != area_seen:
            area = target.statement.plan_area
            name = f"{esc(area.code)}. {esc(area.title)}" if area else general
            out.append(f'<tr class="group"><td colspan="6">{name}</td></tr>')
            first, area_seen = False, area_id
        coverage_text = formatting.coverage(row)
        coverage_cell = (
            f'<div class="small muted" data-figure="coverage">{esc(coverage_text)}</div>'
            if coverage_text
            else ""
        )
        demo_cell = demo if target.baseline_is_demo and target.comparator in baseline_comparators else ""
        target_href = esc(links["target"].replace("{}", str(row.target_id), 1) + query)
        explain_href = esc(links["explain"].replace("{}", str(row.target_id), 1))
        out.append(
            f'\n      <tr data-target="{row.target_id}" data-status="{esc(row.status)}">\n'
            f'        <td><span class="code">{esc(target.code)}</span> <a href="{target_href}">'
            f"{esc(wording.truncate_chars(target.text, 110))}</a>{stretch if target.stretch else ''}</td>\n"
            f'        <td class="nowrap">{esc(target_figure(target))}</td>\n'
            f'        <td class="num"><a href="{explain_href}" data-figure="value" title="{how}">'
            f"{esc(formatting.figure(row))}</a>{coverage_cell}{demo_cell}</td>\n"
            f'        <td class="num" data-figure="progress">{esc(formatting.progress(row))}</td>\n'
            f'        <td><span class="badge status-{esc(row.status)}">'
            f"{esc(formatting.verdict(row))}</span></td>\n"
            f"        <td>{esc(sparks.get(row.target_id) if sparks else None)}</td>\n      </tr>\n    "
        )
    return mark_safe("".join(out))


@register.simple_tag
def explain_used_rows(lines):
    """The explanation page's lines that entered a figure (one per agency and period: ~120 at
    a province figure), written here rather than by a template loop."""
    yes, no = esc(_("có")), esc(_("chưa"))
    seps = formatting.separators()

    def number(value) -> str:  # ``vn_number``, the separators read once for the table
        return html.escape(format_number(value, *seps))

    kinds: dict[str, str] = {}
    out = []
    for line in lines:
        period = line.submission.period
        if period.kind not in kinds:
            kinds[period.kind] = esc(period.get_kind_display())
        done = "—" if line.done is None else yes if line.done else no
        out.append(
            f'<tr data-used="{line.pk}"><td>{esc(line.submission.agency.name)}</td>'
            f'<td>{kinds[period.kind]}</td><td class="num">{number(line.numerator)}</td>'
            f'<td class="num">{number(line.denominator)}</td>'
            f'<td class="num">{number(line.value)}</td>'
            f'<td class="num">{number(line.transactions)}</td><td>{done}</td></tr>\n    '
        )
    return mark_safe("".join(out))


@register.simple_tag
def agency_target_rows(targets, explain_link):
    """The agency page's targets over the year, a row per target and a cell per period (its
    figure linked to the explanation, and its verdict), written here rather than by a template
    loop of a few filters a cell. A target's rule and the separators are read once, each
    verdict (its status and how far beyond the goal) written once."""
    seps = formatting.separators()
    verdicts: dict = {}
    out = []
    for target, cells in targets:
        spec = target.as_spec(levels=None)
        parts = [
            f'<tr data-target="{target.pk}">\n      <td><span class="code">{esc(target.code)}</span> '
            f"{esc(wording.truncate_chars(target.text, 100))}</td>\n      "
        ]
        for row in cells:
            if row is None:
                parts.append('<td class="num">—</td>')
                continue
            href = explain_link.replace("{}", str(row.period_id), 1).replace("{}", str(target.pk), 1)
            shown = "—" if row.missing else html.escape(formatting.figure(row, spec, seps))
            judged = (row.status, exceeded_by(row.progress, row.met))
            verdict = verdicts.get(judged)
            if verdict is None:
                verdict = verdicts[judged] = esc(formatting.verdict(row))
            parts.append(
                f'<td class="num"><a href="{html.escape(href)}?pham-vi={html.escape(quote(row.scope))}" '
                f'data-figure="{row.period_id}">{shown}</a><br><span class="badge status-'
                f'{html.escape(row.status)}">{verdict}</span></td>'
            )
        parts.append("\n    </tr>")
        out.append("".join(parts))
    return mark_safe("".join(out))


@register.simple_tag
def area_target_rows(rows, links, period, sparks):
    """The area page's targets (its figure, coverage, progress, verdict and sparkline), as the
    overview's rows: one string per row instead of a template loop."""
    query = f"?ky={period.pk}"
    out = []
    for row in rows:
        target = row.target
        coverage_text = formatting.coverage(row)
        coverage_cell = (
            f'<div class="small muted" data-figure="coverage">{esc(coverage_text)}</div>'
            if coverage_text
            else ""
        )
        out.append(
            f'<tr data-target="{row.target_id}">\n'
            f'      <td><span class="code">{esc(target.code)}</span> <a href="'
            f'{esc(links["target"].replace("{}", str(row.target_id), 1))}{query}">'
            f"{esc(wording.truncate_chars(target.text, 110))}</a></td>\n"
            f'      <td class="nowrap">{esc(target_figure(target))}</td>\n'
            f'      <td class="num"><a href="{esc(links["explain"].replace("{}", str(row.target_id), 1))}" '
            f'data-figure="value">{esc(formatting.figure(row))}</a>{coverage_cell}</td>\n'
            f'      <td class="num">{esc(formatting.progress(row))}</td><td><span class="badge '
            f'status-{esc(row.status)}">{esc(formatting.verdict(row))}</span></td>\n'
            f"      <td>{esc(sparks.get(row.target_id) if sparks else None)}</td></tr>\n    "
        )
    return mark_safe("".join(out))


@register.simple_tag
def area_task_rows(tasks, task_link, labels):
    """The area page's tasks (the lead agencies, the deadline, the status), one string per
    row instead of a template loop."""
    subtask = ' class="subtask"'
    out = []
    for row in tasks:
        task = row.task
        leads = ", ".join(esc(a.name) for a in task.lead_agencies.all()) or esc(task.lead_groups or "—")
        out.append(
            f'<tr data-task="{row.task_id}"{subtask if task.parent_id else ""}><td>'
            f'<span class="code">{esc(task.code)}</span> <a href="'
            f'{esc(task_link.replace("{}", str(row.task_id), 1))}">'
            f"{esc(wording.truncate_chars(task.text, 120))}</a></td>\n      <td>{leads}</td>\n"
            f'      <td class="nowrap">{esc(task_due(task, row.due))}</td><td><span class="badge '
            f'task-{esc(row.status)}">{esc(labels.get(row.status))}</span></td></tr>\n    '
        )
    return mark_safe("".join(out))
