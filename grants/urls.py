from django.urls import path, register_converter
from django.views.generic import RedirectView

from grants import exports, feeds, views


class TableConverter:
    """The open-data tables by name; any other name is a 404."""

    regex = "|".join(exports.TABLES)

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(TableConverter, "table")

app_name = "grants"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("feed/", feeds.ProgrammeFeed(), name="feed"),
    path("terminy.ics", feeds.calendar, name="calendar"),
    path("prijemci.xlsx", exports.awards_xlsx, name="awards_xlsx"),
    # The semicolon CSV these addresses served is now the XLSX (exports.py).
    path(
        "prijemci.csv",
        RedirectView.as_view(pattern_name="grants:awards_xlsx", permanent=True),
    ),
    path("prijemci.json", views.awards_json, name="awards_json"),
    # Open data by the Czech conventions (grants/exports.py).
    path("data/<table:table>.csv", exports.table_csv, name="open_csv"),
    path("data/<table:table>.csv-metadata.json", exports.table_csvw, name="open_csvw"),
    path("data/<table:table>.json", exports.table_json, name="open_json"),
    path("data/<table:table>.xlsx", exports.table_xlsx, name="open_xlsx"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="detail"),
    path("<slug:slug>/prijemci.xlsx", exports.awards_xlsx, name="programme_xlsx"),
    path(
        "<slug:slug>/prijemci.csv",
        RedirectView.as_view(pattern_name="grants:programme_xlsx", permanent=True),
    ),
    path("<slug:slug>/prijemci.json", views.awards_json, name="programme_json"),
    path("<slug:slug>/terminy.ics", feeds.calendar, name="programme_calendar"),
]
