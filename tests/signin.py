"""Signing staff in for tests through the real second step: a confirmed
authenticator app (TOTP device) whose current code is posted to the
verification page, as a person would type it."""

import time

from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice


def give_app(user):
    """The user's confirmed authenticator app (made on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Aplikace", confirmed=True)
    return device


def app_code(device, *, ahead=0):
    """The code the app shows now (``ahead`` time steps later)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def unused_code(device):
    """A code the device has not taken yet: the current one, or the next
    (which it accepts too, as a phone's clock may run ahead), or None when
    both are taken."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    for ahead in (0, 1):
        if totp.t() + ahead > device.last_t:
            return app_code(device, ahead=ahead)
    return None


def recovery_code(user):
    """A fresh one-time recovery code of the user."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name="Záložní kódy")
    token = StaticToken.random_token()
    device.token_set.create(token=token)
    return token


def pass_second_factor(client, user):
    """Give the signed-in ``client`` its second factor on the verification
    page: the app's code, or a recovery code when a test signs the same
    user in more often than the app makes codes."""
    device = give_app(user)
    device.throttle_reset()
    code = unused_code(device) or recovery_code(user)
    response = client.post(reverse("staffauth:verify"), {"code": code})
    assert response.status_code == 302, response.content.decode()[:2000]
    return client


class SignedInClient(Client):
    """The test client whose force_login() also gives a member of staff's
    second factor, so that tests of the back office see it as staff do
    after signing in."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        if user.is_staff and user.is_active:
            pass_second_factor(self, user)
