"""NIP (Nomor Induk Pegawai) validation.

An NIP has 18 digits: birth date (YYYYMMDD), appointment month as CPNS (YYYYMM), sex
(1 = laki-laki, 2 = perempuan) and a three-digit serial. Printed forms group them as
"19851015 200412 1 001"; spaces are accepted on input and removed."""

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError

NIP_NOT_18_DIGITS = "NIP harus terdiri dari 18 angka."
NIP_BAD_BIRTH_DATE = "Tanggal lahir pada NIP (angka 1-8) bukan tanggal yang sah."
NIP_BAD_APPOINTMENT = "Bulan pengangkatan pada NIP (angka 9-14) bukan bulan yang sah."
NIP_APPOINTMENT_TOO_EARLY = "Pengangkatan pada NIP terjadi sebelum pegawai berusia 18 tahun."
NIP_BAD_SEX = "Digit jenis kelamin pada NIP (angka ke-15) harus 1 atau 2."
NIP_BAD_SERIAL = "Nomor urut pada NIP (angka 16-18) tidak boleh 000."


@dataclass(frozen=True)
class NipParts:
    birth_date: dt.date
    appointment_year: int
    appointment_month: int
    sex: str  # "L" or "P"
    serial: int


def normalise_nip(value: str) -> str:
    return "".join((value or "").split())


def parse_nip(value: str) -> NipParts:
    nip = normalise_nip(value)
    if len(nip) != 18 or not nip.isdigit():
        raise ValidationError(NIP_NOT_18_DIGITS, code="nip_length")
    try:
        birth = dt.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(NIP_BAD_BIRTH_DATE, code="nip_birth") from None
    year, month = int(nip[8:12]), int(nip[12:14])
    if not (1 <= month <= 12) or year < 1900:
        raise ValidationError(NIP_BAD_APPOINTMENT, code="nip_appointment")
    if (year, month) < (birth.year + 18, birth.month):
        raise ValidationError(NIP_APPOINTMENT_TOO_EARLY, code="nip_appointment_early")
    if nip[14] not in "12":
        raise ValidationError(NIP_BAD_SEX, code="nip_sex")
    serial = int(nip[15:18])
    if serial == 0:
        raise ValidationError(NIP_BAD_SERIAL, code="nip_serial")
    return NipParts(birth, year, month, "L" if nip[14] == "1" else "P", serial)


def validate_nip(value: str) -> None:
    parse_nip(value)


def format_nip(value: str) -> str:
    """19851015 200412 1 001, as printed under a signature."""
    nip = normalise_nip(value)
    if len(nip) != 18:
        return value
    return f"{nip[0:8]} {nip[8:14]} {nip[14]} {nip[15:18]}"
