"""Helpers for the apps' demo modules (load_demo): idempotent upserts that
leave an unchanged row alone, so that a second run changes nothing, not even
a "last changed" time."""

from portal.richtext import RichTextField, sanitize_html


def upsert(model, lookup, **fields):
    """Create the row matching ``lookup`` or update the fields that differ.

    Returns (instance, changed).
    """
    for name, value in fields.items():
        # Rich text is stored sanitised; compare like with like.
        if isinstance(model._meta.get_field(name), RichTextField):
            fields[name] = sanitize_html(value)
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **fields)
        instance.save()
        return instance, True
    changed = [
        name for name, value in fields.items() if getattr(instance, name) != value
    ]
    for name in changed:
        setattr(instance, name, fields[name])
    if changed:
        instance.save()
    return instance, bool(changed)


def set_related(manager, objects):
    """Set a many-to-many relation only when it differs (no churn in history)."""
    wanted = {obj.pk for obj in objects}
    if set(manager.values_list("pk", flat=True)) != wanted:
        manager.set(objects)
