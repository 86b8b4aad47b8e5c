"""What the public gets (pages, search, every feed, the sitemap, every
open-data file, the newsletter) shows only published editions: no admin
path of a role that needs approval changes it, and a draft's words reach it
only once the draft is approved."""

import json
import re
import zipfile
from datetime import date, timedelta
from io import BytesIO, StringIO

import pytest
import reversion
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.contrib.syndication.views import Feed
from django.core import mail, signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone, translation
from reversion.models import Version

from editorial import roles
from editorial.dashboard import publishable_models
from editorial.models import Approval, Edition
from grants.exports import TABLES
from news.models import Subscriber
from opendata.datasets import DATASETS
from portal.models import LinkGroup
from tests.factories import (
    admin_form_data,
    make_award,
    make_document,
    make_document_file,
    make_news_item,
    make_notice,
    make_page,
    make_programme,
    make_project,
    make_topic,
    sitemap_locations,
)

LANGUAGES = ("cs", "en", "uk")

# One published item of every publishable content type; a type added
# without a line here fails the tests below.
FACTORIES = {
    # Published after the newsletter's subscribers below confirmed.
    "news.NewsItem": lambda **f: make_news_item(
        lead="Perex aktuality.", publish_at=timezone.now() - timedelta(minutes=5), **f
    ),
    "portal.Page": lambda **f: make_page(body="<p>Úvod stránky.</p>", **f),
    "documents.Document": lambda **f: (
        make_document_file(document=make_document(**f)).document
    ),
    "noticeboard.Notice": make_notice,
    # With dates, so that its calendar file has something to say.
    "grants.Programme": lambda **f: (
        make_award(
            make_programme(
                window_start=date(2020, 3, 1), window_end=date(2020, 4, 30), **f
            )
        ).programme
    ),
    "projects.Project": make_project,
}


@pytest.fixture
def site(db, languages, settings):
    """One published item of each type, on one topic, each with its first
    version in history; the page cache off, so that every request renders
    from the database."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    topic = make_topic(name="Integrace cizinců", slug="integrace-cizincu")
    assert {m._meta.label for m in publishable_models()} == set(FACTORIES)
    items = {}
    for number, (label, factory) in enumerate(FACTORIES.items()):
        with reversion.create_revision():
            item = factory(
                title=f"Položka {number} {label.split('.')[1]}",
                slug=f"polozka-{number}",
            )
            item.topics.add(topic)
        items[label] = item
    return items


# --- what the public gets ----------------------------------------------------


def _patterns(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _patterns(pattern, inner)
        else:
            yield namespace, pattern


DATA_ENDINGS = (".ics", ".csv", ".json", ".jsonld", ".xlsx")


def public_outputs(client, items):
    """Every feed and every open-data file the site serves, in every
    language, and each language's pages without parameters (home, lists,
    contacts …), the items' own pages and the sitemap's addresses.

    The feeds and files are found from the URL configuration (a view that
    is a Feed, a route ending in a data format) and filled with every slug
    and table known; each must answer at least once, so a new feed or file
    is never left out unnoticed."""
    slugs = [item.slug for item in items.values()]
    slugs += [topic.slug for item in items.values() for topic in item.topics.all()]
    slugs += [items["documents.Document"].category.slug]
    values = {"slug": slugs, "table": list(TABLES)}
    urls, unanswered = [], []
    for namespace, pattern in _patterns(get_resolver()):
        route = str(pattern.pattern)
        if not namespace or namespace == "admin" or not pattern.name:
            continue
        name = f"{namespace}:{pattern.name}"
        params = list(pattern.pattern.converters)
        is_data = isinstance(pattern.callback, Feed) or route.endswith(DATA_ENDINGS)
        if not (is_data or not params):
            continue
        answered = False
        for language in LANGUAGES:
            with translation.override(language):
                candidates = (
                    [reverse(name)]
                    if not params
                    else [
                        reverse(name, kwargs={params[0]: value})
                        for value in values.get(params[0], [])
                    ]
                )
            for url in candidates:
                if client.get(url).status_code == 200:
                    urls.append(url)
                    answered = True
        if is_data and not answered:
            unanswered.append(name)
    assert not unanswered, f"nothing answers for {unanswered}"
    for dataset in DATASETS:
        urls += [distribution.url() for distribution in dataset.distributions]
    topics = {topic for item in items.values() for topic in item.topics.all()}
    category = items["documents.Document"].category
    for language in LANGUAGES:
        with translation.override(language):
            urls.append(reverse("documents:category", args=[category.slug]))
            urls += [item.get_absolute_url() for item in [*items.values(), *topics]]
    return sorted(set(urls)) + ["/sitemap.xml"]


def text_of(response):
    """What a response says, as text: a spreadsheet's cells, JSON without
    escapes, a calendar's lines unfolded."""
    content = b"".join(response) if response.streaming else response.content
    if content.startswith(b"PK"):
        with zipfile.ZipFile(BytesIO(content)) as book:
            content = b" ".join(
                book.read(name) for name in book.namelist() if name.endswith(".xml")
            )
    text = content.decode()
    if "json" in response.get("Content-Type", ""):
        text = json.dumps(json.loads(text), ensure_ascii=False)
    if "calendar" in response.get("Content-Type", ""):
        text = text.replace("\r\n ", "")
    return text


