"""The browser can log in and read the SOP catalogue (Debian's Chromium via Playwright)."""

import pytest

from .conftest import login, shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_camat_logs_in_and_reads_the_lkjip_sop(page, demo):
    login(page, "camat.kragan")
    page.goto("/sop/lkjip/")
    assert page.locator("h1, h2").first.is_visible()
    assert page.get_by_text("800/15.2/2025").first.is_visible()
    shot(page, "sop-lkjip")


def test_wrong_password_is_refused_in_indonesian(page, demo):
    login(page, "camat.kragan", "salah")
    assert page.get_by_text("sandi yang benar").is_visible()
    shot(page, "login-gagal")
