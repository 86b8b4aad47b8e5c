from functools import partial
from types import SimpleNamespace
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.urls import reverse
from django.utils.functional import classproperty
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from portal import pagecache, retention, search, translation
from portal.models import Page, Person, SiteSettings, Topic
from portal.publishing import staff_may_view
from portal.sections import sections


class PublishableDetailView(DetailView):
    """A detail page that the public sees only when the item is live.

    Staff whose role covers the model may open drafts and scheduled items;
    the template then shows the "náhled" (preview) banner.
    """

    # The page cache keeps one copy whatever the query string says.
    query_params = frozenset()

    def get_queryset(self):
        queryset = super().get_queryset()
        if staff_may_view(self.request.user, queryset.model):
            return queryset
        return queryset.published()

    def get_object(self, queryset=None):
        if queryset is not None:
            return self.find(queryset)
        # The page's own item, kept for every page that shows it while the
        # tables it was read from are unchanged (pagecache.shared()): after
        # a change of something else it shows (its news, files, topics),
        # the page is rendered again without building and running that
        # query, a fifth to a quarter of a detail page's calls.
        name = pagecache.piece_name(
            "item", type(self), get_language(), *sorted(self.kwargs.items())
        )
        return pagecache.shared(
            self.request, name, lambda: self.find(self.get_queryset())
        )

    def find(self, queryset):
        slug = self.kwargs.get(self.slug_url_kwarg)
        if slug is not None and translation.is_translated_model(queryset.model):
            # The language's own slug, or the Czech one as a fallback.
            return translation.get_by_slug(queryset, slug)
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_live
        return context


class FilteredListView(FilterView):
    """A public listing: filtered by django-filter, paginated, with the
    query string kept in the pagination links. A bad filter value gives an
    empty list and the form's error (FilterView's strict mode), a page past
    the end a 404."""

    paginate_by = 20
    # The {% shared %} piece that each row of the list's template is: its
    # name's parts, the item's pk standing for "pk" (e.g. ("news_row", "pk",
    # 2) for {% shared "news_row" item.pk heading_level %} with a heading
    # level of 2). A page then loads whole only the items whose row is not
    # kept; None loads every item, for a view that reads them itself.
    row_piece = None
    rows_may_be_kept = False  # get_paginator() tells

    @classproperty
    def query_params(cls):
        """What the page depends on (portal/pagecache.py): its filters and
        the page number; any other parameter shares the canonical page."""
        return frozenset(cls.filterset_class.base_filters) | {cls.page_kwarg}

    def get_paginator(self, queryset, per_page, **kwargs):
        """A paginator whose count every page of the same filters shares
        (pagecache.shared()): counting 50 000 documents takes 5–7 ms."""
        paginator = super().get_paginator(queryset, per_page, **kwargs)
        filters = self.request.GET.copy()
        filters.pop(self.page_kwarg, None)
        counted = []

        def count():
            counted.append(True)
            return queryset.count()

        paginator.count = pagecache.shared(
            self.request, f"count:{self.request.path}?{filters.urlencode()}", count
        )
        # Counted again: the items changed since (or nobody asked for this
        # list lately, or the page is not for the cache), so their rows are
        # hardly kept either, and looking for them would cost a query more.
        self.rows_may_be_kept = not counted
        return paginator

    def paginate_queryset(self, queryset, page_size):
        paginator, page, items, is_paginated = super().paginate_queryset(
            queryset, page_size
        )
        if self.row_piece is not None and self.rows_may_be_kept:
            page.object_list = items = self.rows(queryset, items)
        return paginator, page, items, is_paginated

    def rows(self, queryset, items):
        """The page's ``items`` (a slice of ``queryset``): their keys, kept
        like the count, then one query for those whose row piece is not kept
        (pagecache.kept_fragments()), loaded with the listing's joins and
        prefetches. The others are instances with nothing but their pk: the
        template shows their kept rows and reads nothing else of them (any
        other field would be read by a query of its own)."""
        keys = pagecache.shared(
            self.request,
            f"keys:{self.request.path}?{self.request.GET.urlencode()}",
            lambda: list(items.values_list("pk", flat=True)),
        )
        names = {
            key: pagecache.piece_name(
                *(key if part == "pk" else part for part in self.row_piece)
            )
            for key in keys
        }
        kept = pagecache.kept_fragments(self.request, names.values())
        missing = [key for key in keys if names[key] not in kept]
        loaded = (
            {item.pk: item for item in queryset.filter(pk__in=missing)}
            if missing
            else {}
        )
        model = queryset.model
        bare = partial(model.from_db, queryset.db, [model._meta.pk.attname])
        # An item changed between the two queries drops out of this page.
        return [
            loaded[key] if key in loaded else bare([key])
            for key in keys
            if key in loaded or names[key] in kept
        ]

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # Always bound, so that filter defaults apply to a bare URL too.
        kwargs["data"] = self.request.GET
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
        return context


class HomeView(TemplateView):
    template_name = "portal/home.html"
    query_params = frozenset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ordered = sorted(
            sections(),
            key=lambda section: (
                section.order if section.home_order is None else section.home_order
            ),
        )
        # Each block reads its own items ({% shared_block %} in the
        # template), so a change in one section leaves the others' blocks.
        context["sections"] = ordered
        context["topics"] = Topic.objects.all()
        return context


