"""Approval before publishing. Where the site asks for it
(``PORTAL_APPROVAL``, on by default), staff without the "publish"
permission (the Redaktor group) cannot publish: they save a draft and send
it for approval; an approver (Správce, or anyone given "approve") sees it
on the dashboard with its differences from the published version, and
approves it (it is published, or scheduled by its publish-at time) or
returns it with a comment. The author is e-mailed both ways and every step
is a revision in the item's history."""

import reversion
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version

from editorial import history
from editorial import services as editions
from editorial.models import Approval
from portal.publishing import Status

PUBLISH = "editorial.publish_approval"
APPROVE = "editorial.approve_approval"


def required():
    return settings.PORTAL_APPROVAL


def may_publish(user):
    """Whether ``user`` publishes directly (or the site needs no approval)."""
    return not required() or user.has_perm(PUBLISH)


def pending_for(obj):
    return Approval.objects.filter(
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        state=Approval.State.PENDING,
    ).first()


def approvers():
    User = get_user_model()
    perm = Q(user_permissions__codename="approve_approval") | Q(
        groups__permissions__codename="approve_approval"
    )
    return (
        User.objects.filter(is_active=True, is_staff=True)
        .filter(perm | Q(is_superuser=True))
        .exclude(email="")
        .distinct()
    )


def _mail(recipients, subject, body):
    if recipients:
        send_mail(subject, body, None, recipients, fail_silently=True)


def _admin_link(request, name, *args):
    return request.build_absolute_uri(reverse(name, args=args))


def submit(request, obj, edition=None):
    """Send ``obj`` (a saved draft, or ``edition``, a draft of a change to
    the live ``obj``) for approval, once."""
    approval = pending_for(obj)
    if approval is None:
        approval = Approval.objects.create(
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            title=str(obj)[:255],
            author=request.user,
            edition=edition,
        )
    elif edition is not None:
        approval.edition = edition
        approval.save(update_fields=["edition"])
    if reversion.is_active():
        reversion.set_comment(
            _("Odesláno ke schválení. %(comment)s")
            % {"comment": reversion.get_comment()}
        )
    _mail(
        [user.email for user in approvers()],
        _("Ke schválení: %(title)s") % {"title": approval.title},
        _(
            "%(author)s odeslal(a) ke schválení „%(title)s“.\n\n"
            "Porovnat se zveřejněnou verzí a schválit nebo vrátit: %(url)s\n"
        )
        % {
            "author": history.author_name(request.user),
            "title": approval.title,
            "url": _admin_link(request, "admin:editorial_approval_change", approval.pk),
        },
    )
    return approval


def may_discard(user, edition):
    """Whether ``user`` may drop ``edition``: a draft being worked on, by
    anyone whose role may change the item; one waiting for approval, by its
    author or by a colleague who publishes or approves (what waits is in
    their hands, not in another editor's)."""
    return (
        edition.state != edition.State.SUBMITTED
        or edition.author_id == user.pk
        or may_publish(user)
        or user.has_perm(APPROVE)
    )


def discard(request, obj, edition):
    """Drop ``edition``, the draft of a change of ``obj``: its approval, if
    one waits, is closed as returned, and an author whose draft someone
    else dropped is told by e-mail."""
    with transaction.atomic():
        editions.discard(edition, request.user)
        pending = pending_for(obj)
        if pending is not None and pending.edition_id == edition.pk:
            pending.state = Approval.State.RETURNED
            pending.decided_by = request.user
            pending.decided_at = timezone.now()
            pending.comment = _("Změnu zahodil(a) %(who)s.") % {
                "who": history.author_name(request.user)
            }
            pending.save()
    author = edition.author
    if author is not None and author != request.user and author.email:
        opts = obj._meta
        _mail(
            [author.email],
            _("%(title)s: změna zahozena") % {"title": edition.title},
            _(
                "%(who)s zahodil(a) vaši rozpracovanou změnu „%(title)s“. Na "
                "webu zůstává zveřejněná verze.\n\n%(url)s\n"
            )
            % {
                "who": history.author_name(request.user),
                "title": edition.title,
                "url": _admin_link(
                    request, f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk
                ),
            },
        )


def published_version(obj):
    """The newest version of ``obj`` that was published, or None."""
    versions = history.records(Version.objects.get_for_object(obj))
    for version in versions.select_related("revision"):
        if version.field_dict.get("status") == Status.PUBLISHED:
            return version
    return None


# Why decide() refused an approval.
STALE = "stale"
OWN = "own"


def seen_token(approval, obj):
    """What the approval page shows, named in its form: the draft of the
    change (an edition, never rewritten), or the draft item's version and
    rows (history.seen_token)."""
    if approval.edition_id:
        edition = approval.edition
        if edition.state != edition.State.SUBMITTED:
            return "edition:stale"
        return f"edition:{edition.pk}"
    return history.seen_token(obj)


def decide(request, approval, approve, comment, *, seen=None):
    """Approve (publish, or schedule by publish-at) or return ``approval``;
    a revision in the item's history and an e-mail to the author. Returns
    None, or why nothing was done (STALE, OWN).

    An approval names what the approver saw (``seen``, seen_token()): if
    the item or its draft has changed since, nothing is done and STALE is
    returned. The item's row is locked while this is checked and done, so
    a save cannot slip in between."""
    obj = approval.item
    with transaction.atomic(), reversion.create_revision():
        obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if approve and seen != seen_token(approval, obj):
            return STALE
        if (
            approve
            and approval.author_id == request.user.pk
            and not may_publish(request.user)
        ):
            return OWN  # a second pair of eyes, unless the role publishes
        reversion.set_user(request.user)
        if approve and approval.edition_id:
            # The edition's own revision records what went live.
            editions.publish(
                approval.edition,
                request.user,
                _("Schválena a zveřejněna změna (%(what)s). %(comment)s")
                % {"what": approval.edition.revision.get_comment(), "comment": comment},
            )
        elif approve:
            obj.status = Status.PUBLISHED
            obj.updated_by = request.user
            obj.save()
            reversion.set_comment(
                _("Schváleno a zveřejněno. %(comment)s") % {"comment": comment}
            )
        else:
            if approval.edition_id:
                editions.reopen(approval.edition)
            reversion.add_to_revision(obj)
            reversion.set_comment(
                _("Vráceno autorovi: %(comment)s") % {"comment": comment}
            )
        approval.state = Approval.State.APPROVED if approve else Approval.State.RETURNED
        approval.decided_by = request.user
        approval.decided_at = timezone.now()
        approval.comment = comment
        approval.save()
    if approval.author and approval.author.email:
        state = _("schválil(a) a zveřejnil(a)") if approve else _("vrátil(a)")
        opts = obj._meta
        _mail(
            [approval.author.email],
            _("%(title)s: %(state)s")
            % {
                "title": approval.title,
                "state": approval.get_state_display(),
            },
            _("%(who)s %(state)s „%(title)s“.\n\n%(comment)s\n\n%(url)s\n")
            % {
                "who": history.author_name(request.user),
                "state": state,
                "title": approval.title,
                "comment": comment,
                "url": _admin_link(
                    request, f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk
                ),
            },
        )
    return None
