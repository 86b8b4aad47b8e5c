"""The back office only for staff who have given their second factor."""

from urllib.parse import urlencode

from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.urls import reverse
from mozilla_django_oidc.middleware import SessionRefresh

from staffauth import factors

# What a signed-in member of staff may open before the second factor: the
# sign-in pages themselves and the way out. The password reset pages need no
# sign-in at all.
OPEN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/druhy-faktor/",
    "/admin/oidc/",
    "/admin/password_reset/",
    "/admin/reset/",
)


class SecondFactorMiddleware:
    """Staff signed in with a password but not yet with their second factor
    are sent from any back-office page to give it (or to set one up), and
    are anonymous everywhere else: no draft preview, no editor upload."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Anonymous visitors cost nothing here: no session, no user query.
        if SESSION_KEY in request.session and self.must_verify(request):
            if request.path_info.startswith("/admin/"):
                if not request.path_info.startswith(OPEN_PATHS):
                    return self.redirect(request)
            else:
                request.user = AnonymousUser()
        return self.get_response(request)

    @staticmethod
    def must_verify(request):
        user = request.user
        if not factors.needs_factor(user) or factors.is_verified(request):
            return False
        return factors.required() or factors.has_factor(user)

    @staticmethod
    def redirect(request):
        target = reverse("staffauth:verify")
        query = urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(f"{target}?{query}")


class ProviderRecheckMiddleware(SessionRefresh):
    """mozilla-django-oidc's session refresh, only for sessions that came
    from the identity provider: every PORTAL_OIDC_RECHECK_SECONDS a
    back-office page asks the provider again, without a prompt, and an
    account disabled or removed there is signed out here."""

    def is_refreshable_url(self, request):
        return (
            request.method == "GET"
            and request.path_info.startswith("/admin/")
            and not request.path_info.startswith(OPEN_PATHS)
            and request.session.get(factors.SIGNED_IN_VIA) == factors.PROVIDER
            and request.user.is_authenticated
        )
