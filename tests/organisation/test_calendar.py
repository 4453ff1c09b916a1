"""The working calendar: SOP durations are office time on Indonesian working days."""

import datetime as dt
import zoneinfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from organisation.calendar import Duration, WorkingCalendar, calendar_for_pd, national_holidays

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
CAL = WorkingCalendar()


def at(y, m, d, hh=0, mm=0):
    return dt.datetime(y, m, d, hh, mm, tzinfo=WIB)


def test_duration_is_parsed_from_sop_text():
    assert Duration.parse("20 menit") == Duration(20, "menit")
    assert Duration.parse("2 Hari") == Duration(2, "hari")
    assert Duration.parse("120 menit") == Duration(120, "menit")
    assert Duration.parse("3 hari kerja") == Duration(3, "hari")


@pytest.mark.parametrize("text", ["", "dua hari", "2 minggu", "-1 hari", "20"])
def test_unreadable_duration_is_refused_with_its_text(text):
    with pytest.raises(ValueError, match="tidak dapat dibaca"):
        Duration.parse(text)


def test_minutes_inside_one_day():
    assert CAL.add(at(2025, 1, 6, 9, 0), "20 menit") == at(2025, 1, 6, 9, 20)


def test_minutes_carry_over_the_end_of_the_day():
    # Monday 15:50 + 20 menit: 10 minutes on Monday, 10 on Tuesday from 07:30.
    assert CAL.add(at(2025, 1, 6, 15, 50), "20 menit") == at(2025, 1, 7, 7, 40)


def test_minutes_ending_exactly_at_closing_stay_on_that_day():
    assert CAL.add(at(2025, 1, 6, 14, 0), "120 menit") == at(2025, 1, 6, 16, 0)


def test_start_outside_office_hours_counts_from_next_opening():
    assert CAL.add(at(2025, 1, 6, 18, 0), "20 menit") == at(2025, 1, 7, 7, 50)
    assert CAL.add(at(2025, 1, 6, 5, 0), "20 menit") == at(2025, 1, 6, 7, 50)


def test_days_skip_the_weekend():
    # Friday 10:00 + 2 hari = Tuesday 10:00.
    assert CAL.add(at(2025, 1, 10, 10, 0), "2 hari") == at(2025, 1, 14, 10, 0)


def test_days_begun_at_opening_end_at_a_closing():
    assert CAL.add(at(2025, 1, 6, 7, 30), "2 hari") == at(2025, 1, 7, 16, 0)


def test_days_skip_idul_fitri_and_cuti_bersama_2025():
    # Fri 28 Mar (cuti bersama Nyepi) and 31 Mar - 7 Apr 2025 (Idul Fitri and cuti
    # bersama) are off: Thursday 27 Mar 10:00 + 2 hari = Wednesday 9 Apr 10:00.
    assert CAL.add(at(2025, 3, 27, 10, 0), "2 hari") == at(2025, 4, 9, 10, 0)


def test_days_cross_the_year_boundary_over_new_year():
    # 31 Dec 2024 (Tue) 12:00 + 1 hari: 1 Jan is a holiday -> Thursday 2 Jan 12:00.
    assert CAL.add(at(2024, 12, 31, 12, 0), "1 hari") == at(2025, 1, 2, 12, 0)


def test_cuti_bersama_is_a_holiday():
    assert dt.date(2025, 4, 2) in national_holidays(2025)  # Idul Fitri cuti bersama


def test_between_counts_only_office_time():
    assert CAL.between(at(2025, 1, 6, 15, 0), at(2025, 1, 7, 8, 30)) == dt.timedelta(hours=2)


def test_between_is_negative_backwards():
    assert CAL.between(at(2025, 1, 7, 8, 30), at(2025, 1, 6, 15, 0)) == -dt.timedelta(hours=2)


def test_between_over_a_weekend_counts_nothing():
    assert CAL.between(at(2025, 1, 10, 16, 0), at(2025, 1, 13, 7, 30)) == dt.timedelta()


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="zona waktu"):
        CAL.add(dt.datetime(2025, 1, 6, 9, 0), "20 menit")


def test_extra_holiday_and_extra_workday_override_the_national_calendar():
    cal = WorkingCalendar(
        extra_holidays=frozenset({dt.date(2025, 1, 7)}),
        extra_workdays=frozenset({dt.date(2025, 1, 1)}),
    )
    assert not cal.is_working_day(dt.date(2025, 1, 7))
    assert cal.is_working_day(dt.date(2025, 1, 1))


