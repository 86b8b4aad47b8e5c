"""The test OpenID Connect provider (tests/staffauth/idp/) as a process on
loopback, and a person's browser at it."""

import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "portal"
CLIENT_SECRET = "tajne-heslo-klienta-portalu"
CALLBACK = "http://testserver/admin/oidc/callback/"
PASSWORD = "Heslo-U-Kraje-2026"
USERS = [
    {
        "username": "jana.novakova",
        "email": "jana.novakova@kraj.example",
        "given_name": "Jana",
        "family_name": "Nováková",
        "groups": ["web-redaktori", "zamestnanci"],
    },
    {
        "username": "petr.svoboda",
        "email": "petr.svoboda@kraj.example",
        "groups": ["web-spravci"],
    },
    {"username": "karel.dvorak", "groups": ["zamestnanci"]},
    {"username": "eva.mala", "groups": ["web-redaktori"]},
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Provider:
    def __init__(self, directory):
        self.database = Path(directory) / "idp.sqlite3"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        seed = {
            "client_id": CLIENT_ID,
            "client_secret": CLIENT_SECRET,
            "redirect_uri": CALLBACK,
            "users": [{"password": PASSWORD, **user} for user in USERS],
        }
        env = {
            **os.environ,
            "IDP_DATABASE": str(self.database),
            "IDP_RSA_KEY": pem,
            "IDP_SEED": json.dumps(seed),
            "IDP_PORT": str(self.port),
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "tests/staffauth/idp/serve.py")],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        line = self.process.stdout.readline()
        if line.strip() != "ready":
            self.stop()
            raise RuntimeError("the test OpenID Connect provider did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def settings(self):
        """The portal's settings for this provider, as an administrator
        would write them in the environment."""
        return {
            "PORTAL_OIDC": True,
            "OIDC_RP_CLIENT_ID": CLIENT_ID,
            "OIDC_RP_CLIENT_SECRET": CLIENT_SECRET,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.url}/o/authorize/",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.url}/o/token/",
            "OIDC_OP_USER_ENDPOINT": f"{self.url}/o/userinfo/",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.url}/o/.well-known/jwks.json",
            "PORTAL_OIDC_ISSUER": f"{self.url}/o",
            "PORTAL_OIDC_GROUP_MAP": {
                "web-redaktori": "Redaktor",
                "web-spravci": "Správce",
            },
        }

    def sql(self, statement, *params):
        """Change the provider's directory, as its administrators do."""
        with sqlite3.connect(self.database) as connection:
            connection.execute(statement, params)

    def disable(self, username):
        self.sql("UPDATE auth_user SET is_active = 0 WHERE username = ?", username)

    def remove(self, username):
        self.sql("DELETE FROM auth_user WHERE username = ?", username)


class Browser:
    """A person's browser at the provider: it keeps the provider's session
    and stops at the redirect back to the portal."""

    def __init__(self, provider):
        self.provider = provider
        self.session = requests.Session()

    def authorize(self, url, username=None, password=PASSWORD):
        """Follow the portal's redirect to the provider, signing in there
        when asked; returns the URL the provider sends the browser back to
        the portal with, or None when it stays at the provider."""
        for _ in range(10):
            if url.startswith("http://testserver/"):
                return url
            response = self.session.get(url, allow_redirects=False, timeout=10)
            if response.is_redirect:
                url = urljoin(url, response.headers["Location"])
                continue
            if "/login/" in url and username is not None:
                login = self.session.post(
                    url,
                    {
                        "csrfmiddlewaretoken": self.session.cookies["csrftoken"],
                        "username": username,
                        "password": password,
                        "next": parse_qs(urlsplit(url).query)["next"][0],
                    },
                    headers={"Referer": url},
                    allow_redirects=False,
                    timeout=10,
                )
                if not login.is_redirect:
                    return None  # refused by the provider
                username = None
                url = urljoin(url, login.headers["Location"])
                continue
            return None
        raise AssertionError("too many redirects")
