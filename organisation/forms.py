"""Forms of the account pages: the login (with the lockout's message) and the demo's role
switcher."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from .lockout import login_lock_remaining, login_locked_message
from .models import Assignment


class LoginForm(AuthenticationForm):
    """Django's login form; a username locked by organisation.lockout gets the lock's
    message instead of "wrong username or password", even with the right password."""

    def clean(self):
        try:
            return super().clean()
        except ValidationError:
            username = self.cleaned_data.get("username")
            remaining = login_lock_remaining(username=username) if username else None
            if remaining is not None:
                raise ValidationError(
                    login_locked_message(remaining=remaining), code="locked"
                ) from None
            raise


def demo_assignments() -> QuerySet[Assignment]:
    """The accounts the demo's role switcher offers: people holding a position now, with a
    usable password, not staff or superusers."""
    return (
        Assignment.objects.filter(
            end__isnull=True,
            user__is_active=True,
            user__is_staff=False,
            user__is_superuser=False,
        )
        .exclude(user__password__startswith=UNUSABLE_PASSWORD_PREFIX)
        .exclude(user__password="")
        .select_related("user", "position__pd")
        .order_by("position__pd__name", "position__order", "user__username")
    )


class DemoLoginForm(forms.Form):
    username = forms.CharField(max_length=150)
    next = forms.CharField(required=False)

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if not demo_assignments().filter(user__username=username).exists():
            raise ValidationError("Akun demo tidak dikenal.", code="unknown")
        return username