def test_deadline_moment_falls_back_to_the_last_working_day():
    # 28 Feb 2026 is a Saturday: the deadline is Friday 27 Feb at closing.
    assert CAL.deadline_moment(dt.date(2026, 2, 28)) == at(2026, 2, 27, 16, 0)


def test_other_time_zone_and_office_hours():
    wita = zoneinfo.ZoneInfo("Asia/Makassar")
    cal = WorkingCalendar(opens=dt.time(8, 0), closes=dt.time(15, 0), tz=wita)
    start = dt.datetime(2025, 1, 6, 14, 30, tzinfo=wita)
    assert cal.add(start, "60 menit") == dt.datetime(2025, 1, 7, 8, 30, tzinfo=wita)


@pytest.mark.django_db
def test_calendar_for_pd_applies_kabupaten_override_over_national(demo):
    from organisation.models import HolidayOverride

    kragan = demo["kragan"]
    HolidayOverride.objects.create(
        date=dt.date(2025, 1, 8), kind="libur", description="Libur nasional tambahan"
    )
    HolidayOverride.objects.create(
        date=dt.date(2025, 1, 8),
        kind="masuk",
        description="Rembang tetap masuk",
        kabupaten=kragan.kabupaten,
    )
    HolidayOverride.objects.create(
        date=dt.date(2025, 1, 9), kind="libur", description="Cuti bersama susulan"
    )
    cal = calendar_for_pd(kragan)
    assert cal.is_working_day(dt.date(2025, 1, 8))
    assert not cal.is_working_day(dt.date(2025, 1, 9))


# --- properties ------------------------------------------------------------------------
moments = st.datetimes(min_value=dt.datetime(2023, 1, 1), max_value=dt.datetime(2027, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=WIB)
)
durations = st.one_of(
    st.builds(Duration, st.integers(0, 600), st.just("menit")),
    st.builds(Duration, st.integers(0, 25), st.just("hari")),
)


@settings(max_examples=300, deadline=None)
@given(moments, durations)
def test_between_measures_exactly_what_add_added(start, duration):
    end = CAL.add(start, duration)
    assert CAL.between(start, end) == dt.timedelta(minutes=duration.working_minutes(510))


@settings(max_examples=300, deadline=None)
@given(moments, durations)
def test_add_ends_inside_office_hours_of_a_working_day(start, duration):
    end = CAL.add(start, duration)
    assert CAL.is_working_moment(end)
    assert end >= start


@settings(max_examples=200, deadline=None)
@given(moments, durations, durations)
def test_adding_in_two_parts_equals_adding_at_once(start, first, second):
    minutes = first.working_minutes(510) + second.working_minutes(510)
    once = CAL.add(start, dt.timedelta(minutes=minutes))
    assert CAL.add(CAL.add(start, first), second) == once


@settings(max_examples=200, deadline=None)
@given(moments, moments, durations)
def test_add_is_monotonic_in_the_start(a, b, duration):
    early, late = min(a, b), max(a, b)
    assert CAL.add(early, duration) <= CAL.add(late, duration)


@settings(max_examples=200, deadline=None)
@given(moments, moments, moments)
def test_between_is_additive(a, b, c):
    a, b, c = sorted([a, b, c])
    assert CAL.between(a, b) + CAL.between(b, c) == CAL.between(a, c)


def test_subtract_finds_the_latest_start():
    # Due Tuesday 10:00 after 2 hari: latest start is the previous Thursday 10:00.
    assert CAL.subtract(at(2025, 1, 14, 10, 0), "2 hari") == at(2025, 1, 10, 10, 0)


def test_subtract_from_a_weekend_counts_back_from_fridays_close():
    assert CAL.subtract(at(2025, 1, 11, 12, 0), "30 menit") == at(2025, 1, 10, 15, 30)


@settings(max_examples=300, deadline=None)
@given(moments, durations)
def test_subtract_measures_exactly_what_it_took_away(end, duration):
    start = CAL.subtract(end, duration)
    assert CAL.between(start, end) == dt.timedelta(minutes=duration.working_minutes(510))
    assert CAL.is_working_moment(start)


def test_dates_and_times_are_written_the_indonesian_way():
    from organisation.calendar import format_tanggal, format_waktu

    assert format_tanggal(dt.date(2025, 2, 3)) == "3 Februari 2025"
    assert format_waktu(at(2025, 2, 3, 13, 56)) == "3 Februari 2025 13.56 WIB"
    moment = dt.datetime(2025, 2, 3, 6, 56, tzinfo=dt.UTC)
    assert format_waktu(moment, zoneinfo.ZoneInfo("Asia/Makassar")) == "3 Februari 2025 14.56 WITA"
