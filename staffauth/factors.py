"""Second factors of staff accounts: a TOTP device from an authenticator app
and a set of one-time recovery codes, both django-otp devices."""

import math

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

RECOVERY_CODES = 10
APP_NAME = _("Aplikace v telefonu")
CODES_NAME = _("Záložní kódy")
# How a session was signed in through the identity provider, which checked
# the second factor itself.
SIGNED_IN_VIA = "staffauth_signed_in_via"
PROVIDER = "oidc"


def needs_factor(user):
    """Whether this account must give a second factor to use the back
    office."""
    return user.is_authenticated and user.is_staff


def is_verified(request):
    """Whether this session has given its second factor (or came from the
    identity provider)."""
    user = request.user
    if getattr(user, "otp_device", None) is not None:
        return True
    return request.session.get(SIGNED_IN_VIA) == PROVIDER


def has_factor(user):
    return user_has_device(user, confirmed=True)


def pending_device(user):
    """The authenticator app being set up: the same key on every reload of
    the page, until a code from it confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_NAME, confirmed=False)
    return device


@transaction.atomic
def confirm(request, device, token):
    """Confirm the app being set up with a code from it; returns the new
    recovery codes, or None when the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(token):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = new_recovery_codes(device.user)
    otp_login(request, device)
    return codes


def new_recovery_codes(user):
    """Replace the user's recovery codes with fresh ones; each signs in
    once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=CODES_NAME)
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODES)]
    device.token_set.bulk_create(
        [StaticToken(device=device, token=code) for code in codes]
    )
    return codes


@transaction.atomic
def verify(request, token):
    """Check a code from the app, or a recovery code, against the signed-in
    user's devices; returns the device that took it, or None. A TOTP code is
    taken once (the device remembers the last time step it accepted) and a
    recovery code is deleted when used."""
    token = "".join(token.split()).lower()
    for device in devices_for_user(request.user, for_verify=True):
        if device.verify_token(token):
            otp_login(request, device)
            return device
    return None


def wait_seconds(devices):
    """Seconds before any of the devices takes another code: after wrong
    codes django-otp makes each wait 1, 2, 4 … seconds. 0 when one takes a
    code now."""
    waits = []
    for device in devices:
        allowed, details = device.verify_is_allowed()
        if allowed:
            return 0
        until = (details or {}).get("locked_until")
        if until is not None:
            waits.append((until - timezone.now()).total_seconds())
    return max(1, math.ceil(min(waits))) if waits else 0


def remaining_codes(user):
    return StaticToken.objects.filter(device__user=user).count()


def reset(user):
    """Remove every factor of the user; at the next sign-in they set up a
    new one, and a session verified with the old one is verified no more."""
    deleted = 0
    for model in (TOTPDevice, StaticDevice):
        deleted += model.objects.filter(user=user).delete()[0]
    return deleted


def required():
    return settings.PORTAL_REQUIRE_2FA
