from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmarks' data generator (``manage.py generate_scale_data``): on the top floor, it
    writes plans, reports and their figures as the apps below would."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "bench"
    verbose_name = "Đo hiệu năng"
