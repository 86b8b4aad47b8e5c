"""The anonymous page cache (pagecache/): fast, and never stale.

"Served from the cache" is read off the SQL queries: a cached page costs
exactly one (the content generation); a rendered one costs more.
"""

import time
from datetime import time as clock
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import HttpResponse
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

import pagecache
from documents.models import DocumentFile
from news.models import NewsItem
from pagecache import state
from pagecache.middleware import PageCacheMiddleware
from portal.models import OfficeHours, SiteSettings, Status
from tests.factories import (
    admin_form_data,
    make_document,
    make_document_file,
    make_documents,
    make_news_item,
    make_organisation,
    make_page,
    make_project,
    make_resolution,
    make_topic,
)
from tests.services import redis_server


def fetch(client, url, **headers):
    """The response and the number of SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **headers)
    return response, len(queries.captured_queries)


def assert_cached(client, url):
    """Visit twice; the second answer must come from the page cache."""
    first = client.get(url)
    second, queries = fetch(client, url)
    assert queries == 1, f"{url} rendered again ({queries} queries)"
    assert second.content == first.content
    return second


def test_second_visit_comes_from_the_cache_with_validators(client, db):
    make_news_item(title="Metodika pro obce vyšla")
    first, rendered = fetch(client, "/aktuality/")
    assert rendered > 1
    second = assert_cached(client, "/aktuality/")
    assertContains(second, "Metodika pro obce vyšla")
    assert second["ETag"] == first["ETag"]
    assert second["Last-Modified"] == first["Last-Modified"]
    control = {word.strip() for word in second["Cache-Control"].split(",")}
    assert {"public", "no-cache"} <= control
    # The security headers are kept with the page.
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == "DENY"

    revalidated = client.get("/aktuality/", HTTP_IF_NONE_MATCH=second["ETag"])
    assert revalidated.status_code == 304
    assert revalidated.content == b""


def test_a_changed_page_gets_a_new_etag(client, db):
    item = make_news_item(title="Původní titulek")
    etag = assert_cached(client, item.get_absolute_url())["ETag"]
    item.title = "Opravený titulek"
    item.save()
    response = client.get(item.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assertContains(response, "Opravený titulek")


def change_in_admin(admin_client, model, obj, **changes):
    url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk]
    )
    data = admin_form_data(admin_client.get(url))
    data.update(changes)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    return response


def run_action(admin_client, model, action, *objects):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    response = admin_client.post(
        url,
        {"action": action, "_selected_action": [obj.pk for obj in objects]},
    )
    assert response.status_code == 302


def test_every_kind_of_change_in_the_admin_shows_on_the_next_request(
    client, admin_client, db
):
    topic = make_topic(name="Romská menšina")
    item = make_news_item(title="Krajská konference")
    detail = item.get_absolute_url()

    # Add.
    assert_cached(client, "/aktuality/")
    add_url = reverse("admin:news_newsitem_add")
    data = admin_form_data(admin_client.get(add_url))
    data.update(
        title="Nová výzva pro obce",
        slug="nova-vyzva",
        lead="Krátce",
        body="<p>Text</p>",
        status=Status.PUBLISHED,
        publish_at_0=(timezone.localtime() - timedelta(hours=1)).strftime("%d.%m.%Y"),
        publish_at_1=(timezone.localtime() - timedelta(hours=1)).strftime("%H:%M:%S"),
    )
    assert admin_client.post(add_url, data).status_code == 302
    assertContains(client.get("/aktuality/"), "Nová výzva pro obce")

    # Edit.
    assert_cached(client, detail)
    change_in_admin(admin_client, NewsItem, item, title="Krajská konference 2026")
    assertContains(client.get(detail), "Krajská konference 2026")

    # Many-to-many: a topic added to the item shows on the topic's page.
    assertNotContains(
        assert_cached(client, topic.get_absolute_url()), "Krajská konference"
    )
    change_in_admin(admin_client, NewsItem, item, topics=[str(topic.pk)])
    assertContains(client.get(topic.get_absolute_url()), "Krajská konference 2026")

    # Unpublish and publish again (admin actions).
    assert_cached(client, detail)
    run_action(admin_client, NewsItem, "unpublish", item)
    assert client.get(detail).status_code == 404
    run_action(admin_client, NewsItem, "publish", item)
    assert client.get(detail).status_code == 200

    # Delete.
    assert_cached(client, "/aktuality/")
    delete_url = reverse("admin:news_newsitem_delete", args=[item.pk])
    assert admin_client.post(delete_url, {"post": "yes"}).status_code == 302
    assert client.get(detail).status_code == 404
    assertNotContains(client.get("/aktuality/"), "Krajská konference")


def test_archiving_and_inline_changes_show_at_once(client, admin_client, db):
    document = make_document(title="Strategie romské integrace do roku 2020")
    make_document_file(document, label="Plné znění")
    assertContains(assert_cached(client, "/dokumenty/"), "Strategie romské integrace")
    run_action(admin_client, type(document), "archive", document)
    assertNotContains(client.get("/dokumenty/"), "Strategie romské integrace")
    assertContains(
        client.get("/dokumenty/?archiv=archiv"), "Strategie romské integrace"
    )

    # A file removed in the document's inline disappears from its page.
    assertContains(assert_cached(client, document.get_absolute_url()), "Plné znění")
    file = document.files.get()
    change_in_admin(admin_client, type(document), document, **{"files-0-DELETE": "on"})
    assert not DocumentFile.objects.filter(pk=file.pk).exists()
    assertNotContains(client.get(document.get_absolute_url()), "Plné znění")


def test_site_settings_and_menu_pages_change_every_page(client, admin_client, db):
    assert_cached(client, "/")
    settings = SiteSettings.load()
    change_in_admin(admin_client, SiteSettings, settings, phone="485 226 111")
    assertContains(client.get("/"), "485 226 111")

    # The footer's office hours: another table, read with the settings.
    assert_cached(client, "/dokumenty/")
    OfficeHours.objects.create(
        weekday=OfficeHours.Weekday.FRIDAY, opens=clock(8), closes=clock(13, 30)
    )
    assertContains(client.get("/dokumenty/"), "13:30")

    page = make_page(title="Koordinátor pro romské záležitosti", show_in_menu=True)
    assertContains(client.get("/kontakty/"), page.title)
    page.show_in_menu = False
    page.save()
    assertNotContains(client.get("/kontakty/"), page.title)


@pytest.mark.parametrize("kind", ["publish", "archive"])
def test_a_scheduled_change_shows_at_its_moment_with_nothing_saved(client, db, kind):
    """Real time: the item's moment is two seconds away."""
    moment = timezone.now() + timedelta(seconds=2)
    if kind == "publish":
        make_document(title="Výroční zpráva 2025", publish_at=moment)
        before, after = assertNotContains, assertContains
    else:
        make_document(title="Výroční zpráva 2025", archived_at=moment)
        before, after = assertContains, assertNotContains
    before(assert_cached(client, "/dokumenty/"), "Výroční zpráva 2025")
    time.sleep(max(0, (moment - timezone.now()).total_seconds()) + 0.05)
    response, queries = fetch(client, "/dokumenty/")
    after(response, "Výroční zpráva 2025")
    assert queries > 1


