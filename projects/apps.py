from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekty EU")

    def ready(self):
        from portal import pagecache

        pagecache.watch_app(self)
