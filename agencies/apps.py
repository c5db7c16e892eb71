from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class AgenciesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "agencies"
    verbose_name = _("Cơ quan, đơn vị")

    def ready(self):
        from cchc.collation import register

        # Vietnamese order on SQLite: the collation PostgreSQL gets from migration 0004
        connection_created.connect(register, dispatch_uid="cchc-vietnamese-collation")
