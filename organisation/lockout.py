"""Login lockout: after ALUR_LOGIN_MAX_FAILURES failed logins for one username within
ALUR_LOGIN_WINDOW_MINUTES, that username is refused for ALUR_LOGIN_LOCK_MINUTES, even with
the right password. A successful login clears the count.

The count lives in the database (`LoginThrottle`), not the cache: the local cache is per
process. The lock is per username, not per address: an office's computers usually share
one public address, and a lock by address would shut out the whole office. The address of
the last failure is kept for the log and the admin.

`LockoutModelBackend` enforces it for every login path that calls `authenticate()` (the
login page, the admin login, the API token endpoint); `organisation.forms.LoginForm`
tells the person why."""

from __future__ import annotations

import datetime as dt
import logging
import math

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import ngettext

from .models import LoginThrottle

logger = logging.getLogger("alur.security")


def login_locked_message(*, remaining: dt.timedelta) -> str:
    """The refusal shown on the login page, with the minutes left (rounded up)."""
    minutes = max(1, math.ceil(remaining.total_seconds() / 60))
    return ngettext(
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)d menit.",
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi dalam %(minutes)d menit.",
        minutes,
    ) % {"minutes": minutes}


def _key(username: str) -> str:
    return username.strip().casefold()[:150]


def _ip(request: HttpRequest | None) -> str | None:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a proxy rewrites it.
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _remaining(throttle: LoginThrottle | None) -> dt.timedelta | None:
    now = timezone.now()
    if throttle is None or throttle.locked_until is None or throttle.locked_until <= now:
        return None
    return throttle.locked_until - now


def login_lock_remaining(*, username: str) -> dt.timedelta | None:
    """How long `username` stays locked, or None when it may log in."""
    return _remaining(LoginThrottle.objects.filter(username=_key(username)).first())


def login_failure_record(*, username: str, request: HttpRequest | None = None) -> LoginThrottle:
    """Counts one failed login for `username`; locks it when the count reaches the limit
    inside the window. Failures while locked are not counted (the lock is not extended,
    so nobody can keep another person locked out for good)."""
    now = timezone.now()
    window = dt.timedelta(minutes=settings.ALUR_LOGIN_WINDOW_MINUTES)
    ip = _ip(request)
    with transaction.atomic():
        throttle, _ = LoginThrottle.objects.select_for_update().get_or_create(
            username=_key(username),
            defaults={"first_failure_at": now, "last_failure_at": now},
        )
        if throttle.locked_until and throttle.locked_until > now:
            return throttle
        if throttle.failures and (throttle.first_failure_at <= now - window):
            throttle.failures = 0
        if throttle.failures == 0:
            throttle.first_failure_at = now
            throttle.locked_until = None
        throttle.failures += 1
        throttle.last_failure_at = now
        throttle.last_ip = ip
        if throttle.failures >= settings.ALUR_LOGIN_MAX_FAILURES:
            throttle.locked_until = now + dt.timedelta(minutes=settings.ALUR_LOGIN_LOCK_MINUTES)
            logger.warning(
                "login locked: username=%r ip=%s failures=%d until=%s",
                throttle.username,
                ip,
                throttle.failures,
                throttle.locked_until.isoformat(),
            )
        throttle.save()
    return throttle


def login_success_record(*, username: str) -> None:
    """A successful login clears the username's failures."""
    LoginThrottle.objects.filter(username=_key(username)).delete()


def login_lock_clear(*, username: str, actor=None) -> None:
    """Lifts a lock by hand (the admin's "Buka kunci")."""
    deleted, _ = LoginThrottle.objects.filter(username=_key(username)).delete()
    if deleted:
        logger.info("login lock cleared: username=%r by=%s", _key(username), actor)


class LockoutModelBackend(ModelBackend):
    """ModelBackend that refuses a locked username before looking at the password, and
    counts failures and clears them on success."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(self._username_field())
        if username is None or password is None:
            return None
        throttle = LoginThrottle.objects.filter(username=_key(username)).first()
        remaining = _remaining(throttle)
        if remaining is not None:
            logger.warning(
                "login refused, locked: username=%r ip=%s remaining=%ds",
                _key(username),
                _ip(request),
                remaining.total_seconds(),
            )
            # PermissionDenied stops authenticate() from trying the other backends.
            raise PermissionDenied
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            login_failure_record(username=username, request=request)
        elif throttle is not None:
            login_success_record(username=username)
        return user

    @staticmethod
    def _username_field() -> str:
        from django.contrib.auth import get_user_model

        return get_user_model().USERNAME_FIELD
