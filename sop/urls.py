from django.urls import path

from . import views

app_name = "sop"
urlpatterns = [
    path("", views.sop_list_view, name="list"),
    path("<slug:code>/", views.sop_detail_view, name="detail"),
    path("<slug:code>/revisi/<int:number>/", views.sop_detail_view, name="revision"),
]
