from django.urls import path

from opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.IndexView.as_view(), name="index"),
    path("katalog.jsonld", views.catalogue_jsonld, name="catalogue"),
    path("datove-sady/<slug:slug>", views.dataset_jsonld, name="dataset"),
    path("aktuality.jsonld", views.news_jsonld, name="news"),
    path("dokumenty.json", views.documents_json, name="documents"),
    path("projekty.json", views.projects_json, name="projects"),
]
