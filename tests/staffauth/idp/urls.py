from django.contrib.auth import authenticate, login
from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import include, path
from django.utils.html import escape


def login_view(request):
    """The provider's own login page, as plain as it gets."""
    next_url = request.POST.get("next") or request.GET.get("next", "/")
    if request.method == "POST":
        user = authenticate(
            request,
            username=request.POST.get("username"),
            password=request.POST.get("password"),
        )
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(next_url)
    return HttpResponse(
        '<form method="post"><input name="csrfmiddlewaretoken" value="'
        + get_token(request)
        + '"><input name="username"><input name="password" type="password">'
        + f'<input name="next" value="{escape(next_url)}"></form>'
    )


urlpatterns = [
    path("login/", login_view),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
