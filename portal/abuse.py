"""Abuse resistance for public forms (newsletter, contact form, password
reset): a rate limit per key in the shared cache and a honeypot field."""

import hashlib

from django import forms
from django.conf import settings
from django.contrib.auth.views import PasswordResetView
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TOO_MANY = _("Příliš mnoho pokusů za krátkou dobu. Zkuste to prosím znovu za hodinu.")


def client_ip(request):
    """The visitor's address; behind PORTAL_PROXY_COUNT trusted proxies it is
    taken from X-Forwarded-For, counted from the right. Rate limits and the
    login lockout (AXES_CLIENT_IP_CALLABLE) both key on it."""
    proxies = getattr(settings, "PORTAL_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def hit(scope, key, *, limit, window):
    """Count one attempt; True while the key stays within ``limit`` attempts
    per ``window`` seconds. Atomic in Redis and in local memory alike."""
    digest = hashlib.sha256(str(key).lower().encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    if cache.add(cache_key, 1, window):
        return True
    try:
        return cache.incr(cache_key) <= limit
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, window)
        return True


class HoneypotForm(forms.Form):
    """A field people never see (hidden by CSS, labelled for the odd one who
    does) and bots fill in."""

    website = forms.CharField(
        label=_("Toto pole nevyplňujte"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data["website"]:
            raise ValidationError(_("Formulář se nepodařilo odeslat."), code="honeypot")
        return ""


class LimitedPasswordResetView(PasswordResetView):
    """Django's password reset, limited like the newsletter form: each post
    sends an e-mail, so a script could flood an address (or the outgoing
    mail server) with them. A refused post sends nothing."""

    def form_valid(self, form):
        email = form.cleaned_data["email"]
        allowed = hit(
            "password-reset-client", client_ip(self.request), limit=10, window=3600
        )
        allowed = hit("password-reset-address", email, limit=3, window=3600) and allowed
        if not allowed:
            form.add_error("email", TOO_MANY)
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
