from noticeboard.models import Notice
from portal.sitemaps import PublishableSitemap


class NoticeSitemap(PublishableSitemap):
    model = Notice

    def items(self):
        return Notice.objects.posted().order_by("pk")
