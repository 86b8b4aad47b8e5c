from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Projekty EU")

    def ready(self):
        import pagecache
        from projects import views

        pagecache.watch_app(self)
        # The visit counter changes on every visit: a hole in cached pages.
        pagecache.register_hole("project_visit_count", views.visit_count)
