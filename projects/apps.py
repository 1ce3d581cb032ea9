from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projects")

    def ready(self):
        from django.db.backends.signals import connection_created

        from core import deferral
        from core.collation import register_on_sqlite

        from .signals import connect_signals, project_bumps_deferred

        connect_signals()
        # An import bumps each project's page version once, after its last row.
        deferral.register("project_bumps", project_bumps_deferred)
        connection_created.connect(register_on_sqlite, dispatch_uid="core.collation")
