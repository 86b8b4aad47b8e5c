from django.urls import path

from documents import feeds, views

app_name = "documents"

urlpatterns = [
    path("", views.DocumentListView.as_view(), name="list"),
    path("feed/", feeds.DocumentFeed(), name="feed"),
    path("pro-obce/", views.MunicipalitiesView.as_view(), name="municipalities"),
    path("kategorie/<slug:slug>/", views.CategoryView.as_view(), name="category"),
    path("kategorie/<slug:slug>/feed/", feeds.CategoryFeed(), name="category_feed"),
    path("<slug:slug>/", views.DocumentDetailView.as_view(), name="detail"),
    path("<slug:slug>/soubor/<int:pk>/", views.download, name="download"),
]
