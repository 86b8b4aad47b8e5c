"""The second step of signing in: setting up the second factor at the
first sign-in, giving it at every other, in Czech."""

from io import BytesIO

import qrcode
import qrcode.image.svg
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import REDIRECT_FIELD_NAME, logout
from django.contrib.auth.signals import user_login_failed
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import devices_for_user

from portal.abuse import client_ip
from staffauth import factors
from staffauth.forms import CodeForm


def next_url(request):
    """Where to go after this step: the page asked for, if it is one of
    ours, else the back office's home."""
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def render(request, template, context):
    return TemplateResponse(
        request,
        template,
        {
            **admin.site.each_context(request),
            "next": next_url(request),
            **context,
        },
    )


def failed(request):
    """A code that did not sign in counts as a failed sign-in towards
    django-axes' lockout, like a wrong password (also one sent while the
    devices wait, which only a guesser does twice); when it locks the
    account out, the half-finished sign-in ends too."""
    credentials = {"username": request.user.get_username()}
    user_login_failed.send(sender=__name__, credentials=credentials, request=request)
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return get_lockout_response(request, credentials)
    return None


def refuse(form):
    form.add_error(
        "code",
        _("Kód není správný nebo už byl použit. Zadejte prosím nový kód z aplikace."),
    )


def accepted(request):
    """A right code starts the count of failures afresh, as a right
    password does (AXES_RESET_ON_SUCCESS)."""
    AxesProxyHandler.reset_attempts(
        ip_address=client_ip(request), username=request.user.get_username()
    )


def must_wait(form, devices):
    """Right after a wrong code the devices take none for a moment; the
    person is told so instead of being told the code is wrong."""
    seconds = factors.wait_seconds(devices)
    if seconds:
        form.add_error(
            "code",
            _("Po chybném kódu chvíli počkejte: další kód lze zadat za %(seconds)d s.")
            % {"seconds": seconds},
        )
    return bool(seconds)


def locked_out(request):
    credentials = {"username": request.user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return get_lockout_response(request, credentials)
    return None


def staff_only(view):
    """Only for a member of staff who has signed in with a password."""

    @sensitive_post_parameters("code")
    @csrf_protect
    @never_cache
    def wrapper(request):
        if not factors.needs_factor(request.user):
            return redirect(
                f"{reverse('admin:login')}?{REDIRECT_FIELD_NAME}={reverse('admin:index')}"
            )
        return view(request)

    return wrapper


@staff_only
def verify(request):
    if factors.is_verified(request):
        return redirect(next_url(request))
    if not factors.has_factor(request.user):
        if not settings.PORTAL_REQUIRE_2FA:
            return redirect(next_url(request))
        return redirect(f"{reverse('staffauth:enrol')}?{request.GET.urlencode()}")
    form = CodeForm(
        request.POST or None,
        help_text=_(
            "Šestimístný kód z aplikace v telefonu, nebo jeden ze záložních kódů."
        ),
    )
    if request.method == "POST":
        if response := locked_out(request):
            return response
        if form.is_valid() and must_wait(form, devices_for_user(request.user)):
            if response := failed(request):
                return response
        elif form.is_valid():
            device = factors.verify(request, form.cleaned_data["code"])
            if device is not None:
                accepted(request)
                if device.persistent_id.startswith("otp_static"):
                    left = factors.remaining_codes(request.user)
                    messages.warning(
                        request,
                        _(
                            "Přihlásili jste se záložním kódem, který už znovu "
                            "nepůjde použít. Nepoužitých záložních kódů: "
                            "%(count)d."
                        )
                        % {"count": left},
                    )
                return redirect(next_url(request))
            if response := failed(request):
                return response
            refuse(form)
    return render(request, "staffauth/verify.html", {"form": form})


@staff_only
def enrol(request):
    if factors.is_verified(request) or factors.has_factor(request.user):
        return redirect(f"{reverse('staffauth:verify')}?{request.GET.urlencode()}")
    device = factors.pending_device(request.user)
    form = CodeForm(
        request.POST or None,
        help_text=_("Šestimístný kód, který aplikace ukazuje právě teď."),
    )
    if request.method == "POST":
        if response := locked_out(request):
            return response
        if form.is_valid() and must_wait(form, [device]):
            if response := failed(request):
                return response
        elif form.is_valid():
            codes = factors.confirm(request, device, form.cleaned_data["code"])
            if codes is not None:
                accepted(request)
                return render(
                    request, "staffauth/recovery_codes.html", {"codes": codes}
                )
            if response := failed(request):
                return response
            refuse(form)
    return render(
        request,
        "staffauth/enrol.html",
        {"form": form, "key": spaced(device.key)},
    )


@staff_only
def qr_code(request):
    """The key of the app being set up as a QR code, drawn here so that it
    goes to no other server."""
    if factors.has_factor(request.user):
        raise Http404
    device = factors.pending_device(request.user)
    image = qrcode.make(
        device.config_url,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=8,
        border=2,
    )
    out = BytesIO()
    image.save(out)
    return HttpResponse(out.getvalue(), content_type="image/svg+xml")


def spaced(hex_key):
    """The key as an authenticator app takes it when typed in: base32, in
    groups of four."""
    from base64 import b32encode

    text = b32encode(bytes.fromhex(hex_key)).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))
