from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Dotace")

    def ready(self):
        from portal import pagecache

        pagecache.watch_app(self)
