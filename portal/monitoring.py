"""Optional error reports through sentry-sdk (SENTRY_DSN; off by default).

A report says what broke and where, never who was there: no cookies,
headers, form data, query strings, client addresses, user accounts or
local variables, and e-mail addresses anywhere in the text are masked
(a contact form's sender may appear in an exception's message).
"""

import re

import sentry_sdk

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
MASK = "[e-mail]"
# What stays of a request: enough to find the view that failed.
REQUEST_KEPT = ("url", "method")


def _scrub(value):
    if isinstance(value, str):
        return EMAIL.sub(MASK, value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrub(item) for item in value]
    return value


def before_send(event, hint):
    request = event.get("request")
    if isinstance(request, dict):
        event["request"] = {key: request[key] for key in REQUEST_KEPT if key in request}
    event.pop("user", None)
    return _scrub(event)


def before_breadcrumb(crumb, hint):
    return _scrub(crumb)


def options(dsn, environment=None):
    return {
        "dsn": dsn,
        "environment": environment or "production",
        "send_default_pii": False,
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": before_send,
        "before_breadcrumb": before_breadcrumb,
        # Errors only: no performance traces, no sessions with addresses.
        "traces_sample_rate": 0,
        "auto_session_tracking": False,
    }


def init_error_reporting(dsn, environment=None):
    sentry_sdk.init(**options(dsn, environment))
