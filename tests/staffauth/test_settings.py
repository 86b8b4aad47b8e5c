"""The sign-in settings come from the environment (README's table); each
case imports the settings afresh in a subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json
from portal import settings as s
print(json.dumps({
    "require_2fa": s.PORTAL_REQUIRE_2FA,
    "passwords": s.PORTAL_LOCAL_PASSWORDS,
    "oidc": s.PORTAL_OIDC,
    "backends": s.AUTHENTICATION_BACKENDS,
    "group_map": s.PORTAL_OIDC_GROUP_MAP,
    "client_id": s.OIDC_RP_CLIENT_ID,
    "token": s.OIDC_OP_TOKEN_ENDPOINT,
    "recheck": s.OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS,
}))
"""
PROVIDER = {
    "PORTAL_OIDC_CLIENT_ID": "socialni-portal",
    "PORTAL_OIDC_CLIENT_SECRET": "tajemstvi",
    "PORTAL_OIDC_AUTHORIZATION_ENDPOINT": "https://login.kraj.example/auth",
    "PORTAL_OIDC_TOKEN_ENDPOINT": "https://login.kraj.example/token",
    "PORTAL_OIDC_USERINFO_ENDPOINT": "https://login.kraj.example/userinfo",
    "PORTAL_OIDC_JWKS_ENDPOINT": "https://login.kraj.example/certs",
}


def load(tmp_path, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PORTAL_", "DATABASE_", "REDIS_"))
    }
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env={**clean, "DJANGO_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )


def test_by_default_staff_need_a_second_factor_and_no_provider_is_asked(tmp_path):
    result = json.loads(load(tmp_path).stdout)
    assert result["require_2fa"] is True
    assert result["passwords"] is True
    assert result["oidc"] is False
    assert "staffauth.oidc.ProviderBackend" not in result["backends"]


def test_the_provider_is_configured_from_the_environment(tmp_path):
    result = json.loads(
        load(
            tmp_path,
            **PROVIDER,
            PORTAL_OIDC_GROUP_MAP="web-redaktori=Redaktor, web-spravci=Správce",
            PORTAL_OIDC_RECHECK_SECONDS="300",
            PORTAL_LOCAL_PASSWORDS="0",
            PORTAL_REQUIRE_2FA="ne",
        ).stdout
    )
    assert result["oidc"] is True
    assert result["backends"][-1] == "staffauth.oidc.ProviderBackend"
    assert result["group_map"] == {
        "web-redaktori": "Redaktor",
        "web-spravci": "Správce",
    }
    assert result["token"] == "https://login.kraj.example/token"
    assert result["recheck"] == 300
    assert result["passwords"] is False
    assert result["require_2fa"] is False


def test_a_client_id_without_the_endpoints_stops_the_start(tmp_path):
    result = load(tmp_path, PORTAL_OIDC_CLIENT_ID="socialni-portal")
    assert result.returncode != 0
    assert "PORTAL_OIDC_TOKEN_ENDPOINT" in result.stderr
