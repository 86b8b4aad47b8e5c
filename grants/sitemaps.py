from grants.models import Programme
from portal.sitemaps import PublishableSitemap


class ProgrammeSitemap(PublishableSitemap):
    model = Programme
