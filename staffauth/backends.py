"""Password sign-in, which the region may switch off for staff."""

from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    """Django's own backend, except that with PORTAL_LOCAL_PASSWORDS off a
    staff account's password no longer signs it in: its people sign in
    through the identity provider, which knows when they leave. Permissions
    still come from here, however the user signed in."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user = super().authenticate(request, username, password, **kwargs)
        if user is not None and user.is_staff and not settings.PORTAL_LOCAL_PASSWORDS:
            return None
        return user
