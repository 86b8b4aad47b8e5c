import logging

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)


class PermissionsPolicyMiddleware:
    """The site uses no camera, microphone, location or payment APIs; say so,
    so that nothing embedded can ask for them."""

    POLICY = (
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()"
    )

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.POLICY)
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """The site's Content-Security-Policy, strict everywhere; only the
    admin allows inline styles, which CKEditor 5 injects at run time.
    Scripts stay 'self' on every page."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path.startswith("/admin/") and not report_only:
            parts.update = {
                **(parts.update or {}),
                "style-src": ["'self'", "'unsafe-inline'"],
            }
        return parts


class DatabaseUnavailableMiddleware:
    """When the database cannot be reached, say so in Czech with a 503 and
    a Retry-After, instead of a traceback or a generic error."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("Database unavailable: %s", exception)
        # Rendered without context processors: nothing here may query.
        response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = "60"
        return response


class URLLanguageMiddleware:
    """The language of a request is the prefix of its path (/en/…, /uk/…),
    else Czech; the admin is Czech whatever the path. Unlike Django's
    LocaleMiddleware nothing else counts (no cookie, no Accept-Language, no
    redirect), so a URL always gives the same page and the page cache, whose
    key is the path, stays exact; for the same reason no Vary is added."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        request.LANGUAGE_CODE = language
        # Only for this request: the thread's language is left as it was, so
        # that nothing after it (another request's middleware, a command, a
        # test) builds URLs or text in this request's language.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def language_of_path(path):
    if path.startswith(ADMIN_PATHS):
        return settings.LANGUAGE_CODE
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


# The back office and its helpers stay Czech for staff.
ADMIN_PATHS = ("/admin/", "/ckeditor5/")