def test_staff_never_see_or_fill_the_public_cache(client, admin_client, db):
    make_news_item(title="Zveřejněná aktualita")
    draft = make_news_item(title="Rozpracovaná aktualita", status=Status.DRAFT)

    # Staff first: their pages are not stored for the public...
    staff_page = admin_client.get(draft.get_absolute_url())
    assertContains(staff_page, "Náhled")
    assert "private" in staff_page["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    admin_client.get("/aktuality/")
    _, queries = fetch(client, "/aktuality/")
    assert queries > 1

    # ...and the public's cached pages are not served to staff.
    assert_cached(client, "/aktuality/")
    _, queries = fetch(admin_client, "/aktuality/")
    assert queries > 1


def test_forms_with_a_csrf_token_are_rendered_for_each_visitor(db):
    """Each visitor gets the form with a token of their own (a cached copy
    would carry the first visitor's), so each one's subscription goes in."""
    from news.models import Subscriber

    for number in range(2):
        visitor = Client(enforce_csrf_checks=True)
        page = visitor.get(reverse("news:subscribe"))
        assert "csrftoken" in page.cookies  # rendered for this visitor
        answer = visitor.post(
            reverse("news:subscribe"),
            {
                "email": f"obec{number}@example.cz",
                "csrfmiddlewaretoken": page.context["csrf_token"],
            },
        )
        assert answer.status_code != 403
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "obec0@example.cz",
        "obec1@example.cz",
    }


