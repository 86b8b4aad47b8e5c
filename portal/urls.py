import os

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView
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

if os.environ.get("PORTAL_BENCH") == "1":
    # `make bench` only: the framework's floor, a small template and no
    # database, measured under the same server settings as the real pages.
    urlpatterns.append(
        path(
            "bench/floor/",
            TemplateView.as_view(
                template_name="bench_floor.html",
                extra_context={"title": "Floor", "items": range(20)},
            ),
        )
    )

urlpatterns.append(path("", include("portal.site_urls")))
