from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("Aktuality")

    def ready(self):
        import pagecache

        pagecache.watch_app(self)
