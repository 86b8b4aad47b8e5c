from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from news import newsletter
from news.filters import NewsFilter
from news.forms import SubscribeForm
from news.models import NewsItem
from portal.abuse import client_ip, hit
from portal.views import FilteredListView, PublishableDetailView


class NewsListView(FilteredListView):
    filterset_class = NewsFilter
    paginate_by = 15
    template_name = "news/newsitem_list.html"

    def get_queryset(self):
        return NewsItem.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["front_page"]:
            # A scan of every item (11 ms at 20 000 on PostgreSQL), so only
            # where the archive by years is shown.
            context["years"] = NewsItem.objects.published().dates(
                "publish_at", "year", order="DESC"
            )
        context["heading"] = _("Aktuality")
        return context


class YearArchiveView(NewsListView):
    def get_queryset(self):
        year = self.kwargs["year"]
        if not 1990 <= year <= 2100:
            raise Http404(_("Takový rok v archivu není."))
        queryset = super().get_queryset().filter(publish_at__year=year)
        if not queryset.exists():
            raise Http404(
                _("V roce %(year)s nevyšly žádné aktuality.") % {"year": year}
            )
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = _("Aktuality z roku %(year)s") % {
            "year": self.kwargs["year"]
        }
        context["news_trail"] = [(_("Aktuality"), reverse("news:list"))]
        context["archive_year"] = self.kwargs["year"]
        return context


class NewsDetailView(PublishableDetailView):
    model = NewsItem
    template_name = "news/newsitem_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb"] = [(_("Aktuality"), reverse("news:list"))]
        return context


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"].lower()
        allowed = hit("newsletter-client", client_ip(request), limit=10, window=3600)
        allowed = hit("newsletter-address", email, limit=3, window=3600) and allowed
        if not allowed:
            return render(
                request,
                "news/subscribe.html",
                {"form": form, "limited": True},
                status=429,
            )
        newsletter.subscribe(email, form.cleaned_data["topics"])
        # A page of its own, not the empty form again: the same answer
        # whether or not the address was already subscribed.
        return redirect(reverse("news:subscribe_sent"))
    return render(request, "news/subscribe.html", {"form": form})


def subscribe_sent(request):
    return render(request, "news/subscribe_sent.html")


def _token_page(request, token, *, look_up, act, question):
    """A link from an e-mail: opening it (GET) only asks, with one button;
    the button (POST) acts. Mail scanners and link previews open links, and
    must neither confirm nor end anybody's subscription."""
    try:
        subscriber = act(token) if request.method == "POST" else look_up(token)
    except newsletter.BadToken as error:
        return render(
            request, "news/token_result.html", {"error": str(error)}, status=400
        )
    if request.method == "POST":
        return render(
            request,
            "news/token_result.html",
            {"subscriber": subscriber, "done": act.__name__},
        )
    return render(
        request,
        "news/token_question.html",
        {"subscriber": subscriber, "question": question},
    )


# The answers depend on the subscription's state at each click, so they are
# never cached. The signed token in the URL is the only credential (there
# is no session to forge a request from), hence no CSRF token: RFC 8058
# one-click POSTs from mail clients carry none.
@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    return _token_page(
        request,
        token,
        look_up=newsletter.subscriber_to_confirm,
        act=newsletter.confirm,
        question="confirm",
    )


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    return _token_page(
        request,
        token,
        look_up=lambda token: newsletter.read_token(token, "unsubscribe"),
        act=newsletter.unsubscribe,
        question="unsubscribe",
    )