# The parts of a response that are made anew for each visit, left out of
# the comparison: the page cache's holes (the form's token, a project's
# visit count) and the clock readings in the outputs, a workbook's and a
# calendar's time of writing. (No clock is frozen: nothing here freezes
# it but patching what runs, which these tests do not do; this list is
# what a frozen clock would have spared.)
PER_VISIT = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'), 'name="csrf"'),
    (re.compile(r'<span class="visit-count">[^<]*</span>'), ""),
    (re.compile(r"(<dcterms:(created|modified)[^>]*>)[^<]*"), r"\1"),
    (re.compile(r"DTSTAMP:\S*"), "DTSTAMP:"),
]


def shown(client, urls):
    """{url: (status, text)} of each of ``urls``, the sitemap followed."""
    result = {}
    for url in urls:
        response = client.get(url)
        text = text_of(response)
        for pattern, replacement in PER_VISIT:
            text = pattern.sub(replacement, text)
        result[url] = (response.status_code, text)
    result["sitemap"] = (200, " ".join(sitemap_locations(client)))
    return result


def found_by_search(client, word, item):
    return {
        language: item.get_absolute_url()
        in client.get(
            ("" if language == "cs" else f"/{language}") + "/hledat/", {"q": word}
        ).content.decode()
        for language in LANGUAGES
    }


# --- (a) no admin path of a role that needs approval -------------------------


def walk_every_admin_path(client, obj, word):
    """Every way the admin offers to write ``obj``: add, each button of the
    change form, save as new, delete, each list action, restore an older
    version, recover, the model's import; as ``client`` is allowed or not."""
    model_admin = admin.site._registry[type(obj)]
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}"
    change_url = reverse(f"{name}_change", args=[quote(obj.pk)])
    response = client.get(change_url)
    form = admin_form_data(response) if response.status_code == 200 else {}
    written = {"title": word, "slug": word.lower(), "status": "published"}
    add = client.get(reverse(f"{name}_add"))
    if add.status_code == 200:
        main = add.context["adminform"].form.fields
        data = admin_form_data(add)
        data.update({k: v for k, v in form.items() if k.rsplit("_", 1)[0] in main})
        client.post(reverse(f"{name}_add"), {**data, **written})
    soon = (timezone.localtime() + timedelta(hours=1)).strftime("%d. %m. %Y %H:%M")
    for button in (
        "_save",
        "_continue",
        "_addanother",
        "_save_draft",
        "_submit_approval",
        "_saveasnew",
        "_schedule_change",
    ):
        client.post(change_url, {**form, **written, button: "1", "go_live_at": soon})
    # Taking an item down is Správce's; dropping one's own draft shows the
    # published edition, as before.
    for button in ("_withdraw", "_discard_change"):
        client.post(change_url, {button: "1", "withdraw_reason": word})
    actions = {name for name, _description in admin.site.actions}
    actions |= set(model_admin.actions or [])
    for action in sorted(actions):
        client.post(
            reverse(f"{name}_changelist"),
            {"action": action, "_selected_action": [obj.pk], "post": "yes"},
        )
    client.post(reverse(f"{name}_delete", args=[quote(obj.pk)]), {"post": "yes"})
    first = Version.objects.get_for_object(obj).order_by("pk").first()
    url = reverse(f"{name}_revision", args=[quote(obj.pk), first.pk])
    response = client.get(url)
    data = admin_form_data(response) if response.status_code == 200 else {}
    client.post(url, {**data, "title": word})
    if f"{opts.app_label}_{opts.model_name}_import" in str(model_admin.get_urls()):
        url = reverse(f"{name}_import", args=[obj.pk])
        client.get(url)
        upload = SimpleUploadedFile("prijemci.csv", f"{word};1000\n".encode())
        client.post(url, {"file": upload})
        client.post(url, {"confirm": signing.dumps([{}], salt="grants.import")})


