"""The notifications API: my notifications, marking them read, and my e-mail choices."""

from __future__ import annotations

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import Kind, Notification
from .selectors import email_choices, my_notifications
from .services import email_preference_set, notification_mark_read


class NotificationSerializer(serializers.ModelSerializer):
    kind_label = serializers.CharField(source="get_kind_display")
    on_behalf_of = serializers.CharField(source="on_behalf_of.display_name", default=None)

    class Meta:
        model = Notification
        fields = [
            "id",
            "kind",
            "kind_label",
            "title",
            "body",
            "url",
            "process",
            "on_behalf_of",
            "visible_from",
            "read_at",
        ]


class MarkReadSerializer(serializers.Serializer):
    id = serializers.IntegerField(required=False, help_text="Kosongkan untuk menandai semua.")


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class PreferenceSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Kind.choices)
    label = serializers.CharField(read_only=True)
    email = serializers.BooleanField()


class NotificationListView(APIView):
    @extend_schema(
        tags=["notifikasi"],
        responses=NotificationSerializer(many=True),
        summary="Notifikasi saya (yang belum dibaca lebih dulu)",
    )
    def get(self, request: Request) -> Response:
        unread = request.query_params.get("unread") in ("1", "true")
        rows = my_notifications(user=request.user, now=timezone.now(), unread_only=unread)
        return Response(NotificationSerializer(rows[:200], many=True).data)


class MarkReadView(APIView):
    @extend_schema(
        tags=["notifikasi"],
        request=MarkReadSerializer,
        responses=MarkedSerializer,
        summary="Tandai sudah dibaca",
    )
    def post(self, request: Request) -> Response:
        data = MarkReadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        count = notification_mark_read(
            user=request.user, notification_id=data.validated_data.get("id")
        )
        return Response({"marked": count})


class PreferencesView(APIView):
    @extend_schema(
        tags=["notifikasi"],
        responses=PreferenceSerializer(many=True),
        summary="Pilihan surel per jenis notifikasi",
    )
    def get(self, request: Request) -> Response:
        return Response(PreferenceSerializer(email_choices(user=request.user), many=True).data)

    @extend_schema(
        tags=["notifikasi"],
        request=PreferenceSerializer,
        responses=PreferenceSerializer(many=True),
        summary="Nyalakan atau matikan surel untuk satu jenis (in-app selalu aktif)",
    )
    def put(self, request: Request) -> Response:
        data = PreferenceSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        email_preference_set(
            user=request.user,
            kind=data.validated_data["kind"],
            enabled=data.validated_data["email"],
        )
        return Response(
            PreferenceSerializer(email_choices(user=request.user), many=True).data,
            status=status.HTTP_200_OK,
        )


urlpatterns = [
    path("notifications/", NotificationListView.as_view(), name="notifications"),
    path("notifications/read/", MarkReadView.as_view(), name="notifications-read"),
    path("notifications/preferences/", PreferencesView.as_view(), name="notifications-preferences"),
]
