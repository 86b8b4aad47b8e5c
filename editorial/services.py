"""Drafts of changes to live items (editorial.Edition): saving one, loading
it into the rows for the change form, publishing, scheduling, discarding
it, and taking an item off the site at once."""

import reversion
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.db import router, transaction
from django.db.models import CharField, Exists, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Revision, Version
from reversion.revisions import _follow_relations_recursive, _get_options

from editorial import history
from editorial.models import Approval, Edition
from portal.publishing import Status


def _of(obj):
    return {
        "content_type": ContentType.objects.get_for_model(obj),
        "object_id": str(obj.pk),
    }


def annotate_states(queryset):
    """``queryset`` with each item's open edition's state
    (``open_edition_state``) and whether an approval is pending
    (``approval_pending``)."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    item_id = Cast(OuterRef("pk"), output_field=CharField())
    return queryset.annotate(
        open_edition_state=Subquery(
            Edition.objects.filter(
                content_type=content_type,
                object_id=item_id,
                state__in=Edition.OPEN,
            ).values("state")[:1]
        ),
        approval_pending=Exists(
            Approval.objects.filter(
                content_type=content_type,
                object_id=item_id,
                state=Approval.State.PENDING,
            )
        ),
    )


def mine(user, limit):
    """[(edition, item)]: the user's open drafts of changes, newest first."""
    result = []
    for edition in Edition.objects.filter(author=user, state__in=Edition.OPEN)[:limit]:
        model = edition.content_type.model_class()
        item = model._default_manager.filter(pk=edition.object_id).first()
        if item is not None:  # an item deleted since has no change to make
            result.append((edition, item))
    return result


def open_edition(obj, *, lock=False):
    """``obj``'s draft being edited, waiting for approval or scheduled."""
    editions = Edition.objects.filter(**_of(obj), state__in=Edition.OPEN)
    if lock:
        # Only the edition's row: PostgreSQL locks no outer join's side.
        return editions.select_for_update(of=("self",)).first()
    return editions.select_related("revision", "author").first()


def capture(obj):
    """``obj`` and its rows as the database holds them now, serialised as
    reversion serialises a version (unsaved Version objects): taken while
    the rows hold the editor's change, kept after it is rolled back."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    versions = []
    for held in _follow_relations_recursive(fresh):
        options = _get_options(type(held))
        versions.append(
            Version(
                content_type=ContentType.objects.get_for_model(held),
                object_id=str(held.pk),
                db=router.db_for_write(type(held)),
                format=options.format,
                serialized_data=serializers.serialize(
                    options.format,
                    (held,),
                    fields=options.fields,
                    use_natural_foreign_keys=options.use_natural_foreign_keys,
                ),
                object_repr=str(held)[:191],
            )
        )
    return versions


def save_draft(obj, versions, user, *, submitted=False, comment=""):
    """Keep ``versions`` (capture()) as ``obj``'s draft: a new revision in
    the store of versions, which supersedes the previous draft. A draft
    that was waiting for approval keeps waiting, as this newer one."""
    with transaction.atomic():
        previous = open_edition(obj, lock=True)
        if previous is not None:
            submitted = submitted or previous.state == Edition.State.SUBMITTED
            previous.state = Edition.State.SUPERSEDED
            previous.save(update_fields=["state"])
        revision = Revision.objects.create(
            date_created=timezone.now(),
            user=user,
            # What changed, as the admin's change message says it.
            comment=comment or _("Koncept změny zveřejněné položky"),
        )
        for version in versions:
            version.revision = revision
        Version.objects.bulk_create(versions)
        return Edition.objects.create(
            revision=revision,
            **_of(obj),
            title=str(obj)[:255],
            author=user,
            state=Edition.State.SUBMITTED if submitted else Edition.State.DRAFT,
        )


def item_version(edition):
    return edition.revision.version_set.get(
        content_type=edition.content_type, object_id=edition.object_id
    )


def load_field(edition, name):
    """What ``edition`` holds in its item's field ``name``."""
    return item_version(edition).field_dict[name]


def load(edition):
    """Write ``edition`` into the item's rows (inside a transaction that
    the caller rolls back: the change form shows the draft)."""
    return history.write_item(history.item_versions(item_version(edition)))


def publish(edition, user, comment=None):
    """Make ``edition`` the live item: its rows written, and its revision
    becomes the record in the item's history of what went live (the rows
    as written: a new row may have got a new id)."""
    # manage_manually: the saves here add nothing to a revision an outer
    # block (an approval) may have open; this edition's revision is it.
    with transaction.atomic(), reversion.create_revision(manage_manually=True):
        obj = load(edition)
        obj = type(obj)._default_manager.get(pk=obj.pk)
        obj.updated_by = user
        obj.save()  # a plain save: the search index and the page cache see it
        revision = edition.revision
        revision.version_set.all().delete()
        versions = capture(obj)
        for version in versions:
            version.revision = revision
        Version.objects.bulk_create(versions)
        revision.date_created = timezone.now()
        if comment is not None:  # else the draft's own: what changed
            revision.comment = comment
        revision.save(update_fields=["date_created", "comment"])
        edition.state = Edition.State.PUBLISHED
        edition.decided_by = user
        edition.decided_at = timezone.now()
        edition.save(update_fields=["state", "decided_by", "decided_at"])
        return obj


def schedule(edition, user, when):
    edition.state = Edition.State.SCHEDULED
    edition.go_live_at = when
    edition.decided_by = user
    edition.decided_at = timezone.now()
    edition.save(update_fields=["state", "go_live_at", "decided_by", "decided_at"])


def reopen(edition):
    """Returned to its author: editable again, no longer waiting."""
    edition.state = Edition.State.DRAFT
    edition.save(update_fields=["state"])


def discard(edition, user):
    edition.state = Edition.State.DISCARDED
    edition.decided_by = user
    edition.decided_at = timezone.now()
    edition.save(update_fields=["state", "decided_by", "decided_at"])


def publish_due(now=None):
    """Publish the scheduled editions whose time has come; how many."""
    now = now or timezone.now()
    due = Edition.objects.filter(state=Edition.State.SCHEDULED, go_live_at__lte=now)
    count = 0
    for edition in due.select_related("decided_by"):
        with transaction.atomic():
            locked = Edition.objects.select_for_update().get(pk=edition.pk)
            if locked.state != Edition.State.SCHEDULED:
                continue
            publish(locked, locked.decided_by)
            count += 1
    return count


def withdraw(obj, user, reason):
    """Take ``obj`` off the site at once (back to draft), with the reason
    in its history."""
    with transaction.atomic(), reversion.create_revision():
        obj.status = Status.DRAFT
        obj.updated_by = user
        obj.save()
        reversion.set_user(user)
        reversion.set_comment(_("Staženo z webu: %(reason)s") % {"reason": reason})
        reversion.add_to_revision(obj)
