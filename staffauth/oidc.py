"""Sign-in through the region's OpenID Connect provider, with
mozilla-django-oidc: the authorisation code flow with PKCE, a nonce and a
state bound to the session, the ID token's signature checked against the
provider's keys. Accounts are matched by the provider's subject; their
editor groups follow a claim."""

import logging

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from editorial.roles import ADMINISTRATOR, roles
from staffauth import factors
from staffauth.models import ProviderAccount

log = logging.getLogger(__name__)


def editor_groups():
    """The groups the provider decides about; any other group a user is in
    is left as it is."""
    return {*roles(), ADMINISTRATOR}


def mapped_groups(claims):
    """The editor groups the claim maps to, by PORTAL_OIDC_GROUP_MAP."""
    value = claims.get(settings.PORTAL_OIDC_GROUPS_CLAIM) or []
    if isinstance(value, str):
        value = [value]
    names = {settings.PORTAL_OIDC_GROUP_MAP.get(str(group)) for group in value}
    return sorted(names & editor_groups())


class ProviderBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        try:
            return super().authenticate(request, **kwargs)
        except requests.RequestException as error:
            # The provider refused the code (spent, or not issued for this
            # sign-in's PKCE verifier) or did not answer: a failed sign-in
            # the person is told about, not a server error.
            log.warning("OIDC sign-in failed at the provider: %s", error)
            return None

    def verify_token(self, token, **kwargs):
        # The package checks the signature, expiry and nonce; the audience
        # and the issuer are checked here, so that a token the provider
        # issued to another of its clients is no key to ours.
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token for another client.")
        issuer = settings.PORTAL_OIDC_ISSUER
        if issuer and payload.get("iss") != issuer:
            raise SuspiciousOperation("ID token from another issuer.")
        return payload

    def verify_claims(self, claims):
        # Someone in none of the mapped groups has no business in the back
        # office: refused here, as if unknown.
        return bool(claims.get("sub")) and bool(mapped_groups(claims))

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(
            provider_account__subject=claims["sub"]
        ).select_related("provider_account")

    @transaction.atomic
    def create_user(self, claims):
        username = (claims.get(settings.PORTAL_OIDC_USERNAME_CLAIM) or "").strip()
        if not username or self.UserModel.objects.filter(username=username).exists():
            # Never take over a local account that happens to share the name:
            # a Správce links them by hand (or renames the local one).
            log.warning("OIDC sign-in refused: user name %r taken or empty", username)
            return None
        user = self.UserModel(username=username)
        user.set_unusable_password()
        user.save()
        ProviderAccount.objects.create(user=user, subject=claims["sub"])
        return self.update_user(user, claims)

    @transaction.atomic
    def update_user(self, user, claims):
        user.email = claims.get("email", user.email) or ""
        user.first_name = claims.get("given_name", user.first_name) or ""
        user.last_name = claims.get("family_name", user.last_name) or ""
        user.is_staff = True
        user.save()
        wanted = mapped_groups(claims)
        managed = Group.objects.filter(name__in=editor_groups())
        user.groups.remove(*managed.exclude(name__in=wanted))
        user.groups.add(*managed.filter(name__in=wanted))
        return user

    def get_user(self, user_id):
        user = super().get_user(user_id)
        # A session of an account disabled here ends, as with Django's own
        # backend.
        return user if user is not None and user.is_active else None


class AuthenticateView(OIDCAuthenticationRequestView):
    def get(self, request):
        if not settings.PORTAL_OIDC:
            raise Http404
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    def get(self, request):
        if not settings.PORTAL_OIDC:
            raise Http404
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        # The provider asked for the person's second factor; ours is not
        # asked again.
        self.request.session[factors.SIGNED_IN_VIA] = factors.PROVIDER
        return response

    def login_failure(self):
        # Also where a silent re-check ends that the provider refused (the
        # account is disabled or gone there): the session is signed out.
        messages.error(
            self.request,
            _(
                "Přihlášení účtem kraje se nezdařilo. Účet nemusí mít přístup do "
                "správy portálu; obraťte se na správce webu."
            ),
        )
        return HttpResponseRedirect(reverse("admin:login"))
