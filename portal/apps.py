from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portál")

    def ready(self):
        autodiscover_modules("section")
        from portal import pagecache, search

        search.connect_signals()
        pagecache.watch_app(self)
        # Any form on a cacheable page takes its token through this hole.
        pagecache.register_hole(
            "csrf_input", pagecache.csrf_input, finish=pagecache.set_csrf_cookie
        )
