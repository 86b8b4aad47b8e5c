"""What needs an editor's attention, for the admin index: drafts, items
scheduled to go live, pages and documents overdue for review, and what each
section adds (grants: windows opening or closing soon, awards missing from
the contract register; documents: inaccessible PDFs). Each editor sees only
the items of models their role may view."""

from datetime import timedelta

from django.apps import apps
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import approval
from portal.models import Approval, Page
from portal.publishing import Publishable, staff_may_view
from portal.sections import sections

LIMIT = 10
STALE_AFTER = timedelta(days=365)


def admin_url(obj):
    meta = obj._meta
    try:
        return reverse(
            f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk]
        )
    except NoReverseMatch:
        return ""


def reviewed_models():
    """Pages and what the sections add (documents)."""
    return [Page] + [model for s in sections() for model in s.reviewed_models]


def publishable_models():
    return [model for model in apps.get_models() if issubclass(model, Publishable)]


def rows(items, user):
    return [
        {"object": item, "url": admin_url(item)}
        for item in items
        if staff_may_view(user, type(item))
    ]


def dashboard(user):
    now = timezone.now()
    drafts, scheduled = [], []
    for model in publishable_models():
        if not staff_may_view(user, model):
            continue
        name = model._meta.verbose_name_plural
        queryset = model.objects.select_related("responsible")
        drafts += [
            (name, item) for item in queryset.drafts().order_by("-updated_at")[:LIMIT]
        ]
        scheduled += [
            (name, item) for item in queryset.scheduled().order_by("publish_at")[:LIMIT]
        ]
    stale = []
    for model in reviewed_models():
        if not staff_may_view(user, model):
            continue
        overdue = Q(review_at__lt=now.date()) | Q(updated_at__lt=now - STALE_AFTER)
        items = model.objects.published().filter(overdue).select_related("responsible")
        stale += [
            (model._meta.verbose_name_plural, item)
            for item in items.order_by("updated_at")[:LIMIT]
        ]
    lists = [
        (
            _("Koncepty"),
            [
                {"kind": kind, "object": item, "url": admin_url(item)}
                for kind, item in drafts
            ],
        ),
        (
            _("Naplánováno ke zveřejnění"),
            [
                {
                    "kind": kind,
                    "object": item,
                    "url": admin_url(item),
                    "when": item.publish_at,
                }
                for kind, item in scheduled
            ],
        ),
        (
            _("Ke kontrole: prošlé datum kontroly nebo rok beze změny"),
            [
                {
                    "kind": kind,
                    "object": item,
                    "url": admin_url(item),
                    "when": item.updated_at,
                    "responsible": item.responsible,
                }
                for kind, item in stale
            ],
        ),
    ]
    if user.has_perm(approval.APPROVE):
        lists.insert(0, (_("Čeká na vaše schválení"), approval_queue()))
    for section in sections():
        for heading, items in section.dashboard():
            lists.append((heading, rows(items, user)))
    return lists


def approval_queue():
    pending = Approval.objects.filter(state=Approval.State.PENDING)
    return [
        {
            "kind": request.content_type.name,
            "object": request.title,
            "url": reverse("admin:portal_approval_change", args=[request.pk]),
            "when": request.submitted_at,
        }
        for request in pending.select_related("content_type").order_by("submitted_at")[
            :LIMIT
        ]
    ]
