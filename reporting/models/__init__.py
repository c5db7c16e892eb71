"""The reporting cycle's models (see the two modules)."""

from .progress import (
    AgencyProgress,
    AreaDrillRows,
    PendingRecompute,
    ProgressRun,
    RollupProgress,
    TargetDrillRows,
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
    "AreaDrillRows",
    "EvidenceFile",
    "PendingRecompute",
    "PeriodReopening",
    "ProgressRun",
    "ReviewStatus",
    "ReviewedLine",
    "RollupProgress",
    "Submission",
    "TargetDrillRows",
    "TargetProgress",
    "TargetResult",
    "TargetVerdict",
    "TaskExtension",
    "TaskProgress",
    "TaskUpdate",
    "TaskVerdict",
]
