from django import template

from ..rules import deadline_label

register = template.Library()


def extended(task) -> bool:
    """The task's printed deadline was moved by an approved extension (a recurring task is
    judged per period, never by a date of its own)."""
    return bool(task.extended_due_date and task.due_date and not task.recurring)


@register.filter
def task_due(task, judged=None) -> str:
    """A task's deadline as printed, with an approved extension beside it ("30/06/2024 (gia
    hạn đến 30/09/2024)"). ``judged``: the date a stored status was judged against (a stored
    row's ``due``: the period's deadline for a recurring task, the year's end for a task without
    a date), shown when there is no extension. Reads only the task's own columns: no query."""
    if extended(task):
        return deadline_label(due=task.due_date, extended=task.extended_due_date)
    day = judged or task.due_date
    return deadline_label(due=day) if day else ""
