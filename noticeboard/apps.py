from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticeboardConfig(AppConfig):
    name = "noticeboard"
    verbose_name = _("Úřední deska")

    def ready(self):
        import pagecache

        pagecache.watch_app(self)
