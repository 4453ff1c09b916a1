"""Security headers that Django's SecurityMiddleware does not set, and the language."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ContentSecurityPolicyMiddleware:
    """Adds `Content-Security-Policy` (settings.ALUR_CSP), `Permissions-Policy`
    (settings.ALUR_PERMISSIONS_POLICY) and `Referrer-Policy` to every response.

    The policy has no 'unsafe-inline' and no 'unsafe-eval': templates carry no inline
    script, style attribute or on* handler, and htmx is served from static/vendor/. A
    view that needs another policy sets the header itself; it is kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.ALUR_CSP:
            response.headers.setdefault("Content-Security-Policy", settings.ALUR_CSP)
        if settings.ALUR_PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.ALUR_PERMISSIONS_POLICY)
        if settings.SECURE_REFERRER_POLICY:
            response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the user chose English (the language switch sets a cookie).

    The browser's Accept-Language is ignored on purpose: office computers often run an
    English-language browser while the office works in Bahasa Indonesia."""

    def process_request(self, request: HttpRequest) -> None:
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