def test_downloads_and_visits_count_although_pages_are_cached(client, db):
    document = make_document(title="Metodika")
    file = make_document_file(document)
    for _ in range(3):
        assert client.get(file.get_absolute_url()).status_code == 200
    file.refresh_from_db()
    assert file.download_count == 3
    # Counting is not a content change: the document page stays cached.
    assert_cached(client, document.get_absolute_url())

    project = make_project(title="Podpora sociální integrace")
    url = project.get_absolute_url()
    counts = []
    for agent in ("Firefox", "Chrome", "Safari"):
        visitor = Client(HTTP_USER_AGENT=f"Mozilla/5.0 {agent}")
        response, queries = fetch(visitor, url)
        counts.append(response.content.decode())
    assert 'Počet návštěv: <span class="visit-count">3</span>' in counts[-1]
    assert 'Počet návštěv: <span class="visit-count">2</span>' in counts[1]
    assert queries <= 4  # served from the cache: generation, visit, count
    project.refresh_from_db()
    assert project.visit_count == 3


def test_newsletter_links_act_on_every_click(client, db):
    from news import newsletter
    from news.models import Subscriber

    subscriber = Subscriber.objects.create(
        email="obec@example.cz", confirmed_at=timezone.now()
    )
    url = newsletter.unsubscribe_url(subscriber).split("testserver")[-1]
    assert client.post(url).status_code == 200
    assert not Subscriber.objects.exists()

    # The same address subscribed again under the same row: the old link
    # acts again instead of replaying the first answer.
    Subscriber.objects.create(
        pk=subscriber.pk, email="obec@example.cz", confirmed_at=timezone.now()
    )
    assert client.post(url).status_code == 200
    assert not Subscriber.objects.exists()


def test_the_cache_can_be_switched_off(client, db, settings):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client.get("/aktuality/")
    _, queries = fetch(client, "/aktuality/")
    assert queries > 1


def test_pages_are_shared_through_redis_and_served_while_it_is_down(
    client, db, settings
):
    import redis

    from portal.abuse import hit

    with redis_server() as (server, url):
        settings.CACHES = {
            "default": {
                "BACKEND": "portal.cache_backends.FallbackRedisCache",
                "LOCATION": url,
                "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.5},
            }
        }
        item = make_news_item(title="Dotační program vyhlášen")
        assert_cached(client, "/aktuality/")
        assert any(b"page:" in key for key in redis.Redis.from_url(url).scan_iter())

        server.kill()
        server.wait()
        response = client.get("/aktuality/")
        assertContains(response, "Dotační program vyhlášen")
        item.title = "Dotační program zrušen"
        item.save()
        assertContains(client.get("/aktuality/"), "Dotační program zrušen")
        # Pages and rate limits carry on in local memory meanwhile.
        assert_cached(client, "/aktuality/")
        assert [hit("test", "obec", limit=2, window=60) for _ in range(3)] == [
            True,
            True,
            False,
        ]


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_database_closed_is_replaced_without_an_error(client):
    """After a database restart or an idle timeout the persistent
    connection is dead; the generation query notices and reconnects, so the
    visitor gets the page, not a 503."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server that could close the connection")
    make_news_item(title="Po restartu databáze")
    client.get("/aktuality/")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    from django.db import connections

    other = connections.create_connection("default")
    with other.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    other.close()
    response = client.get("/aktuality/")
    assert response.status_code == 200
    assertContains(response, "Po restartu databáze")
    # The next visit is served from the cache again.
    again, queries = fetch(client, "/aktuality/")
    assert queries == 1 and again.content == response.content


def test_a_head_request_first_does_not_leave_an_empty_page(client, db):
    make_news_item(title="Nejprve HEAD")
    assert client.head("/aktuality/").status_code == 200
    response = assert_cached(client, "/aktuality/")
    assertContains(response, "Nejprve HEAD")


# --- holes: the per-request parts of a cached page -----------------------------


def csrf_field(response):
    """The value of the page's hidden CSRF field."""
    html = response.content.decode()
    after = html.partition('name="csrfmiddlewaretoken" value="')[2]
    assert after, "the page has no CSRF field"
    return after.partition('"')[0]


def contact_page(project):
    return reverse("projects:contact", args=[project.slug])


def contact(visitor, url, **data):
    return visitor.post(
        url,
        {
            "name": "Jana Nováková",
            "email": "jana@example.cz",
            "message": "Dobrý den, mám dotaz k projektu.",
            **data,
        },
    )


