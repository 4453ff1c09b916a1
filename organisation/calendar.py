"""Working time on the Indonesian calendar.

SOP times ("20 menit", "2 hari") are working time: minutes count only inside office hours
on working days, and a hari is one full office day. Two functions carry the whole idea:
`WorkingCalendar.add` puts a duration after a moment, `WorkingCalendar.between` measures
the working time between two moments; `between(t, add(t, d)) == d` for every t and d.

Working days are the PD's weekdays minus national holidays and cuti bersama (the
`holidays` package, country ID, categories public and government), adjusted by the
HolidayOverride rows an administrator keeps (late decrees change cuti bersama)."""

from __future__ import annotations

import datetime as dt
import functools
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field

import holidays

DURATION_UNREADABLE = (
    "Waktu '{text}' tidak dapat dibaca: tulis seperti '20 menit', '2 jam' atau '2 hari'."
)
NAIVE_DATETIME = "Waktu harus memiliki zona waktu (timezone-aware)."

_DURATION_RE = re.compile(r"^\s*(\d+)\s*(menit|jam|hari)(?:\s+kerja)?\s*$", re.IGNORECASE)
UNITS = ("menit", "jam", "hari")
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


@dataclass(frozen=True, order=True)
class Duration:
    """A SOP mutu baku time. `hari` are whole office days, `menit`/`jam` office minutes."""

    amount: int
    unit: str

    def __post_init__(self) -> None:
        if self.unit not in UNITS or self.amount < 0:
            raise ValueError(DURATION_UNREADABLE.format(text=f"{self.amount} {self.unit}"))

    @classmethod
    def parse(cls, text: str) -> Duration:
        match = _DURATION_RE.match(str(text or ""))
        if not match:
            raise ValueError(DURATION_UNREADABLE.format(text=text))
        return cls(int(match.group(1)), match.group(2).lower())

    def working_minutes(self, minutes_per_day: int) -> int:
        if self.unit == "hari":
            return self.amount * minutes_per_day
        if self.unit == "jam":
            return self.amount * 60
        return self.amount

    def __str__(self) -> str:
        return f"{self.amount} {self.unit}"


@functools.lru_cache(maxsize=64)
def national_holidays(year: int) -> frozenset[dt.date]:
    """Public holidays and cuti bersama of Indonesia for one year."""
    return frozenset(
        holidays.country_holidays("ID", years=year, categories=("public", "government")).keys()
    )


def national_holiday_names(year: int) -> dict[dt.date, str]:
    days = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return dict(sorted(days.items()))


