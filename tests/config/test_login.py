import pytest

pytestmark = pytest.mark.django_db


def test_demo_user_logs_in_with_the_demo_password(client, users):
    response = client.post("/akun/login/", {"username": "camat.kragan", "password": "alur-demo"})
    assert response.status_code == 302
    assert client.get("/sop/").status_code == 200


def test_wrong_password_shows_an_error_in_indonesian(client, users):
    response = client.post("/akun/login/", {"username": "camat.kragan", "password": "salah"})
    assert response.status_code == 200
    assert "dan sandi yang benar" in response.content.decode()
