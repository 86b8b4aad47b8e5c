from urllib.parse import quote

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView
from django_filters.views import FilterView

from portal import search
from portal.filters import filter_form_renderer
from portal.models import Page, Person, Topic
from portal.sections import sections


class PublishableDetailView(DetailView):
    """A detail page that the public sees only when the item is live.

    Staff may open drafts and scheduled items; the template then shows the
    "náhled" (preview) banner.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.user.is_staff:
            return queryset
        return queryset.published()

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

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        # Always bound, so that filter defaults apply to a bare URL too.
        kwargs["data"] = self.request.GET
        return kwargs

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        filterset.form.renderer = filter_form_renderer
        return filterset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        context["query_string"] = params.urlencode()
        return context


class HomeView(TemplateView):
    template_name = "portal/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["blocks"] = [(section, section.home_items()) for section in sections()]
        context["topics"] = Topic.objects.all()
        return context


class PageView(PublishableDetailView):
    model = Page
    context_object_name = "page"
    template_name = "portal/page_detail.html"

    def get_object(self, queryset=None):
        queryset = self.get_queryset().select_related("responsible")
        return get_object_or_404(queryset, path=self.kwargs["path"].strip("/"))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = self.object
        context["breadcrumb"] = [
            (ancestor.title, ancestor.get_absolute_url())
            for ancestor in page.ancestors()
        ]
        context["children"] = page.children.published().order_by("order", "title")
        context["link_groups"] = page.link_groups.prefetch_related("links")
        return context


class TopicListView(ListView):
    model = Topic
    template_name = "portal/topic_list.html"


class TopicDetailView(DetailView):
    model = Topic
    template_name = "portal/topic_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb"] = [(_("Témata"), reverse("portal:topics"))]
        context["blocks"] = [
            (section, section.topic_items(self.object)) for section in sections()
        ]
        context["pages"] = Page.objects.published().filter(topics=self.object)
        return context


class ContactsView(TemplateView):
    template_name = "portal/contacts.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["people"] = Person.objects.filter(show_on_contacts=True).select_related(
            "organisation"
        )
        return context


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


class SearchView(TemplateView):
    template_name = "portal/search.html"
    paginate_by = 20

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "").strip()
        entries, words = search.search(query)
        context.update(query=query[: search.MAX_QUERY_LENGTH], words=words)
        context["too_long"] = len(query) > search.MAX_QUERY_LENGTH
        if words:
            page = Paginator(entries[: search.MAX_RESULTS], self.paginate_by).get_page(
                self.request.GET.get("page")
            )
            context["page_obj"] = page
            context["capped"] = page.paginator.count == search.MAX_RESULTS
            context["results"] = [
                (entry, search.snippet(entry, words)) for entry in page
            ]
            context["query_string"] = f"q={quote(query[: search.MAX_QUERY_LENGTH])}"
        return context
