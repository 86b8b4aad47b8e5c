from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path
from django.views.static import serve

from portal import editor, views
from portal.abuse import LimitedPasswordResetView
from portal.sitemaps import all_sitemaps

# A forgotten password is reset by e-mail with Django's own views (the form
# rate-limited) and the admin's (Czech) templates; the login page links to
# the first by its name.
ADMIN_HEADER = {
    "site_header": admin.site.site_header,
    "site_title": admin.site.site_title,
}
password_reset = [
    path(
        "admin/password_reset/",
        LimitedPasswordResetView.as_view(
            extra_context=ADMIN_HEADER,
            email_template_name="admin/password_reset_email.txt",
            subject_template_name="admin/password_reset_subject.txt",
        ),
        name="admin_password_reset",
    ),
    path(
        "admin/password_reset/done/",
        auth_views.PasswordResetDoneView.as_view(extra_context=ADMIN_HEADER),
        name="password_reset_done",
    ),
    path(
        "admin/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(extra_context=ADMIN_HEADER),
        name="password_reset_confirm",
    ),
    path(
        "admin/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=ADMIN_HEADER),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    *password_reset,
    # The second step of signing in, and the identity provider's way in;
    # before the admin, whose own URLs would take any path under it.
    path("admin/druhy-faktor/", include("staffauth.urls")),
    path("admin/oidc/", include("mozilla_django_oidc.urls")),
    path("admin/", admin.site.urls),
    # Our validating upload replaces the package's own view, same URL name.
    path(
        "ckeditor5/image_upload/", editor.upload_image, name="ck_editor_5_upload_file"
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    # An index of one sitemap per section: each costs two queries, however
    # many sections there are.
    path(
        "sitemap.xml",
        sitemaps.index,
        {"sitemaps": all_sitemaps(), "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemaps.sitemap,
        {"sitemaps": all_sitemaps()},
        name="sitemap-section",
    ),
]

if settings.DEBUG:
    # In production the proxy or the object storage serves media.
    urlpatterns.append(
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )

# The public site in every language: Czech at the unprefixed URLs it always
# had, the others under /en/, /uk/ (the language comes from this prefix
# alone, portal.middleware.URLLanguageMiddleware). The admin, robots.txt and
# the sitemaps above stay single.
urlpatterns += i18n_patterns(
    path("dokumenty/", include("documents.urls")),
    path("aktuality/", include("news.urls")),
    path("dotace/", include("grants.urls")),
    path("projekty/", include("projects.urls")),
    path("uredni-deska/", include("noticeboard.urls")),
    path("opendata/", include("opendata.urls")),
    # Static pages by their tree path match anything, so they come last.
    path("", include("portal.site_urls")),
    prefix_default_language=False,
)
