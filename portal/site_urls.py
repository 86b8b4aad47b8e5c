from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("temata/", views.TopicListView.as_view(), name="topics"),
    path("temata/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("kontakty/", views.ContactsView.as_view(), name="contacts"),
    path("hledat/", views.SearchView.as_view(), name="search"),
    path("mapa-stranek/", views.SiteMapView.as_view(), name="html_sitemap"),
    path("odber-novinek/", views.SubscribeView.as_view(), name="subscribe"),
    path("barvy.css", views.colours_css, name="colours"),
    # Static pages by their tree path come last, so that they never shadow
    # another URL.
    path("<path:path>/", views.PageView.as_view(), name="page"),
]
