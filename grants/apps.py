from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Dotace")

    def ready(self):
        from django.db.models.signals import post_save

        import pagecache
        from noticeboard.models import Notice

        pagecache.watch_app(self)
        post_save.connect(
            _follow_notice, sender=Notice, dispatch_uid="grants-follow-notice"
        )


def _follow_notice(sender, instance, raw=False, **kwargs):
    """A programme's notice is posted (or taken back) after the programme was
    saved: the date its phases and lists read follows the notice."""
    if raw:
        return
    import pagecache
    from grants.models import Programme

    posted = instance.posting_date()
    followed = (
        Programme.objects.filter(notice=instance)
        .exclude(notice_board_date=posted)
        .update(notice_board_date=posted)
    )
    if followed:
        # update() sends no signal: what was kept of the programmes is old.
        pagecache.bump([Programme._meta.db_table])
