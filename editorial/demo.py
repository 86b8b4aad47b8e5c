"""The demo content's history. Editorial comes last in INSTALLED_APPS, so
load_demo runs this after every app has loaded its content: each item
starts its history here, so that its first edit can be compared and
undone."""

from django.utils.translation import gettext as _

from editorial import history


def load():
    count = history.record_initial_versions(_("Výchozí obsah webu"))
    return f"{count} položek s první verzí v historii"
