"""/health/ for load balancers and monitoring.

Answered by the first middleware, before the page cache, sessions, CSRF or
the host check run: a probe every few seconds must cost one database query,
leave no session row and no cached page behind, and work when the balancer
asks by the server's address rather than the site's name. Nothing here
touches the media storage (on S3 that would be a paid request per probe).
"""

import ipaddress
import logging
import secrets

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.http import JsonResponse

from portal.abuse import client_ip

logger = logging.getLogger(__name__)

PATH = "/health/"
TOKEN_HEADER = "HTTP_X_HEALTH_TOKEN"  # sent as "X-Health-Token: …"


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache():
    """Only a shared Redis cache can fail; local memory always answers."""
    if isinstance(cache, RedisCache):
        # Straight to Redis: FallbackRedisCache would answer from local
        # memory and hide the outage.
        cache._cache.get_client(write=True).ping()


# A part whose failure takes the server out of the load balancer, and one
# the site survives (pages stay exact in local memory while Redis is down,
# see portal/cache_backends.py): taking every server out because Redis
# stopped would turn a slower site into no site.
CHECKS = {"database": (check_database, True), "cache": (check_cache, False)}


def may_see_details(request):
    """Which part failed is for the operators: callers on this machine or
    holders of PORTAL_HEALTH_TOKEN. Behind a proxy on the same machine the
    client is the forwarded address, not the proxy's loopback one."""
    token = settings.PORTAL_HEALTH_TOKEN
    given = request.META.get(TOKEN_HEADER, "")
    if token and given and secrets.compare_digest(given.encode(), token.encode()):
        return True
    try:
        return ipaddress.ip_address(client_ip(request)).is_loopback
    except ValueError:
        return False


def health(request):
    results, status = {}, "ok"
    for name, (check, required) in CHECKS.items():
        try:
            check()
        except Exception as error:  # a probe answers, whatever broke
            logger.error("Health check %s failed: %s", name, error)
            results[name] = "error"
            if required:
                status = "error"
            elif status == "ok":
                status = "degraded"
        else:
            results[name] = "ok"
    body = {"status": status}
    if may_see_details(request):
        body["checks"] = results
    response = JsonResponse(body, status=503 if status == "error" else 200)
    response["Cache-Control"] = "no-store"
    return response


class HealthCheckMiddleware:
    """First in MIDDLEWARE; see the module's docstring."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == PATH and request.method in ("GET", "HEAD"):
            return health(request)
        return self.get_response(request)
