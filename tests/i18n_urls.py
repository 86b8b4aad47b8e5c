"""The site's URLs with the language prefix (/en/, /uk/; Czech without
one), for the content translation tests.

Once portal/urls.py itself uses i18n_patterns (issue #21, the interface
part), this is simply that URLconf; until then it wraps the public URLs the
same way, so the tests ask for the real /en/... addresses either way."""

from django.conf.urls.i18n import i18n_patterns
from django.urls.resolvers import LocalePrefixPattern

from portal import urls

if any(isinstance(p.pattern, LocalePrefixPattern) for p in urls.urlpatterns):
    urlpatterns = urls.urlpatterns
else:
    # Admin, robots.txt and sitemap.xml come first and stay unprefixed.
    PUBLIC_FROM = next(
        index
        for index, pattern in enumerate(urls.urlpatterns)
        if str(pattern.pattern) == "dokumenty/"
    )
    urlpatterns = [
        *urls.urlpatterns[:PUBLIC_FROM],
        *i18n_patterns(*urls.urlpatterns[PUBLIC_FROM:], prefix_default_language=False),
    ]
