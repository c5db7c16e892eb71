from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo: users of every role and synthetic results for the seed plans
    (``manage.py load_demo``), on the top floor: it writes what the apps below would."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Dữ liệu mẫu"