def test_a_cached_contact_form_gives_each_visitor_a_token_of_their_own(db):
    """The project's contact page comes from the cache, yet each visitor's
    form carries a token made for them, valid with their own cookie only."""
    from projects.models import ContactMessage

    url = contact_page(make_project(title="Podpora sociální integrace"))
    first = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 Firefox")
    second = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0 Chrome")
    first_page = first.get(url)
    second_page, queries = fetch(second, url)
    assert queries == 1  # from the cache: the generation
    assert "csrftoken" in first_page.cookies and "csrftoken" in second_page.cookies
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    first_token, second_token = csrf_field(first_page), csrf_field(second_page)
    assert first_token != second_token
    assert first_token not in second_page.content.decode()
    assert "pagecache-hole" not in second_page.content.decode()
    assert "private" in second_page["Cache-Control"]

    # Another visitor's token does not go with this visitor's cookie...
    assert contact(second, url, csrfmiddlewaretoken=first_token).status_code == 403
    # ...their own does, from both the rendered and the cached page, and
    # from the cached page again, which keeps the cookie it came with.
    cookie = first.cookies["csrftoken"].value
    again = csrf_field(first.get(url))
    assert again != first_token
    assert first.cookies["csrftoken"].value == cookie
    for visitor, token in (
        (first, first_token),
        (second, second_token),
        (first, again),
    ):
        response = contact(visitor, url, csrfmiddlewaretoken=token)
        assert response.status_code == 302
    assert ContactMessage.objects.count() == 3


@pytest.mark.parametrize(
    "cookie",
    [
        "",
        "short",
        "x" * 32 + "!",
        "A" * 64 + "B",
        # Czech letters, as a WSGI server hands on their UTF-8 bytes.
        ("ěščřžýáíé" * 4).encode().decode("latin-1"),
    ],
)
def test_a_forged_csrf_cookie_gets_a_new_one_on_a_cached_page(db, cookie):
    """A cookie that is not a CSRF secret (wrong length or characters) is
    replaced, as CsrfViewMiddleware replaces it, and the form's token pairs
    with the new one; the page still comes from the cache."""
    from projects.models import ContactMessage

    url = contact_page(make_project())
    Client().get(url)  # now in the cache
    visitor = Client(enforce_csrf_checks=True, HTTP_USER_AGENT="Mozilla/5.0")
    visitor.cookies["csrftoken"] = cookie
    page, queries = fetch(visitor, url)
    assert queries == 1  # from the cache: the generation
    secret = visitor.cookies["csrftoken"].value
    assert secret != cookie and len(secret) == 32 and secret.isalnum()
    assert (
        contact(visitor, url, csrfmiddlewaretoken=csrf_field(page)).status_code == 302
    )
    assert ContactMessage.objects.count() == 1


def test_contact_form_without_a_token_is_refused(db):
    from projects.models import ContactMessage

    url = contact_page(make_project())
    visitor = Client(enforce_csrf_checks=True)
    visitor.get(url)
    assert contact(visitor, url).status_code == 403
    assert not ContactMessage.objects.exists()


@pytest.mark.parametrize("page_cache", ["on", "off"])
def test_each_visit_counts_once_whether_or_not_the_page_is_cached(
    db, settings, page_cache
):
    if page_cache == "off":
        settings.PORTAL_PAGE_CACHE_SECONDS = 0
    project = make_project()
    for number in range(1, 4):
        visitor = Client(HTTP_USER_AGENT=f"Mozilla/5.0 visitor {number}")
        response = visitor.get(project.get_absolute_url())
        assertContains(response, f'<span class="visit-count">{number}</span>')
    project.refresh_from_db()
    assert project.visit_count == 3


def test_no_regular_expression_reads_html_outside_tests():
    """Per-request parts are holes of the page cache, not patched markup:
    no module outside tests applies a regular expression to HTML."""
    import ast
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    offenders = []
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).parts
        if parts[0] in {"tests", ".venv", "node_modules"}:
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id == "re"
            ):
                continue
            for argument in node.args[:1]:
                pattern = getattr(argument, "value", "")
                if isinstance(pattern, bytes):
                    pattern = pattern.decode("latin-1")
                if isinstance(pattern, str) and ("<" in pattern or "class=" in pattern):
                    offenders.append(f"{path.relative_to(root)}:{node.lineno}")
    assert offenders == []


# --- invalidation declared by the apps -------------------------------------------


def current_generation():
    from portal.models import ContentVersion

    return ContentVersion.objects.get(pk=1).generation


