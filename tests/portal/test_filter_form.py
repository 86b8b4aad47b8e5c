"""The public filter forms render their widgets in Python
(portal.filters.FilterFormRenderer); visitors get the markup Django's own
widget templates give."""

import re

import pytest
from django.forms.renderers import DjangoTemplates
from django.http import QueryDict
from django.template import loader

from documents.filters import DocumentFilter
from documents.models import Document
from grants.filters import ProgrammeFilter
from grants.models import Programme
from portal.filters import filter_form_renderer
from tests.factories import make_category, make_document, make_organisation, make_topic


def rendered(filterset_class, model, query, renderer):
    filterset = filterset_class(QueryDict(query), queryset=model.objects.all())
    filterset.form.renderer = renderer
    html = loader.get_template("includes/filter_form.html").render(
        {"filter": filterset, "label": "Filtr"}
    )
    # Only whitespace between tags may differ.
    return re.sub(r">\s+<", "><", html).strip()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    [
        "",
        'category=zpravy&year=2020&archiv=vse&q=a"<b>&topic=romove',
        "year=rok&category=neni",
    ],
)
def test_document_filter_form_looks_as_django_renders_it(query):
    make_category(name="Zprávy", slug="zpravy")
    make_topic(name="Romové & menšiny", slug="romove")
    make_document(issuer=make_organisation(name="Krajský úřad <LK>"))
    fast = rendered(DocumentFilter, Document, query, filter_form_renderer)
    assert fast == rendered(DocumentFilter, Document, query, DjangoTemplates())
    assert "&lt;LK&gt;" in fast


@pytest.mark.django_db
@pytest.mark.parametrize("query", ["", "open_now=on&year=2024&phase=otevreny"])
def test_programme_filter_checkbox_looks_as_django_renders_it(query):
    fast = rendered(ProgrammeFilter, Programme, query, filter_form_renderer)
    assert fast == rendered(ProgrammeFilter, Programme, query, DjangoTemplates())
    assert 'type="checkbox"' in fast
