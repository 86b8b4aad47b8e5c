from django.urls import path

from grants import feeds, views

app_name = "grants"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("feed/", feeds.ProgrammeFeed(), name="feed"),
    path("terminy.ics", feeds.calendar, name="calendar"),
    path("prijemci.csv", views.awards_csv, name="awards_csv"),
    path("prijemci.json", views.awards_json, name="awards_json"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="detail"),
    path("<slug:slug>/prijemci.csv", views.awards_csv, name="programme_csv"),
    path("<slug:slug>/prijemci.json", views.awards_json, name="programme_json"),
    path("<slug:slug>/terminy.ics", feeds.calendar, name="programme_calendar"),
]
