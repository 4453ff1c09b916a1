"""Password change pages (django.contrib.auth.urls) render in the site's layout."""

import pytest

pytestmark = pytest.mark.django_db


def test_password_change_form_uses_the_site_layout(client, users):
    client.force_login(users["camat.kragan"])
    response = client.get("/akun/password_change/")
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="site-header"' in content
    assert "<h1>Ganti kata sandi</h1>" in content
    assert 'name="old_password"' in content


def test_password_change_redirects_to_the_done_page(client, users):
    client.force_login(users["camat.kragan"])
    response = client.post(
        "/akun/password_change/",
        {
            "old_password": "alur-demo",
            "new_password1": "Kragan-Baru-2025!",
            "new_password2": "Kragan-Baru-2025!",
        },
        follow=True,
    )
    content = response.content.decode()
    assert response.redirect_chain[-1][0] == "/akun/password_change/done/"
    assert 'class="site-header"' in content
    assert "Kata sandi Anda sudah diganti." in content


def test_password_change_shows_errors(client, users):
    client.force_login(users["camat.kragan"])
    response = client.post(
        "/akun/password_change/",
        {"old_password": "salah", "new_password1": "a", "new_password2": "b"},
    )
    assert response.status_code == 200
    assert 'class="form__errors"' in response.content.decode()


def test_logout_still_comes_from_django(client, users):
    client.force_login(users["camat.kragan"])
    response = client.post("/akun/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/akun/login/"
