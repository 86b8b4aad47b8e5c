from django.contrib.sitemaps import Sitemap

from grants.models import Programme


class ProgrammeSitemap(Sitemap):
    def items(self):
        return Programme.objects.published().order_by("pk")

    def lastmod(self, programme):
        return programme.updated_at
