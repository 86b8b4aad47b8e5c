"""Reading django-reversion's history: the newest version of an object,
field-level differences between two versions (the compare view, the
conflict warning and the approver's diff), and the initial versions of the
demo content."""

import difflib
from html import unescape

from django.db import models
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.translation import gettext as _
from reversion.models import Version

from portal.czech import format_datetime, format_number

# Fields that change on every save and say nothing an editor wrote.
IGNORED = {"updated_at", "updated_by_id", "search_vector"}


def latest_version(obj):
    """The newest version of ``obj``, or None."""
    if obj is None or obj.pk is None:
        return None
    return (
        Version.objects.get_for_object(obj)
        .select_related("revision", "revision__user")
        .first()
    )


def author(revision):
    if revision.user is None:
        return _("systém")
    return author_name(revision.user)


def _text(value):
    """Rich text as the words a reader sees."""
    return " ".join(unescape(strip_tags(value.replace("<", " <"))).split())


def _display(field, value):
    if value is None or value == "" or value == []:
        return "–"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ManyToManyField | models.ForeignKey):
        pks = value if isinstance(value, list) else [value]
        related = field.related_model._default_manager.in_bulk(pks)
        return ", ".join(str(related.get(pk) or pk) for pk in pks) or "–"
    if isinstance(field, models.BooleanField):
        return _("ano") if value else _("ne")
    if isinstance(field, models.DecimalField):
        return format_number(value, 2 if value % 1 else 0)
    if isinstance(field, models.DateTimeField | models.DateField):
        return format_datetime(value)
    if isinstance(field, models.TextField) or "<" in str(value):
        return _text(str(value))
    return str(value)


def word_diff(old, new):
    """The new text with removed words in <del> and added ones in <ins>."""
    old_words, new_words = old.split(), new.split()
    parts = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(("{}", " ".join(old_words[a1:a2])))
            continue
        if a2 > a1:
            parts.append(("<del>{}</del>", " ".join(old_words[a1:a2])))
        if b2 > b1:
            parts.append(("<ins>{}</ins>", " ".join(new_words[b1:b2])))
    return format_html_join(" ", "{}", ((format_html(f, w),) for f, w in parts))


def field_changes(model, old, new):
    """[{"label", "old", "new", "diff"}] for each field whose value differs
    between the field dicts ``old`` and ``new`` (either may be {})."""
    changes = []
    for field in model._meta.get_fields():
        if not getattr(field, "concrete", False) or field.auto_created:
            continue
        name = field.attname
        if name in IGNORED or (name not in old and name not in new):
            continue
        before, after = old.get(name), new.get(name)
        if isinstance(before, list) and isinstance(after, list):
            if sorted(map(str, before)) == sorted(map(str, after)):
                continue
        elif before == after:
            continue
        before_text, after_text = _display(field, before), _display(field, after)
        if before_text == after_text:
            continue
        changes.append(
            {
                "name": field.name,
                "label": str(field.verbose_name),
                "old": before_text,
                "new": after_text,
                "diff": word_diff(before_text, after_text),
            }
        )
    return changes


def current_values(obj):
    """``obj``'s field values in the shape of ``Version.field_dict``."""
    values = {}
    for field in obj._meta.get_fields():
        if isinstance(field, models.ManyToManyField):
            values[field.attname] = list(
                getattr(obj, field.name).values_list("pk", flat=True)
            )
        elif getattr(field, "concrete", False) and not field.auto_created:
            values[field.attname] = getattr(obj, field.attname)
    return values


def really_changed(obj, names):
    """Of the form fields ``names``, those whose saved value differs from
    ``obj``'s newest version as a reader sees it (a re-serialised text or a
    time that lost its microseconds is no change). Without a version, all
    of them."""
    previous = latest_version(obj)
    if previous is None:
        return names
    model_fields = {f.name for f in obj._meta.get_fields() if f.concrete}
    changed = {
        c["name"]
        for c in field_changes(type(obj), previous.field_dict, current_values(obj))
    }
    return [name for name in names if name not in model_fields or name in changed]


def _related(version):
    """The other objects a version's revision holds (the inline rows), as
    {(model label, object id): version}."""
    return {
        (v.content_type_id, v.object_id): v
        for v in version.revision.version_set.all()
        if not (
            v.content_type_id == version.content_type_id
            and v.object_id == version.object_id
        )
    }


def compare(old, new):
    """The differences between two versions of one object: its fields and
    the rows its revisions hold (inlines) added, removed or changed. With
    no ``old`` version, everything ``new`` holds is new."""
    model = new._model
    changes = field_changes(model, old.field_dict if old else {}, new.field_dict)
    rows = []
    before, after = _related(old) if old else {}, _related(new)
    for key in sorted(set(before) | set(after), key=lambda k: (k[0], k[1])):
        a, b = before.get(key), after.get(key)
        row_model = (a or b)._model
        if row_model is None:
            continue
        kind = str(row_model._meta.verbose_name)
        if a is None:
            rows.append({"kind": kind, "what": b.object_repr, "state": _("přidáno")})
        elif b is None:
            rows.append({"kind": kind, "what": a.object_repr, "state": _("odebráno")})
        else:
            row_changes = field_changes(row_model, a.field_dict, b.field_dict)
            if row_changes:
                rows.append(
                    {
                        "kind": kind,
                        "what": b.object_repr,
                        "state": _("změněno"),
                        "changes": row_changes,
                    }
                )
    return {"fields": changes, "rows": rows}


def changed_labels(old, new):
    """Names of what changed between two versions, for a sentence."""
    difference = compare(old, new)
    return [c["label"] for c in difference["fields"]] + [
        f"{r['kind']} „{r['what']}“" for r in difference["rows"]
    ]


def record_initial_versions(comment):
    """One revision holding a version of every object with history that has
    none yet (what load_demo created), so that the first edit of demo
    content can be compared and undone. Re-running adds nothing."""
    import reversion

    missing = []
    for model in reversion.get_registered_models():
        # Version.object_id is text; the primary keys are compared as such.
        have = set(
            Version.objects.get_for_model(model).values_list("object_id", flat=True)
        )
        missing += [
            obj for obj in model._default_manager.all() if str(obj.pk) not in have
        ]
    if not missing:
        return 0
    with reversion.create_revision():
        reversion.set_comment(comment)
        for obj in missing:
            reversion.add_to_revision(obj)
    return len(missing)


def author_name(user):
    return user.get_full_name() or user.get_username()