class PageView(PublishableDetailView):
    model = Page
    context_object_name = "page"
    template_name = "portal/page_detail.html"

    def get_object(self, queryset=None):
        queryset = self.get_queryset().select_related("responsible")
        # The language's path, or the Czech one as a fallback.
        return translation.get_by_slug(queryset, self.kwargs["path"].strip("/"), "path")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        if self.request.user.is_staff:
            # Live itself but under a draft or scheduled page: still a preview.
            context["preview"] = (
                not Page.objects.published().filter(pk=page.pk).exists()
            )
        context["breadcrumb"] = [
            (ancestor.title, ancestor.get_absolute_url())
            for ancestor in page.ancestors()
        ]
        context["children"] = page.children.published().order_by("order", "title")
        context["link_groups"] = page.link_groups.prefetch_related("links")
        if translation.czech_value(page, "path") == retention.PRIVACY_PAGE_PATH:
            context["retention"] = retention.periods()
        return context


class TopicListView(ListView):
    model = Topic
    template_name = "portal/topic_list.html"
    query_params = frozenset()


class TopicDetailView(DetailView):
    model = Topic
    template_name = "portal/topic_detail.html"
    query_params = frozenset()

    def get_object(self, queryset=None):
        return translation.get_by_slug(Topic.objects, self.kwargs["slug"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb"] = [(_("Témata"), reverse("portal:topics"))]
        context["blocks"] = [
            (section, section.topic_items(self.object)) for section in sections()
        ]
        context["pages"] = Page.objects.published().filter(topics=self.object)
        return context


class SiteMapView(TemplateView):
    """The site map for people: every section, the page tree and the
    topics (sitemap.xml stays for robots)."""

    template_name = "portal/sitemap.html"
    query_params = frozenset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = sections()
        pages = Page.objects.published().order_by("path")
        context["pages"] = [(page, page.path.count("/")) for page in pages]
        context["topics"] = Topic.objects.all()
        return context


class SubscribeView(TemplateView):
    """What a feed, a calendar and the newsletter are, and where to find
    them: people click a feed link expecting a page."""

    template_name = "portal/subscribe.html"
    query_params = frozenset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feeds"] = [feed for section in sections() for feed in section.feeds()]
        return context


@require_GET
def colours_css(request):
    """The department's colour from the site settings as CSS custom
    properties: a stylesheet, because the CSP allows no inline style."""
    colour = SiteSettings.load().colour
    css = f":root {{ --brand: {colour}; --brand-dark: color-mix(in srgb, {colour} 75%, black); }}\n"
    response = HttpResponse(css, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


class ContactsView(TemplateView):
    template_name = "portal/contacts.html"
    query_params = frozenset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Grouped by area on the page, so sorted by it here.
        context["people"] = Person.objects.filter(show_on_contacts=True).order_by(
            "area", "order", "name"
        )
        return context


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


RESULT_FIELDS = ("pk", "kind", "title", "url", "body", "publish_at", "czech_fallback")


class SearchView(TemplateView):
    template_name = "portal/search.html"
    query_params = frozenset({"q", "page"})
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        keep = partial(pagecache.shared, self.request)
        entries, words, count = search.search(query, keep=keep)
        czech = translation.SOURCE_LANGUAGE
        visitor = get_language().split("-")[0]
        if words and count == 0 and visitor != czech:
            # Nothing in the visitor's language: the Czech content may hold
            # it (a translated item's Czech text is only in the Czech index),
            # searched with the words the glossary knows put into Czech.
            czech_query = search.in_czech(query, visitor)
            # A language without content columns searched the Czech index
            # already: only a query the glossary changed is worth repeating.
            again = czech_query != query or translation.active_language()
            found = again and search.search(czech_query, keep=keep, language=czech)
            if found and found.count:
                entries, words, count = found
                context["in_czech"] = True
                if czech_query != query:
                    context["czech_query"] = czech_query
                with override(czech):
                    context["czech_search"] = reverse("portal:search")
                query_string = f"q={quote(czech_query[: search.MAX_QUERY_LENGTH])}"
                context["czech_query_string"] = query_string
        context.update(query=query[: search.MAX_QUERY_LENGTH], words=words)
        context["too_long"] = len(query) > search.MAX_QUERY_LENGTH
        if words:
            paginator = Paginator(entries[: search.MAX_RESULTS], self.paginate_by)
            if count is not None:
                # Counted by the search already: no second COUNT query.
                paginator.count = count
            page = paginator.get_page(self.request.GET.get("page"))
            context["page_obj"] = page
            context["capped"] = page.paginator.count == search.MAX_RESULTS
            # As values: the columns a result shows, without building 20
            # model instances (a tenth of the search page's calls).
            rows = page.object_list.values(*RESULT_FIELDS)
            if context.get("in_czech"):
                # Shown as Czech (lang="cs" and a note), as untranslated items are.
                rows = [{**row, "czech_fallback": True} for row in rows]
            context["results"] = [
                (entry, search.snippet(entry, words))
                for entry in (SimpleNamespace(**row) for row in rows)
            ]
            context["query_string"] = f"q={quote(query[: search.MAX_QUERY_LENGTH])}"
        return context
