from django.urls import path

from news import feeds, views

app_name = "news"

urlpatterns = [
    path("", views.NewsListView.as_view(), name="list"),
    path("rss/", feeds.NewsRssFeed(), name="rss"),
    path("atom/", feeds.NewsAtomFeed(), name="atom"),
    path("tema/<slug:slug>/rss/", feeds.TopicRssFeed(), name="topic_rss"),
    path("tema/<slug:slug>/atom/", feeds.TopicAtomFeed(), name="topic_atom"),
    path("odber/", views.subscribe, name="subscribe"),
    path("odber/odeslano/", views.subscribe_sent, name="subscribe_sent"),
    path("odber/potvrzeni/<str:token>/", views.confirm, name="confirm"),
    path("odber/odhlaseni/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<int:year>/", views.YearArchiveView.as_view(), name="year"),
    path("<slug:slug>/", views.NewsDetailView.as_view(), name="detail"),
]
