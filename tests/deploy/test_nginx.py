"""deploy/nginx/portal.conf.template in Debian's nginx, in front of gunicorn
started with the project's gunicorn.conf.py, over real HTTPS on loopback:
what visitors, editors and the login lockout see through the front server.

The site is the demo on SQLite in a temporary folder, with production
settings (HTTPS, PORTAL_SENDFILE=nginx, PORTAL_PROXY_COUNT=1) and a small
PORTAL_MAX_UPLOAD_SIZE so that the uploads at and over it are quick.
"""

import base64
import http.cookiejar
import os
import re
import secrets
import shutil
import sqlite3
import ssl
import subprocess
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django_otp.oath import totp

from tests.services import free_port, missing, wait_for_port
from tests.sites import ROOT, environment, manage, run

UPLOAD_LIMIT = 200_000
SECURITY_HEADERS = (
    "Strict-Transport-Security",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "X-Frame-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
    "Permissions-Policy",
)


def nginx_binary():
    binary = shutil.which("nginx") or (
        "/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None
    )
    if not binary:
        missing("nginx chybí; nainstalujte ho: apt-get install -y nginx-light")
    if not shutil.which("openssl"):
        missing("openssl chybí; nainstalujte ho: apt-get install -y openssl")
    return binary


def main_config(folder, site):
    """What Debian's /etc/nginx/nginx.conf gives the site, in the test's
    folder: nothing is written outside it."""
    # As root, nginx's workers would become `nobody`, which cannot read the
    # test's private temporary folders.
    user = "user root;" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {folder}/{kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}
worker_processes 1;
pid {folder}/nginx.pid;
error_log {folder}/error.log warn;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    access_log {folder}/access.log;
{temp}
    include {site};
}}
"""


class Front:
    """One visitor (with cookies) talking to nginx over HTTPS."""

    def __init__(self, https_port, http_port, certificate, database):
        self.https_port = https_port
        self.http_port = http_port
        self.database = database
        self.base = f"https://127.0.0.1:{https_port}"
        context = ssl.create_default_context(cafile=certificate)
        self.context = context
        self.cookies = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=context),
            urllib.request.HTTPCookieProcessor(self.cookies),
            NoRedirect,
        )

    def request(self, path, data=None, headers=None, base=None):
        request = urllib.request.Request(
            (base or self.base) + path,
            data=data,
            headers={"User-Agent": "Mozilla/5.0 (X11; Linux) Firefox/140.0"}
            | (headers or {}),
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read()

    def csrf(self):
        return next(c.value for c in self.cookies if c.name == "csrftoken")

    def post(self, path, fields, files=None, headers=None):
        """A form as a browser posts it (multipart), with the CSRF token and
        the Referer Django wants over HTTPS."""
        boundary = secrets.token_hex(16)
        parts = []
        for name, value in {"csrfmiddlewaretoken": self.csrf(), **fields}.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"'
                f"\r\n\r\n{value}\r\n".encode()
            )
        for name, (filename, content) in (files or {}).items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'.encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self.request(
            path,
            data=body,
            headers={
                "Content-Type": f"multipart/form-data; boundary={boundary}",
                "Referer": self.base + path,
            }
            | (headers or {}),
        )

    def query(self, sql, *args):
        with sqlite3.connect(self.database) as connection:
            return connection.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """nginx and gunicorn running; yields what the tests need to reach them
    and the site's folders."""
    nginx = nginx_binary()
    folder = tmp_path_factory.mktemp("front")
    https_port, http_port, app_port = free_port(), free_port(), free_port()
    password = secrets.token_urlsafe(16)
    env = environment(
        f"sqlite:///{folder}/db.sqlite3",
        folder,
        DJANGO_HTTPS="1",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        PORTAL_SENDFILE="nginx",
        PORTAL_PROXY_COUNT="1",
        PORTAL_MAX_UPLOAD_SIZE=str(UPLOAD_LIMIT),
        AXES_FAILURE_LIMIT="3",
        GUNICORN_BIND=f"127.0.0.1:{app_port}",
        GUNICORN_WORKERS="2",
        DJANGO_SUPERUSER_USERNAME="spravce",
        DJANGO_SUPERUSER_PASSWORD=password,
    )
    manage(env, "migrate", "--noinput")
    manage(env, "load_demo")
    manage(env, "ensure_admin")
    manage(env, "collectstatic", "--noinput")
    certificate, key = folder / "site.crt", folder / "site.key"
    run(
        env,
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=IP:127.0.0.1,DNS:localhost",
        "-keyout",
        key,
        "-out",
        certificate,
    )
    rendered = run(
        {
            **env,
            "PORTAL_SERVER_NAME": "localhost",
            "PORTAL_TLS_CERTIFICATE": str(certificate),
            "PORTAL_TLS_CERTIFICATE_KEY": str(key),
            "PORTAL_HTTPS_LISTEN": f"127.0.0.1:{https_port}",
            "PORTAL_HTTP_LISTEN": f"127.0.0.1:{http_port}",
        },
        ROOT / "deploy" / "render.sh",
        ROOT / "deploy" / "nginx" / "portal.conf.template",
    )
    (folder / "portal.conf").write_text(rendered)
    (folder / "nginx.conf").write_text(main_config(folder, folder / "portal.conf"))
    # -e: nginx opens its error log before it reads the configuration; not
    # /var/log/nginx, which a developer's account cannot write.
    command = [
        nginx,
        *("-p", folder, "-c", folder / "nginx.conf", "-e", folder / "error.log"),
    ]
    run(env, *command, "-t", "-q")
    servers = [
        subprocess.Popen([*command, "-g", "daemon off;"], env=env),
        subprocess.Popen(
            [ROOT / ".venv" / "bin" / "gunicorn", "portal.wsgi"], cwd=ROOT, env=env
        ),
    ]
    try:
        wait_for_port(https_port)
        wait_for_port(app_port)
        yield {
            "front": lambda: Front(
                https_port, http_port, certificate, folder / "db.sqlite3"
            ),
            "folder": folder,
            "password": password,
            "error_log": folder / "error.log",
        }
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def assert_each_security_header_once(headers):
    for name in SECURITY_HEADERS:
        assert len(headers.get_all(name) or []) <= 1, (name, headers.get_all(name))