@pytest.mark.parametrize("role", sorted(roles.NEEDS_APPROVAL))
def test_no_admin_path_of_a_role_that_needs_approval_changes_the_public_site(
    role, site, login_as, admin_client
):
    """A role whose changes need approval tries every admin path on every
    published item and on a deleted one: everything the public gets stays
    byte for byte what it was."""
    public = Client()
    word = "Zmenoplaz"
    deleted = make_news_item(title="Smazaná")
    with reversion.create_revision():
        deleted.save()
    version = Version.objects.get_for_object(deleted).get()
    admin_client.post(
        reverse("admin:news_newsitem_delete", args=[deleted.pk]), {"post": "yes"}
    )
    urls = [*public_outputs(public, site), deleted.get_absolute_url()]
    before = shown(public, urls)
    editor = login_as(role)
    assert Group.objects.get(name=role).permissions.exists()

    for obj in site.values():
        walk_every_admin_path(editor, obj, word)
    recover = reverse("admin:news_newsitem_recover", args=[version.pk])
    response = editor.get(recover)
    if response.status_code == 200:
        editor.post(recover, {**admin_form_data(response), "title": word})
    group = LinkGroup.objects.create(page=site["portal.Page"], title="Odkazy")
    group_url = reverse("admin:portal_linkgroup_change", args=[group.pk])
    editor.post(group_url, {"page": group.page.pk, "title": word, "order": 0})
    editor.post(
        reverse("admin:portal_linkgroup_delete", args=[group.pk]), {"post": "yes"}
    )
    group.delete()

    after = shown(public, urls)
    changed = [url for url in urls if after[url] != before[url]]
    assert not changed
    assert after["sitemap"] == before["sitemap"]
    for obj in site.values():
        assert not any(found_by_search(public, word, obj).values())
    # The walk got through to the writes: what the role may change or add
    # was saved, as drafts nobody sees.
    grants = roles.roles()[role]
    for obj in site.values():
        actions = grants.get(type(obj), ())
        # A posted notice is fixed (issue #40): no draft of a change, only
        # a correcting notice.
        if "change" in actions and not getattr(obj, "is_fixed", False):
            drafts = Edition.objects.filter(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=str(obj.pk),
            )
            assert drafts.exists(), obj
        if "add" in actions:
            added = type(obj)._default_manager.filter(title=word)
            assert added.exists() and not added.published().exists(), obj


# --- (b) a draft's words reach nothing public until approved -----------------


def subscribe(email):
    an_hour_ago = timezone.now() - timedelta(hours=1)
    Subscriber.objects.create(
        email=email, confirmed_at=an_hour_ago, consented_at=an_hour_ago
    )


def newsletter():
    """The digest a new subscriber gets now."""
    count = len(mail.outbox)
    call_command("send_newsletter", stdout=StringIO())
    return " ".join(message.body for message in mail.outbox[count:])


def test_a_drafts_words_reach_no_public_output_until_approved(
    site, login_as, admin_client
):
    public = Client()
    urls = public_outputs(public, site)
    before = shown(public, urls)
    # Where each item is shown now: after approval its change is there.
    carriers = {
        label: [url for url in urls if item.title in before[url][1]]
        for label, item in site.items()
    }
    # A posted notice is fixed (issue #40): it is corrected by a new
    # notice, never through a draft of a change.
    changeable = {
        label: item
        for label, item in site.items()
        if not getattr(item, "is_fixed", False)
    }
    assert len(changeable) == len(site) - 1
    words = {label: f"Zmenoslov{chr(97 + n)}" for n, label in enumerate(changeable)}
    editor = login_as("Redaktor")
    for label, item in changeable.items():
        opts = item._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]
        )
        may_change = editor.get(url)
        # Roles that need approval send it; the others keep a draft.
        client, button = (
            (editor, "_submit_approval")
            if may_change.status_code == 200
            and may_change.context["submit_for_approval"]
            else (admin_client, "_save_draft")
        )
        data = admin_form_data(client.get(url))
        data.update(title=f"{item.title} {words[label]}", **{button: "1"})
        assert client.post(url, data).status_code == 302, label
    # A new item, its word in its address too (the sitemap lists addresses).
    new_word = "Zmenonova"
    a_minute_ago = timezone.localtime() - timedelta(minutes=1)
    add = editor.get(reverse("admin:news_newsitem_add"))
    data = admin_form_data(add)
    data.update(
        title=f"Nová {new_word}",
        slug=new_word.lower(),
        lead="Perex.",
        topics=[site["news.NewsItem"].topics.get().pk],
        publish_at_0=a_minute_ago.strftime("%d.%m.%Y"),
        publish_at_1=a_minute_ago.strftime("%H:%M:%S"),
        _submit_approval="1",
    )
    assert editor.post(reverse("admin:news_newsitem_add"), data).status_code == 302
    subscribe("prvni@example.cz")
    all_words = [*words.values(), new_word]

    pending = shown(public, urls)
    for url, (_status, text) in pending.items():
        assert not [w for w in all_words if w in text], url
    assert pending == before
    for label, item in changeable.items():
        assert not any(found_by_search(public, words[label], item).values())
    assert not [w for w in all_words if w in newsletter()]

    for request in Approval.objects.filter(state=Approval.State.PENDING):
        review = reverse("admin:editorial_approval_change", args=[request.pk])
        seen = admin_client.get(review).context["seen"]
        admin_client.post(review, {"_approve": "1", "comment": "", "seen": seen})
    for item in changeable.values():
        opts = item._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]
        )
        response = admin_client.get(url)
        if response.context.get("edition"):  # a publisher's draft
            admin_client.post(url, {**admin_form_data(response), "_save": "1"})

    approved = shown(public, urls)
    for label, item in changeable.items():
        missing = [
            url for url in carriers[label] if words[label] not in approved[url][1]
        ]
        assert carriers[label] and not missing, (label, missing)
        assert all(found_by_search(public, words[label], item).values()), label
    assert new_word.lower() in approved["sitemap"][1]
    subscribe("druhy@example.cz")
    digest = newsletter()
    assert words["news.NewsItem"] in digest and new_word in digest
