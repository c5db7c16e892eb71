"""Local development: the embedded default (SQLite, tasks in-process) unless env says otherwise."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
