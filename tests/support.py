"""Test helpers shared across the suite: the LKjIP driver and small upload files."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.core.files.uploadedfile import SimpleUploadedFile

from workflow.demo import LkjipScript

WIB = zoneinfo.ZoneInfo("Asia/Jakarta")
T0 = dt.datetime(2025, 1, 6, 8, 0, tzinfo=WIB)  # Monday


def upload(name="berkas.pdf", content=b"%PDF-1.4 isi"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


class Driver(LkjipScript):
    """The demo script on Kragan's LKjIP 2025, starting Monday 6 January 2025 08:00."""

    def __init__(self, users, demo, year=2025):
        super().__init__(demo["kragan"], year, T0)
        self.users = users
