"""Account pages: the login with its lockout message, and the demo's role switcher."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .forms import DemoLoginForm, LoginForm, demo_assignments
from .models import User

logger = logging.getLogger("alur.security")

DEMO_LOGIN_BACKEND = "organisation.lockout.LockoutModelBackend"


class AlurLoginView(LoginView):
    form_class = LoginForm


@require_POST
def demo_login_view(request: HttpRequest) -> HttpResponseRedirect:
    """Logs in as a demo account without its password ("Masuk sebagai:" in base.html).

    Exists only when settings.DEMO_MODE is on; otherwise, and for an account that is not a
    demo account (staff, superuser, no usable password), the answer is 404."""
    if not settings.DEMO_MODE:
        raise Http404
    form = DemoLoginForm(request.POST)
    if not form.is_valid():
        raise Http404
    user = User.objects.get(username=form.cleaned_data["username"])
    login(request, user, backend=DEMO_LOGIN_BACKEND)
    logger.info("demo login as %r", user.username)
    target = form.cleaned_data["next"]
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = settings.LOGIN_REDIRECT_URL
    return HttpResponseRedirect(target)


def demo_switcher_context(request: HttpRequest) -> dict:
    """Template context processor: the demo accounts for base.html's role switcher, as an
    unevaluated queryset (one query, only when a page renders the switcher)."""
    if not settings.DEMO_MODE:
        return {}
    return {"demo_accounts": demo_assignments()}