@pytest.mark.parametrize(
    "make",
    [make_topic, make_document, make_news_item, make_project, "programme"],
    ids=["portal", "documents", "news", "projects", "grants"],
)
def test_a_change_in_any_app_shows_on_the_next_request(client, db, make):
    from tests.factories import make_programme

    make = make_programme if make == "programme" else make
    assert_cached(client, "/")
    before = current_generation()
    make()
    assert current_generation() > before
    _, queries = fetch(client, "/")
    assert queries > 1


def test_models_no_page_shows_leave_cached_pages_alone(client, db):
    from news.models import Subscriber
    from projects.models import ContactMessage

    project = make_project()
    assert_cached(client, "/")
    before = current_generation()
    Subscriber.objects.create(email="obec@example.cz")
    ContactMessage.objects.create(
        project=project, name="Jana", email="jana@example.cz", message="Dotaz"
    )
    assert current_generation() == before
    assert_cached(client, "/")


# --- only the pages that read a change ------------------------------------------


def test_a_change_leaves_cached_the_pages_that_did_not_read_it(client, db):
    make_document(title="Metodika pro obce")
    make_news_item(title="Krajská konference")
    assert_cached(client, "/dokumenty/")
    assert_cached(client, "/aktuality/")

    make_news_item(title="Nová výzva pro obce")

    assertContains(client.get("/aktuality/"), "Nová výzva pro obce")
    page, queries = fetch(client, "/dokumenty/")
    assert queries == 1, "a news item emptied the cached document list"
    assertContains(page, "Metodika pro obce")


def test_a_change_to_a_joined_table_renders_the_page_again(client, db):
    """The document list names each document's topics through the
    many-to-many table: renaming a topic is a change of that list."""
    topic = make_topic(name="Bydlení")
    document = make_document(title="Metodika pro obce")
    document.topics.add(topic)
    assertContains(assert_cached(client, "/dokumenty/"), "Bydlení")
    topic.name = "Sociální bydlení"
    topic.save()
    assertContains(client.get("/dokumenty/"), "Sociální bydlení")


def test_a_change_of_everything_renders_every_page_again(client, db):
    make_document(title="Metodika pro obce")
    assert_cached(client, "/dokumenty/")
    pagecache.bump()  # as generate_bulk does after writing with raw SQL
    _, queries = fetch(client, "/dokumenty/")
    assert queries > 1


def test_each_table_keeps_the_number_of_its_own_last_change(db):
    pagecache.bump(["news_newsitem"])
    pagecache.bump(["documents_document"])
    current = state.read_state()
    numbers = current.numbers(["news_newsitem", "documents_document"])
    assert numbers["news_newsitem"] < numbers["documents_document"]
    assert numbers["documents_document"] == current.generation


def test_every_page_of_a_list_counts_a_new_document_at_once(client, db):
    make_documents(25, title="Metodika")
    assertContains(client.get("/dokumenty/"), "Nalezeno dokumentů: 25")
    assertContains(client.get("/dokumenty/?page=2"), "Nalezeno dokumentů: 25")
    make_document(title="Metodika pro obce")
    assertContains(client.get("/dokumenty/?page=2"), "Nalezeno dokumentů: 26")


def test_every_page_of_a_search_counts_a_new_item_at_once(client, db):
    for number in range(25):
        make_news_item(title=f"Seminář pro obce {number}")
    assertContains(client.get("/hledat/", {"q": "seminář"}), "Výsledků: 25")
    second = client.get("/hledat/", {"q": "seminář", "page": 2})
    assert [entry.title for entry, _ in second.context["results"]][0].startswith(
        "Seminář pro obce"
    )
    make_news_item(title="Seminář pro obce 25")
    assertContains(client.get("/hledat/", {"q": "seminář", "page": 2}), "Výsledků: 26")


def test_a_row_shown_on_many_lists_follows_every_change_it_shows(client, db):
    """Every list a document is on shows each change of what its row
    shows: its title, its category (another table) and its files (a
    third)."""
    document = make_document(title="Metodika pro obce", year=2020)
    make_document_file(document, label="Plné znění")
    category_list = reverse("documents:category", args=[document.category.slug])
    lists = ["/dokumenty/", "/dokumenty/?year=2020", category_list]
    for url in lists:
        assertContains(client.get(url), "Plné znění")

    document.title = "Metodika pro obce 2021"
    document.save()
    for url in lists:
        assertContains(client.get(url), "Metodika pro obce 2021")

    category = document.category
    category.name = "Metodiky a doporučení"
    category.save()
    file = document.files.get()
    file.label = "Úplné znění"
    file.save()
    for url in lists:
        page = client.get(url)
        assertContains(page, "Metodiky a doporučení")
        assertContains(page, "Úplné znění")
        assertNotContains(page, "Plné znění")


