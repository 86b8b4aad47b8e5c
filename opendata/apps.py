from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpendataConfig(AppConfig):
    """The local open-data catalogue (LKOD): no models of its own, it
    describes the other apps' open data by DCAT-AP-CZ."""

    name = "opendata"
    verbose_name = _("Otevřená data")
