"""The reporting cycle's models (see the two modules)."""

from .progress import (
    AgencyProgress,
    PendingRecompute,
    ProgressRun,
    RollupProgress,
    TargetProgress,
    TaskProgress,
)
from .submissions import (
    EvidenceFile,
    PeriodReopening,
    ReviewedLine,
    ReviewStatus,
    Submission,
    TargetResult,
    TaskExtension,
    TaskUpdate,
)
from .verdicts import TargetVerdict, TaskVerdict

__all__ = [
    "AgencyProgress",
    "EvidenceFile",
    "PendingRecompute",
    "PeriodReopening",
    "ProgressRun",
    "ReviewStatus",
    "ReviewedLine",
    "RollupProgress",
    "Submission",
    "TargetProgress",
    "TargetResult",
    "TargetVerdict",
    "TaskExtension",
    "TaskProgress",
    "TaskUpdate",
    "TaskVerdict",
]
