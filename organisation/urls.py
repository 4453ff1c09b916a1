from django.urls import path

from . import views

# Included under /akun/ by config/urls.py, before django.contrib.auth.urls, with no
# namespace: `{% url 'login' %}` keeps working everywhere.
urlpatterns = [
    path("login/", views.AlurLoginView.as_view(), name="login"),
    path("demo-masuk/", views.demo_login_view, name="demo-login"),
]
