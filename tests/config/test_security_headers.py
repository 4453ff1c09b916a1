"""Every response carries the Content-Security-Policy (settings.ALUR_CSP, no inline script
or style), Referrer-Policy and Permissions-Policy (config/middleware.py)."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; "
    "base-uri 'self'; object-src 'none'"
)
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)


def assert_security_headers(response):
    assert response["Content-Security-Policy"] == POLICY
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_policy_is_the_setting_without_unsafe_sources():
    assert settings.ALUR_CSP == POLICY
    assert "unsafe" not in settings.ALUR_CSP


@pytest.mark.parametrize(
    "url",
    [
        "/akun/login/",
        "/sop/",
        "/admin/login/",
        "/api/v1/inbox/",
        "/halaman-yang-tidak-ada/",
        "/static/vendor/htmx/htmx.min.js",
        "/static/css/alur.css",
    ],
)
def test_every_response_carries_the_headers(client, url):
    assert_security_headers(client.get(url))


def test_a_redirect_and_a_post_carry_the_headers(client, users):
    assert_security_headers(client.get("/"))
    assert_security_headers(
        client.post("/akun/login/", {"username": "camat.kragan", "password": "alur-demo"})
    )


def test_pages_of_a_logged_in_user_carry_the_headers(client, users):
    client.force_login(users["camat.kragan"])
    assert_security_headers(client.get("/sop/"))
    assert_security_headers(client.get("/akun/password_change/"))


def test_a_view_may_set_its_own_policy(rf):
    from django.http import HttpResponse

    from config.middleware import ContentSecurityPolicyMiddleware

    def view(request):
        response = HttpResponse("x")
        response["Content-Security-Policy"] = "default-src 'none'"
        return response

    response = ContentSecurityPolicyMiddleware(view)(rf.get("/"))
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_admin_login_page_renders_without_inline_script_or_style(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert_security_headers(response)
    content = response.content.decode()
    assert 'name="username"' in content
    assert not INLINE_SCRIPT.search(content)
    assert "style=" not in content


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/organisation/user/",
        "/admin/organisation/perangkatdaerah/1/change/",
        "/admin/organisation/loginthrottle/",
    ],
)
def test_admin_pages_render_without_inline_script(client, demo, django_user_model, url):
    admin = django_user_model.objects.create_superuser("admin.uji", "a@example.com", "rahasia")
    client.force_login(admin)
    if "/1/" in url:
        from organisation.models import PerangkatDaerah

        url = url.replace("/1/", f"/{PerangkatDaerah.objects.first().pk}/")
    response = client.get(url)
    assert response.status_code == 200
    assert_security_headers(response)
    assert not INLINE_SCRIPT.search(response.content.decode())


def test_base_page_loads_htmx_from_the_site_and_configures_it(client):
    content = client.get("/akun/login/").content.decode()
    assert '<script src="/static/vendor/htmx/htmx.min.js" defer></script>' in content
    assert (
        '<meta name="htmx-config" content=\'{"includeIndicatorStyles": false, '
        '"allowEval": false}\'>' in content
    )
    match = re.search(r"<body[^>]*hx-headers='\{\"X-CSRFToken\": \"([^\"]+)\"\}'", content)
    assert match
    assert len(match.group(1)) == 64
    assert not INLINE_SCRIPT.search(content)
    assert "style=" not in content


def test_htmx_request_with_the_header_token_passes_csrf(users):
    """The token in <body hx-headers> is what htmx sends: a POST with it is accepted."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(users["camat.kragan"])
    content = client.get("/akun/password_change/").content.decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', content).group(1)
    refused = client.post("/akun/logout/")
    assert refused.status_code == 403
    accepted = client.post("/akun/logout/", HTTP_X_CSRFTOKEN=token, HTTP_HX_REQUEST="true")
    assert accepted.status_code == 302


def test_vendored_htmx_is_version_2_with_its_licence():
    root = settings.BASE_DIR / "static" / "vendor"
    assert 'version:"2.' in (root / "htmx" / "htmx.min.js").read_text(encoding="utf-8")
    assert "Zero-Clause BSD" in (root / "htmx" / "LICENSE").read_text(encoding="utf-8")
    assert "htmx.org" in (root / "README.md").read_text(encoding="utf-8")
