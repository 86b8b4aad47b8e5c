"""The whole back office speaks Czech: every admin page a superuser can
open on the demo (index, each list, add and change form) is walked."""

import html as html_lib
import io
import json
import re

from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

ENGLISH = [
    "Access",
    "Attempt",
    "Model name",
    "Add link",
    "Change or view list link",
    "Username",
    "IP Address",
    "User Agent",
    "Locked Out",
    "Failed Logins",
    "Expires At",
    "Path",
    "Form Data",
    "Meta Data",
    "Logout Time",
    "Clean up",
]
# "Přidat Přidělená dotace": a verb followed by a capitalised nominative.
CLUMSY_ADD = re.compile(r"Přidat (?:další )?[A-ZÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ]")
# Column headers and filter headings named after a field without a Czech
# verbose name ("PATH", "Dle: project").
HEADER = re.compile(r'<th scope="col".*?</th>|<summary>.*?</summary>', re.S)
ENGLISH_HEADER = re.compile(r"\b(path|project|name|email|created|by)\b", re.I)
# The inlines' "Přidat další …" buttons, which inlines.js draws from JSON.
INLINE_DATA = re.compile(r'data-inline-formset="([^"]*)"')
# "7 stránky": a number before a plural verbose name.
SEVEN_PAGES = re.compile(r"\d+ (stránky|dokumenty|aktuality|projekty)\b")
visible_text = re.compile(r"<script.*?</script>|<[^>]+>", re.S)


def pages_of_the_admin(client):
    yield reverse("admin:index")
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        yield reverse(f"{prefix}_changelist")
        if model_admin.has_add_permission(client.request().wsgi_request):
            yield reverse(f"{prefix}_add")
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            yield reverse(f"{prefix}_change", args=[obj.pk])


def test_every_admin_page_is_in_czech(admin_client, django_user_model):
    call_command("load_demo", stdout=io.StringIO())
    # A failed login so that the lockout section has a row to show.
    admin_client.post(reverse("admin:login"), {"username": "x", "password": "y"})
    problems = []
    walked = 0
    pages = {}
    for url in pages_of_the_admin(admin_client):
        response = admin_client.get(url)
        assert response.status_code == 200, url
        walked += 1
        html = response.content.decode()
        html += " ".join(
            json.loads(html_lib.unescape(data))["options"]["addText"]
            for data in INLINE_DATA.findall(html)
        )
        pages[url] = html
        text = visible_text.sub(" ", html)
        for word in ENGLISH:
            if re.search(rf"\b{re.escape(word)}", text):
                problems.append(f"{url}: {word}")
        for header in HEADER.findall(html):
            if ENGLISH_HEADER.search(visible_text.sub(" ", header)):
                problems.append(f"{url}: {visible_text.sub(' ', header).strip()}")
        problems += [f"{url}: {m}" for m in SEVEN_PAGES.findall(text)]
        for match in CLUMSY_ADD.finditer(html):
            problems.append(f"{url}: {html[match.start() : match.end() + 20]}")
    assert walked > 40
    assert not problems, "\n".join(problems)
    assert (
        "Přidat dotační program</a>"
        in pages[reverse("admin:grants_programme_changelist")]
    )
    programme = pages[reverse("admin:grants_programme_add")]
    assert "<h1>Přidat dotační program</h1>" in programme
    assert "&rsaquo; Přidat dotační program" in programme  # the breadcrumb
    assert "Přidat další přidělenou dotaci" in programme
    assert "Stránky: " in pages[reverse("admin:portal_page_changelist")]
