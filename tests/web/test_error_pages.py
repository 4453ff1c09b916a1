import pytest

pytestmark = pytest.mark.django_db


def test_not_found_page_is_in_indonesian_with_a_way_back(client, users, settings):
    settings.DEBUG = False
    client.force_login(users["camat.sluke"])
    response = client.get("/proses/999999/")
    content = response.content.decode()
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in content
    assert 'href="/"' in content
