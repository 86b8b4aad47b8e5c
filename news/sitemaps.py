from news.models import NewsItem
from portal.sitemaps import PublishableSitemap


class NewsSitemap(PublishableSitemap):
    model = NewsItem
