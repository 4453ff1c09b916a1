"""The notifications page: my notifications (unread first), marking them read, and my
e-mail choices per kind. In-app notifications cannot be turned off."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from .models import Kind
from .selectors import email_choices, my_notifications, unread_count
from .services import email_preference_set, notification_mark_read

PAGE_SIZE = 100


class MarkReadForm(forms.Form):
    id = forms.IntegerField(required=False, min_value=1)


class EmailPreferencesForm(forms.Form):
    """One checkbox per kind: e-mail on or off (in-app always on)."""

    def __init__(self, *args, choices: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        for choice in choices:
            self.fields[choice["kind"]] = forms.BooleanField(
                label=choice["label"], required=False, initial=choice["email"]
            )


IN_APP_ALWAYS = gettext_lazy(
    "Notifikasi di aplikasi selalu aktif dan tidak dapat dimatikan; "
    "yang dapat Anda pilih hanya salinannya lewat surel."
)


def back(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("notifications:list")


@login_required
@require_GET
def notification_list_view(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = list(my_notifications(user=request.user, now=now)[:PAGE_SIZE])
    return render(
        request,
        "notifications/list.html",
        {
            "rows": rows,
            "unread": unread_count(user=request.user, now=now),
            "form": EmailPreferencesForm(choices=email_choices(user=request.user)),
            "in_app_always": IN_APP_ALWAYS,
        },
    )


@login_required
@require_POST
def mark_read_view(request: HttpRequest) -> HttpResponse:
    """Mark one notification (`id`) or, without an id, all of mine as read."""
    form = MarkReadForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Notifikasi tidak dikenal."))
        return back(request)
    count = notification_mark_read(user=request.user, notification_id=form.cleaned_data["id"])
    if form.cleaned_data["id"] is None:
        messages.success(request, _("%(n)d notifikasi ditandai sudah dibaca.") % {"n": count})
    return back(request)


@login_required
@require_POST
def email_preferences_view(request: HttpRequest) -> HttpResponse:
    form = EmailPreferencesForm(request.POST, choices=email_choices(user=request.user))
    form.is_valid()  # checkboxes only: an absent box is "off"
    for kind in Kind.values:
        email_preference_set(
            user=request.user, kind=kind, enabled=bool(form.cleaned_data.get(kind))
        )
    messages.success(request, _("Pilihan surel tersimpan."))
    return redirect("notifications:list")
