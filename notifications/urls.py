from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list_view, name="list"),
    path("baca/", views.mark_read_view, name="mark-read"),
    path("surel/", views.email_preferences_view, name="preferences"),
]
