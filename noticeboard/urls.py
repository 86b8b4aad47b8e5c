from django.urls import path

from noticeboard import feeds, views

app_name = "noticeboard"

urlpatterns = [
    path("", views.NoticeListView.as_view(), name="list"),
    path("archiv/", views.NoticeArchiveView.as_view(), name="archive"),
    path("feed/", feeds.NoticeFeed(), name="feed"),
    path("uredni-deska.jsonld", views.notice_board_jsonld, name="jsonld"),
    path("archiv.jsonld", views.archive_jsonld, name="archive_jsonld"),
    path("<slug:slug>/", views.NoticeDetailView.as_view(), name="detail"),
    path("<slug:slug>/priloha/<int:pk>/", views.attachment, name="attachment"),
]
