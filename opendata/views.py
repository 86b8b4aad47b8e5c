from django.http import Http404
from django.views.generic import TemplateView

from opendata import exports
from opendata.datasets import BY_SLUG, DATASETS, catalogue, record
from portal.models import SiteSettings
from portal.opendata import json_response, jsonld_response, open_data


class IndexView(TemplateView):
    """ "Otevřená data": the datasets for people, with their files."""

    template_name = "opendata/index.html"
    query_params = frozenset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["datasets"] = DATASETS
        context["provider_missing"] = not SiteSettings.load().ico
        return context


@open_data
def catalogue_jsonld(request):
    """The local catalogue (LKOD) that the national catalogue harvests."""
    return jsonld_response(catalogue(request))


@open_data
def dataset_jsonld(request, slug):
    """A dataset's IRI dereferences to its record."""
    dataset = BY_SLUG.get(slug)
    if dataset is None:
        raise Http404
    return jsonld_response(record(request, dataset))


@open_data
def news_jsonld(request):
    return jsonld_response(exports.news(request))


@open_data
def documents_json(request):
    return json_response(exports.documents(request))


@open_data
def projects_json(request):
    return json_response(exports.projects(request))
