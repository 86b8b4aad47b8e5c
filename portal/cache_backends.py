"""Redis as the shared cache, with local memory while Redis is unreachable.

Nothing the site shows depends on Redis being up: the page cache keys pages
by the content generation in the database (pagecache/state.py), so pages
kept in local memory during an outage are exactly as fresh as those in
Redis. Rate limits and visit counts then work per process until Redis is
back; it is tried again every few seconds.
"""

import logging
import time

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5.0  # seconds without trying Redis after a failure


class FallbackRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self.local = LocMemCache(f"redis-fallback-{id(self)}", {})
        self.down_until = 0.0

    @property
    def redis_up(self):
        return time.monotonic() >= self.down_until


def _with_fallback(name):
    redis_method = getattr(RedisCache, name)

    def method(self, *args, **kwargs):
        if self.redis_up:
            try:
                return redis_method(self, *args, **kwargs)
            except RedisError as error:
                logger.warning("Redis unavailable, using local memory: %s", error)
                self.down_until = time.monotonic() + RETRY_AFTER
        return getattr(self.local, name)(*args, **kwargs)

    method.__name__ = name
    return method


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(FallbackRedisCache, _name, _with_fallback(_name))
