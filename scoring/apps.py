from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScoringConfig(AppConfig):
    """PAR-index scoring (Chỉ số CCHC) of the province's own units: criteria sets by year, the
    year's self-assessment, appraisal, explanation and council round, the ranking and its
    published decision. Top floor: it reads the reporting cycle (``scoring.sources``) and never
    writes it; nothing imports it but the URLs and the settings."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "scoring"
    verbose_name = _("Chấm điểm Chỉ số CCHC")
