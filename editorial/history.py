"""Reading django-reversion's history: the newest version of an object,
field-level differences between two versions (the compare view, the
conflict warning and the approver's diff), what an editor saw (a version
and a fingerprint of the rows), restoring one item out of a revision, and
the initial versions of the demo content."""

import difflib
import hashlib
from html.parser import HTMLParser
from itertools import groupby

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.db.models.deletion import Collector
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive, _get_options

from portal.czech import format_datetime, format_number

# Fields that change on every save and say nothing an editor wrote.
IGNORED = {"updated_at", "updated_by_id", "search_vector"}


def records(versions):
    """Of ``versions``, those of the item's record (what was saved to it,
    live or not), without the drafts of changes kept beside it: an
    editorial.Edition's revision is a record once it is published."""
    return versions.filter(
        Q(revision__edition__isnull=True) | Q(revision__edition__state="published")
    )


def latest_version(obj):
    """The newest recorded version of ``obj``, or None."""
    if obj is None or obj.pk is None:
        return None
    return (
        records(Version.objects.get_for_object(obj))
        .select_related("revision", "revision__user")
        .first()
    )


def author(revision):
    if revision.user is None:
        return _("systém")
    return author_name(revision.user)


class _Words(HTMLParser):
    """Rich text as the words a reader sees, with the address of each link
    and image: a changed link target is a change the approver must see."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.parts.append(f" [{_('odkaz')} {attrs['href']}] ")
        elif tag == "img":
            alt = f" „{attrs['alt']}“" if attrs.get("alt") else ""
            self.parts.append(f" [{_('obrázek')} {attrs.get('src') or '–'}{alt}] ")
        else:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")

    def handle_data(self, data):
        self.parts.append(data)


def _text(value):
    words = _Words()
    words.feed(value)
    words.close()
    return " ".join("".join(words.parts).split())


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
        if not field.editable:
            continue  # what the site keeps for itself (image sizes, hashes)
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
                # An image is shown, not named: a preview of each side.
                "images": _previews(field, before, after),
            }
        )
    return changes


def _previews(field, before, after):
    if not isinstance(field, models.ImageField):
        return None
    storage = field.storage
    return [storage.url(name) if name else None for name in (before, after)]


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


def fingerprint(obj):
    """A digest of what ``obj`` and its rows (what its history follows: the
    inline rows) hold in the database now. A save through any admin, or any
    other path, changes it; a save that changed nothing does not."""
    fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
    if fresh is None:
        return ""
    held = sorted(
        _follow_relations_recursive(fresh), key=lambda o: (o._meta.label, str(o.pk))
    )
    state = [
        (
            o._meta.label,
            str(o.pk),
            sorted(
                (
                    name,
                    sorted(map(str, value)) if isinstance(value, list) else str(value),
                )
                for name, value in current_values(o).items()
                if name not in IGNORED
            ),
        )
        for o in held
    ]
    return hashlib.sha256(repr(state).encode()).hexdigest()[:32]


def seen_token(obj):
    """What an editor or approver is shown of ``obj``, as one string for a
    hidden field: its newest version and its fingerprint."""
    latest = latest_version(obj)
    return f"{latest.pk if latest else ''}:{fingerprint(obj)}"


def version_of(obj, version_id):
    """The version ``version_id`` if it is one of ``obj``'s own, else None:
    never another item's, whatever id a form posts."""
    if not str(version_id).isdigit():
        return None
    return (
        Version.objects.get_for_object(obj)
        .select_related("revision", "revision__user")
        .filter(pk=version_id)
        .first()
    )


def _rows_of(model):
    """[(row model, foreign key attname)] for the reverse relations the
    history of ``model`` follows (its inline rows)."""
    follow = set(_get_options(model).follow)
    return [
        (relation.related_model, relation.field.attname)
        for relation in model._meta.related_objects
        if relation.get_accessor_name() in follow and not relation.many_to_many
    ]


def item_versions(version, versions=None):
    """Of the versions of ``version``'s revision, those of its item: the
    item's own and its rows' (followed from it, found by their foreign
    key to it), recursively; never another item the revision also
    holds."""
    if versions is None:
        versions = list(version.revision.version_set.all())
    mine = [version]
    model = version._model
    if model is None:
        return mine
    for row_model, attname in _rows_of(model):
        for other in versions:
            if other._model is not row_model or other in mine:
                continue
            if str(other.field_dict.get(attname)) == str(version.object_id):
                mine += [v for v in item_versions(other, versions) if v not in mine]
    return mine


def restore_item(version):
    """Write back ``version``'s item and its rows as they were (see
    write_item); nothing else its revision holds is touched (reversion's own
    revert writes every object of the revision)."""
    write_item(item_versions(version))


def write_item(versions):
    """Make an item and its rows what ``versions`` (the item's first, each
    row after its parent, as item_versions() lists them) hold: rows it has
    now and they do not hold are deleted, the others written. A row whose
    id another item's row has taken meanwhile (a draft's new row, its
    insert rolled back, on SQLite) is inserted under a new id, and its own
    rows follow it. Returns the item as written."""
    item_version = versions[0]
    model = item_version._model
    using = item_version.db
    with transaction.atomic(using=using):
        current = model._default_manager.using(using).filter(pk=item_version.object_id)
        now_held = {
            (_content_type_id(obj), str(obj.pk)): obj
            for item in current
            for obj in _follow_relations_recursive(item)
        }
        wanted = {(v.content_type_id, str(v.object_id)) for v in versions}
        gained = [obj for key, obj in now_held.items() if key not in wanted]
        if gained:
            collector = Collector(using=using)
            for _model, group in groupby(gained, type):
                collector.collect(list(group))
            collector.delete()
        moved = {}  # (model, old id) -> new id
        for version in versions:
            stored = version._object_version
            obj = stored.object
            for field in obj._meta.concrete_fields:
                target = field.related_model if field.is_relation else None
                old = getattr(obj, field.attname) if target else None
                if (target, str(old)) in moved:
                    setattr(obj, field.attname, moved[target, str(old)])
            key = (version.content_type_id, str(version.object_id))
            taken = (
                key not in now_held
                and version is not item_version
                and type(obj)._default_manager.using(using).filter(pk=obj.pk).exists()
            )
            if taken:
                old_pk, obj.pk = obj.pk, None
                stored.save(using=using)
                moved[type(obj), str(old_pk)] = obj.pk
            else:
                stored.save(using=using)
        return item_version._object_version.object


def _content_type_id(obj):
    return ContentType.objects.get_for_model(obj).pk


def record_initial_versions(comment):
    """A version of every object with history that has none yet (what
    load_demo created), one revision per item with its rows, so that the
    first edit of demo content can be compared and undone by itself.
    Re-running adds nothing."""
    import reversion

    def missing():
        objs = []
        for model in reversion.get_registered_models():
            # Version.object_id is text; primary keys are compared as such.
            have = set(
                Version.objects.get_for_model(model).values_list("object_id", flat=True)
            )
            objs += [
                obj for obj in model._default_manager.all() if str(obj.pk) not in have
            ]
        return objs

    rows = {
        row_model
        for model in reversion.get_registered_models()
        for row_model, _attname in _rows_of(model)
    }
    # Items first, each bringing its rows; then rows whose item has no
    # history of its own.
    count = 0
    for wanted in (lambda obj: type(obj) not in rows, lambda obj: True):
        for obj in filter(wanted, missing()):
            with reversion.create_revision():
                reversion.set_comment(comment)
                reversion.add_to_revision(obj)
            count += 1
    return count


def author_name(user):
    return user.get_full_name() or user.get_username()
