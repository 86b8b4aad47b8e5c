from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from pagecache import holes, register_hole, state
        from portal import saves

        # Any form on a cacheable page takes its token through this hole.
        register_hole("csrf_input", holes.csrf_input, finish=holes.set_csrf_cookie)
        saves.defer_during_batch(state.bumping_once)
