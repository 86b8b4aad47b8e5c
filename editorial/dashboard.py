"""What needs an editor's attention, for the admin index: drafts, items
scheduled to go live, pages and documents overdue for review, and what each
section adds (grants: windows opening or closing soon, awards missing from
the contract register; documents: inaccessible PDFs). Each editor sees only
the items of models their role may view, drafts only of those it may
change; above them, the editor's own drafts and review dates and, for
approvers, what waits for approval."""

from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_permission_codename
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editorial import approval
from editorial import services as editions
from editorial.models import Approval
from portal import translation
from portal.models import Page
from portal.publishing import Publishable, staff_may_view
from portal.sections import sections

LIMIT = 10
STALE_AFTER = timedelta(days=365)
REVIEW_SOON = timedelta(days=14)


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


def row(kind, item, **facts):
    """One line of a dashboard list: what the item is, the item, its admin
    page and any facts the list shows (a date, the person responsible)."""
    return {"kind": kind, "object": item, "url": admin_url(item), **facts}


def staff_may_change(user, model):
    opts = model._meta
    codename = get_permission_codename("change", opts)
    return user.is_staff and user.has_perm(f"{opts.app_label}.{codename}")


def mine(user):
    """The user's own drafts and the items they answer for (their person
    record has their e-mail) whose review date is overdue or within
    REVIEW_SOON."""
    drafts, reviews = [], []
    soon = timezone.localdate() + REVIEW_SOON
    for model in publishable_models():
        name = model._meta.verbose_name_plural
        own = model.objects.drafts().filter(Q(created_by=user) | Q(updated_by=user))
        drafts += [(name, item) for item in own.order_by("-updated_at")[:LIMIT]]
        if user.email:
            due = model.objects.filter(
                review_at__lte=soon, responsible__email__iexact=user.email
            )
            reviews += [(name, item) for item in due.order_by("review_at")[:LIMIT]]
    return drafts, reviews


def dashboard(user):
    now = timezone.now()
    drafts, scheduled = [], []
    my_drafts, my_reviews = mine(user)
    for model in publishable_models():
        # A role sees the drafts of the sections it writes, not of every
        # model it may look at.
        if not staff_may_change(user, model):
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
            _("Moje koncepty"),
            [row(kind, item) for kind, item in my_drafts],
        ),
        (
            _("Moje rozpracované změny zveřejněných položek"),
            [
                row(edition.get_state_display(), item, when=edition.created_at)
                for edition, item in editions.mine(user, LIMIT)
            ],
        ),
        (
            _("Moje termíny kontroly"),
            [row(kind, item, date=item.review_at) for kind, item in my_reviews],
        ),
        *[
            (heading, rows(items, user))
            for section in sections()
            for heading, items in section.personal_dashboard(user)
        ],
        (
            _("Koncepty"),
            [row(kind, item) for kind, item in drafts],
        ),
        (
            _("Naplánováno ke zveřejnění"),
            [row(kind, item, when=item.publish_at) for kind, item in scheduled],
        ),
        (
            _("Ke kontrole: prošlé datum kontroly nebo rok beze změny"),
            [
                row(kind, item, when=item.updated_at, responsible=item.responsible)
                for kind, item in stale
            ],
        ),
    ]
    lists.append((_("Překlad zastaral"), stale_translations(user)))
    if user.has_perm(approval.APPROVE):
        lists.insert(0, (_("Čeká na vaše schválení"), approval_queue()))
    for section in sections():
        for heading, items in section.dashboard():
            lists.append((heading, rows(items, user)))
    return lists


def stale_translations(user):
    """Translated items whose Czech text changed after their translation
    was last edited (portal/translation.py), with the languages concerned."""
    found = []
    for model in apps.get_models():
        if not translation.is_translated_model(model) or not staff_may_view(
            user, model
        ):
            continue
        first = model.translated_fields[0]
        has_any = Q()
        for lang in translation.CONTENT_LANGUAGES:
            has_any |= Q(**{f"{translation.column(first, lang)}__gt": ""})
        for item in model._default_manager.filter(has_any)[: LIMIT * 10]:
            languages = translation.stale_languages(item)
            if languages:
                kind = f"{model._meta.verbose_name_plural} ({', '.join(languages)})"
                found.append(row(kind, item))
    return found[: LIMIT * 2]


def approval_queue():
    pending = Approval.objects.filter(state=Approval.State.PENDING)
    return [
        {
            "kind": request.content_type.name,
            "object": request.title,
            "url": reverse("admin:editorial_approval_change", args=[request.pk]),
            "when": request.submitted_at,
        }
        for request in pending.select_related("content_type").order_by("submitted_at")[
            :LIMIT
        ]
    ]
