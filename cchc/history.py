"""Who made a change, and why, in the history django-simple-history keeps of a model: set on
the object before it is saved (or its many-to-many fields are changed), in the attributes the
library reads then. One typed place for them, so that callers need no ``type: ignore``."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise


def history_attribute(obj: models.Model, *, user, reason: str | Promise | None = None) -> None:
    """Record the next changes of ``obj`` as made by ``user`` (None: by nobody, rather than by
    the request's user) and, when given, for ``reason``."""
    obj._history_user = user  # type: ignore[attr-defined]  # read by django-simple-history
    if reason is not None:
        obj._change_reason = reason  # type: ignore[attr-defined]  # read by django-simple-history
