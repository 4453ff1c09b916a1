import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from organisation import validators as v


def test_valid_nip_parts_are_read():
    parts = v.parse_nip("19851015 200412 1 001")
    assert parts.birth_date == dt.date(1985, 10, 15)
    assert (parts.appointment_year, parts.appointment_month) == (2004, 12)
    assert parts.sex == "L"
    assert parts.serial == 1


def test_nip_is_printed_in_groups():
    assert v.format_nip("198510152004121001") == "19851015 200412 1 001"


@pytest.mark.parametrize(
    ("nip", "message"),
    [
        ("12345", v.NIP_NOT_18_DIGITS),
        ("19851015200412100A", v.NIP_NOT_18_DIGITS),
        ("19851315200412 1001", v.NIP_BAD_BIRTH_DATE),
        ("19850230200412 1001", v.NIP_BAD_BIRTH_DATE),
        ("198510152004131001", v.NIP_BAD_APPOINTMENT),
        ("198510152000121001", v.NIP_APPOINTMENT_TOO_EARLY),
        ("198510152004123001", v.NIP_BAD_SEX),
        ("198510152004121000", v.NIP_BAD_SERIAL),
    ],
)
def test_invalid_nip_is_refused_with_its_reason(nip, message):
    with pytest.raises(ValidationError) as exc:
        v.validate_nip(nip)
    assert exc.value.messages == [message]