def test_a_list_follows_a_change_of_what_it_shows_and_a_new_item(client, db):
    for number in range(3):
        document = make_document(title=f"Metodika pro obce {number}")
    client.get("/dokumenty/")
    document.category.name = "Metodiky a doporučení"
    document.category.save()
    page = client.get("/dokumenty/")
    assertContains(page, "Metodiky a doporučení")
    for number in range(3):
        assertContains(page, f"Metodika pro obce {number}")

    make_document(title="Nová metodika pro obce")
    assertContains(client.get("/dokumenty/"), "Nová metodika pro obce")


def test_each_process_keeps_copies_of_pages_only_while_they_are_valid(
    client, db, django_assert_num_queries
):
    """Each process holds copies of the pages it served, in front of the
    shared cache: a page the cache lost (Redis restarted, the entry
    evicted) is still a one-query hit; a copy whose content has changed,
    here or on another server, is not shown."""
    from django.core.cache import cache

    item = make_news_item(title="Metodika pro obce vyšla")
    first = client.get(item.get_absolute_url())
    cache.clear()
    with django_assert_num_queries(1):
        again = client.get(item.get_absolute_url())
    assert again.content == first.content

    # Changed without this process's signals (by another server, say):
    # the copy here is old and not shown.
    NewsItem.objects.filter(pk=item.pk).update(title="Metodika pro obce vyšla znovu")
    pagecache.bump([NewsItem._meta.db_table])
    assertContains(client.get(item.get_absolute_url()), "vyšla znovu")


def test_the_category_menu_follows_the_categories_and_marks_its_own(client, db):
    document = make_document()
    category = document.category
    old_name = category.name
    lists = ["/dokumenty/", reverse("documents:category", args=[category.slug])]
    for url in lists:
        assertContains(client.get(url), old_name)

    category.name = "Koncepce a strategie"
    category.save()
    marked = f'<a href="{lists[1]}" aria-current="page">Koncepce a strategie</a>'
    for url in lists:
        page = client.get(url)
        assertNotContains(page, old_name)
        assertContains(page, marked, html=True, count=1 if url == lists[1] else 0)


def test_the_menu_marks_only_the_list_it_is_shown_on(client, db, languages):
    current = '<a href="/aktuality/" aria-current="page">Aktuality</a>'
    pages = ["/", "/dokumenty/", make_document().get_absolute_url()]
    for url in pages:
        client.get(url)
    assertContains(client.get("/aktuality/"), current, html=True)
    for url in pages:
        page = client.get(url)
        assertContains(page, '<a href="/aktuality/">Aktuality</a>', html=True)
        assertNotContains(page, current, html=True)
    english = '<a href="/en/aktuality/" aria-current="page">News</a>'
    assertContains(client.get("/en/aktuality/"), english, html=True)
    assertNotContains(client.get("/en/"), english, html=True)


def test_a_row_is_shown_in_the_language_of_the_page(client, db, languages):
    document = make_document(title="Metodika pro obce")
    make_document_file(document, label="Plné znění")
    assertContains(client.get("/dokumenty/"), "čeština, 1 strana")
    english = client.get("/en/dokumenty/")
    assertContains(english, "Czech, 1 page")
    assertNotContains(english, "čeština, 1 strana")


def test_the_home_page_follows_a_change_in_any_section(client, db):
    document = make_document(title="Metodika pro obce")
    make_document_file(document, label="Plné znění")
    make_news_item(title="Krajská konference")
    assertContains(assert_cached(client, "/"), "Plné znění")

    make_news_item(title="Nová výzva pro obce")
    home = client.get("/")
    assertContains(home, "Nová výzva pro obce")
    assertContains(home, "Metodika pro obce")

    # A file is another table than the document.
    file = document.files.get()
    file.label = "Úplné znění"
    file.save()
    home = client.get("/")
    assertContains(home, "Úplné znění")
    assertNotContains(home, "Plné znění")


