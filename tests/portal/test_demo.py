from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.test import Client
from pytest_django.asserts import assertContains

from portal.models import Page, SiteSettings


def snapshot():
    """Every row of every model, as plain values."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {
            "sessions",
            "admin",
            "contenttypes",
            "axes",
            "reversion",
        }:
            continue
        state[model._meta.label] = sorted(
            (
                tuple(sorted((key, str(value)) for key, value in row.items()))
                for row in model._default_manager.values()
            ),
        )
    return state


def test_load_demo_twice_changes_nothing(db):
    call_command("load_demo", stdout=StringIO())
    first = snapshot()
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == first


def test_demo_reproduces_the_seed_pages(db):
    call_command("load_demo", stdout=StringIO())
    assert SiteSettings.load().department_name == "Odbor sociálních věcí"
    coordinator = Page.objects.get(
        path="krajsky-urad/odbory-ku/napln-cinnosti-koordinatora"
    )
    response = Client().get(coordinator.get_absolute_url())
    assertContains(
        response,
        "Náplň činnosti koordinátora pro romské záležitosti, národnostní menšiny a integraci cizinců",
    )
    assertContains(response, "Mgr. Pavel Vaculík")
    assertContains(response, "25.\u00a04.\u00a02017 9:15")
    assertContains(response, "zákona č. 111/2009 Sb.")
    roma = Client().get("/romove/")
    assertContains(
        roma, "Krajská strategie pro integraci romské komunity v Libereckém kraji"
    )
    assertContains(roma, "Agentura pro sociální začleňování")
