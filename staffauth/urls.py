from django.urls import path

from staffauth import views

app_name = "staffauth"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("nastaveni/", views.enrol, name="enrol"),
    path("nastaveni/qr.svg", views.qr_code, name="qr_code"),
]