def test_a_detail_page_follows_its_topics_and_related_items(client, db):
    topic = make_topic(name="Bydlení")
    document = make_document(title="Metodika pro obce")
    item = make_news_item(title="Krajská konference")
    item.topics.add(topic)
    item.documents.add(document)
    url = item.get_absolute_url()
    page = client.get(url)
    assertContains(page, "Bydlení")
    assertContains(page, "Metodika pro obce")

    make_news_item(title="Jiná aktualita")
    page = client.get(url)
    assertContains(page, "Bydlení")
    assertContains(page, "Metodika pro obce")

    topic.name = "Bydlení a domov"
    topic.save()
    document.title = "Metodika pro obce 2021"
    document.save()
    page = client.get(url)
    assertContains(page, "Bydlení a domov")
    assertContains(page, "Metodika pro obce 2021")

    item.projects.add(make_project(title="Platforma pro obce"))
    assertContains(client.get(url), "Platforma pro obce")


def test_a_document_pages_files_follow_the_files_and_the_document(client, db):
    """A file without a label is named by the document's title, which the
    page follows as it follows the files."""
    document = make_document(title="Metodika pro obce")
    file = make_document_file(document, label="")
    url = document.get_absolute_url()
    assertContains(client.get(url), "Metodika pro obce</a>")

    document.title = "Metodika pro obce 2021"
    document.save()
    assertContains(client.get(url), "Metodika pro obce 2021</a>", count=1)
    file.label = "Plné znění"
    file.save()
    assertContains(client.get(url), "Plné znění</a>")


def test_a_document_pages_facts_follow_their_category_issuer_and_resolution(client, db):
    """A change of any of the facts (category, issuer, resolution, year…)
    shows at once."""
    issuer = make_organisation(name="Úřad vlády ČR")
    resolution = make_resolution(number=123, year=2020)
    document = make_document(issuer=issuer, resolution=resolution, year=2020)
    url = document.get_absolute_url()
    assertContains(client.get(url), "Úřad vlády ČR")

    issuer.name = "Ministerstvo práce a sociálních věcí"
    issuer.save()
    assertContains(client.get(url), "Ministerstvo práce a sociálních věcí")
    resolution.number = 456
    resolution.save()
    assertContains(client.get(url), str(resolution))
    document.category.name = "Metodiky pro obce"
    document.category.save()
    page = client.get(url)
    # In the facts and in the breadcrumb.
    assertContains(page, "Metodiky pro obce", count=2)
    document.year = 2021
    document.save()
    assertContains(client.get(url), "<dd>2021</dd>")


def test_a_project_pages_facts_follow_the_project_and_its_eu_programme(client, db):
    """A rename of the operational programme or a new budget shows at
    once."""
    from projects.models import OperationalProgramme

    programme = OperationalProgramme.objects.create(
        name="OP Zaměstnanost", abbreviation="OPZ", period="2014–2020"
    )
    project = make_project(programme=programme, budget=1_000_000)
    url = project.get_absolute_url()
    assertContains(client.get(url), "OP Zaměstnanost (2014–2020)")

    programme.name = "OP Zaměstnanost plus"
    programme.save()
    assertContains(client.get(url), "OP Zaměstnanost plus (2014–2020)")
    project.budget = 2_500_000
    project.save()
    assertContains(client.get(url), "2\u00a0500\u00a0000\u00a0Kč")


def test_a_detail_page_follows_its_item_in_each_language(client, db, languages):
    """A change of what the page shows or of the item shows at once, its
    withdrawal is a 404 at once, and each language gets its own page."""
    item = make_news_item(title="Metodika vyšla", title_en="Methodology published")
    url = item.get_absolute_url()
    english = f"/en/aktuality/{item.slug_en}/"
    assertContains(client.get(url), "Metodika vyšla")
    assertContains(client.get(english), "Methodology published")

    item.topics.add(make_topic(name="Bydlení"))  # the page shows its topics
    for page, title in ((url, "Metodika vyšla"), (english, "Methodology published")):
        response = client.get(page)
        assertContains(response, "Bydlení")
        assertContains(response, title)

    item.title = "Metodika vyšla podruhé"
    item.save()
    assertContains(client.get(url), "Metodika vyšla podruhé")
    item.status = Status.DRAFT
    item.save()
    assert client.get(url).status_code == 404
    assert client.get(english).status_code == 404


def test_related_news_on_another_apps_page_follow_the_news(client, db):
    document = make_document(title="Metodika pro obce")
    make_document_file(document)
    url = document.get_absolute_url()
    assertNotContains(assert_cached(client, url), "Související aktuality")

    item = make_news_item(title="Metodika vyšla")
    item.documents.add(document)
    assertContains(client.get(url), "Metodika vyšla")

    item.status = Status.DRAFT
    item.save()
    assertNotContains(client.get(url), "Metodika vyšla")


