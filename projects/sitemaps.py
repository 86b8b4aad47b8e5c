from portal.sitemaps import PublishableSitemap
from projects.models import Project


class ProjectSitemap(PublishableSitemap):
    model = Project
