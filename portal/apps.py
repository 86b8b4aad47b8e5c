from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portál")

    def ready(self):
        autodiscover_modules("section")
        import pagecache
        from portal import search

        search.connect_signals()
        pagecache.watch_app(self)
        post_migrate.connect(render_everything_again, sender=self)


def render_everything_again(**kwargs):
    """After migrate, which every deploy runs: the pages and pieces kept in
    the cache (in Redis, across the deploy) were rendered by the previous
    release's templates and name its static files, so none is used again."""
    import pagecache

    pagecache.bump()