@dataclass(frozen=True)
class WorkingCalendar:
    opens: dt.time = dt.time(7, 30)
    closes: dt.time = dt.time(16, 0)
    weekdays: frozenset[int] = frozenset({1, 2, 3, 4, 5})  # ISO: 1 = Monday
    tz: zoneinfo.ZoneInfo = WIB
    extra_holidays: frozenset[dt.date] = field(default_factory=frozenset)
    extra_workdays: frozenset[dt.date] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError("Jam pulang harus setelah jam masuk.")
        if not self.weekdays:
            raise ValueError("Sedikitnya satu hari kerja dalam seminggu.")

    # --- days -------------------------------------------------------------------------
    @property
    def day_length(self) -> dt.timedelta:
        return dt.datetime.combine(dt.date.min, self.closes) - dt.datetime.combine(
            dt.date.min, self.opens
        )

    @property
    def minutes_per_day(self) -> int:
        return int(self.day_length.total_seconds() // 60)

    def is_working_day(self, day: dt.date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.extra_holidays or day in national_holidays(day.year):
            return False
        return day.isoweekday() in self.weekdays

    def next_working_day(self, day: dt.date) -> dt.date:
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def previous_working_day(self, day: dt.date) -> dt.date:
        day -= dt.timedelta(days=1)
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def last_working_day_on_or_before(self, day: dt.date) -> dt.date:
        while not self.is_working_day(day):
            day -= dt.timedelta(days=1)
        return day

    def working_days(self, start: dt.date, end: dt.date) -> Iterable[dt.date]:
        """Working days from `start` to `end`, both included."""
        day = start
        while day <= end:
            if self.is_working_day(day):
                yield day
            day += dt.timedelta(days=1)

    def _open(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.opens, tzinfo=self.tz)

    def _close(self, day: dt.date) -> dt.datetime:
        return dt.datetime.combine(day, self.closes, tzinfo=self.tz)

    def _local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None or moment.utcoffset() is None:
            raise ValueError(NAIVE_DATETIME)
        return moment.astimezone(self.tz)

    # --- moments ----------------------------------------------------------------------
    def is_working_moment(self, moment: dt.datetime) -> bool:
        local = self._local(moment)
        return (
            self.is_working_day(local.date())
            and self.opens <= local.timetz().replace(tzinfo=None) <= self.closes
        )

    def next_working_moment(self, moment: dt.datetime) -> dt.datetime:
        """`moment` itself when the office is open (closing time included), else the next
        opening."""
        local = self._local(moment)
        day = local.date()
        if self.is_working_day(day):
            if local < self._open(day):
                return self._open(day)
            if local <= self._close(day):
                return local
        return self._open(self.next_working_day(day))

    def add(self, moment: dt.datetime, duration: Duration | str | dt.timedelta) -> dt.datetime:
        """The moment at which `duration` of working time has passed after `moment`.

        A step of "2 hari" begun on Monday at 10:00 is due on Wednesday at 10:00; one begun
        at 07:30 is due at the close of the second day, not the opening of the third."""
        remaining = self._as_timedelta(duration)
        current = self.next_working_moment(moment)
        while True:
            available = self._close(current.date()) - current
            if remaining <= available:
                return current + remaining
            remaining -= available
            current = self._open(self.next_working_day(current.date()))

    def previous_working_moment(self, moment: dt.datetime) -> dt.datetime:
        """`moment` itself when the office is open (opening time included), else the
        previous closing."""
        local = self._local(moment)
        day = local.date()
        if self.is_working_day(day):
            if local > self._close(day):
                return self._close(day)
            if local >= self._open(day):
                return local
        return self._close(self.previous_working_day(day))

    def subtract(self, moment: dt.datetime, duration: Duration | str | dt.timedelta) -> dt.datetime:
        """The latest moment from which `duration` of working time ends at `moment`: the
        latest start of a step that must be done by `moment`."""
        remaining = self._as_timedelta(duration)
        current = self.previous_working_moment(moment)
        while True:
            available = current - self._open(current.date())
            if remaining <= available:
                return current - remaining
            remaining -= available
            current = self._close(self.previous_working_day(current.date()))

    def count_working_days(self, start: dt.date, end: dt.date) -> int:
        """Working days from `start` to `end`, both included, without walking every day:
        whole weeks by arithmetic, then the holidays and overrides inside the range."""
        if end < start:
            return 0
        weeks, rest = divmod((end - start).days + 1, 7)
        count = weeks * len(self.weekdays)
        for offset in range(rest):
            if (start + dt.timedelta(days=weeks * 7 + offset)).isoweekday() in self.weekdays:
                count += 1
        special = set(self.extra_holidays) | set(self.extra_workdays)
        for year in range(start.year, end.year + 1):
            special |= national_holidays(year)
        for day in special:
            if start <= day <= end:
                count += int(self.is_working_day(day)) - int(day.isoweekday() in self.weekdays)
        return count

    def between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Working time from `start` to `end` (negative when `end` comes first)."""
        start, end = self._local(start), self._local(end)
        if end < start:
            return -self.between(end, start)

        def overlap(day: dt.date, lo: dt.datetime, hi: dt.datetime) -> dt.timedelta:
            if not self.is_working_day(day):
                return dt.timedelta()
            lo, hi = max(lo, self._open(day)), min(hi, self._close(day))
            return hi - lo if hi > lo else dt.timedelta()

        first, last = start.date(), end.date()
        if first == last:
            return overlap(first, start, end)
        whole_days = self.count_working_days(
            first + dt.timedelta(days=1), last - dt.timedelta(days=1)
        )
        return (
            overlap(first, start, self._close(first))
            + whole_days * self.day_length
            + overlap(last, self._open(last), end)
        )

    def deadline_moment(self, day: dt.date) -> dt.datetime:
        """The close of office on `day`, or on the last working day before it."""
        return self._close(self.last_working_day_on_or_before(day))

    def _as_timedelta(self, duration: Duration | str | dt.timedelta) -> dt.timedelta:
        if isinstance(duration, dt.timedelta):
            if duration < dt.timedelta():
                raise ValueError("Durasi tidak boleh negatif.")
            return duration
        if isinstance(duration, str):
            duration = Duration.parse(duration)
        return dt.timedelta(minutes=duration.working_minutes(self.minutes_per_day))

    def as_duration_text(self, span: dt.timedelta) -> str:
        """Working time as people say it: "2 hari kerja", "3 jam", "45 menit"."""
        minutes = int(abs(span).total_seconds() // 60)
        days, rest = divmod(minutes, self.minutes_per_day)
        if days:
            return f"{days} hari kerja"
        if rest >= 60:
            return f"{rest // 60} jam"
        return f"{rest} menit"


def calendar_for_pd(pd, overrides: list[tuple[dt.date, str, int | None]] | None = None):
    """The working calendar of one perangkat daerah.

    `overrides` are HolidayOverride rows as (date, kind, kabupaten id); when not given they
    are read (one query). A kabupaten's own override of a date wins over a national one."""
    from .models import HolidayOverride

    if overrides is None:
        overrides = holiday_overrides()
    kinds: dict[dt.date, str] = {}
    for day, kind, kabupaten_id in sorted(overrides, key=lambda r: r[2] is not None):
        if kabupaten_id in (None, pd.kabupaten_id):
            kinds[day] = kind
    return WorkingCalendar(
        opens=pd.office_opens,
        closes=pd.office_closes,
        weekdays=frozenset(int(c) for c in pd.working_weekdays),
        tz=zoneinfo.ZoneInfo(pd.timezone),
        extra_holidays=frozenset(d for d, k in kinds.items() if k == HolidayOverride.Kind.LIBUR),
        extra_workdays=frozenset(d for d, k in kinds.items() if k == HolidayOverride.Kind.MASUK),
    )


def holiday_overrides(kabupaten_id: int | None = None) -> list[tuple[dt.date, str, int | None]]:
    """Every HolidayOverride row as (date, kind, kabupaten id); national ones included."""
    from django.db.models import Q

    from .models import HolidayOverride

    rows = HolidayOverride.objects.all()
    if kabupaten_id is not None:
        rows = rows.filter(Q(kabupaten__isnull=True) | Q(kabupaten_id=kabupaten_id))
    return list(rows.values_list("date", "kind", "kabupaten_id"))


BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ZONE_NAMES = {7: "WIB", 8: "WITA", 9: "WIT"}


def format_tanggal(day: dt.date) -> str:
    """A date as an Indonesian letter writes it: 3 Februari 2025."""
    return f"{day.day} {BULAN[day.month - 1]} {day.year}"


def format_waktu(moment: dt.datetime, tz: zoneinfo.ZoneInfo = WIB) -> str:
    """A moment in the office's zone: 3 Februari 2025 13.56 WIB (whatever the language)."""
    local = moment.astimezone(tz)
    hours = int(local.utcoffset().total_seconds() // 3600)
    return f"{format_tanggal(local.date())} {local:%H.%M} {ZONE_NAMES.get(hours, local.tzname())}"