def test_a_page_with_a_token_outside_a_hole_is_not_kept(rf, db, settings):
    """What differs per visitor never goes into the cache."""
    piece = engines["django"].from_string("{% csrf_token %}")

    def view(request):
        return HttpResponse(piece.render({}, request))

    settings.ALLOWED_HOSTS = ["a.example.cz", "b.example.cz"]
    middleware = PageCacheMiddleware(view)
    tokens = set()
    for host in ("a.example.cz", "b.example.cz"):
        request = rf.get("/", HTTP_HOST=host)
        request.COOKIES = {}
        tokens.add(middleware(request).content)
    assert len(tokens) == 2


# --- query parameters --------------------------------------------------------------


def page_keys():
    from django.core.cache import cache

    return [key for key in cache._cache if ":page:" in key]


def test_random_query_parameters_do_not_fill_the_cache(client, db):
    """A crawler inventing parameters gets the canonical page, from one
    cache entry per page."""
    import secrets

    item = make_news_item(title="Krajská konference")
    urls = ["/aktuality/", "/dokumenty/", item.get_absolute_url()]
    for number in range(1000):
        url = urls[number % len(urls)]
        junk = f"{secrets.token_hex(4)}={secrets.token_hex(4)}&utm_source={number}"
        response = client.get(f"{url}?{junk}")
        assert response.status_code == 200
    assertContains(response, "Krajská konference")
    assert junk.split("=")[0] not in response.content.decode()
    assert len(page_keys()) <= len(urls)


def test_parameter_order_does_not_make_another_copy(client, db):
    make_document(title="Výroční zpráva 2024", year=2024)
    first = client.get("/dokumenty/?year=2024&archiv=vse")
    second, queries = fetch(client, "/dokumenty/?archiv=vse&year=2024")
    assert queries == 1
    assert second.content == first.content
    assert len(page_keys()) == 1


def test_a_filter_the_view_reads_gets_its_own_page(client, db):
    make_document(title="Výroční zpráva 2024", year=2024)
    make_document(title="Výroční zpráva 2025", year=2025)
    assertContains(assert_cached(client, "/dokumenty/"), "Výroční zpráva 2025")
    filtered, queries = fetch(client, "/dokumenty/?year=2024&utm_source=newsletter")
    assert queries > 1
    assertContains(filtered, "Výroční zpráva 2024")
    assertNotContains(filtered, "Výroční zpráva 2025")
    assertNotContains(filtered, "utm_source")
    again, queries = fetch(client, "/dokumenty/?utm_medium=email&year=2024")
    assert queries == 1
    assert again.content == filtered.content
    assert len(page_keys()) == 2


def test_a_view_that_declares_no_parameters_keeps_no_page_with_a_query(client, db):
    """The sitemap reads ?p= but does not say so: with a query string it is
    rendered every time, never stored."""
    make_news_item()
    for number in range(5):
        assert client.get(f"/sitemap-news.xml?p=1&x={number}").status_code == 200
    assert page_keys() == []


# --- the cache answers first ---------------------------------------------------------


def test_plain_http_is_redirected_although_the_page_is_cached(client, db, settings):
    """The cache answers before any other middleware, yet never in place of
    SecurityMiddleware's redirect to HTTPS."""
    settings.SECURE_SSL_REDIRECT = True
    make_news_item(title="Jen přes HTTPS")
    assertContains(client.get("/aktuality/", secure=True), "Jen přes HTTPS")
    second, queries = fetch(client, "/aktuality/", secure=True)
    assert queries == 1
    assert "max-age" in second["Strict-Transport-Security"]
    response = client.get("/aktuality/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/aktuality/"


def test_a_revalidation_of_a_cached_page_gets_304(client, db):
    make_news_item(title="Beze změny")
    page = assert_cached(client, "/aktuality/")
    since = client.get("/aktuality/", HTTP_IF_MODIFIED_SINCE=page["Last-Modified"])
    assert since.status_code == 304
    failed = client.get("/aktuality/", HTTP_IF_MATCH='"jina-verze"')
    assert failed.status_code == 412


def test_a_deploy_renders_every_page_again(client, db):
    """A deploy runs migrate; a page kept from the previous release's
    templates is not served after it."""
    assert_cached(client, "/")
    call_command("migrate", verbosity=0)
    _, queries = fetch(client, "/")
    assert queries > 1
