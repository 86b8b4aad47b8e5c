from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.static import serve

from portal import editor, views
from portal.sitemaps import all_sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    # Our validating upload replaces the package's own view, same URL name.
    path(
        "ckeditor5/image_upload/", editor.upload_image, name="ck_editor_5_upload_file"
    ),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": all_sitemaps()}, name="sitemap"),
    path("dokumenty/", include("documents.urls")),
    path("aktuality/", include("news.urls")),
    path("dotace/", include("grants.urls")),
    path("projekty/", include("projects.urls")),
]

if settings.DEBUG:
    # In production the proxy or the object storage serves media.
    urlpatterns.append(
        path("media/<path:path>", serve, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns.append(path("", include("portal.site_urls")))
