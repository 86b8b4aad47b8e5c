"""The anonymous page cache: whole public pages, kept exactly as long as
nothing they show has changed.

App code uses three names of it and one template tag, nothing else:

- ``watch_app(self)`` in an app's ``AppConfig.ready()``: a save, delete or
  many-to-many change of any of its models renders again the pages that
  read that model's table;
- ``{% load pagecache %}{% hole "name" key=value %}`` in a template, with
  ``register_hole("name", fill)`` in ``ready()``, for what differs on every
  visit (a form's CSRF token, a visit counter);
- ``bump(tables)`` after a write that sends no signal (a queryset's
  ``update()``, a bulk import).

How it works is in pagecache/middleware.py and pagecache/state.py.
"""


def watch_app(app_config):
    """Render again the pages that read one of the app's tables whenever one
    of its models is saved or deleted, or one of its many-to-many relations
    changes. A model with ``changes_public_pages = False`` is left out."""
    from pagecache import state

    state.watch(*app_config.get_models(include_auto_created=True))


def register_hole(name, fill, *, finish=None):
    """Declare the hole ``{% hole name key=value %}``.

    ``fill(request, **values)`` returns the text for this one visit (escaped
    unless marked safe); it runs on every visit, whether the page was just
    rendered or came from the cache. ``finish(request, response)``, if
    given, runs once after a response's holes are filled, e.g. to set the
    cookie that the filled text needs."""
    from pagecache import holes

    holes.register(name, fill, finish=finish)


def bump(tables=None):
    """Count ``tables`` (database table names; all of them when None) as
    changed now: pages that read one of them are rendered again. Signals of
    watched models do this by themselves; call it after writes that send
    none. One call locks one row once, however many tables it names."""
    from pagecache import state

    state.bump(tables)
