"""Today's date, and the day a moment falls on, in Vietnam (Asia/Ho_Chi_Minh, ``TIME_ZONE``):
the one clock of every caller (the review queue, the dashboards, the PDFs, the jobs). A report
sent at 00:30 on 21/12 in Hà Nội was sent on 21/12, whatever the server's or UTC's date."""

from __future__ import annotations

from datetime import date, datetime

from django.utils import timezone


def today() -> date:
    """The local date now."""
    return timezone.localdate()


def local_date(moment: datetime) -> date:
    """The local date of an aware moment (a stored ``DateTimeField``)."""
    return timezone.localdate(moment)
