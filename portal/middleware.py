import logging

from csp.middleware import CSPMiddleware
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

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
