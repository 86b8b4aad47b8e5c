from types import SimpleNamespace
from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property, classproperty
from django.utils.translation import get_language, override
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from portal import retention, search, translation
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
        if queryset is None:
            queryset = self.get_queryset()
        slug = self.kwargs.get(self.slug_url_kwarg)
        if slug is not None and translation.is_translated_model(queryset.model):
            # The language's own slug, or the Czech one as a fallback.
            return translation.get_by_slug(queryset, slug)
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_live
        return context


class CappedPaginator(Paginator):
    """Pages of a queryset up to ``max_pages``: the newest ``max_pages`` ×
    ``per_page`` items, counted only that far (a COUNT of at most that many
    rows plus one, not of all 40 000 documents), so that every page of a
    list costs the same however long the list grows. ``capped`` tells that
    there are more; ``count`` is then the cap."""

    def __init__(self, object_list, per_page, *, max_pages=None, **kwargs):
        self.max_pages = max_pages
        super().__init__(object_list, per_page, **kwargs)

    @cached_property
    def limit(self):
        return None if self.max_pages is None else self.max_pages * self.per_page

    @cached_property
    def counted(self):
        if self.limit is None:
            return super().count
        # How many, up to the cap, does not depend on the order: unordered,
        # the database stops at the first limit + 1 rows it finds instead
        # of sorting every match (9.4 → 1.9 ms for a topic of 18 000
        # documents on PostgreSQL).
        return self.object_list.order_by()[: self.limit + 1].count()

    @cached_property
    def count(self):
        return self.counted if self.limit is None else min(self.counted, self.limit)

    @property
    def capped(self):
        return self.limit is not None and self.counted > self.limit


class FilteredListView(FilterView):
    """A public listing: filtered by django-filter, paginated, with the
    query string kept in the pagination links. A bad filter value gives an
    empty list and the form's error (FilterView's strict mode), a page past
    the end a 404.

    A list goes back ``max_pages`` pages, newest first; older items are
    found by narrowing it with a filter (a year, a topic), by the search
    and, for robots, in the sitemap, which lists every item. Deeper pages
    cost an OFFSET over the whole list (70 ms at page 1 900 of the
    documents) and serve nobody: a page past the depth answers 404 with
    a pointer to the filters, at once and without reading the list."""

    paginate_by = 20
    paginator_class = CappedPaginator
    max_pages = 50

    def get(self, request, *args, **kwargs):
        page = request.GET.get(self.page_kwarg, "")
        if self.max_pages and page.isdigit() and int(page) > self.max_pages:
            return self.too_deep()
        return super().get(request, *args, **kwargs)

    def too_deep(self):
        params = self.request.GET.copy()
        params.pop(self.page_kwarg, None)
        context = {
            "max_pages": self.max_pages,
            "max_items": self.max_pages * self.paginate_by,
            "first_page": f"{self.request.path}?{params.urlencode()}"
            if params
            else self.request.path,
        }
        return render(self.request, "portal/list_too_deep.html", context, status=404)

    def get_paginator(self, queryset, per_page, **kwargs):
        return self.paginator_class(
            queryset, per_page, max_pages=self.max_pages, **kwargs
        )

    @classproperty
    def query_params(cls):
        """The query parameters the page depends on, for the page cache: its
        filters and the page number; any other parameter shares the
        canonical page."""
        return frozenset(cls.filterset_class.base_filters) | {cls.page_kwarg}

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
        page = context.get("page_obj")
        # The list's own first page, where a summary of all its items (a
        # chart, the years) belongs: it follows no filter, so it would only
        # mislead on a filtered list and repeat itself on page 37.
        context["front_page"] = not params and (page is None or page.number == 1)
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
        entries, words, count = search.search(query)
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
            found = again and search.search(czech_query, language=czech)
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
