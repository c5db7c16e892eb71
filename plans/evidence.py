"""Kept for migration 0006 (``plans.0006_evidence_files``), which names these two functions.
Evidence files now belong to the reporting cycle (``reporting.evidence``)."""

from cchc.storage import evidence_storage, evidence_upload_to  # noqa: F401
