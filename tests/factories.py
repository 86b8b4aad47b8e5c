"""Test data as plain functions: make_<thing>(**overrides), defaults via
setdefault. Each app adds its factories in its own section below."""

from datetime import date, datetime, timedelta
from itertools import count

from django.utils import timezone

from portal.models import Organisation, Page, Person, Resolution, Status, Topic

_sequence = count(1)


def unique(prefix):
    return f"{prefix} {next(_sequence)}"


# --- portal ----------------------------------------------------------------


def make_topic(**fields):
    fields.setdefault("name", unique("Téma"))
    return Topic.objects.create(**fields)


def make_person(**fields):
    fields.setdefault("name", unique("Mgr. Jana Nováková"))
    return Person.objects.create(**fields)


def make_organisation(**fields):
    fields.setdefault("name", unique("Spolek"))
    return Organisation.objects.create(**fields)


def make_resolution(**fields):
    fields.setdefault("number", next(_sequence))
    fields.setdefault("year", 2020)
    fields.setdefault("body", Resolution.Body.COUNCIL)
    fields.setdefault("date", date(fields["year"], 5, 19))
    return Resolution.objects.create(**fields)


def make_page(**fields):
    fields.setdefault("title", unique("Stránka"))
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    return Page.objects.create(**fields)


# --- documents ---------------------------------------------------------------


def make_category(**fields):
    from documents.models import Category

    fields.setdefault("name", unique("Kategorie"))
    fields.setdefault("slug", f"kategorie-{next(_sequence)}")
    return Category.objects.create(**fields)


def make_document(**fields):
    from documents.models import Document

    fields.setdefault("title", unique("Dokument"))
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    if "category" not in fields:
        fields["category"] = make_category()
    return Document.objects.create(**fields)


def make_documents(count, **fields):
    return [make_document(**fields) for _ in range(count)]


def make_document_file(document=None, content=None, name="dokument.pdf", **fields):
    """A file on disk; by default a real PDF with Czech text."""
    from django.core.files.base import ContentFile

    from documents.models import DocumentFile
    from documents.pdf import build_pdf

    if content is None:
        content = build_pdf("Zpráva o stavu romské menšiny", ["Žluťoučký kůň úpěl."])
    document_file = DocumentFile(document=document or make_document(), **fields)
    document_file.file = ContentFile(content, name=name)
    document_file.save()
    return document_file


# --- news --------------------------------------------------------------------


def make_news_item(**fields):
    from news.models import NewsItem

    fields.setdefault("title", unique("Aktualita"))
    fields.setdefault("lead", "Krátký perex aktuality.")
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
    return NewsItem.objects.create(**fields)


# --- projects ----------------------------------------------------------------


def make_project(**fields):
    from projects.models import Project

    fields.setdefault("title", unique("Projekt"))
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    return Project.objects.create(**fields)


# --- grants ------------------------------------------------------------------


def make_programme(**fields):
    from grants.models import Programme

    fields.setdefault("title", unique("Program"))
    fields.setdefault("code", "5.1")
    fields.setdefault("year", 2020)
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    fields.setdefault("entered_after_fact", True)
    return Programme.objects.create(**fields)


def make_award(programme, **fields):
    from grants.models import Award

    if "organisation" not in fields and "person_name" not in fields:
        fields["organisation"] = make_organisation()
    fields.setdefault("project_title", unique("Projekt"))
    fields.setdefault("awarded", 10000)
    return Award.objects.create(programme=programme, **fields)


# --- admin -------------------------------------------------------------------


def admin_form_data(response):
    """An admin add or change form's fields as the browser would post them
    back, from the GET response's context."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.extend(formset.forms)
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None:
                continue
            if isinstance(value, datetime):
                local = timezone.localtime(value)
                data[form.add_prefix(name) + "_0"] = local.strftime("%d.%m.%Y")
                data[form.add_prefix(name) + "_1"] = local.strftime("%H:%M:%S")
            elif isinstance(value, (list, tuple)):
                data[form.add_prefix(name)] = [str(v) for v in value]
            elif isinstance(value, bool):
                if value:
                    data[form.add_prefix(name)] = "on"
            else:
                data[form.add_prefix(name)] = str(value)
    return data


def sitemap_locations(client):
    """Every address in the sitemap, following the index to each section's
    sitemap."""
    import xml.etree.ElementTree as ET

    loc = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    index = ET.fromstring(client.get("/sitemap.xml").content)
    locations = []
    for sitemap in index.iter(loc):
        path = sitemap.text.removeprefix("http://testserver")
        locations += [e.text for e in ET.fromstring(client.get(path).content).iter(loc)]
    return locations


# --- noticeboard -------------------------------------------------------------


def make_notice(**fields):
    from noticeboard.models import Notice, midnight

    fields.setdefault("title", unique("Oznámení"))
    fields.setdefault("status", Status.PUBLISHED)
    # Published at the start of its posting day: it went up then.
    fields.setdefault("posted_on", timezone.localdate() - timedelta(days=1))
    fields.setdefault("publish_at", midnight(fields["posted_on"]))
    attachments = fields.pop("attachments", ())
    notice = Notice.objects.create(**fields)
    notice.attachments.set(attachments)
    return notice


def award_rows(count):
    """Rows of an award list import (grants.services.import_awards())."""
    return [
        {
            "recipient": f"Jana Nováková {number}",
            "ico": "",
            "municipality": "Chrastava",
            "project_title": f"Doučování romských dětí {number}",
            "requested": "15000",
            "awarded": "12500",
            "contract_number": "",
            "contract_register_url": "",
        }
        for number in range(count)
    ]