def test_pages_come_over_https_with_each_security_header_once(site):
    front = site["front"]()
    status, headers, body = front.request("/aktuality/")
    assert status == 200
    assert b"Aktuality" in body
    assert headers["Strict-Transport-Security"]
    assert headers["Content-Security-Policy"]
    assert_each_security_header_once(headers)
    # The page knows it was asked over HTTPS: its links are https.
    status, headers, _body = front.request("/admin/")
    assert status == 302
    assert headers["Location"].startswith("/admin/login/")


def test_plain_http_is_sent_to_https(site):
    front = site["front"]()
    status, headers, _body = front.request(
        "/aktuality/", base=f"http://127.0.0.1:{front.http_port}"
    )
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/aktuality/"


def test_static_files_come_from_nginx_compressed_and_cached_for_a_year(site):
    front = site["front"]()
    _status, _headers, page = front.request("/")
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', page).group(1).decode()
    status, headers, body = front.request(
        stylesheet, headers={"Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert_each_security_header_once(headers)
    on_disk = site["folder"] / "static" / stylesheet.removeprefix("/static/")
    assert body == (on_disk.parent / (on_disk.name + ".gz")).read_bytes()


def test_images_on_pages_come_from_the_media_folder(site):
    front = site["front"]()
    logo = sorted((site["folder"] / "media" / "logos").iterdir())[0]
    status, headers, body = front.request(
        "/media/logos/" + urllib.parse.quote(logo.name)
    )
    assert status == 200
    assert body == logo.read_bytes()
    assert headers["Content-Type"] == "image/png"
    assert_each_security_header_once(headers)


def test_a_document_file_is_sent_by_nginx_and_its_folder_is_not_public(site):
    front = site["front"]()
    (file_pk, slug, name) = front.query(
        "SELECT f.id, d.slug, f.file FROM documents_documentfile f "
        "JOIN documents_document d ON d.id = f.document_id "
        "WHERE d.status = 'published' AND f.file <> '' ORDER BY f.id LIMIT 1"
    )[0]
    status, headers, body = front.request(f"/dokumenty/{slug}/soubor/{file_pk}/")
    assert status == 200
    # gunicorn answered with an empty body and X-Accel-Redirect; the bytes
    # are nginx's, and the internal header does not reach the visitor.
    assert body == (site["folder"] / "private" / name).read_bytes()
    assert "X-Accel-Redirect" not in headers
    assert headers["Content-Disposition"]
    assert "no-store" in headers["Cache-Control"]
    assert_each_security_header_once(headers)

    status, _headers, _body = front.request(f"/_private/{name}")
    assert status == 404


def log_in(front, password):
    front.request("/admin/login/")
    status, headers, _body = front.post(
        "/admin/login/?next=/admin/",
        {"username": "spravce", "password": password, "next": "/admin/"},
    )
    assert (status, headers["Location"]) == (302, "/admin/")
    # The first sign-in sets up the second factor: the key from the page
    # into an authenticator app, its code back.
    status, _headers, body = front.request("/admin/druhy-faktor/nastaveni/")
    assert status == 200
    key = re.search(rb'id="totp-key">([A-Z2-7 ]+)<', body).group(1).replace(b" ", b"")
    code = f"{totp(base64.b32decode(key + b'=' * (-len(key) % 8))):06d}"
    status, _headers, body = front.post(
        "/admin/druhy-faktor/nastaveni/", {"code": code, "next": "/admin/"}
    )
    assert b'id="recovery-codes"' in body, body[-2000:]


def add_document(front, title, content):
    front.request("/admin/documents/document/add/")
    (category,) = front.query("SELECT id FROM documents_category LIMIT 1")[0]
    return front.post(
        "/admin/documents/document/add/",
        {
            "title": title,
            "category": category,
            "scope": "regional",
            "audience": "municipalities",
            "status": "published",
            "publish_at_0": "01.01.2024",
            "publish_at_1": "10:00:00",
            "summary": "<p>Shrnutí</p>",
            "files-TOTAL_FORMS": "1",
            "files-INITIAL_FORMS": "0",
            "files-MIN_NUM_FORMS": "0",
            "files-MAX_NUM_FORMS": "1000",
            "files-0-language": "cs",
            "files-0-order": "0",
        },
        files={"files-0-file": ("seznam.txt", content)},
    )


def test_an_upload_at_the_limit_passes_and_one_far_over_it_stops_at_nginx(site):
    front = site["front"]()
    log_in(front, site["password"])
    at_limit = b"Seznam obci.\n" + b"a" * (UPLOAD_LIMIT - 13)
    assert len(at_limit) == UPLOAD_LIMIT
    status, headers, _body = add_document(front, "Na hranici", at_limit)
    assert status == 302, _body[-2000:]
    (file_pk, slug) = front.query(
        "SELECT f.id, d.slug FROM documents_documentfile f "
        "JOIN documents_document d ON d.id = f.document_id WHERE d.title = ?",
        "Na hranici",
    )[0]
    status, _headers, body = front.request(f"/dokumenty/{slug}/soubor/{file_pk}/")
    assert (status, body) == (200, at_limit)

    # Just over the limit: Django's Czech message, the form kept.
    status, _headers, body = add_document(front, "Nad hranici", at_limit + b"a")
    assert status == 200
    assert "největší povolená velikost".encode() in body
    # Far over it: nginx refuses the request before a worker reads it.
    status, headers, body = add_document(front, "Daleko nad", at_limit * 7)
    assert status == 413
    assert b"nginx" in body
    assert not front.query(
        "SELECT id FROM documents_document WHERE title <> ''"
        " AND title IN ('Nad hranici', 'Daleko nad')"
    )


def test_the_login_lockout_sees_the_address_nginx_saw_not_a_forged_one(site):
    """With PORTAL_PROXY_COUNT=1 a client that writes its own
    X-Forwarded-For cannot dodge the lockout by changing it."""
    front = site["front"]()
    front.request("/admin/login/")
    statuses = [
        front.post(
            "/admin/login/",
            {"username": "hadac", "password": "spatne-heslo"},
            headers={"X-Forwarded-For": forged},
        )[0]
        for forged in ("203.0.113.1", "203.0.113.2", "203.0.113.3", "198.51.100.7")
    ]
    # AXES_FAILURE_LIMIT=3: the third failure locks the pair out.
    assert statuses == [200, 200, 429, 429]
    # One record, for the address nginx saw, none for the forged ones.
    assert front.query(
        "SELECT ip_address FROM axes_accessattempt WHERE username = 'hadac'"
    ) == [("127.0.0.1",)]


def test_the_site_loads_in_debians_own_nginx_conf(site, tmp_path):
    """Installed as the README says, the site sits in Debian's nginx.conf,
    which sets `gzip on` and TLS defaults of its own: no directive may
    clash."""
    debian = Path("/etc/nginx/nginx.conf")
    if not debian.exists():
        missing("/etc/nginx/nginx.conf chybí; nainstalujte nginx z Debianu")
    config = debian.read_text()
    # Only what points outside the test's folder changes: the sites, the
    # pid and log files, and modules (their paths are relative to nginx's
    # prefix, which is the test's folder here).
    config = re.sub(
        r"include /etc/nginx/sites-enabled/\*;",
        f"include {site['folder']}/portal.conf;",
        config,
    )
    config = re.sub(r"(?m)^include /etc/nginx/modules-enabled/.*$", "", config)
    config = re.sub(r"(?m)^pid .*$", f"pid {tmp_path}/nginx.pid;", config)
    config = re.sub(r"(access|error)_log [^;]*;", rf"\1_log {tmp_path}/\1.log;", config)
    assert f"include {site['folder']}/portal.conf;" in config
    (tmp_path / "nginx.conf").write_text(config)
    result = subprocess.run(
        [
            nginx_binary(),
            "-t",
            "-p",
            tmp_path,
            "-c",
            tmp_path / "nginx.conf",
            "-e",
            tmp_path / "error.log",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr
