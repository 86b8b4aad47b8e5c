"""Two app servers, one site: proves the scale-out setup on loopback.

Starts two gunicorn processes on different ports against one PostgreSQL
database and one Redis, then checks, over real HTTP, that

- a change an editor makes through server A is served by server B at once
  (and the other way round), although both serve anonymous pages from the
  page cache;
- a login made on A is valid on B (sessions in the shared database);
- downloads and project visits counted by both servers add up;
- the cached project page gives each visitor a CSRF token of their own,
  which the other server accepts.

Exits non-zero with the reason when any check fails. Needs PostgreSQL on
127.0.0.1:5432 and Redis on 127.0.0.1:6379 (REDIS_URL to change it).
"""

import base64
import http.cookiejar
import os
import secrets
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from django_otp.oath import totp  # noqa: E402
from servers import gunicorn, manage, site  # noqa: E402

REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/7")


class Browser:
    """One visitor with cookies, talking to whichever server it is told."""

    def __init__(self, agent="Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies)
        )
        self.agent = agent

    def request(self, port, path, data=None):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data else None
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}{path}",
            data=body,
            headers={"User-Agent": self.agent},
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def csrf(self):
        return next(c.value for c in self.cookies if c.name == "csrftoken")


def check(condition, message):
    if not condition:
        raise SystemExit(f"CHYBA: {message}")
    print(f"ok  {message}")


def main():
    # Cookies ignore the port, so one visitor's cookies go to both servers,
    # as they would behind a load balancer with one host name.
    a = int(os.environ.get("SCALEOUT_PORT_A", 8311))
    b = int(os.environ.get("SCALEOUT_PORT_B", 8312))
    password = secrets.token_urlsafe(16)
    with site("osv_scaleout", redis_url=REDIS_URL) as env:
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        env = {
            **env,
            "DJANGO_SUPERUSER_USERNAME": "spravce",
            "DJANGO_SUPERUSER_PASSWORD": password,
        }
        manage(env, "ensure_admin")
        with gunicorn(env, a), gunicorn(env, b):
            run_checks(a, b, password, env)
    print("Dva aplikační servery se chovají jako jeden web.")


def admin_action(browser, port, changelist, action, pk):
    """Run an admin action on one item, as the change list's form does."""
    browser.request(port, changelist)  # a fresh CSRF cookie
    status, _page = browser.request(
        port,
        changelist,
        {
            "csrfmiddlewaretoken": browser.csrf(),
            "action": action,
            "_selected_action": [str(pk)],
        },
    )
    return status


def run_checks(a, b, password, env):
    import psycopg2

    database = psycopg2.connect(env["DATABASE_URL"])
    database.autocommit = True

    def one(sql, *args):
        with database.cursor() as cursor:
            cursor.execute(sql, args)
            return cursor.fetchone()

    visitor = Browser()
    news_pk, news_slug = one(
        "SELECT id, slug FROM news_newsitem WHERE status = 'published' "
        "ORDER BY publish_at DESC LIMIT 1"
    )
    detail = f"/aktuality/{news_slug}/"
    for port in (a, b, a, b):  # both servers have it in the page cache now
        status, _page = visitor.request(port, detail)
        check(status == 200, f"aktualita je na serveru {port}")

    editor = Browser()
    editor.request(a, "/admin/login/")
    status, page = editor.request(
        a,
        "/admin/login/?next=/admin/",
        {
            "csrfmiddlewaretoken": editor.csrf(),
            "username": "spravce",
            "password": password,
            "next": "/admin/",
        },
    )
    # The first sign-in sets up the second factor: the key from the page
    # into an authenticator app, its code back.
    key = page.split('id="totp-key">', 1)[1].split("<", 1)[0].replace(" ", "")
    code = f"{totp(base64.b32decode(key + '=' * (-len(key) % 8))):06d}"
    status, page = editor.request(
        a,
        "/admin/druhy-faktor/nastaveni/",
        {"csrfmiddlewaretoken": editor.csrf(), "code": code, "next": "/admin/"},
    )
    check(status == 200 and "recovery-codes" in page, "redaktor nastavil druhý faktor")
    status, page = editor.request(a, "/admin/")
    check(status == 200 and "Odhlásit" in page, "redaktor se přihlásil na serveru A")
    status, page = editor.request(b, "/admin/")
    check(
        status == 200 and "Odhlásit" in page,
        "přihlášení platí i na serveru B (sdílené sezení)",
    )

    changelist = "/admin/news/newsitem/"
    check(
        admin_action(editor, a, changelist, "unpublish", news_pk) == 200, "A: koncept"
    )
    status, _page = visitor.request(b, detail)
    check(status == 404, "změna na serveru A je hned vidět na serveru B (404)")
    check(
        admin_action(editor, b, changelist, "publish", news_pk) == 200, "B: zveřejnit"
    )
    status, _page = visitor.request(a, detail)
    check(status == 200, "změna na serveru B je hned vidět na serveru A (200)")

    file_pk, document_slug, before = one(
        "SELECT f.id, d.slug, f.download_count FROM documents_documentfile f "
        "JOIN documents_document d ON d.id = f.document_id "
        "WHERE d.status = 'published' AND f.file <> '' LIMIT 1"
    )
    url = f"/dokumenty/{document_slug}/soubor/{file_pk}/"
    for port in (a, b) * 5:
        status, _body = visitor.request(port, url)
        check(status == 200, f"stažení ze serveru {port}")
    (after,) = one(
        "SELECT download_count FROM documents_documentfile WHERE id = %s", file_pk
    )
    check(
        after - before == 10,
        f"počítadlo stažení sečte oba servery ({after - before} z 10)",
    )

    project_pk, project_slug, visits = one(
        "SELECT id, slug, visit_count FROM projects_project "
        "WHERE status = 'published' LIMIT 1"
    )
    for number, port in enumerate((a, b, a, b)):
        status, page = Browser(agent=f"Mozilla/5.0 visitor {number}").request(
            port, f"/projekty/{project_slug}/"
        )
        check(status == 200, f"projekt na serveru {port}")
    shown = page.partition('class="visit-count">')[2].partition("<")[0]
    check(
        int(shown.replace("\xa0", "")) == visits + 4,
        f"návštěvy ze dvou serverů se sčítají a stránka je ukazuje ({shown})",
    )
    check_contact_form(a, b, project_slug)
    check_feed_revalidation(a, b)
    database.close()


def conditional_get(port, path, host, etag=""):
    """(status, ETag) of a GET as a feed reader makes it, revalidating, to
    ``host`` as the balancer passes it on (a feed's links name the host)."""
    headers = {"Host": host, **({"If-None-Match": etag} if etag else {})}
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.headers.get("ETag", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("ETag", "")


def check_feed_revalidation(a, b):
    """A feed that has not changed is the same document from either server,
    so a reader revalidating it gets 304 wherever the balancer sends it.
    The demo's notice board is empty: its feed once carried the time each
    server rendered it."""
    feed, host = "/uredni-deska/feed/", f"127.0.0.1:{a}"
    status, etag = conditional_get(a, feed, host)
    check(status == 200 and etag, "kanál úřední desky ze serveru A")
    answers = [conditional_get(port, feed, host, etag)[0] for port in (b, a, b, a, b)]
    check(
        answers == [304] * 5,
        f"nezměněný kanál odpoví 304 na obou serverech ({answers})",
    )


def field(page, name):
    """The value of a hidden form field on a page."""
    return page.partition(f'name="{name}" value="')[2].partition('"')[0]


def check_contact_form(a, b, project_slug):
    """The project's contact page comes from the page cache, yet each
    visitor's form carries a token of their own that any server accepts."""
    url = f"/projekty/{project_slug}/napsat/"
    message = {
        "name": "Jana Nováková",
        "email": "jana@example.cz",
        "message": "Dobrý den, mám dotaz k projektu.",
    }
    first, second = Browser(agent="Mozilla/5.0 first"), Browser("Mozilla/5.0 two")
    _status, first_page = first.request(a, url)
    _status, second_page = second.request(b, url)
    first_token = field(first_page, "csrfmiddlewaretoken")
    second_token = field(second_page, "csrfmiddlewaretoken")
    check(
        first_token and second_token and first_token != second_token,
        "kontaktní stránka projektu z cache dává každému návštěvníkovi vlastní token",
    )
    status, _page = second.request(a, url, message)
    check(status == 403, "kontaktní formulář bez tokenu je odmítnut (403)")
    status, page = second.request(
        a, url, {**message, "csrfmiddlewaretoken": second_token}
    )
    check(
        status == 200 and "Děkujeme, zprávu jsme přijali" in page,
        "kontaktní formulář s tokenem ze serveru B projde na serveru A",
    )


if __name__ == "__main__":
    main()
