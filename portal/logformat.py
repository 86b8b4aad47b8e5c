"""JSON-lines log records, for log collectors in production."""

import json
import logging


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None:
            entry["method"] = getattr(request, "method", "")
            entry["path"] = getattr(request, "path", "")
        if getattr(record, "status_code", None):
            entry["status"] = record.status_code
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class AsWarning(logging.Filter):
    """Passes a record on as a warning: a request for a host name not in
    ALLOWED_HOSTS (a scanner, a misdirected DNS name) gets Django's 400 and
    is worth noting, but is no error of the site."""

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
