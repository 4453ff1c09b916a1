"""Template helpers of the web pages: dates as people write them ("3 Februari 2025",
"10.30 WIB") and the time left on a task in working days of the PD's calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from organisation.calendar import WorkingCalendar

register = template.Library()


@dataclass(frozen=True)
class DueStatus:
    """How urgent a due time is: `text` for people, `level` for the page's colours."""

    text: str
    level: str  # "late", "today", "soon" (within a working day), "ok", "none"
    overdue: bool


def due_status(
    due_at: dt.datetime | None, now: dt.datetime, calendar: WorkingCalendar
) -> DueStatus:
    """ "2 hari kerja lagi", "jatuh tempo hari ini" or "terlambat 1 hari kerja", counted in
    working days of `calendar` (weekends and holidays do not count)."""
    if due_at is None:
        return DueStatus(_("tanpa batas waktu"), "none", overdue=False)
    today = now.astimezone(calendar.tz).date()
    due_day = due_at.astimezone(calendar.tz).date()
    overdue = due_at < now
    if due_day == today:
        if overdue:
            return DueStatus(_("terlambat, jatuh tempo hari ini"), "late", overdue=True)
        return DueStatus(_("jatuh tempo hari ini"), "today", overdue=False)
    if due_day > today:
        days = max(1, calendar.count_working_days(today + dt.timedelta(days=1), due_day))
        text = ngettext("%(n)d hari kerja lagi", "%(n)d hari kerja lagi", days) % {"n": days}
        return DueStatus(text, "soon" if days <= 1 else "ok", overdue=False)
    days = max(1, calendar.count_working_days(due_day + dt.timedelta(days=1), today))
    text = ngettext("terlambat %(n)d hari kerja", "terlambat %(n)d hari kerja", days) % {"n": days}
    return DueStatus(text, "late", overdue=True)


@register.filter
def tanggal(value) -> str:
    """3 Februari 2025 (a date, or a moment in local time)."""
    if not value:
        return "—"
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


@register.filter
def waktu(value) -> str:
    """3 Februari 2025 10.30 WIB (a moment in local time)."""
    if not value:
        return "—"
    local = timezone.localtime(value)
    return f"{date_format(local, 'j F Y H.i')} WIB"


@register.filter
def ukuran(size: int | None) -> str:
    """A file size as people read it: 12 KB, 1,5 MB."""
    if size is None:
        return "—"
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{round(size / 1024)} KB"
    return f"{size / 1048576:.1f} MB".replace(".", ",")


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template ({{ docs_by_task|get_item:task.pk }})."""
    if mapping is None:
        return None
    return mapping.get(key)


@register.simple_tag(takes_context=True)
def alur_nav(context) -> dict:
    """What the navigation shows: my unread notifications and whether I work at an
    Inspektorat (the reviu overview). Two small queries per page."""
    from notifications.selectors import unread_count
    from organisation.models import Assignment, PerangkatDaerah

    user = context.get("user")
    if user is None or not user.is_authenticated:
        return {"unread": 0, "inspektorat": False}
    unread = context.get("unread")  # a page that counted already (the beranda)
    return {
        "unread": unread if unread is not None else unread_count(user=user, now=timezone.now()),
        "inspektorat": Assignment.objects.filter(
            user=user, end__isnull=True, position__pd__kind=PerangkatDaerah.Kind.INSPEKTORAT
        ).exists(),
    }
