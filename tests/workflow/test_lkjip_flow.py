"""The LKjIP SOP acted out through the services by the demo users."""

import pytest

from workflow.models import AuditEntry, Task

pytestmark = pytest.mark.django_db


def test_whole_sop_with_a_koreksi_loop_ends_archived(lkjip):
    lkjip.run_until(7)
    lkjip.koreksi()
    assert lkjip.process.state == "langkah-5"
    lkjip.step5()
    lkjip.step6()
    lkjip.sign()
    lkjip.step8()
    process = lkjip.step9()
    assert process.state == "selesai"
    assert process.finished_at is not None
    actions = list(
        AuditEntry.objects.filter(process=process, kind="transition").values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "disposisi",
        "bentuk_tim",
        "ajukan_reviu",
        "kirim_lhr",
        "teruskan_ke_sekretaris",
        "paraf",
        "kembalikan_koreksi",
        "teruskan_ke_sekretaris",
        "paraf",
        "tandatangani",
        "sampaikan",
        "arsipkan",
    ]
    assert not Task.objects.filter(process=process, status="open").exists()
